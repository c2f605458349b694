// A wizard as steps over one draft: which page is open, Back and Next, saving the open page
// before leaving, opening a saved draft on a given page, and dropping answers that come back
// after the wizard was emptied. What each page holds and saves lives in its own page store.
import { Generation, type Current } from '../generation';
import type { LeaveGuard } from '../leave-guard';
import type { Problems } from './problems.svelte';

export interface StepDef<S extends string> {
  readonly id: S;
  /** The page's title in the current language. */
  readonly title: () => string;
}

/** What the engine asks of a page store. */
export interface WizardPage<D> {
  /** What is wrong on the page. */
  readonly problems: Problems;
  /** Something typed on the page is not saved yet. */
  readonly unsaved: boolean;
  /** Next (or Finish, on the last page): save, check the page is complete, and say whether to move on. */
  complete(): Promise<boolean>;
  /** Save what was typed without moving; true when nothing typed is lost. */
  saveBeforeLeave(): Promise<boolean>;
  /** The page is shown: read what it shows. */
  enter?(): Promise<void>;
  /** The page's fields take the draft's saved values (when a draft is opened). */
  fill?(draft: D): void;
  /** Forget everything typed, and everything read for the draft. */
  reset(): void;
}

export class WizardEngine<S extends string, D> implements LeaveGuard {
  readonly steps: readonly StepDef<S>[];
  step: S = $state() as S;
  /** The draft as last saved; null until the first page is saved. */
  draft: D | null = $state(null);

  #pages: Record<S, WizardPage<D>> | null = null;
  /** Saves and checks running; not touched by one that a reset made stale. */
  #running = $state(0);
  /** A new one on every reset: an answer that comes back after it touches nothing. */
  #generation = new Generation();
  #idleWaiters: (() => void)[] = [];

  constructor(steps: readonly StepDef<S>[]) {
    if (steps.length === 0) throw new Error('a wizard needs a step');
    this.steps = steps;
    this.step = steps[0].id;
  }

  /** The page stores, once built (they take the engine in their constructor). */
  attach(pages: Record<S, WizardPage<D>>): void {
    this.#pages = pages;
  }

  get #all(): Record<S, WizardPage<D>> {
    if (!this.#pages) throw new Error('attach the pages first');
    return this.#pages;
  }

  /** The open page's store. */
  get page(): WizardPage<D> {
    return this.#all[this.step];
  }

  pageOf(step: S): WizardPage<D> {
    return this.#all[step];
  }

  get stepIndex(): number {
    return this.steps.findIndex((s) => s.id === this.step);
  }

  get isFirst(): boolean {
    return this.stepIndex === 0;
  }

  get isLast(): boolean {
    return this.stepIndex === this.steps.length - 1;
  }

  #finishing = false;

  get busy(): boolean {
    return this.#running > 0;
  }

  get unsaved(): boolean {
    return this.page.unsaved;
  }

  /** Pages after the first exist only once the draft does. */
  canVisit(step: S): boolean {
    return step === this.steps[0].id || this.draft !== null;
  }

  /** A check that turns false at the next reset. */
  current(): Current {
    return this.#generation.current();
  }

  /**
   * Run `work` as one save or check: busy until it ends, and `whenIdle` waits for it. When a
   * reset comes meanwhile it ends without touching anything, `busy` included.
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const current = this.current();
    this.#running++;
    try {
      return await work();
    } finally {
      if (current()) {
        this.#running--;
        this.#wakeIdleWaiters();
      }
    }
  }

  /**
   * One IPC call as a save or check. Resolves to its answer; to null when it failed (after
   * `onError` has shown why) or when a reset came while it ran (the answer is dropped unseen).
   */
  async call<T>(fn: () => Promise<T>, onError: (e: unknown) => void): Promise<T | null> {
    const current = this.current();
    return this.hold(async () => {
      try {
        const answer = await fn();
        return current() ? answer : null;
      } catch (e) {
        if (current()) onError(e);
        return null;
      }
    });
  }

  /** Resolves once no save or check is running: at once when none is. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #wakeIdleWaiters(): void {
    if (this.busy) return;
    const waiting = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiting) wake();
  }

  /** Empty the wizard, including anything typed; what is running is dropped. */
  reset(): void {
    this.#generation.next();
    this.step = this.steps[0].id;
    this.draft = null;
    this.#running = 0;
    for (const step of this.steps) this.#all[step.id].reset();
    this.#wakeIdleWaiters();
  }

  /**
   * Empty the wizard, then open a saved draft on the page `at` chooses (the first incomplete
   * one, when resuming). False when it cannot be read (after `onError`) or when a reset came
   * while it was opening.
   */
  async open(load: () => Promise<D>, at: (draft: D) => S, onError: (e: unknown) => void): Promise<boolean> {
    this.reset();
    const current = this.current();
    const draft = await this.call(load, onError);
    if (draft === null || !current()) return false;
    this.draft = draft;
    for (const step of this.steps) this.#all[step.id].fill?.(draft);
    await this.goTo(at(draft));
    return current();
  }

  /** Show a page without saving the open one; what was typed stays in its store. */
  async goTo(step: S): Promise<void> {
    if (!this.canVisit(step)) return;
    this.page.problems.clear();
    this.step = step;
    const page = this.page;
    page.problems.clear();
    await page.enter?.();
  }

  async back(): Promise<void> {
    const i = this.stepIndex;
    if (i > 0) await this.goTo(this.steps[i - 1].id);
  }

  /** Save the open page and move on. Returns whether it moved. */
  async next(): Promise<boolean> {
    const i = this.stepIndex;
    if (this.busy || this.isLast) return false;
    const current = this.current();
    if (!(await this.page.complete()) || !current()) return false;
    await this.goTo(this.steps[i + 1].id);
    return true;
  }

  /** The last page's Finish. Returns whether the draft is complete now. */
  async finish(): Promise<boolean> {
    if (this.#finishing || !this.isLast) return false;
    this.#finishing = true;
    try {
      // A check still running on the last page (Done reads the routes) must not swallow the click.
      const current = this.current();
      await this.whenIdle();
      return current() && this.page.complete();
    } finally {
      this.#finishing = false;
    }
  }

  /** Save what was typed on the open page, so that leaving loses nothing (LeaveGuard). */
  async saveBeforeLeave(): Promise<boolean> {
    if (this.busy) return false;
    return this.page.saveBeforeLeave();
  }
}
