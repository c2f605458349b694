import { describe, expect, it, vi } from 'vitest';
import type { InboundRoute } from './bindings/InboundRoute';
import { account } from './fixtures.test-support';
import { AccountPageStore, type AccountPageIpc } from './account-page.svelte';
import type { AppError } from './ipc';

const appError = (code: AppError['code']): AppError => ({ code, field: null, params: {}, more: [] });

const full = account({ id: 'a', status: 'complete', accountSid: 'AC0123456789abcdef0123456789abcdef' });

const route: InboundRoute = {
  numberId: 'n1',
  number: '+14155550100',
  kind: 'sender_webhook',
  twilioSid: 'XE0123',
  serviceName: null,
  currentUrl: 'https://cc.example.com/twilio/inbound/a',
  inboundUrl: 'https://cc.example.com/twilio/inbound/a',
  owner: 'ours',
  note: null,
  pending: false,
  applied: null,
};

function fakeIpc(overrides: Partial<AccountPageIpc> = {}) {
  return {
    getAccount: vi.fn(async () => full),
    inboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/a'),
    copyInboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/a'),
    inboundRoutes: vi.fn(async () => [route]),
    ...overrides,
  } satisfies AccountPageIpc;
}

describe('AccountPageStore', () => {
  it('reads the account and its inbound URL', async () => {
    const api = fakeIpc();
    const page = new AccountPageStore('a', api);
    await page.load();
    expect(api.getAccount).toHaveBeenCalledWith('a');
    expect(page.account).toEqual(full);
    expect(page.inboundUrl).toBe('https://cc.example.com/twilio/inbound/a');
    expect(page.error).toBeNull();
  });

  it('shows the account without an inbound URL when no callback base URL is set', async () => {
    const page = new AccountPageStore(
      'a',
      fakeIpc({ inboundUrl: vi.fn().mockRejectedValue(appError('callback_base_url_missing')) }),
    );
    await page.load();
    expect(page.account).toEqual(full);
    expect(page.inboundUrl).toBeNull();
    expect(page.inboundUrlError?.code).toBe('callback_base_url_missing');
  });

  it('says why the account could not be read, and keeps only the newest read', async () => {
    let finishOld: (a: typeof full) => void = () => {};
    const api = fakeIpc({
      getAccount: vi
        .fn()
        .mockReturnValueOnce(new Promise((r) => (finishOld = r)))
        .mockRejectedValueOnce(appError('not_found')),
    });
    const page = new AccountPageStore('a', api);
    const older = page.load();
    await page.load();
    expect(page.error?.code).toBe('not_found');
    finishOld(full);
    await older;
    expect(page.account).toBeNull();
  });

  it('copies the inbound URL through Rust, and says when it could not', async () => {
    const api = fakeIpc({
      copyInboundUrl: vi.fn().mockResolvedValueOnce('url').mockRejectedValueOnce(appError('clipboard')),
    });
    const page = new AccountPageStore('a', api);
    expect(await page.copy()).toBe(true);
    expect(page.copied).toBe(true);
    expect(await page.copy()).toBe(false);
    expect(page.copied).toBe(false);
    expect(page.copyError?.code).toBe('clipboard');
  });

  it('reads the routes from Twilio, then the account again for the drift check Rust kept', async () => {
    const api = fakeIpc();
    const page = new AccountPageStore('a', api);
    await page.load();
    const checking = page.checkRoutes();
    expect(page.checking).toBe(true);
    await page.checkRoutes();
    expect(api.inboundRoutes).toHaveBeenCalledTimes(1);
    await checking;
    expect(page.checking).toBe(false);
    expect(page.routeOf('n1')).toEqual(route);
    expect(api.getAccount).toHaveBeenCalledTimes(2);

    vi.mocked(api.inboundRoutes).mockRejectedValueOnce(appError('offline'));
    await page.checkRoutes();
    expect(page.routesError?.code).toBe('offline');
    expect(page.routeOf('n1')).toEqual(route);
  });
});
