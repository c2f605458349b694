// Dates, numbers and sorting in the UI's current language; each follows a switch of language.
import { locale, type Locale } from './i18n.svelte';

export function formatDateTime(value: string | Date): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** "3 minutes ago", "yesterday": the nearest whole unit. */
export function formatRelative(value: string | Date, now: Date = new Date()): string {
  const seconds = (new Date(value).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Compares names the way the current language sorts them (accents and case folded). */
export function compareText(a: string, b: string): number {
  return collator().compare(a, b);
}

let collatorFor: Locale | null = null;
let collatorCache: Intl.Collator | null = null;
function collator(): Intl.Collator {
  if (collatorFor !== locale() || collatorCache === null) {
    collatorCache = new Intl.Collator(locale(), { sensitivity: 'base', numeric: true });
    collatorFor = locale();
  }
  return collatorCache;
}
