// A message template's page: its name, category and account, and one editor per language. Each
// editor saves what is typed as a draft once typing rests, lints it as it changes (Rust's linter,
// the account's other templates included), applies a finding's fix, publishes through the
// outbox, and turns a published language into its next revision to edit.
import type { LintDraft } from '../bindings/LintDraft';
import type { LintFinding } from '../bindings/LintFinding';
import type { LintFix } from '../bindings/LintFix';
import type { OutboxRun } from '../bindings/OutboxRun';
import type { StatusEntry } from '../bindings/StatusEntry';
import type { TemplateCategory } from '../bindings/TemplateCategory';
import type { TemplateContent } from '../bindings/TemplateContent';
import type { TemplateDraft } from '../bindings/TemplateDraft';
import type { TemplateFamily } from '../bindings/TemplateFamily';
import { Generation } from '../generation';
import { toAppError, type AppError, type Ipc } from '../ipc';
import type { LeaveGuard } from '../leave-guard';
import { emptyContent, type ContentType } from '../library.svelte';
import { Problems } from '../wizard/problems.svelte';

export type TemplatePageIpc = Pick<
  Ipc,
  | 'getTemplate'
  | 'saveTemplateDetails'
  | 'addTemplateLanguage'
  | 'saveTemplateContent'
  | 'newTemplateRevision'
  | 'templateHistory'
  | 'lintTemplate'
  | 'applyLintFix'
  | 'publishTemplate'
  | 'runOutbox'
  | 'deleteTemplate'
>;

export const SAVE_DELAY_MS = 400;
export const LINT_DELAY_MS = 100;

export const DETAIL_FIELDS = ['templateName', 'category', 'templateAccount'] as const;

/** The text of a content that holds its body: `title` in `twilio/card`. */
export function bodyOf(content: TemplateContent): string {
  return content.type === 'twilio/card' ? content.title : content.body;
}

export function withBody(content: TemplateContent, body: string): TemplateContent {
  return content.type === 'twilio/card' ? { ...content, title: body } : { ...content, body };
}

/** Samples as Rust sends them (a map whose values may be missing), as the editor keeps them. */
function samplesOf(variables: { [key in string]?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(variables)) if (v !== undefined) out[k] = v;
  return out;
}

/** The latest revision of each language, by language code. */
function latest(family: TemplateFamily): TemplateDraft[] {
  const byLanguage: Record<string, TemplateDraft> = {};
  for (const d of family.drafts) {
    const seen = byLanguage[d.language];
    if (!seen || d.revision > seen.revision) byLanguage[d.language] = d;
  }
  return Object.values(byLanguage);
}

/** The latest published revision of `language`, whose approval the timeline follows. */
function latestPublished(family: TemplateFamily, language: string): TemplateDraft | null {
  let found: TemplateDraft | null = null;
  for (const d of family.drafts) {
    if (d.language === language && d.status === 'published' && (!found || d.revision > found.revision)) found = d;
  }
  return found;
}

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed';

export class LanguageEditor {
  draft: TemplateDraft;
  content: TemplateContent;
  variables: Record<string, string>;
  findings: LintFinding[] = $state([]);
  saveState: SaveState = $state('saved');
  error: AppError | null = $state(null);
  history: StatusEntry[] = $state([]);
  /** The revision the history is of: the latest published one, also while a newer revision is edited. */
  historyOf: TemplateDraft | null = $state(null);
  publishing = $state(false);

  readonly #page: TemplatePageStore;
  readonly #ipc: TemplatePageIpc;
  #lints = new Generation();
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #lintTimer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<boolean> | null = null;

  constructor(page: TemplatePageStore, ipc: TemplatePageIpc, draft: TemplateDraft, published: TemplateDraft | null = null) {
    this.#page = page;
    this.#ipc = ipc;
    this.draft = $state(draft);
    this.content = $state(draft.content);
    this.variables = $state(samplesOf(draft.variables));
    this.historyOf = published;
  }

