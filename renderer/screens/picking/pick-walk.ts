import { fillShares, type PickList, type PickScanAnswer, type StopResult } from '../../../shared/ipc/channels/picking';

/**
 * Scan-picking (扫描拣货) as pure rules: the picker walks the pick list stop by stop in bin order; at each stop the
 * bin's barcode comes first (proof of standing at the right shelf), then the units, until the stop's total is taken or
 * the rest is reported short. Nothing here talks to main or the journal, so every rule is a unit test.
 */

export interface StopShare {
  orderId: string;
  tote: string | null;
  quantity: number;
}

/** One product of the wave at its bin: a line of the pick list. */
export interface Stop {
  productId: number;
  sku: string;
  name: string;
  /** Null when the product has no bin in this warehouse: the stop starts at the items. */
  binCode: string | null;
  total: number;
  shares: readonly StopShare[];
}

export interface StopProgress {
  binOk: boolean;
  picked: number;
  short: number;
}

export interface Walk {
  stops: readonly Stop[];
  progress: readonly StopProgress[];
}

/** What the journal keeps of an accepted action; replaying these over the pick list rebuilds the walk. */
export type WalkEvent = { kind: 'bin'; productId: number } | { kind: 'item'; productId: number; units: number } | { kind: 'short'; productId: number };

export type PickRefusal = 'wrong-bin' | 'scan-bin-first' | 'stop-has-no-bin' | 'wrong-item' | 'over-quantity' | 'unknown-code' | 'double-scan' | 'wave-done';

export type Judgement =
  | { verdict: 'ok'; event: WalkEvent }
  | {
      verdict: 'error';
      reason: PickRefusal;
      /** The bin or SKU the picker should have scanned. */
      expected?: string;
      /** The SKU the scan named. */
      sku?: string;
      /** Units the stop still needs (over-quantity). */
      left?: number;
      units?: number;
    };

/**
 * A scanner that reads the same label twice (a shaky hand, a trigger held down) does it within this window; a picker
 * taking the next unit off the shelf takes longer.
 */
export const DOUBLE_SCAN_MS = 1000;

export function startWalk(list: Pick<PickList, 'lines'>): Walk {
  const stops = list.lines.map((l) => ({ productId: l.productId, sku: l.sku, name: l.name, binCode: l.binCode, total: l.total, shares: l.orders.map((o) => ({ orderId: o.orderId, tote: o.tote, quantity: o.quantity })) }));
  return { stops, progress: stops.map(() => ({ binOk: false, picked: 0, short: 0 })) };
}

export const unitsLeft = (stop: Stop, p: StopProgress) => stop.total - p.picked - p.short;

/** Index of the stop the picker stands at: the first with units left; `stops.length` once the wave is walked. */
export function currentIndex(walk: Walk): number {
  const i = walk.stops.findIndex((s, k) => unitsLeft(s, walk.progress[k]!) > 0);
  return i === -1 ? walk.stops.length : i;
}

export const isWalked = (walk: Walk) => currentIndex(walk) === walk.stops.length;

/** Bin labels are printed in capitals but a scanner in lower-case mode still names the same shelf. */
export const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

function needsBin(stop: Stop, p: StopProgress): boolean {
  return stop.binCode !== null && !p.binOk;
}

/** The scan is the current stop's own bin: the station accepts it without asking main. */
export function isCurrentBin(walk: Walk, code: string): boolean {
  const stop = walk.stops[currentIndex(walk)];
  return stop?.binCode != null && sameCode(stop.binCode, code);
}

/** The verdict on a scan main has identified, against the stop the picker stands at. */
export function judgeScan(walk: Walk, answer: PickScanAnswer): Judgement {
  const i = currentIndex(walk);
  const stop = walk.stops[i];
  const p = walk.progress[i];
  if (!stop || !p) return { verdict: 'error', reason: 'wave-done' };
  switch (answer.kind) {
    case 'bin':
      if (stop.binCode === null) return { verdict: 'error', reason: 'stop-has-no-bin', expected: stop.sku };
      if (!sameCode(answer.code, stop.binCode)) return { verdict: 'error', reason: 'wrong-bin', expected: stop.binCode };
      return { verdict: 'ok', event: { kind: 'bin', productId: stop.productId } };
    case 'item': {
      if (needsBin(stop, p)) return { verdict: 'error', reason: 'scan-bin-first', expected: stop.binCode ?? '', sku: answer.sku };
      if (answer.productId !== stop.productId) return { verdict: 'error', reason: 'wrong-item', expected: stop.sku, sku: answer.sku };
      const left = unitsLeft(stop, p);
      if (answer.units > left) return { verdict: 'error', reason: 'over-quantity', sku: answer.sku, left, units: answer.units };
      return { verdict: 'ok', event: { kind: 'item', productId: stop.productId, units: answer.units } };
    }
    case 'unknown':
      return { verdict: 'error', reason: 'unknown-code', ...(needsBin(stop, p) ? { expected: stop.binCode ?? '' } : { expected: stop.sku }) };
  }
}

