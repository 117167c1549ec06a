import { afterEach, describe, expect, it } from 'vitest';
import { listFbaInventory, type FbaInventoryRow } from '../../main/db/repositories/fba-inventory.repo';
import { listListings } from '../../main/db/repositories/listings.repo';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import type { InventorySummary } from '../../main/simulator/store/fba-inventory-types';
import { fbaFulfillable, fulfillment, itemName, listingStatus, offerPrice } from '../../main/simulator/workflows/listing-view';
import { SpApiClient } from '../../main/spapi/client';
import { fetchReport } from '../../main/spapi/documents-api';
import { inventoryJob } from '../../main/sync/jobs/inventory.job';
import type { JobContext, JobProgress } from '../../main/sync/jobs/job';
import { ListingsSyncError, listingsJob, type ReportFetcher } from '../../main/sync/jobs/listings.job';
import type { Store } from '../../shared/domain/store';
import { tempCore } from '../support/temp-core';

const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
/**
 * Simulated seconds per wall second. Inventory runs at 20×, which leaves a page a second and a half of wall time before
 * its nextToken's 30 simulated seconds run out; reports at 120×, so a report's minute and a half of processing takes
 * under a second.
 */
const INVENTORY_SCALE = 20;
const REPORTS_SCALE = 120;
const HOUR = 3600_000;
const START = Date.parse('2026-11-20T06:00:00Z');
/** Where setup parks the simulated store: ahead of the clock for the whole test, at a fixed point so runs repeat exactly. */
const FROZEN_AT = START + 2 * HOUR;
const CREDENTIALS = { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let sim: RunningSimulator | undefined;
let core: TestCore | undefined;
const clients: SpApiClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await core?.dispose();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

/** A core with two real stores (NA: US, CA, MX; FE: JP) whose calls go to a simulator on loopback. */
async function setup(timeScale: number, onExchange?: (ex: Exchange) => void) {
  sim = await startSimulator({ seed: 11, timeScale, start: new Date(START), ...(onExchange ? { onExchange } : {}) });
  // The store only ever runs forward to the clock: running it two hours ahead freezes it, so what a job reads and what
  // the test expects are the same state. A test moves it on (sales, inbound shipments) with advanceTo.
  sim.store.advanceTo(new Date(FROZEN_AT));
  core = await tempCore({
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    clock: sim.clock,
    sync: { autoStart: false },
    demo: { enabled: false, timeScale },
  });
  await core.start();
  const na = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: NA, ...CREDENTIALS });
  const jp = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets JP', region: 'fe', marketplaceIds: [JP], ...CREDENTIALS });
  return { sim, core, na, jp };
}

/** What the scheduler hands a job, built by hand so a test can run one job directly. */
async function contextFor(c: TestCore, store: Store, opts: { signal?: AbortSignal; progress?: (p: JobProgress) => void } = {}): Promise<JobContext> {
  const api = await c.storeClients.forStore(store.id);
  if (!api) throw new Error('store has no client');
  return { db: c.db, clock: c.clock, store, api, secretBox: c.secretBox, signal: opts.signal ?? new AbortController().signal, progress: opts.progress ?? (() => undefined) };
}

/** The dependency the core wires for the listings job: fetchReport with the store's own SP-API client. */
function reportFor(s: RunningSimulator, c: TestCore, rewrite?: (params: { reportType: string; marketplaceIds: string[] }) => { reportType: string; marketplaceIds: string[] }) {
  return async (storeId: number): Promise<ReportFetcher> => {
    const store = (await c.stores.list()).find((x) => x.id === storeId);
    if (!store) throw new Error(`no store ${storeId}`);
    const client = new SpApiClient({ region: store.region, sellingPartner: `store-${storeId}`, credentials: CREDENTIALS, limiter: c.limiter, endpoint: { host: '127.0.0.1', port: s.port, ca: s.caPem } });
    clients.push(client);
    return (params, poll) => fetchReport(client, rewrite ? rewrite(params) : params, poll);
  };
}

