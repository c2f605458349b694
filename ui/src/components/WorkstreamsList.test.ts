// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkstreamDeletion } from '$lib/bindings/WorkstreamDeletion';
import { locales, showIn } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages';
import { status } from '$lib/status.svelte';
import { fakeWorkstreamsIpc, queue, refusal, summary, workstream } from '$lib/workstream-fixtures.test-support';
import { WorkstreamsStore } from '$lib/workstreams.svelte';
import WorkstreamsList from './WorkstreamsList.svelte';
import './dialog.test-support';

const TIER2 = queue({ id: 'q-tier2', name: 'Tier 2', isDefault: false });

afterEach(() => {
  showIn('en');
  status.clear();
});

async function shown(api = fakeWorkstreamsIpc()) {
  const store = new WorkstreamsStore(api);
  const onopen = vi.fn();
  const oncreated = vi.fn();
  render(WorkstreamsList, { store, onopen, oncreated });
  await waitFor(() => expect(store.loaded).toBe(true));
  return { store, api, onopen, oncreated };
}

function row(id: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`tr[data-workstream-id="${id}"]`);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no #${id}`);
  return found as T;
};

describe('the workstreams list', () => {
  it('says what to do when there is none', async () => {
    await shown();
    expect(byId('workstreams-empty').textContent).toContain('New workstream');
    expect(document.querySelector('table')).toBeNull();
  });

  it('shows each workstream with its mode, fallback queue, number and where its setup stands', async () => {
    const { onopen } = await shown(
      fakeWorkstreamsIpc({
        listWorkstreams: async () => [
          summary({ id: 'ws-2', name: 'Support', mode: 'pick', setupStatus: 'draft' }),
          summary({ setupStatus: 'active', number: '+14155238886', fallbackQueue: { id: 'q-tier2', name: 'Tier 2' } }),
        ],
      }),
    );
    const sales = row('ws-1');
    expect(sales.querySelector('a.name')?.textContent).toBe('Sales WhatsApp');
    expect(sales.querySelector('.mode')?.textContent).toBe('Push');
    expect(sales.querySelector('.queue')?.textContent).toBe('Tier 2');
    expect(sales.querySelector('.whatsapp')?.textContent).toContain('+14155238886');
    expect(sales.querySelector('.whatsapp')?.textContent).toContain('Active');
    expect(row('ws-2').querySelector('.mode')?.textContent).toBe('Pick');
    expect(row('ws-2').querySelector('.whatsapp')?.getAttribute('data-setup-status')).toBe('draft');
    await fireEvent.click(sales.querySelector('a.name') as HTMLElement);
    expect(onopen).toHaveBeenCalledWith('ws-1');
  });

  it('copies a workstream, says so and puts focus on the copy', async () => {
    const lists = [[summary()], [summary(), summary({ id: 'ws-copy', name: 'Copy of Sales WhatsApp' })]];
    const { api } = await shown(
      fakeWorkstreamsIpc({
        listWorkstreams: async () => lists.shift() ?? [],
        copyWorkstream: async () => workstream({ id: 'ws-copy', name: 'Copy of Sales WhatsApp' }),
      }),
    );
    await fireEvent.click(within(row('ws-1')).getByRole('button', { name: 'Copy Sales WhatsApp' }));
    expect(api.copyWorkstream).toHaveBeenCalledWith('ws-1');
    await waitFor(() => expect(document.activeElement).toBe(row('ws-copy').querySelector('a.name')));
    await waitFor(() => expect(status.text).toBe('Copy created: Copy of Sales WhatsApp'));
  });
});

describe('deleting a workstream', () => {
  const deletion: WorkstreamDeletion = {
    name: 'Sales WhatsApp',
    number: { id: 'n1', name: 'Sales line', number: '+14155238886', accountId: 'acc-1', accountName: 'Contoso' },
    automatedMessages: 2,
    templates: 1,
    contextVariables: 0,
    quickReplies: 1,
  };

  it('names what goes first: the workstream, its WhatsApp channel and what it holds', async () => {
    await shown(fakeWorkstreamsIpc({ listWorkstreams: async () => [summary()], workstreamDeletion: async () => deletion }));
    await fireEvent.click(within(row('ws-1')).getByRole('button', { name: 'Delete Sales WhatsApp' }));
    await waitFor(() => expect(document.querySelector('dialog[open]')).not.toBeNull());
    const items = [...document.querySelectorAll('dialog[open] li')].map((li) => li.textContent?.trim());
    expect(items).toEqual([
      'the workstream Sales WhatsApp, with its work distribution and advanced settings',
      'its WhatsApp channel on +14155238886 (Sales line, messaging account Contoso)',
      '2 automated messages',
      '1 WhatsApp message template',
      '1 quick reply',
    ]);
    expect(document.querySelector('dialog[open]')?.textContent).toContain('the number stays in its messaging account');
  });

  it('after the delete, says what went and puts focus on the row that took its place, or the heading', async () => {
    const lists = [[summary(), summary({ id: 'ws-2', name: 'Support' })], [summary({ id: 'ws-2', name: 'Support' })], []];
    await shown(
      fakeWorkstreamsIpc({
        listWorkstreams: async () => lists.shift() ?? [],
        workstreamDeletion: async (id) => ({ ...deletion, name: id === 'ws-1' ? 'Sales WhatsApp' : 'Support' }),
        deleteWorkstream: async () => null,
      }),
    );
    await fireEvent.click(within(row('ws-1')).getByRole('button', { name: 'Delete Sales WhatsApp' }));
    await waitFor(() => expect(document.getElementById('confirm-delete-workstream')).not.toBeNull());
    await fireEvent.click(byId('confirm-delete-workstream'));
    await waitFor(() => expect(document.activeElement).toBe(row('ws-2').querySelector('a.name')));
    await waitFor(() => expect(status.text).toBe('Deleted: Sales WhatsApp'));

    await fireEvent.click(within(row('ws-2')).getByRole('button', { name: 'Delete Support' }));
    await waitFor(() => expect(document.getElementById('confirm-delete-workstream')).not.toBeNull());
    await fireEvent.click(byId('confirm-delete-workstream'));
    await waitFor(() => expect(document.activeElement?.id).toBe('workstreams-title'));
  });
});

