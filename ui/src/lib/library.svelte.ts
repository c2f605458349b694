// The message template library's list: full-text search and filters, read from Rust a window of
// rows at a time as the list scrolls (the total sets its height), and the New template dialog.
import type { StatusFilter } from './bindings/StatusFilter';
import type { TemplateCategory } from './bindings/TemplateCategory';
import type { TemplateContent } from './bindings/TemplateContent';
import type { TemplateFamily } from './bindings/TemplateFamily';
import type { TemplateSummary } from './bindings/TemplateSummary';
import { Generation } from './generation';
import { toAppError, type AppError, type Ipc } from './ipc';
import { Problems } from './wizard/problems.svelte';

export type LibraryIpc = Pick<Ipc, 'searchTemplates' | 'createTemplate'>;

/** Rows read from Rust at a time. */
export const PAGE = 100;
/** How long typing rests before the list is searched again. */
export const SEARCH_DELAY_MS = 150;

export const STATUS_FILTERS: readonly StatusFilter[] = [
  'draft',
  'unsubmitted',
  'pending',
  'approved',
  'rejected',
  'paused',
  'disabled',
];
export const CATEGORIES: readonly TemplateCategory[] = ['utility', 'marketing', 'authentication'];
export type ContentType = TemplateContent['type'];
export const CONTENT_TYPES: readonly ContentType[] = [
  'twilio/text',
  'twilio/media',
  'twilio/quick-reply',
  'twilio/call-to-action',
  'twilio/card',
  'whatsapp/card',
];

/** An empty content of `type`, as a new template or language starts. */
export function emptyContent(type: ContentType): TemplateContent {
  switch (type) {
    case 'twilio/text':
      return { type, body: '' };
    case 'twilio/media':
      return { type, body: '', media: [] };
    case 'twilio/quick-reply':
      return { type, body: '', actions: [] };
    case 'twilio/call-to-action':
      return { type, body: '', actions: [] };
    case 'twilio/card':
      return { type, title: '', subtitle: null, media: [], actions: [] };
    case 'whatsapp/card':
      return { type, body: '', headerText: null, footer: null, media: [], actions: [] };
  }
}

/** The New template dialog's fields, top to bottom, as Rust names them in errors. */
export const NEW_TEMPLATE_FIELDS = ['templateName', 'category', 'templateAccount', 'templateLanguage'] as const;

export class NewTemplateForm {
  name = $state('');
  category: TemplateCategory = $state('utility');
  /** Empty: no account yet. */
  accountId = $state('');
  language = $state('en');
  type: ContentType = $state('twilio/text');
  readonly problems = new Problems(NEW_TEMPLATE_FIELDS);
}

export class LibraryStore {
  text = $state('');
  statuses: StatusFilter[] = $state([]);
  categories: TemplateCategory[] = $state([]);
  /** WhatsApp's language codes. */
  languages: string[] = $state([]);
  accountIds: string[] = $state([]);
  /** Templates with no account yet, besides those of `accountIds`. */
  withoutAccount = $state(false);
  /** How many templates the search finds in all. */
  total = $state(0);
  /** The rows read so far, by their place in the list. */
  rows: Record<number, TemplateSummary> = $state({});
  /** The first answer for the current search has come. */
  loaded = $state(false);
  /** Counts the searches from the top, so the list can go back to its top with each. */
  searches = $state(0);
  error: AppError | null = $state(null);
  form: NewTemplateForm | null = $state(null);
  creating = $state(false);

  readonly #ipc: LibraryIpc;
  #searches = new Generation();
  /** The windows asked for in the current search, by their first row. */
  #asked: number[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: LibraryIpc) {
    this.#ipc = api;
  }

  get filtered(): boolean {
    return (
      this.text.trim() !== '' ||
      this.statuses.length > 0 ||
      this.categories.length > 0 ||
      this.languages.length > 0 ||
      this.accountIds.length > 0 ||
      this.withoutAccount
    );
  }

  /** Searches again now, from the top. */
  search(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#searches.next();
    this.#asked = [];
    this.searches++;
    return this.#window(0);
  }

  /** Searches again once typing rests. */
  searchSoon(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  clearFilters(): Promise<void> {
    this.text = '';
    this.statuses = [];
    this.categories = [];
    this.languages = [];
    this.accountIds = [];
    this.withoutAccount = false;
    return this.search();
  }

  /** Reads the windows that hold the rows at `indexes` and are not read or asked for yet. */
  async show(indexes: readonly number[]): Promise<void> {
    const starts = indexes.map((i) => i - (i % PAGE));
    const reads = starts
      .filter((start, i) => starts.indexOf(start) === i)
      .filter((start) => !this.#asked.includes(start) && (start === 0 || start < this.total))
      .map((start) => this.#window(start));
    await Promise.all(reads);
  }

  async #window(offset: number): Promise<void> {
    this.#asked.push(offset);
    const current = this.#searches.current();
    try {
      const page = await this.#ipc.searchTemplates({
        text: this.text,
        statuses: $state.snapshot(this.statuses),
        categories: $state.snapshot(this.categories),
        languages: $state.snapshot(this.languages),
        accountIds: $state.snapshot(this.accountIds),
        withoutAccount: this.withoutAccount,
        offset,
        limit: PAGE,
      });
      if (!current()) return;
      const rows = offset === 0 ? {} : { ...this.rows };
      page.rows.forEach((row, i) => (rows[offset + i] = row));
      this.rows = rows;
      this.total = page.total;
      this.loaded = true;
      this.error = null;
    } catch (e) {
      if (!current()) return;
      this.#asked = this.#asked.filter((o) => o !== offset);
      this.error = toAppError(e);
    }
  }

  startNew(): void {
    this.form = new NewTemplateForm();
  }

  cancelNew(): void {
    if (!this.creating) this.form = null;
  }

  /** Creates the template with its first language, empty; null when refused (problems under their fields). */
  async create(): Promise<TemplateFamily | null> {
    const form = this.form;
    if (!form || this.creating) return null;
    this.creating = true;
    try {
      const created = await this.#ipc.createTemplate({
        name: form.name,
        category: form.category,
        accountId: form.accountId === '' ? null : form.accountId,
        language: form.language,
        content: emptyContent(form.type),
        variables: {},
      });
      this.form = null;
      return created;
    } catch (e) {
      form.problems.showRefusal(e, NEW_TEMPLATE_FIELDS);
      return null;
    } finally {
      this.creating = false;
    }
  }
}
