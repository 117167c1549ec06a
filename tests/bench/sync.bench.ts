import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../main/core';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '../../main/simulator/server';
import { SimClock } from '../../main/simulator/sim-clock';
import { SimStore } from '../../main/simulator/store';
import { operations } from '../../main/spapi/operations';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import { mapOrder } from '../../main/sync/jobs/order-mapping';
import type { SpOrder } from '../../main/spapi/schemas/orders';

const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];

/**
 * Backfill of ~10,000 orders from the simulator under Amazon's default usage plans, time-scaled. The floor is what the
 * plan allows: searchOrders burst 20, then one page per 1/rate seconds; `ratio` is how close the engine gets to it.
 */
export async function benchSyncBackfill(emit: (bench: string, figures: Record<string, number>) => void) {
  // Per page the engine spends ~0.2 s of wall time (simulator search, TLS, JSON, SQLite); the scale keeps a page's
  // 180 s of Amazon time above that, as it is at 1×, so the figure measures pacing, not this machine's CPU.
  const timeScale = 300;
  const start = new Date('2026-11-20T00:00:00Z');
  // The simulator runs in its own process, as Amazon does: its CPU and garbage collection are not the engine's.
  const sim = await spawnSimulator(['--seed', '21', '--time-scale', String(timeScale), '--start', start.toISOString(), '--marketplaces', NA.join(','), '--orders-per-hour', '14', '--backfill-days', '31']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bench-'));
  const core = await createCore({
    dataDir,
    appVersion: 'bench',
    actor: { name: 'bench' },
    clock: sim.clock,
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    demo: { enabled: false, timeScale },
    sync: { autoStart: false, backfillDays: 30 },
    probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 3_600_000, timeoutMs: 100 },
  });
  await core.start();
  const store = await core.amazonAccounts.connect({ name: 'Bench NA', region: 'na', marketplaceIds: NA, clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken });
  await core.scheduler.refresh();

  const t0 = performance.now();
  await core.scheduler.runNow({ storeId: store.id });
  const wallS = (performance.now() - t0) / 1000;
  await core.storeClients.flush();

  if (process.env.BENCH_DEBUG) {
    const ats = (await core.db('sync_calls').orderBy('id').select('at', 'latency_ms')).map((r: { at: string; latency_ms: number }) => [Date.parse(r.at), r.latency_ms]);
    const gaps = ats.slice(1).map(([t], i) => Math.round(((t ?? 0) - (ats[i]?.[0] ?? 0)) / 1000));
    console.error(JSON.stringify({ first: new Date(ats[0]![0]!).toISOString(), gaps, lat: ats.map(([, l]) => l) }));
  }
  const calls = await core.db('sync_calls').where({ operation: 'searchOrders' }).count<{ n: number }[]>({ n: '*' });
  const throttled = Number((await core.db('sync_calls').where({ operation: 'searchOrders' }).sum<{ r: number }[]>({ r: 'retries' }))[0]?.r ?? 0);
  const orders = Number((await core.db('orders').count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
  const items = Number((await core.db('order_items').count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
  const pages = Number(calls[0]?.n ?? 0);
  const plan = operations.searchOrders;
  const minAmazonS = Math.max(0, pages - plan.burst) / plan.rate;

  // Ingest (map, seal PII, version check, upsert, history) versus a raw insert of the same rows, same machine, same run.
  const local = new SimStore({ seed: 21, start, marketplaceIds: NA, ordersPerHour: 14, backfillDays: 31 });
  const sample: SpOrder[] = local.searchOrders({ createdAfter: new Date(start.getTime() - 30 * 86400_000) }) as unknown as SpOrder[];
  const ingestCore = await createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bench-')), appVersion: 'bench', actor: { name: 'bench' }, probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 3_600_000, timeoutMs: 100 } });
  const ingestStore = await ingestCore.stores.create({ name: 'Ingest', region: 'na', marketplaceIds: NA });
  const t1 = performance.now();
  for (let i = 0; i < sample.length; i += 100) {
    await ingestCore.db.transaction((trx) => storeOrderPage({ clock: sim.clock, store: ingestStore, secretBox: ingestCore.secretBox }, trx, sample.slice(i, i + 100)));
  }
  const ingestPerS = sample.length / ((performance.now() - t1) / 1000);
  // Raw: the very same rows (already mapped and sealed, outside the timing) inserted into empty tables of the same
  // schema, a page per transaction: the floor of what SQLite through knex can take on this machine.
  const rawCore = await createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bench-')), appVersion: 'bench', actor: { name: 'bench' }, probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 3_600_000, timeoutMs: 100 } });
  const rawStore = await rawCore.stores.create({ name: 'Raw', region: 'na', marketplaceIds: NA });
  const mapped = sample.map((o) => mapOrder(o, rawStore.id, rawCore.secretBox, start.toISOString(), false));
  const t2 = performance.now();
  for (let i = 0; i < mapped.length; i += 100) {
    const page = mapped.slice(i, i + 100);
    await rawCore.db.transaction(async (trx) => {
      await trx('orders').insert(page.map((m) => m.order));
      const items = page.flatMap((m) => m.items);
      for (let j = 0; j < items.length; j += 400) await trx('order_items').insert(items.slice(j, j + 400));
      const packages = page.flatMap((m) => m.packages);
      if (packages.length) await trx('order_packages').insert(packages);
    });
  }
  const rawPerS = mapped.length / ((performance.now() - t2) / 1000);
  await rawCore.close();

  emit('sync-backfill', {
    orders,
    items_per_order: Math.round((items / Math.max(1, orders)) * 100) / 100,
    calls: pages,
    throttled,
    throttled_pct: Math.round((throttled / Math.max(1, pages)) * 10000) / 100,
    time_scale: timeScale,
    wall_s: Math.round(wallS * 100) / 100,
    amazon_s: Math.round(wallS * timeScale),
    usage_plan_min_s: Math.round(minAmazonS),
    ratio: Math.round(((wallS * timeScale) / Math.max(1, minAmazonS)) * 1000) / 1000,
    ingest_orders_per_s: Math.round(ingestPerS),
    // Orders per second, each with its items and packages: the same unit as ingest_orders_per_s.
    raw_insert_rows_per_s: Math.round(rawPerS),
    ingest_vs_raw: Math.round((ingestPerS / rawPerS) * 100) / 100,
  });
  await ingestCore.close();
  await core.close();
  await sim.close();
}

async function spawnSimulator(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'simulator', ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ port: number; caFile: string; simulatedNow: string; timeScale: number }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve(JSON.parse(out));
      } catch {
        // Wait for the whole object.
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  // Our clock trails the simulator's by a simulated minute, so no request ever asks about its future.
  const clock = new SimClock(new Date(Date.parse(info.simulatedNow) - 60_000), info.timeScale);
  return {
    port: info.port,
    caPem: fs.readFileSync(info.caFile, 'utf8'),
    clock,
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
