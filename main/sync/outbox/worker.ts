import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { AmazonApi } from '../../spapi/amazon-api';
import { backoffMs } from '../../spapi/backoff';
import { isRetryable, SpApiError } from '../../spapi/errors';
import { handlerFor, type OutboxHandler, type OutboxSendResult } from './handlers';
import {
  claimOutboxRow,
  countOutboxByStoreAndStatus,
  findOutboxRow,
  headOfStore,
  listOutboxRows,
  markOutboxDead,
  markOutboxDone,
  reviveDeadOutboxRow,
  scheduleOutboxRetry,
  storesWithOpenRows,
  type OutboxRow,
  type OutboxStatus,
} from './outbox.repo';

/**
 * About twelve hours of retrying with the default backoff (full jitter: the mean wait is half the ceiling), so a night
 * with the warehouse offline does not kill the day's shipment confirmations, while a write that can never succeed is
 * still shown to a person the same day.
 */
export const DEFAULT_OUTBOX_MAX_ATTEMPTS = 24;
export const DEFAULT_OUTBOX_BACKOFF = { baseMs: 30_000, capMs: 3_600_000 } as const;

export interface OutboxWorkerDeps {
  db: Db;
  clock: Clock;
  random: () => number;
  /** The store's SP-API client; null when the store has no saved credentials (the row goes dead as `no-credentials`). */
  apiFor: (storeId: number) => Promise<AmazonApi | null>;
  maxAttempts?: number;
  backoff?: { baseMs: number; capMs: number };
  /** Called after every status change a row goes through, e.g. to push `outbox:changed` to the sync screen. */
  onChange?: (change: OutboxChange) => void;
  /** Where a failed background pass is reported (runOnce callers get the rejection instead). */
  log?: { error(message: string, detail: Record<string, unknown>): void };
}

export interface OutboxChange {
  seq: number;
  storeId: number;
  kind: string;
  status: OutboxStatus;
}

export interface OutboxStatusCounts {
  pending: number;
  inFlight: number;
  dead: number;
  done: number;
}

export interface OutboxCounts {
  total: OutboxStatusCounts;
  byStore: Record<number, OutboxStatusCounts>;
}

export interface DeadOutboxRow {
  seq: number;
  storeId: number;
  kind: string;
  /** The part of the reason before the first colon: unknown-kind, invalid-payload, invalid-input, not-found, auth, … */
  reasonCode: string;
  reason: string;
  lastError: string | null;
  attempts: number;
  /** As stored, which for an invalid-payload row may not be JSON at all. */
  payloadJson: string;
  createdAt: string;
}

export interface OutboxRunSummary {
  sent: number;
  /** Found already on Amazon while checking a row that may have been sent before: marked done, nothing sent. */
  alreadyApplied: number;
  retryLater: number;
  dead: number;
}

type Outcome = 'sent' | 'already-applied' | 'dead' | 'retry-later' | 'lost';
const TALLY: Record<Exclude<Outcome, 'lost'>, keyof OutboxRunSummary> = { sent: 'sent', 'already-applied': 'alreadyApplied', dead: 'dead', 'retry-later': 'retryLater' };

const STATUS_KEY: Record<OutboxStatus, keyof OutboxStatusCounts> = { pending: 'pending', in_flight: 'inFlight', dead: 'dead', done: 'done' };
const zeroCounts = (): OutboxStatusCounts => ({ pending: 0, inFlight: 0, dead: 0, done: 0 });
const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

