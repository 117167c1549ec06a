import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import type { FaultKind } from '../../main/simulator/faults';
import { tempCore } from '../support/temp-core';

const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
const DAY = 86_400_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** Everything the process prints while `fn` runs: console methods and direct writes to stdout/stderr. */
async function capturingOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const text = (args: unknown[]) =>
    args
      .map((a) => {
        if (typeof a === 'string') return a;
        if (a instanceof Error) return `${a.name}: ${a.message}\n${a.stack ?? ''}`;
        try {
          return JSON.stringify(a);
        } catch {
          return String(a);
        }
      })
      .join(' ');
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void chunks.push(text(args)));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  try {
    const result = await fn();
    return { result, output: chunks.join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('orders backfill under injected faults', () => {
  it('5xx, a 429 storm, resets and truncated JSON: every order once, the faults in sync_calls, no PII in the logs', { timeout: 60_000 }, async () => {
    const seed = 23;
    const timeScale = 600;
    const backfillDays = 8;
    let searchCalls = 0;
    let sim: RunningSimulator | undefined = undefined;
    sim = await startSimulator({
      seed,
      timeScale,
      start: new Date('2026-11-20T06:00:00Z'),
      marketplaceIds: NA,
      ordersPerHour: 14,
      backfillDays: 10,
      onExchange: (e) => {
        if (e.operation !== 'searchOrders') return;
        searchCalls += 1;
        // Besides the random rates, one of each kind early on (the rates alone may roll none in a short backfill)…
        if (searchCalls === 3) sim?.faults.script('searchOrders', ['server-error', 'reset', 'truncated']);
        // …and the 429 storm in the middle of the backfill, after the tenth page request.
        if (searchCalls === 10) sim?.faults.script('searchOrders', Array<FaultKind>(8).fill('throttle'));
      },
    });
    cleanups.push(() => sim.close());
    // Every fault the simulator decides on, per operation, to hold the sync log against.
    const injected: Record<string, number> = {};
    const next = sim.faults.next.bind(sim.faults);
    sim.faults.next = (op: string) => {
      const f = next(op);
      if (f && op === 'searchOrders') injected[f] = (injected[f] ?? 0) + 1;
      return f;
    };
    let quotaThrottles = 0;
    const take = sim.quota.take.bind(sim.quota);
    sim.quota.take = (...args: Parameters<typeof take>) => {
      const ok = take(...args);
      if (!ok && args[1] === 'searchOrders') quotaThrottles += 1;
      return ok;
    };
    sim.faults.setRates('searchOrders', { serverErrorRate: 0.05, resetRate: 0.03, truncatedRate: 0.03 });

    const core = await tempCore({
      spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
      clock: sim.clock,
      sync: { autoStart: false, backfillDays },
      demo: { enabled: false, timeScale },
    });
    cleanups.push(() => core.dispose());
    await core.start();
    const store = await core.amazonAccounts.connect({ name: 'Faults NA', region: 'na', marketplaceIds: NA, clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken });
    await core.scheduler.refresh();

    const ordersJob = () => core.scheduler.status().jobs.find((j) => j.storeId === store.id && j.job === 'orders')!;
    const { result: runs, output } = await capturingOutput(async () => {
      const outcomes: ({ kind: string; message: string } | null)[] = [];
      // A run that ends in error after the client's own retries is run again: it must resume from its cursor.
      for (let i = 0; i < 8; i++) {
        await core.scheduler.runNow();
        outcomes.push(ordersJob().lastError);
        if (!ordersJob().lastError) break;
      }
      await core.storeClients.flush();
      return outcomes;
    });
    expect(runs.at(-1)).toBeNull();
    // The storm outlasts the client's six attempts: at least one run ended throttled and the next resumed.
    expect(runs.filter((r) => r?.kind === 'throttled').length).toBeGreaterThanOrEqual(1);
    expect(injected.throttle).toBe(8);
    for (const kind of ['server-error', 'reset', 'truncated']) expect(injected[kind] ?? 0, kind).toBeGreaterThan(0);

    const wm = await core.db('sync_watermarks').where({ store_id: store.id, job: 'orders' }).first();
    expect(wm.cursor_json).toBeNull();
    const before = new Date(wm.watermark);
    const after = new Date(before.getTime() + 121_000 - backfillDays * DAY);
    const expected = sim.store.searchOrders({ createdAfter: after, createdBefore: before, marketplaceIds: NA });
    expect(expected.length).toBeGreaterThan(2000);

    // Exactly the simulator's orders of the window, none twice; each as Amazon has it (orders changed since their page
    // was read are compared by what cannot change).
    const rows = await core.db('orders').select<{ id: string; status: string; last_updated_time: string }[]>('id', 'status', 'last_updated_time');
    expect(rows.length).toBe(new Set(rows.map((r) => r.id)).size);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((o) => o.orderId).sort());
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = (await core.db('order_items').select('order_id').count({ n: '*' }).groupBy('order_id')) as unknown as { order_id: string; n: number }[];
    const itemCount = new Map(items.map((r) => [r.order_id, Number(r.n)]));
    let unchanged = 0;
    for (const o of expected) {
      const row = byId.get(o.orderId)!;
      expect(itemCount.get(o.orderId), o.orderId).toBe(o.orderItems.length);
      expect(Date.parse(row.last_updated_time) <= Date.parse(o.lastUpdatedTime), o.orderId).toBe(true);
      if (Date.parse(o.lastUpdatedTime) <= before.getTime()) {
        unchanged += 1;
        expect(row.status, o.orderId).toBe(o.fulfillment!.fulfillmentStatus);
        expect(Date.parse(row.last_updated_time), o.orderId).toBe(Date.parse(o.lastUpdatedTime));
      }
    }
    expect(unchanged).toBeGreaterThan(expected.length * 0.8);
    const dupes = await core.db('order_status_history').select('order_id', 'to_status', 'changed_at').count({ n: '*' }).groupBy('order_id', 'to_status', 'changed_at').having(core.db.raw('count(*) > 1'));
    expect(dupes).toEqual([]);

    // The sync log shows the faults: every failed attempt is either a retry of a call that then succeeded or the
    // final error of a call; the storm's last call is logged as throttled with its 429.
    const calls = await core.db('sync_calls').where({ store_id: store.id, operation: 'searchOrders' }).select('http_status', 'retries', 'error_kind');
    const failedAttempts = Object.values(injected).reduce((n, v) => n + v, 0) + quotaThrottles;
    const retries = calls.reduce((n, c) => n + Number(c.retries), 0);
    const failedCalls = calls.filter((c) => c.error_kind !== null);
    expect(retries + failedCalls.length).toBe(failedAttempts);
    expect(failedCalls.some((c) => c.error_kind === 'throttled' && c.http_status === 429)).toBe(true);
    expect(calls.filter((c) => c.error_kind === null && Number(c.retries) > 0).length).toBeGreaterThan(0);
    const runsRows = await core.db('sync_runs').where({ store_id: store.id, job: 'orders' }).orderBy('id').select('outcome', 'error_kind', 'error_message');
    expect(runsRows.at(-1)).toMatchObject({ outcome: 'ok' });
    expect(runsRows.some((r) => r.outcome === 'error' && r.error_kind === 'throttled')).toBe(true);

    // No buyer name, email, phone or address line in anything printed during the backfill, nor in the sync log tables.
    const pii = new Set<string>();
    for (const o of expected) {
      const addr = o.recipient?.deliveryAddress;
      for (const v of [o.buyer?.buyerName, o.buyer?.buyerEmail, addr?.name, addr?.addressLine1, addr?.addressLine2, addr?.addressLine3, addr?.phone]) {
        if (typeof v === 'string' && v.trim().length >= 6) pii.add(v);
      }
    }
    expect(pii.size).toBeGreaterThan(1000);
    expect(output).toContain('sync job failed');
    const logged = output + JSON.stringify(runsRows) + JSON.stringify(await core.db('sync_calls').select()) + JSON.stringify(await core.db('audit_log').select());
    expect([...pii].filter((v) => logged.includes(v))).toEqual([]);

    console.info(
      `[sync-faults] ${expected.length} orders, ${calls.length} searchOrders calls, ${runs.length} runs, faults ${JSON.stringify(injected)}, quota 429s ${quotaThrottles}, retries ${retries}, failed calls ${failedCalls.length}, ${pii.size} PII strings checked against ${output.length} chars of output`,
    );
  });
});
