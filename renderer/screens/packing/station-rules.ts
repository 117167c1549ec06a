import type { PackingOrder, ScanVerdict } from '../../../shared/ipc/channels/packing';
import type { ScanEntry } from '../../db/scan-journal';

/**
 * A scanner that reads the same label twice (a shaky hand, a trigger held down) does it within this window; a clerk
 * picking up the next unit of the same SKU takes longer.
 */
export const DOUBLE_SCAN_MS = 1000;

/** Units counted so far per product: the sum of the session's accepted item scans. */
export function countsFrom(scans: readonly ScanEntry[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of scans) {
    if (s.kind === 'item' && s.verdict === 'ok' && s.productId !== undefined) counts.set(s.productId, (counts.get(s.productId) ?? 0) + (s.units ?? 1));
  }
  return counts;
}

/** Units the box needs per product (a product on several order lines is one pile). */
export function neededFrom(order: PackingOrder): Map<number, number> {
  const need = new Map<number, number>();
  for (const l of order.lines) need.set(l.productId, (need.get(l.productId) ?? 0) + l.quantity);
  return need;
}

/**
 * What the box holds: the journal's counts, or — for an order packed earlier to ship later — everything, since the box
 * was closed with every unit checked; reopened, it waits only for its tracking number.
 */
export function countsFor(order: PackingOrder, scans: readonly ScanEntry[]): Map<number, number> {
  return order.state === 'packed' ? neededFrom(order) : countsFrom(scans);
}

/** Which of the order's packages is on the bench, of how many (an order journaled before split packages: 1 of 1). */
export const packageOf = (order: PackingOrder) => ({ no: order.packageNo ?? 1, count: order.packageCount ?? 1, left: order.packagesLeft ?? 1 });

export function isComplete(order: PackingOrder, counts: ReadonlyMap<number, number>): boolean {
  return [...neededFrom(order)].every(([productId, n]) => (counts.get(productId) ?? 0) === n);
}

/** Same code accepted moments ago: the same unit read twice, refused before asking main. */
export function isDoubleScan(scans: readonly ScanEntry[], code: string, now: number): boolean {
  return scans.some((s) => s.kind === 'item' && s.verdict === 'ok' && s.code === code && now - s.at < DOUBLE_SCAN_MS);
}

export type StationVerdict = { verdict: 'ok'; productId: number; sku: string; units: number } | { verdict: 'error'; reason: string; sku?: string; state?: string };

/** Main's answer, with the count rule only the station can apply: a unit beyond what the order needs is refused. */
export function judge(order: PackingOrder, counts: ReadonlyMap<number, number>, answer: ScanVerdict): StationVerdict {
  if (answer.verdict === 'error') return answer;
  const need = neededFrom(order).get(answer.productId) ?? 0;
  if ((counts.get(answer.productId) ?? 0) + answer.units > need) return { verdict: 'error', reason: 'over-quantity', sku: answer.sku };
  return answer;
}
