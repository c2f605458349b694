// Page 3, Behaviours: custom automated messages (a trigger and a text, each trigger once), the
// post-conversation survey, and WhatsApp message templates. A message or a template is saved on
// its own Save, with the rest of the page as last saved; Next and leaving save everything typed.
// Rust checks it all and names each problem's field: a list item's as `automatedMessages.<i>.text`.
import type { ApprovedTemplate } from '../bindings/ApprovedTemplate';
import type { AutomatedMessage } from '../bindings/AutomatedMessage';
import type { Behaviours } from '../bindings/Behaviours';
import type { MessageTrigger } from '../bindings/MessageTrigger';
import type { Survey } from '../bindings/Survey';
import type { TemplateRef } from '../bindings/TemplateRef';
import type { Workstream } from '../bindings/Workstream';
import { toAppError, type AppError, type Ipc } from '../ipc';
import { m } from '../paraglide/messages';
import type { WizardPage } from '../wizard/engine.svelte';
import { Problems } from '../wizard/problems.svelte';
import { noBehaviours, type SetupEngine } from './setup-steps';

export type BehavioursIpc = Pick<Ipc, 'saveSetupBehaviours' | 'approvedTemplates'>;

/** Every trigger, in the order the admin center lists them. */
export const MESSAGE_TRIGGERS: readonly MessageTrigger[] = [
  'greeting',
  'agent_assigned',
  'agent_not_assigned',
  'agent_disconnected',
  'agent_ended_conversation',
  'agent_joined_conversation',
  'agent_joined_customer_conversation',
  'agent_left_customer_conversation',
  'consult_accepted',
  'consult_session_ended',
  'customer_next_in_line',
  'customer_position_in_queue',
  'customer_disconnected',
  'holiday_message',
  'out_of_operating_hours',
  'session_ended',
  'transfer_accepted',
  'offer_callback',
  'callback_response',
  'queue_overflow_callback',
];

/** The placeholders an automated message may hold, as the admin center writes them. */
export const AGENT_NAME = '{AgentName}';
export const QUEUE_NAME = '{QueueName}';

/** The text with its placeholders filled in, as a customer would read it. */
export function fillPlaceholders(text: string, agent: string, queue: string): string {
  return text.replaceAll(AGENT_NAME, agent).replaceAll(QUEUE_NAME, queue);
}

/** The page's fields, top to bottom, by element id. */
export const BEHAVIOUR_FIELDS = [
  'automated-trigger',
  'automated-text',
  'survey-reference',
  'survey-message',
  'survey-delivery',
  'template-content-sid',
  'template-language',
  'template-text',
] as const;

const SURVEY_FIELDS: Record<string, string> = {
  surveyReference: 'survey-reference',
  surveyMessage: 'survey-message',
  surveyDelivery: 'survey-delivery',
};

const TEMPLATE_FIELDS: Record<string, string> = {
  contentSid: 'template-content-sid',
  language: 'template-language',
  text: 'template-text',
};

/** The automated-message form: a new message (`index` null) or the one at `index`. */
export interface MessageForm {
  index: number | null;
  trigger: MessageTrigger;
  text: string;
}

/** The Add message template dialog. */
export interface TemplateForm {
  contentSid: string;
  language: string;
  text: string;
}

/** What was typed, as Rust takes it: blank optional text is null. */
function textOrNull(value: string): string | null {
  return value.trim() === '' ? null : value;
}

export class BehavioursPage implements WizardPage<Workstream> {
  /** The automated-message form, while open. */
  form: MessageForm | null = $state(null);
  /** The Add message template dialog, while open. */
  template: TemplateForm | null = $state(null);
  /** The approved templates of the setup's account that the dialog offers; null while read. */
  approved: ApprovedTemplate[] | null = $state(null);
  approvedError: AppError | null = $state(null);
  surveyEnabled = $state(false);
  surveyReference = $state('');
  surveyMessage = $state('');
  readonly problems = new Problems(BEHAVIOUR_FIELDS);

  readonly #engine: SetupEngine;
  readonly #ipc: BehavioursIpc;
  /** What the form held when it opened, to tell whether anything was typed since. */
  #formOpened: MessageForm | null = null;

