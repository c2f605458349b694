// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '$lib/bindings/AccountSummary';
import type { DriftCheck } from '$lib/bindings/DriftCheck';
import type { NumberDrift } from '$lib/bindings/NumberDrift';
import { AccountListView } from '$lib/account-list.svelte';
import { accounts } from '$lib/accounts.svelte';
import { account } from '$lib/fixtures.test-support';
import { locales, showIn } from '$lib/i18n.svelte';
import { ipc, type AppError } from '$lib/ipc';
import { status } from '$lib/status.svelte';
import { view } from '$lib/view.svelte';
import AccountsList from './AccountsList.svelte';
import './dialog.test-support';

const row = (overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'acc-1',
  name: 'Contoso',
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  secretLost: false,
  numberCount: 1,
  numbers: ['+14155550100'],
  status: 'complete',
  nextStep: 'done',
  verification: 'verified',
  drift: null,
  updatedAt: '2026-11-21T10:00:00Z',
  ...overrides,
});

/** `count` accounts named "Account 0000", "Account 0001", …, every third one a draft. */
function many(count: number): AccountSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return row({
      id: `acc-${n}`,
      name: `Account ${n}`,
      accountSid: `AC${n.padStart(32, '0')}`,
      status: i % 3 === 0 ? 'draft' : 'complete',
      numbers: [`+1415555${n}`],
      drift: i === 777 ? drift('in_sync', [number('Sales', '+14155557777', 'in_sync')]) : null,
    });
  });
}

const checked = { checkedAt: '2026-11-21T10:00:00Z', problem: null };

function drift(outcome: DriftCheck['outcome'], numbers: NumberDrift[], extra: Partial<DriftCheck> = {}): DriftCheck {
  return { ...checked, outcome, numbers, ...extra };
}

function number(name: string, n: string, state: NumberDrift['state']): NumberDrift {
  const problem = state === 'failed' ? { code: 'twilio_not_found' as const, field: null, params: {} } : null;
  return { numberId: `id-${n}`, name, number: n, state, problem };
}

let list: AccountListView;

function show(items: AccountSummary[]) {
  accounts.items = items;
  accounts.loaded = true;
  return render(AccountsList, { props: { list } });
}

