import { afterEach, describe, expect, it } from 'vitest';
import { compareText, formatDateTime, formatNumber, formatRelative } from './format';
import { showIn } from './i18n.svelte';

afterEach(() => showIn('en'));

const NOW = new Date('2026-11-22T12:00:00Z');

describe('format', () => {
  it('writes numbers the current language’s way, and follows a switch', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
    showIn('de');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    showIn('tr');
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });

  it('writes dates and times in the current language', () => {
    const at = '2026-11-21T10:05:00Z';
    const english = formatDateTime(at);
    showIn('ja');
    const japanese = formatDateTime(at);
    expect(japanese).not.toBe(english);
    expect(japanese).toMatch(/2026\/11\/2[01]/);
    showIn('de');
    expect(formatDateTime(new Date(at))).toMatch(/2[01]\.11\.2026/);
  });

  it('says how long ago, in the nearest whole unit', () => {
    expect(formatRelative('2026-11-22T11:57:00Z', NOW)).toBe('3 minutes ago');
    expect(formatRelative('2026-11-21T12:00:00Z', NOW)).toBe('yesterday');
    expect(formatRelative('2026-11-22T11:59:50Z', NOW)).toBe('now');
    showIn('it');
    expect(formatRelative('2026-11-22T09:00:00Z', NOW)).toBe('3 ore fa');
    showIn('zh-TW');
    expect(formatRelative('2026-11-22T11:57:00Z', NOW)).toBe('3 分鐘前');
  });

  it('sorts names the way the current language does', () => {
    const names = ['zeta', 'Äpfel', 'apple', 'Ärger', 'b10', 'b9'];
    expect([...names].sort(compareText)).toEqual(['Äpfel', 'apple', 'Ärger', 'b9', 'b10', 'zeta']);
    showIn('tr');
    expect(['ılık', 'ışık', 'iz', 'ince'].sort(compareText)).toEqual(['ılık', 'ışık', 'ince', 'iz']);
  });
});
