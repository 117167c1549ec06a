import { AppError } from '../../shared/ipc/errors';
import { marketplaceTimeZone } from '../../shared/marketplace-time';
import type { CallMetrics, DeadLetter, HealthCheck, HourBucket, JobHealth, StockDeviation, SyncHealth } from '../../shared/domain/sync-health';
import type { SyncStatus } from '../../shared/domain/sync';
import type { Clock } from '../clock';
import type { Queryable } from '../db/connection';
import { listStores } from '../db/repositories/stores.repo';
import { FBA_SYNC_REF_TYPE } from '../services/inventory/fba-mirror';
import { operations, type OperationName } from '../spapi/operations';
import { findOutboxRow } from './outbox/outbox.repo';
import type { OutboxWorker } from './outbox/worker';

const HOUR = 3_600_000;
/** A job is stale when it has not succeeded for this many of its intervals: one slow or failed run is not news. */
export const STALE_INTERVALS = 3;
/** Above this share of throttled calls the usage plan is too tight for the cadence: worth a look, not an alarm. */
export const THROTTLING_HIGH_PCT = 5;
/** FBM orders whose latest ship-by falls within this many hours are flagged (Amazon's late-shipment rate counts them). */
export const SHIP_BY_SOON_HOURS = 24;
/** The finding lists this many of them, soonest first; the count says how many there are in all. */
export const LATE_ORDERS_TOP = 10;

/** An FBA sync-correction is a stock deviation when its unexplained on-hand change is at least this many units… */
export const STOCK_DEVIATION_MIN_UNITS = 5;
/** …and at least this share of the on-hand level before it. See `isStockDeviation`. */
export const STOCK_DEVIATION_MIN_PCT = 5;
/** The finding names this many SKUs; the count says how many there are in all. */
export const STOCK_DEVIATION_TOP = 5;

/** The jobs' default cadences (see main/sync/jobs/*.job.ts); the scheduler's status does not carry them. */
export const DEFAULT_JOB_INTERVALS: Record<string, number> = { orders: 3 * 60_000, inventory: 15 * 60_000, listings: 60 * 60_000, inbound: 5 * 60_000, finances: 60 * 60_000 };

/** Which job an SP-API operation belongs to, so the screen shows metrics per job; anything else is its own row. */
const JOB_OF_OPERATION: Record<string, string> = {
  searchOrders: 'orders',
  getOrder: 'orders',
  getInventorySummaries: 'inventory',
  createReport: 'listings',
  getReport: 'listings',
  getReportDocument: 'listings',
  confirmShipment: 'outbox',
  listTransactions: 'finances',
  listFinancialEventGroups: 'finances',
};

/** Every Fulfillment Inbound call (2024-03-20 and v0) is the inbound job's. */
function jobOfOperation(operation: string): string {
  const known = JOB_OF_OPERATION[operation];
  if (known) return known;
  return operation in operations && operations[operation as OperationName].endpoint === 'fulfillmentInbound' ? 'inbound' : operation;
}

export interface SyncHealthDeps {
  db: Queryable;
  clock: Clock;
  scheduler: { status(): SyncStatus };
  outbox: Pick<OutboxWorker, 'counts' | 'listDead' | 'retryDead'>;
  /** Overrides of DEFAULT_JOB_INTERVALS (e.g. the orders cadence from the app config). */
  intervals?: Record<string, number | undefined>;
}

interface CallRow {
  at: string;
  store_id: number | null;
  operation: string;
  http_status: number | null;
  latency_ms: number;
  retries: number;
  error_kind: string | null;
}

/** Nearest-rank 95th percentile; computed here rather than in SQL, which has no portable percentile function. */
export function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0);
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);
const isThrottled = (r: CallRow): boolean => r.http_status === 429 || r.error_kind === 'throttled';