  #take(draft: TemplateDraft): void {
    this.draft = draft;
    this.content = draft.content;
    this.variables = samplesOf(draft.variables);
  }

  get published(): boolean {
    return this.draft.status === 'published';
  }

  get errors(): number {
    return this.findings.filter((f) => f.severity === 'error').length;
  }

  get lintDraft(): LintDraft {
    return {
      name: this.#page.name,
      category: this.#page.category,
      language: this.draft.language,
      content: this.content,
      variables: this.variables,
    };
  }

  /** Something in the content or samples changed: saved and linted once typing rests. */
  edited(content: TemplateContent = this.content): void {
    this.content = content;
    this.saveState = 'unsaved';
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    this.lintSoon();
  }

  setSample(name: string, value: string): void {
    this.variables = { ...this.variables, [name]: value };
    this.edited();
  }

  changeType(type: ContentType): void {
    this.edited(withBody(emptyContent(type), bodyOf(this.content)));
  }

  lintSoon(): void {
    if (this.#lintTimer !== null) clearTimeout(this.#lintTimer);
    this.#lintTimer = setTimeout(() => void this.lint(), LINT_DELAY_MS);
  }

  async lint(): Promise<void> {
    const current = this.#lints.next();
    const family = this.#page.family;
    try {
      const findings = await this.#ipc.lintTemplate(family?.id ?? null, this.#page.accountIdOrNull, this.lintDraft);
      if (current()) this.findings = findings;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    }
  }

  /** Saves now what waits to be saved; false when it could not be. */
  async save(): Promise<boolean> {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (this.published || this.saveState === 'saved') return true;
    if (this.#saving && (await this.#saving) && this.#isSaved()) return true;
    this.#saving = this.#write().finally(() => (this.#saving = null));
    return this.#saving;
  }

  async #write(): Promise<boolean> {
    const content = this.content;
    const variables = this.variables;
    this.saveState = 'saving';
    try {
      const saved = await this.#ipc.saveTemplateContent(this.draft.id, { content, variables });
      this.draft = saved;
      // Typing went on while it saved: that is saved next.
      this.saveState = this.content === content && this.variables === variables ? 'saved' : 'unsaved';
      if (this.saveState === 'unsaved') this.edited();
      this.error = null;
      return this.saveState === 'saved';
    } catch (e) {
      this.saveState = 'failed';
      this.error = toAppError(e);
      return false;
    }
  }

  async fix(fix: LintFix): Promise<void> {
    try {
      const fixed = await this.#ipc.applyLintFix(this.lintDraft, fix);
      if (fixed.name !== this.#page.name) {
        this.#page.name = fixed.name;
        await this.#page.saveDetails();
      }
      this.variables = samplesOf(fixed.variables);
      this.edited(fixed.content);
      await this.save();
      await this.lint();
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** A published language's Edit: its next revision, a draft, is what this editor edits now. */
  async revise(): Promise<void> {
    try {
      const published = this.draft;
      this.#take(await this.#ipc.newTemplateRevision(published.id));
      this.historyOf = published;
      this.saveState = 'saved';
      await this.#page.reload();
      await this.lint();
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** Saves, queues the draft in the outbox and runs it; offline, it waits there. */
  async publish(): Promise<boolean> {
    if (this.publishing || !(await this.save())) return false;
    this.publishing = true;
    try {
      await this.#ipc.publishTemplate(this.draft.id);
      const run = await this.#ipc.runOutbox();
      this.#page.lastRun = run;
      await this.#page.reload();
      this.error = null;
      return true;
    } catch (e) {
      this.error = toAppError(e);
      return false;
    } finally {
      this.publishing = false;
    }
  }

  async loadHistory(): Promise<void> {
    if (this.historyOf === null) return;
    try {
      this.history = await this.#ipc.templateHistory(this.historyOf.id);
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** The family was read again: take this language's latest revision unless typing waits to be saved. */
  refresh(draft: TemplateDraft, published: TemplateDraft | null): void {
    this.historyOf = published;
    void this.loadHistory();
    if (this.saveState !== 'saved') return;
    if (draft.id !== this.draft.id || draft.updatedAt !== this.draft.updatedAt) this.#take(draft);
  }

  #isSaved(): boolean {
    return this.saveState === 'saved';
  }

  get busy(): boolean {
    return this.#saving !== null || this.publishing;
  }
}

export class TemplatePageStore implements LeaveGuard {
  readonly id: string;
  family: TemplateFamily | null = $state(null);
  name = $state('');
  category: TemplateCategory = $state('utility');
  accountId = $state('');
  editors: LanguageEditor[] = $state([]);
  readonly problems = new Problems(DETAIL_FIELDS);
  error: AppError | null = $state(null);
  savingDetails = $state(false);
  /** The language chosen to add, while the Add language form is open. */
  adding: string | null = $state(null);
  addError: AppError | null = $state(null);
  /** How the last outbox run this page started ended. */
  lastRun: OutboxRun | null = $state(null);
  confirmingDelete = $state(false);
  deleting = $state(false);
  /** Languages the user chose not to show; their editors go on saving what was typed. */
  hidden: string[] = $state([]);

  readonly #ipc: TemplatePageIpc;

  constructor(id: string, ipc: TemplatePageIpc) {
    this.id = id;
    this.#ipc = ipc;
  }

  get accountIdOrNull(): string | null {
    return this.accountId === '' ? null : this.accountId;
  }

  async load(): Promise<void> {
    try {
      const family = await this.#ipc.getTemplate(this.id);
      this.family = family;
      this.name = family.name;
      this.category = family.category;
      this.accountId = family.accountId ?? '';
      this.editors = latest(family).map(
        (d) => new LanguageEditor(this, this.#ipc, d, latestPublished(family, d.language)),
      );
      this.error = null;
      await Promise.all(this.editors.map((e) => Promise.all([e.lint(), e.loadHistory()])));
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  async reload(): Promise<void> {
    const family = await this.#ipc.getTemplate(this.id);
    this.family = family;
    for (const draft of latest(family)) {
      this.editors
        .find((e) => e.draft.language === draft.language)
        ?.refresh(draft, latestPublished(family, draft.language));
    }
  }

  async saveDetails(): Promise<boolean> {
    this.savingDetails = true;
    try {
      this.family = await this.#ipc.saveTemplateDetails(this.id, {
        name: this.name,
        category: this.category,
        accountId: this.accountIdOrNull,
      });
      this.problems.clear();
      for (const e of this.editors) e.lintSoon();
      return true;
    } catch (e) {
      this.problems.showRefusal(e, DETAIL_FIELDS);
      return false;
    } finally {
      this.savingDetails = false;
    }
  }

  get detailsChanged(): boolean {
    const f = this.family;
    return f !== null && (f.name !== this.name || f.category !== this.category || (f.accountId ?? '') !== this.accountId);
  }

  /** The editors of the languages shown, side by side. */
  get shown(): LanguageEditor[] {
    return this.editors.filter((e) => !this.hidden.includes(e.draft.language));
  }

  setShown(language: string, shown: boolean): void {
    this.hidden = shown ? this.hidden.filter((l) => l !== language) : [...this.hidden, language];
  }

  async addLanguage(): Promise<void> {
    const language = this.adding;
    if (language === null) return;
    const type = (this.editors[0]?.content.type ?? 'twilio/text') as ContentType;
    try {
      const draft = await this.#ipc.addTemplateLanguage(this.id, { language, content: emptyContent(type), variables: {} });
      const editor = new LanguageEditor(this, this.#ipc, draft);
      this.editors = [...this.editors, editor];
      this.adding = null;
      this.addError = null;
      await editor.lint();
    } catch (e) {
      this.addError = toAppError(e);
    }
  }

  async delete(): Promise<boolean> {
    this.deleting = true;
    try {
      await this.#ipc.deleteTemplate(this.id);
      this.confirmingDelete = false;
      return true;
    } catch (e) {
      this.error = toAppError(e);
      return false;
    } finally {
      this.deleting = false;
    }
  }

  get busy(): boolean {
    return this.savingDetails || this.deleting || this.editors.some((e) => e.busy);
  }

  get unsaved(): boolean {
    return this.detailsChanged || this.editors.some((e) => e.saveState !== 'saved');
  }

  async whenIdle(): Promise<void> {
    while (this.busy) await new Promise((r) => setTimeout(r, 50));
  }

  async saveBeforeLeave(): Promise<boolean> {
    const saved = await Promise.all(this.editors.map((e) => e.save()));
    const details = this.detailsChanged ? await this.saveDetails() : true;
    return details && saved.every(Boolean);
  }
}
