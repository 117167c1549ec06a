import type { Knex } from 'knex';
import { reservingStates } from '../../../shared/domain/fulfillment';
import {
  fixesForCause,
  orderReconFixInputSchema,
  type OrderReconCause,
  type OrderReconFix,
  type OrderReconFixInput,
  type OrderReconFixResult,
  type OrderReconList,
  type OrderReconRow,
} from '../../../shared/domain/reconciliation-orders';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { openExceptionsOf, resolveExceptions } from '../../db/repositories/fulfillment.repo';
import { confirmShipmentIdempotencyKey } from '../../sync/outbox/handlers/confirm-shipment.outbox';
import { enqueue } from '../../sync/outbox/outbox';
import { reviveDeadOutboxRow } from '../../sync/outbox/outbox.repo';
import type { AuditFn } from '../audit.service';
import type { ReturnsService } from '../fulfillment/returns.service';
import { transition } from '../fulfillment/workflow';
import type { InventoryService } from '../inventory/inventory.service';
import { parseInput } from '../validate';
import { cancelledAfterShipping, deadConfirmations, storeIds, unqueuedShipments, workflowBehindAmazon, type DisagreementRow } from './order-recon.queries';

/** The list stops here; `total` still counts every disagreement. A seller with more has a bigger problem than a list. */
export const ORDER_RECON_LIMIT = 1000;
const NOTE_AMAZON_CANCELLED = 'reconciliation: cancelled on Amazon after it shipped';

export interface OrderReconDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  inventory: Pick<InventoryService, 'shipOrder' | 'releaseOrder'>;
  returns: Pick<ReturnsService, 'create'>;
  /** After a fix queued or revived a confirmation: start an outbox pass rather than wait for the next tick. */
  onQueued: () => void;
}

interface Found extends DisagreementRow {
  cause: OrderReconCause;
  deadReasonCode: string | null;
  deadSeqs: number[];
  shipmentIds: number[];
}

/**
 * Order reconciliation (订单对账): FBM orders whose Amazon status and our workflow disagree, one row per order with the
 * most serious cause, and the fix for each. Every fix re-reads the order's row inside its transaction, so a fix offered
 * on a stale screen that no longer applies is refused and changes nothing.
 */