const drawnRows = () => [...document.querySelectorAll<HTMLTableRowElement>('tbody tr[data-account-id]')];
const drawnNames = () => drawnRows().map((r) => r.querySelector('.name')?.textContent);
/** The element, or a failure that names what is missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}

const rowOf = (name: string) =>
  present(
    drawnRows().find((r) => r.querySelector('.name')?.textContent === name),
    `row ${name}`,
  );
const driftCell = (name: string) => present(rowOf(name).querySelector<HTMLElement>('.drift'), 'drift cell');

beforeEach(() => {
  list = new AccountListView(() => accounts.items);
  accounts.error = null;
  accounts.callbackBaseUrlMissing = false;
  accounts.pendingDelete = null;
});

afterEach(() => {
  showIn('en');
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('a thousand accounts', () => {
  it('draws only the rows in view, and tells a screen reader how many there are', () => {
    show(many(1000));
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    const rows = drawnRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(20);
    expect(rows[0].getAttribute('aria-rowindex')).toBe('2');
    expect(drawnNames()[0]).toBe('Account 0000');
    // The rows left out take their room, out of the accessibility tree.
    const gap = document.querySelector('tbody tr.gap');
    expect(gap?.getAttribute('aria-hidden')).toBe('true');
    expect(document.getElementById('accounts-count')?.textContent).toBe('1,000 accounts');
  });

  it('draws the rows where the list is scrolled to', async () => {
    show(many(1000));
    const scroller = present(document.querySelector<HTMLElement>('.scroller'), 'scroller');
    Object.defineProperty(scroller, 'scrollTop', { value: 88 * 500, configurable: true });
    await fireEvent.scroll(scroller);
    const rows = drawnRows();
    expect(rows.length).toBeLessThan(20);
    expect(drawnNames()).toContain('Account 0500');
    expect(drawnNames()).not.toContain('Account 0000');
    const first = rows[0];
    const position = Number(first.querySelector('.name')?.textContent?.slice(-4));
    expect(Number(first.getAttribute('aria-rowindex'))).toBe(position + 2);
  });

  it('finds an account by name, Account SID or number, and says how many match', async () => {
    show(many(1000));
    const search = screen.getByLabelText('Search by name, Account SID or number');
    await fireEvent.input(search, { target: { value: 'account 0042' } });
    expect(drawnNames()).toEqual(['Account 0042']);
    expect(document.getElementById('accounts-count')?.textContent).toBe('1 of 1,000 accounts');
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('2');

    await fireEvent.input(search, { target: { value: 'AC0000000000000000000000000000' + '0913' } });
    expect(drawnNames()).toEqual(['Account 0913']);
    await fireEvent.input(search, { target: { value: '+1 415 555 0777' } });
    expect(drawnNames()).toEqual(['Account 0777']);

    await fireEvent.input(search, { target: { value: 'nobody' } });
    expect(drawnRows()).toHaveLength(0);
    expect(screen.getByText('No account matches the search and filters.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(drawnNames()[0]).toBe('Account 0000');
  });

  it('filters by status', async () => {
    show(many(1000));
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'draft' } });
    expect(drawnRows().every((r) => r.querySelector('.status')?.textContent === 'Draft')).toBe(true);
    expect(document.getElementById('accounts-count')?.textContent).toBe('334 of 1,000 accounts');
    await fireEvent.change(screen.getByLabelText('Twilio'), { target: { value: 'in_sync' } });
    expect(drawnNames()).toEqual(['Account 0777']);
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'complete' } });
    expect(drawnNames()).toEqual([]);
    await fireEvent.change(screen.getByLabelText('Verification'), { target: { value: 'verified' } });
    await fireEvent.change(screen.getByLabelText('Twilio'), { target: { value: 'all' } });
    expect(document.getElementById('accounts-count')?.textContent).toBe('666 of 1,000 accounts');
  });
});

describe('sorting', () => {
  it('sorts by a column header, says so with aria-sort, and sorts names as the language does', async () => {
    show([row({ id: 'z', name: 'Zeta' }), row({ id: 'a', name: 'Ärzte ohne Grenzen' }), row({ id: 'b', name: 'Alpha' })]);
    const nameHeader = screen.getByRole('columnheader', { name: /Name/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(drawnNames()).toEqual(['Alpha', 'Ärzte ohne Grenzen', 'Zeta']);

    await fireEvent.click(within(nameHeader).getByRole('button'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(drawnNames()).toEqual(['Zeta', 'Ärzte ohne Grenzen', 'Alpha']);

    const numbersHeader = screen.getByRole('columnheader', { name: /Numbers/ });
    await fireEvent.click(within(numbersHeader).getByRole('button'));
    expect(numbersHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(nameHeader.hasAttribute('aria-sort')).toBe(false);
  });
});

describe('a row', () => {
  it('opens a complete account on its page, and a draft in the wizard', async () => {
    const showAccount = vi.spyOn(view, 'showAccount').mockImplementation(() => {});
    const openAccount = vi.spyOn(view, 'openAccount').mockResolvedValue();
    show([row(), row({ id: 'acc-2', name: 'Fabrikam', status: 'draft' })]);
    await fireEvent.click(screen.getByRole('link', { name: 'Contoso' }));
    expect(showAccount).toHaveBeenCalledWith('acc-1');
    await fireEvent.click(screen.getByRole('link', { name: 'Fabrikam' }));
    expect(openAccount).toHaveBeenCalledWith('acc-2', 'resume');
    await fireEvent.click(screen.getByRole('button', { name: 'Resume Fabrikam' }));
    expect(openAccount).toHaveBeenCalledTimes(2);
  });

  it('shows that the keyring lost an account’s secret, with a way to enter it again', () => {
    show([row({ secretLost: true, nextStep: 'account_details' })]);
    const r = rowOf('Contoso');
    expect(r.querySelector('.verified')?.getAttribute('data-outcome')).toBe('lost');
    expect(r.querySelector('.verified')?.textContent).toBe('Secret missing from the OS keyring — enter it again');
    expect(within(r).getByRole('button', { name: 'Re-enter secret of Contoso' })).toBeTruthy();
  });

  it('says what drift means, number by number, with Apply next to it', () => {
    show([
      row({
        drift: drift('drifted', [number('Sales', '+14155550101', 'drifted'), number('Support', '+14155550100', 'not_applied')]),
      }),
    ]);
    const cell = driftCell('Contoso');
    expect(cell.dataset.outcome).toBe('drifted');
    expect(cell.textContent).toContain('Drifted: Sales (+14155550101)');
    expect(cell.textContent).toContain('Not set up in Twilio yet: Support (+14155550100)');
    expect(within(cell).getByRole('button', { name: 'Apply the inbound URL of Contoso in Twilio, on Callback information' })).toBeTruthy();
    expect(within(cell).getByRole('button', { name: 'Check now with Twilio: Contoso' })).toBeTruthy();
  });

  it('shows why a check failed as text of its own', () => {
    show([row({ drift: drift('failed', [number('Sales', '+14155550101', 'failed')]) })]);
    const cell = driftCell('Contoso');
    expect(cell.textContent).toContain('Could not check Sales (+14155550101)');
    expect(cell.querySelector('.check-reason')?.getAttribute('data-code')).toBe('twilio_not_found');
    expect(cell.querySelector('.fix-drift')).toBeNull();
  });
});

describe('around the list', () => {
  it('says once, above the list, that no inbound URL can be built, with a link to Settings', () => {
    accounts.callbackBaseUrlMissing = true;
    show([row(), row({ id: 'acc-2', name: 'Fabrikam' })]);
    expect(document.querySelectorAll('#no-callback-base-url')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Set it in Settings' }).getAttribute('href')).toBe('#settings');
  });

  it('shows a keyring problem prominently', () => {
    accounts.error = { code: 'keyring_locked', field: null, params: { os: 'linux' } };
    show([row()]);
    expect(document.querySelector('[data-code="keyring_locked"]')).not.toBeNull();
  });

  it('invites to create the first account when there is none', () => {
    show([]);
    expect(screen.getByText(/No messaging accounts yet/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('search')).toBeNull();
  });

  it('names each row action with its visible words and the account, in every language', () => {
    for (const locale of locales) {
      showIn(locale);
      const { unmount } = show([
        row({ drift: drift('drifted', [number('Sales', '+14155550101', 'drifted')]) }),
        row({ id: 'acc-2', name: 'Fabrikam', status: 'draft' }),
        row({ id: 'acc-3', name: 'Litware', secretLost: true }),
      ]);
      const buttons = [...document.querySelectorAll<HTMLElement>('tbody button')];
      expect(buttons.length).toBeGreaterThanOrEqual(8);
      for (const button of buttons) {
        const name = button.getAttribute('aria-label') ?? '';
        // WCAG 2.5.3: what a speech user reads on the button is part of its name.
        expect(name.toLocaleLowerCase(locale), locale).toContain(button.textContent?.trim().toLocaleLowerCase(locale));
        expect(name, locale).toMatch(/Contoso|Fabrikam|Litware/);
      }
      unmount();
    }
  });

  it('is in the user’s language', () => {
    showIn('de');
    show(many(3));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Messagingkonten');
    expect(screen.getByRole('columnheader', { name: /Nummern/ })).toBeTruthy();
    expect(document.getElementById('accounts-count')?.textContent).toBe('3 Konten');
    expect(drawnRows()[0].querySelector('.status')?.textContent).toBe('Entwurf');
  });
});

describe('deleting', () => {
  it('focuses the row that took the deleted one’s place and says what was deleted', async () => {
    show([row({ id: 'a', name: 'Alpha' }), row({ id: 'b', name: 'Beta' }), row({ id: 'c', name: 'Gamma' })]);
    accounts.pendingDelete = account({ id: 'b', name: 'Beta', status: 'complete' });
    vi.spyOn(accounts, 'confirmDelete').mockImplementation(async () => {
      accounts.items = accounts.items.filter((a) => a.id !== 'b');
      accounts.pendingDelete = null;
      return true;
    });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Gamma'));
    await vi.waitFor(() => expect(status.text).toBe('Deleted: Beta'));
  });

  it('focuses the heading when the last account is gone', async () => {
    show([row({ id: 'a', name: 'Alpha' })]);
    accounts.pendingDelete = account({ id: 'a', name: 'Alpha', status: 'complete' });
    vi.spyOn(accounts, 'confirmDelete').mockImplementation(async () => {
      accounts.items = [];
      accounts.pendingDelete = null;
      return true;
    });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('accounts-title'));
  });
});

describe('deleting an account whose numbers workstreams use', () => {
  const inUse: AppError = {
    code: 'used_by_workstreams',
    field: null,
    params: { what: 'account', names: '["Support EN","Sales, night shift"]', count: 2 },
    more: [],
  };
  const beta = account({ id: 'b', name: 'Beta', status: 'complete' });

  /** The list on a fake IPC: Beta's delete is refused once, then goes through. */
  function showRefused() {
    vi.spyOn(ipc, 'getAccount').mockResolvedValue(beta);
    vi.spyOn(ipc, 'getSettings').mockResolvedValue({ callbackBaseUrl: null, language: 'en', languageChosen: null });
    vi.spyOn(ipc, 'listAccounts').mockResolvedValue([row({ id: 'a', name: 'Alpha' })]);
    const deleteAccount = vi.spyOn(ipc, 'deleteAccount').mockRejectedValueOnce(inUse).mockResolvedValue(null);
    show([row({ id: 'a', name: 'Alpha' }), row({ id: 'b', name: 'Beta' })]);
    return deleteAccount;
  }

  async function askToUnbind(user: ReturnType<typeof userEvent.setup>) {
    await user.click(present(rowOf('Beta').querySelector('.delete'), 'Delete of Beta'));
    await vi.waitFor(() => expect(document.getElementById('confirm-delete')).not.toBeNull());
    await user.click(present(document.getElementById('confirm-delete'), '#confirm-delete'));
    const dialog = present(document.querySelector<HTMLDialogElement>('#unbind-dialog'), '#unbind-dialog');
    await vi.waitFor(() => expect(dialog.open).toBe(true));
    return dialog;
  }

  afterEach(() => {
    accounts.cancelUnbind();
  });

  it('names the workstreams and what unbinding does; Cancel changes nothing and focus goes back to Delete', async () => {
    const deleteAccount = showRefused();
    const user = userEvent.setup();
    const dialog = await askToUnbind(user);
    expect(deleteAccount).toHaveBeenCalledWith('b', false);
    expect(document.querySelector('dialog[open]')).toBe(dialog);
    const names = [...dialog.querySelectorAll('li')].map((li) => li.textContent);
    expect(names).toEqual(['Support EN', 'Sales, night shift']);
    expect(dialog.textContent).toContain('These 2 workstreams use WhatsApp numbers of Beta');
    expect(dialog.textContent).toContain('goes back to a draft without a number');
    expect(dialog.getAttribute('aria-labelledby')).toBe('confirm-unbind-title');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('cancel-unbind'));

    await user.click(present(document.getElementById('cancel-unbind'), '#cancel-unbind'));
    expect(dialog.open).toBe(false);
    expect(deleteAccount).toHaveBeenCalledTimes(1);
    expect(drawnNames()).toEqual(['Alpha', 'Beta']);
    await vi.waitFor(() => expect(document.activeElement).toBe(rowOf('Beta').querySelector('.delete')));
  });

  it('Escape is Cancel', async () => {
    const deleteAccount = showRefused();
    const user = userEvent.setup();
    await askToUnbind(user);
    await user.keyboard('{Escape}');
    expect(accounts.pendingUnbind).toBeNull();
    expect(deleteAccount).toHaveBeenCalledTimes(1);
  });

  it('unbinds and deletes when confirmed, and says so', async () => {
    const deleteAccount = showRefused();
    const user = userEvent.setup();
    await askToUnbind(user);
    await user.click(screen.getByRole('button', { name: 'Unbind and delete' }));
    expect(deleteAccount).toHaveBeenLastCalledWith('b', true);
    await vi.waitFor(() => expect(drawnNames()).toEqual(['Alpha']));
    await vi.waitFor(() => expect(status.text).toBe('Deleted: Beta. 2 workstreams are now without a WhatsApp number.'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Alpha'));
  });

  it('asks in the user’s language', async () => {
    showIn('de');
    showRefused();
    const dialog = await askToUnbind(userEvent.setup());
    expect(dialog.querySelector('h2')?.textContent).toBe('Von Arbeitsstreams verwendet');
    expect(dialog.textContent).toContain('Diese 2 Arbeitsstreams verwenden WhatsApp-Nummern von Beta');
    expect(screen.getByRole('button', { name: 'Zuordnung aufheben und löschen' })).toBeTruthy();
  });
});
