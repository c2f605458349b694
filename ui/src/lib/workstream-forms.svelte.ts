// The three forms of a workstream's page: its details, its work distribution and its advanced
// settings. Each holds what is typed, takes the saved values from a workstream, says whether
// something typed is not saved, and builds what its save command sends. Field rules live in Rust;
// the one check made here is that a typed number is a whole number, before it can be sent.
import type { AdvancedSettings } from './bindings/AdvancedSettings';
import type { SkillMatching } from './bindings/SkillMatching';
import type { Presence } from './bindings/Presence';
import type { VariableKind } from './bindings/VariableKind';
import type { WorkDistribution } from './bindings/WorkDistribution';
import type { Workstream } from './bindings/Workstream';
import type { WorkstreamDetailsInput } from './bindings/WorkstreamDetailsInput';
import type { AppError } from './ipc';
import { Problems } from './wizard/problems.svelte';

/** The presences in the order the admin center lists them; what is sent keeps this order. */
export const PRESENCES: readonly Presence[] = ['available', 'busy', 'busy_dnd', 'away', 'offline'];

export const SKILL_MATCHINGS: readonly SkillMatching[] = ['exact', 'closest', 'none'];

/** Auto-close after inactivity, in minutes: 5, 10, 15, 30 minutes; 1, 2, 4, 8, 12 hours; 1, 2, 3, 7, 14, 30 days. */
export const AUTO_CLOSE_PRESETS: readonly number[] = [
  5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200,
];

const I32_MAX = 2_147_483_647;

/**
 * A typed whole number, or null when it is not one. Beyond what Rust's integers hold it is cut to
 * their limit, so Rust answers with its own range.
 */
export function wholeNumber(typed: string): number | null {
  const text = typed.trim();
  if (!/^[+-]?\d+$/.test(text)) return null;
  const n = Number(text);
  return Math.max(-I32_MAX - 1, Math.min(I32_MAX, n));
}

function notAWholeNumber(field: string): AppError {
  return { code: 'not_a_whole_number', field, params: {}, more: [] };
}

/** Several problems as one refusal, the way Rust sends them: the first, with the others in `more`. */
function asRefusal(errors: AppError[]): AppError {
  const [first, ...more] = errors;
  return { ...first, more };
}

/** A blank optional text is no value. */
function optional(text: string): string | null {
  return text.trim() === '' ? null : text;
}

export const DETAILS_FIELDS = ['workstreamName', 'mode', 'fallbackQueue'] as const;

export class DetailsForm {
  name = $state('');
  fallbackQueueId = $state('');
  saving = $state(false);
  readonly problems = new Problems(DETAILS_FIELDS);
  #saved = { name: '', fallbackQueueId: '' };

  fill(w: Workstream): void {
    this.name = w.name;
    this.fallbackQueueId = w.fallbackQueue.id;
    this.#saved = { name: w.name, fallbackQueueId: w.fallbackQueue.id };
  }

  get unsaved(): boolean {
    return this.name !== this.#saved.name || this.fallbackQueueId !== this.#saved.fallbackQueueId;
  }

  /** The mode goes back as it was created: the details never change it. */
  input(w: Workstream): WorkstreamDetailsInput {
    return { name: this.name, mode: w.mode, fallbackQueueId: this.fallbackQueueId };
  }
}

export const DISTRIBUTION_FIELDS = [
  'autoCloseAfterMinutes',
  'capacityUnits',
  'capacityProfile',
  'wrapUpMinutes',
  'allowedPresences',
  'keepSameAgent',
] as const;

export type CapacityChoice = WorkDistribution['capacity']['kind'];
export type WrapUpChoice = WorkDistribution['wrapUp']['kind'];

export class DistributionForm {
  autoCloseAfterMinutes = $state(43_200);
  capacity: CapacityChoice = $state('unit');
  capacityUnits = $state('1');
  capacityProfile = $state('');
  wrapUp: WrapUpChoice = $state('always');
  wrapUpMinutes = $state('');
  presences: Presence[] = $state(['available', 'busy']);
  skillMatching: SkillMatching = $state('exact');
  keepSameAgent = $state(false);
  saving = $state(false);
  readonly problems = new Problems(DISTRIBUTION_FIELDS);
  /** What `fill` put in, to compare with; null before. */
  #saved: string | null = null;

  fill(w: Workstream): void {
    const d = w.distribution;
    this.autoCloseAfterMinutes = d.autoCloseAfterMinutes;
    this.capacity = d.capacity.kind;
    this.capacityUnits = d.capacity.kind === 'unit' ? String(d.capacity.units) : '1';
    this.capacityProfile = d.capacity.kind === 'profile' ? d.capacity.profile : '';
    this.wrapUp = d.wrapUp.kind;
    this.wrapUpMinutes = d.wrapUp.kind === 'custom' ? String(d.wrapUp.minutes) : '';
    this.presences = PRESENCES.filter((p) => d.allowedPresences.includes(p));
    this.skillMatching = d.skillMatching;
    this.keepSameAgent = d.keepSameAgent;
    this.#saved = this.#typed();
  }

