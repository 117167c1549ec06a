import type { ErrorCode, ErrorParams } from './errors';

export interface AppErrorShape {
  code: ErrorCode;
  params: ErrorParams;
}

/** What every IPC call resolves to: errors travel as data, never as thrown exceptions, because Electron strips everything but `message` from errors crossing IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, params: ErrorParams = {}): Result<never> => ({
  ok: false,
  error: { code, params },
});
