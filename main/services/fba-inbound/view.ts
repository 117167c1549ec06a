import { shipmentTimeZone, type OperationProblem, type PlanDetail, type PlanSummary } from '../../../shared/domain/fba-inbound';
import type { BoxMark } from '../../../shared/fba-box-rules';
import type { Queryable } from '../../db/connection';
import { problemsByBox, trackingClosed } from './tracking';
import { chosenOption, OWN_CARRIER } from './transport-windows';
import {
  boxes as boxRows,
  boxItems,
  deliveryWindows,
  shipmentBoxes,
  packingGroupItems,
  packingOptions,
  placementOptions,
  planItems,
  shipmentItems,
  shipments as shipmentRows,
  transportOptions,
  type PlanRow,
} from './plans.repo';

const money = (minor: number | null, currency: string | null) => (minor !== null && currency ? { minor: Number(minor), currency } : null);
const problemsOf = (json: string | null): OperationProblem[] => (json ? (JSON.parse(json) as OperationProblem[]) : []);

function addressLines(json: string | null): string[] {
  if (!json) return [];
  const a = JSON.parse(json) as Record<string, string | undefined>;
  return [a.name, a.addressLine1, a.addressLine2, [a.city, a.stateOrProvinceCode, a.postalCode].filter(Boolean).join(' '), a.countryCode].filter((l): l is string => !!l);
}

function trackingLines(json: string | null): string[] {
  if (!json) return [];
  const t = JSON.parse(json) as { spdTrackingDetail?: { spdTrackingItems?: { trackingId?: string }[] }; ltlTrackingDetail?: { billOfLadingNumber?: string; freightBillNumber?: string[] } };
  return [
    ...(t.spdTrackingDetail?.spdTrackingItems ?? []).map((i) => i.trackingId ?? '').filter(Boolean),
    ...(t.ltlTrackingDetail?.freightBillNumber ?? []),
    ...(t.ltlTrackingDetail?.billOfLadingNumber ? [t.ltlTrackingDetail.billOfLadingNumber] : []),
  ];
}

/** The list row of each plan: progress figures come from one query per table for all plans shown. */
export async function summaries(db: Queryable, plans: readonly PlanRow[]): Promise<PlanSummary[]> {
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const stores = new Map((await db('stores').whereIn('id', [...new Set(plans.map((p) => p.store_id))]).select<{ id: number; name: string }[]>('id', 'name')).map((s) => [s.id, s.name]));
  const warehouses = new Map((await db('warehouses').whereIn('id', [...new Set(plans.map((p) => p.source_warehouse_id))]).select<{ id: number; code: string }[]>('id', 'code')).map((w) => [w.id, w.code]));
  const items = await db('fba_inbound_plan_items').whereIn('plan_id', ids).groupBy('plan_id').select<{ plan_id: number; skus: number; units: number }[]>('plan_id', db.raw('count(*) as skus'), db.raw('sum(quantity) as units'));
  const packed = await db('fba_inbound_box_items as bi').join('fba_inbound_boxes as b', 'b.id', 'bi.box_id').whereIn('b.plan_id', ids).groupBy('b.plan_id').select<{ plan_id: number; units: number }[]>('b.plan_id', db.raw('sum(bi.quantity) as units'));
  const boxes = await db('fba_inbound_boxes').whereIn('plan_id', ids).groupBy('plan_id').select<{ plan_id: number; n: number }[]>('plan_id', db.raw('count(*) as n'));
  const ships = await db('fba_inbound_shipments').whereIn('plan_id', ids).groupBy('plan_id').select<{ plan_id: number; n: number }[]>('plan_id', db.raw('count(*) as n'));
  const progress = await db('fba_inbound_shipment_items as si')
    .join('fba_inbound_shipments as s', 's.id', 'si.shipment_id')
    .whereIn('s.plan_id', ids)
    .whereNotNull('s.ledger_posted_at')
    .groupBy('s.plan_id')
    .select<{ plan_id: number; shipped: number; received: number }[]>('s.plan_id', db.raw('sum(si.quantity_shipped) as shipped'), db.raw('sum(si.quantity_received) as received'));
  const by = <T extends { plan_id: number }>(rows: T[]) => new Map(rows.map((r) => [Number(r.plan_id), r]));
  const [itemsBy, packedBy, boxesBy, shipsBy, progressBy] = [by(items), by(packed), by(boxes), by(ships), by(progress)];
  return plans.map((p) => ({
    id: p.id,
    storeId: p.store_id,
    storeName: stores.get(p.store_id) ?? String(p.store_id),
    marketplaceId: p.marketplace_id,
    name: p.name,
    sourceWarehouseId: p.source_warehouse_id,
    sourceWarehouseCode: warehouses.get(p.source_warehouse_id) ?? String(p.source_warehouse_id),
    amazonPlanId: p.amazon_plan_id,
    step: p.step,
    status: p.status,
    problems: problemsOf(p.problems_json),
    skus: Number(itemsBy.get(p.id)?.skus ?? 0),
    units: Number(itemsBy.get(p.id)?.units ?? 0),
    packedUnits: Number(packedBy.get(p.id)?.units ?? 0),
    boxes: Number(boxesBy.get(p.id)?.n ?? 0),
    shipments: Number(shipsBy.get(p.id)?.n ?? 0),
    shippedUnits: Number(progressBy.get(p.id)?.shipped ?? 0),
    receivedUnits: Number(progressBy.get(p.id)?.received ?? 0),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  }));
}

