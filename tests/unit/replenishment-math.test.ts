import { describe, expect, it } from 'vitest';
import {
  averageDailyBalance,
  blendedVelocity,
  coverStatus,
  DAY_MS,
  daysOfCover,
  reorderPoint,
  suggestedQuantity,
  turnover,
} from '../../main/services/purchasing/replenishment';

describe('sales velocity', () => {
  it('takes the faster of the 7- and 30-day rates, so a SKU taking off is ordered at its new pace', () => {
    expect(blendedVelocity({ sold7: 70, sold30: 300, sold90: 900 })).toBe(10);
    // Launched last week: 30-day rate 70/30 = 2.33, 7-day rate 10.
    expect(blendedVelocity({ sold7: 70, sold30: 70, sold90: 70 })).toBe(10);
    // A quiet week does not halve the order: 30-day rate 8 wins over 7-day rate 2.
    expect(blendedVelocity({ sold7: 14, sold30: 240, sold90: 700 })).toBe(8);
  });

  it('falls back to the 90-day rate for slow movers with nothing sold in 30 days, and is 0 without sales', () => {
    expect(blendedVelocity({ sold7: 0, sold30: 0, sold90: 45 })).toBe(0.5);
    expect(blendedVelocity({ sold7: 0, sold30: 0, sold90: 0 })).toBe(0);
  });
});

describe('days of cover, reorder point, status', () => {
  it('counts available + in transit + on order against velocity', () => {
    expect(daysOfCover(40 + 20 + 100, 10)).toBe(16);
    expect(daysOfCover(7, 3)).toBe(2.3);
    expect(daysOfCover(-5, 3)).toBe(0);
    expect(daysOfCover(100, 0)).toBeNull();
  });

  it('sets the reorder point at velocity × (lead time + safety days), in whole units', () => {
    expect(reorderPoint(10, 30, 14)).toBe(440);
    expect(reorderPoint(1 / 3, 30, 14)).toBe(15);
    // 0.1 × 30 is 3.0000000000000004 in floating point: still 3 units, not 4.
    expect(reorderPoint(0.1, 30, 0)).toBe(3);
  });

  it('flags stockout risk when the position runs out before an order placed today could arrive', () => {
    const rop = reorderPoint(10, 30, 14);
    expect(coverStatus({ velocity: 10, position: 160, leadTimeDays: 30, reorderPoint: rop })).toBe('stockout-risk');
    expect(coverStatus({ velocity: 10, position: 300, leadTimeDays: 30, reorderPoint: rop })).toBe('reorder');
    expect(coverStatus({ velocity: 10, position: 440, leadTimeDays: 30, reorderPoint: rop })).toBe('reorder');
    expect(coverStatus({ velocity: 10, position: 441, leadTimeDays: 30, reorderPoint: rop })).toBe('ok');
    expect(coverStatus({ velocity: 0, position: 0, leadTimeDays: 30, reorderPoint: 0 })).toBe('no-sales');
  });

  it('suggests enough for lead time + safety + review period, rounded up to whole cases', () => {
    // Target 10 × (30 + 14 + 30) = 740; position 160 → 580 units.
    expect(suggestedQuantity({ velocity: 10, position: 160, leadTimeDays: 30, safetyDays: 14, reviewDays: 30, casePack: 1 })).toBe(580);
    // Cartons of 24: 25 cartons.
    expect(suggestedQuantity({ velocity: 10, position: 160, leadTimeDays: 30, safetyDays: 14, reviewDays: 30, casePack: 24 })).toBe(600);
    expect(suggestedQuantity({ velocity: 10, position: 900, leadTimeDays: 30, safetyDays: 14, reviewDays: 30, casePack: 24 })).toBe(0);
  });
});

describe('turnover from daily balances', () => {
  const start = Date.parse('2026-08-25T00:00:00.000Z');

  it('averages end-of-day balances rebuilt from the ledger deltas, not today’s level', () => {
    // 0 on hand at the end of days 1–45, 180 received on day 46: the average over 90 days is 90, although today shows 180.
    const avg = averageDailyBalance(0, [{ at: start + 45 * DAY_MS + 3_600_000, delta: 180 }], start, 90);
    expect(avg).toBe(90);
    expect(turnover(270, avg)).toBe(3);
  });

  it('starts from the opening balance and applies deltas in time order', () => {
    const deltas = [
      { at: start + 2 * DAY_MS + 1, delta: -10 },
      { at: start + DAY_MS / 2, delta: -10 },
    ];
    // Days 1 and 2 end at 20, day 3 at 10: the second delta lands 1 ms after day 2 ends.
    expect(averageDailyBalance(30, deltas, start, 3)).toBeCloseTo((20 + 20 + 10) / 3);
  });

  it('is undefined when nothing was on hand', () => {
    expect(turnover(10, 0)).toBeNull();
  });
});
