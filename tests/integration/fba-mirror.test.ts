import { afterEach, describe, expect, it } from 'vitest';
import { findFbaWarehouse } from '../../main/db/repositories/warehouses.repo';
import { stockLevels } from '../../main/services/inventory/ledger';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import type { InventorySummary } from '../../main/simulator/store/fba-inventory-types';
import { tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
/** Inventory pages carry a 30-second nextToken: 20× leaves each page a second and a half of wall time. */
const SCALE = 20;
const HOUR = 3600_000;
const START = Date.parse('2026-11-20T06:00:00Z');
/** The simulated store is parked here, ahead of its clock, so what a sync reads is what the test expects. */
const FROZEN_AT = START + 2 * HOUR;
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

interface Figures {
  onHand: number;
  reserved: number;
  inTransit: number;
}

/** What the ledger should hold for one marketplace's view of a SKU, computed from the simulator's own summary. */
function figuresOf(s: InventorySummary | undefined): Figures {
  const d = s?.inventoryDetails;
  const reserved = d?.reservedQuantity?.totalReservedQuantity ?? 0;
  return {
    onHand: (d?.fulfillableQuantity ?? 0) + reserved + (d?.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0) + (d?.researchingQuantity?.totalResearchingQuantity ?? 0),
    reserved,
    inTransit: (d?.inboundShippedQuantity ?? 0) + (d?.inboundReceivingQuantity ?? 0),
  };
}

const add = (a: Figures, b: Figures): Figures => ({ onHand: a.onHand + b.onHand, reserved: a.reserved + b.reserved, inTransit: a.inTransit + b.inTransit });

async function setup() {
  sim = await startSimulator({ seed: 11, timeScale: SCALE, start: new Date(START) });
  sim.store.advanceTo(new Date(FROZEN_AT));
  // The core's clock runs with the simulator's, plus an offset a test can move to be "six hours later".
  let offset = 0;
  const s = sim;
  core = await tempCore({
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    clock: { now: () => new Date(s.clock.nowMs() + offset) },
    sync: { autoStart: false },
    demo: { enabled: false, timeScale: SCALE },
  });
  await core.start();
  const na = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US, CA, MX], ...CREDENTIALS });
  const eu = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets EU', region: 'eu', marketplaceIds: [UK, DE, FR], ...CREDENTIALS });
  await core.scheduler.refresh();
  return { sim, core, na, eu, later: (ms: number) => (offset += ms) };
}

/** One product per seller SKU, mapped in the given marketplace: the catalog a seller would have before syncing. */
async function mapSkus(c: TestCore, storeId: number, marketplaceId: string, skus: readonly string[]): Promise<Map<string, number>> {
  const now = new Date().toISOString();
  const out = new Map<string, number>();
  for (const sku of skus) {
    const existing = await c.db('products').where({ sku }).first<{ id: number } | undefined>('id');
    let id = existing?.id;
    if (id === undefined) {
      const [row] = await c.db('products').insert({ sku, kind: 'unit', name: sku, allow_backorder: false, created_at: now, updated_at: now }, ['id']);
      id = typeof row === 'object' ? (row as { id: number }).id : (row as number);
    }
    await c.db('product_listings').insert({ store_id: storeId, marketplace_id: marketplaceId, seller_sku: sku, product_id: id });
    out.set(sku, id);
  }
  return out;
}

async function syncInventory(c: TestCore) {
  const before = await c.db('sync_runs').where({ job: 'inventory' }).count({ n: '*' }).first<{ n: number }>();
  await c.scheduler.runNow({ job: 'inventory' });
  const runs = await c.db('sync_runs').where({ job: 'inventory' }).orderBy('id').offset(Number(before?.n ?? 0)).select('outcome', 'error_message');
  expect(runs.map((r: { outcome: string; error_message: string | null }) => [r.outcome, r.error_message])).toEqual(runs.map(() => ['ok', null]));
}

async function ledgerOf(c: TestCore, warehouseId: number): Promise<Map<number, Figures>> {
  return new Map((await stockLevels(c.db, { warehouseId })).map((l) => [l.productId, { onHand: l.onHand, reserved: l.reserved, inTransit: l.inTransit }]));
}

const corrections = (c: TestCore, warehouseId: number, afterId = 0) =>
  c.db('stock_movements').where({ warehouse_id: warehouseId }).andWhere('id', '>', afterId).orderBy('id').select('id', 'product_id', 'kind', 'on_hand_delta', 'reserved_delta', 'in_transit_delta', 'ref_type', 'actor');

