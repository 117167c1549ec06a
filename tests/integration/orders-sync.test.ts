import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { unsealPii } from '../../main/sync/jobs/order-mapping';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import { decimalToMinor } from '../../shared/money';
import { tempCore } from '../support/temp-core';

const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
let sim: RunningSimulator | undefined;
let core: Awaited<ReturnType<typeof tempCore>> | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

/** A real store whose calls go to a simulator on loopback, exactly as a seller's account would go to Amazon. */
async function setup(timeScale: number) {
  sim = await startSimulator({ seed: 11, timeScale, start: new Date('2026-11-20T06:00:00Z') });
  core = await tempCore({
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    // The app's clock is Amazon's: the simulator's time runs from a fixed start, faster than the wall clock.
    clock: sim.clock,
    sync: { autoStart: false, backfillDays: 10 },
    demo: { enabled: false, timeScale },
  });
  await core.start();
  const store = await core.amazonAccounts.connect({
    name: 'Shenzhen Gadgets NA',
    region: 'na',
    marketplaceIds: NA,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    refreshToken: DEMO_ACCOUNT.refreshToken,
  });
  await core.scheduler.refresh();
  return { sim, core, store };
}

async function watermark(c: NonNullable<typeof core>, storeId: number) {
  return c.db('sync_watermarks').where({ store_id: storeId, job: 'orders' }).first();
}

