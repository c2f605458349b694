import { describe, expect, it, vi } from 'vitest';
import type { InboundRoute } from './bindings/InboundRoute';
import { routeKindLabel } from './checks';
import {
  canApply,
  canRestore,
  InboundRoutesStore,
  isStudioFlowUrl,
  replaceWarning,
  routeWhere,
  type RoutesIpc,
} from './routes.svelte';

const OURS = 'https://cc.example.com/twilio/inbound/acc-1';

function route(overrides: Partial<InboundRoute> = {}): InboundRoute {
  return {
    numberId: 'num-1',
    number: '+14155550100',
    kind: 'sender_webhook',
    twilioSid: 'XE0123',
    serviceName: null,
    currentUrl: 'https://old.example.com/hook',
    inboundUrl: OURS,
    owner: 'elsewhere',
    note: null,
    pending: false,
    applied: null,
    ...overrides,
  };
}

function first(store: InboundRoutesStore): InboundRoute {
  const r = store.routes?.[0];
  if (!r) throw new Error('no routes were read');
  return r;
}

function fakeIpc(overrides: Partial<RoutesIpc> = {}) {
  return {
    inboundRoutes: vi.fn(async () => [
      route(),
      route({ numberId: 'num-2', number: '+14155550101', owner: 'ours', currentUrl: OURS }),
    ]),
    applyInboundUrl: vi.fn(async () => route({ currentUrl: OURS, owner: 'ours' })),
    restorePreviousInboundUrl: vi.fn(async () => route()),
    ...overrides,
  } satisfies RoutesIpc;
}

describe('route labels', () => {
  it('says where Twilio reads the URL', () => {
    expect(routeWhere(route())).toBe(`${routeKindLabel(route())} (XE0123)`);
    const service = routeWhere(route({ kind: 'messaging_service', twilioSid: 'MG1', serviceName: 'Support' }));
    expect(service).toContain('Support');
    expect(service).toContain('(MG1)');
    for (const kind of ['sandbox', 'unknown'] as const) {
      expect(routeWhere(route({ kind, twilioSid: null }))).toBe(routeKindLabel({ kind, serviceName: null }));
    }
  });

  it('offers Apply only where Rust can write a URL that is not ours yet', () => {
    expect(canApply(route())).toBe(true);
    expect(canApply(route({ owner: 'unset', currentUrl: null }))).toBe(true);
    expect(canApply(route({ kind: 'messaging_service', owner: 'studio_flow' }))).toBe(true);
    expect(canApply(route({ kind: 'phone_number', twilioSid: 'PN1' }))).toBe(true);
    expect(canApply(route({ owner: 'ours' }))).toBe(false);
    expect(canApply(route({ kind: 'sandbox', twilioSid: null }))).toBe(false);
    expect(canApply(route({ kind: 'unknown', twilioSid: null }))).toBe(false);
    // A number handled by a TwiML app: Twilio ignores its SmsUrl, and Rust has no SID to write to.
    expect(canApply(route({ kind: 'phone_number', twilioSid: null }))).toBe(false);
  });

  it('warns before replacing a Studio flow or another URL', () => {
    expect(replaceWarning(route({ owner: 'studio_flow' }))).toBe(
      'This replaces a Studio flow: the flow stops receiving these messages.',
    );
    expect(replaceWarning(route({ owner: 'elsewhere' }))).toBe('This replaces a URL that points somewhere else.');
    expect(replaceWarning(route({ owner: 'unset', currentUrl: null }))).toBeNull();
  });
});

