import type { z } from 'zod';
import type { AmazonApi } from '../../../spapi/amazon-api';
import { confirmShipmentOutbox } from './confirm-shipment.outbox';
import { fbmQuantityOutbox } from './fbm-quantity.outbox';

export interface OutboxSendContext {
  /**
   * An earlier attempt may have reached Amazon: the row was found in flight (the app stopped mid-send), or it was
   * attempted before and failed. The worker does not try to tell which failures prove Amazon never applied the write
   * (a timeout or reset after the request left proves nothing); the handler must find out before sending again.
   */
  maybeSent: boolean;
  /** 1 on the first attempt; counts across restarts. */
  attempt: number;
}

export type OutboxSendResult =
  | { status: 'sent' }
  /** Amazon already has this write (found while checking a maybe-sent row): done, nothing sent. */
  | { status: 'already-applied' }
  /** Amazon's current state makes this write wrong rather than merely failed: it goes dead with this reason. */
  | { status: 'refused'; code: string; reason: string };

/**
 * One kind of write to Amazon. `schema` is checked when the row is queued (a bad payload rolls the caller's transaction
 * back) and again when it is read (a row corrupted in the DB goes dead as `invalid-payload`). `send` throws SpApiError
 * for failures: retryable kinds are tried again later, the others dead-letter the row.
 */
export interface OutboxHandler<S extends z.ZodType = z.ZodType> {
  readonly kind: string;
  readonly schema: S;
  send(api: AmazonApi, payload: z.output<S>, ctx: OutboxSendContext): Promise<OutboxSendResult>;
}

export const outboxHandlers = {
  'confirm-shipment': confirmShipmentOutbox,
  'fbm-quantity': fbmQuantityOutbox,
} as const satisfies Record<string, OutboxHandler>;

export type OutboxKind = keyof typeof outboxHandlers;
export type OutboxPayload<K extends OutboxKind> = z.input<(typeof outboxHandlers)[K]['schema']>;

/** Looks a kind up as read from the DB, where any string may be found (a row written by a newer app version). */
export function handlerFor(kind: string): OutboxHandler | undefined {
  return Object.hasOwn(outboxHandlers, kind) ? (outboxHandlers as Record<string, OutboxHandler>)[kind] : undefined;
}
