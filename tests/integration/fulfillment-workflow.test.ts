import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpOrder } from '../../main/spapi/schemas/orders';
import { startSimulator, DEMO_ACCOUNT, type RunningSimulator } from '../../main/simulator/server';
import { SimStore } from '../../main/simulator/store';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import { transition } from '../../main/services/fulfillment/workflow';
import { insertBundle, insertProduct, receive } from '../support/inventory-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
type TestCore = Awaited<ReturnType<typeof tempCore>>;
let core: TestCore | undefined;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

let now = new Date('2026-11-20T08:00:00.000Z');
const clock = { now: () => now };

interface OrderSpec {
  id: string;
  createdTime?: string;
  status?: 'UNSHIPPED' | 'CANCELLED' | 'PENDING';
  fulfilledBy?: 'MERCHANT' | 'AMAZON';
  buyer?: { buyerName: string; buyerEmail: string };
  address?: Record<string, string>;
  total?: string;
  items: { id: string; sku: string; quantity: number }[];
}

const ADDRESS = { name: 'Emily Johnson', addressLine1: '4242 Maple Ave', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US', phone: '+1 206-555-0142' };

function spOrder(o: OrderSpec): SpOrder {
  const created = o.createdTime ?? now.toISOString();
  return {
    orderId: o.id,
    createdTime: created,
    lastUpdatedTime: now.toISOString(),
    salesChannel: { channelName: 'Amazon.com', marketplaceId: US },
    buyer: o.buyer ?? { buyerName: 'Emily Johnson', buyerEmail: `${o.id}@marketplace.amazon.com` },
    recipient: { deliveryAddress: o.address ?? ADDRESS },
    proceeds: { grandTotal: { amount: o.total ?? '29.99', currencyCode: 'USD' } },
    fulfillment: { fulfillmentStatus: o.status ?? 'UNSHIPPED', fulfilledBy: o.fulfilledBy ?? 'MERCHANT', fulfillmentServiceLevel: 'STANDARD', shipByWindow: { latestDateTime: new Date(now.getTime() + 48 * 3600_000).toISOString() } },
    orderItems: o.items.map((i) => ({ orderItemId: i.id, quantityOrdered: i.quantity, product: { sellerSku: i.sku, title: i.sku, price: { unitPrice: { amount: '9.99', currencyCode: 'USD' } } } })),
  } as SpOrder;
}

/** A seller with a Shenzhen warehouse and a Los Angeles 3PL, a mug and a lid, and a "set" bundle of 1 mug + 2 lids. */
async function setup() {
  now = new Date('2026-11-20T08:00:00.000Z');
  core = await tempCore({ clock });
  const c = core;
  const store = await c.stores.create({ name: 'Shenzhen Gadgets', region: 'na', marketplaceIds: [US] });
  const sz = await c.warehouses.create({ code: 'SZ', name: '深圳仓', kind: 'domestic' });
  const la = await c.warehouses.create({ code: 'LA-3PL', name: 'LA 3PL', kind: 'overseas' });
  const mug = await insertProduct(c.db, 'MUG');
  const lid = await insertProduct(c.db, 'LID');
  const set = await insertBundle(c.db, 'MUG-SET', [[mug, 1], [lid, 2]]);
  await c.db('products').whereIn('id', [mug, lid]).update({ weight_g: 300 });
  const map = (sellerSku: string, productId: number) => c.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: sellerSku, product_id: productId });
  await map('AMZ-MUG', mug);
  await map('AMZ-LID', lid);
  await map('AMZ-SET', set);
  /** What the orders job does with a page: store it, then the fulfilment hook in the same transaction. */
  const sync = (...orders: OrderSpec[]) =>
    c.db.transaction(async (trx) => {
      const ids = await storeOrderPage({ clock, store, secretBox: c.secretBox }, trx, orders.map(spOrder));
      await c.fulfillment.onOrdersSynced(trx, ids);
    });
  const level = async (productId: number, warehouseId: number) => (await c.db('stock_levels').where({ product_id: productId, warehouse_id: warehouseId }).first()) ?? { on_hand: 0, reserved: 0 };
  const open = async (orderId: string) => (await c.fulfillment.view(orderId))?.openExceptions.map((e) => [e.reasonCode, e.params]);
  return { c, store, sz: sz.id, la: la.id, mug, lid, set, map, sync, level, open };
}

