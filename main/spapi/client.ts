import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { Region } from '../../shared/domain/store';
import { backoffMs } from './backoff';
import { isRetryable, kindForStatus, kindForThrown, SpApiError, type SpApiErrorKind } from './errors';
import { LoopbackAgent, type EndpointOverride } from './loopback-agent';
import { operations, type OperationName } from './operations';
import { RateLimiter } from './rate-limiter';
import { errorList } from './schemas/common';

// amazon-sp-api is CommonJS; its typings don't describe callAPI's raw_result shape, so we type what we use.
const require = createRequire(import.meta.url);
const { SellingPartner } = require('amazon-sp-api') as { SellingPartner: new (config: unknown) => RawSellingPartner };

interface RawResult {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
}
interface RawSellingPartner {
  callAPI(params: unknown): Promise<RawResult>;
  refreshAccessToken(scope?: string): Promise<void>;
  download(details: { url: string; compressionAlgorithm?: string }, options: { unzip: boolean; charset?: string; timeouts?: unknown }): Promise<string>;
  upload(details: { url: string }, feed: { content: string; contentType: string }): Promise<{ success: boolean }>;
}

export interface DocumentDetails {
  url: string;
  compressionAlgorithm?: string;
}

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** One row of the sync-call log: what was called, how it went. Never a token, never PII. */
export interface SpApiCallRecord {
  operation: OperationName;
  marketplaceId: string | null;
  httpStatus: number | null;
  latencyMs: number;
  requestId: string | null;
  retries: number;
  errorKind: SpApiErrorKind | null;
}

export interface SpApiClientConfig {
  region: Region;
  credentials: LwaCredentials;
  /** Identifies the selling partner for rate limiting (store id or seller id). */
  sellingPartner: string;
  limiter: RateLimiter;
  endpoint?: EndpointOverride;
  maxAttempts?: number;
  backoff?: { baseMs: number; capMs: number };
  timeouts?: { responseMs: number; idleMs: number; deadlineMs: number };
  random?: () => number;
  onCall?: (record: SpApiCallRecord) => void;
}

