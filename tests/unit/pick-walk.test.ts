import { describe, expect, it } from 'vitest';
import type { PickList, PickScanAnswer } from '../../shared/ipc/channels/picking';
import {
  applyEvent,
  currentIndex,
  DOUBLE_SCAN_MS,
  isCurrentBin,
  isDoubleScan,
  isWalked,
  judgeScan,
  judgeShort,
  placements,
  replay,
  results,
  startWalk,
  toteSlots,
  totals,
  type Walk,
  type WalkEvent,
} from '../../renderer/screens/picking/pick-walk';

const O1 = '111-0000001-0000001';
const O2 = '111-0000002-0000002';
const O3 = '111-0000003-0000003';

type Line = PickList['lines'][number];
const line = (productId: number, sku: string, binCode: string | null, shares: [string, string, number][]): Line => ({
  productId,
  sku,
  name: `${sku} name`,
  binCode,
  pickOrder: null,
  total: shares.reduce((n, [, , q]) => n + q, 0),
  short: 0,
  orders: shares.map(([orderId, tote, quantity]) => ({ orderId, tote, quantity, short: 0 })),
});

/** The wave of the e2e test plus a product without a bin: B-05 first (T01 ×1, T03 ×3), then A-01 (T01 ×2, T02 ×1), then C. */
const LINES = [line(2, 'SKU-B', 'B-05', [[O2, 'T01', 1], [O3, 'T03', 3]]), line(1, 'SKU-A', 'A-01', [[O2, 'T01', 2], [O1, 'T02', 1]]), line(3, 'SKU-C', null, [[O2, 'T01', 1]])];

const bin = (code: string): PickScanAnswer => ({ kind: 'bin', code });
const item = (productId: number, sku: string, units = 1): PickScanAnswer => ({ kind: 'item', productId, sku, units });
const B = item(2, 'SKU-B');
const A = item(1, 'SKU-A');

/** Scans through the walk as the station does: judge, then apply what was accepted. Returns the walk and the verdicts. */
function walkThrough(walk: Walk, answers: (PickScanAnswer | 'short')[]) {
  const verdicts: string[] = [];
  for (const a of answers) {
    const j = a === 'short' ? judgeShort(walk) : judgeScan(walk, a);
    verdicts.push(j.verdict === 'ok' ? `ok:${j.event.kind}` : j.reason);
    if (j.verdict === 'ok') walk = applyEvent(walk, j.event);
  }
  return { walk, verdicts };
}

describe('walking a wave stop by stop', () => {
  it('starts at the first stop in bin order and wants its bin before any unit or short', () => {
    const walk = startWalk({ lines: LINES });
    expect(currentIndex(walk)).toBe(0);
    expect(judgeScan(walk, B)).toEqual({ verdict: 'error', reason: 'scan-bin-first', expected: 'B-05', sku: 'SKU-B' });
    expect(judgeShort(walk)).toEqual({ verdict: 'error', reason: 'scan-bin-first', expected: 'B-05' });
    expect(judgeScan(walk, { kind: 'unknown' })).toEqual({ verdict: 'error', reason: 'unknown-code', expected: 'B-05' });
  });

  it('refuses another bin naming the one to go to, and takes its own bin in any letter case', () => {
    const walk = startWalk({ lines: LINES });
    expect(judgeScan(walk, bin('A-01'))).toEqual({ verdict: 'error', reason: 'wrong-bin', expected: 'B-05' });
    expect(isCurrentBin(walk, 'b-05')).toBe(true);
    expect(isCurrentBin(walk, 'A-01')).toBe(false);
    expect(judgeScan(walk, bin('b-05'))).toEqual({ verdict: 'ok', event: { kind: 'bin', productId: 2 } });
  });

  it('at the shelf, refuses a wrong item naming the right SKU and counts nothing', () => {
    const { walk, verdicts } = walkThrough(startWalk({ lines: LINES }), [bin('B-05'), A, { kind: 'unknown' }]);
    expect(verdicts).toEqual(['ok:bin', 'wrong-item', 'unknown-code']);
    expect(judgeScan(walk, A)).toMatchObject({ reason: 'wrong-item', expected: 'SKU-B', sku: 'SKU-A' });
    expect(walk.progress[0]).toEqual({ binOk: true, picked: 0, short: 0 });
  });

  it('counts a case code as its units, refuses a scan beyond what the stop still needs, then advances', () => {
    const first = walkThrough(startWalk({ lines: LINES }), [bin('B-05'), B]);
    expect(judgeScan(first.walk, item(2, 'SKU-B', 4))).toEqual({ verdict: 'error', reason: 'over-quantity', sku: 'SKU-B', left: 3, units: 4 });
    expect(first.walk.progress[0]!.picked).toBe(1);
    const { walk, verdicts } = walkThrough(first.walk, [item(2, 'SKU-B', 3)]);
    expect(verdicts).toEqual(['ok:item']);
    expect(walk.progress[0]).toEqual({ binOk: true, picked: 4, short: 0 });
    // Stop two: its own bin again before its units, and the old bin is now the wrong one.
    expect(currentIndex(walk)).toBe(1);
    expect(judgeScan(walk, A)).toMatchObject({ reason: 'scan-bin-first', expected: 'A-01' });
    expect(judgeScan(walk, bin('B-05'))).toMatchObject({ reason: 'wrong-bin', expected: 'A-01' });
    expect(judgeScan(walk, B)).toMatchObject({ reason: 'scan-bin-first' });
  });

  it('a short pick takes the rest of the stop as missing, the last totes go short, and the walk moves on', () => {
    const { walk, verdicts } = walkThrough(startWalk({ lines: LINES }), [bin('B-05'), item(2, 'SKU-B', 4), bin('A-01'), A, 'short']);
    expect(verdicts).toEqual(['ok:bin', 'ok:item', 'ok:bin', 'ok:item', 'ok:short']);
    expect(walk.progress[1]).toEqual({ binOk: true, picked: 1, short: 2 });
    expect(toteSlots(walk.stops[1]!, walk.progress[1]!).map((s) => [s.tote, s.filled, s.short])).toEqual([
      ['T01', 1, 1],
      ['T02', 0, 1],
    ]);
    expect(currentIndex(walk)).toBe(2);
    expect(totals(walk)).toEqual({ units: 8, picked: 5, short: 2 });
  });

  it('a stop without a bin starts at its items and refuses a bin scan', () => {
    const { walk } = walkThrough(startWalk({ lines: LINES }), [bin('B-05'), item(2, 'SKU-B', 4), bin('A-01'), item(1, 'SKU-A', 3)]);
    expect(currentIndex(walk)).toBe(2);
    expect(judgeScan(walk, bin('A-01'))).toEqual({ verdict: 'error', reason: 'stop-has-no-bin', expected: 'SKU-C' });
    expect(judgeScan(walk, { kind: 'unknown' })).toMatchObject({ reason: 'unknown-code', expected: 'SKU-C' });
    const done = walkThrough(walk, [item(3, 'SKU-C')]).walk;
    expect(isWalked(done)).toBe(true);
    expect(judgeScan(done, B)).toEqual({ verdict: 'error', reason: 'wave-done' });
    expect(judgeShort(done)).toEqual({ verdict: 'error', reason: 'wave-done' });
    expect(results(done)).toEqual([
      { productId: 2, picked: 4, short: 0 },
      { productId: 1, picked: 3, short: 0 },
      { productId: 3, picked: 1, short: 0 },
    ]);
  });

  it('a short of a whole stop (empty bin) is allowed once the bin is scanned', () => {
    const { walk, verdicts } = walkThrough(startWalk({ lines: LINES }), ['short', bin('B-05'), 'short']);
    expect(verdicts).toEqual(['scan-bin-first', 'ok:bin', 'ok:short']);
    expect(walk.progress[0]).toEqual({ binOk: true, picked: 0, short: 4 });
    expect(toteSlots(walk.stops[0]!, walk.progress[0]!).map((s) => s.short)).toEqual([1, 3]);
  });
});

