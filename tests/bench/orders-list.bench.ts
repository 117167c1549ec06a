import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db/connection';
import { migrate } from '../../main/db/migrations';
import { createOrdersQuery } from '../../main/services/orders/orders-query';
import { searchKey, tokenHashes } from '../../main/services/orders/search-tokens';
import { Rng } from '../../main/simulator/store/random';
import { keyFileSecretBox } from '../../main/spapi/secret-box';
import type { OrdersListInput } from '../../shared/ipc/channels/orders-list';
import { ordersListQuerySchema } from '../../shared/ipc/channels/orders-list';

const ORDERS = 100_000;
const QUERIES = 200;
const NOW = new Date('2026-11-20T08:30:00.000Z');
const H = 3_600_000;

/** Where a Chinese cross-border seller's orders come from, by share. */
const MARKETPLACES: [id: string, prefix: string, currency: string, store: number, weight: number][] = [
  ['ATVPDKIKX0DER', '113', 'USD', 1, 40],
  ['A2EUQ1WTGCTBG2', '701', 'CAD', 1, 6],
  ['A1AM78C64UM0Y8', '702', 'MXN', 1, 3],
  ['A1F83G8C2ARO7P', '203', 'GBP', 2, 12],
  ['A1PA6795UKMFR9', '303', 'EUR', 2, 15],
  ['A13V1IB3VIYZZH', '403', 'EUR', 2, 8],
  ['APJ6JRA9NG5V4', '404', 'EUR', 2, 5],
  ['A1RKKUPIHCS9HS', '405', 'EUR', 2, 5],
  ['A1VC38T7YXB528', '249', 'JPY', 3, 10],
];
const STATES: [string, number][] = [
  ['new', 10],
  ['audited', 10],
  ['exception', 4],
  ['allocated', 12],
  ['picking', 10],
  ['packed', 6],
];
const FIRST = ['James', 'Mary', 'Anna', 'Lukas', 'Sophie', 'Hiroshi', 'Yuki', 'Carlos', 'Emma', 'Oliver', 'Chloé', 'Jürgen', 'Marta', 'Noah', 'Mia'];
const LAST = ['Smith', 'Johnson', 'Müller', 'Schmidt', 'Dubois', 'Rossi', 'García', 'Tanaka', 'Suzuki', 'Brown', 'Wilson', 'Martin', 'Weber', 'Kowalski', 'Nguyen'];

/**
 * The Orders screen's query over 100,000 orders in a real SQLite file: ~200 mixed queries (chips, ship-by windows,
 * marketplaces, sorts, deep pages, searches by id/SKU/ASIN/name), each a count + a page + the page's facts, exactly as
 * `orders:list` runs them. Rows are inserted directly (the simulator would take minutes to invent this many).
 */
