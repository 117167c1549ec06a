import { z } from 'zod';

/**
 * Every error the renderer can receive. Each code has a translation in renderer/i18n;
 * params carry only what the message needs (field paths, limits), never PII or tokens.
 */
export const errorCodes = [
  'unknown-channel',
  'invalid-input',
  'not-found',
  'conflict',
  'untrusted-sender',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
);
export type ErrorParams = z.infer<typeof errorParamsSchema>;

/** Thrown by services; dispatch turns it into a failed Result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}