describe('orders sync against the simulator', () => {
  it('backfill then incremental hold exactly the simulator orders: ids, statuses, items, totals, text and PII', async () => {
    const { sim, core, store } = await setup(60);
    await core.scheduler.runNow({ job: 'orders' });
    const wm1 = await watermark(core, store.id);
    expect(wm1.watermark).toMatch(/Z$/);
    expect(wm1.cursor_json).toBeNull();

    // A clerk ships an FBM order in Seller Central: the next cycle must bring SHIPPED and the package.
    const [fbm] = sim.store.searchOrders({ createdAfter: new Date('2026-11-15T00:00:00Z'), fulfilledBy: ['MERCHANT'], fulfillmentStatuses: ['UNSHIPPED'], marketplaceIds: NA });
    const res = sim.store.confirmShipment(fbm!.orderId, {
      marketplaceId: fbm!.salesChannel.marketplaceId,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: sim.clock.now().toISOString(), orderItems: fbm!.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })) },
    });
    expect(res).toEqual({ ok: true });
    // The window closes two Amazon minutes before now: at 60× that is two wall seconds.
    await new Promise((r) => setTimeout(r, 2600));
    await core.scheduler.runNow({ job: 'orders' });
    const wm2 = await watermark(core, store.id);
    expect(wm2.watermark > wm1.watermark).toBe(true);

    const shipped = await core.db('orders').where({ id: fbm!.orderId }).first();
    expect(shipped.status).toBe('SHIPPED');
    expect(await core.db('order_packages').where({ order_id: fbm!.orderId }).pluck('tracking_number')).toEqual(['1Z999AA10123456784']);
    const history = await core.db('order_status_history').where({ order_id: fbm!.orderId }).orderBy('id');
    expect(history.map((h: { from_status: string | null; to_status: string }) => [h.from_status, h.to_status])).toEqual([[null, 'UNSHIPPED'], ['UNSHIPPED', 'SHIPPED']]);

    // Every order the simulator has in the window, as of the committed watermark, is in SQLite exactly once and equal.
    const expected = sim.store
      .searchOrders({ createdAfter: new Date(Date.parse(wm1.watermark) - 10 * 86400_000 + 60_000), createdBefore: new Date(wm2.watermark), marketplaceIds: NA })
      .filter((o) => o.lastUpdatedTime <= wm2.watermark);
    expect(expected.length).toBeGreaterThan(300);
    const rows = await core.db('orders').whereIn('id', expected.map((o) => o.orderId));
    expect(rows.length).toBe(expected.length);
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    const items = await core.db('order_items').whereIn('order_id', expected.map((o) => o.orderId));
    for (const o of expected) {
      const row = byId.get(o.orderId) as unknown as Record<string, unknown> & { buyer_enc: string | null; recipient_enc: string | null };
      expect(row.status).toBe(o.fulfillment!.fulfillmentStatus);
      expect(row.marketplace_id).toBe(o.salesChannel.marketplaceId);
      const total = o.proceeds?.grandTotal;
      expect(row.grand_total_minor).toBe(total ? decimalToMinor(total.amount, total.currencyCode) : null);
      const mine = items.filter((i: { order_id: string }) => i.order_id === o.orderId);
      expect(mine.map((i: { order_item_id: string; title: string; quantity_ordered: number }) => [i.order_item_id, i.title, i.quantity_ordered]).sort()).toEqual(
        o.orderItems.map((i) => [i.orderItemId, i.product.title, i.quantityOrdered]).sort(),
      );
      const pii = unsealPii(row, core.secretBox);
      expect(pii.recipient?.deliveryAddress ?? null).toEqual(o.recipient?.deliveryAddress ?? null);
      expect(pii.buyer).toEqual(o.buyer ?? null);
    }
    expect(await core.db('orders').countDistinct({ n: 'id' }).first()).toEqual({ n: await core.db('orders').count({ n: '*' }).first().then((r) => r?.n) });
  });

  it('keeps buyer names and addresses out of the SQLite file in clear text', async () => {
    const { sim, core } = await setup(60);
    await core.scheduler.runNow({ job: 'orders' });
    await core.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const raw = Buffer.concat([core.dbPath, `${core.dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    const orders = sim.store.searchOrders({ createdAfter: new Date('2026-11-12T00:00:00Z'), marketplaceIds: NA }).filter((o) => o.recipient?.deliveryAddress?.name);
    expect(orders.length).toBeGreaterThan(100);
    const leaks = orders.flatMap((o) => [o.recipient!.deliveryAddress!.name!, o.recipient!.deliveryAddress!.addressLine1!, o.buyer?.buyerEmail].filter((s): s is string => !!s && s.length > 5)).filter((s) => raw.includes(Buffer.from(s, 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('a cancelled backfill resumes from its cursor and stores every order once', async () => {
    const { core, store } = await setup(60);
    const ctrl = new AbortController();
    const { ordersJob } = await import('../../main/sync/jobs/orders.job');
    const api = (await core.storeClients.forStore(store.id))!;
    let pages = 0;
    const job = ordersJob({ backfillDays: 10 });
    const first = await job.run({
      db: core.db,
      clock: core.clock,
      store: (await core.stores.list())[0]!,
      api,
      secretBox: core.secretBox,
      signal: ctrl.signal,
      progress: (p) => {
        pages = p.pages;
        if (p.pages === 2) ctrl.abort();
      },
    });
    expect(first).toMatchObject({ mode: 'backfill', pages: 2, interrupted: true });
    const saved = await watermark(core, store.id);
    expect(saved.watermark).toBeNull();
    expect(JSON.parse(saved.cursor_json)).toMatchObject({ mode: 'backfill', pages: 2, token: expect.any(String) });
    expect(await core.db('orders').count({ n: '*' }).first()).toEqual({ n: 200 });

    await core.scheduler.runNow({ job: 'orders' });
    expect(pages).toBe(2);
    const done = await watermark(core, store.id);
    expect(done.cursor_json).toBeNull();
    const n = (await core.db('orders').count({ n: '*' }).first())?.n;
    const d = (await core.db('orders').countDistinct({ d: 'id' }).first())?.d;
    expect(n).toBe(d);
    expect(Number(n)).toBeGreaterThan(200);
    const [run] = await core.db('sync_runs').where({ store_id: store.id, job: 'orders', outcome: 'ok' });
    expect(run).toMatchObject({ mode: 'backfill' });
  });
});
