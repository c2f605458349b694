// The OS keyring's own problems. They are not about what the user typed, so the pages show
// them as a notice of their own, whose text names the keyring of the OS Rust runs on and how to
// install or unlock it.
import type { ErrorCode } from './bindings/ErrorCode';
import type { AppError } from './ipc';

export type KeyringCode = Extract<ErrorCode, 'keyring_unavailable' | 'keyring_locked'>;

export function isKeyringProblem(e: Pick<AppError, 'code'> | null): e is AppError & { code: KeyringCode } {
  return e?.code === 'keyring_unavailable' || e?.code === 'keyring_locked';
}
