// How accounts and the results of checking them against Twilio read on screen, in the current
// language. Every label is looked up when it is read, never at import, so a component that shows
// one follows a switch of language.
import type { AccountStatus } from './bindings/AccountStatus';
import type { AuthMethod } from './bindings/AuthMethod';
import type { DriftCheck } from './bindings/DriftCheck';
import type { DriftOutcome } from './bindings/DriftOutcome';
import type { InboundRoute } from './bindings/InboundRoute';
import type { NumberDrift } from './bindings/NumberDrift';
import type { NumberState } from './bindings/NumberState';
import type { UrlOwner } from './bindings/UrlOwner';
import type { VerificationOutcome } from './bindings/VerificationOutcome';
import type { CodedError } from './errors';
import { locale } from './i18n.svelte';
import { m } from './paraglide/messages';

export { formatDateTime } from './format';

export function authMethodLabel(method: AuthMethod): string {
  return method === 'auth_token' ? m.accounts_auth_token() : m.accounts_api_key();
}

/** What the keyring holds for each sign-in method. */
export function secretLabel(method: AuthMethod): string {
  return method === 'auth_token' ? m.accounts_auth_token() : m.accounts_api_key_secret();
}

/** Draft or complete, as the list's Status column says it. */
export function accountStatusLabel(status: AccountStatus): string {
  return status === 'complete' ? m.accounts_status_complete() : m.accounts_status_draft();
}

/** The short form used in the accounts list and the Done summary; null means never validated. */
export function verificationLabel(outcome: VerificationOutcome | null): string {
  switch (outcome) {
    case 'verified':
      return m.accounts_verification_verified();
    case 'failed':
      return m.accounts_verification_failed();
    case 'offline':
      return m.accounts_not_checked_offline();
    case null:
      return m.accounts_verification_none();
  }
}

/** What a drift check found for the account as a whole; null before any check. */
export function driftOutcomeLabel(outcome: DriftOutcome | null): string {
  switch (outcome) {
    case 'in_sync':
      return m.accounts_drift_in_sync();
    case 'drifted':
      return m.accounts_drift_drifted();
    case 'not_applied':
      return m.accounts_drift_not_applied();
    case 'offline':
      return m.accounts_not_checked_offline();
    case 'failed':
      return m.accounts_drift_failed();
    case null:
      return m.accounts_drift_none();
  }
}

/** What the last drift check found for one number. */
export function numberStateLabel(state: NumberState): string {
  return state === 'failed' ? m.accounts_number_failed() : driftOutcomeLabel(state);
}

const SENDER_STATUSES: Record<string, () => string> = {
  CREATING: m.accounts_sender_creating,
  ONLINE: m.accounts_sender_online,
  'ONLINE:UPDATING': m.accounts_sender_online_updating,
  OFFLINE: m.accounts_sender_offline,
  PENDING_VERIFICATION: m.accounts_sender_pending_verification,
  VERIFYING: m.accounts_sender_verifying,
  TWILIO_REVIEW: m.accounts_sender_twilio_review,
  DRAFT: m.accounts_sender_draft,
  STUBBED: m.accounts_sender_stubbed,
};

/**
 * A WhatsApp sender's status (`ONLINE`, `PENDING_VERIFICATION`, …) in words. A value Twilio added
 * after this was written is shown as Twilio sent it, rather than hidden.
 */
export function senderStatusLabel(raw: string | null): string {
  if (raw === null) return m.accounts_sender_unknown();
  return SENDER_STATUSES[raw.toUpperCase()]?.() ?? raw;
}

const TWILIO_ACCOUNT_STATUSES: Record<string, () => string> = {
  active: m.accounts_twilio_status_active,
  suspended: m.accounts_twilio_status_suspended,
  closed: m.accounts_twilio_status_closed,
};

/** A Twilio account's `status` (`active`, `suspended`, `closed`) in words; another value as Twilio sent it. */
export function twilioAccountStatusLabel(raw: string | null): string {
  if (raw === null) return m.accounts_unknown();
  return TWILIO_ACCOUNT_STATUSES[raw.toLowerCase()]?.() ?? raw;
}