/**
 * Sends the outbox to Amazon. Each store's rows go strictly in seq order, one at a time: a retryable failure stops that
 * store's queue until the row's next attempt, so Amazon never sees a later write before an earlier one. Stores do not
 * wait for each other. Assumes one worker per database.
 *
 * Crash safety: a row is committed as `in_flight` before its request leaves. A row found `in_flight` when the worker
 * reaches it was left by a run that stopped mid-send, so its handler is told `maybeSent` and checks Amazon before
 * sending again. Rows attempted before get the same treatment: a timeout or reset after the request left proves nothing.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const { db, clock } = deps;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_OUTBOX_MAX_ATTEMPTS;
  const backoff = deps.backoff ?? DEFAULT_OUTBOX_BACKOFF;
  const now = () => clock.now().toISOString();

  // Passes never overlap: a row's claim, send and outcome happen in one pass, which is what lets an in_flight row seen
  // at the head of a queue mean "left by a crash".
  let tail: Promise<unknown> = Promise.resolve();
  // stop()/drain() bump the epoch; a pass requested before that stops after its current send.
  let haltEpoch = 0;
  let loopEpoch = -1;
  let timer: NodeJS.Timeout | null = null;

  const changed = (row: Pick<OutboxRow, 'seq' | 'storeId' | 'kind'>, status: OutboxStatus) => deps.onChange?.({ seq: row.seq, storeId: row.storeId, kind: row.kind, status });

  async function dead(row: OutboxRow, reason: string, lastError: string | null = null): Promise<Outcome> {
    await markOutboxDead(db, row.seq, reason, lastError);
    changed(row, 'dead');
    return 'dead';
  }

  async function failed(row: OutboxRow, attempt: number, err: unknown): Promise<Outcome> {
    const kind = err instanceof SpApiError ? err.kind : 'internal';
    const lastError = `${kind}: ${firstLine(err)}`;
    if (err instanceof SpApiError && !isRetryable(err.kind)) {
      const why: Record<string, string> = {
        'invalid-input': 'Amazon refused the request',
        'not-found': 'Amazon does not know this order or resource',
        auth: "Amazon did not accept the store's authorization; reconnect the store, then retry",
      };
      return dead(row, `${err.kind}: ${why[err.kind] ?? 'Amazon refused the request'}: ${firstLine(err)}`, lastError);
    }
    // Being offline is not the row's fault: a laptop at a factory for three days must drain on return, not dead-letter.
    if (attempt >= maxAttempts && kind !== 'network') return dead(row, `attempts-exhausted: gave up after ${attempt} attempts; last error ${lastError}`, lastError);
    const next = new Date(clock.now().getTime() + backoffMs(attempt, backoff, deps.random)).toISOString();
    await scheduleOutboxRetry(db, row.seq, next, lastError);
    changed(row, 'pending');
    return 'retry-later';
  }

  async function attemptRow(row: OutboxRow): Promise<Outcome> {
    const handler = handlerFor(row.kind);
    if (!handler) return dead(row, `unknown-kind: no handler for "${row.kind}" in this version of the app`);
    const payload = parsePayload(handler, row.payloadJson);
    if (!payload.ok) return dead(row, `invalid-payload: ${payload.reason}`);

    // Its own committed statement before anything leaves: if we die mid-send, the next run knows to check first.
    if (!(await db.transaction((trx) => claimOutboxRow(trx, row)))) return 'lost';
    changed(row, 'in_flight');
    const attempt = row.attempts + 1;
    const maybeSent = row.status === 'in_flight' || row.attempts > 0 || row.lastError !== null;

    let api: AmazonApi | null;
    let result: OutboxSendResult;
    try {
      api = await deps.apiFor(row.storeId);
    } catch (err) {
      return failed(row, attempt, err);
    }
    if (!api) return dead(row, 'no-credentials: the store has no saved Amazon credentials; reconnect it, then retry');
    try {
      result = await handler.send(api, payload.value, { maybeSent, attempt });
    } catch (err) {
      return failed(row, attempt, err);
    }
    if (result.status === 'refused') return dead(row, `${result.code}: ${result.reason}`);
    await markOutboxDone(db, row.seq, now());
    changed(row, 'done');
    return result.status;
  }

  async function drainStore(storeId: number, epoch: number, summary: OutboxRunSummary): Promise<void> {
    while (epoch === haltEpoch) {
      const row = await headOfStore(db, storeId);
      if (!row) return;
      // A crash-left row is resolved at once; a pending head that is not due holds back everything behind it.
      if (row.status === 'pending' && row.nextAttemptAt > now()) return;
      const outcome = await attemptRow(row);
      if (outcome === 'lost') return;
      summary[TALLY[outcome]] += 1;
      if (outcome === 'retry-later') return;
    }
  }

  async function pass(epoch: number): Promise<OutboxRunSummary> {
    const summary: OutboxRunSummary = { sent: 0, alreadyApplied: 0, retryLater: 0, dead: 0 };
    if (epoch !== haltEpoch) return summary;
    const stores = await storesWithOpenRows(db);
    // allSettled: a failing store must not leave the others' sends running unobserved.
    const results = await Promise.allSettled(stores.map((s) => drainStore(s, epoch, summary)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return summary;
  }

  function queuePass(epoch: number): Promise<OutboxRunSummary> {
    const run = tail.then(() => pass(epoch));
    tail = run.catch(() => undefined);
    return run;
  }

  function schedule(epoch: number, delayMs: number, intervalMs: number) {
    timer = setTimeout(() => {
      timer = null;
      queuePass(epoch)
        .catch((err: unknown) => deps.log?.error('outbox pass failed', { error: firstLine(err) }))
        .finally(() => {
          if (loopEpoch === epoch && epoch === haltEpoch) schedule(epoch, intervalMs, intervalMs);
        });
    }, delayMs);
    // A CLI command or test that is otherwise finished should not be kept alive by the outbox's timer.
    timer.unref();
  }

  function stop(): void {
    haltEpoch += 1;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return {
    /** One pass: every store's due rows, in order, until each queue is empty, not yet due, or waiting after a failure. */
    runOnce(): Promise<OutboxRunSummary> {
      return queuePass(haltEpoch);
    },

    /** A pass now, then one `intervalMs` after each pass ends. */
    start(intervalMs: number): void {
      if (loopEpoch === haltEpoch) return;
      loopEpoch = haltEpoch;
      schedule(loopEpoch, 0, intervalMs);
    },

    /** No new passes and no new sends; a send under way still completes and records its outcome. */
    stop,

    /** Stops, then resolves once the send under way (if any) has finished and its outcome is committed. */
    async drain(): Promise<void> {
      stop();
      await tail;
    },

    async counts(): Promise<OutboxCounts> {
      const total = zeroCounts();
      const byStore: Record<number, OutboxStatusCounts> = {};
      for (const { storeId, status, count } of await countOutboxByStoreAndStatus(db)) {
        const key = STATUS_KEY[status];
        if (!key) continue;
        const store = (byStore[storeId] ??= zeroCounts());
        store[key] += count;
        total[key] += count;
      }
      return { total, byStore };
    },

    /** Dead rows are kept with their payload and reason until someone retries them; nothing here deletes. */
    async listDead(storeId?: number): Promise<DeadOutboxRow[]> {
      const rows = await listOutboxRows(db, { status: 'dead', ...(storeId !== undefined ? { storeId } : {}) });
      return rows.map((r) => {
        const reason = r.deadReason ?? 'unknown';
        return {
          seq: r.seq,
          storeId: r.storeId,
          kind: r.kind,
          reasonCode: reason.split(':')[0] ?? reason,
          reason,
          lastError: r.lastError,
          attempts: r.attempts,
          payloadJson: r.payloadJson,
          createdAt: r.createdAt,
        };
      });
    },

    /** Puts a dead row back in its store's queue (at its original place in seq order) with a fresh attempt budget. */
    async retryDead(seq: number): Promise<boolean> {
      const row = await findOutboxRow(db, seq);
      if (row?.status !== 'dead' || !(await reviveDeadOutboxRow(db, seq, now()))) return false;
      changed(row, 'pending');
      return true;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function parsePayload(handler: OutboxHandler, json: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the stored payload is not valid JSON' };
  }
  const parsed = handler.schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const where = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 5).join(', ');
  return { ok: false, reason: `the stored payload does not match the ${handler.kind} schema at ${where}` };
}
