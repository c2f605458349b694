// How the results of checking an account against Twilio read on screen.
import type { AuthMethod } from './bindings/AuthMethod';
import type { DriftCheck } from './bindings/DriftCheck';
import type { DriftOutcome } from './bindings/DriftOutcome';
import type { NumberDrift } from './bindings/NumberDrift';
import type { NumberState } from './bindings/NumberState';
import type { VerificationOutcome } from './bindings/VerificationOutcome';

export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  auth_token: 'Auth token',
  api_key: 'API key',
};

/** What the keyring holds for each sign-in method. */
export const SECRET_LABELS: Record<AuthMethod, string> = {
  auth_token: 'Auth token',
  api_key: 'API key secret',
};

/** The short form used in the accounts list and the Done summary; null means never validated. */
export function verificationLabel(outcome: VerificationOutcome | null): string {
  switch (outcome) {
    case 'verified':
      return 'Verified';
    case 'failed':
      return 'Failed';
    case 'offline':
      return 'Not checked (offline)';
    case null:
      return 'Not verified';
  }
}

/** One line of what the last drift check found, with the reason of a failure as text of its own. */
export interface DriftLine {
  /** The number state or, for a check that found nothing per number, the outcome; `none` before any check. */
  kind: DriftOutcome | 'none';
  text: string;
  reason: string | null;
}

/** The headline of a check that found nothing per number. */
const DRIFT_OUTCOME_LABELS: Record<DriftOutcome, string> = {
  in_sync: 'In sync',
  drifted: 'Drifted',
  not_applied: 'Not set up in Twilio yet',
  offline: 'Not checked (offline)',
  failed: 'Check failed',
};

const named = (numbers: NumberDrift[]): string => numbers.map((n) => `${n.name} (${n.number})`).join(', ');

/**
 * What the last drift check means, line by line: the drifted numbers by name (applied here, then
 * changed in Twilio), each number that could not be checked with its reason, and the numbers never
 * set up in Twilio. A check that failed as a whole, or could not reach Twilio, is one line with its reason.
 */
export function driftLines(drift: DriftCheck | null): DriftLine[] {
  if (drift === null) return [{ kind: 'none', text: 'Not checked', reason: null }];
  if (drift.outcome === 'offline') return [{ kind: 'offline', text: 'Not checked (offline)', reason: drift.message }];
  if (drift.outcome === 'in_sync') return [{ kind: 'in_sync', text: 'In sync', reason: null }];
  const inState = (state: NumberState) => drift.numbers.filter((n) => n.state === state);
  const lines: DriftLine[] = [];
  const drifted = inState('drifted');
  if (drifted.length > 0) lines.push({ kind: 'drifted', text: `Drifted: ${named(drifted)}`, reason: null });
  for (const n of inState('failed')) {
    lines.push({ kind: 'failed', text: `Could not check ${n.name} (${n.number})`, reason: n.message });
  }
  const notApplied = inState('not_applied');
  if (notApplied.length > 0) {
    lines.push({ kind: 'not_applied', text: `Not set up in Twilio yet: ${named(notApplied)}`, reason: null });
  }
  if (lines.length > 0) return lines;
  // Nothing per number: the check failed as a whole.
  return [{ kind: drift.outcome, text: DRIFT_OUTCOME_LABELS[drift.outcome], reason: drift.message }];
}

/** Whether Apply would fix something: a number drifted, or never set up in Twilio. */
export function driftNeedsApply(drift: DriftCheck | null): boolean {
  return drift?.numbers.some((n) => n.state === 'drifted' || n.state === 'not_applied') ?? false;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A Rust timestamp in local time; left as it is when it does not parse. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}