describe('where the units go and what survives a reload', () => {
  it('says which totes a scan fills, earliest ship-by first', () => {
    const stop = startWalk({ lines: LINES }).stops[0]!;
    expect(placements(stop, 0, 3)).toEqual([
      { tote: 'T01', units: 1 },
      { tote: 'T03', units: 2 },
    ]);
    expect(placements(stop, 3, 1)).toEqual([{ tote: 'T03', units: 1 }]);
  });

  it('replaying the journal rebuilds the same walk, at the same stop with the same counts', () => {
    const events: WalkEvent[] = [
      { kind: 'bin', productId: 2 },
      { kind: 'item', productId: 2, units: 4 },
      { kind: 'bin', productId: 1 },
      { kind: 'item', productId: 1, units: 1 },
    ];
    const walk = replay({ lines: LINES }, events);
    expect(currentIndex(walk)).toBe(1);
    expect(walk.progress.slice(0, 2)).toEqual([
      { binOk: true, picked: 4, short: 0 },
      { binOk: true, picked: 1, short: 0 },
    ]);
    expect(judgeScan(walk, A)).toMatchObject({ verdict: 'ok' });
  });

  it('replayed over a pick list that shrank (an order cancelled mid-wave), counts are clamped and gone products ignored', () => {
    // O3 cancelled: SKU-B needs only T01's unit; SKU-C's only order left too.
    const shrunk = [line(2, 'SKU-B', 'B-05', [[O2, 'T01', 1]]), line(1, 'SKU-A', 'A-01', [[O2, 'T01', 2], [O1, 'T02', 1]])];
    const walk = replay({ lines: shrunk }, [
      { kind: 'bin', productId: 2 },
      { kind: 'item', productId: 2, units: 3 },
      { kind: 'item', productId: 3, units: 1 },
      { kind: 'short', productId: 1 },
    ]);
    expect(results(walk)).toEqual([
      { productId: 2, picked: 1, short: 0 },
      { productId: 1, picked: 0, short: 3 },
    ]);
    expect(isWalked(walk)).toBe(true);
  });

  it('the same code accepted within the double-scan window is one unit read twice', () => {
    const accepted = [{ kind: 'item', code: '6901234567892', at: 10_000 }];
    expect(isDoubleScan(accepted, '6901234567892', 10_000 + DOUBLE_SCAN_MS - 1)).toBe(true);
    expect(isDoubleScan(accepted, '6901234567892', 10_000 + DOUBLE_SCAN_MS)).toBe(false);
    expect(isDoubleScan(accepted, 'SKU-A', 10_100)).toBe(false);
    expect(isDoubleScan([{ kind: 'bin', code: 'B-05', at: 10_000 }], 'B-05', 10_100)).toBe(false);
  });
});