const figures = (r: Pick<FbaInventoryRow, 'seller_sku' | 'fulfillable' | 'inbound_working' | 'inbound_shipped' | 'inbound_receiving' | 'reserved' | 'researching' | 'unfulfillable' | 'total'>) => [
  r.seller_sku, r.fulfillable, r.inbound_working, r.inbound_shipped, r.inbound_receiving, r.reserved, r.researching, r.unfulfillable, r.total,
];

function expectedFigures(s: InventorySummary) {
  const d = s.inventoryDetails ?? {};
  return [
    s.sellerSku, d.fulfillableQuantity, d.inboundWorkingQuantity, d.inboundShippedQuantity, d.inboundReceivingQuantity, d.reservedQuantity?.totalReservedQuantity,
    d.researchingQuantity?.totalResearchingQuantity, d.unfulfillableQuantity?.totalUnfulfillableQuantity, s.totalQuantity,
  ];
}

/** Every SKU of the marketplace, with every figure and identifier, equal to what the simulated Amazon holds now. */
async function expectInventoryExact(c: TestCore, s: RunningSimulator, storeId: number, marketplaceId: string): Promise<number> {
  const expected = s.store.inventorySummaries({ marketplaceId, details: true });
  const rows = await listFbaInventory(c.db, storeId, marketplaceId);
  expect(rows.map(figures)).toEqual(expected.map(expectedFigures));
  expect(rows.map((r) => [r.seller_sku, r.asin, r.fnsku, r.condition, r.product_name, r.amazon_updated_time])).toEqual(
    expected.map((e) => [e.sellerSku, e.asin, e.fnSku, e.condition, e.productName, e.lastUpdatedTime]),
  );
  return rows.length;
}

/** getInventorySummaries answers for one marketplace; 429s are left out, as the client waits and sends them again. */
const inventoryCalls = (exchanges: Exchange[], marketplaceId: string) =>
  exchanges.filter((e) => e.operation === 'getInventorySummaries' && e.query.get('marketplaceIds') === marketplaceId && e.status !== 429);

