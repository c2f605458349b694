// The only module that talks to the Rust shell: `ipc` holds one typed function per command,
// each naming its command once. Every rejection is normalised to the generated `Error` type so
// callers can switch on `code`. ipc.test.ts fails when these commands and the shell's disagree.
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { Account } from './bindings/Account';
import type { AccountDetailsInput } from './bindings/AccountDetailsInput';
import type { AccountSummary } from './bindings/AccountSummary';
import type { AdvancedSettings } from './bindings/AdvancedSettings';
import type { ApprovedTemplate } from './bindings/ApprovedTemplate';
import type { Attachments } from './bindings/Attachments';
import type { AvailableNumber } from './bindings/AvailableNumber';
import type { Behaviours } from './bindings/Behaviours';
import type { ChannelDetailsInput } from './bindings/ChannelDetailsInput';
import type { ChannelLanguage } from './bindings/ChannelLanguage';
import type { DraftContentInput } from './bindings/DraftContentInput';
import type { DriftCheck } from './bindings/DriftCheck';
import type { Error as AppError } from './bindings/Error';
import type { HostOverride } from './bindings/HostOverride';
import type { InboundRoute } from './bindings/InboundRoute';
import type { Language } from './bindings/Language';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibrarySearch } from './bindings/LibrarySearch';
import type { LintDraft } from './bindings/LintDraft';
import type { LintFinding } from './bindings/LintFinding';
import type { LintFix } from './bindings/LintFix';
import type { NewLanguageInput } from './bindings/NewLanguageInput';
import type { NewTemplateInput } from './bindings/NewTemplateInput';
import type { NewWorkstreamInput } from './bindings/NewWorkstreamInput';
import type { NumberInput } from './bindings/NumberInput';
import type { OutboxEvent } from './bindings/OutboxEvent';
import type { OutboxItem } from './bindings/OutboxItem';
import type { OutboxRun } from './bindings/OutboxRun';
import type { Queue } from './bindings/Queue';
import type { QueueInput } from './bindings/QueueInput';
import type { Settings } from './bindings/Settings';
import type { StatusEntry } from './bindings/StatusEntry';
import type { SyncProgress } from './bindings/SyncProgress';
import type { SyncReport } from './bindings/SyncReport';
import type { TemplateDetailsInput } from './bindings/TemplateDetailsInput';
import type { TemplateDraft } from './bindings/TemplateDraft';
import type { TemplateFamily } from './bindings/TemplateFamily';
import type { TextCheck } from './bindings/TextCheck';
import type { WhatsAppSender } from './bindings/WhatsAppSender';
import type { WorkDistribution } from './bindings/WorkDistribution';
import type { Workstream } from './bindings/Workstream';
import type { WorkstreamDeletion } from './bindings/WorkstreamDeletion';
import type { WorkstreamDetailsInput } from './bindings/WorkstreamDetailsInput';
import type { WorkstreamSummary } from './bindings/WorkstreamSummary';

export type { AppError };

/** True for a value shaped like the Rust `Error`: `{ code, field, params, more }` (its English `message` stays in Rust, for logs). */
export function isAppError(e: unknown): e is AppError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === 'string' &&
    (o.field === null || typeof o.field === 'string') &&
    typeof o.params === 'object' &&
    o.params !== null &&
    Array.isArray(o.more)
  );
}

/**
 * Anything that is not an `Error` from Rust (a string from Tauri, a thrown JS error) becomes a
 * `storage` error; what it said goes to the console, for debugging, since the type has no room for it.
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, field: e.field, params: e.params, more: e.more };
  console.error('an IPC call failed outside Rust', e);
  return { code: 'storage', field: null, params: {}, more: [] };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

/** A channel whose messages go to `handler`, for a command that reports progress. */
function channel<T>(handler: (message: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = handler;
  return c;
}

/**
 * Runs `mayClose` when the user asks to close the window (close button, Alt+F4, the window
 * manager). The window closes only if it resolves true. If `mayClose` fails, the window closes
 * all the same: a bug must not leave a window that cannot be closed.
 * Needs the capabilities `core:event:allow-listen`, `core:event:allow-unlisten` and
 * `core:window:allow-destroy` (Tauri closes the window by calling `destroy` once the handler returns).
 */
async function onCloseRequested(mayClose: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    let close = true;
    try {
      close = await mayClose();
    } catch (e) {
      console.error('the close-requested handler failed; closing anyway', e);
    }
    if (!close) event.preventDefault();
  });
}