describe('fulfillment workflow on a real SQLite file', () => {
  it('a synced FBM order is audited, allocated with its bundle reserved as components, and given its carrier; FBA orders get no workflow', async () => {
    const { c, sz, mug, lid, sync, level } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: sz, onHand: 10 }, { productId: lid, warehouseId: sz, onHand: 10 }]);
    await c.fulfillment.rules.carrier.set([
      { priority: 1, name: 'US heavy', conditions: { countries: ['US'], weightG: { min: 1001 } }, carrierCode: 'UPS', shippingService: 'UPS Ground' },
      { priority: 2, name: 'US light', conditions: { countries: ['US'], weightG: { max: 1000 } }, carrierCode: 'YunExpress', shippingService: 'Global Direct Line', labelTemplate: '100x150' },
    ]);
    await sync(
      { id: '111-0000001-0000001', items: [{ id: 'a', sku: 'AMZ-SET', quantity: 2 }, { id: 'b', sku: 'AMZ-MUG', quantity: 1 }] },
      { id: '111-0000001-0000002', fulfilledBy: 'AMAZON', items: [{ id: 'c', sku: 'AMZ-MUG', quantity: 1 }] },
    );

    const view = await c.fulfillment.view('111-0000001-0000001');
    // 2 sets (2 mugs, 4 lids) + 1 mug = 2.1 kg of 300 g units: the heavy channel.
    expect(view).toMatchObject({ state: 'allocated', version: 3, warehouseId: sz, carrierCode: 'UPS', shippingService: 'UPS Ground', openExceptions: [] });
    expect(view?.packages).toEqual([{ packageNo: 1, warehouseId: sz, items: [{ orderItemId: 'a', quantity: 2 }, { orderItemId: 'b', quantity: 1 }], units: [{ productId: mug, quantity: 3 }, { productId: lid, quantity: 4 }] }]);
    expect(await level(mug, sz)).toMatchObject({ on_hand: 10, reserved: 3 });
    expect(await level(lid, sz)).toMatchObject({ on_hand: 10, reserved: 4 });
    expect(await c.fulfillment.workflowOf('111-0000001-0000002')).toBeNull();
    const trail = await c.db('audit_log').where({ entity_id: '111-0000001-0000001', action: 'order.workflow' }).orderBy('id').pluck('detail_json');
    expect(trail.map((d: string) => JSON.parse(d).to)).toEqual(['new', 'audited', 'allocated']);

    // The same page again (an overlapping sync window) changes nothing.
    const before = await snapshotDb(c);
    await c.db.transaction((trx) => c.fulfillment.onOrdersSynced(trx, ['111-0000001-0000001', '111-0000001-0000002']));
    expect(await snapshotDb(c)).toEqual(before);
  });

  it('an unmapped SKU waits in the pool, cannot be waved through, and proceeds once mapped and rechecked', async () => {
    const { c, sz, mug, map, sync, open } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: sz, onHand: 5 }]);
    await sync({ id: '111-0000002-0000001', items: [{ id: 'a', sku: 'AMZ-MUG-RED', quantity: 1 }] });
    expect(await c.fulfillment.workflowOf('111-0000002-0000001')).toMatchObject({ state: 'exception' });
    expect(await open('111-0000002-0000001')).toEqual([['sku-unmapped', { sellerSku: 'AMZ-MUG-RED', otherSkus: 0 }]]);
    const pool = await c.fulfillment.exceptions({ limit: 50 });
    expect(pool.total).toBe(1);
    expect(pool.countsByReason).toMatchObject({ 'sku-unmapped': 1, 'high-value': 0 });

    const exceptionId = pool.rows[0]!.id;
    const before = await snapshotDb(c);
    await expect(c.fulfillment.resolve(exceptionId, { action: 'override', note: 'ship it anyway' })).rejects.toMatchObject({ code: 'invalid-input', params: { reason: 'not-overridable' } });
    expect(await snapshotDb(c)).toEqual(before);

    await map('AMZ-MUG-RED', mug);
    expect(await c.fulfillment.resolve(exceptionId, { action: 'recheck' })).toMatchObject({ state: 'allocated', open: 0 });
    expect(await c.db('order_exceptions').where({ id: exceptionId }).first()).toMatchObject({ resolution: 'edited', resolved_by: 'tester' });
    expect((await c.fulfillment.exceptions({ limit: 50 })).total).toBe(0);
  });

  it('a high-value order is overridden with a note, proceeds, and is not flagged again; the override is in the audit log', async () => {
    const { c, sz, mug, sync, open } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: sz, onHand: 5 }]);
    await sync({ id: '111-0000003-0000001', total: '500.00', items: [{ id: 'a', sku: 'AMZ-MUG', quantity: 1 }] });
    expect(await open('111-0000003-0000001')).toEqual([['high-value', { totalMinor: 50_000, currency: 'USD', thresholdMinor: 50_000 }]]);
    const [e] = (await c.fulfillment.exceptions({ reason: 'high-value', limit: 10 })).rows;
    expect(await c.fulfillment.resolve(e!.id, { action: 'override', note: 'repeat customer, verified by phone' })).toMatchObject({ state: 'allocated', open: 0 });
    expect(await c.db('audit_log').where({ action: 'order.exception.override' }).first()).toMatchObject({ entity_id: '111-0000003-0000001', actor: 'tester' });
    // Amazon updates the order later (a re-synced page): the waved-through reason stays waved through.
    now = new Date(now.getTime() + 60_000);
    await sync({ id: '111-0000003-0000001', total: '500.00', items: [{ id: 'a', sku: 'AMZ-MUG', quantity: 1 }] });
    expect(await c.fulfillment.workflowOf('111-0000003-0000001')).toMatchObject({ state: 'allocated' });
  });

  it('duplicate buyer: flagged within the 24-hour window, not outside it; nothing readable is stored', async () => {
    const { c, sz, mug, sync, open } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: sz, onHand: 10 }]);
    const buyer = { buyerName: 'Wei Zhang 张伟', buyerEmail: 'wz8812@marketplace.amazon.com' };
    const t0 = '2026-11-19T02:00:00.000Z';
    const other = { ...ADDRESS, addressLine1: '9 Oak St', postalCode: '98102' };
    await sync({ id: '111-0000004-0000001', createdTime: t0, buyer, items: [{ id: 'a', sku: 'AMZ-MUG', quantity: 1 }] });
    await sync({ id: '111-0000004-0000002', createdTime: '2026-11-19T05:00:00.000Z', buyer, address: other, items: [{ id: 'b', sku: 'AMZ-MUG', quantity: 1 }] });
    await sync({ id: '111-0000004-0000003', createdTime: '2026-11-20T07:00:00.000Z', buyer: { ...buyer, buyerEmail: 'WZ8812@Marketplace.Amazon.com ' }, address: { ...other, addressLine1: '77 Pine St' }, items: [{ id: 'c', sku: 'AMZ-MUG', quantity: 1 }] });
    expect(await open('111-0000004-0000001')).toEqual([]);
    expect(await open('111-0000004-0000002')).toEqual([['duplicate-order', { otherOrderId: '111-0000004-0000001', match: 'buyer', windowHours: 24 }]]);
    // 29 h after the first and 26 h after the second: outside the window of both.
    expect(await open('111-0000004-0000003')).toEqual([]);

    // Same address, different buyer, 1 hour apart: a duplicate by address.
    await sync({ id: '111-0000004-0000004', createdTime: '2026-11-20T07:30:00.000Z', buyer: { buyerName: 'Li Na', buyerEmail: 'ln@marketplace.amazon.com' }, address: { ...other, addressLine1: '77 PINE ST.' }, items: [{ id: 'd', sku: 'AMZ-MUG', quantity: 1 }] });
    expect(await open('111-0000004-0000004')).toEqual([['duplicate-order', { otherOrderId: '111-0000004-0000003', match: 'address', windowHours: 24 }]]);

    await c.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const raw = Buffer.concat([c.dbPath, `${c.dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const clear of ['Wei Zhang', 'wz8812', '9 Oak St', '77 Pine St', 'Maple Ave']) expect(raw.includes(Buffer.from(clear, 'utf8')), clear).toBe(false);
  });

  it('split shipments: off → exception naming the cause; on → one package per warehouse, both reserved, and a cancel releases both', async () => {
    const { c, sz, la, mug, sync, level, open } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: la, onHand: 2 }, { productId: mug, warehouseId: sz, onHand: 3 }]);
    await c.fulfillment.rules.allocation.set([{ priority: 1, warehouseId: la, countries: ['US', 'CA'] }, { priority: 2, warehouseId: sz, countries: null }]);
    await sync({ id: '111-0000005-0000001', items: [{ id: 'a', sku: 'AMZ-MUG', quantity: 4 }] });
    expect(await open('111-0000005-0000001')).toEqual([['stock-insufficient', { sku: 'MUG', needed: 4, available: 3, otherSkus: 0, cause: 'split-off' }]]);

    await c.fulfillment.rules.allowSplit.set(true);
    const [e] = (await c.fulfillment.exceptions({ limit: 10 })).rows;
    expect(await c.fulfillment.resolve(e!.id, { action: 'recheck' })).toMatchObject({ state: 'allocated' });
    expect((await c.fulfillment.view('111-0000005-0000001'))?.packages.map((p) => [p.packageNo, p.warehouseId, p.items])).toEqual([
      [1, la, [{ orderItemId: 'a', quantity: 2 }]],
      [2, sz, [{ orderItemId: 'a', quantity: 2 }]],
    ]);
    expect([await level(mug, la), await level(mug, sz)]).toMatchObject([{ reserved: 2 }, { reserved: 2 }]);

    expect(await c.fulfillment.cancel('111-0000005-0000001', 'buyer asked by message')).toMatchObject({ state: 'cancelled' });
    expect([await level(mug, la), await level(mug, sz)]).toMatchObject([{ on_hand: 2, reserved: 0 }, { on_hand: 3, reserved: 0 }]);
    expect(await c.db('order_allocations').where({ order_id: '111-0000005-0000001' })).toEqual([]);
  });

  it('refuses illegal moves, stale versions, bad rules and FBA warehouses, changing nothing', async () => {
    const { c, sz, mug, sync } = await setup();
    await receive(c.db, [{ productId: mug, warehouseId: sz, onHand: 5 }]);
    await sync({ id: '111-0000006-0000001', items: [{ id: 'a', sku: 'AMZ-MUG', quantity: 1 }] });
    const fba = await c.warehouses.create({ code: 'FBA-NA', name: 'FBA NA', kind: 'fba', storeId: 1, region: 'na' });
    const before = await snapshotDb(c);
    const ctx = { actor: 'tester', now: now.toISOString() };
    await expect(c.db.transaction((trx) => transition(trx, '111-0000006-0000001', 'shipped', ctx))).rejects.toMatchObject({ code: 'conflict', params: { reason: 'illegal-transition', from: 'allocated', to: 'shipped' } });
    await expect(c.db.transaction((trx) => transition(trx, '111-0000006-0000001', 'picking', { ...ctx, expectedVersion: 2 }))).rejects.toMatchObject({ code: 'conflict', params: { reason: 'stale-version', version: 3 } });
    await expect(c.fulfillment.markDelivered('111-0000006-0000001')).rejects.toMatchObject({ params: { reason: 'illegal-transition' } });
    await expect(c.fulfillment.rules.carrier.set([{ priority: 1, name: 'typo', conditions: {}, carrierCode: 'Fedex' }])).rejects.toMatchObject({ code: 'invalid-input', params: { field: '0', path: '0.carrierCode', reason: 'unknown-carrier' } });
    await expect(c.fulfillment.rules.allocation.set([{ priority: 1, warehouseId: fba.id, countries: null }])).rejects.toMatchObject({ params: { reason: 'fba-warehouse' } });
    await expect(c.fulfillment.rules.audit.set([{ code: 'stock-insufficient', enabled: false, params: {} }])).rejects.toMatchObject({ params: { reason: 'blocking-rule' } });
    expect(await snapshotDb(c)).toEqual(before);
    expect(await c.db.transaction((trx) => transition(trx, '111-0000006-0000001', 'picking', { ...ctx, expectedVersion: 3 }))).toEqual({ state: 'picking', version: 4 });
  });
});

describe('a cancellation from Amazon', () => {
  // Seed 139 from this start has an unshipped US FBM order that its buyer cancels about 37 simulated minutes later.
  const SEED = 139;
  const START = new Date('2026-11-20T06:00:00Z');
  const SCALE = 300;
  const ALL = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1VC38T7YXB528'];

  it('reaches an allocated order through the orders job: the workflow is cancelled and its stock released', { timeout: 60_000 }, async () => {
    // A twin of the simulated account, run ahead, tells which open order Amazon will cancel and when.
    const ahead = new SimStore({ seed: SEED, start: START, marketplaceIds: ALL });
    const openNow = ahead.searchOrders({ fulfilledBy: ['MERCHANT'], fulfillmentStatuses: ['UNSHIPPED'], marketplaceIds: [US], createdAfter: new Date(START.getTime() - 2 * 86400_000) });
    ahead.advanceTo(new Date(START.getTime() + 3 * 3600_000));
    const target = openNow.map((o) => ahead.getOrder(o.orderId)!).find((o) => o.fulfillment?.fulfillmentStatus === 'CANCELLED');
    expect(target, 'the seed no longer has an order cancelled soon after start').toBeDefined();
    const cancelAt = Date.parse(target!.lastUpdatedTime);
    expect(cancelAt - START.getTime()).toBeGreaterThan(15 * 60_000);

    sim = await startSimulator({ seed: SEED, timeScale: SCALE, start: START });
    core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false, backfillDays: 2 }, demo: { enabled: false, timeScale: SCALE } });
    const c = core;
    await c.start();
    const store = await c.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken });
    await c.scheduler.refresh();
    await c.scheduler.runNow({ job: 'orders' });
    expect(await c.db('orders').where({ id: target!.orderId }).first()).toMatchObject({ status: 'UNSHIPPED' });

    // The catalog and stock for its SKUs arrive; the order leaves the pool and holds its units.
    const sz = await c.warehouses.create({ code: 'SZ', name: '深圳仓', kind: 'domestic' });
    const skus = [...new Set(target!.orderItems.map((i) => i.product.sellerSku!))];
    const products: number[] = [];
    for (const sku of skus) {
      const id = await insertProduct(c.db, `P-${sku}`);
      products.push(id);
      await c.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: sku, product_id: id });
      await receive(c.db, [{ productId: id, warehouseId: sz.id, onHand: 20 }]);
    }
    expect(await c.fulfillment.process([target!.orderId])).toEqual({ [target!.orderId]: 'allocated' });
    const held = await c.db('stock_levels').whereIn('product_id', products).sum({ n: 'reserved' }).first();
    expect(Number(held?.n)).toBe(target!.orderItems.reduce((n, i) => n + i.quantityOrdered, 0));

    // Amazon cancels; the next sync sees it (its window closes two simulated minutes before now).
    while (sim.clock.nowMs() < cancelAt + 2 * 60_000 + 5_000) await new Promise((r) => setTimeout(r, 200));
    await c.scheduler.runNow({ job: 'orders' });
    expect(await c.db('orders').where({ id: target!.orderId }).first()).toMatchObject({ status: 'CANCELLED' });
    expect(await c.fulfillment.workflowOf(target!.orderId)).toMatchObject({ state: 'cancelled' });
    const after = await c.db('stock_levels').whereIn('product_id', products).select('on_hand', 'reserved');
    expect(after.every((l: { on_hand: number; reserved: number }) => l.on_hand === 20 && l.reserved === 0)).toBe(true);
    const last = await c.db('audit_log').where({ entity_id: target!.orderId, action: 'order.workflow' }).orderBy('id', 'desc').first();
    expect([last.actor, JSON.parse(last.detail_json)]).toMatchObject(['system:fulfillment', { from: 'allocated', to: 'cancelled', note: 'cancelled-on-amazon', released: true }]);
    expect(await c.inventory.verify()).toEqual([]);
  });
});

describe('Amazon changes an order the warehouse is working on', () => {
  const SEED = 139;
  const START = new Date('2026-11-20T06:00:00Z');
  const SCALE = 300;

  /** A connected store on a running simulator with two open US FBM orders allocated from stock: one of ≥ 3 units. */
  async function allocatedOnSimulator() {
    sim = await startSimulator({ seed: SEED, timeScale: SCALE, start: START });
    core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false, backfillDays: 2 }, demo: { enabled: false, timeScale: SCALE } });
    const c = core;
    const s = sim;
    await c.start();
    const store = await c.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken });
    await c.scheduler.refresh();
    await c.scheduler.runNow({ job: 'orders' });
    // Orders the sync stored (the simulator keeps inventing new ones meanwhile), as Amazon shows them now.
    const synced = await c.db('orders').where({ fulfilled_by: 'MERCHANT', status: 'UNSHIPPED', marketplace_id: US }).orderBy('id').pluck<string[]>('id');
    const open = synced.map((id) => s.store.getOrder(id)!).filter((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED');
    const units = (o: { orderItems: readonly { quantityOrdered: number }[] }) => o.orderItems.reduce((n, i) => n + i.quantityOrdered, 0);
    const big = open.find((o) => units(o) >= 3);
    const other = open.find((o) => o !== big && units(o) >= 1);
    expect(big && other, 'the seed no longer has the open orders this test needs').toBeTruthy();
    const sz = await c.warehouses.create({ code: 'SZ', name: '深圳仓', kind: 'domestic' });
    const productOf = new Map<string, number>();
    for (const sku of new Set([big!, other!].flatMap((o) => o.orderItems.map((i) => i.product.sellerSku!)))) {
      const id = await insertProduct(c.db, `P-${sku}`);
      productOf.set(sku, id);
      await c.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: sku, product_id: id });
      await receive(c.db, [{ productId: id, warehouseId: sz.id, onHand: 50 }]);
    }
    expect(await c.fulfillment.process([big!.orderId, other!.orderId])).toEqual({ [big!.orderId]: 'allocated', [other!.orderId]: 'allocated' });
    /** The orders job's window closes two simulated minutes before now: wait until a change made now is inside it. */
    const syncAfterChange = async () => {
      const changedAt = s.clock.nowMs();
      while (s.clock.nowMs() < changedAt + 2 * 60_000 + 5_000) await new Promise((r) => setTimeout(r, 100));
      await c.scheduler.runNow({ job: 'orders' });
    };
    const held = async (orderId: string) => {
      const rows = await c.db('stock_movements').where({ ref_type: 'order', ref_id: orderId }).select<{ kind: string; reserved_delta: number; on_hand_delta: number }[]>('kind', 'reserved_delta', 'on_hand_delta');
      return { reserved: rows.reduce((n, r) => n + r.reserved_delta, 0), shipped: rows.filter((r) => r.kind === 'ship').reduce((n, r) => n - r.on_hand_delta, 0) };
    };
    return { c, s, big: big!, other: other!, units, syncAfterChange, held, productOf };
  }

  it('a partial cancellation re-allocates an untouched order with fewer units; after picking it goes to the pool to put units back', { timeout: 60_000 }, async () => {
    const { c, s, big, units, syncAfterChange, held } = await allocatedOnSimulator();
    const total = units(big);
    expect(await held(big.orderId)).toEqual({ reserved: total, shipped: 0 });
    const line = big.orderItems.find((i) => i.quantityOrdered >= 2) ?? big.orderItems[0]!;

    expect(s.store.cancelUnits(big.orderId, [{ orderItemId: line.orderItemId, quantity: 1 }])).toEqual({ ok: true });
    await syncAfterChange();
    const mirrored = await c.db('order_items').where({ order_id: big.orderId, order_item_id: line.orderItemId }).first();
    expect([mirrored.quantity_ordered, mirrored.quantity_cancelled]).toEqual([line.quantityOrdered, 1]);
    expect(await c.db('orders').where({ id: big.orderId }).first()).toMatchObject({ status: 'UNSHIPPED' });
    expect(await c.fulfillment.workflowOf(big.orderId)).toMatchObject({ state: 'allocated' });
    expect(await held(big.orderId)).toEqual({ reserved: total - 1, shipped: 0 });
    const allocated = await c.db('order_allocations').where({ order_id: big.orderId }).sum({ n: 'quantity' }).first();
    expect(Number(allocated?.n)).toBe(total - 1);

    // Picked into a tote, then Amazon cancels one more unit: the packer must not ship it, a person puts it back.
    await c.db.transaction((trx) => transition(trx, big.orderId, 'picking', { actor: 'test', now: s.clock.now().toISOString() }));
    expect(s.store.cancelUnits(big.orderId, [{ orderItemId: big.orderItems.at(-1)!.orderItemId, quantity: 1 }])).toEqual({ ok: true });
    await syncAfterChange();
    expect(await c.fulfillment.workflowOf(big.orderId)).toMatchObject({ state: 'exception' });
    expect((await c.fulfillment.view(big.orderId))?.openExceptions.map((e) => [e.reasonCode, e.params])).toEqual([['order-changed', { units: 1, state: 'picking' }]]);
    expect(await held(big.orderId)).toEqual({ reserved: 0, shipped: 0 });

    // Recheck after the unit is back on the shelf: allocated again for what is still owed.
    const exceptionId = (await c.fulfillment.view(big.orderId))!.openExceptions[0]!.id;
    await c.fulfillment.resolve(exceptionId, { action: 'recheck' });
    expect(await c.fulfillment.workflowOf(big.orderId)).toMatchObject({ state: 'allocated' });
    expect(await held(big.orderId)).toEqual({ reserved: total - 2, shipped: 0 });
    expect(await c.inventory.verify()).toEqual([]);

    // The confirmation Amazon gets lists only the units it still wants shipped.
    await c.shipments.confirm({ orderId: big.orderId, carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
    const payload = JSON.parse((await c.db('outbox').where({ kind: 'confirm-shipment' }).orderBy('seq', 'desc').first()).payload_json);
    expect(payload.packageDetail.orderItems.reduce((n: number, i: { quantity: number }) => n + i.quantity, 0)).toBe(total - 2);
  });

  it('an order confirmed outside the app closes as shipped; the units held for it leave the ledger once', { timeout: 60_000 }, async () => {
    const { c, s, other, units, syncAfterChange, held, productOf } = await allocatedOnSimulator();
    const before = await c.db('stock_levels').whereIn('product_id', [...productOf.values()]).sum({ n: 'on_hand' }).first();
    expect(s.store.shipElsewhere(other.orderId)).toEqual({ ok: true });
    await syncAfterChange();
    expect(await c.db('orders').where({ id: other.orderId }).first()).toMatchObject({ status: 'SHIPPED' });
    expect(await c.fulfillment.workflowOf(other.orderId)).toMatchObject({ state: 'shipped' });
    expect(await held(other.orderId)).toEqual({ reserved: 0, shipped: units(other) });
    const after = await c.db('stock_levels').whereIn('product_id', [...productOf.values()]).sum({ n: 'on_hand' }).first();
    expect(Number(before?.n) - Number(after?.n)).toBe(units(other));
    const last = await c.db('audit_log').where({ entity_id: other.orderId, action: 'order.workflow' }).orderBy('id', 'desc').first();
    expect(JSON.parse(last.detail_json)).toMatchObject({ from: 'allocated', to: 'shipped', note: 'shipped-on-amazon' });

    // The next sync changes nothing more.
    await syncAfterChange();
    expect(await held(other.orderId)).toEqual({ reserved: 0, shipped: units(other) });
    expect(await c.inventory.verify()).toEqual([]);
  });
});
