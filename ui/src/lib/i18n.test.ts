// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { languageName, locale, locales, showIn, toLocale } from './i18n.svelte';
import { m } from './paraglide/messages';

afterEach(() => showIn('en'));

describe('the UI language', () => {
  it('switches every message at once, and <html lang> with it', () => {
    expect(m.common_settings()).toBe('Settings');
    showIn('ja');
    expect(locale()).toBe('ja');
    expect(m.common_settings()).toBe('設定');
    expect(document.documentElement.lang).toBe('ja');
    showIn('tr');
    expect(m.common_cancel()).toBe('İptal');
    expect(document.documentElement.lang).toBe('tr');
  });

  it('takes one of the six from Rust, and English for anything else', () => {
    expect(toLocale('zh-TW')).toBe('zh-TW');
    expect(toLocale('de')).toBe('de');
    expect(toLocale('fr')).toBe('en');
    expect(toLocale(null)).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  it('names each language in that language, as a list shows it', () => {
    expect(locales.map(languageName)).toEqual(['English', '中文（台灣）', '日本語', 'Italiano', 'Deutsch', 'Türkçe']);
  });
});
