import { describe, expect, it } from 'vitest';
import { QueuesStore, type QueueForm } from './queues.svelte';
import { fakeQueuesIpc, queue, refusal } from './workstream-fixtures.test-support';

function formOf(store: QueuesStore): QueueForm {
  if (!store.form) throw new Error('the dialog is not open');
  return store.form;
}

const SUPPORT = queue({ id: 'q-support', name: 'Support', isDefault: false });
const BILLING = queue({ id: 'q-billing', name: 'billing', isDefault: false });

describe('the queues list', () => {
  it('shows the default queue first, then the others by name whatever their case', async () => {
    const api = fakeQueuesIpc({ listQueues: async () => [SUPPORT, queue(), BILLING] });
    const store = new QueuesStore(api);
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.sorted.map((q) => q.id)).toEqual(['q-default', 'q-billing', 'q-support']);
  });

  it('keeps why the list could not be read', async () => {
    const store = new QueuesStore(fakeQueuesIpc({ listQueues: () => Promise.reject(refusal('storage')) }));
    await store.load();
    expect(store.error?.code).toBe('storage');
    expect(store.loaded).toBe(true);
  });
});

describe('naming a queue', () => {
  it('creates a messaging queue with the name as typed', async () => {
    const created = queue({ id: 'q-new', name: ' Returns ', isDefault: false });
    const api = fakeQueuesIpc({ createQueue: async () => created });
    api.listQueues.mockResolvedValueOnce([queue(), created]);
    const store = new QueuesStore(api);
    store.startNew();
    formOf(store).name = ' Returns ';
    const saved = await store.saveForm();
    expect(api.createQueue).toHaveBeenCalledWith({ name: ' Returns ', kind: 'messaging' });
    expect(saved?.id).toBe('q-new');
    expect(store.form).toBeNull();
    expect(store.items.some((q) => q.id === 'q-new')).toBe(true);
  });

  it('renames the queue chosen, starting from its name', async () => {
    const api = fakeQueuesIpc({
      listQueues: async () => [queue(), SUPPORT],
      renameQueue: async (id, name) => ({ ...SUPPORT, id, name }),
    });
    const store = new QueuesStore(api);
    await store.load();
    store.startRename('q-support');
    expect(store.form).toEqual({ id: 'q-support', name: 'Support' });
    formOf(store).name = 'Customer support';
    await store.saveForm();
    expect(api.renameQueue).toHaveBeenCalledWith('q-support', 'Customer support');
  });

  it('keeps the dialog open with what was typed and the problem under the name when Rust refuses', async () => {
    const api = fakeQueuesIpc({
      createQueue: () => Promise.reject(refusal('duplicate_name', 'queueName', { what: 'queue', name: 'Support' })),
    });
    const store = new QueuesStore(api);
    store.startNew();
    formOf(store).name = 'support';
    expect(await store.saveForm()).toBeNull();
    expect(store.form?.name).toBe('support');
    expect(store.problems.fields.queueName).toMatchObject({ error: { code: 'duplicate_name' } });
    expect(store.problems.refusals).toBe(1);
  });

  it('Cancel forgets the problems of the dialog', async () => {
    const store = new QueuesStore(fakeQueuesIpc({ createQueue: () => Promise.reject(refusal('required', 'queueName')) }));
    store.startNew();
    await store.saveForm();
    store.cancelForm();
    expect(store.form).toBeNull();
    expect(store.problems.any).toBe(false);
  });
});

describe('deleting a queue', () => {
  it('deletes after the question and drops the row', async () => {
    const lists = [[queue(), SUPPORT], [queue()]];
    const api = fakeQueuesIpc({ listQueues: async () => lists.shift() ?? [], deleteQueue: async () => null });
    const store = new QueuesStore(api);
    await store.load();
    store.askDelete('q-support');
    expect(store.pendingDelete?.name).toBe('Support');
    expect(await store.confirmDelete()).toBe(true);
    expect(api.deleteQueue).toHaveBeenCalledWith('q-support');
    expect(store.pendingDelete).toBeNull();
    expect(store.items.map((q) => q.id)).toEqual(['q-default']);
  });

  it('keeps the question open when Rust refuses, naming the workstreams that use the queue as they are now', async () => {
    const lists = [[queue(), SUPPORT], [queue(), { ...SUPPORT, usedBy: ['Sales WhatsApp'] }]];
    const api = fakeQueuesIpc({
      listQueues: async () => lists.shift() ?? [],
      deleteQueue: () =>
        Promise.reject(refusal('queue_in_use', null, { names: '["Sales WhatsApp"]', count: 1 })),
    });
    const store = new QueuesStore(api);
    await store.load();
    store.askDelete('q-support');
    expect(await store.confirmDelete()).toBe(false);
    expect(store.deleteError?.code).toBe('queue_in_use');
    expect(store.pendingDelete?.usedBy).toEqual(['Sales WhatsApp']);
    store.cancelDelete();
    expect(store.pendingDelete).toBeNull();
    expect(store.deleteError).toBeNull();
  });
});
