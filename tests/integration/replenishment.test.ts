import { afterEach, describe, expect, it } from 'vitest';
import type { CoverRow } from '../../shared/domain/purchasing';
import type { Db } from '../../main/db/connection';
import { createAudit } from '../../main/services/audit.service';
import { postMovements } from '../../main/services/inventory/ledger';
import { createPurchasingService } from '../../main/services/purchasing/purchasing.service';
import { coverReport } from '../../main/services/purchasing/replenishment';
import { tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;
const T = '2026-11-01T00:00:00.000Z';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function insert(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await db(table).insert(row, ['id']);
  return typeof r === 'object' ? (r as { id: number }).id : (r as number);
}

/**
 * One US store selling through FBA (store × region NA warehouse) and FBM from a Shenzhen warehouse, one supplier with a
 * 30-day lead time, and a cup sold on its own and in a set of 3 cups + 1 lid.
 */
async function world() {
  const core = await tempCore({ clock: { now: () => new Date(NOW) } });
  cleanups.push(() => core.dispose());
  const db = core.db;
  const storeId = await insert(db, 'stores', { name: 'US store', region: 'na', created_at: T });
  await db('store_marketplaces').insert({ store_id: storeId, marketplace_id: US });
  const fba = await insert(db, 'warehouses', { code: 'FBA-US', name: 'FBA NA', kind: 'fba', store_id: storeId, region: 'na', created_at: T });
  const sz = await insert(db, 'warehouses', { code: 'SZ', name: '深圳仓', kind: 'domestic', created_at: T });
  const supplierId = await insert(db, 'suppliers', { name: '义乌陶瓷厂', currency: 'CNY', lead_time_days: 30, created_at: T, updated_at: T });
  const product = (sku: string, name: string, kind: 'unit' | 'bundle' = 'unit') =>
    insert(db, 'products', { sku, name, kind, supplier_id: kind === 'unit' ? supplierId : null, safety_days: 14, created_at: T, updated_at: T });
  const mug = await product('MUG-01', '陶瓷马克杯');
  const cup = await product('CUP-01', '茶杯');
  const lid = await product('LID-01', '杯盖');
  const set = await product('CUP-SET', '茶杯套装', 'bundle');
  await db('bundle_components').insert([
    { bundle_id: set, component_id: cup, quantity: 3 },
    { bundle_id: set, component_id: lid, quantity: 1 },
  ]);
  await db('product_listings').insert([
    { store_id: storeId, marketplace_id: US, seller_sku: 'MUG-FBA', product_id: mug, fbm_warehouse_id: null },
    { store_id: storeId, marketplace_id: US, seller_sku: 'CUP-FBM', product_id: cup, fbm_warehouse_id: sz },
    { store_id: storeId, marketplace_id: US, seller_sku: 'SET-FBM', product_id: set, fbm_warehouse_id: sz },
  ]);

  let n = 0;
  /** An Amazon order `daysAgo` before now, timestamped the way Amazon writes it (no milliseconds). */
  const sell = async (sellerSku: string, quantity: number, daysAgo: number, opts: { status?: string; fulfilledBy?: 'AMAZON' | 'MERCHANT' } = {}) => {
    const id = `111-0000000-${String(++n).padStart(7, '0')}`;
    const at = new Date(NOW - daysAgo * DAY).toISOString().replace('.000Z', 'Z');
    await db('orders').insert({ id, store_id: storeId, marketplace_id: US, status: opts.status ?? 'SHIPPED', fulfilled_by: opts.fulfilledBy ?? 'AMAZON', created_time: at, last_updated_time: at, synced_at: at });
    await db('order_items').insert({ order_id: id, order_item_id: `${id}-1`, seller_sku: sellerSku, quantity_ordered: quantity });
  };
  const stock = (productId: number, warehouseId: number, q: { onHand?: number; inTransit?: number }, kind: 'receive' | 'in-transit' = 'receive') =>
    db.transaction((trx) => postMovements(trx, [{ productId, warehouseId, kind, ...q }], { actor: 'tester', now: new Date(NOW - 100 * DAY).toISOString() }));
  const purchasing = createPurchasingService({ db, clock: { now: () => new Date(NOW) }, audit: createAudit({ name: 'buyer' }, { now: () => new Date(NOW) }), actor: 'buyer' });
  return { core, db, storeId, fba, sz, supplierId, mug, cup, lid, set, sell, stock, purchasing };
}

const rowFor = (rows: CoverRow[], productId: number, warehouseId: number) => rows.find((r) => r.productId === productId && r.warehouseId === warehouseId);

describe('days of cover and reorder point', () => {
  it('a SKU selling 10/day with 40 available, 20 in transit and 100 on order has 16 days of cover and must be reordered', async () => {
    const w = await world();
    for (let d = 0; d < 30; d++) await w.sell('MUG-FBA', 10, d + 0.5);
    // A big order that was cancelled is not demand.
    await w.sell('MUG-FBA', 500, 1, { status: 'CANCELLED' });
    await w.stock(w.mug, w.fba, { onHand: 40 });
    await w.stock(w.mug, w.fba, { inTransit: 20 }, 'in-transit');
    await w.db('product_codes').insert({ product_id: w.mug, kind: 'case', code: 'CASE-MUG-24', units: 24 });
    const po = await w.purchasing.createOrder({ supplierId: w.supplierId, warehouseId: w.fba, lines: [{ productId: w.mug, quantity: 100, unitCostMinor: 1250 }] });
    await w.purchasing.send(po.id);

    const row = rowFor(await coverReport(w.db, { now: new Date(NOW) }), w.mug, w.fba);
    expect(row).toMatchObject({
      sku: 'MUG-01',
      warehouseCode: 'FBA-US',
      sold7: 70,
      sold30: 300,
      sold90: 300,
      velocity: 10,
      available: 40,
      inTransit: 20,
      onOrder: 100,
      daysOfCover: 16,
      leadTimeDays: 30,
      safetyDays: 14,
      reorderPoint: 440,
      // 16 days of cover is less than the 30-day lead time: it will run out before a new order lands.
      status: 'stockout-risk',
      // Up to 10 × (30 + 14 + 30) = 740 units: 580 more, in cartons of 24.
      suggestedQuantity: 600,
      casePack: 24,
    });

    // With a 10-day supplier it is an ordinary reorder: 160 units last longer than the lead time but not 24 days.
    await w.db('suppliers').where({ id: w.supplierId }).update({ lead_time_days: 10 });
    expect(rowFor(await coverReport(w.db, { now: new Date(NOW) }), w.mug, w.fba)).toMatchObject({ reorderPoint: 240, status: 'reorder' });
  });

  it('the same SKU with a larger open PO needs nothing: open purchase orders count', async () => {
    const w = await world();
    for (let d = 0; d < 30; d++) await w.sell('MUG-FBA', 10, d + 0.5);
    await w.stock(w.mug, w.fba, { onHand: 40 });
    await w.stock(w.mug, w.fba, { inTransit: 20 }, 'in-transit');
    const po = await w.purchasing.createOrder({ supplierId: w.supplierId, warehouseId: w.fba, lines: [{ productId: w.mug, quantity: 400, unitCostMinor: 1250 }] });
    await w.purchasing.send(po.id);
    // A PO for another warehouse does not cover this one.
    await w.purchasing.createOrder({ supplierId: w.supplierId, warehouseId: w.sz, lines: [{ productId: w.mug, quantity: 5000, unitCostMinor: 1250 }] });

    const row = rowFor(await coverReport(w.db, { now: new Date(NOW) }), w.mug, w.fba);
    expect(row).toMatchObject({ onOrder: 400, daysOfCover: 46, reorderPoint: 440, status: 'ok', suggestedQuantity: 0 });
    expect(await w.purchasing.plan({ warehouseId: w.fba })).toEqual([]);

    // Cancelling the PO brings the need back.
    await w.purchasing.cancel(po.id);
    expect(rowFor(await coverReport(w.db, { now: new Date(NOW) }), w.mug, w.fba)).toMatchObject({ onOrder: 0, daysOfCover: 6, status: 'stockout-risk' });
  });

  it('bundles sold count against their components at the FBM warehouse; FBA sales stay at the FBA warehouse', async () => {
    const w = await world();
    await w.sell('SET-FBM', 5, 2, { fulfilledBy: 'MERCHANT' });
    await w.sell('CUP-FBM', 4, 3, { fulfilledBy: 'MERCHANT' });
    await w.sell('SET-FBM', 2, 20, { fulfilledBy: 'MERCHANT', status: 'CANCELLED' });
    // A slow lid sale two months ago: outside 30 days, inside 90.
    await w.sell('SET-FBM', 1, 60, { fulfilledBy: 'MERCHANT' });
    await w.sell('MUG-FBA', 7, 1);

    const rows = await coverReport(w.db, { now: new Date(NOW), warehouseId: w.sz });
    expect(rows.map((r) => r.sku).sort()).toEqual(['CUP-01', 'LID-01']);
    // 5 sets × 3 cups + 4 single cups; the 60-day-old set adds 3 to the 90-day window only.
    expect(rowFor(rows, w.cup, w.sz)).toMatchObject({ sold7: 19, sold30: 19, sold90: 22, velocity: 2.714, available: 0, status: 'stockout-risk' });
    expect(rowFor(rows, w.lid, w.sz)).toMatchObject({ sold7: 5, sold30: 5, sold90: 6 });
    expect(rowFor(await coverReport(w.db, { now: new Date(NOW), warehouseId: w.fba }), w.mug, w.fba)).toMatchObject({ sold7: 7 });
  });

  it('a SKU with stock and no sales in 90 days has no cover figure and is never suggested', async () => {
    const w = await world();
    await w.sell('CUP-FBM', 50, 95, { fulfilledBy: 'MERCHANT' });
    await w.stock(w.cup, w.sz, { onHand: 30 });
    const [row] = await coverReport(w.db, { now: new Date(NOW) });
    expect(row).toMatchObject({ sku: 'CUP-01', sold90: 0, velocity: 0, available: 30, daysOfCover: null, status: 'no-sales', suggestedQuantity: 0 });
  });

  it('a draft made from the plan stops the plan suggesting the same units again', async () => {
    const w = await world();
    for (let d = 0; d < 30; d++) await w.sell('CUP-FBM', 4, d + 0.5, { fulfilledBy: 'MERCHANT' });
    await w.stock(w.cup, w.sz, { onHand: 50 });
    await w.db('product_costs').insert([
      { product_id: w.cup, effective_date: '2026-01-01', cost_minor: 300, currency: 'CNY' },
      { product_id: w.cup, effective_date: '2026-10-01', cost_minor: 350, currency: 'CNY' },
      { product_id: w.cup, effective_date: '2026-12-01', cost_minor: 999, currency: 'CNY' },
    ]);

    const [group] = await w.purchasing.plan({ warehouseId: w.sz });
    // 4/day: target 4 × 74 = 296, position 50 → 246 units at the cost valid today (3.50 CNY).
    expect(group).toMatchObject({ supplierId: w.supplierId, supplierName: '义乌陶瓷厂', currency: 'CNY', estimatedTotalMinor: 246 * 350 });
    expect(group?.lines.map((l) => [l.sku, l.status, l.suggestedQuantity, l.unitCostMinor])).toEqual([['CUP-01', 'stockout-risk', 246, 350]]);

    const draft = await w.purchasing.createFromPlan({ warehouseId: w.sz, supplierId: w.supplierId });
    expect(draft).toMatchObject({ status: 'draft', currency: 'CNY', expectedDate: '2026-12-23', totalMinor: 246 * 350 });
    expect(draft.lines.map((l) => [l.sku, l.quantity, l.unitCostMinor])).toEqual([['CUP-01', 246, 350]]);
    expect(await w.purchasing.plan({ warehouseId: w.sz })).toEqual([]);
  });
});
