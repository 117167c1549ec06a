/**
 * What can go wrong talking to Amazon, as the sync engine needs to tell it apart:
 * throttled/server/network are worth retrying later; auth needs the user; invalid-input/not-found are our bug or stale
 * data; invalid-response means Amazon (or the line) sent something that does not match the model, and nothing is written.
 */
export type SpApiErrorKind = 'throttled' | 'auth' | 'invalid-input' | 'not-found' | 'server' | 'network' | 'invalid-response';

export class SpApiError extends Error {
  readonly kind: SpApiErrorKind;
  readonly status: number | null;
  /** Amazon's `errors[0].code`, e.g. `InvalidInput`, `QuotaExceeded`. */
  readonly amazonCode: string | null;
  readonly requestId: string | null;
  readonly attempts: number;

  constructor(kind: SpApiErrorKind, message: string, extra: { status?: number | null; amazonCode?: string | null; requestId?: string | null; attempts?: number } = {}) {
    super(message);
    this.name = 'SpApiError';
    this.kind = kind;
    this.status = extra.status ?? null;
    this.amazonCode = extra.amazonCode ?? null;
    this.requestId = extra.requestId ?? null;
    this.attempts = extra.attempts ?? 1;
  }
}

export const isRetryable = (kind: SpApiErrorKind): boolean =>
  kind === 'throttled' || kind === 'server' || kind === 'network' || kind === 'invalid-response';

export function kindForStatus(status: number): SpApiErrorKind {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'invalid-input';
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'API_RESPONSE_TIMEOUT', 'API_IDLE_TIMEOUT', 'API_DEADLINE_TIMEOUT', 'ERR_SSL_WRONG_VERSION_NUMBER']);
const LWA_AUTH_CODES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope', 'access_denied', 'NO_REFRESH_TOKEN_PROVIDED', 'CREDENTIALS_MISSING']);

/** Maps whatever the client library or Node threw (no HTTP status) to a kind. */
export function kindForThrown(err: unknown): SpApiErrorKind {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'network';
  if (typeof code === 'string' && LWA_AUTH_CODES.has(code)) return 'auth';
  if (code === 'REFRESH_ACCESS_TOKEN_PARSE_ERROR' || code === 'UNKNOWN_REFRESH_ACCESS_TOKEN_ERROR') return 'server';
  if (/socket hang up|ECONNRESET|timeout|TLS|EPROTO/i.test(message)) return 'network';
  return 'network';
}