describe('the Create workstream dialog', () => {
  async function opened(api = fakeWorkstreamsIpc({ listQueues: async () => [queue(), TIER2] })) {
    const parts = await shown(api);
    await fireEvent.click(screen.getByRole('button', { name: 'New workstream' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('workstream-name'));
    return parts;
  }

  it('shows the type and channel, and says before creating that the mode cannot change', async () => {
    await opened();
    const dialog = document.querySelector('dialog[open]') as HTMLElement;
    expect(dialog.getAttribute('aria-labelledby')).toBe('new-workstream-dialog-title');
    expect((byId<HTMLSelectElement>('workstream-type')).options).toHaveLength(1);
    expect((byId<HTMLSelectElement>('workstream-channel')).value).toBe('whatsapp');
    expect(dialog.textContent).toContain(m.workstreams_mode_locked_note());
    const modes = document.querySelector('fieldset[aria-describedby~="mode-locked-note"]');
    expect(modes?.querySelectorAll('input[name="mode"]')).toHaveLength(2);
    expect((document.querySelector('input[name="mode"][value="push"]') as HTMLInputElement).checked).toBe(true);
  });

  it('creates with an existing queue and hands the workstream over', async () => {
    const created = workstream({ id: 'ws-new', name: 'WhatsApp support' });
    const { api, oncreated } = await opened(
      fakeWorkstreamsIpc({ listQueues: async () => [queue(), TIER2], createWorkstream: async () => created }),
    );
    await fireEvent.input(byId('workstream-name'), { target: { value: 'WhatsApp support' } });
    await fireEvent.click(document.querySelector('input[name="mode"][value="pick"]') as HTMLElement);
    const select = byId<HTMLSelectElement>('fallback-queue');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Default messaging queue (default)', 'Tier 2']);
    await fireEvent.change(select, { target: { value: 'q-tier2' } });
    await fireEvent.click(byId('create-workstream'));
    await waitFor(() => expect(oncreated).toHaveBeenCalledWith(created));
    expect(api.createWorkstream).toHaveBeenCalledWith({
      name: 'WhatsApp support',
      kind: 'messaging',
      channel: 'whatsapp',
      mode: 'pick',
      fallbackQueue: { kind: 'existing', id: 'q-tier2' },
    });
  });

  it('names a new fallback queue instead, and shows every refused field with focus on the first', async () => {
    const { api } = await opened(
      fakeWorkstreamsIpc({
        listQueues: async () => [queue()],
        createWorkstream: () =>
          Promise.reject(
            refusal('required', 'workstreamName', {}, [
              refusal('duplicate_name', 'fallbackQueueName', { what: 'queue', name: 'Default messaging queue' }),
            ]),
          ),
      }),
    );
    await fireEvent.click(document.querySelector('input[name="fallback"][value="new"]') as HTMLElement);
    expect(document.getElementById('fallback-queue')).toBeNull();
    await fireEvent.input(byId('fallback-queue-name'), { target: { value: 'default messaging queue' } });
    await fireEvent.click(byId('create-workstream'));
    await waitFor(() => expect(byId('workstream-name').getAttribute('aria-invalid')).toBe('true'));
    expect(byId('fallback-queue-name').getAttribute('aria-invalid')).toBe('true');
    expect(byId('fallback-queue-name').getAttribute('aria-describedby')).toContain('fallback-queue-name-error');
    expect(api.createWorkstream).toHaveBeenCalledWith(
      expect.objectContaining({ fallbackQueue: { kind: 'new', name: 'default messaging queue' } }),
    );
    await waitFor(() => expect(document.activeElement?.id).toBe('workstream-name'));
  });

  it('Cancel closes it without creating anything', async () => {
    const { api } = await opened();
    await fireEvent.click(byId('cancel-workstream'));
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(api.createWorkstream).not.toHaveBeenCalled();
  });

  it('reads in every language', async () => {
    for (const locale of locales) {
      showIn(locale);
      const { unmount } = render(WorkstreamsList, {
        store: new WorkstreamsStore(fakeWorkstreamsIpc()),
        onopen: () => {},
        oncreated: () => {},
      });
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(m.workstreams_title());
      unmount();
    }
  });
});