describe('FBA inventory sync against the simulator', () => {
  it('a first run holds every SKU of every marketplace with exactly Amazon’s quantities and product names', async () => {
    const { sim, core, na, jp } = await setup(INVENTORY_SCALE);
    const progress: JobProgress[] = [];
    const job = inventoryJob();
    const outcome = await job.run(await contextFor(core, na, { progress: (p) => progress.push(p) }));

    const counts = NA.map((m) => sim.store.inventorySummaries({ marketplaceId: m, details: false }).length);
    expect(counts).toEqual([55, 45, 48]);
    // 50 summaries a page: the US takes two pages, CA and MX one each.
    expect(outcome).toEqual({ mode: 'full', pages: 4, items: 148, interrupted: false });
    expect(progress.at(-1)).toMatchObject({ mode: 'full', pages: 4, items: 148 });
    for (const m of NA) await expectInventoryExact(core, sim, na.id, m);

    await job.run(await contextFor(core, jp));
    expect(await expectInventoryExact(core, sim, jp.id, JP)).toBe(49);
    const names = (await listFbaInventory(core.db, jp.id, JP)).map((r) => r.product_name ?? '');
    expect(names.filter((n) => /[\u3040-\u30ff]/.test(n)).length).toBeGreaterThan(40);
    expect(names.join('')).not.toContain('\ufffd');

    const marks = await core.db('sync_watermarks').where({ store_id: na.id }).orderBy('job');
    expect(marks.map((m: { job: string }) => m.job)).toEqual(NA.map((m) => `inventory:${m}`).sort());
    for (const m of marks as { watermark: string; cursor_json: string }[]) expect(JSON.parse(m.cursor_json)).toEqual({ fullScanAt: m.watermark });
  });

  it('restarts a marketplace scan whose nextToken expired mid-way and still ends exact', async () => {
    const exchanges: Exchange[] = [];
    const { sim, core, na } = await setup(INVENTORY_SCALE, (ex) => exchanges.push(ex));
    const ctx = await contextFor(core, na);
    // The US's first page reaches the job two wall seconds (40 simulated seconds) after Amazon answered, as over a
    // stalled connection: the nextToken in it is dead on arrival.
    let stalled = false;
    const api = ctx.api;
    const stalling: typeof api = {
      ...api,
      getInventorySummaries: async (marketplaceId, opts) => {
        const res = await api.getInventorySummaries(marketplaceId, opts);
        if (marketplaceId === US && !stalled) {
          stalled = true;
          await new Promise((r) => setTimeout(r, 2000));
        }
        return res;
      },
    };
    const outcome = await inventoryJob().run({ ...ctx, api: stalling });

    const us = inventoryCalls(exchanges, US);
    expect(us.map((e) => [e.status, e.query.has('nextToken')])).toEqual([
      [200, false],
      [400, true],
      [200, false],
      [200, true],
    ]);
    expect(JSON.stringify(us[1]?.responseBody)).toMatch(/nextToken has expired/);
    expect(outcome).toEqual({ mode: 'full', pages: 4, items: 148, interrupted: false });
    for (const m of NA) await expectInventoryExact(core, sim, na.id, m);
    expect((await core.db('fba_inventory').count({ n: '*' }).first())?.n).toBe(148);
  });

  it('a scan cancelled between pages writes nothing and leaves no token to resume; the next run reads it whole', async () => {
    const exchanges: Exchange[] = [];
    const { sim, core, na } = await setup(INVENTORY_SCALE, (ex) => exchanges.push(ex));
    const ctrl = new AbortController();
    // MX and CA (one page each) are committed; the user cancels once the US scan has read its first of two pages.
    const first = await inventoryJob().run(await contextFor(core, na, { signal: ctrl.signal, progress: (p) => p.pages === 3 && ctrl.abort() }));
    expect(first).toEqual({ mode: 'full', pages: 2, items: 93, interrupted: true });
    expect(await listFbaInventory(core.db, na.id, US)).toEqual([]);
    for (const m of NA.filter((x) => x !== US)) await expectInventoryExact(core, sim, na.id, m);
    expect(await core.db('sync_watermarks').where({ store_id: na.id }).orderBy('job').pluck('job')).toEqual(['inventory:A1AM78C64UM0Y8', 'inventory:A2EUQ1WTGCTBG2']);

    const second = await inventoryJob().run(await contextFor(core, na));
    expect(second).toMatchObject({ mode: 'full', interrupted: false });
    for (const m of NA) await expectInventoryExact(core, sim, na.id, m);
    // The cancelled scan's nextToken was never sent: the US was read again from its first page.
    expect(inventoryCalls(exchanges, US).map((e) => e.query.has('nextToken'))).toEqual([false, false, true]);
  });

  it('after Amazon sells FBA units, the next run shows the new quantities; a full scan also catches inbound moves and drops vanished SKUs', async () => {
    const exchanges: Exchange[] = [];
    const { sim, core, na } = await setup(INVENTORY_SCALE, (ex) => exchanges.push(ex));
    const job = inventoryJob();
    await job.run(await contextFor(core, na));
    const before = new Map((await listFbaInventory(core.db, na.id)).map((r) => [`${r.marketplace_id}|${r.seller_sku}`, r]));
    // A SKU Amazon no longer has: only a full scan can tell it is gone.
    await core.db('fba_inventory').insert({ ...before.get(`${US}|${sim.store.inventorySummaries({ marketplaceId: US, details: false })[0]?.sellerSku}`)!, seller_sku: 'GHOST-SKU', asin: null, fnsku: null });

    // Eight simulated days of orders, AFN shipments and inbound shipments, in one step.
    sim.store.advanceTo(new Date(FROZEN_AT + 8 * 24 * HOUR));
    const sold = NA.flatMap((m) =>
      sim!.store.inventorySummaries({ marketplaceId: m, details: true }).filter((s) => {
        const old = before.get(`${m}|${s.sellerSku}`);
        return old && (old.fulfillable !== s.inventoryDetails?.fulfillableQuantity || old.reserved !== s.inventoryDetails?.reservedQuantity?.totalReservedQuantity);
      }),
    );
    expect(sold.length).toBeGreaterThan(10);

    const callsBefore = exchanges.length;
    const incremental = await job.run(await contextFor(core, na));
    expect(incremental.mode).toBe('incremental');
    // Only changed summaries were asked for, and fewer came back than the 148 a full scan reads.
    const asked = exchanges.slice(callsBefore).filter((e) => e.operation === 'getInventorySummaries');
    expect(asked.every((e) => e.query.has('startDateTime'))).toBe(true);
    expect(incremental.items).toBeGreaterThanOrEqual(sold.length);
    expect(incremental.items).toBeLessThan(148);
    for (const m of NA) {
      const expected = sim.store.inventorySummaries({ marketplaceId: m, details: true });
      const rows = await listFbaInventory(core.db, na.id, m);
      // Nothing removed by an incremental run (the ghost stays until a full scan), and sold units show everywhere.
      expect(rows.map((r) => r.seller_sku)).toEqual([...expected.map((e) => e.sellerSku), ...(m === US ? ['GHOST-SKU'] : [])].sort());
      const bySku = new Map(rows.map((r) => [r.seller_sku, r]));
      for (const e of expected) {
        const row = bySku.get(e.sellerSku ?? '');
        expect([row?.fulfillable, row?.reserved, row?.unfulfillable]).toEqual([
          e.inventoryDetails?.fulfillableQuantity,
          e.inventoryDetails?.reservedQuantity?.totalReservedQuantity,
          e.inventoryDetails?.unfulfillableQuantity?.totalUnfulfillableQuantity,
        ]);
      }
    }

    let staleInbound = 0;
    for (const m of NA) {
      const rows = new Map((await listFbaInventory(core.db, na.id, m)).map((r) => [r.seller_sku, r]));
      for (const e of sim.store.inventorySummaries({ marketplaceId: m, details: true })) {
        const r = rows.get(e.sellerSku ?? '');
        if (r && (r.inbound_working !== e.inventoryDetails?.inboundWorkingQuantity || r.inbound_shipped !== e.inventoryDetails?.inboundShippedQuantity || r.inbound_receiving !== e.inventoryDetails?.inboundReceivingQuantity)) staleInbound += 1;
      }
    }
    // Amazon's startDateTime filter does not see inbound moves (working → shipped → receiving): the reason for the
    // periodic full scan.
    expect(staleInbound).toBeGreaterThan(0);

    const full = await inventoryJob({ fullScanEveryMs: 0 }).run(await contextFor(core, na));
    expect(full).toMatchObject({ mode: 'full', pages: 4, items: 148 });
    for (const m of NA) await expectInventoryExact(core, sim, na.id, m);
    expect(await core.db('fba_inventory').where({ seller_sku: 'GHOST-SKU' })).toEqual([]);
  });
});

