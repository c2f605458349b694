// Page 1, Channel details: the account's name and channel. Its first save creates the draft.
import type { Account } from '../bindings/Account';
import type { Channel } from '../bindings/Channel';
import { ipc as defaultIpc, type Ipc } from '../ipc';
import type { AccountEngine } from './account-steps';
import type { WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

export type ChannelDetailsIpc = Pick<Ipc, 'createAccount' | 'updateChannelDetails'>;

export const CHANNEL_DETAILS_FIELDS = ['name', 'channel'] as const;

export class ChannelDetailsPage implements WizardPage<Account> {
  name = $state('');
  channel: Channel = $state('whatsapp');
  readonly problems = new Problems(CHANNEL_DETAILS_FIELDS);

  readonly #engine: AccountEngine;
  readonly #ipc: ChannelDetailsIpc;

  constructor(engine: AccountEngine, api: ChannelDetailsIpc = defaultIpc) {
    this.#engine = engine;
    this.#ipc = api;
  }

  /** A new account counts as typed once it has a name; an existing one once a value differs. */
  get unsaved(): boolean {
    const draft = this.#engine.draft;
    if (!draft) return this.name.trim() !== '';
    return this.name !== draft.name || this.channel !== draft.channel;
  }

  fill(draft: Account): void {
    this.name = draft.name;
    this.channel = draft.channel;
  }

  reset(): void {
    this.name = '';
    this.channel = 'whatsapp';
    this.problems.clear();
  }

  complete(): Promise<boolean> {
    return this.save();
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.save();
  }

  /** Creates the draft the first time, and updates it afterwards. */
  async save(): Promise<boolean> {
    const engine = this.#engine;
    const input = { name: this.name, channel: this.channel };
    const draft = engine.draft;
    const saved = await engine.call(
      () => (draft ? this.#ipc.updateChannelDetails(draft.id, input) : this.#ipc.createAccount(input)),
      (e) => this.problems.showRefusal(e, CHANNEL_DETAILS_FIELDS),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    this.fill(saved);
    return true;
  }
}
