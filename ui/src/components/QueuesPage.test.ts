// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { showIn } from '$lib/i18n.svelte';
import { QueuesStore } from '$lib/queues.svelte';
import { status } from '$lib/status.svelte';
import { fakeQueuesIpc, queue, refusal } from '$lib/workstream-fixtures.test-support';
import QueuesPage from './QueuesPage.svelte';
import './dialog.test-support';

const SUPPORT = queue({ id: 'q-support', name: 'Support', isDefault: false, usedBy: ['Sales WhatsApp', 'Returns'] });
const SPARE = queue({ id: 'q-spare', name: 'Spare', isDefault: false });

afterEach(() => {
  showIn('en');
  status.clear();
});

async function shown(api = fakeQueuesIpc({ listQueues: async () => [SPARE, queue(), SUPPORT] })) {
  const store = new QueuesStore(api);
  render(QueuesPage, { store });
  await waitFor(() => expect(store.loaded).toBe(true));
  return { store, api };
}

function row(id: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`tr[data-queue-id="${id}"]`);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

describe('the queues page', () => {
  it('lists the default queue first, with who falls back to each, and no Delete on the default one', async () => {
    await shown();
    expect(screen.getByRole('heading', { level: 1 }).id).toBe('queues-title');
    const names = [...document.querySelectorAll('tr[data-queue-id] .name')].map((n) => n.textContent);
    expect(names).toEqual(['Default messaging queue', 'Spare', 'Support']);
    expect(row('q-default').querySelector('.delete')).toBeNull();
    expect(row('q-default').querySelector('.rename')).not.toBeNull();
    expect(row('q-support').textContent).toContain('Sales WhatsApp and Returns');
    expect(within(row('q-spare')).getByRole('button', { name: 'Delete Spare' })).toBeTruthy();
  });

  it('creates a queue from the dialog and says so', async () => {
    const created = queue({ id: 'q-new', name: 'Tier 2', isDefault: false });
    const { api } = await shown(
      fakeQueuesIpc({ listQueues: async () => [queue()], createQueue: async () => created }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'New queue' }));
    const name = document.getElementById('queue-name') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(name));
    api.listQueues.mockResolvedValue([queue(), created]);
    await fireEvent.input(name, { target: { value: 'Tier 2' } });
    await fireEvent.click(document.getElementById('save-queue') as HTMLElement);
    await waitFor(() => expect(row('q-new')).toBeTruthy());
    expect(api.createQueue).toHaveBeenCalledWith({ name: 'Tier 2', kind: 'messaging' });
    expect(document.getElementById('queue-name')).toBeNull();
    await waitFor(() => expect(status.text).toBe('Queue created: Tier 2'));
  });

  it('shows a refused name under the field, tied to it, with focus on it', async () => {
    await shown(
      fakeQueuesIpc({
        listQueues: async () => [queue()],
        createQueue: () => Promise.reject(refusal('required', 'queueName')),
      }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'New queue' }));
    (document.getElementById('save-queue') as HTMLElement).focus();
    await fireEvent.click(document.getElementById('save-queue') as HTMLElement);
    const name = document.getElementById('queue-name') as HTMLInputElement;
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(name.getAttribute('aria-describedby')).toContain('queue-name-error');
    expect(document.getElementById('queue-name-error')?.textContent).not.toBe('');
    await waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('renames a queue in the same dialog, starting from its name', async () => {
    const { api } = await shown(
      fakeQueuesIpc({
        listQueues: async () => [queue(), SPARE],
        renameQueue: async (id, name) => ({ ...SPARE, id, name }),
      }),
    );
    await fireEvent.click(within(row('q-spare')).getByRole('button', { name: 'Rename Spare' }));
    const name = document.getElementById('queue-name') as HTMLInputElement;
    expect(name.value).toBe('Spare');
    await fireEvent.input(name, { target: { value: 'Overflow' } });
    await fireEvent.click(document.getElementById('save-queue') as HTMLElement);
    await waitFor(() => expect(api.renameQueue).toHaveBeenCalledWith('q-spare', 'Overflow'));
    await waitFor(() => expect(status.text).toBe('Queue renamed: Overflow'));
  });

  it('names the workstreams that hold a queue when its delete is refused', async () => {
    const { api } = await shown(
      fakeQueuesIpc({
        listQueues: async () => [SPARE, queue(), SUPPORT],
        deleteQueue: () => Promise.reject(refusal('queue_in_use', null, { names: '["Sales WhatsApp","Returns"]', count: 2 })),
      }),
    );
    await fireEvent.click(within(row('q-support')).getByRole('button', { name: 'Delete Support' }));
    const dialog = document.querySelector('dialog[open]') as HTMLElement;
    expect(dialog.textContent).toContain('Sales WhatsApp');
    expect(dialog.textContent).toContain('Returns');
    await fireEvent.click(document.getElementById('confirm-delete-queue') as HTMLElement);
    await waitFor(() => expect(dialog.querySelector('[data-code="queue_in_use"]')).not.toBeNull());
    expect(dialog.querySelector('[data-code="queue_in_use"]')?.textContent).toContain('Sales WhatsApp');
    expect(document.getElementById('queue-in-use')).toBeNull();
    expect(api.deleteQueue).toHaveBeenCalledWith('q-support');
    expect(row('q-support')).toBeTruthy();
  });

  it('after a delete, says what went and puts focus on the row that took its place', async () => {
    const lists = [
      [SPARE, queue(), SUPPORT],
      [queue(), SUPPORT],
    ];
    await shown(fakeQueuesIpc({ listQueues: async () => lists.shift() ?? [queue(), SUPPORT], deleteQueue: async () => null }));
    await fireEvent.click(within(row('q-spare')).getByRole('button', { name: 'Delete Spare' }));
    await fireEvent.click(document.getElementById('confirm-delete-queue') as HTMLElement);
    await waitFor(() => expect(document.querySelector('tr[data-queue-id="q-spare"]')).toBeNull());
    await waitFor(() => expect(status.text).toBe('Queue deleted: Spare'));
    await waitFor(() => expect(document.activeElement).toBe(row('q-support').querySelector('.rename')));
  });

  it('closes the dialog on Escape, creating nothing, and gives focus back to New queue', async () => {
    const { api } = await shown(fakeQueuesIpc({ listQueues: async () => [queue()] }));
    const opener = screen.getByRole('button', { name: 'New queue' });
    opener.focus();
    await fireEvent.click(opener);
    const name = document.getElementById('queue-name') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(name));
    await fireEvent.keyDown(name, { key: 'Escape' });
    await waitFor(() => expect(document.querySelector('dialog[open]')).toBeNull());
    expect(document.activeElement).toBe(opener);
    expect(api.createQueue).not.toHaveBeenCalled();
  });

  it('keeps Tab inside the dialog', async () => {
    await shown(fakeQueuesIpc({ listQueues: async () => [queue()] }));
    await fireEvent.click(screen.getByRole('button', { name: 'New queue' }));
    const cancel = document.getElementById('cancel-queue') as HTMLElement;
    cancel.focus();
    await fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement?.id).toBe('queue-name');
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Tab', shiftKey: true });
    expect(document.activeElement?.id).toBe('cancel-queue');
  });

  it('reads in German', async () => {
    showIn('de');
    await shown();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Warteschlangen');
    expect(screen.getByRole('button', { name: 'Neue Warteschlange' })).toBeTruthy();
  });
});
