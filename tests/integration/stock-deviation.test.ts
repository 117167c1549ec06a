import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/clock';
import { upsertFbaInventory, type FbaInventoryRow } from '../../main/db/repositories/fba-inventory.repo';
import { dispatch } from '../../main/ipc/dispatch';
import { applyFbaSnapshot } from '../../main/services/inventory/fba-mirror';
import { postMovements } from '../../main/services/inventory/ledger';
import { isStockDeviation, unexplainedOnHand } from '../../main/sync/health.service';
import type { Store } from '../../shared/domain/store';
import type { HealthCheck, SyncHealth } from '../../shared/domain/sync-health';
import { tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

const US = 'ATVPDKIKX0DER';
/** The morning check runs at 08:30 UTC; its 24-hour window starts at 09:00 the day before. */
const NOW = '2026-11-20T08:30:00.000Z';
const OPENING = '2026-11-18T10:00:00.000Z';
const YESTERDAY_EARLY = '2026-11-19T05:00:00.000Z';
const NIGHT = '2026-11-20T02:00:00.000Z';
const DAWN = '2026-11-20T06:00:00.000Z';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function setup() {
  const clock: Clock = { now: () => new Date(NOW) };
  core = await tempCore({ clock, sync: { autoStart: false }, demo: { enabled: false } });
  const store = await core.stores.create({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US] });
  return { core, store };
}

/** A product selling seller SKU `sku` on amazon.com, as the catalog import or the mapping dialog leaves it. */
async function listed(c: TestCore, store: Store, sku: string): Promise<number> {
  const p = await c.catalog.create({ sku, name: `${sku} 商品` });
  await c.catalog.mapListing({ storeId: store.id, marketplaceId: US, sellerSku: sku, productId: p.id });
  return p.id;
}

interface Amazon {
  fulfillable: number;
  inboundShipped?: number;
}

/** Amazon's FBA figures arrive at `at` for some SKUs, and the inventory job mirrors them into the ledger. */
async function amazonReports(c: TestCore, store: Store, at: string, figures: Record<string, Amazon>): Promise<void> {
  const rows: FbaInventoryRow[] = Object.entries(figures).map(([sku, f]) => ({
    store_id: store.id,
    marketplace_id: US,
    seller_sku: sku,
    asin: null,
    fnsku: null,
    condition: 'NewItem',
    product_name: sku,
    fulfillable: f.fulfillable,
    inbound_working: 0,
    inbound_shipped: f.inboundShipped ?? 0,
    inbound_receiving: 0,
    reserved: 0,
    researching: 0,
    unfulfillable: 0,
    total: f.fulfillable + (f.inboundShipped ?? 0),
    amazon_updated_time: at,
    synced_at: at,
  }));
  await c.db.transaction(async (trx) => {
    await upsertFbaInventory(trx, rows);
    await applyFbaSnapshot(trx, { storeId: store.id, region: 'na', now: at });
  });
}

const only = (h: SyncHealth, code: HealthCheck['code']) => h.checks.filter((c) => c.code === code);

