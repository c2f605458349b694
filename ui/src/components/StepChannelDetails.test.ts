// @vitest-environment jsdom
// Channel details alone, on its own page store and a fake IPC.
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountWizard } from '$lib/wizard/account-wizard.svelte';
import { appError, fakeIpc } from '$lib/wizard/fake-ipc.test-support';
import StepChannelDetails from './StepChannelDetails.svelte';

describe('Channel details', () => {
  it('binds the name to its page store and calls Next on Enter', async () => {
    const w = new AccountWizard(fakeIpc());
    const onnext = vi.fn();
    render(StepChannelDetails, { props: { page: w.channelDetails, onnext } });
    await userEvent.setup().type(document.getElementById('name') as HTMLElement, 'Contoso{Enter}');
    expect(w.channelDetails.name).toBe('Contoso');
    expect(onnext).toHaveBeenCalledTimes(1);
  });

  it('shows a refused name under its field, tied to it', async () => {
    const api = fakeIpc({
      createAccount: vi.fn(async () => {
        throw appError('too_long', 'name');
      }),
    });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'x'.repeat(101);
    render(StepChannelDetails, { props: { page: w.channelDetails, onnext: () => {} } });
    expect(await w.engine.next()).toBe(false);
    await Promise.resolve();
    const input = document.getElementById('name') as HTMLElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('name-error');
    expect(document.getElementById('name-error')?.textContent).not.toBe('');
  });
});
