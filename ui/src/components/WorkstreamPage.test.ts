// @vitest-environment jsdom
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workstream } from '$lib/bindings/Workstream';
import { locales, showIn } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages';
import { status } from '$lib/status.svelte';
import { fakeWorkstreamPageIpc, queue, refusal, workstream } from '$lib/workstream-fixtures.test-support';
import { WorkstreamPageStore } from '$lib/workstream-page.svelte';
import WorkstreamPage from './WorkstreamPage.svelte';
import './dialog.test-support';

afterEach(() => {
  showIn('en');
  status.clear();
});

const TIER2 = queue({ id: 'q-tier2', name: 'Tier 2', isDefault: false });

const ACTIVE = workstream({
  fallbackQueue: { id: 'q-tier2', name: 'Tier 2' },
  whatsapp: {
    status: 'active',
    nextStep: 'summary',
    number: { id: 'n1', name: 'Support line', number: '+14155238886', accountId: 'acc-1', accountName: 'Contoso' },
    language: 'pt_BR',
    behaviours: {
      automatedMessages: [{ trigger: 'greeting', text: 'Hi' }],
      survey: { enabled: true, reference: 'https://s.example.com', message: 'Tell us', delivery: 'send_link' },
      templates: [],
    },
    attachments: { enabled: true, customers: true, agents: false },
    updatedAt: '2026-11-21T10:00:00Z',
  },
});

async function shown(api = fakeWorkstreamPageIpc({ listQueues: async () => [queue(), TIER2] })) {
  const store = new WorkstreamPageStore('ws-1', api);
  const onsetup = vi.fn();
  const onback = vi.fn();
  const onqueues = vi.fn();
  render(WorkstreamPage, { store, onsetup, onback, onqueues });
  await waitFor(() => expect(document.getElementById('workstream-details')).not.toBeNull());
  return { store, api, onsetup, onback, onqueues };
}

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no #${id}`);
  return found as T;
};

const setup = (status: NonNullable<Workstream['whatsapp']>['status']): Workstream => ({
  ...ACTIVE,
  whatsapp: ACTIVE.whatsapp && { ...ACTIVE.whatsapp, status },
});

describe('the workstream page', () => {
  it('shows the name, the mode read-only and the fallback queue', async () => {
    await shown(fakeWorkstreamPageIpc({ getWorkstream: async () => ACTIVE, listQueues: async () => [queue(), TIER2] }));
    expect(byId('workstream-title').textContent).toBe('Sales WhatsApp');
    expect(byId('workstream-meta').textContent).toContain('Tier 2');
    expect(byId<HTMLInputElement>('details-name').value).toBe('Sales WhatsApp');
    expect(byId('details-mode').textContent).toContain('Push');
    expect(document.querySelector('input[name="mode"]')).toBeNull();
    expect(byId<HTMLSelectElement>('details-fallback-queue').value).toBe('q-tier2');
  });

  it('saves the details and says so', async () => {
    const { api } = await shown(
      fakeWorkstreamPageIpc({ saveWorkstreamDetails: async (_id, input) => workstream({ name: input.name }) }),
    );
    await fireEvent.input(byId('details-name'), { target: { value: 'Sales' } });
    await fireEvent.click(byId('save-details'));
    await waitFor(() => expect(status.text).toBe('Saved: Details'));
    expect(api.saveWorkstreamDetails).toHaveBeenCalledWith('ws-1', { name: 'Sales', mode: 'push', fallbackQueueId: 'q-default' });
    expect(byId('workstream-title').textContent).toBe('Sales');
  });
});

describe('the WhatsApp section', () => {
  it('offers Set up WhatsApp when nothing was set up, and says what it does', async () => {
    const { onsetup } = await shown();
    const section = byId('whatsapp-section');
    expect(section.dataset.setupStatus).toBe('none');
    expect(byId('setup-whatsapp').textContent?.trim()).toBe('Set up WhatsApp');
    expect(document.getElementById('remove-setup')).toBeNull();
    await fireEvent.click(byId('setup-whatsapp'));
    expect(onsetup).toHaveBeenCalledWith('ws-1');
  });

  it('offers Resume setup for a draft, and Edit for an active setup, with what it holds', async () => {
    await shown(fakeWorkstreamPageIpc({ getWorkstream: async () => setup('draft') }));
    expect(byId('whatsapp-section').dataset.setupStatus).toBe('draft');
    expect(byId('setup-whatsapp').textContent?.trim()).toBe('Resume setup');
    document.body.innerHTML = '';

    await shown(fakeWorkstreamPageIpc({ getWorkstream: async () => ACTIVE }));
    const section = byId('whatsapp-section');
    expect(section.dataset.setupStatus).toBe('active');
    expect(byId('setup-whatsapp').textContent?.trim()).toBe('Edit');
    expect(section.querySelector('.setup-number')?.textContent).toContain('+14155238886');
    expect(section.querySelector('.setup-number')?.textContent).toContain('Contoso');
    expect(section.querySelector('.setup-language')?.textContent?.trim()).toBe('Brazilian Portuguese');
    expect(section.querySelector('.setup-attachments')?.textContent?.trim()).toBe('Customers only');
  });

  it('removes the setup after asking, then puts focus on Set up WhatsApp', async () => {
    const { api } = await shown(
      fakeWorkstreamPageIpc({ getWorkstream: async () => ACTIVE, removeSetup: async () => ({ ...ACTIVE, whatsapp: null }) }),
    );
    await fireEvent.click(byId('remove-setup'));
    const dialog = document.querySelector('dialog[open]') as HTMLElement;
    expect(dialog.textContent).toContain('+14155238886');
    await fireEvent.click(byId('confirm-remove-setup'));
    await waitFor(() => expect(byId('whatsapp-section').dataset.setupStatus).toBe('none'));
    expect(api.removeSetup).toHaveBeenCalledWith('ws-1');
    await waitFor(() => expect(document.activeElement?.id).toBe('setup-whatsapp'));
    await waitFor(() => expect(status.text).toContain('Sales WhatsApp'));
  });
});