describe('FBA stock mirrored into the ledger', () => {
  it('makes the FBA warehouse hold Amazon’s figures for mapped SKUs, once per pool, then posts only what Amazon changed', async () => {
    const { sim, core, na, eu, later } = await setup();
    const summaries = (m: string) => new Map(sim.store.inventorySummaries({ marketplaceId: m, details: true }).map((s) => [s.sellerSku ?? '', s]));
    // Every SKU with FBA stock in the US is in the catalog; CA's and MX's own SKUs are not (they stay unmapped).
    const usSkus = [...summaries(US).keys()];
    const products = await mapSkus(core, na.id, US, usSkus);
    // EU: the German SKUs are mapped in Germany; the UK and France report some of the same SKUs.
    const deSkus = [...summaries(DE).keys()];
    const euProducts = await mapSkus(core, eu.id, DE, deSkus);

    /** NA pools are separate per marketplace and add up; Pan-EU marketplaces report one pool (Germany's view counts). */
    const expectedNa = () => {
      const [us, ca, mx] = [summaries(US), summaries(CA), summaries(MX)];
      return new Map(usSkus.map((sku) => [products.get(sku), [us, ca, mx].map((m) => figuresOf(m.get(sku))).reduce(add)]));
    };
    const expectedEu = () => {
      const [uk, de] = [summaries(UK), summaries(DE)];
      return new Map(deSkus.map((sku) => [euProducts.get(sku), add(figuresOf(uk.get(sku)), figuresOf(de.get(sku)))]));
    };
    // The choice matters: France reports many of the same SKUs, which a sum would count twice.
    expect(deSkus.filter((sku) => summaries(FR).has(sku)).length).toBeGreaterThan(10);
    expect([...summaries(CA).keys()].filter((sku) => !products.has(sku)).length).toBeGreaterThan(0);

    await syncInventory(core);
    const naWarehouse = await findFbaWarehouse(core.db, na.id, 'na');
    const euWarehouse = await findFbaWarehouse(core.db, eu.id, 'eu');
    expect(naWarehouse?.kind).toBe('fba');
    expect(euWarehouse?.kind).toBe('fba');
    const nonZero = (m: Map<number | undefined, Figures>) => new Map([...m].filter(([, f]) => f.onHand !== 0 || f.reserved !== 0 || f.inTransit !== 0));
    expect(await ledgerOf(core, naWarehouse!.id)).toEqual(nonZero(expectedNa()));
    expect(await ledgerOf(core, euWarehouse!.id)).toEqual(nonZero(expectedEu()));
    // Only mapped products were touched, by sync-corrections carrying the deltas from zero (one per marketplace
    // snapshot that changed the product's figures: MX, CA and US commit one after the other).
    const first = await corrections(core, naWarehouse!.id);
    expect(new Set(first.map((r: { product_id: number }) => r.product_id))).toEqual(new Set(nonZero(expectedNa()).keys()));
    expect(new Set(first.map((r: { kind: string; ref_type: string; actor: string }) => `${r.kind}|${r.ref_type}|${r.actor}`))).toEqual(new Set(['sync-correction|fba-sync|system:fba-sync']));
    const totalOnHand = [...expectedNa().values()].reduce((n, f) => n + f.onHand, 0);
    expect(first.reduce((n: number, r: { on_hand_delta: number }) => n + r.on_hand_delta, 0)).toBe(totalOnHand);
    expect(totalOnHand).toBeGreaterThan(1000);

    // Nothing changed at Amazon: a second sync posts nothing.
    const lastId = Math.max(...(await core.db('stock_movements').pluck<number[]>('id')));
    await syncInventory(core);
    expect(await corrections(core, naWarehouse!.id, lastId)).toEqual([]);
    expect(await corrections(core, euWarehouse!.id, lastId)).toEqual([]);

    // Two days of Amazon selling and shipping FBA orders, read by the full scan due six hours on.
    const before = await ledgerOf(core, naWarehouse!.id);
    sim.store.advanceTo(new Date(FROZEN_AT + 48 * HOUR));
    later(7 * HOUR);
    await syncInventory(core);
    expect(await core.db('sync_runs').where({ job: 'inventory' }).orderBy('id', 'desc').limit(2).pluck('mode')).toEqual(['full', 'full']);
    const after = expectedNa();
    expect(await ledgerOf(core, naWarehouse!.id)).toEqual(new Map([...before.keys(), ...nonZero(after).keys()].map((id) => [id, after.get(id) ?? { onHand: 0, reserved: 0, inTransit: 0 }])));
    const posted = (await corrections(core, naWarehouse!.id, lastId)) as { product_id: number; on_hand_delta: number; reserved_delta: number; in_transit_delta: number }[];
    const net = new Map<number, Figures>();
    for (const r of posted) net.set(r.product_id, add(net.get(r.product_id) ?? { onHand: 0, reserved: 0, inTransit: 0 }, { onHand: r.on_hand_delta, reserved: r.reserved_delta, inTransit: r.in_transit_delta }));
    const zero = { onHand: 0, reserved: 0, inTransit: 0 };
    const expectedNet = new Map(
      [...after]
        .map(([id, f]): [number, Figures] => {
          const was = before.get(id!) ?? zero;
          return [id!, { onHand: f.onHand - was.onHand, reserved: f.reserved - was.reserved, inTransit: f.inTransit - was.inTransit }];
        })
        .filter(([, d]) => d.onHand !== 0 || d.reserved !== 0 || d.inTransit !== 0),
    );
    expect(new Map([...net].filter(([, d]) => d.onHand !== 0 || d.reserved !== 0 || d.inTransit !== 0))).toEqual(expectedNet);
    // Shipped orders leave Amazon's buildings: the sold units come off on hand.
    expect([...expectedNet.values()].filter((d) => d.onHand < 0).length).toBeGreaterThan(5);
  });
});
