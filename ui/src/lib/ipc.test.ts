import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import {
  addNumber,
  applyInboundUrl,
  checkDrift,
  getAccount,
  inboundRoutes,
  isAppError,
  listAccounts,
  listWhatsAppSenders,
  saveAccountDetails,
  toAppError,
  validateAccount,
} from './ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  invokeMock.mockReset();
});

describe('isAppError', () => {
  it('accepts the Rust error shape with or without a field', () => {
    expect(isAppError({ code: 'required', message: 'Name is required', field: 'name' })).toBe(true);
    expect(isAppError({ code: 'storage', message: 'disk full', field: null })).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isAppError('command not found')).toBe(false);
    expect(isAppError(null)).toBe(false);
    expect(isAppError(undefined)).toBe(false);
    expect(isAppError({ code: 'required', message: 'x' })).toBe(false);
    expect(isAppError({ code: 1, message: 'x', field: null })).toBe(false);
    expect(isAppError({ code: 'required', message: 'x', field: 3 })).toBe(false);
    expect(isAppError(new Error('boom'))).toBe(false);
  });
});

describe('toAppError', () => {
  it('keeps a Rust error as it is, dropping extra keys', () => {
    expect(toAppError({ code: 'invalid_account_sid', message: 'bad', field: 'accountSid', extra: 1 })).toEqual({
      code: 'invalid_account_sid',
      message: 'bad',
      field: 'accountSid',
    });
  });

  it('turns strings and JS errors into storage errors', () => {
    expect(toAppError('Command foo not found')).toEqual({
      code: 'storage',
      message: 'Command foo not found',
      field: null,
    });
    expect(toAppError(new TypeError('window.__TAURI_INTERNALS__ is undefined'))).toEqual({
      code: 'storage',
      message: 'window.__TAURI_INTERNALS__ is undefined',
      field: null,
    });
    expect(toAppError({ message: 'half an error' })).toEqual({
      code: 'storage',
      message: '[object Object]',
      field: null,
    });
  });
});

describe('commands', () => {
  it('rejects with the Rust error unchanged', async () => {
    const rustError = { code: 'invalid_phone_number', message: 'Use +E.164', field: 'number' };
    invokeMock.mockRejectedValueOnce(rustError);
    await expect(addNumber('acc-1', { name: 'Sales', number: '123' })).rejects.toEqual(rustError);
  });

  it('normalises a string rejection', async () => {
    invokeMock.mockRejectedValueOnce('unknown command list_accounts');
    await expect(listAccounts()).rejects.toEqual({
      code: 'storage',
      message: 'unknown command list_accounts',
      field: null,
    });
  });

  it('sends snake_case command names with camelCase argument keys', async () => {
    invokeMock.mockResolvedValue({});
    await addNumber('acc-1', { name: 'Sales', number: '+14155238886' });
    const input = { accountSid: 'AC1', authMethod: 'api_key', authToken: null, apiKeySid: 'SK1', apiKeySecret: null } as const;
    await saveAccountDetails('acc-1', input);
    await getAccount('acc-2');
    expect(invokeMock.mock.calls).toEqual([
      ['add_number', { accountId: 'acc-1', input: { name: 'Sales', number: '+14155238886' } }],
      ['save_account_details', { id: 'acc-1', input }],
      ['get_account', { id: 'acc-2' }],
    ]);
  });

  it('sends the Twilio commands with their arguments', async () => {
    invokeMock.mockResolvedValue({});
    await validateAccount('acc-1');
    await listWhatsAppSenders('acc-1');
    await inboundRoutes('acc-1');
    await applyInboundUrl('acc-1', 'num-1', 'https://old.example.com/hook');
    await applyInboundUrl('acc-1', 'num-2', null);
    await checkDrift('acc-1');
    expect(invokeMock.mock.calls).toEqual([
      ['validate_account', { id: 'acc-1' }],
      ['list_whatsapp_senders', { accountId: 'acc-1' }],
      ['inbound_routes', { accountId: 'acc-1' }],
      ['apply_inbound_url', { accountId: 'acc-1', numberId: 'num-1', confirmedUrl: 'https://old.example.com/hook' }],
      ['apply_inbound_url', { accountId: 'acc-1', numberId: 'num-2', confirmedUrl: null }],
      ['check_drift', { accountId: 'acc-1' }],
    ]);
  });
});
