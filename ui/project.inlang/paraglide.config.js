// Read by both `paraglide-js compile` (npm run i18n) and the Vite plugin.
export default {
  outdir: './src/lib/paraglide',
  // The language comes from the desk's settings through IPC; i18n.svelte.ts sets it.
  strategy: ['globalVariable', 'baseLocale'],
  emitTsDeclarations: true,
  emitReadme: false,
};
