import type { OperationProblem, Owner, PlanStatus, PlanStep, SourceAddress } from '../../../shared/domain/fba-inbound';
import type { Queryable } from '../../db/connection';

/** SQL of the inbound plan aggregate (plan, items, options, boxes, shipments). */

export interface PlanRow {
  id: number;
  store_id: number;
  marketplace_id: string;
  source_warehouse_id: number;
  name: string;
  source_address_json: string;
  amazon_plan_id: string | null;
  step: PlanStep;
  status: PlanStatus;
  op_id: string | null;
  op_kind: string | null;
  op_started_at: string | null;
  op_shipment_id: number | null;
  problems_json: string | null;
  packing_option_id: string | null;
  placement_option_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlanItemRow {
  id: number;
  plan_id: number;
  product_id: number;
  msku: string;
  fnsku: string;
  quantity: number;
  prep_owner: Owner;
  label_owner: Owner;
}

export interface BoxRow {
  id: number;
  plan_id: number;
  box_number: number;
  packing_group_id: string | null;
  status: 'open' | 'closed';
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  weight_g: number | null;
  marks_json: string;
  opened_at: string;
  closed_at: string | null;
}

export interface BoxItemRow {
  box_id: number;
  plan_item_id: number;
  quantity: number;
}

export interface ShipmentRow {
  id: number;
  plan_id: number;
  amazon_shipment_id: string;
  confirmation_id: string | null;
  name: string | null;
  destination_fc: string | null;
  destination_address_json: string | null;
  status: string | null;
  transport_option_id: string | null;
  tracking_json: string | null;
  ledger_posted_at: string | null;
  receipts_polled_at: string | null;
  closed_at: string | null;
  label_pdf_path: string | null;
  label_fetched_at: string | null;
  boxes_read_at: string | null;
  windows_generated_at: string | null;
  window_chosen_id: string | null;
  window_confirmed_id: string | null;
  window_start: string | null;
  window_end: string | null;
  tracking_mode: 'spd' | 'ltl' | null;
  tracking_carrier: string | null;
  freight_bill_number: string | null;
  bill_of_lading: string | null;
  tracking_state: 'pending' | 'in-flight' | 'done' | 'failed' | null;
  tracking_op_id: string | null;
  tracking_problems_json: string | null;
  tracking_sent_at: string | null;
}

/** Which packed box travels in which shipment, under Amazon's box id, with the tracking number sent for it. */
export interface ShipmentBoxRow {
  shipment_id: number;
  box_index: number;
  box_id: number;
  amazon_box_id: string;
  package_id: string | null;
  tracking_id: string | null;
  tracking_status: string | null;
}

export interface DeliveryWindowRow {
  shipment_id: number;
  option_id: string;
  availability_type: string;
  start_date: string;
  end_date: string;
  valid_until: string;
}

export interface ShipmentItemRow {
  shipment_id: number;
  msku: string;
  fnsku: string | null;
  product_id: number | null;
  quantity_shipped: number;
  quantity_received: number;
  quantity_posted: number;
  discrepancy: number | null;
}

export interface TransportOptionRow {
  shipment_id: number;
  option_id: string;
  carrier: string | null;
  shipping_mode: string;
  shipping_solution: string;
  preconditions_json: string;
  quote_minor: number | null;
  currency: string | null;
  expiration: string | null;
}

export interface OptionRow {
  plan_id: number;
  option_id: string;
  fee_minor: number | null;
  discount_minor: number | null;
  currency: string | null;
  expiration: string | null;
  status: string;
}
export interface PackingOptionRow extends OptionRow {
  packing_groups_json: string;
}
export interface PlacementOptionRow extends OptionRow {
  shipment_ids_json: string;
  shipment_count: number;
}

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number));

export async function insertPlan(
  db: Queryable,
  p: { storeId: number; marketplaceId: string; sourceWarehouseId: number; name: string; sourceAddress: SourceAddress; createdBy: string; now: string },
): Promise<number> {
  const [row] = await db('fba_inbound_plans').insert(
    {
      store_id: p.storeId,
      marketplace_id: p.marketplaceId,
      source_warehouse_id: p.sourceWarehouseId,
      name: p.name,
      source_address_json: JSON.stringify(p.sourceAddress),
      step: 'create',
      status: 'ready',
      created_by: p.createdBy,
      created_at: p.now,
      updated_at: p.now,
    },
    ['id'],
  );
  return insertedId(row);
}

