import { describe, expect, it, vi } from 'vitest';
import type { InboundRoute } from './bindings/InboundRoute';
import { canApply, InboundRoutesStore, replaceWarning, routeWhere, type RoutesIpc } from './routes.svelte';

const OURS = 'https://cc.example.com/twilio/inbound/acc-1';

function route(overrides: Partial<InboundRoute> = {}): InboundRoute {
  return {
    numberId: 'num-1',
    number: '+14155550100',
    kind: 'sender_webhook',
    twilioSid: 'XE0123',
    serviceName: null,
    currentUrl: 'https://old.example.com/hook',
    ourUrl: OURS,
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
    ...overrides,
  } satisfies RoutesIpc;
}

describe('route labels', () => {
  it('says where Twilio reads the URL', () => {
    expect(routeWhere(route())).toBe("WhatsApp sender's webhook (XE0123)");
    expect(routeWhere(route({ kind: 'messaging_service', twilioSid: 'MG1', serviceName: 'Support' }))).toBe(
      'Messaging Service Support (MG1) — overrides the sender',
    );
    expect(routeWhere(route({ kind: 'phone_number', twilioSid: 'PN1' }))).toBe("Phone number's SmsUrl (PN1)");
    expect(routeWhere(route({ kind: 'sandbox', twilioSid: null }))).toBe('WhatsApp Sandbox');
    expect(routeWhere(route({ kind: 'unknown', twilioSid: null }))).toBe('Not found on this Twilio account');
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
        .mockRejectedValueOnce({ code: 'offline', message: 'Twilio cannot be reached', field: null })
        .mockResolvedValueOnce([route()]),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    expect(api.inboundRoutes).toHaveBeenCalledWith('acc-1');
    expect(store.error).toEqual({ code: 'offline', message: 'Twilio cannot be reached', field: null });
    expect(store.routes).toBeNull();
    await store.check();
    expect(store.error).toBeNull();
    expect(store.routes).toEqual([route()]);
  });

  it('keeps the code of a keyring problem, so the page can show it as one', async () => {
    const problem = { code: 'keyring_locked' as const, message: 'Unlock the login keyring.', field: null };
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
    const api = fakeIpc();
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));
    expect(api.applyInboundUrl).not.toHaveBeenCalled();

    expect(await store.confirmApply()).toBe(true);
    expect(api.applyInboundUrl).toHaveBeenCalledWith('acc-1', 'num-1', 'https://old.example.com/hook');
    expect(store.pendingApply).toBeNull();
    expect(store.routes?.[0]).toMatchObject({ numberId: 'num-1', owner: 'ours', currentUrl: OURS });
    expect(store.routes).toHaveLength(2);
    expect(store.applied).toBe('+14155550100');
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
        throw { code: 'inbound_changed', message: 'It changed since you confirmed', field: null };
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));

    expect(await store.confirmApply()).toBe(false);
    expect(store.pendingApply).toBeNull();
    expect(store.error?.message).toBe('It changed since you confirmed');
    expect(api.inboundRoutes).toHaveBeenCalledTimes(2);
    expect(store.routes).toEqual([moved]);
    expect(store.applying).toBe(false);
  });

  it('keeps the confirmation open with the reason for any other failure', async () => {
    const api = fakeIpc({
      applyInboundUrl: vi.fn(async () => {
        throw { code: 'twilio_rejected', message: 'Twilio refused the URL', field: null };
      }),
    });
    const store = new InboundRoutesStore('acc-1', api);
    await store.check();
    store.askApply(first(store));
    expect(await store.confirmApply()).toBe(false);
    expect(store.pendingApply?.numberId).toBe('num-1');
    expect(store.applyError).toEqual({ code: 'twilio_rejected', message: 'Twilio refused the URL', field: null });
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
    expect(store.applied).toBe('+14155550100');
  });
});