export function createOrderRecon(deps: OrderReconDeps) {
  const now = () => deps.clock.now().toISOString();

  async function find(db: Queryable, orderId?: string): Promise<Map<string, Found>> {
    const found = new Map<string, Found>();
    const add = (cause: OrderReconCause, r: DisagreementRow, extra: Partial<Pick<Found, 'deadReasonCode' | 'deadSeqs' | 'shipmentIds'>> = {}) => {
      const seen = found.get(r.orderId);
      if (seen && seen.cause !== cause) return;
      if (seen) {
        seen.deadSeqs.push(...(extra.deadSeqs ?? []));
        seen.shipmentIds.push(...(extra.shipmentIds ?? []));
        if (r.since < seen.since) seen.since = r.since;
        return;
      }
      found.set(r.orderId, { ...r, cause, deadReasonCode: extra.deadReasonCode ?? null, deadSeqs: [...(extra.deadSeqs ?? [])], shipmentIds: [...(extra.shipmentIds ?? [])] });
    };
    // Most serious first: an order matching several causes keeps the first (see orderReconCauses).
    for (const r of await cancelledAfterShipping(db, await storeIds(db), orderId)) add('cancelled-after-shipping', r);
    for (const r of await workflowBehindAmazon(db, orderId)) add(r.amazonStatus === 'CANCELLED' ? 'cancelled-on-amazon-open-here' : 'shipped-on-amazon-open-here', r);
    for (const r of await deadConfirmations(db, orderId)) add('confirmation-dead-lettered', r, { deadReasonCode: r.deadReasonCode, deadSeqs: [r.seq] });
    for (const r of await unqueuedShipments(db, orderId)) add('confirmation-not-queued', r, { shipmentIds: [r.shipmentId] });
    return found;
  }

  async function list(): Promise<OrderReconList> {
    const found = [...(await find(deps.db)).values()].sort((a, b) => a.since.localeCompare(b.since) || a.orderId.localeCompare(b.orderId));
    const names = new Map((await deps.db('stores').select<{ id: number; name: string }[]>('id', 'name')).map((s) => [Number(s.id), s.name]));
    const rows: OrderReconRow[] = found.slice(0, ORDER_RECON_LIMIT).map((f) => ({
      orderId: f.orderId,
      storeId: f.storeId,
      storeName: names.get(f.storeId) ?? '',
      marketplaceId: f.marketplaceId,
      amazonStatus: f.amazonStatus,
      ourState: f.ourState,
      since: f.since,
      cause: f.cause,
      fixes: [...fixesForCause[f.cause]],
      deadReasonCode: f.deadReasonCode,
    }));
    return { rows, total: found.length };
  }

  /** The order's current disagreement, or a conflict when it has none or it does not offer this fix. */
  async function offered(db: Queryable, orderId: string, fix: OrderReconFix): Promise<Found> {
    const row = (await find(db, orderId)).get(orderId);
    if (!row) throw new AppError('conflict', { reason: 'recon-nothing-to-fix', orderId });
    if (!fixesForCause[row.cause].includes(fix)) throw new AppError('conflict', { reason: 'recon-fix-not-offered', fix, cause: row.cause });
    return row;
  }

  async function record(trx: Queryable, row: Found, fix: OrderReconFix, note: string | undefined, detail: Record<string, unknown>) {
    await deps.audit(trx, { action: 'recon.fix-order', entity: 'order', entityId: row.orderId, detail: { cause: row.cause, fix, amazonStatus: row.amazonStatus, ourState: row.ourState, ...detail, ...(note ? { note } : {}) } });
  }

  async function retryConfirmation(trx: Knex.Transaction, row: Found, note: string | undefined): Promise<number[]> {
    const at = now();
    for (const seq of row.deadSeqs) {
      if (!(await reviveDeadOutboxRow(trx, seq, at))) throw new AppError('conflict', { reason: 'recon-outbox-changed', seq });
    }
    await record(trx, row, 'retry-confirmation', note, { outboxSeqs: row.deadSeqs });
    return row.deadSeqs;
  }

  /** The confirmation the shipping service would have queued, rebuilt from what the local shipment recorded. */
  async function requeueConfirmation(trx: Knex.Transaction, row: Found, note: string | undefined): Promise<number[]> {
    const seqs: number[] = [];
    for (const id of row.shipmentIds) {
      const s = await trx('local_shipments').where({ id }).first<{ id: number; package_reference_id: string; carrier_code: string; carrier_name: string | null; tracking_number: string; ship_date: string; items_json: string }>();
      const payload = {
        orderId: row.orderId,
        marketplaceId: row.marketplaceId,
        packageDetail: {
          packageReferenceId: s.package_reference_id,
          carrierCode: s.carrier_code,
          ...(s.carrier_name ? { carrierName: s.carrier_name } : {}),
          trackingNumber: s.tracking_number,
          shipDate: s.ship_date,
          orderItems: JSON.parse(s.items_json) as { orderItemId: string; quantity: number }[],
        },
      };
      const { seq } = await enqueue(trx, { storeId: row.storeId, kind: 'confirm-shipment', payload, idempotencyKey: confirmShipmentIdempotencyKey(payload) }, deps.clock);
      await trx('local_shipments').where({ id }).update({ outbox_seq: seq });
      seqs.push(seq);
    }
    await record(trx, row, 'requeue-confirmation', note, { outboxSeqs: seqs });
    return seqs;
  }

  /** Amazon's word closes the workflow the way the sync's hook would have: shipped (reserved units leave) or cancelled. */
  async function acceptAmazon(trx: Knex.Transaction, row: Found, note: string | undefined): Promise<void> {
    const at = now();
    const state = row.ourState;
    if (state === null) throw new AppError('conflict', { reason: 'recon-no-workflow', orderId: row.orderId });
    const shipped = row.amazonStatus === 'SHIPPED';
    if (shipped && reservingStates.includes(state)) await deps.inventory.shipOrder(trx, row.orderId);
    const to = shipped ? 'shipped' : 'cancelled';
    const reason = shipped ? 'shipped-on-amazon' : 'cancelled-on-amazon';
    await transition(trx, row.orderId, to, { actor: deps.actor, now: at, note: `reconciliation: ${reason}`, inventory: deps.inventory, reportedByAmazon: shipped });
    const open = await openExceptionsOf(trx, row.orderId);
    await resolveExceptions(trx, open.map((e) => e.id), { resolution: shipped ? 'cleared' : 'cancelled', by: deps.actor, at, note: reason });
    await record(trx, row, 'accept-amazon', note, { to });
  }

  /** Units that left here per order line: Amazon's count, or ours when Amazon never heard of the shipment. */
  async function shippedLines(db: Queryable, orderId: string): Promise<{ orderItemId: string; quantity: number }[]> {
    const local = new Map<string, number>();
    for (const json of await db('local_shipments').where({ order_id: orderId }).pluck<string[]>('items_json'))
      for (const i of JSON.parse(json) as { orderItemId: string; quantity: number }[]) local.set(i.orderItemId, (local.get(i.orderItemId) ?? 0) + i.quantity);
    const items = await db('order_items').where({ order_id: orderId }).orderBy('order_item_id').select<{ order_item_id: string; quantity_shipped: number }[]>('order_item_id', 'quantity_shipped');
    return items.map((i) => ({ orderItemId: i.order_item_id, quantity: Math.max(Number(i.quantity_shipped), local.get(i.order_item_id) ?? 0) })).filter((l) => l.quantity > 0);
  }

  /**
   * Applies one fix. retry/requeue/accept commit with their `recon.fix-order` audit row in one transaction. open-return
   * goes through the returns service, whose own transaction writes the return and its `return.create` audit row (with
   * the reconciliation note), since a return is opened in exactly one place.
   */
  async function fix(input: OrderReconFixInput): Promise<OrderReconFixResult> {
    const { orderId, fix: which, note } = parseInput(orderReconFixInputSchema, input);
    if (which === 'open-return') {
      await offered(deps.db, orderId, which);
      const lines = await shippedLines(deps.db, orderId);
      if (lines.length === 0) throw new AppError('conflict', { reason: 'recon-nothing-shipped', orderId });
      const created = await deps.returns.create({ orderId, reasonCode: 'other', sourceKind: 'order', sourceCode: orderId, note: note ? `${NOTE_AMAZON_CANCELLED} · ${note}` : NOTE_AMAZON_CANCELLED, lines });
      return { orderId, fix: which, outboxSeqs: [], rmaNumber: created.rmaNumber };
    }
    const outboxSeqs = await deps.db.transaction(async (trx) => {
      const row = await offered(trx, orderId, which);
      if (which === 'retry-confirmation') return retryConfirmation(trx, row, note);
      if (which === 'requeue-confirmation') return requeueConfirmation(trx, row, note);
      await acceptAmazon(trx, row, note);
      return [];
    });
    if (outboxSeqs.length > 0) deps.onQueued();
    return { orderId, fix: which, outboxSeqs, rmaNumber: null };
  }

  return { list, fix };
}

export type OrderReconService = ReturnType<typeof createOrderRecon>;