/**
 * The shelf is empty (or holds fewer than the stop needs): the rest of the stop is short. Only from the shelf itself —
 * the bin scanned first — so a short is never recorded against a bin the picker did not look at.
 */
export function judgeShort(walk: Walk): Judgement {
  const i = currentIndex(walk);
  const stop = walk.stops[i];
  const p = walk.progress[i];
  if (!stop || !p) return { verdict: 'error', reason: 'wave-done' };
  if (needsBin(stop, p)) return { verdict: 'error', reason: 'scan-bin-first', expected: stop.binCode ?? '' };
  return { verdict: 'ok', event: { kind: 'short', productId: stop.productId } };
}

/**
 * Applies an accepted action. Replays must survive a pick list that shrank since (an order cancelled mid-wave), so
 * counts are clamped to what the stop needs now and actions on products no longer in the wave are dropped.
 */
export function applyEvent(walk: Walk, e: WalkEvent): Walk {
  const i = walk.stops.findIndex((s) => s.productId === e.productId);
  const stop = walk.stops[i];
  const p = walk.progress[i];
  if (!stop || !p) return walk;
  const left = unitsLeft(stop, p);
  const next: StopProgress =
    e.kind === 'bin' ? { ...p, binOk: true } : e.kind === 'item' ? { ...p, binOk: true, picked: p.picked + Math.min(e.units, left) } : { ...p, binOk: true, short: p.short + left };
  const progress = [...walk.progress];
  progress[i] = next;
  return { stops: walk.stops, progress };
}

export function replay(list: Pick<PickList, 'lines'>, events: readonly WalkEvent[]): Walk {
  return events.reduce(applyEvent, startWalk(list));
}

/** Same code accepted moments ago: the same unit read twice, refused before it is counted. */
export function isDoubleScan(accepted: readonly { kind: string; code: string; at: number }[], code: string, now: number): boolean {
  return accepted.some((a) => a.kind === 'item' && a.code === code && now - a.at < DOUBLE_SCAN_MS);
}

export interface ToteSlot extends StopShare {
  filled: number;
  short: number;
}

/** Each tote's share of a stop, filled in list order; the short units fall on the last totes, as main records them. */
export function toteSlots(stop: Stop, p: StopProgress): ToteSlot[] {
  const shortFrom = stop.total - p.short;
  let before = 0;
  return fillShares(stop.shares, p.picked).map((s) => {
    const short = Math.max(0, Math.min(s.quantity, before + s.quantity - shortFrom));
    before += s.quantity;
    return { ...s, short };
  });
}

/** Where the units of one accepted item scan go: `units` more into the totes after the `picked` already there. */
export function placements(stop: Stop, picked: number, units: number): { tote: string; units: number }[] {
  const before = fillShares(stop.shares, picked);
  const after = fillShares(stop.shares, picked + units);
  return after.flatMap((s, k) => {
    const n = s.filled - before[k]!.filled;
    return n > 0 ? [{ tote: s.tote ?? s.orderId, units: n }] : [];
  });
}

export function results(walk: Walk): StopResult[] {
  return walk.stops.map((s, k) => ({ productId: s.productId, picked: walk.progress[k]!.picked, short: walk.progress[k]!.short }));
}

export function totals(walk: Walk): { units: number; picked: number; short: number } {
  return walk.stops.reduce((t, s, k) => ({ units: t.units + s.total, picked: t.picked + walk.progress[k]!.picked, short: t.short + walk.progress[k]!.short }), { units: 0, picked: 0, short: 0 });
}