export interface CallRequest {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  /** For the call log only. */
  marketplaceId?: string;
  /** Sent instead of the access token, for operations that return PII (from createRestrictedDataToken). */
  restrictedDataToken?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
/** LWA access tokens last 3600 s; renew at 50 minutes of Amazon time. */
const ACCESS_TOKEN_RENEW_AFTER_S = 3000;
const header = (h: RawResult['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The app's only door to Amazon. Wraps the `amazon-sp-api` package but takes over what it gets wrong for us:
 * requests wait for a rate-limit token first; 429/5xx/timeouts/resets are retried with capped, jittered backoff;
 * bodies are decoded from the raw bytes (the package's string concatenation breaks multibyte characters split across
 * chunks); and every response is checked against its schema before anyone sees it.
 */
export class SpApiClient {
  private readonly sp: RawSellingPartner;
  private readonly agent: LoopbackAgent | undefined;
  private accessToken: Promise<void> | null = null;
  private accessTokenRefreshAt = 0;
  private readonly cfg: Required<Pick<SpApiClientConfig, 'maxAttempts' | 'backoff' | 'timeouts' | 'random'>> & SpApiClientConfig;

  constructor(config: SpApiClientConfig) {
    this.cfg = {
      maxAttempts: 6,
      backoff: { baseMs: 500, capMs: 30_000 },
      timeouts: { responseMs: 30_000, idleMs: 30_000, deadlineMs: 120_000 },
      random: Math.random,
      ...config,
    };
    this.agent = config.endpoint ? new LoopbackAgent(config.endpoint) : undefined;
    this.sp = new SellingPartner({
      region: config.region,
      refresh_token: config.credentials.refreshToken,
      credentials: {
        SELLING_PARTNER_APP_CLIENT_ID: config.credentials.clientId,
        SELLING_PARTNER_APP_CLIENT_SECRET: config.credentials.clientSecret,
      },
      options: {
        auto_request_tokens: true,
        // Our own loop handles throttling and network retries; the package's loops have no cap and no backoff.
        auto_request_throttled: false,
        retry_remote_timeout: false,
        version_fallback: false,
        debug_log: false,
        timeouts: { response: this.cfg.timeouts.responseMs, idle: this.cfg.timeouts.idleMs, deadline: this.cfg.timeouts.deadlineMs },
        ...(this.agent ? { https_proxy_agent: this.agent } : {}),
      },
    });
  }

  /** Calls one operation and returns its body parsed by `schema`; throws SpApiError after retries are exhausted. */
  async call<S extends z.ZodType>(operation: OperationName, req: CallRequest, schema: S | null): Promise<z.output<S>> {
    const def = operations[operation];
    const bucket = RateLimiter.key(this.cfg.sellingPartner, this.cfg.region, operation);
    const started = performance.now();
    let attempt = 0;
    let lastStatus: number | null = null;
    let requestId: string | null = null;
    let refreshedToken = false;
    let offline = false;

    const record = (errorKind: SpApiErrorKind | null) =>
      this.cfg.onCall?.({
        operation,
        marketplaceId: req.marketplaceId ?? null,
        httpStatus: lastStatus,
        latencyMs: Math.round(performance.now() - started),
        requestId,
        retries: attempt - 1,
        errorKind,
      });

    for (;;) {
      attempt += 1;
      let failure: SpApiError;
      try {
        // The token comes first: a rate-limit token taken before a slow LWA round trip would be spent late, bunching
        // requests at Amazon closer together than the plan allows.
        await this.ensureAccessToken();
        await this.cfg.limiter.acquire(bucket, def);
        const res = await this.sp.callAPI({
          operation: def.operation,
          endpoint: def.endpoint,
          ...(req.path ? { path: req.path } : {}),
          ...(req.query ? { query: dropUndefined(req.query) } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(req.restrictedDataToken ? { restricted_data_token: req.restrictedDataToken } : {}),
          options: { version: def.version, raw_result: true },
        });
        lastStatus = res.statusCode;
        requestId = header(res.headers, 'x-amzn-requestid') ?? null;
        const limit = Number(header(res.headers, 'x-amzn-ratelimit-limit'));
        if (limit > 0) this.cfg.limiter.observeRate(bucket, def, limit);

        const outcome = this.interpret(res, schema, attempt);
        if (outcome.ok) {
          record(null);
          return outcome.value as z.output<S>;
        }
        failure = outcome.error;
        if (res.statusCode === 429) this.cfg.limiter.onThrottled(bucket, def);
        if (failure.kind === 'auth' && !refreshedToken && /expired/i.test(failure.message)) {
          // Refresh once and try again. The refused call did not use Amazon's quota, so it gives its token back.
          refreshedToken = true;
          this.accessToken = null;
          this.cfg.limiter.refund(bucket, def);
          attempt -= 1;
          continue;
        }
      } catch (err) {
        if (err instanceof SpApiError) throw err;
        lastStatus = null;
        failure = new SpApiError(kindForThrown(err), describeThrown(err), { attempts: attempt });
        offline = OFFLINE_CODES.has(String((err as { code?: unknown } | null)?.code));
      }

      // No route or nobody listening means offline: retrying inside this call only delays the caller's own, durable
      // retry (the scheduler's next run, the outbox's backoff) and the "offline" the clerk should see.
      if (!isRetryable(failure.kind) || attempt >= this.cfg.maxAttempts || offline) {
        record(failure.kind);
        throw new SpApiError(failure.kind, failure.message, { status: failure.status, amazonCode: failure.amazonCode, requestId, attempts: attempt });
      }
      if (failure.kind !== 'throttled') {
        // Throttling waits for its token in the limiter; other failures back off so a struggling server can recover.
        await sleep(backoffMs(attempt, this.cfg.backoff, this.cfg.random) / this.cfg.limiter.timeScale);
      }
    }
  }

  /**
   * One LWA exchange at a time, shared by every concurrent call (the package would start one per call), renewed before
   * the hour is up so no call is refused for an expired token (a refusal would cost a rate-limit token and a page).
   */
  private ensureAccessToken(): Promise<void> {
    const now = performance.now();
    if (this.accessToken && now >= this.accessTokenRefreshAt) this.accessToken = null;
    if (!this.accessToken) {
      this.accessTokenRefreshAt = now + (ACCESS_TOKEN_RENEW_AFTER_S * 1000) / this.cfg.limiter.timeScale;
      this.accessToken = this.sp.refreshAccessToken().catch((err: unknown) => {
        this.accessToken = null;
        throw err;
      });
    }
    return this.accessToken;
  }

  private interpret(res: RawResult, schema: z.ZodType | null, attempt: number): { ok: true; value: unknown } | { ok: false; error: SpApiError } {
    const status = res.statusCode;
    let text: string;
    try {
      text = utf8.decode(Buffer.concat(res.chunks));
    } catch {
      return { ok: false, error: new SpApiError('invalid-response', 'response is not valid UTF-8', { status, attempts: attempt }) };
    }
    let json: unknown = undefined;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        const kind = status >= 200 && status < 300 ? 'invalid-response' : kindForStatus(status);
        return { ok: false, error: new SpApiError(kind, `response ${status} is not JSON`, { status, attempts: attempt }) };
      }
    }
    if (status >= 200 && status < 300) {
      if (!schema) return { ok: true, value: json };
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data };
      const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ');
      return { ok: false, error: new SpApiError('invalid-response', `response does not match the model at ${where}`, { status, attempts: attempt }) };
    }
    const errors = errorList.safeParse(json);
    const first = errors.success ? errors.data.errors[0] : undefined;
    const message = first ? `${first.code}: ${first.message}${first.details ? ` (${first.details})` : ''}` : `HTTP ${status}`;
    return { ok: false, error: new SpApiError(kindForStatus(status), message, { status, amazonCode: first?.code ?? null, attempts: attempt }) };
  }

  /**
   * Downloads a report or feed-result document (pre-signed S3 URL, gzip when `compressionAlgorithm` says so) and decodes
   * it with the charset S3 declares. The package's download() concatenates Buffers, so multibyte text survives.
   * Network failures are retried like API calls; S3 documents have no usage plan.
   */
  download(details: DocumentDetails, charset?: string): Promise<string> {
    return this.transfer('download', () =>
      this.sp.download(details, {
        unzip: true,
        ...(charset ? { charset } : {}),
        timeouts: { response: this.cfg.timeouts.responseMs, idle: this.cfg.timeouts.idleMs, deadline: this.cfg.timeouts.deadlineMs },
      }),
    );
  }

  /** Uploads feed content to the URL createFeedDocument returned; contentType must equal the one given there. */
  async upload(details: { url: string }, content: string, contentType: string): Promise<void> {
    await this.transfer('upload', () => this.sp.upload(details, { content, contentType }));
  }

  private async transfer<T>(what: 'download' | 'upload', run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        const kind = documentErrorKind(err);
        if ((kind !== 'network' && kind !== 'server') || attempt >= this.cfg.maxAttempts) {
          throw new SpApiError(kind, `${what} failed: ${describeThrown(err)}`, { attempts: attempt });
        }
        await sleep(backoffMs(attempt, this.cfg.backoff, this.cfg.random) / this.cfg.limiter.timeScale);
      }
    }
  }

  /** Releases keep-alive sockets so a finished CLI command or test can exit. */
  close(): void {
    this.agent?.destroy();
  }
}

/** The package throws S3's XML error code for a non-200 document response, or its own code when it can't parse one. */
function documentErrorKind(err: unknown): SpApiErrorKind {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return kindForThrown(err);
  if (code === 'NoSuchKey') return 'not-found';
  if (/AccessDenied|Expired|SignatureDoesNotMatch|InvalidAccessKeyId/.test(code)) return 'auth';
  if (/^(DOWNLOAD|UPLOAD)_ERROR$|ZIP|PARSE/.test(code)) return 'invalid-response';
  if (/^(InternalError|ServiceUnavailable|SlowDown)$/.test(code)) return 'server';
  return kindForThrown(err);
}

function dropUndefined(q: NonNullable<CallRequest['query']>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

function describeThrown(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // Never echo a body or URL that could hold a token: keep to the code and the first line.
  return `${typeof code === 'string' ? `${code}: ` : ''}${message.split('\n')[0]?.slice(0, 200) ?? ''}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