export async function insertPlanItems(db: Queryable, planId: number, items: { productId: number; msku: string; fnsku: string; quantity: number; prepOwner: Owner; labelOwner: Owner }[]): Promise<void> {
  if (items.length === 0) return;
  await db('fba_inbound_plan_items').insert(items.map((i) => ({ plan_id: planId, product_id: i.productId, msku: i.msku, fnsku: i.fnsku, quantity: i.quantity, prep_owner: i.prepOwner, label_owner: i.labelOwner })));
}

export const getPlan = (db: Queryable, id: number): Promise<PlanRow | undefined> => db<PlanRow>('fba_inbound_plans').where({ id }).first();

export async function listPlans(db: Queryable, filter: { storeId?: number; includeDone?: boolean; statuses?: PlanStatus[] }): Promise<PlanRow[]> {
  const q = db<PlanRow>('fba_inbound_plans').orderBy('id', 'desc');
  if (filter.storeId !== undefined) q.where({ store_id: filter.storeId });
  if (!filter.includeDone) q.whereNot({ status: 'done' });
  if (filter.statuses) q.whereIn('status', filter.statuses);
  return q;
}

/** The last address a plan from this warehouse shipped from, so the next plan need not ask again. */
export async function lastSourceAddress(db: Queryable, warehouseId: number): Promise<SourceAddress | null> {
  const row = await db('fba_inbound_plans').where({ source_warehouse_id: warehouseId }).orderBy('id', 'desc').first<{ source_address_json: string } | undefined>('source_address_json');
  return row ? (JSON.parse(row.source_address_json) as SourceAddress) : null;
}

export interface PlanPatch {
  step?: PlanStep;
  status?: PlanStatus;
  amazonPlanId?: string;
  op?: { id: string; kind: string; startedAt: string; shipmentId?: number | null } | null;
  problems?: OperationProblem[] | null;
  packingOptionId?: string | null;
  placementOptionId?: string | null;
}

/**
 * Writes a state change when the plan is still at `expect` (its version): two drivers (a scheduled run and a user's
 * retry) can never both move the same step. Returns false when someone else moved it first.
 */
export async function updatePlan(db: Queryable, id: number, expectVersion: number, patch: PlanPatch, now: string): Promise<boolean> {
  const row: Record<string, unknown> = { updated_at: now, version: expectVersion + 1 };
  if (patch.step !== undefined) row.step = patch.step;
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.amazonPlanId !== undefined) row.amazon_plan_id = patch.amazonPlanId;
  if (patch.op !== undefined) {
    row.op_id = patch.op?.id ?? null;
    row.op_kind = patch.op?.kind ?? null;
    row.op_started_at = patch.op?.startedAt ?? null;
    row.op_shipment_id = patch.op?.shipmentId ?? null;
  }
  if (patch.problems !== undefined) row.problems_json = patch.problems && patch.problems.length > 0 ? JSON.stringify(patch.problems) : null;
  if (patch.packingOptionId !== undefined) row.packing_option_id = patch.packingOptionId;
  if (patch.placementOptionId !== undefined) row.placement_option_id = patch.placementOptionId;
  const n = await db('fba_inbound_plans').where({ id, version: expectVersion }).update(row);
  return n === 1;
}

export const planItems = (db: Queryable, planId: number): Promise<PlanItemRow[]> => db<PlanItemRow>('fba_inbound_plan_items').where({ plan_id: planId }).orderBy('id');

/* ------------------------------------------------------------------ options */

export async function replacePackingOptions(db: Queryable, planId: number, rows: Omit<PackingOptionRow, 'plan_id'>[]): Promise<void> {
  await db('fba_inbound_packing_options').where({ plan_id: planId }).delete();
  if (rows.length > 0) await db('fba_inbound_packing_options').insert(rows.map((r) => ({ ...r, plan_id: planId })));
}
export const packingOptions = (db: Queryable, planId: number): Promise<PackingOptionRow[]> => db<PackingOptionRow>('fba_inbound_packing_options').where({ plan_id: planId }).orderBy('option_id');