/** Everything the plan screen shows: steps, options side by side, boxes with their contents, shipments with receiving. */
export async function detail(db: Queryable, plan: PlanRow): Promise<PlanDetail> {
  const [summary] = await summaries(db, [plan]);
  if (!summary) throw new Error('no summary for a plan');
  const items = await planItems(db, plan.id);
  const products = new Map((await db('products').whereIn('id', items.map((i) => i.product_id)).select<{ id: number; sku: string; name: string }[]>('id', 'sku', 'name')).map((p) => [p.id, p]));
  const contents = await boxItems(db, plan.id);
  const packed = new Map<number, number>();
  for (const c of contents) packed.set(c.plan_item_id, (packed.get(c.plan_item_id) ?? 0) + c.quantity);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const groups = new Map<string, { msku: string; fnsku: string; quantity: number }[]>();
  for (const g of await packingGroupItems(db, plan.id)) groups.set(g.packing_group_id, [...(groups.get(g.packing_group_id) ?? []), { msku: g.msku, fnsku: g.fnsku, quantity: g.quantity }]);
  const ships = await shipmentRows(db, plan.id);
  const shipItems = await shipmentItems(db, ships.map((s) => s.id));
  const transports = await transportOptions(db, ships.map((s) => s.id));
  const windows = await deliveryWindows(db, ships.map((s) => s.id));
  const links = await shipmentBoxes(db, ships.map((s) => s.id));
  const packedBoxes = await boxRows(db, plan.id);
  const boxNumber = new Map(packedBoxes.map((b) => [b.id, b.box_number]));
  const unitsIn = (boxId: number) => contents.filter((c) => c.box_id === boxId).reduce((n, c) => n + c.quantity, 0);

  return {
    ...summary,
    operation: plan.op_kind && plan.op_started_at ? { kind: plan.op_kind, startedAt: plan.op_started_at } : null,
    items: items.map((i) => ({
      id: i.id,
      productId: i.product_id,
      sku: products.get(i.product_id)?.sku ?? '',
      name: products.get(i.product_id)?.name ?? '',
      msku: i.msku,
      fnsku: i.fnsku,
      quantity: i.quantity,
      packed: packed.get(i.id) ?? 0,
      prepOwner: i.prep_owner,
      labelOwner: i.label_owner,
    })),
    packingOptions: (await packingOptions(db, plan.id)).map((o) => ({
      id: o.option_id,
      packingGroups: JSON.parse(o.packing_groups_json) as string[],
      fee: money(o.fee_minor, o.currency),
      discount: money(o.discount_minor, o.currency),
      expiration: o.expiration,
      status: o.status,
    })),
    packingOptionId: plan.packing_option_id,
    packingGroups: [...groups].map(([id, list]) => ({ id, items: list })),
    boxList: packedBoxes.map((b) => {
      const mine = contents.filter((c) => c.box_id === b.id);
      return {
        id: b.id,
        number: b.box_number,
        packingGroupId: b.packing_group_id,
        status: b.status,
        lengthMm: b.length_mm,
        widthMm: b.width_mm,
        heightMm: b.height_mm,
        weightG: b.weight_g,
        marks: JSON.parse(b.marks_json) as BoxMark[],
        units: mine.reduce((n, c) => n + c.quantity, 0),
        items: mine.map((c) => ({ planItemId: c.plan_item_id, sku: itemById.get(c.plan_item_id)?.msku ?? '', fnsku: itemById.get(c.plan_item_id)?.fnsku ?? '', quantity: c.quantity })),
      };
    }),
    placementOptions: (await placementOptions(db, plan.id)).map((o) => ({
      id: o.option_id,
      shipmentCount: o.shipment_count,
      fee: money(o.fee_minor, o.currency),
      discount: money(o.discount_minor, o.currency),
      expiration: o.expiration,
      status: o.status,
    })),
    placementOptionId: plan.placement_option_id,
    shipmentList: ships.map((s) => {
      const option = chosenOption(s, transports);
      const ownCarrier = option?.shipping_solution === OWN_CARRIER;
      const mine = links.filter((l) => l.shipment_id === s.id);
      const failed = s.tracking_state === 'failed' ? problemsByBox(problemsOf(s.tracking_problems_json), mine.map((l) => l.amazon_box_id)) : { byBox: new Map<string, OperationProblem[]>(), rest: [] };
      const address = s.destination_address_json ? (JSON.parse(s.destination_address_json) as { countryCode?: string; stateOrProvinceCode?: string }) : null;
      const offered = windows.filter((w) => w.shipment_id === s.id);
      return {
      id: s.id,
      amazonShipmentId: s.amazon_shipment_id,
      confirmationId: s.confirmation_id,
      name: s.name,
      destinationFc: s.destination_fc,
      destinationAddress: addressLines(s.destination_address_json),
      status: s.status,
      transportOptionId: s.transport_option_id,
      transportOptions: transports
        .filter((t) => t.shipment_id === s.id)
        .map((t) => ({ id: t.option_id, carrier: t.carrier, shippingMode: t.shipping_mode, shippingSolution: t.shipping_solution, quote: money(t.quote_minor, t.currency), expiration: t.expiration })),
      tracking: trackingLines(s.tracking_json),
      timeZone: shipmentTimeZone(plan.marketplace_id, address),
      ownCarrier,
      trackingMode: s.tracking_mode,
      deliveryWindows: offered.map((w) => ({ id: w.option_id, availabilityType: w.availability_type, start: w.start_date, end: w.end_date, validUntil: w.valid_until })),
      deliveryWindowChosenId: s.window_chosen_id,
      deliveryWindow:
        s.window_confirmed_id && s.window_start && s.window_end ? { id: s.window_confirmed_id, availabilityType: 'AVAILABLE', start: s.window_start, end: s.window_end, validUntil: null } : null,
      boxes: mine.map((l) => ({
        boxId: l.amazon_box_id,
        index: l.box_index,
        planBoxId: l.box_id,
        planBoxNumber: boxNumber.get(l.box_id) ?? 0,
        units: unitsIn(l.box_id),
        trackingId: l.tracking_id,
        trackingStatus: l.tracking_status,
        problems: failed.byBox.get(l.amazon_box_id) ?? [],
      })),
      trackingUpload: s.tracking_state
        ? { state: s.tracking_state, carrier: s.tracking_carrier, freightBillNumber: s.freight_bill_number, billOfLadingNumber: s.bill_of_lading, sentAt: s.tracking_sent_at, problems: failed.rest }
        : null,
      trackingEditable: ownCarrier && plan.step === 'receiving' && !trackingClosed(s) && s.tracking_state !== 'in-flight',
      labelStored: s.label_pdf_path !== null,
      items: shipItems
        .filter((i) => i.shipment_id === s.id)
        .map((i) => ({ productId: i.product_id, msku: i.msku, fnsku: i.fnsku, shipped: i.quantity_shipped, received: i.quantity_received, discrepancy: i.discrepancy })),
      };
    }),
  };
}
