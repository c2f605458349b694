// What the accounts list shows of the accounts: the search, the filters and the sort the user
// chose, and the rows that result, in order.
import type { AccountStatus } from './bindings/AccountStatus';
import type { AccountSummary } from './bindings/AccountSummary';
import type { DriftOutcome } from './bindings/DriftOutcome';
import type { VerificationOutcome } from './bindings/VerificationOutcome';
import { accounts } from './accounts.svelte';
import { compareText } from './format';
import { locale } from './i18n.svelte';

/** The sortable columns. */
export type SortKey = 'name' | 'numbers' | 'status' | 'verification' | 'drift';
export type SortDirection = 'ascending' | 'descending';

/** `none`: never checked. */
export type VerificationFilter = VerificationOutcome | 'none';
export type DriftFilter = DriftOutcome | 'none';

export interface ListQuery {
  search: string;
  sortKey: SortKey;
  direction: SortDirection;
  status: AccountStatus | 'all';
  verification: VerificationFilter | 'all';
  drift: DriftFilter | 'all';
}

export const VERIFICATION_FILTERS: readonly VerificationFilter[] = ['verified', 'failed', 'offline', 'none'];
export const DRIFT_FILTERS: readonly DriftFilter[] = ['in_sync', 'drifted', 'not_applied', 'failed', 'offline', 'none'];

// Ascending puts what needs the user first.
const STATUS_ORDER: readonly AccountStatus[] = ['draft', 'complete'];
const VERIFICATION_ORDER: readonly VerificationFilter[] = ['failed', 'offline', 'none', 'verified'];
const DRIFT_ORDER: readonly DriftFilter[] = ['drifted', 'not_applied', 'failed', 'offline', 'none', 'in_sync'];

export const verificationOf = (a: AccountSummary): VerificationFilter => a.verification ?? 'none';
export const driftOf = (a: AccountSummary): DriftFilter => a.drift?.outcome ?? 'none';

/** Case, accents and width folded, so "zoe" finds "Zoë" and "ＡＣ" finds "AC". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale());
}

const digits = (text: string): string => text.replace(/\D/g, '');

/** Whether the account's name, Account SID or one of its numbers holds `search`. */
export function matches(a: AccountSummary, search: string): boolean {
  const wanted = fold(search.trim());
  if (wanted === '') return true;
  if (fold(a.name).includes(wanted) || fold(a.accountSid ?? '').includes(wanted)) return true;
  // A number is found however it is typed: "+1 (415) 555-0100" finds +14155550100.
  const wantedDigits = digits(wanted);
  if (wantedDigits === '' || /[^\d\s+().-]/.test(wanted)) return false;
  return a.numbers.some((n) => n.includes(wantedDigits));
}

function compareBy(key: SortKey): (a: AccountSummary, b: AccountSummary) => number {
  const rank = <T>(order: readonly T[], of: (a: AccountSummary) => T) => (a: AccountSummary, b: AccountSummary) =>
    order.indexOf(of(a)) - order.indexOf(of(b));
  switch (key) {
    case 'name':
      return (a, b) => compareText(a.name, b.name);
    case 'numbers':
      return (a, b) => a.numberCount - b.numberCount;
    case 'status':
      return rank(STATUS_ORDER, (a) => a.status);
    case 'verification':
      return rank(VERIFICATION_ORDER, verificationOf);
    case 'drift':
      return rank(DRIFT_ORDER, driftOf);
  }
}

/** The accounts the query lets through, in its order; ties in name order, so the order is stable. */
export function arrange(items: readonly AccountSummary[], q: ListQuery): AccountSummary[] {
  const primary = compareBy(q.sortKey);
  const sign = q.direction === 'ascending' ? 1 : -1;
  const byName = compareBy('name');
  return items
    .filter(
      (a) =>
        (q.status === 'all' || a.status === q.status) &&
        (q.verification === 'all' || verificationOf(a) === q.verification) &&
        (q.drift === 'all' || driftOf(a) === q.drift) &&
        matches(a, q.search),
    )
    .sort((a, b) => sign * primary(a, b) || byName(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export class AccountListView implements ListQuery {
  search = $state('');
  sortKey: SortKey = $state('name');
  direction: SortDirection = $state('ascending');
  status: AccountStatus | 'all' = $state('all');
  verification: VerificationFilter | 'all' = $state('all');
  drift: DriftFilter | 'all' = $state('all');

  readonly #items: () => readonly AccountSummary[];

  /** The rows to show, in order. */
  readonly rows: AccountSummary[] = $derived.by(() => arrange(this.#items(), this));
  /** Whether a search or a filter hides some accounts. */
  readonly narrowed: boolean = $derived(
    this.search.trim() !== '' || this.status !== 'all' || this.verification !== 'all' || this.drift !== 'all',
  );

  constructor(items: () => readonly AccountSummary[]) {
    this.#items = items;
  }

  /** A click on a column header: that column ascending, or the other way round if it was sorted already. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) {
      this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
    } else {
      this.sortKey = key;
      this.direction = 'ascending';
    }
  }

  /** Shows every account again; the sort stays. */
  clear(): void {
    this.search = '';
    this.status = 'all';
    this.verification = 'all';
    this.drift = 'all';
  }
}

/** The list as the user left it: kept while they open an account and come back. */
export const accountList = new AccountListView(() => accounts.items);
