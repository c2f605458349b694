import { describe, expect, it } from 'vitest';
import { fakeWorkstreamsIpc, queue, refusal, summary, workstream } from './workstream-fixtures.test-support';
import { WorkstreamsStore, type NewWorkstreamForm } from './workstreams.svelte';

function formOf(store: WorkstreamsStore): NewWorkstreamForm {
  if (!store.form) throw new Error('the dialog is not open');
  return store.form;
}

const SUPPORT = queue({ id: 'q-support', name: 'Support', isDefault: false });

describe('the workstreams list', () => {
  it('reads the list and sorts it by name', async () => {
    const api = fakeWorkstreamsIpc({
      listWorkstreams: async () => [summary({ id: 'b', name: 'Support' }), summary({ id: 'a', name: 'billing' })],
    });
    const store = new WorkstreamsStore(api);
    await store.load();
    expect(store.sorted.map((w) => w.id)).toEqual(['a', 'b']);
    expect(store.loaded).toBe(true);
  });
});

describe('the Create workstream dialog', () => {
  it('offers the queues with the default one chosen, and push as the mode', async () => {
    const store = new WorkstreamsStore(fakeWorkstreamsIpc({ listQueues: async () => [SUPPORT, queue()] }));
    await store.startNew();
    const form = formOf(store);
    expect(form.queues.map((q) => q.id)).toEqual(['q-default', 'q-support']);
    expect(form.fallbackQueueId).toBe('q-default');
    expect(form.fallback).toBe('existing');
    expect(form.mode).toBe('push');
  });

  it('sends a messaging WhatsApp workstream with the existing queue chosen', async () => {
    const api = fakeWorkstreamsIpc({
      listQueues: async () => [queue(), SUPPORT],
      createWorkstream: async () => workstream({ id: 'ws-new' }),
    });
    const store = new WorkstreamsStore(api);
    await store.startNew();
    const form = formOf(store);
    form.name = 'Sales WhatsApp';
    form.mode = 'pick';
    form.fallbackQueueId = 'q-support';
    const created = await store.create();
    expect(api.createWorkstream).toHaveBeenCalledWith({
      name: 'Sales WhatsApp',
      kind: 'messaging',
      channel: 'whatsapp',
      mode: 'pick',
      fallbackQueue: { kind: 'existing', id: 'q-support' },
    });
    expect(created?.id).toBe('ws-new');
    expect(store.form).toBeNull();
  });

  it('sends the name of a new fallback queue', async () => {
    const api = fakeWorkstreamsIpc({ createWorkstream: async () => workstream() });
    const store = new WorkstreamsStore(api);
    await store.startNew();
    formOf(store).name = 'Sales';
    formOf(store).fallback = 'new';
    formOf(store).fallbackQueueName = 'Sales queue';
    await store.create();
    expect(api.createWorkstream).toHaveBeenCalledWith(
      expect.objectContaining({ fallbackQueue: { kind: 'new', name: 'Sales queue' } }),
    );
  });

  it('shows every problem of a refused create under its field and keeps what was typed', async () => {
    const api = fakeWorkstreamsIpc({
      createWorkstream: () =>
        Promise.reject(
          refusal('required', 'workstreamName', {}, [refusal('too_long', 'fallbackQueueName', { max: 100, actual: 120 })]),
        ),
    });
    const store = new WorkstreamsStore(api);
    await store.startNew();
    formOf(store).fallback = 'new';
    formOf(store).fallbackQueueName = 'x'.repeat(120);
    expect(await store.create()).toBeNull();
    const form = formOf(store);
    expect(Object.keys(form.problems.fields)).toEqual(['workstreamName', 'fallbackQueueName']);
    expect(form.problems.firstInvalid).toBe('workstreamName');
    expect(form.fallbackQueueName).toHaveLength(120);
  });

  it('offers only a new queue when the queues cannot be read', async () => {
    const store = new WorkstreamsStore(fakeWorkstreamsIpc({ listQueues: () => Promise.reject(refusal('storage')) }));
    await store.startNew();
    expect(store.form?.fallback).toBe('new');
    expect(store.form?.queuesError?.code).toBe('storage');
  });
});

describe('copying a workstream', () => {
  it('copies and reads the list again, with the copy in it', async () => {
    const lists = [[summary()], [summary(), summary({ id: 'ws-copy', name: 'Copy of Sales WhatsApp' })]];
    const api = fakeWorkstreamsIpc({
      listWorkstreams: async () => lists.shift() ?? [],
      copyWorkstream: async () => workstream({ id: 'ws-copy', name: 'Copy of Sales WhatsApp' }),
    });
    const store = new WorkstreamsStore(api);
    await store.load();
    const copy = await store.copy('ws-1');
    expect(api.copyWorkstream).toHaveBeenCalledWith('ws-1');
    expect(copy?.name).toBe('Copy of Sales WhatsApp');
    expect(store.items.map((w) => w.id)).toEqual(['ws-1', 'ws-copy']);
    expect(store.copying).toBeNull();
  });

  it('says why a copy failed', async () => {
    const store = new WorkstreamsStore(fakeWorkstreamsIpc({ copyWorkstream: () => Promise.reject(refusal('storage')) }));
    expect(await store.copy('ws-1')).toBeNull();
    expect(store.error?.code).toBe('storage');
  });
});

describe('deleting a workstream', () => {
  const deletion = {
    name: 'Sales WhatsApp',
    number: { id: 'n1', name: 'Sales', number: '+14155550100', accountId: 'acc-1', accountName: 'Contoso' },
    automatedMessages: 2,
    templates: 1,
    contextVariables: 0,
    quickReplies: 3,
  };

  it('asks with what Rust says goes, then deletes', async () => {
    const api = fakeWorkstreamsIpc({
      listWorkstreams: async () => [summary()],
      workstreamDeletion: async () => deletion,
      deleteWorkstream: async () => null,
    });
    const store = new WorkstreamsStore(api);
    await store.load();
    await store.askDelete('ws-1');
    expect(store.pendingDelete).toEqual({ id: 'ws-1', deletion });
    api.listWorkstreams.mockResolvedValue([]);
    expect(await store.confirmDelete()).toBe(true);
    expect(api.deleteWorkstream).toHaveBeenCalledWith('ws-1');
    expect(store.pendingDelete).toBeNull();
    expect(store.items).toEqual([]);
  });

  it('keeps the question open with why when the delete fails', async () => {
    const api = fakeWorkstreamsIpc({
      workstreamDeletion: async () => deletion,
      deleteWorkstream: () => Promise.reject(refusal('storage')),
    });
    const store = new WorkstreamsStore(api);
    await store.askDelete('ws-1');
    expect(await store.confirmDelete()).toBe(false);
    expect(store.pendingDelete?.id).toBe('ws-1');
    expect(store.deleteError?.code).toBe('storage');
  });

  it('reads the list again when the workstream is gone already', async () => {
    const api = fakeWorkstreamsIpc({
      workstreamDeletion: () => Promise.reject(refusal('not_found', null, { what: 'workstream' })),
    });
    const store = new WorkstreamsStore(api);
    await store.askDelete('ws-1');
    expect(store.pendingDelete).toBeNull();
    expect(store.error?.code).toBe('not_found');
    expect(api.listWorkstreams).toHaveBeenCalled();
  });
});