export async function replacePackingGroupItems(db: Queryable, planId: number, rows: { packingGroupId: string; msku: string; fnsku: string; quantity: number }[]): Promise<void> {
  await db('fba_inbound_packing_group_items').where({ plan_id: planId }).delete();
  if (rows.length > 0) await db('fba_inbound_packing_group_items').insert(rows.map((r) => ({ plan_id: planId, packing_group_id: r.packingGroupId, msku: r.msku, fnsku: r.fnsku, quantity: r.quantity })));
}
export const packingGroupItems = (db: Queryable, planId: number) =>
  db('fba_inbound_packing_group_items').where({ plan_id: planId }).orderBy(['packing_group_id', 'msku']).select<{ packing_group_id: string; msku: string; fnsku: string; quantity: number }[]>('packing_group_id', 'msku', 'fnsku', 'quantity');

export async function replacePlacementOptions(db: Queryable, planId: number, rows: Omit<PlacementOptionRow, 'plan_id'>[]): Promise<void> {
  await db('fba_inbound_placement_options').where({ plan_id: planId }).delete();
  if (rows.length > 0) await db('fba_inbound_placement_options').insert(rows.map((r) => ({ ...r, plan_id: planId })));
}
export const placementOptions = (db: Queryable, planId: number): Promise<PlacementOptionRow[]> =>
  db<PlacementOptionRow>('fba_inbound_placement_options').where({ plan_id: planId }).orderBy('option_id');

/* ------------------------------------------------------------------ boxes */

export const boxes = (db: Queryable, planId: number): Promise<BoxRow[]> => db<BoxRow>('fba_inbound_boxes').where({ plan_id: planId }).orderBy('box_number');
export const getBox = (db: Queryable, planId: number, boxId: number): Promise<BoxRow | undefined> => db<BoxRow>('fba_inbound_boxes').where({ id: boxId, plan_id: planId }).first();

export async function insertBox(db: Queryable, planId: number, now: string): Promise<number> {
  const last = await db('fba_inbound_boxes').where({ plan_id: planId }).max<{ n: number | null }>('box_number as n').first();
  const [row] = await db('fba_inbound_boxes').insert({ plan_id: planId, box_number: Number(last?.n ?? 0) + 1, status: 'open', opened_at: now, marks_json: '[]' }, ['id']);
  return insertedId(row);
}

export const boxItems = (db: Queryable, planId: number): Promise<BoxItemRow[]> =>
  db('fba_inbound_box_items as bi').join('fba_inbound_boxes as b', 'b.id', 'bi.box_id').where('b.plan_id', planId).select<BoxItemRow[]>('bi.box_id', 'bi.plan_item_id', 'bi.quantity');

export async function addToBox(db: Queryable, boxId: number, planItemId: number, delta: number): Promise<void> {
  const existing = await db('fba_inbound_box_items').where({ box_id: boxId, plan_item_id: planItemId }).first<BoxItemRow | undefined>();
  const quantity = (existing?.quantity ?? 0) + delta;
  if (!existing) await db('fba_inbound_box_items').insert({ box_id: boxId, plan_item_id: planItemId, quantity });
  else if (quantity <= 0) await db('fba_inbound_box_items').where({ box_id: boxId, plan_item_id: planItemId }).delete();
  else await db('fba_inbound_box_items').where({ box_id: boxId, plan_item_id: planItemId }).update({ quantity });
}

export async function updateBox(db: Queryable, boxId: number, patch: Partial<Omit<BoxRow, 'id' | 'plan_id' | 'box_number' | 'opened_at'>>): Promise<void> {
  await db('fba_inbound_boxes').where({ id: boxId }).update(patch);
}

export async function deleteBox(db: Queryable, boxId: number): Promise<void> {
  await db('fba_inbound_boxes').where({ id: boxId }).delete();
}

/* ------------------------------------------------------------------ shipments */

export const shipments = (db: Queryable, planId: number): Promise<ShipmentRow[]> => db<ShipmentRow>('fba_inbound_shipments').where({ plan_id: planId }).orderBy('id');
export const getShipment = (db: Queryable, planId: number, id: number): Promise<ShipmentRow | undefined> => db<ShipmentRow>('fba_inbound_shipments').where({ plan_id: planId, id }).first();

export type NewShipment = Pick<ShipmentRow, 'amazon_shipment_id' | 'confirmation_id' | 'name' | 'destination_fc' | 'destination_address_json' | 'status' | 'transport_option_id' | 'tracking_json'>;

export async function upsertShipment(db: Queryable, planId: number, s: NewShipment): Promise<number> {
  const existing = await db<ShipmentRow>('fba_inbound_shipments').where({ amazon_shipment_id: s.amazon_shipment_id }).first();
  if (existing) {
    await db('fba_inbound_shipments').where({ id: existing.id }).update({ ...s });
    return existing.id;
  }
  const [row] = await db('fba_inbound_shipments').insert({ ...s, plan_id: planId }, ['id']);
  return insertedId(row);
}

