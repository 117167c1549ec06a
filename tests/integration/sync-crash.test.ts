import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { DB_FILE_NAME } from '../../main/core';
import { startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import { SimStore } from '../../main/simulator/store';
import type { Order } from '../../main/simulator/store/orders-api-types';
import { confirmShipmentIdempotencyKey, type ConfirmShipmentPayload } from '../../main/sync/outbox/handlers/confirm-shipment.outbox';
import { enqueue } from '../../main/sync/outbox/outbox';
import { addConnectedStore, seededRandom, sleep, spawnCli, startCliSimulator, waitFor, type CliProcess, type CliSimulator } from '../support/cli-process';
import { tempDir } from '../support/temp-core';

const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
const DAY = 86_400_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function track<T extends { close(): Promise<unknown> } | CliProcess>(x: T): T {
  cleanups.push(() => ('killHard' in x ? x.killHard() : x.close()));
  return x;
}

function openDb(dataDir: string): Db {
  const db = openDatabase(`${dataDir}/${DB_FILE_NAME}`);
  cleanups.push(() => db.destroy());
  return db;
}

async function ordersWatermark(db: Db): Promise<{ watermark: string | null; cursor: { pages: number; after: string; before: string } | null }> {
  const row = await db('sync_watermarks').where({ job: 'orders' }).first<{ watermark: string | null; cursor_json: string | null } | undefined>();
  return { watermark: row?.watermark ?? null, cursor: row?.cursor_json ? JSON.parse(row.cursor_json) : null };
}

describe('sync survives SIGKILL', () => {
  it('a backfill killed at random pages and restarted stores every order of its window exactly once', { timeout: 90_000 }, async () => {
    const seed = 31;
    const start = new Date('2026-11-20T06:00:00Z');
    const ordersPerHour = 14;
    const simBackfillDays = 10;
    const backfillDays = 8;
    const sim: CliSimulator = track(
      await startCliSimulator(['--seed', String(seed), '--time-scale', '600', '--start', start.toISOString(), '--marketplaces', NA.join(','), '--orders-per-hour', String(ordersPerHour), '--backfill-days', String(simBackfillDays)]),
    );
    const dataDir = tempDir('erp-crash-');
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    await addConnectedStore(dataDir, 'Crash NA', 'na', NA);
    const db = openDb(dataDir);

    const sync = () =>
      track(spawnCli(['--data-dir', dataDir, 'sync', '--endpoint', sim.endpoint, '--ca', sim.caFile, '--backfill-days', String(backfillDays), '--time-scale', String(sim.timeScale), '--sim-now', sim.simNow().toISOString()]));

    // Seeded kill points: the first at a random moment of start-up or the first pages, the others a random few
    // milliseconds after the backfill has committed a randomly chosen page (so some land mid-request, some mid-commit).
    const rnd = seededRandom(seed);
    const pageTargets = [...new Set(Array.from({ length: 4 }, () => 2 + Math.floor(rnd() * 20)))].sort((a, b) => a - b);
    const plan: ({ afterMs: number } | { afterPage: number; delayMs: number })[] = [{ afterMs: 400 + Math.floor(rnd() * 1600) }, ...pageTargets.map((p) => ({ afterPage: p, delayMs: Math.floor(rnd() * 250) }))];

    let kills = 0;
    let runs = 0;
    const killedAtPage: (number | null)[] = [];
    for (const step of plan) {
      const proc = sync();
      runs += 1;
      let hit: boolean;
      if ('afterMs' in step) {
        hit = await Promise.race([sleep(step.afterMs).then(() => true), proc.exited.then(() => false)]);
      } else {
        hit = await waitFor(async () => ((await ordersWatermark(db)).cursor?.pages ?? 0) >= step.afterPage, proc.exited);
        if (hit) await sleep(step.delayMs);
      }
      if (hit && !proc.hasExited()) {
        const exit = await proc.killHard();
        expect(exit.signal).toBe('SIGKILL');
        kills += 1;
        killedAtPage.push((await ordersWatermark(db)).cursor?.pages ?? null);
      } else {
        expect(await proc.exited, proc.stderr()).toMatchObject({ code: 0 });
        break;
      }
    }
    // Restart until a run ends by itself.
    let last: CliProcess | null = null;
    for (let i = 0; i < 6; i++) {
      last = sync();
      runs += 1;
      if ((await last.exited).code === 0) break;
    }
    expect(await last!.exited, last!.stderr()).toMatchObject({ code: 0, signal: null });
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(killedAtPage.some((p) => p !== null && p > 0)).toBe(true);

    // The watermark is committed and the cursor gone.
    const wm = await ordersWatermark(db);
    expect(wm.cursor).toBeNull();
    expect(wm.watermark).toMatch(/Z$/);

    // The simulator's account is seeded and deterministic: a replica built with the same options has the same orders.
    // The window is the one the first committed page fixed: [before + 121 s − backfill, before).
    const before = new Date(wm.watermark!);
    const after = new Date(before.getTime() + 121_000 - backfillDays * DAY);
    const replica = new SimStore({ seed, start, marketplaceIds: NA, ordersPerHour, backfillDays: simBackfillDays });
    replica.advanceTo(before);
    const expected = replica.searchOrders({ createdAfter: after, createdBefore: before });
    expect(expected.length).toBeGreaterThan(2000);

    const stored = await db('orders').select<{ id: string; created_time: string }[]>('id', 'created_time');
    expect(stored.length).toBe(new Set(stored.map((r) => r.id)).size);
    expect(stored.map((r) => r.id).sort()).toEqual(expected.map((o) => o.orderId).sort());
    const items = (await db('order_items').select('order_id').count({ n: '*' }).groupBy('order_id')) as unknown as { order_id: string; n: number }[];
    const itemCount = new Map(items.map((r) => [r.order_id, Number(r.n)]));
    expect(expected.filter((o) => itemCount.get(o.orderId) !== o.orderItems.length).map((o) => o.orderId)).toEqual([]);

    // No status change recorded twice, however often a page was read again after a kill.
    const dupes = await db('order_status_history').select('order_id', 'to_status', 'changed_at').count({ n: '*' }).groupBy('order_id', 'to_status', 'changed_at').having(db.raw('count(*) > 1'));
    expect(dupes).toEqual([]);
    expect(await db('order_status_history').countDistinct({ n: 'order_id' }).first()).toEqual({ n: expected.length });

    const pages = Math.ceil(expected.length / 100);
    const runsRow = await db('sync_runs').where({ job: 'orders' }).select('outcome');
    console.info(`[sync-crash] backfill: ${expected.length} orders, ${pages} pages, ${kills} SIGKILLs (cursor at page ${killedAtPage.map((p) => p ?? 'none yet').join(', ')}; targets ${pageTargets.join(', ')}), ${runs} sync processes, ${runsRow.length} orders runs`);
  });

  it('outbox:drain killed mid-send and restarted sends every confirm-shipment exactly once', { timeout: 60_000 }, async () => {
    const seed = 47;
    const timeScale = 60;
    const start = new Date('2026-11-20T09:00:00Z');
    const exchanges: Exchange[] = [];
    const listeners: ((e: Exchange) => void)[] = [];
    // In-process, so every request it answers is seen: a confirmation applied twice would show as two 204s.
    const sim: RunningSimulator = await startSimulator({
      seed,
      timeScale,
      start,
      marketplaceIds: NA,
      backfillDays: 6,
      onExchange: (e) => {
        exchanges.push(e);
        for (const l of listeners) l(e);
      },
    });
    cleanups.push(() => sim.close());
    const caDir = tempDir('erp-ca-');
    cleanups.push(async () => fs.rmSync(caDir, { recursive: true, force: true }));
    const caFile = `${caDir}/ca.pem`;
    fs.writeFileSync(caFile, sim.caPem);
    const endpoint = `https://127.0.0.1:${sim.port}`;
    // The answer to a confirmation leaves 400 ms after the simulator applied it: a kill in that gap leaves the row
    // in flight although Amazon has the package, the case the worker must check before sending again.
    sim.faults.setRates('confirmShipment', { slowMs: 400 });

    const dataDir = tempDir('erp-outbox-crash-');
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const storeId = await addConnectedStore(dataDir, 'Outbox NA', 'na', NA);
    const db = openDb(dataDir);

    // FBM orders that stay UNSHIPPED for the next simulated day unless we ship them (the seeded replica says so).
    const replica = new SimStore({ seed, start, marketplaceIds: NA, backfillDays: 6 });
    replica.advanceTo(new Date(sim.clock.now().getTime() + DAY));
    const stillOpen = new Set(replica.searchOrders({ createdAfter: new Date(start.getTime() - 6 * DAY), fulfillmentStatuses: ['UNSHIPPED'] }).map((o) => o.orderId));
    const orders: Order[] = sim.store
      .searchOrders({ createdAfter: new Date(start.getTime() - 5 * DAY), fulfillmentStatuses: ['UNSHIPPED'], fulfilledBy: ['MERCHANT'] })
      .filter((o) => stillOpen.has(o.orderId) && !o.programs?.includes('IN_STORE_PICK_UP') && o.orderItems.every((i) => !i.cancellation))
      .slice(0, 10);
    expect(orders).toHaveLength(10);
    const payloads: ConfirmShipmentPayload[] = orders.map((o, i) => ({
      orderId: o.orderId,
      marketplaceId: String(o.salesChannel.marketplaceId),
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        trackingNumber: `1Z999AA1${String(1000 + i)}${o.orderId.replace(/\D/g, '').slice(-6)}`,
        shipDate: new Date(Math.max(Date.parse(o.createdTime) + 3_600_000, start.getTime())).toISOString(),
        orderItems: o.orderItems.map((it) => ({ orderItemId: it.orderItemId, quantity: it.quantityOrdered })),
      },
    }));
    // Queued on Amazon's time, a few simulated minutes ago: due for a worker whose clock trails the simulator.
    const queuedAt = { now: () => new Date(sim.clock.now().getTime() - 5 * 60_000) };
    await db.transaction(async (trx) => {
      for (const p of payloads) await enqueue(trx, { storeId, kind: 'confirm-shipment', payload: p, idempotencyKey: confirmShipmentIdempotencyKey(p) }, queuedAt);
    });

    const drain = () =>
      track(spawnCli(['--data-dir', dataDir, 'outbox:drain', '--endpoint', endpoint, '--ca', caFile, '--time-scale', String(timeScale), '--sim-now', sim.clock.now().toISOString()]));
    const confirmed = (list: Exchange[]) => list.filter((e) => e.operation === 'confirmShipment' && e.status === 204);

    const rnd = seededRandom(seed);
    let kills = 0;
    let runs = 0;
    let leftInFlight = 0;
    const summaries: Record<string, unknown>[] = [];
    for (let k = 0; k < 4; k++) {
      const seen: Exchange[] = [];
      const listener = (e: Exchange) => seen.push(e);
      listeners.push(listener);
      const proc = drain();
      runs += 1;
      // Kill a random 0–350 ms after the run's n-th confirmation was applied (n = 1…3): usually before the answer arrives.
      const nth = 1 + Math.floor(rnd() * 3);
      const hit = await waitFor(() => confirmed(seen).length >= nth, proc.exited, 5);
      if (hit) await sleep(Math.floor(rnd() * 350));
      listeners.splice(listeners.indexOf(listener), 1);
      if (hit && !proc.hasExited()) {
        await proc.killHard();
        kills += 1;
        leftInFlight += Number((await db('outbox').where({ status: 'in_flight' }).count({ n: '*' }).first())?.n ?? 0);
      } else {
        expect(await proc.exited, proc.stderr()).toMatchObject({ code: 0 });
        summaries.push(JSON.parse(proc.stdout()));
        break;
      }
    }
    for (let i = 0; i < 8; i++) {
      const open = Number((await db('outbox').whereIn('status', ['pending', 'in_flight']).count({ n: '*' }).first())?.n ?? 0);
      if (open === 0) break;
      const proc = drain();
      runs += 1;
      expect(await proc.exited, proc.stderr()).toMatchObject({ code: 0 });
      summaries.push(JSON.parse(proc.stdout()));
      // A row waiting for its retry time (a throttled send) is due a few wall-clock seconds later at this time scale.
      if (Number((await db('outbox').whereIn('status', ['pending', 'in_flight']).count({ n: '*' }).first())?.n ?? 0) > 0) await sleep(500);
    }

    expect(kills).toBeGreaterThanOrEqual(2);
    const rows = await db('outbox').orderBy('seq').select('status', 'attempts', 'dead_reason', 'payload_json');
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill('done'));

    // Amazon saw each package confirmed exactly once, and nothing else was ever refused.
    for (const p of payloads) {
      const sends = exchanges.filter((e) => e.operation === 'confirmShipment' && e.pathname.includes(`/orders/${p.orderId}/`));
      expect(sends.filter((e) => e.status === 204), p.orderId).toHaveLength(1);
      expect(sends.filter((e) => e.status !== 204 && e.status !== 429), p.orderId).toEqual([]);
      const order = sim.store.getOrder(p.orderId)!;
      expect(order.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
      expect(order.packages?.filter((pkg) => pkg.packageReferenceId === '1').map((pkg) => pkg.trackingNumber)).toEqual([p.packageDetail.trackingNumber]);
    }
    const checks = exchanges.filter((e) => e.operation === 'getOrder').length;
    const alreadyApplied = summaries.reduce((n, s) => n + Number(s.alreadyApplied ?? 0), 0);
    console.info(`[sync-crash] outbox: 10 rows, ${kills} SIGKILLs, ${leftInFlight} rows found in flight after a kill, ${runs} drain processes, ${confirmed(exchanges).length} confirmations applied, ${checks} getOrder checks, ${alreadyApplied} already-applied in the final runs`);
  });
});