  constructor(engine: SetupEngine, api: BehavioursIpc) {
    this.#engine = engine;
    this.#ipc = api;
  }

  /** A save is running: the dialog's buttons wait for it. */
  get busy(): boolean {
    return this.#engine.busy;
  }

  /** The behaviours as last saved. */
  get saved(): Behaviours {
    return this.#engine.draft?.whatsapp?.behaviours ?? noBehaviours();
  }

  get messages(): AutomatedMessage[] {
    return this.saved.automatedMessages;
  }

  get templates(): TemplateRef[] {
    return this.saved.templates;
  }

  /** The triggers the form offers: those no other message uses. */
  get formTriggers(): MessageTrigger[] {
    const index = this.form?.index ?? null;
    const used = this.messages.filter((_, i) => i !== index).map((msg) => msg.trigger);
    return MESSAGE_TRIGGERS.filter((t) => !used.includes(t));
  }

  /** Whether a trigger is still free for a new message. */
  get canAddMessage(): boolean {
    return this.messages.length < MESSAGE_TRIGGERS.length;
  }

  get #formChanged(): boolean {
    const form = this.form;
    const opened = this.#formOpened;
    return form !== null && (form.trigger !== opened?.trigger || form.text !== opened?.text);
  }

  get #templateTyped(): boolean {
    const t = this.template;
    return t !== null && (t.contentSid.trim() !== '' || t.text.trim() !== '');
  }

  get #surveyChanged(): boolean {
    const saved = this.saved.survey;
    return (
      this.surveyEnabled !== saved.enabled ||
      this.surveyReference !== (saved.reference ?? '') ||
      this.surveyMessage !== (saved.message ?? '')
    );
  }

  get unsaved(): boolean {
    return this.#formChanged || this.#templateTyped || this.#surveyChanged;
  }

  fill(draft: Workstream): void {
    const survey = (draft.whatsapp?.behaviours ?? noBehaviours()).survey;
    this.surveyEnabled = survey.enabled;
    this.surveyReference = survey.reference ?? '';
    this.surveyMessage = survey.message ?? '';
  }

  reset(): void {
    this.form = null;
    this.#formOpened = null;
    this.template = null;
    this.surveyEnabled = false;
    this.surveyReference = '';
    this.surveyMessage = '';
    this.problems.clear();
  }

  // Automated messages

  #openForm(form: MessageForm): void {
    this.problems.clear();
    this.form = form;
    this.#formOpened = { ...form };
  }

  /** A new message, on the first trigger still free. */
  openAddMessage(): void {
    const free = MESSAGE_TRIGGERS.filter((t) => !this.messages.some((msg) => msg.trigger === t));
    if (free.length > 0) this.#openForm({ index: null, trigger: free[0], text: '' });
  }

  openEditMessage(index: number): void {
    const msg = this.messages[index];
    if (msg) this.#openForm({ index, trigger: msg.trigger, text: msg.text });
  }

  cancelMessage(): void {
    this.form = null;
    this.#formOpened = null;
    this.problems.clear();
  }

  /** The saved messages with the form's in its place (or last, when new). */
  #messagesWithForm(form: MessageForm): { list: AutomatedMessage[]; index: number } {
    const list = [...this.messages];
    const msg = { trigger: form.trigger, text: form.text };
    if (form.index === null) return { list: [...list, msg], index: list.length };
    list[form.index] = msg;
    return { list, index: form.index };
  }

  /** The form's Save: the message with the rest of the page as last saved. */
  async saveMessage(): Promise<boolean> {
    const form = this.form;
    if (!form || this.#engine.busy) return false;
    const { list, index } = this.#messagesWithForm(form);
    const ok = await this.#send({ ...this.saved, automatedMessages: list }, { message: index });
    if (ok) this.cancelMessage();
    return ok;
  }

  async removeMessage(index: number): Promise<boolean> {
    if (this.#engine.busy) return false;
    this.problems.clear();
    const list = this.messages.filter((_, i) => i !== index);
    if (!(await this.#send({ ...this.saved, automatedMessages: list }, {}))) return false;
    // The form open on another message follows it to its new place.
    const form = this.form;
    if (form?.index === index) this.cancelMessage();
    else if (form && form.index !== null && form.index > index) form.index--;
    return true;
  }

  // Survey

  /** "Use the default text": the catalog's message, in the UI's language. */
  useDefaultSurveyMessage(): void {
    this.surveyMessage = m.setup_survey_default_message();
    this.problems.clearField('survey-message');
  }

  get #typedSurvey(): Survey {
    return {
      enabled: this.surveyEnabled,
      reference: textOrNull(this.surveyReference),
      message: textOrNull(this.surveyMessage),
      delivery: 'send_link',
    };
  }

  // Templates

  /** The account of the setup's number, whose approved templates the dialog offers. */
  get accountId(): string | null {
    return this.#engine.draft?.whatsapp?.number?.accountId ?? null;
  }

  /** The Add message template dialog, offering the account's approved templates as the last sync read them. */
  async openAddTemplate(): Promise<void> {
    this.problems.clear();
    this.template = { contentSid: '', language: '', text: '' };
    this.approved = null;
    this.approvedError = null;
    const accountId = this.accountId;
    if (accountId === null) return;
    try {
      this.approved = await this.#ipc.approvedTemplates(accountId);
    } catch (e) {
      this.approvedError = toAppError(e);
    }
  }

  /** Picks an approved template: its Content SID, language and Twilio's text fill the form. */
  chooseTemplate(contentSid: string): void {
    const chosen = this.approved?.find((t) => t.contentSid === contentSid);
    this.template = chosen
      ? { contentSid: chosen.contentSid, language: chosen.language, text: chosen.text }
      : { contentSid: '', language: '', text: '' };
  }

  cancelTemplate(): void {
    this.template = null;
    this.problems.clear();
  }

  /** The dialog's Save: the template with the rest of the page as last saved. */
  async saveTemplate(): Promise<boolean> {
    const t = this.template;
    if (!t || this.#engine.busy) return false;
    const index = this.templates.length;
    const added = { contentSid: t.contentSid, language: t.language, text: t.text };
    const ok = await this.#send({ ...this.saved, templates: [...this.templates, added] }, { template: index });
    if (ok) this.template = null;
    return ok;
  }

  async removeTemplate(index: number): Promise<boolean> {
    if (this.#engine.busy) return false;
    this.problems.clear();
    return this.#send({ ...this.saved, templates: this.templates.filter((_, i) => i !== index) }, {});
  }

  // The page

  /** Next: everything typed, the open form and dialog included. */
  complete(): Promise<boolean> {
    return this.saveAll();
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.saveAll();
  }

  async saveAll(): Promise<boolean> {
    const withForm = this.form && this.#formChanged ? this.#messagesWithForm(this.form) : null;
    const t = this.#templateTyped ? this.template : null;
    const templates = t ? [...this.templates, { contentSid: t.contentSid, language: t.language, text: t.text }] : this.templates;
    const ok = await this.#send(
      { automatedMessages: withForm?.list ?? this.messages, survey: this.#typedSurvey, templates },
      { message: withForm?.index, template: t ? this.templates.length : undefined, survey: true },
    );
    if (!ok) return false;
    this.form = null;
    this.#formOpened = null;
    this.template = null;
    const draft = this.#engine.draft;
    if (draft) this.fill(draft);
    return true;
  }

  /**
   * Save `behaviours`; a refusal shows each problem under the field on screen that it names (the
   * form's, the dialog's, the survey's), the others above the page.
   */
  async #send(behaviours: Behaviours, onScreen: { message?: number; template?: number; survey?: boolean }): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const fieldOf = (err: AppError): string | null => {
      const field = err.field ?? '';
      const msg = /^automatedMessages\.(\d+)\.(trigger|text)$/.exec(field);
      if (msg) return Number(msg[1]) === onScreen.message ? `automated-${msg[2]}` : null;
      const tpl = /^templates\.(\d+)\.(contentSid|language|text)$/.exec(field);
      if (tpl) return Number(tpl[1]) === onScreen.template ? TEMPLATE_FIELDS[tpl[2]] : null;
      return onScreen.survey ? (SURVEY_FIELDS[field] ?? null) : null;
    };
    const saved = await engine.call(
      () => this.#ipc.saveSetupBehaviours(draft.id, behaviours),
      (e) => this.problems.showRefusal(e, BEHAVIOUR_FIELDS, fieldOf),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    return true;
  }
}