function orderIdOf(payloadJson: string): string | null {
  try {
    const p: unknown = JSON.parse(payloadJson);
    const id = typeof p === 'object' && p !== null ? (p as { orderId?: unknown }).orderId : undefined;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * The part of an FBA correction's on-hand change that nothing explains: units arriving from an inbound shipment move
 * from in transit to on hand (in transit falls as on hand rises), which is a receipt, not a deviation.
 */
export function unexplainedOnHand(onHandDelta: number, inTransitDelta: number): number {
  if (onHandDelta > 0 && inTransitDelta < 0) return onHandDelta - Math.min(onHandDelta, -inTransitDelta);
  return onHandDelta;
}

/**
 * The rule for a stock deviation (one FBA sync-correction): its unexplained on-hand change is at least
 * STOCK_DEVIATION_MIN_UNITS units AND at least STOCK_DEVIATION_MIN_PCT % of the on-hand level before it (a level of 0
 * counts as 100 %). Both, because FBA sales reach the ledger as corrections too: either test alone would flag routine
 * selling (1 unit of 10 is 10 %; 5 units of 2,000 is a normal quarter-hour for a best seller). A product's first FBA
 * figure is its opening balance, not a deviation, and is never flagged.
 */
export function isStockDeviation(unexplained: number, levelBefore: number): boolean {
  const units = Math.abs(unexplained);
  return units >= STOCK_DEVIATION_MIN_UNITS && units * 100 >= STOCK_DEVIATION_MIN_PCT * Math.max(0, levelBefore);
}

interface CorrectionRow {
  id: number;
  product_id: number;
  warehouse_id: number;
  on_hand_delta: number;
  in_transit_delta: number;
  created_at: string;
  sku: string;
  warehouse_code: string;
  warehouse_name: string;
  on_hand_now: number | null;
  before_on_hand: number | string | null;
  earlier: number | string;
}

/** The product × FBA warehouse pairs whose FBA sync corrections since `from` were deviations, largest first. */
export async function findStockDeviations(db: Queryable, from: string): Promise<{ deviations: StockDeviation[]; corrections: number; units: number }> {
  // Only rows that could pass the unit threshold are read; the level before each is the ledger's sum up to it.
  const rows = (await db('stock_movements as m')
    .join('products as p', 'p.id', 'm.product_id')
    .join('warehouses as w', 'w.id', 'm.warehouse_id')
    .leftJoin('stock_levels as l', (j) => {
      j.on('l.product_id', 'm.product_id').andOn('l.warehouse_id', 'm.warehouse_id');
    })
    .where({ 'm.kind': 'sync-correction', 'm.ref_type': FBA_SYNC_REF_TYPE })
    .andWhere('m.created_at', '>=', from)
    .andWhere((q) => q.where('m.on_hand_delta', '>=', STOCK_DEVIATION_MIN_UNITS).orWhere('m.on_hand_delta', '<=', -STOCK_DEVIATION_MIN_UNITS))
    .select('m.id', 'm.product_id', 'm.warehouse_id', 'm.on_hand_delta', 'm.in_transit_delta', 'm.created_at', 'p.sku', 'w.code as warehouse_code', 'w.name as warehouse_name', 'l.on_hand as on_hand_now')
    .select(
      db.raw('(select sum(e.on_hand_delta) from stock_movements e where e.product_id = m.product_id and e.warehouse_id = m.warehouse_id and e.id < m.id) as before_on_hand'),
      db.raw('(select count(*) from stock_movements e where e.product_id = m.product_id and e.warehouse_id = m.warehouse_id and e.id < m.id) as earlier'),
    )
    .orderBy('m.id')) as CorrectionRow[];

  const bySku = new Map<string, StockDeviation & { magnitude: number }>();
  let corrections = 0;
  let units = 0;
  for (const r of rows) {
    if (Number(r.earlier) === 0) continue;
    const unexplained = unexplainedOnHand(Number(r.on_hand_delta), Number(r.in_transit_delta));
    if (!isStockDeviation(unexplained, Number(r.before_on_hand ?? 0))) continue;
    corrections += 1;
    units += Math.abs(unexplained);
    const k = `${r.product_id}:${r.warehouse_id}`;
    const d = bySku.get(k) ?? {
      productId: Number(r.product_id),
      sku: r.sku,
      warehouseId: Number(r.warehouse_id),
      warehouseCode: r.warehouse_code,
      warehouseName: r.warehouse_name,
      corrections: 0,
      units: 0,
      onHand: Number(r.on_hand_now ?? 0),
      lastAt: r.created_at,
      magnitude: 0,
    };
    d.corrections += 1;
    d.units += unexplained;
    d.magnitude += Math.abs(unexplained);
    d.lastAt = r.created_at > d.lastAt ? r.created_at : d.lastAt;
    bySku.set(k, d);
  }
  const deviations = [...bySku.values()]
    .sort((a, b) => b.magnitude - a.magnitude || a.sku.localeCompare(b.sku) || a.warehouseId - b.warehouseId)
    .map(({ magnitude: _magnitude, ...d }) => d);
  return { deviations, corrections, units };
}

/**
 * The morning check: how the night's sync went (calls, throttling, latency, errors per store and job), what waits in
 * the outbox, and a short list of findings a seller should act on before the first pick wave. Read-only.
 */
export function createSyncHealth(deps: SyncHealthDeps) {
  const intervalOf = (job: string): number | null => deps.intervals?.[job] ?? DEFAULT_JOB_INTERVALS[job] ?? null;

  function summarize(storeId: number | null, job: string, rows: CallRow[]): CallMetrics {
    const errorsByKind: Record<string, number> = {};
    let throttled = 0;
    let retries = 0;
    for (const r of rows) {
      if (isThrottled(r)) throttled += 1;
      retries += Number(r.retries);
      if (r.error_kind) errorsByKind[r.error_kind] = (errorsByKind[r.error_kind] ?? 0) + 1;
    }
    const errors = Object.values(errorsByKind).reduce((a, b) => a + b, 0);
    return {
      storeId,
      job,
      operations: [...new Set(rows.map((r) => r.operation))].sort(),
      calls: rows.length,
      throttled,
      throttledPct: pct(throttled, rows.length),
      retries,
      p95LatencyMs: p95(rows.map((r) => Number(r.latency_ms))),
      errors,
      errorsByKind,
    };
  }

  async function get(opts: { hours: number }): Promise<SyncHealth> {
    const now = deps.clock.now();
    const nowMs = now.getTime();
    const hours = opts.hours;
    // Buckets are clock hours, so the chart's labels read 08:00, 09:00…; the last one is the hour under way.
    const fromMs = Math.floor(nowMs / HOUR) * HOUR - (hours - 1) * HOUR;
    const from = new Date(fromMs).toISOString();

    const [stores, calls, counts, dead, urgent, successes, stock] = await Promise.all([
      listStores(deps.db),
      deps.db<CallRow>('sync_calls')
        .select('at', 'store_id', 'operation', 'http_status', 'latency_ms', 'retries', 'error_kind')
        .where('at', '>=', from)
        .orderBy('id'),
      deps.outbox.counts(),
      deps.outbox.listDead(),
      deps.db('orders')
        .select('id', 'store_id', 'marketplace_id', 'ship_by_latest')
        .where({ fulfilled_by: 'MERCHANT' })
        .whereIn('status', ['UNSHIPPED', 'PARTIALLY_SHIPPED'])
        .whereNotNull('ship_by_latest')
        .where('ship_by_latest', '<=', new Date(nowMs + SHIP_BY_SOON_HOURS * HOUR).toISOString())
        .orderBy('ship_by_latest')
        .orderBy('id') as Promise<{ id: string; store_id: number; marketplace_id: string; ship_by_latest: string }[]>,
      deps.db('sync_runs').select('store_id', 'job').max({ at: 'finished_at' }).where({ outcome: 'ok' }).groupBy('store_id', 'job') as Promise<
        { store_id: number; job: string; at: string | null }[]
      >,
      findStockDeviations(deps.db, from),
    ]);
    // The scheduler knows its own runs; the table also knows runs from before its slot was made (or another station).
    const lastOk = new Map(successes.map((r) => [`${Number(r.store_id)}:${r.job}`, r.at]));
    const storeName = new Map(stores.map((s) => [s.id, s.name]));
    const nameOf = (id: number | null): string | null => (id === null ? null : (storeName.get(id) ?? null));

    // Per (store, job) metrics and the hourly series, in one pass over the window's rows.
    const groups = new Map<string, { storeId: number | null; job: string; rows: CallRow[] }>();
    const series: HourBucket[] = Array.from({ length: hours }, (_, i) => ({ start: new Date(fromMs + i * HOUR).toISOString(), calls: 0, errors: 0, throttled: 0 }));
    for (const r of calls) {
      const storeId = r.store_id === null ? null : Number(r.store_id);
      const job = jobOfOperation(r.operation);
      const k = `${storeId ?? '-'}:${job}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { storeId, job, rows: [] }));
      g.rows.push(r);
      // A row stamped a moment ahead of our clock (another station's clock) counts in the current hour.
      const idx = Math.min(hours - 1, Math.max(0, Math.floor((Date.parse(r.at) - fromMs) / HOUR)));
      const bucket = series[idx];
      if (bucket) {
        bucket.calls += 1;
        if (r.error_kind) bucket.errors += 1;
        if (isThrottled(r)) bucket.throttled += 1;
      }
    }
    const metrics = [...groups.values()]
      .map((g) => summarize(g.storeId, g.job, g.rows))
      .sort((a, b) => (a.storeId ?? 0) - (b.storeId ?? 0) || a.job.localeCompare(b.job));
    const all = summarize(null, '*', calls);

    const jobs: JobHealth[] = deps.scheduler.status().jobs.map((j) => {
      const intervalMs = intervalOf(j.job);
      const fromDb = lastOk.get(`${j.storeId}:${j.job}`) ?? null;
      const lastSuccessAt = j.lastSuccessAt === null ? fromDb : fromDb === null || j.lastSuccessAt > fromDb ? j.lastSuccessAt : fromDb;
      // A first run under way (the first backfill of a newly connected store) is progress, not staleness.
      const firstRunUnderWay = lastSuccessAt === null && j.state === 'running';
      const stale = !firstRunUnderWay && (lastSuccessAt === null || (intervalMs !== null && nowMs - Date.parse(lastSuccessAt) > STALE_INTERVALS * intervalMs));
      return { storeId: j.storeId, storeName: j.storeName, job: j.job, state: j.state, lastSuccessAt, nextRunAt: j.nextRunAt, intervalMs, stale };
    });

    const outbox = stores.map((s) => {
      const c = counts.byStore[s.id];
      return { storeId: s.id, storeName: s.name, pending: c?.pending ?? 0, inFlight: c?.inFlight ?? 0, dead: c?.dead ?? 0 };
    });
    const deadLetters: DeadLetter[] = dead.map((d) => ({
      seq: d.seq,
      storeId: d.storeId,
      storeName: storeName.get(d.storeId) ?? '',
      kind: d.kind,
      reasonCode: d.reasonCode,
      orderId: orderIdOf(d.payloadJson),
      attempts: d.attempts,
      createdAt: d.createdAt,
    }));

    const checks: HealthCheck[] = [];
    for (const j of jobs.filter((x) => x.stale)) {
      checks.push({
        code: 'stale-job',
        // A job that cannot run (failing, no credentials) will not heal by waiting; a slow first backfill will.
        severity: j.state === 'error' || j.state === 'no-credentials' ? 'error' : 'warn',
        params: { storeId: j.storeId, storeName: j.storeName, job: j.job, lastSuccessAt: j.lastSuccessAt, intervalMinutes: j.intervalMs === null ? null : Math.round(j.intervalMs / 60_000) },
      });
    }
    if (deadLetters.length > 0) {
      checks.push({ code: 'dead-letters', severity: 'error', params: { count: deadLetters.length, oldestAt: deadLetters.map((d) => d.createdAt).sort()[0] ?? null } });
    }
    const first = urgent[0];
    if (first) {
      const overdue = urgent.filter((o) => Date.parse(o.ship_by_latest) < nowMs).length;
      checks.push({
        code: 'ship-by-soon',
        severity: overdue > 0 ? 'error' : 'warn',
        params: { count: urgent.length, overdue, earliest: first.ship_by_latest },
        // The late-risk list itself, so the clerk sees which orders and how long each has in its marketplace's day.
        lateOrders: urgent.slice(0, LATE_ORDERS_TOP).map((o) => ({
          orderId: o.id,
          storeName: storeName.get(Number(o.store_id)) ?? '',
          marketplaceId: o.marketplace_id,
          timeZone: marketplaceTimeZone(o.marketplace_id),
          shipByLatest: o.ship_by_latest,
        })),
      });
    }
    for (const m of metrics.filter((x) => x.throttledPct > THROTTLING_HIGH_PCT)) {
      checks.push({ code: 'throttling-high', severity: 'warn', params: { storeId: m.storeId, storeName: nameOf(m.storeId), job: m.job, pct: m.throttledPct, throttled: m.throttled, calls: m.calls } });
    }
    const authByStore = new Map<number | null, number>();
    for (const m of metrics) if (m.errorsByKind.auth) authByStore.set(m.storeId, (authByStore.get(m.storeId) ?? 0) + m.errorsByKind.auth);
    for (const [storeId, count] of authByStore) {
      checks.push({ code: 'auth-errors', severity: 'error', params: { storeId, storeName: nameOf(storeId), count } });
    }
    if (stock.deviations.length > 0) {
      const top = stock.deviations.slice(0, STOCK_DEVIATION_TOP);
      checks.push({
        code: 'stock-deviation',
        severity: 'warn',
        params: { count: stock.deviations.length, corrections: stock.corrections, units: stock.units, shown: top.length },
        stockDeviations: top,
      });
    }
    if (checks.length === 0) checks.push({ code: 'all-ok', severity: 'ok', params: {} });
    // Errors first: the list is read top-down at 8 a.m.
    const rank = { error: 0, warn: 1, ok: 2 } as const;
    checks.sort((a, b) => rank[a.severity] - rank[b.severity]);

    return {
      generatedAt: now.toISOString(),
      hours,
      from,
      totals: { calls: all.calls, throttled: all.throttled, throttledPct: all.throttledPct, errors: all.errors, p95LatencyMs: all.p95LatencyMs },
      metrics,
      jobs,
      outbox,
      deadLetters,
      series,
      checks,
    };
  }

  /** Puts a dead write back in its store's queue; the worker sends it on its next pass. */
  async function retryDead(seq: number): Promise<void> {
    if (await deps.outbox.retryDead(seq)) return;
    const row = await findOutboxRow(deps.db, seq);
    if (!row) throw new AppError('not-found', { seq });
    // Someone retried it already (or it was never dead): nothing to do, and the screen should refresh.
    throw new AppError('conflict', { seq, status: row.status });
  }

  return { get, retryDead };
}

export type SyncHealthService = ReturnType<typeof createSyncHealth>;
