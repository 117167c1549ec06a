import type { Rng } from '../../store/random';
import type { InboundIds } from './ids';
import type { BoxRecord, Fee, FulfillmentCenter, PlacementOptionRecord, PlanItem, PlanRecord, ShipmentRecord } from './records';
import { placementCentsPerUnit, rulesFor, toKg } from './rules';

/** What a placement splits: whole boxes when the seller packed first, whole SKUs when boxes come later. */
interface Parcel {
  items: Map<string, number>;
  box: BoxRecord | null;
  kg: number;
}

const DAY = 24 * 3600_000;
export const PLACEMENT_OPTION_LIFETIME_MS = DAY;

const LABELS: Record<number, string> = {
  1: 'Minimal shipment splits: one destination',
  2: 'Partial shipment splits: two destinations',
  3: 'Amazon-optimized shipment splits',
};

function parcelsOf(plan: PlanRecord, byMsku: Map<string, PlanItem>): Parcel[] {
  const boxes = [...plan.packingGroups.values()].flatMap((g) => (plan.packingOptions.some((o) => o.status === 'ACCEPTED' && o.packingGroupIds.includes(g.packingGroupId)) ? (g.boxes ?? []) : []));
  // Boxes whose contents Amazon reads on arrival (2D barcodes, manual processing) cannot be split by content here.
  if (boxes.length > 0 && boxes.every((b) => b.items.size > 0)) return boxes.map((box) => ({ items: new Map(box.items), box, kg: toKg(box.weight) }));
  return plan.items.map((i) => ({ items: new Map([[i.msku, i.quantity]]), box: null, kg: ((byMsku.get(i.msku)?.unitGrams ?? 500) * i.quantity) / 1000 }));
}

/**
 * Placement options for a plan: Amazon's own split into up to three destinations at no fee, and the fewer-destination
 * alternatives the seller pays a per-unit placement fee for. Parcels go heaviest first to the lightest destination.
 */
export function generatePlacement(plan: PlanRecord, rng: Rng, ids: InboundIds, time: number): { options: PlacementOptionRecord[]; shipments: ShipmentRecord[] } {
  const rules = rulesFor(plan.marketplaceId);
  if (!rules) return { options: [], shipments: [] };
  const byMsku = new Map(plan.items.map((i) => [i.msku, i]));
  const parcels = parcelsOf(plan, byMsku).sort((a, b) => b.kg - a.kg);
  const maxSplit = Math.min(3, parcels.length, rules.fulfillmentCenters.length);
  const counts = Array.from({ length: maxSplit }, (_, i) => maxSplit - i);
  const options: PlacementOptionRecord[] = [];
  const shipments: ShipmentRecord[] = [];
  for (const count of counts) {
    const centers = rng.shuffle([...rules.fulfillmentCenters]).slice(0, count);
    const loads = centers.map((fc) => ({ fc, kg: 0, parcels: [] as Parcel[] }));
    for (const parcel of parcels) {
      const lightest = loads.reduce((a, b) => (b.kg < a.kg ? b : a));
      lightest.kg += parcel.kg;
      lightest.parcels.push(parcel);
    }
    const placementOptionId = ids.next('pl');
    const made = loads.filter((l) => l.parcels.length > 0).map((l) => newShipment(plan, placementOptionId, l.fc, l.parcels, ids));
    shipments.push(...made);
    const cents = count === maxSplit ? 0 : plan.items.reduce((sum, i) => sum + placementCentsPerUnit(count, i.unitGrams) * i.quantity, 0);
    const fee: Fee = { target: 'Placement Services', description: LABELS[count === maxSplit ? 3 : count] ?? LABELS[1]!, amountMinor: Math.round(cents * rules.centFactor) };
    options.push({ placementOptionId, status: 'OFFERED', expiresAt: time + PLACEMENT_OPTION_LIFETIME_MS, fees: [fee], discounts: [], shipmentIds: made.map((s) => s.shipmentId) });
  }
  return { options, shipments };
}

function newShipment(plan: PlanRecord, placementOptionId: string, destination: FulfillmentCenter, parcels: Parcel[], ids: InboundIds): ShipmentRecord {
  const items = new Map<string, number>();
  for (const p of parcels) for (const [msku, qty] of p.items) items.set(msku, (items.get(msku) ?? 0) + qty);
  const boxes = parcels.every((p) => p.box) ? parcels.map((p) => ({ ...(p.box as BoxRecord), items: new Map(p.items) })) : null;
  return {
    shipmentId: ids.next('sh'),
    placementOptionId,
    name: `${plan.name}-${destination.warehouseId}`,
    destination,
    items,
    boxes,
    status: 'UNCONFIRMED',
    received: new Map(),
    progressEpoch: 0,
  };
}
