// Deleting a messaging account or removing a WhatsApp number that a workstream uses: Rust refuses
// with `used_by_workstreams`, and the user chooses between unbinding those workstreams and
// cancelling. This reads the refusal; the stores keep the question.
import { listParam } from './errors';
import { isAppError } from './ipc';

/** The workstreams Rust named in its refusal. */
export type WorkstreamsInUse = {
  names: string[];
  count: number;
};

/** The workstreams that stand in the way, when `e` is that refusal; null for any other error. */
export function workstreamsInUse(e: unknown): WorkstreamsInUse | null {
  if (!isAppError(e) || e.code !== 'used_by_workstreams') return null;
  const names = listParam(e, 'names');
  const count = Number(e.params.count);
  return { names, count: Number.isInteger(count) && count > 0 ? count : names.length };
}
