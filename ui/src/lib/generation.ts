// Dropping late answers. A store keeps one Generation and starts a new one whenever what it shows
// is replaced (a reset, a newer request); an async path takes a check before it awaits and, once
// the answer is back, leaves every piece of state alone if the check says the answer is stale.

/** True while no newer generation has started since the check was taken. */
export type Current = () => boolean;

export class Generation {
  #value = 0;

  /** Start a new generation: every check taken before is stale from now on. Returns a check for the new one. */
  next(): Current {
    this.#value++;
    return this.current();
  }

  /** A check for the generation running now. */
  current(): Current {
    const value = this.#value;
    return () => value === this.#value;
  }
}
