import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { AppError } from '../../shared/ipc/errors';
import type { Clock } from '../clock';
import { enqueue } from '../sync/outbox/outbox';
import { confirmShipmentIdempotencyKey } from '../sync/outbox/handlers/confirm-shipment.outbox';
import type { AuditFn } from './audit.service';

export interface ConfirmShipmentInput {
  orderId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  /** Defaults to now. */
  shipDate?: string;
  /** Defaults to every unshipped unit of the order. */
  items?: { orderItemId: string; quantity: number }[];
  /** The packing station's record of the parcel. */
  weightG?: number;
  warehouseId?: number;
  /** Which package of a split shipment this is (`order_allocations.package_no`), when the packing station ships it. */
  packageNo?: number;
}

const OPEN = ['UNSHIPPED', 'PARTIALLY_SHIPPED'];

/**
 * A clerk confirms an FBM shipment. The local record and the outbox row that will tell Amazon commit together, so the
 * confirmation exists at once (offline too) and reaches Amazon exactly once when the network allows.
 */
export function createShipmentsService(deps: { db: Db; clock: Clock; audit: AuditFn; actor: string; onQueued: () => void }) {
  /** The confirmation inside the caller's transaction (the packing station ships, moves stock and confirms at once). */
  async function confirmIn(trx: Knex.Transaction, input: ConfirmShipmentInput): Promise<{ packageReferenceId: string; outboxSeq: number }> {
    const order = await trx('orders').where({ id: input.orderId }).first<{ id: string; store_id: number; marketplace_id: string; status: string; fulfilled_by: string | null } | undefined>();
    if (!order) throw new AppError('not-found', { entity: 'order', id: input.orderId });
    if (order.fulfilled_by !== 'MERCHANT') throw new AppError('invalid-input', { field: 'orderId', reason: 'fulfilled-by-amazon' });
    if (!OPEN.includes(order.status)) throw new AppError('conflict', { field: 'status', status: order.status });

    const items = await trx('order_items').where({ order_id: order.id }).select<{ order_item_id: string; quantity_ordered: number; quantity_shipped: number; quantity_cancelled: number }[]>('order_item_id', 'quantity_ordered', 'quantity_shipped', 'quantity_cancelled');
    const localRows = await trx('local_shipments').where({ order_id: order.id }).select<{ package_reference_id: string; items_json: string }[]>('package_reference_id', 'items_json');
    const shippedLocally = new Map<string, number>();
    for (const r of localRows) for (const i of JSON.parse(r.items_json) as { orderItemId: string; quantity: number }[]) shippedLocally.set(i.orderItemId, (shippedLocally.get(i.orderItemId) ?? 0) + i.quantity);
    // Units Amazon cancelled on a line still in the order are not to be shipped.
    const remaining = new Map(items.map((i) => [i.order_item_id, i.quantity_ordered - i.quantity_cancelled - Math.max(i.quantity_shipped, shippedLocally.get(i.order_item_id) ?? 0)]));
    const lines = input.items ?? [...remaining].filter(([, q]) => q > 0).map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
    if (lines.length === 0) throw new AppError('conflict', { field: 'items', reason: 'nothing-left-to-ship' });
    for (const l of lines) {
      const left = remaining.get(l.orderItemId);
      if (left === undefined) throw new AppError('not-found', { entity: 'order-item', id: l.orderItemId });
      if (l.quantity < 1 || l.quantity > left) throw new AppError('invalid-input', { field: 'items', reason: 'quantity', id: l.orderItemId });
    }

    // Amazon wants a small positive number, unique per order: one more than any package known here or at Amazon.
    const amazonRefs = await trx('order_packages').where({ order_id: order.id }).pluck<string[]>('package_reference_id');
    const used = [...amazonRefs, ...localRows.map((r) => r.package_reference_id)].map(Number).filter(Number.isFinite);
    const packageReferenceId = String(Math.max(0, ...used) + 1);
    const now = deps.clock.now().toISOString();
    const payload = {
      orderId: order.id,
      marketplaceId: order.marketplace_id,
      packageDetail: {
        packageReferenceId,
        carrierCode: input.carrierCode,
        ...(input.carrierName ? { carrierName: input.carrierName } : {}),
        ...(input.shippingMethod ? { shippingMethod: input.shippingMethod } : {}),
        trackingNumber: input.trackingNumber,
        shipDate: input.shipDate ?? now,
        orderItems: lines,
      },
    };
    const { seq } = await enqueue(trx, { storeId: order.store_id, kind: 'confirm-shipment', payload, idempotencyKey: confirmShipmentIdempotencyKey(payload) }, deps.clock);
    await trx('local_shipments').insert({
      order_id: order.id,
      store_id: order.store_id,
      package_reference_id: packageReferenceId,
      carrier_code: input.carrierCode,
      carrier_name: input.carrierName ?? null,
      tracking_number: input.trackingNumber,
      ship_date: payload.packageDetail.shipDate,
      items_json: JSON.stringify(lines),
      outbox_seq: seq,
      created_at: now,
      created_by: deps.actor,
      weight_g: input.weightG ?? null,
      warehouse_id: input.warehouseId ?? null,
      package_no: input.packageNo ?? null,
    });
    await deps.audit(trx, { action: 'order.confirm-shipment', entity: 'order', entityId: order.id, detail: { packageReferenceId, carrierCode: input.carrierCode, trackingNumber: input.trackingNumber, outboxSeq: seq } });
    return { packageReferenceId, outboxSeq: seq };
  }

  async function confirm(input: ConfirmShipmentInput): Promise<{ packageReferenceId: string; outboxSeq: number }> {
    const result = await deps.db.transaction((trx) => confirmIn(trx, input));
    deps.onQueued();
    return result;
  }

  return { confirm, confirmIn };
}

export type ShipmentsService = ReturnType<typeof createShipmentsService>;
