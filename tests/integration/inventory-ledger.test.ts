import { afterEach, describe, expect, it } from 'vitest';
import { ensureFbaWarehouse } from '../../main/db/repositories/warehouses.repo';
import type { StockChangedHook } from '../../main/services/inventory/inventory.service';
import { postMovements } from '../../main/services/inventory/ledger';
import { AppError } from '../../shared/ipc/errors';
import { fixedClock, insertBundle, insertProduct, inventoryServices, NOW, receive } from '../support/inventory-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

async function setup(opts: { onStockChanged?: StockChangedHook } = {}) {
  const core = await tempCore({ clock: fixedClock, sync: { autoStart: false } });
  cores.push(core);
  const { warehouses, inventory } = inventoryServices(core.db, opts);
  const sz = await warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const lax = await warehouses.create({ code: 'US-LAX', name: '洛杉矶海外仓', kind: 'overseas' });
  const mug = await insertProduct(core.db, 'MUG-WHITE-350', { name: '陶瓷马克杯 白色 350ml' });
  await receive(core.db, [
    { productId: mug, warehouseId: sz.id, onHand: 40 },
    { productId: mug, warehouseId: lax.id, onHand: 12 },
  ]);
  return { core, warehouses, inventory, sz, lax, mug };
}

/** Runs a call that must be refused and returns its typed error. */
async function refusal(call: () => Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await call();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('the call was accepted');
}

