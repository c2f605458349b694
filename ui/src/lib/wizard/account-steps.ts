// The messaging-account wizard's pages and what its page stores share.
import type { Account } from '../bindings/Account';
import type { AuthMethod } from '../bindings/AuthMethod';
import type { WizardStep } from '../bindings/WizardStep';
import type { Ipc } from '../ipc';
import { m } from '../paraglide/messages';
import type { StepDef, WizardEngine } from './engine.svelte';

export type { WizardStep };

export type AccountEngine = WizardEngine<WizardStep, Account>;

export type WizardIpc = Pick<
  Ipc,
  | 'getAccount'
  | 'createAccount'
  | 'updateChannelDetails'
  | 'saveAccountDetails'
  | 'addNumber'
  | 'updateNumber'
  | 'removeNumber'
  | 'completeAccount'
  | 'inboundUrl'
  | 'copyInboundUrl'
  | 'checkCredentials'
  | 'listWhatsAppSenders'
>;

export const STEP_TITLES: Record<WizardStep, () => string> = {
  channel_details: () => m.wizard_step_channel_details(),
  account_details: () => m.wizard_step_account_details(),
  numbers: () => m.wizard_step_numbers(),
  callback: () => m.wizard_step_callback(),
  done: () => m.wizard_step_done(),
};

export const STEPS: readonly StepDef<WizardStep>[] = (
  ['channel_details', 'account_details', 'numbers', 'callback', 'done'] as const
).map((id) => ({ id, title: STEP_TITLES[id] }));

/** The field that holds the secret of each sign-in method, as Rust names it in `Error.field`. */
export const SECRET_FIELD: Record<AuthMethod, 'authToken' | 'apiKeySecret'> = {
  auth_token: 'authToken',
  api_key: 'apiKeySecret',
};

/** The account as Rust records it once the keyring turns out not to have its secret: none stored, nothing checked with it. */
export function withSecretLost(a: Account): Account {
  return { ...a, secretStored: false, secretLost: true, verification: null, drift: null };
}
