// Which Twilio hosts this run talks to. An environment variable can point any of them somewhere
// else (the tests point them at 127.0.0.1); the window then says so on every page, so that a
// changed launcher cannot send credentials elsewhere unseen.
import type { HostOverride } from './bindings/HostOverride';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';
import { m } from './paraglide/messages';

export type HostsIpc = Pick<Ipc, 'hostOverrides'>;

/** One line of the banner, in the current language. */
export function hostOverrideMessage(o: HostOverride): string {
  return m.common_host_override({ url: o.url, variable: o.variable });
}

export class HostOverridesStore {
  /** Empty when Twilio's own hosts are used. */
  items: HostOverride[] = $state([]);
  /** Why Rust could not be asked; the banner then says it cannot tell. */
  error: AppError | null = $state(null);

  #ipc: HostsIpc;

  constructor(api: HostsIpc = defaultIpc) {
    this.#ipc = api;
  }

  /** Read once at start: the variables are read when the app starts and cannot change while it runs. */
  async load(): Promise<void> {
    try {
      this.items = await this.#ipc.hostOverrides();
      this.error = null;
    } catch (e) {
      this.items = [];
      this.error = toAppError(e);
    }
  }
}

export const hosts = new HostOverridesStore();
