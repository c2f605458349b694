// The UI's language. Paraglide's message functions read the locale through `getLocale`, which
// reads reactive state here, so every message on screen follows a switch without a reload.
// Dates and numbers go through format.ts for the same reason.
import { baseLocale, isLocale, locales, overwriteGetLocale, type Locale } from './paraglide/runtime';

export type { Locale };
export { locales };

let current = $state<Locale>(baseLocale);

overwriteGetLocale(() => current);

export function locale(): Locale {
  return current;
}

/** One of the six, or English for anything else (an unknown or missing tag). */
export function toLocale(tag: string | null | undefined): Locale {
  return isLocale(tag) ? tag : baseLocale;
}

/** Shows the UI in `next` at once, `<html lang>` included; the caller stores the choice. */
export function showIn(next: Locale): void {
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The language's own name for itself, as a list shows it: "Deutsch", "日本語", "Italiano". */
export function languageName(of: Locale): string {
  const name = new Intl.DisplayNames([of], { type: 'language' }).of(of) ?? of;
  return name.charAt(0).toLocaleUpperCase(of) + name.slice(1);
}
