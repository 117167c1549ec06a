import { isShipmentConfirmationId } from '../../../shared/fba-box-rules';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { boxes as boxRows, boxItems, getPlan, getShipment, planItems, shipmentBoxes, shipmentItems, shipments as shipmentRows, type BoxRow, type PlanRow } from './plans.repo';

/** What the label renderers take, read from a plan: plain data, no PDF here. */
export interface PlanLabelItem {
  fnsku: string;
  title: string;
  copies: number;
}

export interface ShipmentCarton {
  shipmentId: string;
  shipmentName?: string;
  boxNumber: number;
  boxCount: number;
  shipFrom: string[];
  shipTo: { fulfillmentCenterId?: string; lines: string[] };
  marketplaceId: string;
  weight?: { value: number; unit: 'KG' };
}

async function requirePlan(db: Queryable, planId: number): Promise<PlanRow> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new AppError('not-found', { entity: 'fba-plan', id: planId });
  return plan;
}

function addressLines(json: string | null): string[] {
  if (!json) return [];
  const a = JSON.parse(json) as Record<string, string | undefined>;
  return [a.companyName, a.name, a.addressLine1, a.addressLine2, [a.city, a.stateOrProvinceCode, a.postalCode].filter(Boolean).join(' '), a.countryCode].filter((l): l is string => !!l);
}

/** One FNSKU label per planned unit, titled with the product's name. */
export async function planFnskuItems(db: Queryable, planId: number): Promise<{ plan: PlanRow; items: PlanLabelItem[] }> {
  const plan = await requirePlan(db, planId);
  const items = await planItems(db, plan.id);
  const names = new Map(
    (await db('products').whereIn('id', items.map((i) => i.product_id)).select<{ id: number; name: string }[]>('id', 'name')).map((p) => [p.id, p.name]),
  );
  return { plan, items: items.map((i) => ({ fnsku: i.fnsku, title: names.get(i.product_id) ?? i.msku, copies: i.quantity })) };
}

type Contents = Map<string, number>;

/**
 * Which of the plan's boxes travel in each shipment. Amazon places whole boxes, so every shipment's items are the sum of
 * some boxes' contents; the split is recovered by matching contents (boxes with equal contents are interchangeable, so
 * any exact match numbers the cartons correctly). Returns null when no exact split exists.
 */
export function splitBoxes(boxes: readonly { id: number; items: Contents }[], shipments: readonly { id: number; items: Contents }[]): Map<number, number[]> | null {
  const left = shipments.map((s) => ({ id: s.id, items: new Map(s.items) }));
  const chosen = new Map<number, number[]>(shipments.map((s) => [s.id, []]));
  const fits = (box: Contents, into: Contents) => [...box].every(([msku, n]) => (into.get(msku) ?? 0) >= n);
  const move = (box: Contents, into: Contents, sign: 1 | -1) => {
    for (const [msku, n] of box) into.set(msku, (into.get(msku) ?? 0) - sign * n);
  };
  // Largest boxes first: they have the fewest places to go, which keeps the search short.
  const order = [...boxes].sort((a, b) => total(b.items) - total(a.items));
  let steps = 0;
  const place = (i: number): boolean => {
    if (++steps > 100_000) return false;
    const box = order[i];
    if (!box) return left.every((s) => [...s.items.values()].every((n) => n === 0));
    for (const s of left) {
      if (!fits(box.items, s.items)) continue;
      move(box.items, s.items, 1);
      chosen.get(s.id)!.push(box.id);
      if (place(i + 1)) return true;
      chosen.get(s.id)!.pop();
      move(box.items, s.items, -1);
    }
    return false;
  };
  if (!place(0)) return null;
  for (const ids of chosen.values()) ids.sort((a, b) => a - b);
  return chosen;
}

const total = (c: Contents) => [...c.values()].reduce((a, b) => a + b, 0);

/**
 * Which packed boxes travel in a shipment, in Amazon's box order (box N of its id `…U00000N`). Amazon's own answer
 * (listShipmentBoxes, stored when placement was confirmed) decides; plans placed before that link was stored fall back to
 * recovering the split from the contents, and are refused when no exact split exists.
 */
async function boxesOfShipment(db: Queryable, plan: PlanRow, shipmentId: number, closed: readonly BoxRow[]): Promise<number[]> {
  const links = await shipmentBoxes(db, [shipmentId]);
  if (links.length > 0) return links.map((l) => l.box_id);
  const items = await planItems(db, plan.id);
  const mskuOf = new Map(items.map((i) => [i.id, i.msku]));
  const contents = await boxItems(db, plan.id);
  const boxContents = closed.map((b) => ({ id: b.id, items: new Map(contents.filter((c) => c.box_id === b.id && c.quantity > 0).map((c) => [mskuOf.get(c.plan_item_id) ?? '', c.quantity])) }));
  const all = await shipmentRows(db, plan.id);
  const shipped = await shipmentItems(db, all.map((s) => s.id));
  const perShipment = all.map((s) => ({ id: s.id, items: new Map(shipped.filter((i) => i.shipment_id === s.id).map((i) => [i.msku, i.quantity_shipped])) }));
  const split = all.length === 1 ? new Map([[shipmentId, closed.map((b) => b.id)]]) : splitBoxes(boxContents, perShipment);
  return split?.get(shipmentId) ?? [];
}

/**
 * The carton marks of one shipment: its boxes numbered 1…M as Amazon numbered them, ship-from from the plan's source
 * address, ship-to the fulfilment centre Amazon chose. Refused while Amazon has not confirmed the shipment (no
 * confirmation id to build box ids from) or when the shipment's boxes are not known.
 */
export async function shipmentCartons(db: Queryable, planId: number, shipmentId: number): Promise<{ plan: PlanRow; confirmationId: string; cartons: ShipmentCarton[] }> {
  const plan = await requirePlan(db, planId);
  const shipment = await getShipment(db, plan.id, shipmentId);
  if (!shipment) throw new AppError('not-found', { entity: 'fba-shipment', id: shipmentId });
  const confirmationId = shipment.confirmation_id;
  if (!confirmationId || !isShipmentConfirmationId(confirmationId)) throw new AppError('conflict', { reason: 'shipment-not-confirmed' });

  const packed = await boxRows(db, plan.id);
  const mine = await boxesOfShipment(db, plan, shipment.id, packed.filter((b) => b.status === 'closed'));
  if (mine.length === 0) throw new AppError('conflict', { reason: 'shipment-boxes-unknown' });

  const byId = new Map<number, BoxRow>(packed.map((b) => [b.id, b]));
  const shipFrom = addressLines(plan.source_address_json);
  const shipTo = { ...(shipment.destination_fc ? { fulfillmentCenterId: shipment.destination_fc } : {}), lines: addressLines(shipment.destination_address_json) };
  const cartons = mine.map((boxId, i): ShipmentCarton => {
    const box = byId.get(boxId)!;
    return {
      shipmentId: confirmationId,
      ...(shipment.name ? { shipmentName: shipment.name } : {}),
      boxNumber: i + 1,
      boxCount: mine.length,
      shipFrom,
      shipTo,
      marketplaceId: plan.marketplace_id,
      ...(box.weight_g ? { weight: { value: box.weight_g / 1000, unit: 'KG' as const } } : {}),
    };
  });
  return { plan, confirmationId, cartons };
}