describe('stock adjustments (盘点 / 报损)', () => {
  it('post a ledger row with who, when and why, change available stock, and leave an audit row', async () => {
    const { core, inventory, sz, mug } = await setup();

    const damaged = await inventory.adjust({ productId: mug, warehouseId: sz.id, delta: -3, reason: 'damaged', note: '运输破损 2 箱' });
    expect(damaged.level).toEqual({ productId: mug, warehouseId: sz.id, onHand: 37, reserved: 0, inTransit: 0, available: 37 });
    const counted = await inventory.adjust({ productId: mug, warehouseId: sz.id, delta: 2, reason: 'count' });
    expect(counted.level.available).toBe(39);
    expect(counted.movementId).toBeGreaterThan(damaged.movementId);

    const { rows: ledger, hasMore } = await inventory.movements(mug, { warehouseId: sz.id, limit: 10 });
    expect(hasMore).toBe(false);
    expect(ledger.map((m) => [m.kind, m.onHandDelta, m.reason, m.warehouseCode])).toEqual([
      ['adjust', 2, 'count', 'CN-SZ'],
      ['adjust', -3, 'damaged', 'CN-SZ'],
      ['receive', 40, null, 'CN-SZ'],
    ]);
    expect(ledger[1]).toMatchObject({ id: damaged.movementId, note: '运输破损 2 箱', actor: '仓管 李', createdAt: NOW, reservedDelta: 0, inTransitDelta: 0, refType: null });
    // Paging back from the newest row, and across places when no warehouse is named.
    const page = await inventory.movements(mug, { beforeId: counted.movementId, limit: 1 });
    expect([page.rows.map((m) => m.id), page.hasMore]).toEqual([[damaged.movementId], true]);
    expect((await inventory.movements(mug, { limit: 10 })).rows).toHaveLength(4);

    const [audit] = await core.audit.list(1);
    expect(audit).toMatchObject({ action: 'stock.adjust', entity: 'product', entityId: String(mug), actor: '仓管 李', detail: { warehouseId: sz.id, delta: 2, reason: 'count', movementId: counted.movementId } });
    expect(await inventory.verify()).toEqual([]);
  });

  it('refuse a bad adjustment with a typed error and change nothing', async () => {
    const { core, warehouses, inventory, sz, mug } = await setup();
    const set = await insertBundle(core.db, 'MUG-SET-2', [[mug, 2]]);
    const closed = await warehouses.create({ code: 'CN-OLD', name: '旧仓', kind: 'domestic' });
    await warehouses.archive(closed.id);
    const before = await snapshotDb(core);

    const cases: [unknown, { code: string; params: Record<string, unknown> }][] = [
      [{ productId: mug, warehouseId: sz.id, delta: 0, reason: 'count' }, { code: 'invalid-input', params: { field: 'delta', reason: 'zero' } }],
      [{ productId: mug, warehouseId: sz.id, delta: -1 }, { code: 'invalid-input', params: { field: 'reason', reason: 'required' } }],
      [{ productId: mug, warehouseId: sz.id, delta: -1, reason: 'stolen' }, { code: 'invalid-input', params: { field: 'reason', reason: 'invalid_value' } }],
      [{ productId: mug, warehouseId: sz.id, delta: 1.5, reason: 'count' }, { code: 'invalid-input', params: { field: 'delta', reason: 'invalid_type' } }],
      [{ productId: mug, warehouseId: sz.id, delta: 3, reason: 'damaged' }, { code: 'invalid-input', params: { field: 'delta', reason: 'must-be-negative' } }],
      [{ productId: mug, warehouseId: sz.id, delta: -3, reason: 'found' }, { code: 'invalid-input', params: { field: 'delta', reason: 'must-be-positive' } }],
      [{ productId: 999, warehouseId: sz.id, delta: 1, reason: 'found' }, { code: 'not-found', params: { entity: 'product', id: 999 } }],
      [{ productId: mug, warehouseId: 999, delta: 1, reason: 'found' }, { code: 'not-found', params: { entity: 'warehouse', id: 999 } }],
      [{ productId: mug, warehouseId: closed.id, delta: 1, reason: 'found' }, { code: 'invalid-input', params: { field: 'warehouseId', reason: 'warehouse-archived' } }],
      [{ productId: set, warehouseId: sz.id, delta: 1, reason: 'found' }, { code: 'invalid-input', params: { field: 'productId', reason: 'bundle-holds-no-stock', sku: 'MUG-SET-2' } }],
      [{ productId: mug, warehouseId: sz.id, delta: -41, reason: 'lost' }, { code: 'conflict', params: { reason: 'insufficient-stock', sku: 'MUG-WHITE-350', warehouse: 'CN-SZ', available: 40, requested: 41 } }],
    ];
    for (const [input, expected] of cases) {
      expect(await refusal(() => inventory.adjust(input as never)), JSON.stringify(input)).toEqual(expected);
    }
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('go below zero only for a product sold on backorder', async () => {
    const { core, inventory, sz } = await setup();
    const presale = await insertProduct(core.db, 'LAMP-PRESALE', { backorder: true });
    const { level } = await inventory.adjust({ productId: presale, warehouseId: sz.id, delta: -4, reason: 'other' });
    expect(level).toMatchObject({ onHand: -4, available: -4 });
    // Backorder switched off later: the negative balance may still be raised (goods arrive), not lowered further.
    await core.db('products').where({ id: presale }).update({ allow_backorder: false });
    expect((await inventory.adjust({ productId: presale, warehouseId: sz.id, delta: 1, reason: 'found' })).level.onHand).toBe(-3);
    expect(await refusal(() => inventory.adjust({ productId: presale, warehouseId: sz.id, delta: -1, reason: 'lost' }))).toMatchObject({ code: 'conflict', params: { reason: 'insufficient-stock' } });
  });
});

describe('the ledger is immutable', () => {
  it('refuses UPDATE and DELETE of ledger rows in the database itself, through knex and raw SQL', async () => {
    const { core, inventory, sz, mug } = await setup();
    const before = await snapshotDb(core);
    await expect(core.db('stock_movements').update({ on_hand_delta: 999 })).rejects.toThrow(/stock_movements is append-only/);
    await expect(core.db('stock_movements').where({ product_id: mug }).delete()).rejects.toThrow(/append-only/);
    await expect(core.db.raw('DELETE FROM stock_movements')).rejects.toThrow(/append-only/);
    await expect(core.db.raw('UPDATE stock_movements SET actor = ?', ['someone else'])).rejects.toThrow(/append-only/);
    expect(await snapshotDb(core)).toEqual(before);
    // Corrections are new rows.
    await inventory.adjust({ productId: mug, warehouseId: sz.id, delta: -1, reason: 'count' });
    expect(await core.db('stock_movements').count({ n: '*' }).first()).toEqual({ n: 3 });
  });

  it('verify() finds a balance that no longer matches its ledger rows', async () => {
    const { core, inventory, sz, lax, mug } = await setup();
    expect(await inventory.verify()).toEqual([]);
    await core.db('stock_levels').where({ product_id: mug, warehouse_id: lax.id }).update({ on_hand: 15 });
    expect(await inventory.verify()).toEqual([{ productId: mug, warehouseId: lax.id, ledger: { onHand: 12, reserved: 0, inTransit: 0 }, cached: { onHand: 15, reserved: 0, inTransit: 0 } }]);
    await core.db('stock_levels').where({ product_id: mug, warehouse_id: sz.id }).delete();
    expect((await inventory.verify()).map((d) => [d.warehouseId, d.cached])).toEqual([
      [sz.id, null],
      [lax.id, { onHand: 15, reserved: 0, inTransit: 0 }],
    ]);
  });

  it('postMovements refuses outside a transaction, and a refused batch writes none of its rows', async () => {
    const { core, sz, mug } = await setup();
    await expect(postMovements(core.db as never, [{ productId: mug, warehouseId: sz.id, kind: 'receive', onHand: 1 }], { actor: 't', now: NOW })).rejects.toThrow(/transaction/);
    const before = await snapshotDb(core);
    const err = await refusal(() =>
      core.db.transaction((trx) =>
        postMovements(trx, [
          { productId: mug, warehouseId: sz.id, kind: 'receive', onHand: 5 },
          { productId: mug, warehouseId: sz.id, kind: 'release', reserved: -1 },
        ], { actor: 't', now: NOW }),
      ),
    );
    expect(err).toEqual({ code: 'conflict', params: { reason: 'insufficient-reserved', sku: 'MUG-WHITE-350', warehouse: 'CN-SZ', have: 0, requested: 1 } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('transfers between places', () => {
  it('leave the source at once, show in transit at the destination, and are received exactly once', async () => {
    const { core, inventory, sz, lax, mug } = await setup();
    const { transferId, levels } = await inventory.transfer({ productId: mug, fromWarehouseId: sz.id, toWarehouseId: lax.id, quantity: 10, note: '海运 第 46 周' });
    expect(levels).toEqual([
      { productId: mug, warehouseId: sz.id, onHand: 30, reserved: 0, inTransit: 0, available: 30 },
      { productId: mug, warehouseId: lax.id, onHand: 12, reserved: 0, inTransit: 10, available: 12 },
    ]);
    const [row] = (await inventory.levels({ search: 'MUG', limit: 10 })).rows;
    expect(row?.totals).toEqual({ onHand: 42, reserved: 0, inTransit: 10, available: 42 });
    expect((await inventory.movements(mug, { limit: 2 })).rows.map((m) => [m.kind, m.warehouseCode, m.onHandDelta, m.inTransitDelta, m.refType, m.refId])).toEqual([
      ['in-transit', 'US-LAX', 0, 10, 'transfer', transferId],
      ['transfer-out', 'CN-SZ', -10, 0, 'transfer', transferId],
    ]);

    const received = await inventory.receiveTransfer(transferId);
    expect(received).toEqual({ received: true, levels: [{ productId: mug, warehouseId: lax.id, onHand: 22, reserved: 0, inTransit: 0, available: 22 }] });
    const movementsAfter = await core.db('stock_movements').count({ n: '*' }).first();
    expect(await inventory.receiveTransfer(transferId)).toEqual({ received: false, levels: received.levels });
    expect(await core.db('stock_movements').count({ n: '*' }).first()).toEqual(movementsAfter);
    expect((await core.audit.list(2)).map((a) => a.action)).toEqual(['stock.receive-transfer', 'stock.transfer']);
    expect(await inventory.verify()).toEqual([]);
  });

  it('refuse more than is available, a transfer to the same place, and an unknown transfer, changing nothing', async () => {
    const { core, inventory, sz, lax, mug } = await setup();
    const before = await snapshotDb(core);
    expect(await refusal(() => inventory.transfer({ productId: mug, fromWarehouseId: sz.id, toWarehouseId: lax.id, quantity: 41 }))).toEqual({
      code: 'conflict',
      params: { reason: 'insufficient-stock', sku: 'MUG-WHITE-350', warehouse: 'CN-SZ', available: 40, requested: 41 },
    });
    expect(await refusal(() => inventory.transfer({ productId: mug, fromWarehouseId: sz.id, toWarehouseId: sz.id, quantity: 1 }))).toEqual({ code: 'invalid-input', params: { field: 'toWarehouseId', reason: 'same-warehouse' } });
    expect(await refusal(() => inventory.receiveTransfer('no-such-transfer'))).toEqual({ code: 'not-found', params: { entity: 'transfer', id: 'no-such-transfer' } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('order reservations', () => {
  it('reserve once per order, ship or release what is held, and run the stock-changed hook in the same transaction', async () => {
    const calls: number[][] = [];
    let failHook = false;
    const { core, inventory, sz, mug } = await setup({
      onStockChanged: async (trx, productIds) => {
        calls.push(productIds);
        // Stands in for the FBM quantity push queued by another module: it must commit with the posting or not at all.
        await trx('settings').insert({ key: `probe.${calls.length}`, value_json: JSON.stringify(productIds), updated_at: NOW });
        if (failHook) throw new Error('queue unavailable');
      },
    });
    const reserve = (orderId: string, quantity: number) => core.db.transaction((trx) => inventory.reserveForOrder(trx, { orderId, warehouseId: sz.id, lines: [{ productId: mug, quantity }] }));

    expect(await reserve('113-0000001-0000001', 5)).toEqual([{ productId: mug, warehouseId: sz.id, onHand: 40, reserved: 5, inTransit: 0, available: 35 }]);
    expect(await reserve('113-0000001-0000001', 5)).toEqual([]);
    expect(calls).toEqual([[mug]]);
    expect(await core.db('settings').where('key', 'like', 'probe.%').pluck('key')).toEqual(['probe.1']);

    expect(await core.db.transaction((trx) => inventory.shipOrder(trx, '113-0000001-0000001'))).toEqual([{ productId: mug, warehouseId: sz.id, onHand: 35, reserved: 0, inTransit: 0, available: 35 }]);
    expect(await core.db.transaction((trx) => inventory.shipOrder(trx, '113-0000001-0000001'))).toEqual([]);

    await reserve('113-0000002-0000002', 3);
    expect(await core.db.transaction((trx) => inventory.releaseOrder(trx, '113-0000002-0000002'))).toEqual([{ productId: mug, warehouseId: sz.id, onHand: 35, reserved: 0, inTransit: 0, available: 35 }]);
    expect(await core.db.transaction((trx) => inventory.releaseOrder(trx, '113-0000002-0000002'))).toEqual([]);
    expect((await inventory.movements(mug, { limit: 4 })).rows.map((m) => [m.kind, m.onHandDelta, m.reservedDelta, m.refId])).toEqual([
      ['release', 0, -3, '113-0000002-0000002'],
      ['reserve', 0, 3, '113-0000002-0000002'],
      ['ship', -5, -5, '113-0000001-0000001'],
      ['reserve', 0, 5, '113-0000001-0000001'],
    ]);

    // More than is available, or a hook that fails: the order holds nothing afterwards.
    const before = await snapshotDb(core);
    expect(await refusal(() => reserve('113-0000003-0000003', 36))).toMatchObject({ code: 'conflict', params: { reason: 'insufficient-stock', available: 35, requested: 36 } });
    failHook = true;
    await expect(reserve('113-0000003-0000003', 2)).rejects.toThrow('queue unavailable');
    expect(await snapshotDb(core)).toEqual(before);
    expect(await inventory.verify()).toEqual([]);
  });
});

describe('inventory list (虚拟总库存)', () => {
  it('shows one row per SKU across places with totals, searchable by SKU, name or code, paged', async () => {
    const { core, inventory, warehouses, sz, lax, mug } = await setup();
    const lamp = await insertProduct(core.db, 'LAMP-LED-01', { name: 'LED 台灯 护眼 USB' });
    const cable = await insertProduct(core.db, 'CABLE_USB-C', { name: '数据线 1m' });
    await insertBundle(core.db, 'MUG-SET-2', [[mug, 2]]);
    await core.db('product_codes').insert({ product_id: lamp, kind: 'gtin', code: '4006381333931', units: 1 });
    await receive(core.db, [{ productId: lamp, warehouseId: sz.id, onHand: 5 }]);
    await core.db.transaction((trx) => inventory.reserveForOrder(trx, { orderId: '113-1', warehouseId: lax.id, lines: [{ productId: mug, quantity: 2 }] }));

    const all = await inventory.levels({ limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.sku)).toEqual(['CABLE_USB-C', 'LAMP-LED-01']);
    expect(all.rows[0]).toEqual({ productId: cable, sku: 'CABLE_USB-C', name: '数据线 1m', places: [], totals: { onHand: 0, reserved: 0, inTransit: 0, available: 0 } });
    const [mugRow] = (await inventory.levels({ limit: 2, offset: 2 })).rows;
    expect(mugRow).toEqual({
      productId: mug,
      sku: 'MUG-WHITE-350',
      name: '陶瓷马克杯 白色 350ml',
      places: [
        { warehouseId: sz.id, warehouseCode: 'CN-SZ', warehouseKind: 'domestic', onHand: 40, reserved: 0, inTransit: 0, available: 40 },
        { warehouseId: lax.id, warehouseCode: 'US-LAX', warehouseKind: 'overseas', onHand: 12, reserved: 2, inTransit: 0, available: 10 },
      ],
      totals: { onHand: 52, reserved: 2, inTransit: 0, available: 50 },
    });

    const skus = async (query: Parameters<typeof inventory.levels>[0]) => (await inventory.levels(query)).rows.map((r) => r.sku);
    expect(await skus({ search: '马克杯', limit: 10 })).toEqual(['MUG-WHITE-350']);
    expect(await skus({ search: 'led', limit: 10 })).toEqual(['LAMP-LED-01']);
    expect(await skus({ search: '4006381333931', limit: 10 })).toEqual(['LAMP-LED-01']);
    // Wildcards are matched literally.
    expect(await skus({ search: '_', limit: 10 })).toEqual(['CABLE_USB-C']);
    expect(await skus({ search: '%', limit: 10 })).toEqual([]);
    expect(await skus({ warehouseId: lax.id, limit: 10 })).toEqual(['MUG-WHITE-350']);
    const empty = await warehouses.create({ code: 'DE-FRA', name: '法兰克福海外仓', kind: 'overseas' });
    expect(await inventory.levels({ warehouseId: empty.id, limit: 10 })).toEqual({ rows: [], total: 0 });
  });
});

describe('warehouses and bins', () => {
  it('create the three kinds, keep codes unique, and audit every change', async () => {
    const { core, warehouses, sz } = await setup();
    const [storeId] = (await core.db('stores').insert({ name: '美国站 A', region: 'na', created_at: NOW }, ['id'])).map((r) => (typeof r === 'object' ? (r as { id: number }).id : (r as number)));
    const fba = await warehouses.create({ code: 'FBA-US', name: 'FBA 北美', kind: 'fba', storeId: storeId as number, region: 'NA' });
    expect(fba).toEqual({ id: fba.id, code: 'FBA-US', name: 'FBA 北美', kind: 'fba', storeId, region: 'na', archivedAt: null, createdAt: NOW });
    expect((await warehouses.list()).map((w) => [w.code, w.kind])).toEqual([['CN-SZ', 'domestic'], ['FBA-US', 'fba'], ['US-LAX', 'overseas']]);

    const before = await snapshotDb(core);
    expect(await refusal(() => warehouses.create({ code: 'CN-SZ', name: '另一个', kind: 'domestic' }))).toEqual({ code: 'conflict', params: { field: 'code', reason: 'taken', code: 'CN-SZ' } });
    expect(await refusal(() => warehouses.create({ code: 'FBA-EU', name: 'x', kind: 'fba', region: 'eu' }))).toEqual({ code: 'invalid-input', params: { field: 'storeId', reason: 'required' } });
    expect(await refusal(() => warehouses.create({ code: 'FBA-US2', name: 'x', kind: 'fba', storeId: storeId as number, region: 'na' }))).toEqual({ code: 'conflict', params: { field: 'region', reason: 'taken', region: 'na' } });
    expect(await refusal(() => warehouses.create({ code: 'FBA-X', name: 'x', kind: 'fba', storeId: 999, region: 'na' }))).toEqual({ code: 'not-found', params: { entity: 'store', id: 999 } });
    expect(await refusal(() => warehouses.create({ code: 'CN-GZ', name: '广州仓', kind: 'domestic', region: 'na' }))).toEqual({ code: 'invalid-input', params: { field: 'region', reason: 'fba-only' } });
    expect(await refusal(() => warehouses.create({ code: 'has space', name: 'x', kind: 'domestic' }))).toMatchObject({ code: 'invalid-input', params: { field: 'code' } });
    expect(await refusal(() => warehouses.update(sz.id, { code: 'US-LAX' }))).toEqual({ code: 'conflict', params: { field: 'code', reason: 'taken', code: 'US-LAX' } });
    // A place that still holds stock cannot be archived: that stock would disappear from every list.
    expect(await refusal(() => warehouses.archive(sz.id))).toEqual({ code: 'conflict', params: { reason: 'warehouse-has-stock', warehouse: 'CN-SZ' } });
    expect(await snapshotDb(core)).toEqual(before);

    expect(await warehouses.update(sz.id, { name: '深圳龙华仓' })).toMatchObject({ code: 'CN-SZ', name: '深圳龙华仓' });
    const archived = await warehouses.archive(fba.id);
    expect(archived.archivedAt).toBe(NOW);
    expect((await warehouses.list()).map((w) => w.code)).toEqual(['CN-SZ', 'US-LAX']);
    expect((await warehouses.list({ includeArchived: true })).map((w) => w.code)).toEqual(['CN-SZ', 'FBA-US', 'US-LAX']);
    expect((await core.audit.list(10)).map((a) => a.action).reverse()).toEqual(['warehouse.create', 'warehouse.create', 'warehouse.create', 'warehouse.update', 'warehouse.archive']);
  });

  it('ensureFbaWarehouse gives each store × region one FBA warehouse, however often the sync asks', async () => {
    const { core, warehouses } = await setup();
    const storeId = Number((await core.db('stores').insert({ name: '欧洲站', region: 'eu', created_at: NOW }, ['id']).then(([r]) => (typeof r === 'object' ? (r as { id: number }).id : r))));
    await warehouses.create({ code: `FBA-${storeId}-FE`, name: '手工建的', kind: 'domestic' });
    const ids = await core.db.transaction(async (trx) => [
      await ensureFbaWarehouse(trx, { storeId, region: 'eu', name: 'FBA 欧洲', now: NOW }),
      await ensureFbaWarehouse(trx, { storeId, region: 'EU', name: 'FBA 欧洲', now: NOW }),
      await ensureFbaWarehouse(trx, { storeId, region: 'fe', name: 'FBA 日本', now: NOW }),
    ]);
    expect(ids[0]).toBe(ids[1]);
    const fba = (await warehouses.list()).filter((w) => w.kind === 'fba');
    expect(fba.map((w) => [w.id, w.code, w.storeId, w.region])).toEqual([
      [ids[0], `FBA-${storeId}-EU`, storeId, 'eu'],
      [ids[2], `FBA-${storeId}-FE-2`, storeId, 'fe'],
    ]);
  });

  it('bins carry a pick order; products are assigned and unassigned, each change audited once', async () => {
    const { core, warehouses, sz, mug } = await setup();
    const b2 = await warehouses.createBin({ warehouseId: sz.id, code: 'A-02-1', pickOrder: 20 });
    const b1 = await warehouses.createBin({ warehouseId: sz.id, code: 'A-01-3', pickOrder: 10 });
    expect((await warehouses.bins(sz.id)).map((b) => [b.code, b.pickOrder])).toEqual([['A-01-3', 10], ['A-02-1', 20]]);
    expect(await refusal(() => warehouses.createBin({ warehouseId: sz.id, code: 'A-01-3', pickOrder: 5 }))).toEqual({ code: 'conflict', params: { field: 'code', reason: 'taken', code: 'A-01-3' } });
    expect(await refusal(() => warehouses.createBin({ warehouseId: 999, code: 'Z', pickOrder: 5 }))).toEqual({ code: 'not-found', params: { entity: 'warehouse', id: 999 } });

    expect(await warehouses.assignBin({ productId: mug, binId: b1.id })).toEqual({ changed: true });
    expect(await warehouses.assignBin({ productId: mug, binId: b1.id })).toEqual({ changed: false });
    expect(await warehouses.assignBin({ productId: mug, binId: b2.id })).toEqual({ changed: true });
    expect(await warehouses.unassignBin({ productId: mug, binId: b2.id })).toEqual({ changed: true });
    expect(await warehouses.unassignBin({ productId: mug, binId: b2.id })).toEqual({ changed: false });
    expect(await refusal(() => warehouses.assignBin({ productId: 999, binId: b1.id }))).toEqual({ code: 'not-found', params: { entity: 'product', id: 999 } });
    expect(await core.db('product_bins').select('product_id', 'bin_id')).toEqual([{ product_id: mug, bin_id: b1.id }]);
    expect((await core.audit.list(5)).map((a) => a.action).reverse()).toEqual(['bin.create', 'bin.create', 'bin.assign', 'bin.assign', 'bin.unassign']);
  });
});
