import { afterEach, describe, expect, it } from 'vitest';
import { expandBundles, pickListFor } from '../../main/services/inventory/bundles';
import { AppError } from '../../shared/ipc/errors';
import { fixedClock, insertBundle, insertProduct, inventoryServices, receive } from '../support/inventory-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

/** A domestic warehouse with three component SKUs on shelves walked in the order C, A, B, and two kinds of set (套). */
async function setup() {
  const core = await tempCore({ clock: fixedClock, sync: { autoStart: false } });
  cores.push(core);
  const { warehouses, inventory } = inventoryServices(core.db);
  const sz = await warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const a = await insertProduct(core.db, 'BOWL-A', { name: '碗' });
  const b = await insertProduct(core.db, 'PLATE-B', { name: '盘子' });
  const c = await insertProduct(core.db, 'CUP-C', { name: '杯子' });
  const loose = await insertProduct(core.db, 'SPOON-D', { name: '勺子' });
  // A dinner set of three different pieces, and a set of three identical cups.
  const dinnerSet = await insertBundle(core.db, 'DINNER-SET-3', [[a, 1], [b, 1], [c, 1]], '三件套餐具');
  const cupSet = await insertBundle(core.db, 'CUP-SET-3', [[c, 3]], '杯子三只装');
  const bins = {
    a: await warehouses.createBin({ warehouseId: sz.id, code: 'A-03', pickOrder: 30 }),
    b: await warehouses.createBin({ warehouseId: sz.id, code: 'B-01', pickOrder: 50 }),
    c: await warehouses.createBin({ warehouseId: sz.id, code: 'A-01', pickOrder: 10 }),
  };
  await warehouses.assignBin({ productId: a, binId: bins.a.id });
  await warehouses.assignBin({ productId: b, binId: bins.b.id });
  await warehouses.assignBin({ productId: c, binId: bins.c.id });
  await receive(core.db, [
    { productId: a, warehouseId: sz.id, onHand: 10 },
    { productId: b, warehouseId: sz.id, onHand: 10 },
    { productId: c, warehouseId: sz.id, onHand: 10 },
  ]);
  return { core, inventory, sz, a, b, c, loose, dinnerSet, cupSet };
}

describe('bundles (套) consume their components', () => {
  it('selling 2 three-piece sets (A+B+C) reserves 6 component units and the pick list shows A, B, C in bin order', async () => {
    const { core, inventory, sz, a, b, c, dinnerSet } = await setup();
    const levels = await core.db.transaction((trx) => inventory.reserveForOrder(trx, { orderId: '249-1000001-0000001', warehouseId: sz.id, lines: [{ productId: dinnerSet, quantity: 2 }] }));
    expect(levels.map((l) => [l.productId, l.reserved, l.available])).toEqual([[a, 2, 8], [b, 2, 8], [c, 2, 8]]);
    expect(levels.reduce((n, l) => n + l.reserved, 0)).toBe(6);
    // The set itself never gets a balance.
    expect(await core.db('stock_levels').where({ product_id: dinnerSet }).count({ n: '*' }).first()).toEqual({ n: 0 });

    expect(await pickListFor(core.db, { warehouseId: sz.id, lines: [{ productId: dinnerSet, quantity: 2 }] })).toEqual([
      { productId: c, sku: 'CUP-C', name: '杯子', quantity: 2, binCode: 'A-01', pickOrder: 10 },
      { productId: a, sku: 'BOWL-A', name: '碗', quantity: 2, binCode: 'A-03', pickOrder: 30 },
      { productId: b, sku: 'PLATE-B', name: '盘子', quantity: 2, binCode: 'B-01', pickOrder: 50 },
    ]);

    await core.db.transaction((trx) => inventory.shipOrder(trx, '249-1000001-0000001'));
    expect((await inventory.levels({ warehouseId: sz.id, limit: 10 })).rows.map((r) => [r.sku, r.totals.onHand, r.totals.reserved])).toEqual([
      ['BOWL-A', 8, 0],
      ['CUP-C', 8, 0],
      ['PLATE-B', 8, 0],
    ]);
  });

  it('selling 2 sets of three identical cups reserves 6 cups, picked as one line of 6', async () => {
    const { core, inventory, sz, c, cupSet } = await setup();
    const levels = await core.db.transaction((trx) => inventory.reserveForOrder(trx, { orderId: '249-1000002-0000002', warehouseId: sz.id, lines: [{ productId: cupSet, quantity: 2 }] }));
    expect(levels).toEqual([{ productId: c, warehouseId: sz.id, onHand: 10, reserved: 6, inTransit: 0, available: 4 }]);
    expect(await pickListFor(core.db, { warehouseId: sz.id, lines: [{ productId: cupSet, quantity: 2 }] })).toEqual([
      { productId: c, sku: 'CUP-C', name: '杯子', quantity: 6, binCode: 'A-01', pickOrder: 10 },
    ]);
    expect((await inventory.movements(c, { limit: 5 })).rows.map((m) => [m.kind, m.reservedDelta, m.refType, m.refId])[0]).toEqual(['reserve', 6, 'order', '249-1000002-0000002']);
  });

  it('sums a component shared by a set and a loose line; unbinned products come last', async () => {
    const { core, sz, a, b, c, loose, dinnerSet, cupSet } = await setup();
    const lines = [{ productId: loose, quantity: 1 }, { productId: cupSet, quantity: 1 }, { productId: dinnerSet, quantity: 1 }, { productId: c, quantity: 2 }];
    expect(await expandBundles(core.db, lines)).toEqual([
      { productId: loose, quantity: 1 },
      { productId: c, quantity: 6 },
      { productId: a, quantity: 1 },
      { productId: b, quantity: 1 },
    ]);
    expect((await pickListFor(core.db, { warehouseId: sz.id, lines })).map((l) => [l.sku, l.quantity, l.binCode])).toEqual([
      ['CUP-C', 6, 'A-01'],
      ['BOWL-A', 1, 'A-03'],
      ['PLATE-B', 1, 'B-01'],
      ['SPOON-D', 1, null],
    ]);
  });

  it('refuses a set when one component is short, reserving none of the others', async () => {
    const { core, inventory, sz, dinnerSet } = await setup();
    const before = await snapshotDb(core);
    const err = await core.db
      .transaction((trx) => inventory.reserveForOrder(trx, { orderId: '249-1000003-0000003', warehouseId: sz.id, lines: [{ productId: dinnerSet, quantity: 11 }] }))
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).params).toEqual({ reason: 'insufficient-stock', sku: 'BOWL-A', warehouse: 'CN-SZ', available: 10, requested: 11 });
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('refuses a set with no components and an unknown product', async () => {
    const { core } = await setup();
    const empty = await insertProduct(core.db, 'EMPTY-SET', { kind: 'bundle' });
    await expect(expandBundles(core.db, [{ productId: empty, quantity: 1 }])).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'productId', reason: 'bundle-without-components', sku: 'EMPTY-SET' } });
    await expect(expandBundles(core.db, [{ productId: 999, quantity: 1 }])).rejects.toMatchObject({ code: 'not-found', params: { entity: 'product', id: 999 } });
    await expect(expandBundles(core.db, [{ productId: empty, quantity: 0 }])).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'quantity' } });
  });
});
