import type { Knex } from 'knex';
import { outstandingForRef, selectLevels } from '../../db/repositories/stock.repo';
import { ensureFbaWarehouse } from '../../db/repositories/warehouses.repo';
import { recordMovements, type LedgerContext, type MovementInput } from '../inventory/ledger';
import { PLAN_REF_TYPE } from './draft';
import { patchShipment, patchShipmentItem, type PlanRow, type ShipmentItemRow, type ShipmentRow } from './plans.repo';

/**
 * The inbound plan's stock movements. Units reserved at the source when the plan was made leave it when Amazon's
 * shipments are final (transportation confirmed) and show as in transit at the store's FBA warehouse; Amazon's
 * receiving figures move them to FBA on hand; a closed shipment's shortfall is cleared from in transit. These are the
 * same figures the FBA mirror reads from Amazon (inbound shipped + receiving = in transit, received = on hand), so the
 * mirror's next correction finds nothing to change.
 */
export const SHIPMENT_REF_TYPE = 'fba-shipment';

async function fbaWarehouseOf(trx: Knex.Transaction, plan: PlanRow, now: string): Promise<number> {
  const store = await trx('stores').where({ id: plan.store_id }).first<{ name: string; region: string }>('name', 'region');
  // Named as the FBA mirror names it: whichever creates the warehouse first, it is the same place.
  return ensureFbaWarehouse(trx, { storeId: plan.store_id, region: store.region, name: `FBA ${store.region.toUpperCase()} · ${store.name}`, now });
}

/** Gives back what the plan still holds at the source (a cancelled plan, or units Amazon's shipments left out). */
export async function releasePlanReservation(trx: Knex.Transaction, plan: PlanRow, ctx: LedgerContext): Promise<number[]> {
  const held = (await outstandingForRef(trx, PLAN_REF_TYPE, String(plan.id))).filter((h) => h.reserved > 0);
  await recordMovements(trx, held.map((h) => ({ productId: h.productId, warehouseId: h.warehouseId, kind: 'release' as const, reserved: -h.reserved, refType: PLAN_REF_TYPE, refId: String(plan.id) })), ctx);
  return held.map((h) => h.productId);
}

/**
 * Shipments are final: the plan's reservation is released and each shipment's units leave the source (transfer-out)
 * and appear in transit at the FBA warehouse, referenced by Amazon's shipment id. Runs once per shipment.
 */
export async function postShipmentsDeparted(trx: Knex.Transaction, plan: PlanRow, shipments: readonly ShipmentRow[], items: readonly ShipmentItemRow[], ctx: LedgerContext): Promise<number[]> {
  const pending = shipments.filter((s) => s.ledger_posted_at === null);
  const touched = await releasePlanReservation(trx, plan, ctx);
  if (pending.length === 0) return touched;
  const fbaWarehouseId = await fbaWarehouseOf(trx, plan, ctx.now);
  const movements: MovementInput[] = [];
  for (const s of pending) {
    for (const i of items.filter((x) => x.shipment_id === s.id && x.product_id !== null && x.quantity_shipped > 0)) {
      const ref = { refType: SHIPMENT_REF_TYPE, refId: s.amazon_shipment_id, note: `${s.confirmation_id ?? s.amazon_shipment_id} → ${s.destination_fc ?? 'FBA'}` };
      movements.push({ productId: i.product_id as number, warehouseId: plan.source_warehouse_id, kind: 'transfer-out', onHand: -i.quantity_shipped, ...ref });
      movements.push({ productId: i.product_id as number, warehouseId: fbaWarehouseId, kind: 'in-transit', inTransit: i.quantity_shipped, ...ref });
    }
  }
  await recordMovements(trx, movements, ctx);
  for (const s of pending) await patchShipment(trx, s.id, { ledger_posted_at: ctx.now });
  return [...new Set([...touched, ...movements.map((m) => m.productId)])];
}

/**
 * Amazon's receiving figures for one shipment: each newly received unit moves in transit → FBA on hand (units beyond
 * what was shipped are an overage and arrive on hand only). When Amazon closed the shipment, the units it never
 * received are cleared from in transit and the difference is kept on the item for reconciliation.
 *
 * The FBA mirror may have read the same receipt from Amazon's inventory first and moved in transit itself; in transit
 * is then cleared only as far as it is left, and the mirror's next run settles on hand to Amazon's figure.
 */
export async function postReceipts(
  trx: Knex.Transaction,
  plan: PlanRow,
  shipment: ShipmentRow,
  items: readonly ShipmentItemRow[],
  received: ReadonlyMap<string, number>,
  closed: boolean,
  ctx: LedgerContext,
): Promise<number[]> {
  if (shipment.ledger_posted_at === null) return [];
  const fbaWarehouseId = await fbaWarehouseOf(trx, plan, ctx.now);
  const productIds = items.map((i) => i.product_id).filter((p): p is number => p !== null);
  const inTransit = new Map((await selectLevels(trx, { productIds, warehouseId: fbaWarehouseId })).map((l) => [l.productId, l.inTransit]));
  const ref = { refType: SHIPMENT_REF_TYPE, refId: shipment.amazon_shipment_id };
  const movements: MovementInput[] = [];
  for (const item of items) {
    const total = Math.max(0, received.get(item.msku) ?? item.quantity_received);
    const cleared = (n: number) => Math.min(n, item.quantity_shipped);
    const onHand = total - item.quantity_posted;
    let transit = cleared(total) - cleared(item.quantity_posted);
    const left = item.product_id !== null ? (inTransit.get(item.product_id) ?? 0) : 0;
    if (transit > left) transit = Math.max(0, left);
    if (item.product_id !== null && (onHand !== 0 || transit !== 0)) {
      movements.push({ productId: item.product_id, warehouseId: fbaWarehouseId, kind: 'transfer-in', onHand, inTransit: -transit, reason: onHand > transit ? 'inbound-overage' : 'inbound-received', ...ref });
      inTransit.set(item.product_id, left - transit);
    }
    let discrepancy: number | null = null;
    if (closed) {
      discrepancy = total - item.quantity_shipped;
      const shortfall = Math.min(item.quantity_shipped - cleared(total), item.product_id !== null ? (inTransit.get(item.product_id) ?? 0) : 0);
      if (item.product_id !== null && shortfall > 0) {
        movements.push({
          productId: item.product_id,
          warehouseId: fbaWarehouseId,
          kind: 'adjust',
          inTransit: -shortfall,
          reason: 'inbound-shortage',
          note: `${shipment.confirmation_id ?? shipment.amazon_shipment_id}: shipped ${item.quantity_shipped}, Amazon received ${total} at closing`,
          ...ref,
        });
      }
    }
    await patchShipmentItem(trx, shipment.id, item.msku, { quantity_received: total, quantity_posted: total, ...(closed ? { discrepancy } : {}) });
  }
  await recordMovements(trx, movements, ctx);
  return [...new Set(movements.map((m) => m.productId))];
}
