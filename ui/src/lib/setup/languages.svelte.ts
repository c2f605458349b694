// WhatsApp's template languages, read once, each named in the UI's language and sorted the way
// that language sorts. The names are looked up when read, so they follow a switch of language.
import type { ChannelLanguage } from '../bindings/ChannelLanguage';
import { compareText } from '../format';
import { locale } from '../i18n.svelte';
import { toAppError, type AppError, type Ipc } from '../ipc';

export type LanguagesIpc = Pick<Ipc, 'channelLanguages'>;

/** A language's name in the UI's language, from its BCP 47 tag; the tag itself if Intl cannot name it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export interface NamedLanguage {
  code: string;
  name: string;
}

export class LanguagesStore {
  list: ChannelLanguage[] = $state([]);
  loaded = $state(false);
  error: AppError | null = $state(null);

  readonly #ipc: LanguagesIpc;
  #loading: Promise<void> | null = null;

  constructor(api: LanguagesIpc) {
    this.#ipc = api;
  }

  /** Read the list unless it is read already (or being read); a failure is tried again next time. */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.#loading ??= this.#read().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #read(): Promise<void> {
    try {
      this.list = await this.#ipc.channelLanguages();
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** Every language, named in the UI's language, in its order. */
  get named(): NamedLanguage[] {
    return this.list
      .map((l) => ({ code: l.code, name: languageName(l.tag) }))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.code, b.code));
  }

  /** The name of the language WhatsApp writes `code`; the code itself when it is not in the list. */
  nameOf(code: string): string {
    const found = this.list.find((l) => l.code === code);
    return found ? languageName(found.tag) : code;
  }
}