export async function benchOrdersList(emit: (bench: string, figures: Record<string, number>) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bench-orders-'));
  const db = openDatabase(path.join(dataDir, 'erp.sqlite'));
  try {
    await migrate(db);
    const box = keyFileSecretBox(dataDir);
    const rng = new Rng(20261120);
    const t0 = performance.now();
    const seeded = await seedOrders(db, box, rng);
    const seedMs = performance.now() - t0;

    const query = createOrdersQuery({ db, clock: { now: () => new Date(NOW) }, secretBox: box });
    const inputs = mixedQueries(rng, seeded);
    for (const q of inputs.slice(0, 10)) await query.list(ordersListQuerySchema.parse(q));
    const latencies: number[] = [];
    let rowsSeen = 0;
    for (const q of inputs) {
      const parsed = ordersListQuerySchema.parse(q);
      const s = performance.now();
      const r = await query.list(parsed);
      latencies.push(performance.now() - s);
      rowsSeen += r.rows.length;
    }
    const countLatencies: number[] = [];
    for (const scope of [{}, { storeId: 1 }, { marketplaceIds: ['A1PA6795UKMFR9'] }, { search: 'smith' }, { search: 'SKU-01' }]) {
      for (let i = 0; i < 4; i++) {
        const s = performance.now();
        await query.counts(scope);
        countLatencies.push(performance.now() - s);
      }
    }
    emit('orders-list', {
      orders: ORDERS,
      queries: latencies.length,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      max_ms: round(Math.max(...latencies)),
      rows_returned: rowsSeen,
      chip_counts_p95_ms: round(percentile(countLatencies, 95)),
      seed_s: round(seedMs / 1000, 1),
    });
  } finally {
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Seeded {
  orderIds: string[];
  skus: string[];
  asins: string[];
}

export async function seedOrders(db: ReturnType<typeof openDatabase>, box: ReturnType<typeof keyFileSecretBox>, rng: Rng): Promise<Seeded> {
  const now = NOW.toISOString();
  for (const [id, name] of [
    [1, 'Bench NA'],
    [2, 'Bench EU'],
    [3, 'Bench JP'],
  ] as const) {
    await db('stores').insert({ id, name, region: id === 1 ? 'na' : id === 2 ? 'eu' : 'fe', created_at: now });
  }
  const key = (await searchKey(db, box, { create: true, now }))!;
  const skus = Array.from({ length: 2000 }, (_, i) => `SKU-${String(i).padStart(5, '0')}-${rng.pick(['BLK', 'WHT', 'RED', 'S', 'M', 'L'])}`);
  const asins = skus.map(() => `B0${rng.digits(8)}`);
  const nameHashes = new Map<string, string[]>();
  const orderIds: string[] = [];
  const weights = MARKETPLACES.map((m) => [m, m[4]] as const);

  const orders: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  const workflow: Record<string, unknown>[] = [];
  const exceptions: Record<string, unknown>[] = [];
  const tokens: Record<string, unknown>[] = [];
  const flush = async (force: boolean) => {
    if (!force && orders.length < 5000) return;
    await db.transaction(async (trx) => {
      await trx.batchInsert('orders', orders.splice(0), 400);
      await trx.batchInsert('order_items', items.splice(0), 400);
      await trx.batchInsert('order_workflow', workflow.splice(0), 400);
      await trx.batchInsert('order_exceptions', exceptions.splice(0), 400);
      await trx.batchInsert('order_search_tokens', tokens.splice(0), 400);
    });
  };

  for (let n = 0; n < ORDERS; n++) {
    const [mp, prefix, currency, storeId] = rng.weighted(weights);
    const id = `${prefix}-${rng.digits(7)}-${String(n).padStart(7, '0')}`;
    orderIds.push(id);
    // Sixty days of orders, denser lately; FBM ship-by 1–3 days after the order.
    const ageH = Math.min(60 * 24, rng.exponential(20 * 24));
    const created = NOW.getTime() - ageH * H;
    const fba = rng.chance(0.35);
    const shipBy = created + rng.int(24, 72) * H;
    const open = ageH < rng.int(24, 80);
    const status = open ? (rng.chance(0.03) ? 'PENDING' : rng.chance(0.05) ? 'PARTIALLY_SHIPPED' : 'UNSHIPPED') : rng.chance(0.03) ? 'CANCELLED' : 'SHIPPED';
    const lines = rng.chance(0.75) ? 1 : rng.int(2, 4);
    const total = currency === 'JPY' ? rng.int(900, 30000) : rng.int(599, 25000);
    orders.push({
      id,
      store_id: storeId,
      marketplace_id: mp,
      status,
      fulfilled_by: fba ? 'AMAZON' : 'MERCHANT',
      service_level: 'Standard',
      created_time: new Date(created).toISOString(),
      last_updated_time: new Date(created + H).toISOString(),
      ship_by_latest: status === 'PENDING' ? null : new Date(shipBy).toISOString(),
      deliver_by_latest: new Date(shipBy + 5 * 24 * H).toISOString(),
      currency,
      grand_total_minor: total,
      ship_country: 'US',
      synced_at: new Date(created + H).toISOString(),
    });
    for (let l = 0; l < lines; l++) {
      const p = rng.int(0, skus.length - 1);
      items.push({ order_id: id, order_item_id: `${n}${l}`, seller_sku: skus[p], asin: asins[p], title: `Product ${p}`, quantity_ordered: rng.int(1, 3), unit_price_minor: total, currency });
    }
    if (!fba && status !== 'PENDING') {
      const state = open ? rng.weighted(STATES) : status === 'CANCELLED' ? 'cancelled' : rng.chance(0.6) ? 'delivered' : 'shipped';
      workflow.push({ order_id: id, state, version: 1, state_changed_at: new Date(created).toISOString(), updated_at: new Date(created).toISOString() });
      if (state === 'exception' || rng.chance(0.01)) {
        exceptions.push({ order_id: id, reason_code: rng.pick(['stock-insufficient', 'address-incomplete', 'high-value', 'sku-unmapped']), raised_at: new Date(created).toISOString(), resolved_at: state === 'exception' ? null : new Date(created + H).toISOString() });
      }
    }
    const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    let hashes = nameHashes.get(name);
    if (!hashes) nameHashes.set(name, (hashes = tokenHashes(key, [name])));
    for (const token_hash of hashes) tokens.push({ order_id: id, token_hash });
    await flush(false);
  }
  await flush(true);
  return { orderIds, skus, asins };
}

/** What a busy morning of clicking looks like: mostly chips and windows on page one, some scrolling and searching. */
function mixedQueries(rng: Rng, s: Seeded): OrdersListInput[] {
  const marketplaces = MARKETPLACES.map((m) => m[0]);
  const make = (): OrdersListInput => {
    const q: OrdersListInput = { limit: 100, offset: rng.weighted([[0, 6], [100, 2], [1000, 1], [5000, 1]] as const) };
    switch (rng.int(0, 11)) {
      case 0:
        break;
      case 1:
        q.status = rng.pick(['new', 'audited', 'exception', 'allocated', 'picking', 'packed', 'shipped'] as const);
        break;
      case 2:
        q.shipBy = rng.pick(['overdue', 'today', '24h', '48h'] as const);
        break;
      case 3:
        q.marketplaceIds = [rng.pick(marketplaces)];
        q.shipBy = rng.pick(['today', '24h'] as const);
        break;
      case 4:
        q.storeId = rng.int(1, 3);
        q.status = 'UNSHIPPED';
        break;
      case 5:
        q.fulfilledBy = 'AMAZON';
        q.sort = 'created';
        q.dir = 'desc';
        break;
      case 6:
        q.exceptionsOnly = true;
        break;
      case 7:
        q.sort = rng.pick(['created', 'total'] as const);
        q.dir = rng.pick(['asc', 'desc'] as const);
        break;
      case 8:
        q.search = rng.chance(0.5) ? rng.pick(s.orderIds) : rng.pick(s.orderIds).slice(0, 8);
        q.offset = 0;
        break;
      case 9:
        q.search = rng.chance(0.5) ? rng.pick(s.skus).slice(0, 7).toLowerCase() : rng.pick(s.asins);
        q.offset = 0;
        break;
      case 10:
        q.search = rng.chance(0.5) ? rng.pick(LAST) : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
        q.offset = 0;
        break;
      default:
        q.status = 'new';
        q.shipBy = '24h';
        q.marketplaceIds = [rng.pick(marketplaces)];
    }
    return q;
  };
  return Array.from({ length: QUERIES }, make);
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