const TWILIO_ACCOUNT_TYPES: Record<string, () => string> = {
  trial: m.accounts_twilio_type_trial,
  full: m.accounts_twilio_type_full,
};

/** A Twilio account's `type` (`Trial`, `Full`) in words; another value as Twilio sent it. */
export function twilioAccountTypeLabel(raw: string | null): string {
  if (raw === null) return m.accounts_unknown();
  return TWILIO_ACCOUNT_TYPES[raw.toLowerCase()]?.() ?? raw;
}

/** Where Twilio reads a number's inbound URL, in words. */
export function routeKindLabel(route: Pick<InboundRoute, 'kind' | 'serviceName'>): string {
  switch (route.kind) {
    case 'sender_webhook':
      return m.accounts_route_sender_webhook();
    case 'messaging_service':
      return route.serviceName
        ? m.accounts_route_service_named({ service: route.serviceName })
        : m.accounts_route_service();
    case 'phone_number':
      return m.accounts_route_phone_number();
    case 'sandbox':
      return m.accounts_route_sandbox();
    case 'unknown':
      return m.accounts_route_unknown();
  }
}

/** Whose URL a number posts to now. */
export function urlOwnerLabel(owner: UrlOwner): string {
  switch (owner) {
    case 'ours':
      return m.accounts_owner_ours();
    case 'unset':
      return m.accounts_owner_unset();
    case 'studio_flow':
      return m.accounts_owner_studio_flow();
    case 'elsewhere':
      return m.accounts_owner_elsewhere();
  }
}

/** One line of what the last drift check found, with the reason of a failure apart from it. */
export interface DriftLine {
  /** The number state or, for a check that found nothing per number, the outcome; `none` before any check. */
  kind: DriftOutcome | 'none';
  text: string;
  /** Why it could not be checked, for `errorText`. */
  reason: CodedError | null;
}

/** "Sales (+14155550100)". */
export function numberNamed(n: Pick<NumberDrift, 'name' | 'number'>): string {
  return m.accounts_number_named({ name: n.name, number: n.number });
}

function namedList(numbers: NumberDrift[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(numbers.map(numberNamed));
}

/**
 * What the last drift check means, line by line: the drifted numbers by name (applied here, then
 * changed in Twilio), each number that could not be checked with its reason, and the numbers never
 * set up in Twilio. A check that failed as a whole, or could not reach Twilio, is one line with its reason.
 */
export function driftLines(drift: DriftCheck | null): DriftLine[] {
  if (drift === null) return [{ kind: 'none', text: driftOutcomeLabel(null), reason: null }];
  if (drift.outcome === 'in_sync') return [{ kind: 'in_sync', text: driftOutcomeLabel('in_sync'), reason: null }];
  const whole = drift.problem;
  if (drift.outcome === 'offline') return [{ kind: 'offline', text: driftOutcomeLabel('offline'), reason: whole }];
  const inState = (state: NumberState) => drift.numbers.filter((n) => n.state === state);
  const lines: DriftLine[] = [];
  const drifted = inState('drifted');
  if (drifted.length > 0) {
    lines.push({ kind: 'drifted', text: m.accounts_drift_drifted_numbers({ numbers: namedList(drifted) }), reason: null });
  }
  for (const n of inState('failed')) {
    lines.push({
      kind: 'failed',
      text: m.accounts_drift_number_failed({ number: numberNamed(n) }),
      reason: n.problem,
    });
  }
  const notApplied = inState('not_applied');
  if (notApplied.length > 0) {
    lines.push({
      kind: 'not_applied',
      text: m.accounts_drift_not_applied_numbers({ numbers: namedList(notApplied) }),
      reason: null,
    });
  }
  if (lines.length > 0) return lines;
  // Nothing per number: the check failed as a whole.
  return [{ kind: drift.outcome, text: driftOutcomeLabel(drift.outcome), reason: whole }];
}

/** Whether Apply would fix something: a number drifted, or never set up in Twilio. */
export function driftNeedsApply(drift: DriftCheck | null): boolean {
  return drift?.numbers.some((n) => n.state === 'drifted' || n.state === 'not_applied') ?? false;
}
