import { describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from './bindings/OutboxItem';
import { OutboxStore, type OutboxIpc } from './outbox.svelte';

function item(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 'o-1',
    draftId: 'd-en',
    familyId: 'f-1',
    name: 'order_update',
    language: 'en',
    revision: 1,
    state: 'queued',
    step: 'create',
    friendlyName: null,
    contentSid: null,
    approvalStatus: null,
    attempts: 1,
    lastError: { code: 'offline', field: null, params: {} },
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

function fakeIpc(items: OutboxItem[]) {
  return {
    outboxItems: vi.fn(async () => items),
    runOutbox: vi.fn<OutboxIpc['runOutbox']>(async () => ({ sent: 0, failed: 0, queued: 1, stoppedBy: null, cancelled: false })),
    stopOutbox: vi.fn(async () => null),
    retryOutboxItem: vi.fn(async (id: string) => item({ id, state: 'queued', lastError: null })),
    cancelOutboxItem: vi.fn(async (id: string) => item({ id, state: 'cancelled' })),
    onOutboxEvent: vi.fn(async () => () => {}),
  } satisfies OutboxIpc;
}

describe('the outbox', () => {
  it('lists the items, counts those waiting, and runs them with progress', async () => {
    const api = fakeIpc([item(), item({ id: 'o-2', state: 'failed', lastError: { code: 'twilio_rejected', field: null, params: {} } })]);
    const store = new OutboxStore(api);
    await store.load();
    expect(store.queued).toBe(1);
    api.runOutbox.mockImplementationOnce(async (onEvent) => {
      onEvent?.({ itemId: 'o-1', draftId: 'd-en', step: 'create', state: 'running', done: 0, total: 1 });
      expect(store.progress?.total).toBe(1);
      return { sent: 1, failed: 0, queued: 0, stoppedBy: null, cancelled: false };
    });
    await store.run();
    expect(store.lastRun?.sent).toBe(1);
    expect(store.progress).toBeNull();
    expect(store.running).toBe(false);
  });

  it('retries a refused item and cancels a waiting one, taking what Rust answers', async () => {
    const api = fakeIpc([item(), item({ id: 'o-2', state: 'failed' })]);
    const store = new OutboxStore(api);
    await store.load();
    await store.retry('o-2');
    await store.cancel('o-1');
    expect(store.items.map((i) => [i.id, i.state])).toEqual([
      ['o-1', 'cancelled'],
      ['o-2', 'queued'],
    ]);
    api.cancelOutboxItem.mockRejectedValueOnce({ code: 'cannot_cancel', field: null, params: { reason: 'in_twilio' }, more: [] });
    await store.cancel('o-2');
    expect(store.error?.code).toBe('cannot_cancel');
  });
});
