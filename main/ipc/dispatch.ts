import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { Core } from '../core';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';

export interface DispatchLog {
  error(message: string, detail: Record<string, unknown>): void;
}

const issuePaths = (error: z.ZodError): string[] =>
  error.issues.slice(0, 10).map((i) => (i.path.length ? i.path.join('.') : '(root)'));

/**
 * The one entry point for every renderer request, shared by Electron IPC, the CLI and the e2e harness.
 * Never throws: unknown channels, bad input, domain errors and bugs all come back as a failed Result.
 */
export async function dispatch(core: Core, channel: unknown, rawInput: unknown, log?: DispatchLog): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('unknown-channel', { channel: typeof channel === 'string' ? channel.slice(0, 100) : null });
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) return fail('invalid-input', { channel, fields: issuePaths(parsed.error) });
  try {
    const handler = handlers[channel] as Handler<Channel>;
    const value = await handler(core, parsed.data as never);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log?.error('handler output does not match the contract', { channel, fields: issuePaths(out.error) });
      return fail('internal', { channel });
    }
    return ok(out.data);
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.params);
    log?.error('handler failed', { channel, error: err instanceof Error ? err.message : String(err) });
    return fail('internal', { channel });
  }
}
