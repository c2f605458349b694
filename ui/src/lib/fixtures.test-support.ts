// An Account as Rust returns it, for the stores' tests; each test overrides what it is about.
import type { Account } from './bindings/Account';

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    name: 'Contoso',
    channel: 'whatsapp',
    accountSid: null,
    authMethod: 'auth_token',
    apiKeySid: null,
    secretStored: false,
    secretLost: false,
    status: 'draft',
    nextStep: 'account_details',
    numbers: [],
    verification: null,
    drift: null,
    createdAt: '2026-11-21T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}