/** The merchant listings report row Amazon would print for a listing the simulator holds. */
function expectedListing(s: RunningSimulator, marketplaceId: string, l: ReturnType<RunningSimulator['workflows']['listings']['inMarketplace']>[number], currency: string) {
  const price = offerPrice(l);
  const f = fulfillment(l);
  const status = listingStatus(l, (x) => fbaFulfillable(s.store, x));
  return {
    marketplace_id: marketplaceId,
    seller_sku: l.sku,
    asin: l.asin,
    item_name: itemName(l) ?? null,
    price_minor: price?.minor ?? null,
    currency: price ? currency : null,
    quantity: f.channel === 'DEFAULT' ? (f.quantity ?? 0) : null,
    fulfillment_channel: f.channel,
    status: status.length === 0 ? 'Incomplete' : status.includes('BUYABLE') ? 'Active' : 'Inactive',
    open_date: new Date(Math.floor(l.createdAt / 1000) * 1000).toISOString(),
    listing_id: l.listingId,
  };
}

async function storedListings(c: TestCore, storeId: number, marketplaceId: string) {
  return (await listListings(c.db, storeId, marketplaceId)).map(({ store_id: _s, synced_at: _t, ...rest }) => rest);
}

describe('listings sync against the simulator', () => {
  it('holds exactly the listings Amazon has per marketplace: titles byte-exact, prices in minor units, FBM quantities', async () => {
    const { sim, core, na, jp } = await setup(REPORTS_SCALE);
    const job = listingsJob({ reportFor: reportFor(sim, core), pollMs: 20 });
    expect(await job.run(await contextFor(core, na))).toEqual({ mode: 'report', pages: 3, items: 60 + 56 + 59, interrupted: false });
    expect(await job.run(await contextFor(core, jp))).toEqual({ mode: 'report', pages: 1, items: 56, interrupted: false });

    const currencies: Record<string, string> = { ATVPDKIKX0DER: 'USD', A2EUQ1WTGCTBG2: 'CAD', A1AM78C64UM0Y8: 'MXN', A1VC38T7YXB528: 'JPY' };
    for (const [store, m] of [...NA.map((x) => [na, x] as const), [jp, JP] as const]) {
      const expected = sim.workflows.listings.inMarketplace(m).map((l) => expectedListing(sim, m, l, currencies[m]!));
      expect(await storedListings(core, store.id, m)).toEqual(expected);
    }

    const japanese = await listListings(core.db, jp.id, JP);
    for (const row of japanese) {
      const l = sim.workflows.listings.get(row.seller_sku, JP)!;
      expect(Buffer.from(row.item_name ?? '', 'utf8').equals(Buffer.from(itemName(l) ?? '', 'utf8'))).toBe(true);
      // Yen have no minor unit: the stored integer is the yen amount Amazon prints.
      expect(row.price_minor).toBe(Number(offerPrice(l)!.amount));
    }
    expect(japanese.filter((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r.item_name ?? '')).length).toBeGreaterThan(40);
    const usd = (await listListings(core.db, na.id, US)).find((r) => r.price_minor !== null)!;
    expect(usd.price_minor).toBe(Math.round(Number(offerPrice(sim.workflows.listings.get(usd.seller_sku, US)!)!.amount) * 100));
    expect(Number.isInteger(usd.price_minor)).toBe(true);

    // The seller deletes a listing on Amazon: the next run removes exactly that one.
    const gone = sim.workflows.listings.inMarketplace(JP)[3]!;
    sim.workflows.listings.write(gone.sku, JP, null, sim.clock.nowMs());
    await job.run(await contextFor(core, jp));
    const after = (await listListings(core.db, jp.id, JP)).map((r) => r.seller_sku);
    expect(after).toEqual(japanese.map((r) => r.seller_sku).filter((s) => s !== gone.sku));
  });

  it('a report that ends FATAL is a typed failure and changes nothing', async () => {
    const { sim, core, jp } = await setup(REPORTS_SCALE);
    await listingsJob({ reportFor: reportFor(sim, core), pollMs: 20 }).run(await contextFor(core, jp));
    const before = await listListings(core.db, jp.id);
    expect(before).toHaveLength(56);

    // Amazon takes the request but fails it: the simulator ends a report type it does not generate FATAL.
    const failing = listingsJob({ reportFor: reportFor(sim, core, (p) => ({ ...p, reportType: 'GET_MERCHANT_LISTINGS_DATA' })), pollMs: 20 });
    const err = await failing.run(await contextFor(core, jp)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ListingsSyncError);
    expect((err as ListingsSyncError).kind).toBe('server');
    expect((err as ListingsSyncError).failures).toEqual([
      { marketplaceId: JP, reason: 'report-ended', reportId: expect.any(String), processingStatus: 'FATAL', errorDocument: expect.stringMatching(/Report processing failed/) },
    ]);
    expect(await listListings(core.db, jp.id)).toEqual(before);
  });
});