export async function patchShipment(db: Queryable, id: number, patch: Partial<Omit<ShipmentRow, 'id' | 'plan_id' | 'amazon_shipment_id'>>): Promise<void> {
  await db('fba_inbound_shipments').where({ id }).update(patch);
}

export async function replaceShipmentItems(db: Queryable, shipmentId: number, rows: Omit<ShipmentItemRow, 'shipment_id' | 'quantity_received' | 'quantity_posted' | 'discrepancy'>[]): Promise<void> {
  await db('fba_inbound_shipment_items').where({ shipment_id: shipmentId }).delete();
  if (rows.length > 0) await db('fba_inbound_shipment_items').insert(rows.map((r) => ({ ...r, shipment_id: shipmentId, quantity_received: 0, quantity_posted: 0 })));
}

export const shipmentItems = (db: Queryable, shipmentIds: number[]): Promise<ShipmentItemRow[]> =>
  shipmentIds.length === 0 ? Promise.resolve([]) : db<ShipmentItemRow>('fba_inbound_shipment_items').whereIn('shipment_id', shipmentIds).orderBy(['shipment_id', 'msku']);

export async function patchShipmentItem(db: Queryable, shipmentId: number, msku: string, patch: Partial<Pick<ShipmentItemRow, 'quantity_received' | 'quantity_posted' | 'discrepancy' | 'quantity_shipped'>>): Promise<void> {
  await db('fba_inbound_shipment_items').where({ shipment_id: shipmentId, msku }).update(patch);
}

export async function replaceTransportOptions(db: Queryable, shipmentId: number, rows: Omit<TransportOptionRow, 'shipment_id'>[]): Promise<void> {
  await db('fba_inbound_transport_options').where({ shipment_id: shipmentId }).delete();
  if (rows.length > 0) await db('fba_inbound_transport_options').insert(rows.map((r) => ({ ...r, shipment_id: shipmentId })));
}
export const transportOptions = (db: Queryable, shipmentIds: number[]): Promise<TransportOptionRow[]> =>
  shipmentIds.length === 0 ? Promise.resolve([]) : db<TransportOptionRow>('fba_inbound_transport_options').whereIn('shipment_id', shipmentIds).orderBy(['shipment_id', 'option_id']);

/* ------------------------------------------------------------------ box ↔ shipment, delivery windows */

export async function replaceShipmentBoxes(db: Queryable, shipmentId: number, rows: Omit<ShipmentBoxRow, 'shipment_id' | 'tracking_id' | 'tracking_status'>[]): Promise<void> {
  await db('fba_inbound_shipment_boxes').where({ shipment_id: shipmentId }).delete();
  if (rows.length > 0) await db('fba_inbound_shipment_boxes').insert(rows.map((r) => ({ ...r, shipment_id: shipmentId })));
}

export const shipmentBoxes = (db: Queryable, shipmentIds: number[]): Promise<ShipmentBoxRow[]> =>
  shipmentIds.length === 0 ? Promise.resolve([]) : db<ShipmentBoxRow>('fba_inbound_shipment_boxes').whereIn('shipment_id', shipmentIds).orderBy(['shipment_id', 'box_index']);

export async function patchShipmentBox(db: Queryable, shipmentId: number, amazonBoxId: string, patch: Partial<Pick<ShipmentBoxRow, 'tracking_id' | 'tracking_status'>>): Promise<void> {
  await db('fba_inbound_shipment_boxes').where({ shipment_id: shipmentId, amazon_box_id: amazonBoxId }).update(patch);
}

export async function replaceDeliveryWindows(db: Queryable, shipmentId: number, rows: Omit<DeliveryWindowRow, 'shipment_id'>[]): Promise<void> {
  await db('fba_inbound_delivery_windows').where({ shipment_id: shipmentId }).delete();
  if (rows.length > 0) await db('fba_inbound_delivery_windows').insert(rows.map((r) => ({ ...r, shipment_id: shipmentId })));
}

export const deliveryWindows = (db: Queryable, shipmentIds: number[]): Promise<DeliveryWindowRow[]> =>
  shipmentIds.length === 0 ? Promise.resolve([]) : db<DeliveryWindowRow>('fba_inbound_delivery_windows').whereIn('shipment_id', shipmentIds).orderBy(['shipment_id', 'start_date']);