/** Closes the window without asking again (the user already answered). Needs `core:window:allow-destroy`. */
async function destroyWindow(): Promise<void> {
  try {
    await getCurrentWindow().destroy();
  } catch (e) {
    throw toAppError(e);
  }
}

/** Every command, and the window's close handling, for stores that take their IPC as a parameter. */
export const ipc = {
  listAccounts: (): Promise<AccountSummary[]> => call('list_accounts'),

  getAccount: (id: string): Promise<Account> => call('get_account', { id }),

  createAccount: (input: ChannelDetailsInput): Promise<Account> => call('create_account', { input }),

  updateChannelDetails: (id: string, input: ChannelDetailsInput): Promise<Account> =>
    call('update_channel_details', { id, input }),

  saveAccountDetails: (id: string, input: AccountDetailsInput): Promise<Account> =>
    call('save_account_details', { id, input }),

  addNumber: (accountId: string, input: NumberInput): Promise<Account> => call('add_number', { accountId, input }),

  updateNumber: (numberId: string, input: NumberInput): Promise<Account> =>
    call('update_number', { numberId, input }),

  /**
   * Rejects with `used_by_workstreams` (params `what: 'number'`, `names`, `count`) when a workstream's WhatsApp
   * setup uses the number and `unbind` is false; with `unbind` true, that setup goes back to a draft without a
   * number, in the same transaction as the removal.
   */
  removeNumber: (numberId: string, unbind: boolean): Promise<Account> => call('remove_number', { numberId, unbind }),

  completeAccount: (id: string): Promise<Account> => call('complete_account', { id }),

  /**
   * Rejects with `used_by_workstreams` (params `what: 'account'`, `names`, `count`) when workstreams use the
   * account's numbers and `unbind` is false; with `unbind` true, their setups go back to drafts without a number,
   * in the same transaction as the delete.
   */
  deleteAccount: (id: string, unbind: boolean): Promise<null> => call('delete_account', { id, unbind }),

  /** The default messaging queue first, then by name; each with the workstreams it is the fallback queue of. */
  listQueues: (): Promise<Queue[]> => call('list_queues'),

  /** Rejects with `required`, `too_long` or `duplicate_name` on field `queueName`. */
  createQueue: (input: QueueInput): Promise<Queue> => call('create_queue', { input }),

  renameQueue: (id: string, name: string): Promise<Queue> => call('rename_queue', { id, name }),

  /** Rejects with `default_queue`, or with `queue_in_use` naming the workstreams whose fallback queue it is. */
  deleteQueue: (id: string): Promise<null> => call('delete_queue', { id }),

  listWorkstreams: (): Promise<WorkstreamSummary[]> => call('list_workstreams'),

  getWorkstream: (id: string): Promise<Workstream> => call('get_workstream', { id }),

  /** Creates the workstream, and its fallback queue when it is a new one, with the default work distribution. */
  createWorkstream: (input: NewWorkstreamInput): Promise<Workstream> => call('create_workstream', { input }),

  /** Rejects with `mode_locked` on field `mode` when `input.mode` is not the workstream's. */
  saveWorkstreamDetails: (id: string, input: WorkstreamDetailsInput): Promise<Workstream> =>
    call('save_workstream_details', { id, input }),

  saveWorkDistribution: (id: string, distribution: WorkDistribution): Promise<Workstream> =>
    call('save_work_distribution', { id, distribution }),

  saveAdvancedSettings: (id: string, advanced: AdvancedSettings): Promise<Workstream> =>
    call('save_advanced_settings', { id, advanced }),

  /** “Copy of {name}” with every setting and the WhatsApp setup's behaviours, but no number: its setup is a draft. */
  copyWorkstream: (id: string): Promise<Workstream> => call('copy_workstream', { id }),

  /** What deleting the workstream removes with it, for the question asked first. */
  workstreamDeletion: (id: string): Promise<WorkstreamDeletion> => call('workstream_deletion', { id }),

  deleteWorkstream: (id: string): Promise<null> => call('delete_workstream', { id }),

  /** WhatsApp's template languages; the UI names each from `tag` with `Intl.DisplayNames`. */
  channelLanguages: (): Promise<ChannelLanguage[]> => call('channel_languages'),

  /** The numbers of complete accounts that no other workstream uses (this workstream's own included). */
  availableNumbers: (workstreamId: string): Promise<AvailableNumber[]> =>
    call('available_numbers', { workstreamId }),

  /**
   * Each `saveSetup…` starts the setup as a draft if the workstream has none, and returns the workstream.
   * Rejects with `number_in_use` or `account_not_complete` on `setupNumber`.
   */
  saveSetupNumber: (workstreamId: string, numberId: string): Promise<Workstream> =>
    call('save_setup_number', { workstreamId, numberId }),

  saveSetupLanguage: (workstreamId: string, language: string): Promise<Workstream> =>
    call('save_setup_language', { workstreamId, language }),

  /** Every problem of the page at once; a list item's field is `automatedMessages.<i>.text` and the like. */
  saveSetupBehaviours: (workstreamId: string, behaviours: Behaviours): Promise<Workstream> =>
    call('save_setup_behaviours', { workstreamId, behaviours }),

  saveSetupUserFeatures: (workstreamId: string, attachments: Attachments): Promise<Workstream> =>
    call('save_setup_user_features', { workstreamId, attachments }),

  /** Makes the setup active; rejects with `setup_incomplete` (param `step`) without a number or a language. */
  finishSetup: (workstreamId: string): Promise<Workstream> => call('finish_setup', { workstreamId }),

  /** Removes the WhatsApp setup and its behaviours; the number becomes free. */
  removeSetup: (workstreamId: string): Promise<Workstream> => call('remove_setup', { workstreamId }),

  /** A window of the template library's list, by name, with the total; searching needs no network. */
  searchTemplates: (search: LibrarySearch): Promise<LibraryPage> => call('search_templates', { search }),

  getTemplate: (id: string): Promise<TemplateFamily> => call('get_template', { id }),

  /** Rejects with `duplicate_name` (params `what: 'template'`) on `templateName`, `unknown_language` on `templateLanguage`. */
  createTemplate: (input: NewTemplateInput): Promise<TemplateFamily> => call('create_template', { input }),

  saveTemplateDetails: (id: string, input: TemplateDetailsInput): Promise<TemplateFamily> =>
    call('save_template_details', { id, input }),

  /** Rejects with `duplicate_name` (params `what: 'template_language'`) when the template has the language. */
  addTemplateLanguage: (familyId: string, input: NewLanguageInput): Promise<TemplateDraft> =>
    call('add_template_language', { familyId, input }),

  /** A published draft is never changed: the content goes to the language's next revision, which is returned. */
  saveTemplateContent: (draftId: string, input: DraftContentInput): Promise<TemplateDraft> =>
    call('save_template_content', { draftId, input }),

  /** The language's draft to edit: the draft itself, or a new revision of a published one. */
  newTemplateRevision: (draftId: string): Promise<TemplateDraft> => call('new_template_revision', { draftId }),

  /** The draft's approval timeline, oldest first. */
  templateHistory: (draftId: string): Promise<StatusEntry[]> => call('template_history', { draftId }),

  /** Every finding on the draft as typed (saved or not); `familyId` is null before the template is saved. */
  lintTemplate: (familyId: string | null, accountId: string | null, draft: LintDraft): Promise<LintFinding[]> =>
    call('lint_template', { familyId, accountId, draft }),

  /** The draft with a finding's fix applied. */
  applyLintFix: (draft: LintDraft, fix: LintFix): Promise<LintDraft> => call('apply_lint_fix', { draft, fix }),

  /** Queues the draft for publishing; `runOutbox` sends it. Rejects with `template_has_errors` while the linter finds errors. */
  publishTemplate: (draftId: string): Promise<OutboxItem> => call('publish_template', { draftId }),

  outboxItems: (): Promise<OutboxItem[]> => call('outbox_items'),

  retryOutboxItem: (id: string): Promise<OutboxItem> => call('retry_outbox_item', { id }),

  /** Only before Twilio created the content. */
  cancelOutboxItem: (id: string): Promise<OutboxItem> => call('cancel_outbox_item', { id }),

  /** Sends the queued items in order, each step to `onEvent`; Twilio out of reach leaves them queued. */
  runOutbox: (onEvent: (event: OutboxEvent) => void = () => {}): Promise<OutboxRun> =>
    call('run_outbox', { onEvent: channel(onEvent) }),

  /** Stops the run under way between items, or during a request. */
  stopOutbox: (): Promise<null> => call('stop_outbox'),

  /** Each step of the outbox runs that the app starts by itself every 30 seconds while items wait. */
  onOutboxEvent: (handler: (event: OutboxEvent) => void): Promise<() => void> =>
    listen<OutboxEvent>('outbox', (e) => handler(e.payload)),

  /** Deletes the template; content it published is deleted in Twilio first, and a record of it kept. */
  deleteTemplate: (id: string): Promise<null> => call('delete_template', { id }),

  /** Reads the account's templates from Twilio page by page, each page to `onProgress`, and reconciles them. */
  syncTemplates: (accountId: string, onProgress: (progress: SyncProgress) => void = () => {}): Promise<SyncReport> =>
    call('sync_templates', { accountId, onProgress: channel(onProgress) }),

  /** Stops the sync under way; the pages read stay reconciled and the report says `cancelled`. */
  stopSync: (): Promise<null> => call('stop_sync'),

  /** Compares each template a workstream uses (one, or with `null` all) with Twilio's current approved text. */
  checkTemplateTexts: (workstreamId: string | null): Promise<TextCheck[]> =>
    call('check_template_texts', { workstreamId }),

  /** The account's templates WhatsApp approved, with Twilio's text as the last sync read it; for a workstream to pick. */
  approvedTemplates: (accountId: string): Promise<ApprovedTemplate[]> => call('approved_templates', { accountId }),

  getSettings: (): Promise<Settings> => call('get_settings'),

  setCallbackBaseUrl: (url: string): Promise<Settings> => call('set_callback_base_url', { url }),

  /** Chooses the UI's language; `null` follows the OS's. Returns the settings with the language now in effect. */
  setLanguage: (language: Language | null): Promise<Settings> => call('set_language', { language }),

  /** Rejects with code `callback_base_url_missing` when no callback base URL is set. */
  inboundUrl: (accountId: string): Promise<string> => call('inbound_url', { accountId }),

  /** Rust puts the inbound URL on the clipboard and returns it. */
  copyInboundUrl: (accountId: string): Promise<string> => call('copy_inbound_url', { accountId }),

  /**
   * Asks Twilio whether the saved credentials work and returns the account with `verification`
   * filled in. A Twilio failure is not a rejection: it is `verification.outcome` `failed` or `offline`.
   */
  checkCredentials: (id: string): Promise<Account> => call('check_credentials', { id }),

  /** Rejects with `offline`, a `twilio_*` code or `credentials_missing`. */
  listWhatsAppSenders: (accountId: string): Promise<WhatsAppSender[]> => call('list_whatsapp_senders', { accountId }),

  /** Where Twilio sends each saved number's inbound messages now, one route per number. */
  inboundRoutes: (accountId: string): Promise<InboundRoute[]> => call('inbound_routes', { accountId }),

  /**
   * Writes the inbound URL where Twilio reads it for the number and returns the route after the write.
   * `confirmedUrl` is the `currentUrl` the user saw when confirming: Rust rejects with `inbound_changed`
   * if Twilio's value moved since, with `cannot_apply` for the Sandbox or a TwiML app, and with
   * `number_not_in_twilio` for a number Twilio does not have.
   */
  applyInboundUrl: (accountId: string, numberId: string, confirmedUrl: string | null): Promise<InboundRoute> =>
    call('apply_inbound_url', { accountId, numberId, confirmedUrl }),

  /**
   * "Restore previous": writes back the URL that this desk's last Apply for the number replaced, where
   * that Apply wrote it, and returns the route after the write. Guarded like Apply: `confirmedUrl` is
   * the `currentUrl` the user saw when confirming (else `inbound_changed`); rejects with
   * `nothing_to_restore` when that Apply replaced nothing.
   */
  restorePreviousInboundUrl: (
    accountId: string,
    numberId: string,
    confirmedUrl: string | null,
  ): Promise<InboundRoute> => call('restore_previous_inbound_url', { accountId, numberId, confirmedUrl }),

  /** Offline and failed checks come back as outcomes, not rejections. */
  checkDrift: (accountId: string): Promise<DriftCheck> => call('check_drift', { accountId }),

  /**
   * Opens a page of Twilio's (an error's `moreInfo`, the Console) in the system browser. Rejects with
   * `invalid_url` on field `url` for anything but an https page on twilio.com.
   */
  openTwilioPage: (url: string): Promise<null> => call('open_twilio_page', { url }),

  /** The Twilio hosts that environment variables point somewhere else; empty when Twilio's own are used. */
  hostOverrides: (): Promise<HostOverride[]> => call('host_overrides'),

  destroyWindow,
  onCloseRequested,
};

export type Ipc = typeof ipc;