describe('InboundRoutesStore', () => {
  it('reads the routes, or shows why not', async () => {
    const api = fakeIpc({
      inboundRoutes: vi
        .fn()
        .mockRejectedValueOnce({ code: 'offline', field: null, params: {}, more: [] })
        .mockResolvedValueOnce([route()]),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    expect(api.inboundRoutes).toHaveBeenCalledWith('acc-1');
    expect(store.error).toEqual({ code: 'offline', field: null, params: {}, more: [] });
    expect(store.routes).toBeNull();
    await store.check();
    expect(store.error).toBeNull();
    expect(store.routes).toEqual([route()]);
  });

  it('keeps the code of a keyring problem, so the page can show it as one', async () => {
    const problem = { code: 'keyring_locked' as const, field: null, params: {}, more: [] };
    const api = fakeIpc({
      inboundRoutes: vi.fn(async () => {
        throw problem;
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    expect(store.error).toEqual(problem);
  });

  it('applies with the current URL the user confirmed, and replaces the row with what Rust returned', async () => {
    const reads: ((routes: InboundRoute[]) => void)[] = [];
    const api = fakeIpc({ inboundRoutes: vi.fn(() => new Promise<InboundRoute[]>((r) => reads.push(r))) });
    const store = new InboundRoutesStore('acc-1', api);
    const read = store.check();
    reads[0]([route(), route({ numberId: 'num-2', number: '+14155550101', owner: 'ours', currentUrl: OURS })]);
    await read;
    store.askApply(first(store));
    expect(api.applyInboundUrl).not.toHaveBeenCalled();

    expect(await store.confirmApply()).toBe(true);
    expect(api.applyInboundUrl).toHaveBeenCalledWith('acc-1', 'num-1', 'https://old.example.com/hook');
    expect(store.pendingApply).toBeNull();
    expect(store.routes?.[0]).toMatchObject({ numberId: 'num-1', owner: 'ours', currentUrl: OURS });
    expect(store.routes).toHaveLength(2);
    expect(store.changed).toEqual({ kind: 'apply', number: '+14155550100', pending: false });
    // Then the routes are read again, which Rust keeps as the drift check the list shows.
    expect(api.inboundRoutes).toHaveBeenCalledTimes(2);
  });

  it('sends null as the confirmed URL when none was set', async () => {
    const api = fakeIpc({ inboundRoutes: vi.fn(async () => [route({ owner: 'unset', currentUrl: null })]) });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));
    await store.confirmApply();
    expect(api.applyInboundUrl).toHaveBeenCalledWith('acc-1', 'num-1', null);
  });

  it('on inbound_changed closes the confirmation, shows why and reloads the routes', async () => {
    const moved = route({ currentUrl: 'https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1', owner: 'studio_flow' });
    const api = fakeIpc({
      inboundRoutes: vi.fn().mockResolvedValueOnce([route()]).mockResolvedValueOnce([moved]),
      applyInboundUrl: vi.fn(async () => {
        throw { code: 'inbound_changed', field: null, params: {}, more: [] };
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));

    expect(await store.confirmApply()).toBe(false);
    expect(store.pendingApply).toBeNull();
    expect(store.error?.code).toBe('inbound_changed');
    expect(api.inboundRoutes).toHaveBeenCalledTimes(2);
    expect(store.routes).toEqual([moved]);
    expect(store.applying).toBe(false);
  });

  it('keeps the confirmation open with the reason for any other failure', async () => {
    const api = fakeIpc({
      applyInboundUrl: vi.fn(async () => {
        throw { code: 'twilio_rejected', field: null, params: {}, more: [] };
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));
    expect(await store.confirmApply()).toBe(false);
    expect(store.pendingApply?.numberId).toBe('num-1');
    expect(store.applyError).toEqual({ code: 'twilio_rejected', field: null, params: {}, more: [] });
    expect(api.inboundRoutes).toHaveBeenCalledTimes(1);

    store.cancelApply();
    expect(store.pendingApply).toBeNull();
    expect(store.applyError).toBeNull();
  });

  it('keeps only the newest read, and reads again when an apply lands during a read', async () => {
    const reads: ((routes: InboundRoute[]) => void)[] = [];
    const api = fakeIpc({
      inboundRoutes: vi.fn(() => new Promise<InboundRoute[]>((r) => reads.push(r))),
    });
    const store = new InboundRoutesStore('acc-1', api);

    const older = store.check();
    const newer = store.check();
    reads[1]([route({ owner: 'unset', currentUrl: null })]);
    await newer;
    expect(store.loading).toBe(false);
    reads[0]([route()]);
    await older;
    expect(first(store).owner).toBe('unset');

    // A read that started before the apply would put the old URL back.
    const stale = store.check();
    store.askApply(first(store));
    expect(await store.confirmApply()).toBe(true);
    expect(api.inboundRoutes).toHaveBeenCalledTimes(4);
    reads[2]([route({ owner: 'unset', currentUrl: null })]);
    await stale;
    expect(first(store).owner).toBe('ours');
    expect(store.loading).toBe(true);
    reads[3]([route({ owner: 'ours', currentUrl: OURS })]);
    await vi.waitFor(() => expect(store.loading).toBe(false));
    expect(first(store).owner).toBe('ours');
    expect(store.changed).toEqual({ kind: 'apply', number: '+14155550100', pending: false });
  });

  it('says when Twilio accepted a change but does not show it yet, and keeps saying it after reading again', async () => {
    const accepted = route({ pending: true });
    const api = fakeIpc({
      inboundRoutes: vi.fn().mockResolvedValueOnce([route()]).mockResolvedValueOnce([route()]),
      applyInboundUrl: vi.fn(async () => accepted),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));
    expect(await store.confirmApply()).toBe(true);
    expect(store.changed).toEqual({ kind: 'apply', number: '+14155550100', pending: true });
    await vi.waitFor(() => expect(api.inboundRoutes).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(store.loading).toBe(false));
    // Twilio still shows the old value: the change is still pending, not failed.
    expect(first(store).pending).toBe(true);
    expect(canApply(first(store))).toBe(false);
  });
});

describe('Restore previous', () => {
  const FLOW = 'https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1';
  const applied = (replacedUrl: string | null) => ({
    numberId: 'num-1',
    kind: 'sender_webhook' as const,
    twilioSid: 'XE0123',
    inboundUrl: OURS,
    replacedUrl,
    appliedAt: '2026-11-21T10:00:00Z',
  });
  const ours = (replacedUrl: string | null = FLOW) =>
    route({ owner: 'ours', currentUrl: OURS, applied: applied(replacedUrl) });

  it('is offered only on a route this desk applied over another value, and that posts here now', () => {
    expect(canRestore(ours())).toBe(true);
    expect(canRestore(ours(null))).toBe(false);
    expect(canRestore(route({ owner: 'ours', currentUrl: OURS }))).toBe(false);
    expect(canRestore({ ...ours(), owner: 'elsewhere', currentUrl: 'https://x.example.com' })).toBe(false);
    expect(canRestore({ ...ours(), pending: true })).toBe(false);
  });

  it('knows a Studio flow URL as Rust does', () => {
    expect(isStudioFlowUrl(FLOW)).toBe(true);
    expect(isStudioFlowUrl('https://old.example.com/Flows/x')).toBe(false);
    expect(isStudioFlowUrl('not a url')).toBe(false);
  });

  it('restores with the current URL the user confirmed, then reads the routes again', async () => {
    const back = route({ owner: 'studio_flow', currentUrl: FLOW });
    const api = fakeIpc({
      inboundRoutes: vi.fn().mockResolvedValueOnce([ours()]).mockResolvedValueOnce([back]),
      restorePreviousInboundUrl: vi.fn(async () => back),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askRestore(first(store));
    expect(store.pendingRestore?.numberId).toBe('num-1');
    expect(api.restorePreviousInboundUrl).not.toHaveBeenCalled();

    expect(await store.confirmRestore()).toBe(true);
    expect(api.restorePreviousInboundUrl).toHaveBeenCalledWith('acc-1', 'num-1', OURS);
    expect(store.pendingRestore).toBeNull();
    expect(first(store)).toEqual(back);
    expect(store.changed).toEqual({ kind: 'restore', number: '+14155550100', pending: false });
    await vi.waitFor(() => expect(api.inboundRoutes).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(store.loading).toBe(false));
    expect(store.restoring).toBe(false);
  });

  it('closes the confirmation, says why and reads again when Twilio changed or there is nothing to restore', async () => {
    for (const code of ['inbound_changed', 'nothing_to_restore'] as const) {
      const api = fakeIpc({
        inboundRoutes: vi.fn().mockResolvedValueOnce([ours()]).mockResolvedValueOnce([route()]),
        restorePreviousInboundUrl: vi.fn(async () => {
          throw { code, field: null, params: {}, more: [] };
        }),
      });
      const store = new InboundRoutesStore('acc-1', api);
      await store.check();
      store.askRestore(first(store));
      expect(await store.confirmRestore()).toBe(false);
      expect(store.pendingRestore).toBeNull();
      expect(store.error).toEqual({ code, field: null, params: {}, more: [] });
      expect(api.inboundRoutes).toHaveBeenCalledTimes(2);
      expect(store.routes).toEqual([route()]);
      expect(store.restoring).toBe(false);
    }
  });

  it('keeps the confirmation open with a keyring problem or any other failure', async () => {
    const problem = { code: 'keyring_locked' as const, field: null, params: {}, more: [] };
    const api = fakeIpc({
      inboundRoutes: vi.fn(async () => [ours()]),
      restorePreviousInboundUrl: vi.fn(async () => {
        throw problem;
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askRestore(first(store));
    expect(await store.confirmRestore()).toBe(false);
    expect(store.pendingRestore?.numberId).toBe('num-1');
    expect(store.restoreError).toEqual(problem);
    store.cancelRestore();
    expect(store.pendingRestore).toBeNull();
    expect(store.restoreError).toBeNull();
  });

  it('asks one question at a time', () => {
    const store = new InboundRoutesStore('acc-1', fakeIpc());
    store.askApply(route());
    store.askRestore(ours());
    expect(store.pendingApply).toBeNull();
    store.askApply(route());
    expect(store.pendingRestore).toBeNull();
  });
});
