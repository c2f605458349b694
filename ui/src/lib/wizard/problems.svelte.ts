// What is wrong on a wizard page, kept as data (never as text) so that a language switch
// re-renders it: each field's problem under its field, the rest above the page, and a problem
// of the OS keyring in a notice of its own.
import type { AuthMethod } from '../bindings/AuthMethod';
import { toAppError, type AppError } from '../ipc';
import { isKeyringProblem } from '../keyring';

/** One problem shown: an error from Rust, or something the wizard itself found. */
export type Problem =
  | { kind: 'error'; error: AppError }
  /** Next on WhatsApp numbers without a number. */
  | { kind: 'no_numbers' }
  /** The page was saved, but the keyring holds no secret for the method chosen. */
  | { kind: 'secret_required'; method: AuthMethod };

/** Every problem a refused call reports: Rust sends the page's other problems in `more`. */
export function everyError(e: unknown): AppError[] {
  const first = toAppError(e);
  return [first, ...first.more.map(toAppError)];
}

export class Problems {
  /** By field name, as Rust names it in `Error.field`. */
  fields: Record<string, Problem> = $state({});
  /** Problems that belong to no field on screen, in the order they came. */
  page: Problem[] = $state([]);
  /** The OS keyring could not be used. */
  keyring: AppError | null = $state(null);
  /**
   * Counts refusals (a save or check that reported problems), so the page can move focus to
   * the first invalid field after each, even when the problems are the same as before.
   */
  refusals = $state(0);

  /** The page's fields in the order they appear, for `firstInvalid`. */
  readonly #order: readonly string[];

  constructor(fieldOrder: readonly string[]) {
    this.#order = fieldOrder;
  }

  /** The first field, top to bottom, that has a problem. */
  get firstInvalid(): string | null {
    return this.#order.find((f) => f in this.fields) ?? null;
  }

  get any(): boolean {
    return this.page.length > 0 || this.keyring !== null || Object.keys(this.fields).length > 0;
  }

  clear(): void {
    this.fields = {};
    this.page = [];
    this.keyring = null;
  }

  clearField(field: string): void {
    if (!(field in this.fields)) return;
    this.fields = Object.fromEntries(Object.entries(this.fields).filter(([f]) => f !== field));
  }

  /**
   * Show every problem of a refused call at once: each under its field when `onScreen` has the
   * field, the others above the page. `fieldOf` may move an error to another field.
   */
  showRefusal(e: unknown, onScreen: readonly string[], fieldOf: (err: AppError) => string | null = (err) => err.field): void {
    this.clear();
    const fields: Record<string, Problem> = {};
    const page: Problem[] = [];
    for (const err of everyError(e)) {
      if (isKeyringProblem(err)) {
        this.keyring ??= err;
        continue;
      }
      const field = fieldOf(err);
      if (field !== null && onScreen.includes(field)) fields[field] ??= { kind: 'error', error: err };
      else page.push({ kind: 'error', error: err });
    }
    this.fields = fields;
    this.page = page;
    this.refusals++;
  }

  /** Adds a problem the wizard found to those of the refusal just shown. */
  alsoShow(problem: Problem, field: string): void {
    this.fields = { ...this.fields, [field]: problem };
  }

  /** Show one problem the wizard found: under `field`, or above the page without one. */
  showOwn(problem: Problem, field: string | null = null): void {
    this.clear();
    if (field === null) this.page = [problem];
    else this.fields = { [field]: problem };
    this.refusals++;
  }
}
