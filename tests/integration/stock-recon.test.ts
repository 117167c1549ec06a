import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import { fulfillment } from '../../main/simulator/workflows/listing-view';
import { snapshotDb, tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
/** Report processing (a minute and a half) and inventory page tokens (30 s) both fit comfortably at 60×. */
const SCALE = 60;
const START = Date.parse('2026-11-02T06:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const CREDENTIALS = { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken, sellerId: DEMO_ACCOUNT.sellerId };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A US store on a simulator that sells around the clock (AFN and FBM orders, Amazon's own inbound replenishment). The
 * simulated clock can jump ahead: the store lives through the days in between on its next request, as the app would
 * after a week offline, and the core shares the clock, so both see the same time.
 */
async function setup() {
  const sim: RunningSimulator = await startSimulator({ seed: 31, timeScale: SCALE, start: new Date(START), marketplaceIds: [US], ordersPerHour: 3, backfillDays: 4 });
  cleanups.push(() => sim.close());
  const tick = sim.clock.now.bind(sim.clock);
  let jumped = 0;
  sim.clock.now = () => new Date(tick().getTime() + jumped);
  const core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false }, demo: { enabled: false, timeScale: SCALE } });
  cleanups.push(() => core.dispose());
  await core.start();
  const store = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], ...CREDENTIALS });
  await core.scheduler.refresh();
  await core.scheduler.runNow({ job: 'listings' });
  await core.importCatalogFromAmazon(store.id);
  await core.fbmSafetyBuffer.set(2);
  /**
   * One reconciliation cycle: Amazon's FBA figures, then the orders after the snapshot has fallen out of the orders
   * job's two-minute blind spot, so every AFN shipment Amazon's figure reflects is in the orders mirror.
   */
  const sync = async () => {
    await core.scheduler.runNow({ job: 'inventory' });
    jumped += 3 * MINUTE;
    await core.scheduler.runNow({ job: 'orders' });
  };
  const syncListings = async () => {
    sim.workflows.settle();
    await core.scheduler.runNow({ job: 'listings' });
  };
  const jump = (ms: number) => (jumped += ms);
  await sync();
  const failed = await core.db('sync_runs').whereNot({ outcome: 'ok' }).select('job', 'outcome', 'error_message');
  expect(failed).toEqual([]);
  return { sim, core, store, sync, syncListings, jump };
}

async function fbaSkus(core: TestCore, sim: RunningSimulator, min: number) {
  const mapped = new Set(await core.db('product_listings').whereNull('fbm_warehouse_id').pluck('seller_sku'));
  return sim.store
    .inventorySummaries({ marketplaceId: US, details: true })
    .filter((s) => s.sellerSku && mapped.has(s.sellerSku) && (s.inventoryDetails?.fulfillableQuantity ?? 0) >= min)
    .map((s) => s.sellerSku as string);
}


