import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import capabilitySource from '../../../src-tauri/capabilities/main.json?raw';
import permissionSource from '../../../src-tauri/permissions/commands.toml?raw';
import shellSource from '../../../src-tauri/src/lib.rs?raw';
import type { WorkDistribution } from './bindings/WorkDistribution';
import { ipc, isAppError, toAppError } from './ipc';

const {
  addNumber,
  applyInboundUrl,
  checkCredentials,
  checkDrift,
  destroyWindow,
  getAccount,
  hostOverrides,
  inboundRoutes,
  listAccounts,
  listWhatsAppSenders,
  onCloseRequested,
  openTwilioPage,
  restorePreviousInboundUrl,
  saveAccountDetails,
  setLanguage,
} = ipc;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  Channel: class {
    onmessage: (message: unknown) => void = () => {};
  },
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(() => Promise.resolve(() => {})) }));

/** The window as `getCurrentWindow()` returns it, reduced to what ipc.ts uses. */
const win = vi.hoisted(() => ({ onCloseRequested: vi.fn(), destroy: vi.fn() }));
vi.mock('@tauri-apps/api/window', () => ({ getCurrentWindow: () => win }));

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  invokeMock.mockReset();
});

describe('isAppError', () => {
  it('accepts the Rust error shape with or without a field', () => {
    expect(isAppError({ code: 'required', field: 'name', params: {}, more: [] })).toBe(true);
    expect(isAppError({ code: 'storage', field: null, params: { reason: 'database' }, more: [] })).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isAppError('command not found')).toBe(false);
    expect(isAppError(null)).toBe(false);
    expect(isAppError(undefined)).toBe(false);
    expect(isAppError({ code: 'required' })).toBe(false);
    expect(isAppError({ code: 'required', field: null })).toBe(false);
    expect(isAppError({ code: 1, field: null, params: {}, more: [] })).toBe(false);
    expect(isAppError({ code: 'required', field: 3, params: {}, more: [] })).toBe(false);
    expect(isAppError({ code: 'required', field: null, params: null, more: [] })).toBe(false);
    expect(isAppError(new Error('boom'))).toBe(false);
  });
});

describe('toAppError', () => {
  it("keeps a Rust error as it is, with its params and the page's other problems, dropping extra keys", () => {
    const more = [{ code: 'required', field: 'authToken', params: {}, more: [] }];
    const rust = { code: 'too_long', field: 'name', params: { max: 100, actual: 101 }, more, extra: 1 };
    expect(toAppError(rust)).toEqual({
      code: 'too_long',
      field: 'name',
      params: { max: 100, actual: 101 },
      more,
    });
  });

  it('turns strings and JS errors into storage errors, logging what they said', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = { code: 'storage', field: null, params: {}, more: [] };
    const typeError = new TypeError('window.__TAURI_INTERNALS__ is undefined');
    expect(toAppError('Command foo not found')).toEqual(storage);
    expect(toAppError(typeError)).toEqual(storage);
    expect(toAppError({ message: 'half an error' })).toEqual(storage);
    expect(log.mock.calls.map((call) => call.at(-1))).toEqual(['Command foo not found', typeError, { message: 'half an error' }]);
  });
});

