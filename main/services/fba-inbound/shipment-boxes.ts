import type { ShipmentBox } from '../../spapi/schemas/inbound';

/** A packed box as we know it: contents by MSKU and what the clerk measured. */
export interface PackedBox {
  id: number;
  number: number;
  items: ReadonlyMap<string, number>;
  weightG: number | null;
  dimsMm: readonly (number | null)[];
}

export interface BoxLink {
  boxIndex: number;
  boxId: number;
  amazonBoxId: string;
  packageId: string | null;
}

const contentsKey = (items: Iterable<readonly [string, number]>): string =>
  [...items]
    .filter(([, n]) => n > 0)
    .map(([msku, n]) => `${msku}\u0000${n}`)
    .sort()
    .join('\u0001');

const GRAMS = { KG: 1000, LB: 453.59237 } as const;
const MM = { CM: 10, IN: 25.4 } as const;

/** How far Amazon's echo of a box is from a packed box: grams plus millimetres, sides compared longest to shortest. */
function distance(ours: PackedBox, theirs: ShipmentBox): number {
  let d = 0;
  if (theirs.weight && ours.weightG !== null) d += Math.abs(theirs.weight.value * GRAMS[theirs.weight.unit] - ours.weightG);
  if (theirs.dimensions) {
    const f = MM[theirs.dimensions.unitOfMeasurement];
    const a = [theirs.dimensions.length, theirs.dimensions.width, theirs.dimensions.height].map((v) => v * f).sort((x, y) => y - x);
    const b = ours.dimsMm.map((v) => v ?? 0).sort((x, y) => y - x);
    for (let i = 0; i < 3; i++) d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  }
  return d;
}

/** The N of `…U00000N`, or the box's place in Amazon's list when the id has another shape. */
const indexOf = (boxId: string, position: number): number => {
  const m = /U(\d{6})$/.exec(boxId);
  return m ? Number(m[1]) : position + 1;
};

/**
 * Which packed box each of Amazon's boxes is. Amazon answers a shipment's boxes with their contents and measures (and the
 * box id it prints), not with our box numbers, so a box is recognised by its contents, and among boxes with equal
 * contents by the nearest weight and size (boxes equal in all three are interchangeable: either carries the label).
 * Returns null when some Amazon box has no packed box left to be: the link is then not stored rather than guessed.
 */
export function matchShipmentBoxes(packed: readonly PackedBox[], shipments: readonly { shipmentId: number; boxes: readonly ShipmentBox[] }[]): Map<number, BoxLink[]> | null {
  const pool = new Map<string, PackedBox[]>();
  for (const box of [...packed].sort((a, b) => a.number - b.number)) {
    const key = contentsKey(box.items);
    pool.set(key, [...(pool.get(key) ?? []), box]);
  }
  const out = new Map<number, BoxLink[]>();
  for (const s of shipments) {
    const links: BoxLink[] = [];
    for (const [position, theirs] of s.boxes.entries()) {
      if (!theirs.boxId) return null;
      const candidates = pool.get(contentsKey((theirs.items ?? []).map((i) => [i.msku, i.quantity] as const))) ?? [];
      let best = -1;
      for (const [i, c] of candidates.entries()) if (best < 0 || distance(c, theirs) < distance(candidates[best]!, theirs)) best = i;
      if (best < 0) return null;
      const [box] = candidates.splice(best, 1);
      links.push({ boxIndex: indexOf(theirs.boxId, position), boxId: box!.id, amazonBoxId: theirs.boxId, packageId: theirs.packageId || null });
    }
    out.set(s.shipmentId, links.sort((a, b) => a.boxIndex - b.boxIndex));
  }
  return out;
}
