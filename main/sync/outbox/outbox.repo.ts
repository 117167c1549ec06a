import type { Queryable } from '../../db/connection';

/**
 * pending: waiting for its turn (or its next attempt); in_flight: claimed, a send may be under way or may have reached
 * Amazon before a crash; done: Amazon has it; dead: will not be tried again until someone retries it by hand.
 */
export const outboxStatuses = ['pending', 'in_flight', 'done', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxRow {
  seq: number;
  storeId: number;
  kind: string;
  payloadJson: string;
  idempotencyKey: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deadReason: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface RawOutboxRow {
  seq: number;
  store_id: number;
  kind: string;
  payload_json: string;
  idempotency_key: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  dead_reason: string | null;
  created_at: string;
  sent_at: string | null;
}

const OPEN: OutboxStatus[] = ['pending', 'in_flight'];
/** The columns are 300 characters; PostgreSQL would refuse a longer value where SQLite would not. */
const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, 300));

const toRow = (r: RawOutboxRow): OutboxRow => ({
  seq: Number(r.seq),
  storeId: Number(r.store_id),
  kind: r.kind,
  payloadJson: r.payload_json,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error ?? null,
  deadReason: r.dead_reason ?? null,
  createdAt: r.created_at,
  sentAt: r.sent_at ?? null,
});

/**
 * Inserts a pending row unless one with the same idempotency key exists. ON CONFLICT DO NOTHING (not catching the
 * unique violation) keeps the caller's transaction usable on PostgreSQL, where a failed statement aborts it.
 */
export async function insertOutboxRow(
  db: Queryable,
  row: { storeId: number; kind: string; payloadJson: string; idempotencyKey: string; createdAt: string },
): Promise<{ seq: number; created: boolean }> {
  const inserted: unknown[] = await db('outbox')
    .insert(
      {
        store_id: row.storeId,
        kind: row.kind,
        payload_json: row.payloadJson,
        idempotency_key: row.idempotencyKey,
        status: 'pending',
        attempts: 0,
        next_attempt_at: row.createdAt,
        created_at: row.createdAt,
      },
      ['seq'],
    )
    .onConflict('idempotency_key')
    .ignore();
  const first = inserted[0];
  if (first !== undefined) return { seq: Number(typeof first === 'object' && first !== null ? (first as { seq: number }).seq : first), created: true };
  const existing = await db('outbox').where({ idempotency_key: row.idempotencyKey }).first<{ seq: number } | undefined>('seq');
  if (!existing) throw new Error(`outbox row ${row.idempotencyKey} vanished during insert`);
  return { seq: Number(existing.seq), created: false };
}

export async function findOutboxRow(db: Queryable, seq: number): Promise<OutboxRow | undefined> {
  const r = await db<RawOutboxRow>('outbox').where({ seq }).first();
  return r ? toRow(r) : undefined;
}

export async function listOutboxRows(db: Queryable, filter: { storeId?: number; status?: OutboxStatus } = {}): Promise<OutboxRow[]> {
  const q = db<RawOutboxRow>('outbox').orderBy('seq');
  if (filter.storeId !== undefined) q.where({ store_id: filter.storeId });
  if (filter.status !== undefined) q.where({ status: filter.status });
  return (await q).map(toRow);
}

export async function storesWithOpenRows(db: Queryable): Promise<number[]> {
  const rows = await db('outbox').distinct('store_id').whereIn('status', OPEN).orderBy('store_id');
  return rows.map((r: { store_id: number }) => Number(r.store_id));
}

/** The oldest row of a store that is not finished: nothing after it may be sent before it. */
export async function headOfStore(db: Queryable, storeId: number): Promise<OutboxRow | undefined> {
  const r = await db<RawOutboxRow>('outbox').where({ store_id: storeId }).whereIn('status', OPEN).orderBy('seq').first();
  return r ? toRow(r) : undefined;
}

/**
 * Marks the row in flight and counts the attempt, only if nobody changed it since it was read (status and attempts
 * act as the version). Returns false when the row was taken or changed meanwhile.
 */
export async function claimOutboxRow(db: Queryable, row: Pick<OutboxRow, 'seq' | 'status' | 'attempts'>): Promise<boolean> {
  const n = await db('outbox')
    .where({ seq: row.seq, status: row.status, attempts: row.attempts })
    .update({ status: 'in_flight', attempts: row.attempts + 1 });
  return Number(n) === 1;
}

export async function markOutboxDone(db: Queryable, seq: number, sentAt: string): Promise<void> {
  await db('outbox').where({ seq }).update({ status: 'done', sent_at: sentAt, dead_reason: null });
}

export async function scheduleOutboxRetry(db: Queryable, seq: number, nextAttemptAt: string, lastError: string): Promise<void> {
  await db('outbox').where({ seq }).update({ status: 'pending', next_attempt_at: nextAttemptAt, last_error: clip(lastError) });
}

export async function markOutboxDead(db: Queryable, seq: number, deadReason: string, lastError: string | null): Promise<void> {
  const update: Record<string, unknown> = { status: 'dead', dead_reason: clip(deadReason) };
  if (lastError !== null) update.last_error = clip(lastError);
  await db('outbox').where({ seq }).update(update);
}

/** Puts a dead row back in its store's queue with a fresh attempt budget; last_error stays as history. */
export async function reviveDeadOutboxRow(db: Queryable, seq: number, at: string): Promise<boolean> {
  const n = await db('outbox').where({ seq, status: 'dead' }).update({ status: 'pending', attempts: 0, next_attempt_at: at, dead_reason: null });
  return Number(n) === 1;
}

export async function countOutboxByStoreAndStatus(db: Queryable): Promise<{ storeId: number; status: OutboxStatus; count: number }[]> {
  const rows = await db('outbox').select('store_id', 'status').count({ n: '*' }).groupBy('store_id', 'status').orderBy('store_id');
  return rows.map((r: Record<string, unknown>) => ({ storeId: Number(r.store_id), status: r.status as OutboxStatus, count: Number(r.n) }));
}

/**
 * Retires pending rows that a newer row of the same store makes pointless (an absolute figure replaced by a newer one
 * before it left). Only rows still `pending` are touched: an in-flight row may already be on its way and finishes
 * normally, with the newer row after it in seq order. A retired row becomes `done` without `sent_at`, with the reason
 * in `last_error`: nothing is deleted, and a worker that read the row before this cannot claim it any more.
 */
export async function supersedePendingOutboxRows(db: Queryable, seqs: readonly number[], supersededBySeq: number): Promise<number> {
  if (seqs.length === 0) return 0;
  const n = await db('outbox')
    .whereIn('seq', [...seqs])
    .andWhere({ status: 'pending' })
    .update({ status: 'done', sent_at: null, last_error: clip(`superseded: replaced by outbox row ${supersededBySeq} before it was sent`) });
  return Number(n);
}