describe('the work distribution section', () => {
  it('shows the defaults: 30 days, 1 unit, always block, Available and Busy, exact match', async () => {
    await shown();
    const autoClose = byId<HTMLSelectElement>('auto-close');
    expect(autoClose.selectedOptions[0].textContent).toBe('30 days');
    expect(autoClose.options).toHaveLength(15);
    expect((document.querySelector('input[name="capacity"][value="unit"]') as HTMLInputElement).checked).toBe(true);
    expect(byId<HTMLInputElement>('capacity-units').value).toBe('1');
    expect((document.querySelector('input[name="wrap-up"][value="always"]') as HTMLInputElement).checked).toBe(true);
    const presences = [...document.querySelectorAll<HTMLInputElement>('input[name="presence"]')];
    expect(presences.map((p) => p.value)).toEqual(['available', 'busy', 'busy_dnd', 'away', 'offline']);
    expect(presences.filter((p) => p.checked).map((p) => p.value)).toEqual(['available', 'busy']);
    expect(byId<HTMLSelectElement>('skill-matching').value).toBe('exact');
    expect(byId<HTMLInputElement>('keep-same-agent').disabled).toBe(false);
  });

  it('refuses a number that is not whole under its field, with focus on it, and asks Rust nothing', async () => {
    const { api } = await shown();
    await fireEvent.click(document.querySelector('input[name="wrap-up"][value="custom"]') as HTMLElement);
    await fireEvent.input(byId('wrap-up-minutes'), { target: { value: '2.5' } });
    await fireEvent.click(byId('save-distribution'));
    const minutes = byId('wrap-up-minutes');
    await waitFor(() => expect(minutes.getAttribute('aria-invalid')).toBe('true'));
    expect(byId('wrap-up-minutes-error').textContent).not.toBe('');
    expect(api.saveWorkDistribution).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(minutes));
  });

  it('ties a refused presence choice to every presence box, with focus on the first', async () => {
    await shown(fakeWorkstreamPageIpc({ saveWorkDistribution: () => Promise.reject(refusal('none_chosen', 'allowedPresences')) }));
    for (const box of document.querySelectorAll<HTMLInputElement>('input[name="presence"]:checked')) await fireEvent.click(box);
    await fireEvent.click(byId('save-distribution'));
    const first = document.querySelector('input[name="presence"]') as HTMLInputElement;
    await waitFor(() => expect(first.getAttribute('aria-invalid')).toBe('true'));
    expect(first.getAttribute('aria-describedby')).toBe('presences-error');
    await waitFor(() => expect(document.activeElement).toBe(first));
  });

  it('says keeping the same agent and a bot are for push workstreams when the workstream uses pick', async () => {
    await shown(fakeWorkstreamPageIpc({ getWorkstream: async () => workstream({ mode: 'pick' }) }));
    expect(byId<HTMLInputElement>('keep-same-agent').disabled).toBe(true);
    expect(byId('keep-same-agent-hint').textContent).toBe(m.workstreams_push_only_pick());
    expect(byId<HTMLInputElement>('bot-name').readOnly).toBe(true);
  });
});

describe('the advanced section', () => {
  it('adds a context variable and a quick reply with focus in each, and removes them', async () => {
    await shown();
    await fireEvent.click(byId('add-variable'));
    await waitFor(() => expect(document.activeElement?.classList.contains('variable-name')).toBe(true));
    expect(document.querySelectorAll('.variable-kind')).toHaveLength(1);
    await fireEvent.click(byId('add-quick-reply'));
    await waitFor(() => expect(document.activeElement?.classList.contains('quick-reply-title')).toBe(true));
    expect(document.querySelectorAll('.quick-reply-text')).toHaveLength(1);
    await fireEvent.click(document.querySelector('.remove-variable') as HTMLElement);
    await waitFor(() => expect(document.activeElement?.id).toBe('add-variable'));
    expect(document.querySelectorAll('.variable-name')).toHaveLength(0);
  });

  it('shows a list item problem under that item, with focus on it', async () => {
    const { api } = await shown(
      fakeWorkstreamPageIpc({
        saveAdvancedSettings: () => Promise.reject(refusal('required', 'quickReplies.0.text')),
      }),
    );
    await fireEvent.click(byId('add-quick-reply'));
    await fireEvent.input(document.querySelector('.quick-reply-title') as HTMLElement, { target: { value: 'Hi' } });
    await fireEvent.click(byId('save-advanced'));
    const text = document.querySelector('.quick-reply-text') as HTMLElement;
    await waitFor(() => expect(text.getAttribute('aria-invalid')).toBe('true'));
    expect(api.saveAdvancedSettings).toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(text));
  });
});

describe('languages', () => {
  it('takes every word from the catalog in each language', async () => {
    for (const locale of locales) {
      showIn(locale);
      await shown();
      expect(byId('work-distribution-title').textContent).toBe(m.workstreams_section_distribution());
      expect(byId('setup-whatsapp').textContent?.trim()).toBe(m.workstreams_setup_start());
      document.body.innerHTML = '';
    }
  });
});
