import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/clock';
import { dispatch } from '../../main/ipc/dispatch';
import type { OrderRow } from '../../main/db/repositories/orders.repo';
import { replaceOrders } from '../../main/db/repositories/orders.repo';
import { insertSyncCalls, type SyncCallRow } from '../../main/db/repositories/sync-calls.repo';
import { finishRun, startRun } from '../../main/db/repositories/sync-state.repo';
import { p95 } from '../../main/sync/health.service';
import { enqueue } from '../../main/sync/outbox/outbox';
import type { Store } from '../../shared/domain/store';
import type { HealthCheck, SyncHealth } from '../../shared/domain/sync-health';
import { AppError } from '../../shared/ipc/errors';
import { tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

const NOW = new Date('2026-11-20T08:30:00Z');
const US = 'ATVPDKIKX0DER';
const at = (iso: string) => new Date(iso).toISOString();
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

/** A core on a fixed clock with two stores that have no saved credentials: nothing leaves for Amazon. */
async function setup() {
  const clock: Clock = { now: () => new Date(NOW) };
  core = await tempCore({ clock, sync: { autoStart: false }, demo: { enabled: false } });
  const a = await core.stores.create({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US] });
  const b = await core.stores.create({ name: 'Yiwu Home EU', region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] });
  return { core, a, b };
}

async function run(c: TestCore, storeId: number, job: string, finishedAt: string, outcome: 'ok' | 'error' = 'ok') {
  const id = await startRun(c.db, { storeId, job, mode: 'incremental', startedAt: finishedAt });
  await finishRun(c.db, id, { finishedAt, outcome, pages: 1, items: 3, ...(outcome === 'error' ? { errorKind: 'auth', errorMessage: 'Unauthorized' } : {}) });
}

function call(storeId: number, operation: string, atIso: string, extra: Partial<SyncCallRow> = {}): SyncCallRow {
  return { at: atIso, storeId, operation, marketplaceId: US, httpStatus: 200, latencyMs: 100, requestId: null, retries: 0, errorKind: null, ...extra };
}

function order(id: string, store: Store, status: string, fulfilledBy: string, shipBy: string | null): OrderRow {
  return {
    id,
    store_id: store.id,
    marketplace_id: US,
    status,
    fulfilled_by: fulfilledBy,
    service_level: 'Std',
    created_time: minutesAgo(2000),
    last_updated_time: minutesAgo(1000),
    ship_by_latest: shipBy,
    deliver_by_latest: null,
    programs_json: null,
    currency: 'USD',
    grand_total_minor: 1999,
    ship_country: 'US',
    buyer_enc: null,
    recipient_enc: null,
    pii_purged_at: null,
    synced_at: minutesAgo(1),
  };
}

const codes = (h: SyncHealth) => h.checks.map((c) => c.code).sort();
const only = (h: SyncHealth, code: HealthCheck['code']) => h.checks.filter((c) => c.code === code);

function confirmShipment(storeId: number, orderId: string) {
  return {
    storeId,
    kind: 'confirm-shipment' as const,
    payload: {
      orderId,
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: NOW.toISOString(), orderItems: [{ orderItemId: 'i1', quantity: 1 }] },
    },
    idempotencyKey: `confirm-shipment:${orderId}:1`,
  };
}