describe('stock reconciliation against the simulator', () => {
  it('a clean run of days of AFN sales and inbound receipts leaves no deviation; lost units in an FC appear once as lost, a claim draft or an acceptance clears them for good', { timeout: 180_000 }, async () => {
    const { sim, core, sync, jump } = await setup();
    const opening = await core.reconciliation.stock();
    expect(opening.rows).toEqual([]);
    expect(opening.checked).toBeGreaterThan(40);

    // Twelve days of selling, with nothing tampered with.
    const before = new Map((await core.db('stock_levels').select('product_id', 'on_hand')).map((l: { product_id: number; on_hand: number }) => [l.product_id, l.on_hand]));
    jump(12 * DAY);
    await sync();
    const afnUnits = await core.db('orders as o').join('order_items as i', 'i.order_id', 'o.id').where({ 'o.fulfilled_by': 'AMAZON', 'o.status': 'SHIPPED' }).andWhere('o.created_time', '>', new Date(START).toISOString()).sum<{ n: number }>({ n: 'i.quantity_shipped' }).first();
    // The window really moved stock: Amazon shipped units to buyers and levels changed.
    expect(Number(afnUnits?.n)).toBeGreaterThan(20);
    const after = await core.db('stock_levels').select('product_id', 'on_hand');
    expect(after.filter((l: { product_id: number; on_hand: number }) => before.get(l.product_id) !== l.on_hand).length).toBeGreaterThan(10);
    const clean = await core.reconciliation.stock();
    expect(clean.rows).toEqual([]);
    expect([clean.inventoryDeviationPct, clean.skuErrorPct]).toEqual([0, 0]);

    // Amazon loses 4 units of one SKU and 3 of another in its fulfilment centre.
    const [lostSku, otherSku] = await fbaSkus(core, sim, 8);
    if (!lostSku || !otherSku) throw new Error('no FBA stock to lose');
    sim.store.loseUnits(lostSku, US, 4, 'Lost in FC');
    sim.store.loseUnits(otherSku, US, 3, 'Damaged in FC');
    expect(sim.store.inventory.losses.map((l) => [l.sellerSku, l.quantity])).toEqual([[lostSku, 4], [otherSku, 3]]);
    jump(2 * 3600_000);
    await sync();
    const found = await core.reconciliation.stock();
    expect(found.rows.map((r) => [r.sellerSku, r.channel, r.deviation, r.cause, r.actions])).toEqual([
      [lostSku, 'fba', -4, 'lost-damaged', ['accept-amazon', 'open-case']],
      [otherSku, 'fba', -3, 'lost-damaged', ['accept-amazon', 'open-case']],
    ]);
    const lost = found.rows[0]!;
    expect(lost.amazon - lost.expected).toBe(-4);
    expect(found.inventoryDeviationPct).toBeGreaterThan(0);
    expect(found.skuErrorPct).toBeCloseTo(Math.round((2 * 1000) / found.checked) / 10, 5);

    // Bad input is refused and changes nothing.
    const untouched = await snapshotDb(core);
    await expect(core.reconciliation.acceptAmazon({ key: lost.key, reason: '  ' })).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'reason' } });
    await expect(core.reconciliation.acceptAmazon({ key: 'fba:999999:1', reason: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(core.reconciliation.pushOurs({ key: lost.key })).rejects.toMatchObject({ code: 'invalid-input', params: { reason: 'action-not-offered' } });
    expect(await snapshotDb(core)).toEqual(untouched);

    // A case for the lost units: a claim draft with the evidence and Amazon's 60-day deadline.
    const opened = await core.reconciliation.openCase({ key: lost.key, reason: '盘点后确认丢失' });
    const [claim, ...more] = await core.reconciliation.cases();
    expect(more).toEqual([]);
    expect(claim).toMatchObject({ id: opened.claimId, sku: lost.sku, cause: 'lost-damaged', quantity: 4, status: 'draft', reason: '盘点后确认丢失', evidence: { sellerSku: lostSku, marketplaceId: US, expected: lost.expected, amazon: lost.amazon } });
    expect(claim!.evidence.fnsku).toMatch(/^X0/);
    expect(Date.parse(claim!.deadlineAt) - Date.parse(claim!.eventAt)).toBe(60 * DAY);
    expect(claim!.daysLeft).toBeGreaterThanOrEqual(59);
    expect(claim!.daysLeft).toBeLessThanOrEqual(60);
    // The other one is accepted as Amazon counts it.
    const other = found.rows[1]!;
    await core.reconciliation.acceptAmazon({ key: other.key, reason: 'Amazon 已确认损坏' });
    const audit = await core.db('audit_log').whereIn('action', ['recon.open-case', 'recon.accept-amazon']).orderBy('id').pluck('action');
    expect(audit).toEqual(['recon.open-case', 'recon.accept-amazon']);
    expect((await core.reconciliation.stock()).rows).toEqual([]);

    // Converged: more days of selling, and neither comes back.
    jump(5 * DAY);
    await sync();
    expect((await core.reconciliation.stock()).rows).toEqual([]);
    await expect(core.reconciliation.acceptAmazon({ key: other.key, reason: 'again' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a quantity changed by hand in Seller Central shows once as such; accepting it corrects our stock, pushing ours puts it back, and both stay settled', { timeout: 180_000 }, async () => {
    const { sim, core, store, syncListings } = await setup();
    const offers = await core.db('product_listings').where({ store_id: store.id }).whereNotNull('fbm_warehouse_id').orderBy('seller_sku').select<{ seller_sku: string; product_id: number; fbm_warehouse_id: number }[]>('seller_sku', 'product_id', 'fbm_warehouse_id');
    const [a, b] = offers;
    if (!a || !b) throw new Error('need two FBM offers');
    // Our shelves hold 40 of b: Amazon gets 38 (buffer 2) through the outbox.
    await core.inventory.adjust({ productId: b.product_id, warehouseId: b.fbm_warehouse_id, delta: 40, reason: 'found' });
    await core.outbox.runOnce();
    await sleep(500);
    await syncListings();
    expect((await core.reconciliation.stock()).rows).toEqual([]);

    // The seller types new quantities into Seller Central: nothing tells the app.
    const at = sim.clock.nowMs();
    sim.workflows.listings.setQuantityInSellerCentral(a.seller_sku, US, 17, at);
    sim.workflows.listings.setQuantityInSellerCentral(b.seller_sku, US, 5, at);
    await syncListings();
    const found = await core.reconciliation.stock();
    const pushedA = Number((await core.db('product_listings').where({ seller_sku: a.seller_sku, marketplace_id: US }).first<{ fbm_pushed_quantity: number }>('fbm_pushed_quantity')).fbm_pushed_quantity);
    expect(found.rows.map((r) => [r.sellerSku, r.channel, r.expected, r.amazon, r.cause, r.actions]).sort()).toEqual(
      [
        [a.seller_sku, 'fbm', pushedA, 17, 'seller-central-change', ['accept-amazon', 'push-ours']],
        [b.seller_sku, 'fbm', 38, 5, 'seller-central-change', ['accept-amazon', 'push-ours']],
      ].sort(),
    );
    const rowA = found.rows.find((r) => r.sellerSku === a.seller_sku)!;
    const rowB = found.rows.find((r) => r.sellerSku === b.seller_sku)!;

    // a: Amazon's 17 is right. Our stock becomes 17 + buffer 2, with a ledger row and an audit entry.
    const accepted = await core.reconciliation.acceptAmazon({ key: rowA.key, reason: '仓库实盘 19 件' });
    expect(accepted.movementId).toEqual(expect.any(Number));
    const movement = await core.db('stock_movements').where({ id: accepted.movementId }).first();
    expect(movement).toMatchObject({ product_id: a.product_id, warehouse_id: a.fbm_warehouse_id, kind: 'sync-correction', reason: 'recon-accept-amazon', note: '仓库实盘 19 件' });
    const [levelA] = await core.db('stock_levels').where({ product_id: a.product_id, warehouse_id: a.fbm_warehouse_id }).select('on_hand', 'reserved');
    expect(levelA.on_hand - levelA.reserved).toBe(19);
    // b: ours is right; 38 goes back to Amazon.
    const pushed = await core.reconciliation.pushOurs({ key: rowB.key });
    expect(pushed.quantity).toBe(38);
    expect((await core.reconciliation.stock()).rows).toEqual([]);

    await core.outbox.runOnce();
    await sleep(500);
    await syncListings();
    sim.workflows.settle();
    expect(fulfillment(sim.workflows.listings.get(b.seller_sku, US)!).quantity).toBe(38);
    expect(fulfillment(sim.workflows.listings.get(a.seller_sku, US)!).quantity).toBe(17);
    const settled = await core.reconciliation.stock();
    expect(settled.rows).toEqual([]);
    expect([settled.inventoryDeviationPct, settled.skuErrorPct]).toEqual([0, 0]);
    expect(await core.db('audit_log').whereIn('action', ['recon.accept-amazon', 'recon.push-ours']).orderBy('id').pluck('action')).toEqual(['recon.accept-amazon', 'recon.push-ours']);
  });
});
