import { describe, expect, it } from 'vitest';
import { candidateWarehouses, planAllocation, type PlanInput, type PlanLine } from '../../main/services/fulfillment/allocation';
import type { AllocationRule } from '../../shared/domain/fulfillment';

const SZ = 1; // 深圳仓 (domestic)
const LA = 2; // overseas 3PL in Los Angeles
const DE = 3; // overseas 3PL in Germany
const MUG = 10;
const LID = 11;
const SET = 20; // bundle: 1 mug + 2 lids

const line = (orderItemId: string, productId: number, quantity: number, perUnit = [{ productId, quantity: 1 }]): PlanLine => ({ orderItemId, productId, quantity, perUnit });
const setLine = (orderItemId: string, quantity: number) => line(orderItemId, SET, quantity, [{ productId: MUG, quantity: 1 }, { productId: LID, quantity: 2 }]);

let ids = 1;
const rule = (priority: number, warehouseId: number, countries: string[] | null, enabled = true): AllocationRule => ({ id: ids++, priority, warehouseId, countries, enabled });
const RULES = [rule(1, LA, ['US', 'CA']), rule(2, DE, ['DE', 'FR', 'IT']), rule(9, SZ, null)];

function plan(stock: Record<number, Record<number, number>>, p: Partial<PlanInput> & { lines: PlanLine[] }) {
  return planAllocation({
    country: 'US',
    warehouses: [{ id: SZ }, { id: LA }, { id: DE }],
    rules: RULES,
    available: (w, product) => stock[w]?.[product] ?? 0,
    backorder: new Set(),
    allowSplit: false,
    skuOf: (id) => ({ [MUG]: 'MUG', [LID]: 'LID', [SET]: 'SET' })[id] ?? String(id),
    ...p,
  });
}

describe('allocation', () => {
  it('serves a destination from its region first, everywhere else from the catch-all', () => {
    const stock = { [SZ]: { [MUG]: 50 }, [LA]: { [MUG]: 5 }, [DE]: { [MUG]: 5 } };
    const to = (country: string) => {
      const p = plan(stock, { country, lines: [line('i1', MUG, 2)] });
      return p.ok ? p.packages.map((x) => x.warehouseId) : p.shortage.cause;
    };
    expect([to('US'), to('FR'), to('JP')]).toEqual([[LA], [DE], [SZ]]);
  });

  it('not enough in the preferred warehouse but enough in the next: the whole order comes from the next', () => {
    const p = plan({ [LA]: { [MUG]: 1 }, [SZ]: { [MUG]: 3 } }, { lines: [line('i1', MUG, 3)] });
    expect(p).toEqual({ ok: true, packages: [{ packageNo: 1, warehouseId: SZ, items: [{ orderItemId: 'i1', quantity: 3 }], units: [{ productId: MUG, quantity: 3 }] }] });
  });

  it('split off: stock spread over two warehouses is an exception saying so', () => {
    const stock = { [LA]: { [MUG]: 2 }, [SZ]: { [MUG]: 3, [LID]: 1 } };
    const p = plan(stock, { lines: [line('i1', MUG, 4), line('i2', LID, 1)] });
    expect(p).toEqual({ ok: false, shortage: { sku: 'MUG', needed: 4, available: 3, otherSkus: 0, cause: 'split-off' } });
  });

  it('split on: one package per warehouse with exact order-item quantities', () => {
    const stock = { [LA]: { [MUG]: 2 }, [SZ]: { [MUG]: 3, [LID]: 1 } };
    const p = plan(stock, { allowSplit: true, lines: [line('i1', MUG, 4), line('i2', LID, 1)] });
    expect(p).toEqual({
      ok: true,
      packages: [
        { packageNo: 1, warehouseId: LA, items: [{ orderItemId: 'i1', quantity: 2 }], units: [{ productId: MUG, quantity: 2 }] },
        { packageNo: 2, warehouseId: SZ, items: [{ orderItemId: 'i1', quantity: 2 }, { orderItemId: 'i2', quantity: 1 }], units: [{ productId: MUG, quantity: 2 }, { productId: LID, quantity: 1 }] },
      ],
    });
  });

  it('split on but still short overall: reports the total across warehouses', () => {
    const p = plan({ [LA]: { [MUG]: 2 }, [SZ]: { [MUG]: 1 } }, { allowSplit: true, lines: [line('i1', MUG, 4)] });
    expect(p).toEqual({ ok: false, shortage: { sku: 'MUG', needed: 4, available: 3, otherSkus: 0, cause: 'short' } });
  });

  it('bundles reserve their components: 2 sets need 2 mugs and 4 lids, and a split never breaks a set', () => {
    expect(plan({ [LA]: { [MUG]: 2, [LID]: 3 }, [SZ]: { [MUG]: 2, [LID]: 4 } }, { lines: [setLine('i1', 2)] })).toMatchObject({ ok: true, packages: [{ warehouseId: SZ, units: [{ productId: MUG, quantity: 2 }, { productId: LID, quantity: 4 }] }] });
    const split = plan({ [LA]: { [MUG]: 2, [LID]: 3 }, [SZ]: { [MUG]: 1, [LID]: 2 } }, { allowSplit: true, lines: [setLine('i1', 2)] });
    expect(split).toMatchObject({ ok: true, packages: [{ warehouseId: LA, items: [{ orderItemId: 'i1', quantity: 1 }], units: [{ productId: MUG, quantity: 1 }, { productId: LID, quantity: 2 }] }, { warehouseId: SZ, items: [{ orderItemId: 'i1', quantity: 1 }] }] });
    expect(plan({ [SZ]: { [MUG]: 5, [LID]: 3 } }, { lines: [setLine('i1', 2)] })).toEqual({ ok: false, shortage: { sku: 'LID', needed: 4, available: 3, otherSkus: 0, cause: 'short' } });
  });

  it('a product sold on backorder never holds an order up', () => {
    const p = plan({}, { backorder: new Set([MUG]), lines: [line('i1', MUG, 3)] });
    expect(p).toMatchObject({ ok: true, packages: [{ warehouseId: LA }] });
  });

  it('no stock anywhere, or no rule serving the country, is stock-insufficient', () => {
    expect(plan({}, { lines: [line('i1', MUG, 1), line('i2', LID, 1)] })).toEqual({ ok: false, shortage: { sku: 'MUG', needed: 1, available: 0, otherSkus: 1, cause: 'short' } });
    const usOnly = [rule(1, LA, ['US'])];
    expect(plan({ [LA]: { [MUG]: 9 } }, { country: 'JP', rules: usOnly, lines: [line('i1', MUG, 1)] })).toMatchObject({ ok: false, shortage: { cause: 'no-warehouse' } });
  });

  it('never uses a warehouse that is not allocatable (FBA, archived) or a disabled rule; without rules, every allocatable one', () => {
    const FBA = 4;
    expect(candidateWarehouses([rule(1, FBA, null), rule(2, SZ, null)], [{ id: SZ }], 'US')).toEqual([SZ]);
    expect(candidateWarehouses([rule(1, LA, ['US'], false), rule(2, SZ, null)], [{ id: SZ }, { id: LA }], 'US')).toEqual([SZ]);
    expect(candidateWarehouses([], [{ id: SZ }, { id: LA }], 'US')).toEqual([SZ, LA]);
  });
});
