// The app-wide status message ("Account created", "Saved"), read out by the live region in
// App.svelte. Any screen says what an action did with `status.say`.

/** How long a message stays on screen. */
const SHOWN_FOR_MS = 8000;

class StatusStore {
  #text: (() => string) | null = $state(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The message in the current language, or '' when there is none. */
  get text(): string {
    return this.#text?.() ?? '';
  }

  /**
   * Say what happened. Pass the message function (such as `() => m.wizard_status_saved({ name })`) rather than its text
   * so the message follows a language switch while shown. The same message said twice is read twice.
   */
  say(message: string | (() => string)): void {
    const text = typeof message === 'string' ? () => message : message;
    clearTimeout(this.#timer);
    this.#text = null;
    // A live region announces a change: empty it first, then put the message in.
    queueMicrotask(() => {
      this.#text = text;
      this.#timer = setTimeout(() => this.clear(), SHOWN_FOR_MS);
    });
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#text = null;
  }
}

export const status = new StatusStore();
