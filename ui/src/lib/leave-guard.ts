// A screen that holds typed, unsaved work implements LeaveGuard; the view asks it before the app
// leaves the screen, through the navigation or the window's close button.

export interface LeaveGuard {
  /** A save or check is running: a move asked for now is ignored, a close waits for `whenIdle`. */
  readonly busy: boolean;
  /** Resolves once no save or check is running: at once when none is. */
  whenIdle(): Promise<void>;
  /**
   * Save what was typed so that leaving loses nothing. Resolves false when it cannot be saved:
   * the screen then shows why, and the view asks the user whether to leave without it.
   */
  saveBeforeLeave(): Promise<boolean>;
  /** Whether something typed is not saved: Cancel asks before dropping it. */
  readonly unsaved: boolean;
}
