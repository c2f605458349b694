import { fileURLToPath, URL } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Paraglide's options live in project.inlang/paraglide.config.js. Under vitest, `npm test` has
  // compiled the catalogs already, and the plugin's file watcher would keep vitest from exiting.
  plugins: [svelte(), svelteTesting(), ...(process.env.VITEST ? [] : [paraglideVitePlugin({ project: './project.inlang' })])],
  clearScreen: false,
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Everything goes into files: the CSP allows no inline script or style.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
