// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { showIn } from '$lib/i18n.svelte';
import { view } from '$lib/view.svelte';
import Nav from './Nav.svelte';

afterEach(() => {
  showIn('en');
  view.current = 'accounts';
});

function current(): string[] {
  return [...document.querySelectorAll('[aria-current="page"]')].map((a) => a.textContent?.trim() ?? '');
}

describe('Nav', () => {
  it('is a named navigation landmark', () => {
    render(Nav);
    expect(screen.getByRole('navigation', { name: 'Main menu' })).toBeTruthy();
  });

  it('marks the page the user is on, an account and its wizard belonging to Messaging accounts', () => {
    render(Nav);
    expect(current()).toEqual(['Messaging accounts']);
    view.current = 'settings';
    flushSync();
    expect(current()).toEqual(['Settings']);
    for (const screen of ['wizard', 'account'] as const) {
      view.current = screen;
      flushSync();
      expect(current()).toEqual(['Messaging accounts']);
    }
  });

  it('has Workstreams, with a workstream and its "Set up WhatsApp", Message templates, with a template, and Queues', () => {
    render(Nav);
    expect([...document.querySelectorAll('nav a')].map((a) => a.id)).toEqual([
      'nav-accounts',
      'nav-workstreams',
      'nav-templates',
      'nav-queues',
      'nav-settings',
    ]);
    for (const screen of ['workstreams', 'workstream', 'setup'] as const) {
      view.current = screen;
      flushSync();
      expect(current()).toEqual(['Workstreams']);
    }
    for (const screen of ['templates', 'template'] as const) {
      view.current = screen;
      flushSync();
      expect(current()).toEqual(['Message templates']);
    }
    view.current = 'queues';
    flushSync();
    expect(current()).toEqual(['Queues']);
  });

  it('follows a switch of language', () => {
    render(Nav);
    showIn('de');
    flushSync();
    expect(screen.getByRole('navigation', { name: 'Hauptmenü' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Messagingkonten' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Arbeitsstreams' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Warteschlangen' })).toBeTruthy();
  });
});