describe('commands', () => {
  it('rejects with the Rust error unchanged', async () => {
    const rustError = {
      code: 'invalid_phone_number',
      field: 'number',
      params: { reason: 'no_plus' },
      more: [],
    };
    invokeMock.mockRejectedValueOnce(rustError);
    await expect(addNumber('acc-1', { name: 'Sales', number: '123' })).rejects.toEqual(rustError);
  });

  it('normalises a string rejection', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    invokeMock.mockRejectedValueOnce('unknown command list_accounts');
    await expect(listAccounts()).rejects.toEqual({
      code: 'storage',
      field: null,
      params: {},
      more: [],
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
    await checkCredentials('acc-1');
    await listWhatsAppSenders('acc-1');
    await inboundRoutes('acc-1');
    await applyInboundUrl('acc-1', 'num-1', 'https://old.example.com/hook');
    await applyInboundUrl('acc-1', 'num-2', null);
    await checkDrift('acc-1');
    await restorePreviousInboundUrl('acc-1', 'num-1', 'https://cc.example.com/twilio/inbound/acc-1');
    await openTwilioPage('https://www.twilio.com/docs/errors/20003');
    await setLanguage('zh-TW');
    await setLanguage(null);
    expect(invokeMock.mock.calls).toEqual([
      ['check_credentials', { id: 'acc-1' }],
      ['list_whatsapp_senders', { accountId: 'acc-1' }],
      ['inbound_routes', { accountId: 'acc-1' }],
      ['apply_inbound_url', { accountId: 'acc-1', numberId: 'num-1', confirmedUrl: 'https://old.example.com/hook' }],
      ['apply_inbound_url', { accountId: 'acc-1', numberId: 'num-2', confirmedUrl: null }],
      ['check_drift', { accountId: 'acc-1' }],
      [
        'restore_previous_inbound_url',
        { accountId: 'acc-1', numberId: 'num-1', confirmedUrl: 'https://cc.example.com/twilio/inbound/acc-1' },
      ],
      ['open_twilio_page', { url: 'https://www.twilio.com/docs/errors/20003' }],
      ['set_language', { language: 'zh-TW' }],
      ['set_language', { language: null }],
    ]);
  });
});

describe('queues, workstreams and the WhatsApp setup', () => {
  it('sends their commands with camelCase argument keys', async () => {
    invokeMock.mockResolvedValue({});
    const distribution: WorkDistribution = {
      autoCloseAfterMinutes: 43200,
      capacity: { kind: 'unit', units: 1 },
      wrapUp: { kind: 'always' },
      allowedPresences: ['available', 'busy'],
      skillMatching: 'exact',
      keepSameAgent: false,
    };
    const attachments = { enabled: true, customers: true, agents: false };
    await ipc.createQueue({ name: 'Escalations', kind: 'messaging' });
    await ipc.renameQueue('q-1', 'Escalations EU');
    await ipc.createWorkstream({
      name: 'Sales',
      kind: 'messaging',
      channel: 'whatsapp',
      mode: 'push',
      fallbackQueue: { kind: 'new', name: 'Sales queue' },
    });
    await ipc.saveWorkstreamDetails('ws-1', { name: 'Sales EU', mode: 'push', fallbackQueueId: 'q-1' });
    await ipc.saveWorkDistribution('ws-1', distribution);
    await ipc.availableNumbers('ws-1');
    await ipc.saveSetupNumber('ws-1', 'num-1');
    await ipc.saveSetupLanguage('ws-1', 'pt_BR');
    await ipc.saveSetupUserFeatures('ws-1', attachments);
    await ipc.finishSetup('ws-1');
    await ipc.deleteAccount('acc-1', true);
    await ipc.removeNumber('num-1', false);
    expect(invokeMock.mock.calls).toEqual([
      ['create_queue', { input: { name: 'Escalations', kind: 'messaging' } }],
      ['rename_queue', { id: 'q-1', name: 'Escalations EU' }],
      [
        'create_workstream',
        {
          input: {
            name: 'Sales',
            kind: 'messaging',
            channel: 'whatsapp',
            mode: 'push',
            fallbackQueue: { kind: 'new', name: 'Sales queue' },
          },
        },
      ],
      ['save_workstream_details', { id: 'ws-1', input: { name: 'Sales EU', mode: 'push', fallbackQueueId: 'q-1' } }],
      ['save_work_distribution', { id: 'ws-1', distribution }],
      ['available_numbers', { workstreamId: 'ws-1' }],
      ['save_setup_number', { workstreamId: 'ws-1', numberId: 'num-1' }],
      ['save_setup_language', { workstreamId: 'ws-1', language: 'pt_BR' }],
      ['save_setup_user_features', { workstreamId: 'ws-1', attachments }],
      ['finish_setup', { workstreamId: 'ws-1' }],
      ['delete_account', { id: 'acc-1', unbind: true }],
      ['remove_number', { numberId: 'num-1', unbind: false }],
    ]);
  });
});

describe('the window', () => {
  /** What Tauri passes to a close-requested handler, reduced to what ipc.ts uses. */
  const closeEvent = () => ({ preventDefault: vi.fn() });

  beforeEach(() => {
    win.onCloseRequested.mockReset();
    win.destroy.mockReset();
  });

  it('keeps the window open when the handler says no, and lets it close when it says yes', async () => {
    const unlisten = vi.fn();
    win.onCloseRequested.mockResolvedValueOnce(unlisten);
    const mayClose = vi.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    expect(await onCloseRequested(mayClose)).toBe(unlisten);
    const handler = win.onCloseRequested.mock.lastCall?.[0];

    const refused = closeEvent();
    await handler(refused);
    expect(refused.preventDefault).toHaveBeenCalled();

    const allowed = closeEvent();
    await handler(allowed);
    expect(allowed.preventDefault).not.toHaveBeenCalled();
  });

  it('lets the window close when the handler itself fails, rather than keep it open for good', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    win.onCloseRequested.mockResolvedValueOnce(vi.fn());
    await onCloseRequested(() => Promise.reject(new Error('a bug')));
    const event = closeEvent();
    await win.onCloseRequested.mock.lastCall?.[0](event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalled();
  });

  it('closes the window without asking again, and normalises a refusal', async () => {
    win.destroy.mockResolvedValueOnce(undefined);
    win.destroy.mockClear();
    await destroyWindow();
    expect(win.destroy).toHaveBeenCalledTimes(1);

    vi.spyOn(console, 'error').mockImplementation(() => {});
    win.destroy.mockRejectedValueOnce('window.destroy not allowed');
    await expect(destroyWindow()).rejects.toEqual({
      code: 'storage',
      field: null,
      params: {},
      more: [],
    });
  });

  it('asks Rust which Twilio hosts are overridden', async () => {
    const overrides = [{ variable: 'CHANNEL_DESK_TWILIO_API_URL', url: 'http://127.0.0.1:4010/' }];
    invokeMock.mockResolvedValueOnce(overrides);
    expect(await hostOverrides()).toEqual(overrides);
    expect(invokeMock).toHaveBeenCalledWith('host_overrides', undefined);
  });
});

describe('progress', () => {
  it('hands sync_templates a channel whose messages reach the handler', async () => {
    invokeMock.mockResolvedValueOnce(null);
    const heard: unknown[] = [];
    await ipc.syncTemplates('acc-1', (p) => heard.push(p));
    const [command, args] = invokeMock.mock.calls[0];
    expect(command).toBe('sync_templates');
    const { accountId, onProgress } = args as { accountId: string; onProgress: { onmessage: (m: unknown) => void } };
    expect(accountId).toBe('acc-1');
    onProgress.onmessage({ accountId: 'acc-1', pages: 1, contents: 1000 });
    expect(heard).toEqual([{ accountId: 'acc-1', pages: 1, contents: 1000 }]);
  });
});

describe('command names', () => {
  /** Every command that `ipc` invokes, found by calling each of its functions once. */
  async function invokedByIpc(): Promise<string[]> {
    invokeMock.mockResolvedValue(null);
    win.onCloseRequested.mockResolvedValue(vi.fn());
    win.destroy.mockResolvedValue(undefined);
    for (const call of Object.values(ipc) as Array<() => Promise<unknown>>) await call();
    return invokeMock.mock.calls.map(([command]) => command);
  }

  /** The quoted names in the list after `key = [` in `source`. */
  function listed(source: string, key: RegExp): string[] {
    const list = new RegExp(`${key.source}\\s*=\\s*\\[([^\\]]*)\\]`).exec(source)?.[1] ?? '';
    return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  }

  it("names the same commands in the shell's handler, its permission and ipc.ts", async () => {
    const handler = /generate_handler!\[([^\]]*)\]/.exec(shellSource)?.[1] ?? '';
    const registered = [...handler.matchAll(/commands::\w+::(\w+)/g)].map((m) => m[1]).sort();
    expect(registered.length).toBeGreaterThan(20);
    expect(listed(permissionSource, /commands\.allow/).sort()).toEqual(registered);
    expect((await invokedByIpc()).sort()).toEqual(registered);
  });

  it('grants that permission, and no other of ours, to the one window', () => {
    const identifier = /identifier\s*=\s*"([^"]+)"/.exec(permissionSource)?.[1];
    const { windows, permissions } = JSON.parse(capabilitySource) as { windows: string[]; permissions: string[] };
    expect(windows).toEqual(['main']);
    expect(permissions.filter((p) => !p.startsWith('core:'))).toEqual([identifier]);
  });
});
