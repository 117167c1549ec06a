import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import { fulfillment } from '../../main/simulator/workflows/listing-view';
import { importCatalogFromListings } from '../../main/services/catalog/catalog-from-listings';
import { queueFbmQuantities, setFbmSafetyBuffer } from '../../main/services/inventory/fbm-push';
import { postMovements } from '../../main/services/inventory/ledger';
import { startTcpProxy } from '../support/tcp-proxy';
import { snapshotDb, tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const SCALE = 60;
const BUFFER = 3;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

interface Offer {
  sellerSku: string;
  productId: number;
  warehouseId: number;
}

/**
 * A US store whose calls go through a cable the test can pull, its catalog built from its real listings report, and a
 * safety buffer of 3 units. The core's clock is the test's, so outbox backoff can be waited out at once.
 */
async function setup(marketplaceId = US, seed = 21) {
  const exchanges: Exchange[] = [];
  const sim: RunningSimulator = await startSimulator({ seed, timeScale: SCALE, start: new Date('2026-11-20T06:00:00Z'), marketplaceIds: [marketplaceId], onExchange: (e) => exchanges.push(e) });
  cleanups.push(() => sim.close());
  let proxy = await startTcpProxy(sim.port);
  const port = proxy.port;
  cleanups.push(() => proxy.close());
  let now = sim.clock.now().getTime() - 60_000;
  const clock = { now: () => new Date(now) };
  const core = await tempCore({ clock, spapiEndpoint: { host: '127.0.0.1', port, ca: sim.caPem }, sync: { autoStart: false }, demo: { enabled: false, timeScale: SCALE } });
  cleanups.push(() => core.dispose());
  await core.start();
  const store = await core.amazonAccounts.connect({
    name: 'Shenzhen Gadgets',
    region: marketplaceId === JP ? 'fe' : 'na',
    marketplaceIds: [marketplaceId],
    sellerId: DEMO_ACCOUNT.sellerId,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    refreshToken: DEMO_ACCOUNT.refreshToken,
  });
  await core.scheduler.refresh();
  await core.scheduler.runNow({ job: 'listings' });
  expect(await core.db('sync_runs').where({ job: 'listings' }).pluck('outcome')).toEqual(['ok']);
  await core.db.transaction((trx) => setFbmSafetyBuffer(trx, BUFFER, { now: clock.now().toISOString() }));
  const imported = await core.db.transaction((trx) => importCatalogFromListings(trx, { storeId: store.id, now: clock.now().toISOString(), actor: 'tester' }));
  expect(imported.fbm).toBeGreaterThanOrEqual(2);

  const offers: Offer[] = (
    await core.db('product_listings').where({ store_id: store.id }).whereNotNull('fbm_warehouse_id').orderBy('seller_sku').select('seller_sku', 'product_id', 'fbm_warehouse_id')
  ).map((r: { seller_sku: string; product_id: number; fbm_warehouse_id: number }) => ({ sellerSku: r.seller_sku, productId: r.product_id, warehouseId: r.fbm_warehouse_id }));

  const amazonQuantity = (sku: string) => {
    sim.workflows.settle();
    const listing = sim.workflows.listings.get(sku, marketplaceId);
    return listing ? fulfillment(listing).quantity : undefined;
  };
  /** Accepted listing changes go live a few simulated seconds later; wait (bounded) until Amazon shows `expected`. */
  const amazonShows = async (sku: string, expected: number): Promise<number | undefined> => {
    for (let i = 0; i < 200 && amazonQuantity(sku) !== expected; i++) await new Promise((r) => setTimeout(r, 25));
    return amazonQuantity(sku);
  };
  const patchesFor = (sku: string) => exchanges.filter((e) => e.operation === 'patchListingsItem' && decodeURIComponent(e.pathname.split('/').at(-1) ?? '') === sku);
  const quantityRows = async () =>
    (await core.db('outbox').where({ kind: 'fbm-quantity' }).orderBy('seq').select('seq', 'status', 'payload_json', 'sent_at', 'last_error')).map(
      (r: { seq: number; status: string; payload_json: string; sent_at: string | null; last_error: string | null }) => ({ ...r, payload: JSON.parse(r.payload_json) as { sellerSku: string; quantity: number } }),
    );
  /** Several worker passes, each after the clock has moved past any backoff. */
  const drain = async (passes = 3) => {
    for (let i = 0; i < passes; i++) {
      await core.outbox.runOnce();
      now += 2 * 3600_000;
    }
  };
  return {
    sim,
    core,
    store,
    offers,
    exchanges,
    amazonQuantity,
    amazonShows,
    patchesFor,
    quantityRows,
    drain,
    advance: (ms: number) => (now += ms),
    unplug: () => proxy.close(),
    plugBackIn: async () => {
      proxy = await startTcpProxy(sim.port, port);
    },
  };
}

describe('FBM quantity push through the outbox', () => {
  it('a clerk’s adjustment made offline queues one write, nothing reaches Amazon, and it lands once after reconnect', async () => {
    const t = await setup();
    const [offer] = t.offers;
    if (!offer) throw new Error('no FBM offer');
    const before = t.amazonQuantity(offer.sellerSku);
    expect(before).toEqual(expect.any(Number));
    // Mapping alone sends nothing: Amazon's current figure counts as the last one pushed.
    expect(await t.quantityRows()).toEqual([]);

    await t.unplug();
    const adjusted = await t.core.inventory.adjust({ productId: offer.productId, warehouseId: offer.warehouseId, delta: 50, reason: 'found', note: '盘点 count' });
    expect(adjusted.level.available).toBe(50);
    const queued = await t.quantityRows();
    expect(queued.map((r) => [r.status, r.payload])).toEqual([['pending', { marketplaceId: US, sellerSku: offer.sellerSku, quantity: 50 - BUFFER }]]);

    await t.drain(4);
    expect(t.patchesFor(offer.sellerSku)).toHaveLength(0);
    expect(t.amazonQuantity(offer.sellerSku)).toBe(before);
    expect((await t.core.status.get()).outbox).toEqual({ pending: 1, dead: 0 });

    await t.plugBackIn();
    await t.drain();
    expect((await t.core.status.get()).outbox).toEqual({ pending: 0, dead: 0 });
    const patches = t.patchesFor(offer.sellerSku);
    expect(patches).toHaveLength(1);
    expect(patches[0]?.status).toBe(200);
    expect(patches[0]?.requestBody).toMatchObject({ patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 47 }] }] });
    expect(await t.amazonShows(offer.sellerSku, 47)).toBe(47);
    expect((await t.quantityRows()).map((r) => r.status)).toEqual(['done']);

    // The same figure again is not a change: nothing more is queued or sent.
    expect(await t.core.db.transaction((trx) => queueFbmQuantities(trx, [offer.productId], { now: new Date().toISOString() }))).toEqual([]);
    await t.drain(1);
    expect(t.patchesFor(offer.sellerSku)).toHaveLength(1);

    // A buffer that makes no sense is refused and changes nothing.
    const untouched = await snapshotDb(t.core);
    await expect(t.core.fbmSafetyBuffer.set(-1)).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'fbmSafetyBuffer', reason: 'out-of-range' } });
    expect(await snapshotDb(t.core)).toEqual(untouched);

    // A larger buffer re-queues the offers whose stock the ledger counts, and only those.
    expect(t.offers.length).toBeGreaterThan(1);
    await t.core.fbmSafetyBuffer.set(10);
    expect(await t.core.fbmSafetyBuffer.get()).toBe(10);
    expect((await t.quantityRows()).filter((r) => r.status === 'pending').map((r) => r.payload)).toEqual([{ marketplaceId: US, sellerSku: offer.sellerSku, quantity: 40 }]);
    await t.drain();
    expect(await t.amazonShows(offer.sellerSku, 40)).toBe(40);
    expect(t.exchanges.filter((e) => e.operation === 'patchListingsItem')).toHaveLength(2);
  });

  it('two adjustments while offline send only the newest figure: the older row is retired unsent', async () => {
    const t = await setup();
    const [offer] = t.offers;
    if (!offer) throw new Error('no FBM offer');
    await t.unplug();
    await t.core.inventory.adjust({ productId: offer.productId, warehouseId: offer.warehouseId, delta: 30, reason: 'found' });
    await t.drain(1);
    await t.core.inventory.adjust({ productId: offer.productId, warehouseId: offer.warehouseId, delta: -8, reason: 'damaged', note: '报损' });

    const rows = await t.quantityRows();
    expect(rows.map((r) => [r.status, r.payload.quantity, r.sent_at])).toEqual([
      ['done', 27, null],
      ['pending', 19, null],
    ]);
    expect(rows[0]?.last_error).toMatch(/^superseded: replaced by outbox row \d+/);

    await t.plugBackIn();
    await t.drain();
    const patches = t.patchesFor(offer.sellerSku);
    expect(patches.map((e) => (e.requestBody as { patches: { value: { quantity: number }[] }[] }).patches[0]?.value[0]?.quantity)).toEqual([19]);
    expect(await t.amazonShows(offer.sellerSku, 19)).toBe(19);
    expect((await t.quantityRows()).map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('a bundle listing’s quantity follows its component: whole sets, minus the buffer', async () => {
    const t = await setup();
    const [single, pack] = t.offers;
    if (!single || !pack) throw new Error('need two FBM offers');
    const now = new Date().toISOString();
    // The second offer sells a 2-pack of the first offer's item (套): a bundle product with one component × 2.
    const [row] = await t.core.db('products').insert({ sku: 'KIT-2PACK', kind: 'bundle', name: '两件套 2-pack', allow_backorder: false, created_at: now, updated_at: now }, ['id']);
    const bundleId = typeof row === 'object' ? (row as { id: number }).id : (row as number);
    await t.core.db('bundle_components').insert({ bundle_id: bundleId, component_id: single.productId, quantity: 2 });
    await t.core.db('product_listings').where({ store_id: t.store.id, marketplace_id: US, seller_sku: pack.sellerSku }).update({ product_id: bundleId });

    await t.core.inventory.adjust({ productId: single.productId, warehouseId: single.warehouseId, delta: 21, reason: 'found' });
    expect((await t.quantityRows()).map((r) => [r.payload.sellerSku, r.payload.quantity])).toEqual([
      [single.sellerSku, 21 - BUFFER],
      [pack.sellerSku, Math.floor(21 / 2) - BUFFER],
    ]);
    await t.drain();
    expect(await t.amazonShows(single.sellerSku, 18)).toBe(18);
    expect(await t.amazonShows(pack.sellerSku, 7)).toBe(7);

    await t.core.inventory.adjust({ productId: single.productId, warehouseId: single.warehouseId, delta: -5, reason: 'damaged' });
    await t.drain();
    expect(await t.amazonShows(single.sellerSku, 13)).toBe(13);
    expect(await t.amazonShows(pack.sellerSku, 5)).toBe(5);
    expect(t.patchesFor(pack.sellerSku)).toHaveLength(2);

    // Below the buffer the offer shows zero, never a negative figure.
    await t.core.inventory.adjust({ productId: single.productId, warehouseId: single.warehouseId, delta: -14, reason: 'lost' });
    await t.drain();
    expect(await t.amazonShows(single.sellerSku, 0)).toBe(0);
    expect(await t.amazonShows(pack.sellerSku, 0)).toBe(0);
    expect((await t.core.status.get()).outbox).toEqual({ pending: 0, dead: 0 });
  });

  it('a posting that bypassed the services’ hook still reaches Amazon within the next sync cycle', async () => {
    // Japan: its FBA view is one page, so the inventory sync has no nextToken to race at this time scale.
    const t = await setup(JP, 11);
    const [offer] = t.offers;
    if (!offer) throw new Error('no FBM offer');
    await t.core.db.transaction((trx) =>
      postMovements(trx, [{ productId: offer.productId, warehouseId: offer.warehouseId, kind: 'receive', onHand: 12, refType: 'purchase-order', refId: 'PO-1' }], { actor: 'tester', now: t.core.clock.now().toISOString() }),
    );
    expect(await t.quantityRows()).toEqual([]);

    await t.core.scheduler.runNow({ job: 'inventory' });
    expect(await t.core.db('sync_runs').where({ job: 'inventory' }).pluck('outcome')).toEqual(['ok']);
    expect((await t.quantityRows()).map((r) => [r.status, r.payload])).toEqual([['pending', { marketplaceId: JP, sellerSku: offer.sellerSku, quantity: 12 - BUFFER }]]);
    await t.drain();
    expect(await t.amazonShows(offer.sellerSku, 9)).toBe(9);

    // Once pushed, the next cycle finds nothing stale and queues nothing.
    await t.core.scheduler.runNow({ job: 'inventory' });
    expect(await t.quantityRows()).toHaveLength(1);
    expect(t.patchesFor(offer.sellerSku)).toHaveLength(1);
  });
});
