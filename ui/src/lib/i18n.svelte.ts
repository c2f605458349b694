// The UI's language. Paraglide's message functions read the locale through `getLocale`, which
// reads reactive state here, so every message on screen follows a switch without a reload.
// Dates and numbers go through format.ts for the same reason.
import { baseLocale, locales, overwriteGetLocale, type Locale } from './paraglide/runtime';

export type { Locale };
export { locales };

let current = $state<Locale>(baseLocale);

overwriteGetLocale(() => current);

export function locale(): Locale {
  return current;
}

/** Shows the UI in `next` at once; the caller stores the choice. */
export function showIn(next: Locale): void {
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The language's own name for itself: "Deutsch", "日本語". */
export function languageName(of: Locale): string {
  return new Intl.DisplayNames([of], { type: 'language' }).of(of) ?? of;
}
