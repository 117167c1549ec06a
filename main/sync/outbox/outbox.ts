import { AppError } from '../../../shared/ipc/errors';
import { systemClock, type Clock } from '../../clock';
import type { Queryable } from '../../db/connection';
import { handlerFor, type OutboxKind, type OutboxPayload } from './handlers';
import { insertOutboxRow } from './outbox.repo';

/**
 * A write to Amazon that could never be sent as given. Thrown by `enqueue` before anything is written, so the caller's
 * transaction rolls back with the domain change that asked for it; dispatch shows it as `invalid-input`.
 */
export class OutboxPayloadError extends AppError {
  readonly kind: string;
  /** Dotted paths of the offending fields (`packageDetail.trackingNumber`), or `kind` / `idempotencyKey`. */
  readonly fields: string[];

  constructor(kind: string, fields: string[], detail: string) {
    super('invalid-input', { outboxKind: kind, fields });
    this.name = 'OutboxPayloadError';
    this.message = `outbox ${kind}: ${detail}`;
    this.kind = kind;
    this.fields = fields;
  }
}

export interface OutboxEntry<K extends OutboxKind = OutboxKind> {
  storeId: number;
  kind: K;
  payload: OutboxPayload<K>;
  /** Same key, same write: a second enqueue returns the first row. See each handler for its key convention. */
  idempotencyKey: string;
}

export interface EnqueueResult {
  seq: number;
  /** False when a row with this idempotency key already existed; nothing was written. */
  created: boolean;
}

/**
 * Queues a write to Amazon. Pass the transaction that makes the domain change, so both commit or neither does; the
 * worker picks the row up only after that commit.
 */
export async function enqueue<K extends OutboxKind>(trx: Queryable, entry: OutboxEntry<K>, clock: Clock = systemClock): Promise<EnqueueResult> {
  const handler = handlerFor(entry.kind);
  if (!handler) throw new OutboxPayloadError(String(entry.kind), ['kind'], 'no handler for this kind');
  if (typeof entry.idempotencyKey !== 'string' || entry.idempotencyKey.length === 0 || entry.idempotencyKey.length > 200) {
    throw new OutboxPayloadError(entry.kind, ['idempotencyKey'], 'idempotency key must be 1 to 200 characters');
  }
  const parsed = handler.schema.safeParse(entry.payload);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
    throw new OutboxPayloadError(entry.kind, fields, `invalid payload at ${fields.join(', ')}`);
  }
  return insertOutboxRow(trx, {
    storeId: entry.storeId,
    kind: entry.kind,
    payloadJson: JSON.stringify(parsed.data),
    idempotencyKey: entry.idempotencyKey,
    createdAt: clock.now().toISOString(),
  });
}