  /** What the user chose, the options not chosen left out: typing in them changes nothing. */
  #typed(): string {
    return JSON.stringify([
      this.autoCloseAfterMinutes,
      this.capacity,
      this.capacity === 'unit' ? this.capacityUnits.trim() : this.capacityProfile,
      this.wrapUp,
      this.wrapUp === 'custom' ? this.wrapUpMinutes.trim() : null,
      PRESENCES.filter((p) => this.presences.includes(p)),
      this.skillMatching,
      this.keepSameAgent,
    ]);
  }

  get unsaved(): boolean {
    return this.#saved !== null && this.#typed() !== this.#saved;
  }

  /** What to send, or the numbers typed that are not whole numbers. */
  input(): { distribution: WorkDistribution } | { refusal: AppError } {
    const wrong: AppError[] = [];
    const units = this.capacity === 'unit' ? wholeNumber(this.capacityUnits) : 0;
    if (units === null) wrong.push(notAWholeNumber('capacityUnits'));
    const minutes = this.wrapUp === 'custom' ? wholeNumber(this.wrapUpMinutes) : 0;
    if (minutes === null) wrong.push(notAWholeNumber('wrapUpMinutes'));
    if (units === null || minutes === null) return { refusal: asRefusal(wrong) };
    return {
      distribution: {
        autoCloseAfterMinutes: this.autoCloseAfterMinutes,
        capacity: this.capacity === 'unit' ? { kind: 'unit', units } : { kind: 'profile', profile: this.capacityProfile },
        wrapUp:
          this.wrapUp === 'custom'
            ? { kind: 'custom', minutes }
            : this.wrapUp === 'always'
              ? { kind: 'always' }
              : { kind: 'dont_block' },
        allowedPresences: PRESENCES.filter((p) => this.presences.includes(p)),
        skillMatching: this.skillMatching,
        keepSameAgent: this.keepSameAgent,
      },
    };
  }
}

export type VariableRow = { key: number; name: string; kind: VariableKind };
export type QuickReplyRow = { key: number; title: string; text: string };

export class AdvancedForm {
  botName = $state('');
  sessionTemplate = $state('');
  agentNotificationTemplate = $state('');
  variables: VariableRow[] = $state([]);
  quickReplies: QuickReplyRow[] = $state([]);
  saving = $state(false);
  /** Its field order is the page's; the component focuses the first invalid field it shows. */
  readonly problems = new Problems([]);
  /** What `fill` put in, to compare with; null before. */
  #saved: string | null = null;
  #nextKey = 0;

  fill(w: Workstream): void {
    const a = w.advanced;
    this.botName = a.botName ?? '';
    this.sessionTemplate = a.sessionTemplate ?? '';
    this.agentNotificationTemplate = a.agentNotificationTemplate ?? '';
    this.variables = a.contextVariables.map((v) => ({ key: this.#nextKey++, name: v.name, kind: v.kind }));
    this.quickReplies = a.quickReplies.map((q) => ({ key: this.#nextKey++, title: q.title, text: q.text }));
    this.#saved = JSON.stringify(this.input());
  }

  get unsaved(): boolean {
    return this.#saved !== null && JSON.stringify(this.input()) !== this.#saved;
  }

  /** The fields on screen, as Rust names them in errors. */
  get fields(): string[] {
    return [
      'botName',
      'sessionTemplate',
      'agentNotificationTemplate',
      ...this.variables.map((_, i) => `contextVariables.${i}.name`),
      ...this.quickReplies.flatMap((_, i) => [`quickReplies.${i}.title`, `quickReplies.${i}.text`]),
    ];
  }

  /** Adds an empty variable; returns its key. */
  addVariable(): number {
    const key = this.#nextKey++;
    this.variables.push({ key, name: '', kind: 'text' });
    return key;
  }

  /** The rows after it move up, so their problems no longer match: they go until the next save. */
  removeVariable(key: number): void {
    this.variables = this.variables.filter((v) => v.key !== key);
    this.#forget('contextVariables.');
  }

  addQuickReply(): number {
    const key = this.#nextKey++;
    this.quickReplies.push({ key, title: '', text: '' });
    return key;
  }

  removeQuickReply(key: number): void {
    this.quickReplies = this.quickReplies.filter((q) => q.key !== key);
    this.#forget('quickReplies.');
  }

  #forget(prefix: string): void {
    for (const field of Object.keys(this.problems.fields)) if (field.startsWith(prefix)) this.problems.clearField(field);
  }

  input(): AdvancedSettings {
    return {
      botName: optional(this.botName),
      sessionTemplate: optional(this.sessionTemplate),
      agentNotificationTemplate: optional(this.agentNotificationTemplate),
      contextVariables: this.variables.map((v) => ({ name: v.name, kind: v.kind })),
      quickReplies: this.quickReplies.map((q) => ({ title: q.title, text: q.text })),
    };
  }
}
