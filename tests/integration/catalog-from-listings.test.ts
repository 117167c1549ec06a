import { afterEach, describe, expect, it } from 'vitest';
import { importCatalogFromListings, isMerchantFulfilled } from '../../main/services/catalog/catalog-from-listings';
import { stockLevels } from '../../main/services/inventory/ledger';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import { snapshotDb, tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
/** A listings report spends one to two simulated minutes in Amazon's queue: at 60× about a second and a half. */
const SCALE = 60;
const START = Date.parse('2026-11-20T06:00:00Z');
const CREDENTIALS = { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken, sellerId: DEMO_ACCOUNT.sellerId };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let sim: RunningSimulator | undefined;
let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

interface ListingRow {
  marketplace_id: string;
  seller_sku: string;
  asin: string | null;
  item_name: string | null;
  quantity: number | null;
  fulfillment_channel: string | null;
}

const bytes = (s: string | null | undefined) => Buffer.from(s ?? '', 'utf8').toString('hex');

async function runOk(c: TestCore, filter: { storeId: number; job: string }) {
  await c.scheduler.runNow(filter);
  const [last] = await c.db('sync_runs').where({ store_id: filter.storeId, job: filter.job }).orderBy('id', 'desc').limit(1).select('outcome', 'error_message');
  expect(last).toEqual({ outcome: 'ok', error_message: null });
}

const importFor = (c: TestCore, storeId: number) => c.db.transaction((trx) => importCatalogFromListings(trx, { storeId, now: new Date(START).toISOString(), actor: 'tester' }));

describe('catalog from Amazon listings', () => {
  it('maps every offer once, creates products with byte-exact Chinese and Japanese names, and sends FBM offers to the domestic warehouse', async () => {
    sim = await startSimulator({ seed: 11, timeScale: SCALE, start: new Date(START), marketplaceIds: [US, JP] });
    sim.store.advanceTo(new Date(START + 3600_000));
    core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false }, demo: { enabled: false, timeScale: SCALE } });
    await core.start();
    const jp = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets JP', region: 'fe', marketplaceIds: [JP], ...CREDENTIALS });
    const us = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets US', region: 'na', marketplaceIds: [US], ...CREDENTIALS });
    await core.scheduler.refresh();
    await runOk(core, { storeId: jp.id, job: 'listings' });
    await runOk(core, { storeId: us.id, job: 'listings' });
    // JP's FBA view (one page) gives the FNSKUs.
    await runOk(core, { storeId: jp.id, job: 'inventory' });
    const listingsOf = async (storeId: number): Promise<ListingRow[]> =>
      core!.db('listings').where({ store_id: storeId }).orderBy('seller_sku').select('marketplace_id', 'seller_sku', 'asin', 'item_name', 'quantity', 'fulfillment_channel');
    const jpListings = await listingsOf(jp.id);
    const usListings = await listingsOf(us.id);
    expect(jpListings.length).toBeGreaterThan(40);
    expect(usListings.length).toBeGreaterThan(40);

    // The seller's catalog before the import: one product already carries a US-only seller SKU as its master SKU, and
    // another holds (as an alias) the ASIN of a JP SKU, so that code must stay where it is.
    const now = new Date(START).toISOString();
    const known = usListings.find((l) => !jpListings.some((j) => j.seller_sku === l.seller_sku))!;
    const jpOnly = jpListings.find((l) => l.asin)!;
    expect(known && jpOnly).toBeTruthy();
    const insertProduct = async (sku: string, name: string) => {
      const [row] = await core!.db('products').insert({ sku, kind: 'unit', name, allow_backorder: false, created_at: now, updated_at: now }, ['id']);
      return typeof row === 'object' ? (row as { id: number }).id : (row as number);
    };
    const knownId = await insertProduct(known.seller_sku, '自有品名 own name');
    const aliasHolder = await insertProduct('OLD-LISTING', '旧链接 old listing');
    await core.db('product_codes').insert({ product_id: aliasHolder, kind: 'alias', code: jpOnly.asin, units: 1 });

    const jpResult = await importFor(core, jp.id);
    expect(jpResult).toMatchObject({ mapped: jpListings.length, created: jpListings.length, skipped: 0, fbm: jpListings.filter(isMerchantFulfilled).length });
    const usResult = await importFor(core, us.id);
    const usShared = usListings.filter((l) => jpListings.some((j) => j.seller_sku === l.seller_sku)).length;
    // US offers of SKUs the JP import created, and the one the seller already had, map to those products.
    expect(usResult).toMatchObject({ mapped: usListings.length, created: usListings.length - usShared - 1, skipped: 0 });

    // One product per seller SKU; every offer mapped to it.
    const mappings = await core.db('product_listings as pl').join('products as p', 'p.id', 'pl.product_id').select('pl.store_id', 'pl.marketplace_id', 'pl.seller_sku', 'p.sku', 'p.id', 'pl.fbm_warehouse_id', 'pl.fbm_pushed_quantity');
    expect(mappings).toHaveLength(jpListings.length + usListings.length);
    for (const m of mappings as { seller_sku: string; sku: string; id: number }[]) expect(m.sku).toBe(m.seller_sku);
    expect((mappings as { seller_sku: string; id: number }[]).find((m) => m.seller_sku === known.seller_sku)?.id).toBe(knownId);

    // Names: the JP import named its products in Japanese, byte for byte as Amazon's catalogue has them; US-only
    // products carry the US title; the Chinese brand names (天健, 千里…) are intact in both. The seller's own name stays.
    const products = new Map((await core.db('products').select('id', 'sku', 'name')).map((p: { sku: string; name: string }) => [p.sku, p.name]));
    const catalog = new Map(sim.store.catalog.map((i) => [i.sellerSku, i]));
    for (const l of jpListings) expect(bytes(products.get(l.seller_sku))).toBe(bytes(catalog.get(l.seller_sku)?.titles[JP]));
    const usOnly = usListings.filter((l) => !jpListings.some((j) => j.seller_sku === l.seller_sku) && l.seller_sku !== known.seller_sku);
    for (const l of usOnly) expect(bytes(products.get(l.seller_sku))).toBe(bytes(catalog.get(l.seller_sku)?.titles[US]));
    expect(usOnly.length).toBeGreaterThan(0);
    const names = [...products.values()].join('\n');
    const chineseBrands = [...new Set(sim.store.catalog.map((i) => i.brand).filter((b) => /[\u4e00-\u9fff]/.test(b)))];
    expect(chineseBrands.length).toBeGreaterThan(1);
    for (const brand of chineseBrands) expect(names).toContain(brand);
    expect(names).toMatch(/[\u3040-\u30ff]/);
    expect(names).not.toContain('\ufffd');
    expect(products.get(known.seller_sku)).toBe('自有品名 own name');
    // Both languages are kept as titles where a product is sold in both.
    const shared = usListings.find((l) => jpListings.some((j) => j.seller_sku === l.seller_sku))!;
    const titles = await core.db('product_titles').join('products', 'products.id', 'product_titles.product_id').where('products.sku', shared.seller_sku).orderBy('locale').select('locale', 'title');
    expect(titles.map((t: { locale: string; title: string }) => [t.locale, bytes(t.title)])).toEqual([
      ['en', bytes(catalog.get(shared.seller_sku)?.titles[US])],
      ['ja', bytes(catalog.get(shared.seller_sku)?.titles[JP])],
    ]);

    // Codes: each created product's ASIN and (from the FBA view) FNSKU; a code another product holds stays with it.
    const codes = await core.db('product_codes as c').join('products as p', 'p.id', 'c.product_id').select('p.sku', 'c.kind', 'c.code');
    const codeOf = (sku: string, kind: string) => (codes as { sku: string; kind: string; code: string }[]).filter((c) => c.sku === sku && c.kind === kind).map((c) => c.code);
    const fba = new Map((await core.db('fba_inventory').where({ store_id: jp.id }).select('seller_sku', 'fnsku')).map((r: { seller_sku: string; fnsku: string }) => [r.seller_sku, r.fnsku]));
    expect(fba.size).toBeGreaterThan(20);
    for (const l of jpListings.filter((x) => x.seller_sku !== jpOnly.seller_sku)) {
      expect(codeOf(l.seller_sku, 'asin')).toEqual([catalog.get(l.seller_sku)?.asin]);
      expect(codeOf(l.seller_sku, 'fnsku')).toEqual(fba.has(l.seller_sku) ? [catalog.get(l.seller_sku)?.fnsku] : []);
    }
    expect(codeOf(jpOnly.seller_sku, 'asin')).toEqual([]);
    expect(codeOf('OLD-LISTING', 'alias')).toEqual([jpOnly.asin]);

    // FBM offers count the domestic warehouse, created as 深圳仓 since the seller had none; FBA offers count none.
    const warehouses = await core.db('warehouses').whereNot({ kind: 'fba' }).select('id', 'code', 'name', 'kind');
    expect(warehouses).toEqual([{ id: expect.any(Number), code: 'CN-SZ', name: '深圳仓 Shenzhen', kind: 'domestic' }]);
    const sz = (warehouses[0] as { id: number }).id;
    const byOffer = new Map((mappings as { marketplace_id: string; seller_sku: string; fbm_warehouse_id: number | null; fbm_pushed_quantity: number | null }[]).map((m) => [`${m.marketplace_id}|${m.seller_sku}`, m]));
    const all = [...jpListings, ...usListings];
    const fbm = all.filter(isMerchantFulfilled);
    expect(fbm.length).toBeGreaterThan(3);
    expect(fbm.every((l) => l.fulfillment_channel === 'DEFAULT' && l.quantity !== null)).toBe(true);
    for (const l of all) {
      const m = byOffer.get(`${l.marketplace_id}|${l.seller_sku}`);
      expect([m?.fbm_warehouse_id, m?.fbm_pushed_quantity]).toEqual(isMerchantFulfilled(l) ? [sz, l.quantity] : [null, null]);
    }
    // Mapping is not a stock change: nothing is queued for Amazon.
    expect(await core.db('outbox').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await core.audit.list(5)).filter((a) => a.action === 'catalog.import-listings').map((a) => [a.actor, a.entityId])).toEqual([
      ['tester', String(us.id)],
      ['tester', String(jp.id)],
    ]);

    // A second run finds every offer mapped and changes nothing at all.
    const before = await snapshotDb(core);
    expect(await importFor(core, jp.id)).toMatchObject({ mapped: 0, created: 0, fbm: 0 });
    expect(await importFor(core, us.id)).toMatchObject({ mapped: 0, created: 0, fbm: 0 });
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('demo mode builds the demo store’s catalog after its listings sync, with domestic stock for its FBM products', async () => {
    core = await tempCore({ demo: { enabled: true, timeScale: 120 }, sync: { autoStart: false } });
    await core.start();
    const demoJp = (await core.stores.list()).find((s) => s.region === 'fe')!;
    await core.scheduler.refresh();
    await runOk(core, { storeId: demoJp.id, job: 'listings' });

    const listings: ListingRow[] = await core.db('listings').where({ store_id: demoJp.id }).select('marketplace_id', 'seller_sku', 'asin', 'item_name', 'quantity', 'fulfillment_channel');
    expect(await core.db('product_listings').where({ store_id: demoJp.id }).count({ n: '*' }).first()).toEqual({ n: listings.length });
    const [sz] = await core.db('warehouses').where({ kind: 'domestic' }).select('id', 'code');
    expect(sz).toMatchObject({ code: 'CN-SZ' });
    const fbm = listings.filter((l) => isMerchantFulfilled(l) && (l.quantity ?? 0) > 0);
    expect(fbm.length).toBeGreaterThan(2);
    // Each FBM product holds what its offer shows on Amazon, received by system:demo, so nothing needs pushing.
    const products = new Map((await core.db('products').select('id', 'sku')).map((p: { id: number; sku: string }) => [p.sku, p.id]));
    const levels = new Map((await stockLevels(core.db, { warehouseId: (sz as { id: number }).id })).map((l) => [l.productId, l.onHand]));
    expect(new Map(fbm.map((l) => [products.get(l.seller_sku), l.quantity]))).toEqual(levels);
    expect(await core.db('stock_movements').distinct().pluck('actor')).toEqual(['system:demo']);
    expect(await core.db('outbox').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
