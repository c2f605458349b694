// How the results of checking an account against Twilio read on screen.
import type { AuthMethod } from './bindings/AuthMethod';
import type { DriftCheck } from './bindings/DriftCheck';
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

export function driftLabel(drift: DriftCheck | null): string {
  switch (drift?.outcome) {
    case 'in_sync':
      return 'In sync';
    case 'drifted': {
      const drifted = drift.numbers.filter((n) => n.state === 'drifted').map((n) => `${n.name} (${n.number})`);
      return `Drifted: ${drifted.join(', ')}`;
    }
    case 'not_applied':
      return 'Not set up in Twilio yet';
    case 'offline':
      return 'Not checked (offline)';
    case 'failed':
      return 'Check failed';
    default:
      return 'Not checked';
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A Rust timestamp in local time; left as it is when it does not parse. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}
