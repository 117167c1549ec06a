/**
 * `npm run bench`: one JSON object per line, `{"bench": name, ...numbers}`, so runs can be compared.
 * Speed targets live here, never in timed unit tests.
 */
import { amazonApi } from '../../main/spapi/amazon-api';
import { SpApiClient } from '../../main/spapi/client';
import { RateLimiter } from '../../main/spapi/rate-limiter';
import { DEMO_ACCOUNT, startSimulator } from '../../main/simulator/server';
import { SimStore } from '../../main/simulator/store';
import { benchSyncBackfill } from './sync.bench';
import { benchPackingScan } from './packing.bench';
import { benchOrdersList } from './orders-list.bench';
import { benchWaveCreate } from './waves.bench';
import { benchLabels } from './labels.bench';

const emit = (bench: string, figures: Record<string, number>) => console.log(JSON.stringify({ bench, ...figures }));
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function benchStoreGeneration() {
  const t0 = performance.now();
  const store = new SimStore({ seed: 1, start: new Date('2026-11-20T00:00:00Z'), backfillDays: 35, ordersPerHour: 12 });
  const built = performance.now() - t0;
  const orders = store.searchOrders({ createdAfter: new Date('2026-01-01T00:00:00Z') }).length;
  const t1 = performance.now();
  store.advanceTo(new Date('2026-11-21T00:00:00Z'));
  emit('simulator-store-generation', { orders, backfill_ms: round(built), advance_one_day_ms: round(performance.now() - t1), heap_mb: round(process.memoryUsage().heapUsed / 2 ** 20, 1) });
}

async function benchLimiter() {
  const limiter = new RateLimiter();
  const n = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await limiter.acquire('bench', { rate: 1e12, burst: 1e12 });
  emit('rate-limiter-acquire', { calls: n, ns_per_call: round(((performance.now() - t0) * 1e6) / n, 0) });
}

async function benchSearchOrders() {
  // Time runs 1000× so the usage plan is not what is measured: this is the client + TLS + JSON + validation cost.
  const sim = await startSimulator({ seed: 3, timeScale: 1000, start: new Date('2026-11-20T00:00:00Z'), backfillDays: 30, ordersPerHour: 12 });
  const client = new SpApiClient({
    region: 'na',
    sellingPartner: DEMO_ACCOUNT.sellerId,
    credentials: { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken },
    limiter: new RateLimiter({ timeScale: 1000 }),
    endpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
  });
  const api = amazonApi(client);
  const latencies: number[] = [];
  let orders = 0;
  let token: string | undefined;
  const t0 = performance.now();
  do {
    const s = performance.now();
    const page = await api.searchOrders({
      createdAfter: '2026-10-21T00:00:00Z',
      includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES'],
      ...(token ? { paginationToken: token } : {}),
    });
    latencies.push(performance.now() - s);
    orders += page.orders.length;
    token = page.pagination?.nextToken;
  } while (token);
  const total = performance.now() - t0;
  emit('spapi-search-orders-backfill', {
    orders,
    pages: latencies.length,
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    orders_per_s: round((orders / total) * 1000, 0),
    // What the same backfill costs against Amazon's real plan (burst 20, then one page per 180 s).
    amazon_minutes_at_default_plan: round((Math.max(0, latencies.length - 20) * 180) / 60, 1),
  });
  client.close();
  await sim.close();
}

// `npm run bench` runs all; `npm run bench -- sync` only the named ones.
const all: Record<string, () => Promise<void>> = {
  store: benchStoreGeneration,
  limiter: benchLimiter,
  'search-orders': benchSearchOrders,
  sync: () => benchSyncBackfill(emit),
  'orders-list': () => benchOrdersList(emit),
  // Needs the built renderer (npm run build:renderer) and Debian's Chromium.
  'packing-scan': () => benchPackingScan(emit),
  'wave-create': () => benchWaveCreate(emit),
  labels: () => benchLabels(emit),
};
/** Names that run several benches: issue 6's figures are `npm run bench -- fulfillment`. */
const groups: Record<string, string[]> = { fulfillment: ['orders-list', 'packing-scan', 'wave-create'] };
const wanted = process.argv.slice(2).flatMap((a) => groups[a] ?? [a]).filter((a) => a in all);
for (const name of wanted.length ? wanted : Object.keys(all)) await all[name]!();