describe('sync health (the morning check)', () => {
  it('a quiet night: fresh jobs, clean calls, no urgent orders → only "all-ok"', async () => {
    const { core, a, b } = await setup();
    for (const s of [a, b]) {
      await run(core, s.id, 'orders', minutesAgo(2));
      await run(core, s.id, 'inventory', minutesAgo(20));
      await run(core, s.id, 'listings', minutesAgo(150));
      await run(core, s.id, 'inbound', minutesAgo(4));
      await run(core, s.id, 'finances', minutesAgo(30));
    }
    await core.scheduler.refresh();
    await insertSyncCalls(core.db, [call(a.id, 'searchOrders', minutesAgo(10)), call(b.id, 'getInventorySummaries', minutesAgo(70), { retries: 1 })]);
    // FBM but due in 30 h; AFN overdue is Amazon's problem; shipped is done.
    await replaceOrders(core.db, [
      order('111-0000001-0000001', a, 'UNSHIPPED', 'MERCHANT', at('2026-11-21T14:30:00Z')),
      order('111-0000001-0000002', a, 'UNSHIPPED', 'AMAZON', at('2026-11-19T00:00:00Z')),
      order('111-0000001-0000003', a, 'SHIPPED', 'MERCHANT', at('2026-11-19T00:00:00Z')),
    ], [], [], new Set());

    const h = await core.health.get({ hours: 24 });
    expect(h.checks).toEqual([{ code: 'all-ok', severity: 'ok', params: {} }]);
    expect(h.jobs).toHaveLength(10);
    expect(h.jobs.every((j) => !j.stale)).toBe(true);
    expect(h.totals).toEqual({ calls: 2, throttled: 0, throttledPct: 0, errors: 0, p95LatencyMs: 100 });
    expect(h.deadLetters).toEqual([]);
    expect(h.outbox.map((o) => [o.storeName, o.pending, o.inFlight, o.dead])).toEqual([['Shenzhen Gadgets NA', 0, 0, 0], ['Yiwu Home EU', 0, 0, 0]]);
  });

  it('a bad night: figures per store and job, hourly buckets, and each finding exactly when its condition holds', async () => {
    const { core, a, b } = await setup();
    // A: orders fresh (5 min, every 3 min); inventory last ok 90 min ago (> 3 × 15 min); listings 150 min (< 3 × 60 min).
    await run(core, a.id, 'orders', minutesAgo(5));
    await run(core, a.id, 'inventory', minutesAgo(90));
    await run(core, a.id, 'listings', minutesAgo(150));
    // B: orders has only ever failed; the others are fresh.
    await run(core, b.id, 'orders', minutesAgo(4), 'error');
    await run(core, b.id, 'inventory', minutesAgo(10));
    await run(core, b.id, 'listings', minutesAgo(30));
    // Inbound: A's ran 10 min ago (< 3 × 5 min); B's last success was 16 min ago.
    await run(core, a.id, 'inbound', minutesAgo(10));
    await run(core, b.id, 'inbound', minutesAgo(16));
    // Finances: both fresh (hourly).
    await run(core, a.id, 'finances', minutesAgo(30));
    await run(core, b.id, 'finances', minutesAgo(30));
    await core.scheduler.refresh();

    // A/orders: 20 calls in the 07:00 hour, latencies 10..200 ms, two throttled (10 %) and 6 retries.
    const aOrders = Array.from({ length: 20 }, (_, i) =>
      call(a.id, i % 2 ? 'getOrder' : 'searchOrders', at(`2026-11-20T07:${String(i * 2).padStart(2, '0')}:00Z`), { latencyMs: (i + 1) * 10 }),
    );
    aOrders[0] = { ...aOrders[0]!, httpStatus: 429, errorKind: 'throttled', retries: 4 };
    aOrders[1] = { ...aOrders[1]!, httpStatus: null, errorKind: 'throttled' };
    aOrders[2] = { ...aOrders[2]!, retries: 2 };
    // A/inventory: 50 calls in the current hour, one throttled (2 %: below the 5 % line).
    const aInventory = Array.from({ length: 50 }, (_, i) => call(a.id, 'getInventorySummaries', minutesAgo(i % 30), i === 0 ? { httpStatus: 429, errorKind: 'throttled' } : {}));
    // B/orders: 5 calls in the first hour of the window, two refused for authorization.
    const bOrders = Array.from({ length: 5 }, (_, i) => call(b.id, 'searchOrders', at(`2026-11-19T09:0${i}:00Z`), i < 2 ? { httpStatus: 403, errorKind: 'auth', latencyMs: 300 } : {}));
    // Just outside the window: must count nowhere (no auth finding for A).
    const old = call(a.id, 'searchOrders', at('2026-11-19T08:59:59.999Z'), { httpStatus: 403, errorKind: 'auth' });
    await insertSyncCalls(core.db, [...aOrders, ...aInventory, ...bOrders, old]);

    await replaceOrders(core.db, [
      order('111-0000002-0000001', a, 'UNSHIPPED', 'MERCHANT', at('2026-11-20T08:00:00Z')), // overdue
      order('111-0000002-0000002', b, 'PARTIALLY_SHIPPED', 'MERCHANT', at('2026-11-21T07:00:00Z')), // within 24 h
      order('111-0000002-0000003', a, 'UNSHIPPED', 'MERCHANT', at('2026-11-21T09:00:00Z')), // 24.5 h away: not yet
      order('111-0000002-0000004', a, 'UNSHIPPED', 'AMAZON', at('2026-11-19T00:00:00Z')),
      order('111-0000002-0000005', b, 'SHIPPED', 'MERCHANT', at('2026-11-19T00:00:00Z')),
    ], [], [], new Set());

    // Neither store has credentials: the worker dead-letters A's write as no-credentials. B's comes after the pass.
    const deadSeq = (await enqueue(core.db, confirmShipment(a.id, '111-0000002-0000001'), core.clock)).seq;
    await core.outbox.runOnce();
    await enqueue(core.db, confirmShipment(b.id, '111-0000002-0000002'), core.clock);

    const h = await core.health.get({ hours: 24 });
    expect(h.from).toBe('2026-11-19T09:00:00.000Z');

    const m = (storeId: number, job: string) => h.metrics.find((x) => x.storeId === storeId && x.job === job);
    expect(m(a.id, 'orders')).toEqual({
      storeId: a.id,
      job: 'orders',
      operations: ['getOrder', 'searchOrders'],
      calls: 20,
      throttled: 2,
      throttledPct: 10,
      retries: 6,
      p95LatencyMs: 190,
      errors: 2,
      errorsByKind: { throttled: 2 },
    });
    expect(m(a.id, 'inventory')).toMatchObject({ calls: 50, throttled: 1, throttledPct: 2, p95LatencyMs: 100, errors: 1 });
    expect(m(b.id, 'orders')).toMatchObject({ calls: 5, throttled: 0, p95LatencyMs: 300, errors: 2, errorsByKind: { auth: 2 } });
    expect(h.totals).toMatchObject({ calls: 75, throttled: 3, throttledPct: 4, errors: 5 });

    // 24 clock-hour buckets; the 5 B calls in the first, A/orders in 07:00, A/inventory in the hour under way.
    expect(h.series).toHaveLength(24);
    expect(h.series[0]).toEqual({ start: '2026-11-19T09:00:00.000Z', calls: 5, errors: 2, throttled: 0 });
    expect(h.series[22]).toEqual({ start: '2026-11-20T07:00:00.000Z', calls: 20, errors: 2, throttled: 2 });
    expect(h.series[23]).toEqual({ start: '2026-11-20T08:00:00.000Z', calls: 50, errors: 1, throttled: 1 });
    expect(h.series.reduce((n, s) => n + s.calls, 0)).toBe(75);

    expect(codes(h)).toEqual(['auth-errors', 'dead-letters', 'ship-by-soon', 'stale-job', 'stale-job', 'stale-job', 'throttling-high']);
    expect(only(h, 'stale-job').map((c) => [c.params.storeName, c.params.job, c.params.lastSuccessAt])).toEqual([
      ['Shenzhen Gadgets NA', 'inventory', minutesAgo(90)],
      ['Yiwu Home EU', 'orders', null],
      ['Yiwu Home EU', 'inbound', minutesAgo(16)],
    ]);
    expect(only(h, 'throttling-high')).toEqual([
      { code: 'throttling-high', severity: 'warn', params: { storeId: a.id, storeName: 'Shenzhen Gadgets NA', job: 'orders', pct: 10, throttled: 2, calls: 20 } },
    ]);
    expect(only(h, 'auth-errors')).toEqual([{ code: 'auth-errors', severity: 'error', params: { storeId: b.id, storeName: 'Yiwu Home EU', count: 2 } }]);
    expect(only(h, 'ship-by-soon')).toEqual([
      {
        code: 'ship-by-soon',
        severity: 'error',
        params: { count: 2, overdue: 1, earliest: '2026-11-20T08:00:00.000Z' },
        lateOrders: [
          { orderId: '111-0000002-0000001', storeName: 'Shenzhen Gadgets NA', marketplaceId: US, timeZone: 'America/Los_Angeles', shipByLatest: '2026-11-20T08:00:00.000Z' },
          { orderId: '111-0000002-0000002', storeName: 'Yiwu Home EU', marketplaceId: US, timeZone: 'America/Los_Angeles', shipByLatest: '2026-11-21T07:00:00.000Z' },
        ],
      },
    ]);
    expect(only(h, 'dead-letters')).toEqual([{ code: 'dead-letters', severity: 'error', params: { count: 1, oldestAt: NOW.toISOString() } }]);
    // Errors come first in the list.
    expect(h.checks.map((c) => c.severity)).toEqual(['error', 'error', 'error', 'warn', 'warn', 'warn', 'warn']);

    expect(h.deadLetters).toEqual([
      { seq: deadSeq, storeId: a.id, storeName: 'Shenzhen Gadgets NA', kind: 'confirm-shipment', reasonCode: 'no-credentials', orderId: '111-0000002-0000001', attempts: 1, createdAt: NOW.toISOString() },
    ]);
    expect(h.outbox.map((o) => [o.storeName, o.pending, o.inFlight, o.dead])).toEqual([['Shenzhen Gadgets NA', 0, 0, 1], ['Yiwu Home EU', 1, 0, 0]]);

    // A 6-hour window drops B's calls (and so its auth finding) but keeps everything that is not about calls.
    const h6 = await core.health.get({ hours: 6 });
    expect(h6.series).toHaveLength(6);
    expect(h6.totals.calls).toBe(70);
    expect(codes(h6)).toEqual(['dead-letters', 'ship-by-soon', 'stale-job', 'stale-job', 'stale-job', 'throttling-high']);

    // Retry through IPC: the row goes back to pending and the dead-letters finding goes away.
    expect(await dispatch(core, 'outbox:retry-dead', { seq: deadSeq })).toEqual({ ok: true, value: { ok: true } });
    const after = await core.health.get({ hours: 24 });
    expect(after.deadLetters).toEqual([]);
    expect(only(after, 'dead-letters')).toEqual([]);
    expect(after.outbox.find((o) => o.storeId === a.id)).toMatchObject({ pending: 1, dead: 0 });
    await expect(core.health.retryDead(deadSeq)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the IPC channels validate their input and answer unknown rows with not-found', async () => {
    const { core } = await setup();
    const def = await dispatch(core, 'sync:health', {});
    expect(def.ok && (def.value as SyncHealth).hours).toBe(24);
    for (const bad of [{ hours: 0 }, { hours: 169 }, { hours: 2.5 }, { hours: 24, extra: 1 }]) {
      const r = await dispatch(core, 'sync:health', bad);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(bad)).toBe('invalid-input');
    }
    const missing = await dispatch(core, 'outbox:retry-dead', { seq: 424242 });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not-found');
    const bad = await dispatch(core, 'outbox:retry-dead', { seq: -1 });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid-input');
    await expect(core.health.retryDead(424242)).rejects.toBeInstanceOf(AppError);
  });

  it('p95 is the nearest-rank percentile', () => {
    expect(p95([])).toBeNull();
    expect(p95([7])).toBe(7);
    expect(p95(Array.from({ length: 100 }, (_, i) => i + 1))).toBe(95);
    expect(p95([5, 1, 3, 2, 4])).toBe(5);
  });
});