describe('stock deviations in the morning check', () => {
  it('flags the FBA corrections of at least 5 units and 5 % in the window, and nothing that is selling, receiving or opening stock', async () => {
    const { core, store } = await setup();
    for (const sku of ['LOST-01', 'SMALL-01', 'BIG-01', 'INBOUND-01', 'FOUND-01', 'EDGE-01', 'EDGE-02', 'OLD-01', 'NEW-01']) await listed(core, store, sku);

    // Two days ago: the first figures Amazon ever sent (opening balances, not deviations).
    await amazonReports(core, store, OPENING, {
      'LOST-01': { fulfillable: 200 },
      'SMALL-01': { fulfillable: 10 },
      'BIG-01': { fulfillable: 2000 },
      'INBOUND-01': { fulfillable: 40, inboundShipped: 30 },
      'FOUND-01': { fulfillable: 20 },
      'EDGE-01': { fulfillable: 100 },
      'EDGE-02': { fulfillable: 101 },
      'OLD-01': { fulfillable: 100 },
    });
    // Before the window: 60 units of OLD-01 went missing; yesterday's check reported it already.
    await amazonReports(core, store, YESTERDAY_EARLY, { 'OLD-01': { fulfillable: 40 } });
    expect(only(await core.health.get({ hours: 24 }), 'stock-deviation')).toEqual([]);

    await amazonReports(core, store, NIGHT, {
      'LOST-01': { fulfillable: 180 }, // −20 of 200: 10 %
      'SMALL-01': { fulfillable: 6 }, // −4: a slow seller's night, below 5 units
      'BIG-01': { fulfillable: 1950 }, // −50 of 2,000: 2.5 %, a best seller's night
      'INBOUND-01': { fulfillable: 70 }, // +30 on hand, −30 inbound: the shipment was received
      'FOUND-01': { fulfillable: 28 }, // +8 of 20 that nothing explains
      'EDGE-01': { fulfillable: 95 }, // −5 of 100: exactly 5 units and exactly 5 %
      'EDGE-02': { fulfillable: 96 }, // −5 of 101: 4.95 %
      'OLD-01': { fulfillable: 40 },
      'NEW-01': { fulfillable: 500 }, // first figure of a newly mapped SKU
    });
    await amazonReports(core, store, DAWN, { 'LOST-01': { fulfillable: 170 } }); // −10 of 180: 5.6 %

    const h = await core.health.get({ hours: 24 });
    const [check, ...rest] = only(h, 'stock-deviation');
    expect(rest).toEqual([]);
    expect(check).toMatchObject({ severity: 'warn', params: { count: 3, corrections: 4, units: 20 + 10 + 8 + 5, shown: 3 } });
    const fba = await core.db('warehouses').where({ kind: 'fba', store_id: store.id }).first<{ id: number; code: string; name: string }>('id', 'code', 'name');
    expect(check?.stockDeviations).toEqual([
      { productId: expect.any(Number), sku: 'LOST-01', warehouseId: fba!.id, warehouseCode: fba!.code, warehouseName: fba!.name, corrections: 2, units: -30, onHand: 170, lastAt: DAWN },
      { productId: expect.any(Number), sku: 'FOUND-01', warehouseId: fba!.id, warehouseCode: fba!.code, warehouseName: fba!.name, corrections: 1, units: 8, onHand: 28, lastAt: NIGHT },
      { productId: expect.any(Number), sku: 'EDGE-01', warehouseId: fba!.id, warehouseCode: fba!.code, warehouseName: fba!.name, corrections: 1, units: -5, onHand: 95, lastAt: NIGHT },
    ]);
    // It is news, not an emergency: the error findings stay above it, and "all clear" is gone.
    expect(only(h, 'all-ok')).toEqual([]);

    // The renderer's path: the finding passes the contract's output schema intact.
    const viaIpc = await dispatch(core, 'sync:health', { hours: 24 });
    expect(viaIpc.ok && only(viaIpc.value as SyncHealth, 'stock-deviation')[0]?.stockDeviations?.map((d) => d.sku)).toEqual(['LOST-01', 'FOUND-01', 'EDGE-01']);

    // A narrower window that starts after the night's sync sees only the dawn correction.
    const recent = only(await core.health.get({ hours: 3 }), 'stock-deviation');
    expect(recent.map((c) => [c.params.count, c.stockDeviations?.map((d) => [d.sku, d.units])])).toEqual([[1, [['LOST-01', -10]]]]);
  });

  it('names the five largest SKUs and counts the rest; a clerk’s own adjustment is never a deviation', async () => {
    const { core, store } = await setup();
    const skus = ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7'];
    for (const sku of skus) await listed(core, store, sku);
    await amazonReports(core, store, OPENING, Object.fromEntries(skus.map((s) => [s, { fulfillable: 100 }])));
    // A-1 loses 10, A-2 11, … A-7 16 units.
    await amazonReports(core, store, NIGHT, Object.fromEntries(skus.map((s, i) => [s, { fulfillable: 90 - i }])));

    // A large manual write-off in the FBA warehouse is the clerk's record, not Amazon's surprise.
    const fba = await core.db('warehouses').where({ kind: 'fba', store_id: store.id }).first<{ id: number }>('id');
    const a1 = await core.db('products').where({ sku: 'A-1' }).first<{ id: number }>('id');
    await core.db.transaction((trx) => postMovements(trx, [{ productId: a1!.id, warehouseId: fba!.id, kind: 'adjust', onHand: -40, reason: 'damaged' }], { actor: 'clerk', now: DAWN }));

    const [check] = only(await core.health.get({ hours: 24 }), 'stock-deviation');
    expect(check?.params).toEqual({ count: 7, corrections: 7, units: 10 + 11 + 12 + 13 + 14 + 15 + 16, shown: 5 });
    expect(check?.stockDeviations?.map((d) => [d.sku, d.units, d.onHand])).toEqual([
      ['A-7', -16, 84],
      ['A-6', -15, 85],
      ['A-5', -14, 86],
      ['A-4', -13, 87],
      ['A-3', -12, 88],
    ]);
  });

  it('the rule: units and share both, receipts netted out', () => {
    expect(isStockDeviation(-5, 100)).toBe(true);
    expect(isStockDeviation(-5, 101)).toBe(false);
    expect(isStockDeviation(4, 0)).toBe(false);
    expect(isStockDeviation(5, 0)).toBe(true);
    expect(unexplainedOnHand(30, -30)).toBe(0);
    expect(unexplainedOnHand(30, -20)).toBe(10);
    expect(unexplainedOnHand(-8, -20)).toBe(-8);
    expect(unexplainedOnHand(12, 5)).toBe(12);
  });
});
