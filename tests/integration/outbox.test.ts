import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/clock';
import { openDatabase, type Db } from '../../main/db/connection';
import { appendAudit } from '../../main/db/repositories/audit.repo';
import { listSyncCalls } from '../../main/db/repositories/sync-calls.repo';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import type { Order } from '../../main/simulator/store/orders-api-types';
import { amazonApi, type AmazonApi } from '../../main/spapi/amazon-api';
import { SpApiClient } from '../../main/spapi/client';
import { RateLimiter } from '../../main/spapi/rate-limiter';
import { confirmShipmentIdempotencyKey, type ConfirmShipmentPayload } from '../../main/sync/outbox/handlers/confirm-shipment.outbox';
import { enqueue, OutboxPayloadError } from '../../main/sync/outbox/outbox';
import { claimOutboxRow, findOutboxRow, insertOutboxRow, listOutboxRows, type OutboxRow } from '../../main/sync/outbox/outbox.repo';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerDeps } from '../../main/sync/outbox/worker';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

const START = new Date('2026-11-20T08:00:00Z');
const SEED = 11;
const US = 'ATVPDKIKX0DER';
const BACKOFF = { baseMs: 1_000, capMs: 60_000 };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** The worker's time: moved by hand so "later" costs no wall-clock time. */
function manualClock(start = START): Clock & { advance(ms: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

/**
 * A client that tries each call once, with short timeouts: every outbox attempt is then exactly one request, so a
 * scripted fault reaches the outbox instead of being absorbed by the client's own retries.
 */
function singleShotApi(sim: RunningSimulator): { api: AmazonApi; close(): void } {
  const client = new SpApiClient({
    region: 'na',
    sellingPartner: `outbox-test-${sim.port}`,
    credentials: { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken },
    limiter: new RateLimiter({ marginMs: 0 }),
    endpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    maxAttempts: 1,
    timeouts: { responseMs: 500, idleMs: 500, deadlineMs: 2_000 },
  });
  return { api: amazonApi(client), close: () => client.close() };
}

/** A dedicated simulator, a core whose real (non-demo) store talks to it, and every request the simulator saw. */
async function simulatorEnv(port = 0) {
  const exchanges: Exchange[] = [];
  const boot = (p: number) => startSimulator({ seed: SEED, timeScale: 1, start: START, port: p, onExchange: (e) => exchanges.push(e) });
  let sim = await boot(port);
  const core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem } });
  const store = await core.amazonAccounts.connect({
    name: 'Outbox test store',
    region: 'na',
    marketplaceIds: [US],
    sellerId: DEMO_ACCOUNT.sellerId,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    refreshToken: DEMO_ACCOUNT.refreshToken,
  });
  let client = singleShotApi(sim);
  let simUp = true;
  cleanups.push(async () => {
    client.close();
    if (simUp) await sim.close();
  });
  cleanups.push(() => core.dispose());
  return {
    core,
    storeId: store.id,
    exchanges,
    get sim() {
      return sim;
    },
    apiFor: async (): Promise<AmazonApi> => client.api,
    async stopSimulator() {
      await sim.close();
      simUp = false;
    },
    /** Same port, same seed and start: the same orders, and (being a new server) a new certificate to trust. */
    async restartSimulator() {
      sim = await boot(sim.port);
      simUp = true;
      client.close();
      client = singleShotApi(sim);
    },
  };
}

function worker(env: { core: TestCore; apiFor: OutboxWorkerDeps['apiFor'] }, clock: Clock, extra: Partial<OutboxWorkerDeps> = {}): OutboxWorker {
  const w = createOutboxWorker({ db: env.core.db, clock, random: () => 0.5, apiFor: env.apiFor, backoff: BACKOFF, maxAttempts: 10, ...extra });
  cleanups.push(() => w.drain());
  return w;
}

/** Merchant-fulfilled US orders waiting to be shipped, none partly cancelled, none in-store pickup. */
function shippableOrders(sim: RunningSimulator, n: number): Order[] {
  const orders = sim.store
    .searchOrders({ createdAfter: new Date(sim.clock.now().getTime() - 4 * 86_400_000), fulfillmentStatuses: ['UNSHIPPED'], fulfilledBy: ['MERCHANT'], marketplaceIds: [US] })
    .filter((o) => !o.programs?.includes('IN_STORE_PICK_UP') && o.orderItems.every((i) => !i.cancellation));
  expect(orders.length).toBeGreaterThanOrEqual(n);
  return orders.slice(0, n);
}

function shipment(order: Order, shipDate: Date, overrides: Partial<ConfirmShipmentPayload['packageDetail']> = {}): ConfirmShipmentPayload {
  return {
    orderId: order.orderId,
    marketplaceId: US,
    packageDetail: {
      packageReferenceId: '1',
      carrierCode: 'UPS',
      shippingMethod: 'UPS Ground',
      trackingNumber: `1Z999AA1${order.orderId.replace(/\D/g, '').slice(-10)}`,
      shipDate: shipDate.toISOString(),
      orderItems: order.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      ...overrides,
    },
  };
}

function queue(db: Db, storeId: number, payload: ConfirmShipmentPayload, clock: Clock) {
  return db.transaction((trx) => enqueue(trx, { storeId, kind: 'confirm-shipment', payload, idempotencyKey: confirmShipmentIdempotencyKey(payload) }, clock));
}

const row = async (db: Db, seq: number): Promise<OutboxRow> => {
  const r = await findOutboxRow(db, seq);
  if (!r) throw new Error(`no outbox row ${seq}`);
  return r;
};

/** What reached Amazon and was accepted: 204 answers to confirmShipment, by order id, in arrival order. */
const accepted = (exchanges: Exchange[]) => exchanges.filter((e) => e.operation === 'confirmShipment' && e.status === 204).map((e) => orderIdOf(e));
const orderIdOf = (e: Exchange) => decodeURIComponent(e.pathname.split('/')[4] ?? '');
const packagesOf = (sim: RunningSimulator, orderId: string) => sim.store.getOrder(orderId)?.packages ?? [];

/** Passes with the clock moved past every backoff in between, until nothing is pending or in flight. */
async function runUntilSettled(w: OutboxWorker, clock: ReturnType<typeof manualClock>, maxPasses = 15) {
  for (let i = 0; i < maxPasses; i++) {
    await w.runOnce();
    const { total } = await w.counts();
    if (total.pending + total.inFlight === 0) return i + 1;
    clock.advance(BACKOFF.capMs);
  }
  throw new Error('outbox did not settle');
}

describe('enqueue: the outbox row commits with the change that causes it, or not at all', () => {
  it('leaves no row when the caller’s transaction fails, one row per idempotency key, and refuses a bad payload with a typed error', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [order] = shippableOrders(env.sim, 1);
    const payload = shipment(order!, START);

    // The domain change and its outbox row in one transaction that then fails: neither is kept.
    const before = await snapshotDb(env.core);
    await expect(
      env.core.db.transaction(async (trx) => {
        await appendAudit(trx, { at: START.toISOString(), actor: 'tester', action: 'order.ship', entity: 'order', entityId: order!.orderId });
        await enqueue(trx, { storeId: env.storeId, kind: 'confirm-shipment', payload, idempotencyKey: confirmShipmentIdempotencyKey(payload) }, clock);
        throw new Error('label printer jammed');
      }),
    ).rejects.toThrow('label printer jammed');
    expect(await snapshotDb(env.core)).toEqual(before);

    // Pressing "ship" twice queues one write.
    const first = await queue(env.core.db, env.storeId, payload, clock);
    const second = await queue(env.core.db, env.storeId, payload, clock);
    expect(first).toEqual({ seq: expect.any(Number), created: true });
    expect(second).toEqual({ seq: first.seq, created: false });
    const rows = await listOutboxRows(env.core.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, idempotencyKey: `confirm-shipment:${order!.orderId}:1`, createdAt: START.toISOString(), sentAt: null });

    // A payload Amazon could never accept fails the caller's transaction before anything is written.
    const afterOne = await snapshotDb(env.core);
    const bad = shipment(order!, START, { packageReferenceId: 'PKG-2', trackingNumber: '', orderItems: [] });
    const err = await env.core.db
      .transaction(async (trx) => {
        await appendAudit(trx, { at: START.toISOString(), actor: 'tester', action: 'order.ship', entity: 'order', entityId: order!.orderId });
        await enqueue(trx, { storeId: env.storeId, kind: 'confirm-shipment', payload: bad, idempotencyKey: 'confirm-shipment:x:PKG-2' }, clock);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(OutboxPayloadError);
    expect(err).toMatchObject({ code: 'invalid-input', kind: 'confirm-shipment' });
    expect((err as OutboxPayloadError).fields.sort()).toEqual(['packageDetail.orderItems', 'packageDetail.packageReferenceId', 'packageDetail.trackingNumber']);
    // An unknown kind (e.g. from untyped code) is the same typed error.
    await expect(
      env.core.db.transaction((trx) => enqueue(trx, { storeId: env.storeId, kind: 'teleport' as 'confirm-shipment', payload, idempotencyKey: 'teleport:1' }, clock)),
    ).rejects.toBeInstanceOf(OutboxPayloadError);
    expect(await snapshotDb(env.core)).toEqual(afterOne);
  });
});

describe('sending confirm-shipment to Amazon', () => {
  it('demo mode: a queued confirmation reaches the simulator through the store’s own client; the order ships', async () => {
    // The core's own scheduler and outbox worker stay off: this test drives its own worker.
    const core = await tempCore({ demo: { enabled: true, timeScale: 10 }, sync: { autoStart: false } });
    cleanups.push(() => core.dispose());
    await core.start();
    const sim = core.simulator();
    if (!sim) throw new Error('demo simulator not running');
    const na = (await core.stores.list()).find((s) => s.region === 'na');
    if (!na) throw new Error('no NA demo store');
    const clock = manualClock(sim.clock.now());
    const [order] = shippableOrders(sim, 1);
    const payload = shipment(order!, sim.clock.now());
    const { seq } = await queue(core.db, na.id, payload, clock);

    const changes: string[] = [];
    const w = worker({ core, apiFor: (id) => core.storeClients.forStore(id) }, clock, { onChange: (c) => changes.push(`${c.seq}:${c.status}`) });
    expect(await w.runOnce()).toEqual({ sent: 1, alreadyApplied: 0, retryLater: 0, dead: 0 });

    const shipped = sim.store.getOrder(order!.orderId);
    expect(shipped?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
    expect(shipped?.packages).toEqual([expect.objectContaining({ packageReferenceId: '1', trackingNumber: payload.packageDetail.trackingNumber })]);
    expect(await row(core.db, seq)).toMatchObject({ status: 'done', attempts: 1, sentAt: clock.now().toISOString(), lastError: null, deadReason: null });
    expect(changes).toEqual([`${seq}:in_flight`, `${seq}:done`]);
    expect(await w.counts()).toEqual({ total: { pending: 0, inFlight: 0, dead: 0, done: 1 }, byStore: { [na.id]: { pending: 0, inFlight: 0, dead: 0, done: 1 } } });
    await core.storeClients.flush();
    expect((await listSyncCalls(core.db, 10)).filter((c) => c.operation === 'confirmShipment')).toEqual([
      expect.objectContaining({ storeId: na.id, httpStatus: 204, errorKind: null }),
    ]);
  });

  it('keeps a store’s rows in seq order through 5xx, reset, timeout and 429 on the first one; each lands exactly once', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const orders = shippableOrders(env.sim, 4);
    const seqs: number[] = [];
    for (const o of orders) seqs.push((await queue(env.core.db, env.storeId, shipment(o, START), clock)).seq);
    env.sim.faults.script('confirmShipment', ['server-error', 'reset', 'timeout', 'throttle']);
    const w = worker(env, clock);

    // The first row fails: the store's queue stops there, the rows behind it are not touched.
    expect(await w.runOnce()).toEqual({ sent: 0, alreadyApplied: 0, retryLater: 1, dead: 0 });
    const head = await row(env.core.db, seqs[0]!);
    expect(head).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^server: /) });
    expect(head.nextAttemptAt > clock.now().toISOString()).toBe(true);
    for (const seq of seqs.slice(1)) expect(await row(env.core.db, seq)).toMatchObject({ status: 'pending', attempts: 0 });
    // Not due yet: a pass now sends nothing at all.
    expect(await w.runOnce()).toEqual({ sent: 0, alreadyApplied: 0, retryLater: 0, dead: 0 });

    await runUntilSettled(w, clock);
    const rows = await listOutboxRows(env.core.db);
    expect(rows.map((r) => [r.seq, r.status, r.attempts])).toEqual(seqs.map((s, i) => [s, 'done', i === 0 ? 5 : 1]));
    expect(env.sim.faults.pendingScripted()).toBe(0);

    // Amazon accepted each package once, in the order they were queued, and holds exactly one package per order.
    expect(accepted(env.exchanges)).toEqual(orders.map((o) => o.orderId));
    const confirmations = env.exchanges.filter((e) => e.operation === 'confirmShipment');
    const firstOther = confirmations.findIndex((e) => orderIdOf(e) !== orders[0]!.orderId);
    expect(confirmations.slice(0, firstOther).every((e) => orderIdOf(e) === orders[0]!.orderId)).toBe(true);
    for (const o of orders) expect(packagesOf(env.sim, o.orderId).map((p) => p.packageReferenceId)).toEqual(['1']);
    // Retries of the first row asked Amazon first whether the package was already there.
    expect(env.exchanges.filter((e) => e.operation === 'getOrder').map(orderIdOf)).toEqual([orders[0]!.orderId, orders[0]!.orderId, orders[0]!.orderId, orders[0]!.orderId]);
  });

  it('gives up after the attempt cap: the row goes dead with the last error, and the next row still goes', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [a, b] = shippableOrders(env.sim, 2);
    const first = await queue(env.core.db, env.storeId, shipment(a!, START), clock);
    const second = await queue(env.core.db, env.storeId, shipment(b!, START), clock);
    env.sim.faults.script('confirmShipment', ['server-error', 'server-error', 'server-error']);
    const w = worker(env, clock, { maxAttempts: 3 });

    await runUntilSettled(w, clock);
    const dead = await row(env.core.db, first.seq);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, deadReason: expect.stringMatching(/^attempts-exhausted: gave up after 3 attempts; last error server: /) });
    expect(await row(env.core.db, second.seq)).toMatchObject({ status: 'done' });
    expect(accepted(env.exchanges)).toEqual([b!.orderId]);
  });
});

describe('a crash between sending and recording', () => {
  it('after Amazon accepted the package: the restarted worker finds it there and marks the row done without sending again', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [order] = shippableOrders(env.sim, 1);
    const payload = shipment(order!, START);
    const { seq } = await queue(env.core.db, env.storeId, payload, clock);

    // The first worker has its own connection, which "dies" right after Amazon answered: the outcome is never written.
    const doomedDb = openDatabase(env.core.dbPath);
    cleanups.push(() => doomedDb.destroy());
    const crashing = createOutboxWorker({
      db: doomedDb,
      clock,
      random: () => 0.5,
      backoff: BACKOFF,
      apiFor: async () => {
        const api = await env.apiFor();
        return {
          ...api,
          confirmShipment: async (orderId: string, body: Parameters<AmazonApi['confirmShipment']>[1]) => {
            const answer = await api.confirmShipment(orderId, body);
            await doomedDb.destroy();
            return answer;
          },
        };
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow();
    expect(await row(env.core.db, seq)).toMatchObject({ status: 'in_flight', attempts: 1, sentAt: null });
    expect(accepted(env.exchanges)).toEqual([order!.orderId]);

    const restarted = worker(env, clock);
    expect((await restarted.counts()).total).toEqual({ pending: 0, inFlight: 1, dead: 0, done: 0 });
    expect(await restarted.runOnce()).toEqual({ sent: 0, alreadyApplied: 1, retryLater: 0, dead: 0 });
    expect(await row(env.core.db, seq)).toMatchObject({ status: 'done', attempts: 2, sentAt: clock.now().toISOString() });
    expect(env.exchanges.filter((e) => e.operation === 'confirmShipment')).toHaveLength(1);
    expect(env.exchanges.filter((e) => e.operation === 'getOrder')).toHaveLength(1);
    expect(packagesOf(env.sim, order!.orderId)).toHaveLength(1);
  });

  it('before the request left: the restarted worker finds no package and sends it, once', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [order] = shippableOrders(env.sim, 1);
    const { seq } = await queue(env.core.db, env.storeId, shipment(order!, START), clock);
    // Claimed and committed in flight, then the app died before sending.
    expect(await claimOutboxRow(env.core.db, await row(env.core.db, seq))).toBe(true);

    const restarted = worker(env, clock);
    expect(await restarted.runOnce()).toEqual({ sent: 1, alreadyApplied: 0, retryLater: 0, dead: 0 });
    expect(await row(env.core.db, seq)).toMatchObject({ status: 'done', attempts: 2 });
    expect(env.exchanges.filter((e) => e.operation === 'getOrder')).toHaveLength(1);
    expect(accepted(env.exchanges)).toEqual([order!.orderId]);
    expect(packagesOf(env.sim, order!.orderId)).toHaveLength(1);
  });
});

describe('rows that can never succeed are dead-lettered, kept, and can be retried by hand', () => {
  it('a refusal from Amazon, a corrupted payload and an unknown kind each go dead with a readable reason; later rows still go', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [tooMany, corrupted, fine] = shippableOrders(env.sim, 3);
    const item = tooMany!.orderItems[0]!;
    const refused = await queue(env.core.db, env.storeId, shipment(tooMany!, START, { orderItems: [{ orderItemId: item.orderItemId, quantity: item.quantityOrdered + 4 }] }), clock);
    const broken = await queue(env.core.db, env.storeId, shipment(corrupted!, START), clock);
    await env.core.db('outbox').where({ seq: broken.seq }).update({ payload_json: '{"orderId": "' });
    const future = await insertOutboxRow(env.core.db, { storeId: env.storeId, kind: 'cancel-order', payloadJson: '{}', idempotencyKey: 'cancel-order:1', createdAt: START.toISOString() });
    const mismatched = await insertOutboxRow(env.core.db, {
      storeId: env.storeId,
      kind: 'confirm-shipment',
      payloadJson: JSON.stringify({ orderId: fine!.orderId, marketplaceId: US }),
      idempotencyKey: 'confirm-shipment:mismatched',
      createdAt: START.toISOString(),
    });
    const good = await queue(env.core.db, env.storeId, shipment(fine!, START), clock);
    const w = worker(env, clock);

    expect(await w.runOnce()).toEqual({ sent: 1, alreadyApplied: 0, retryLater: 0, dead: 4 });
    const dead = await w.listDead();
    expect(dead.map((d) => [d.seq, d.reasonCode])).toEqual([
      [refused.seq, 'invalid-input'],
      [broken.seq, 'invalid-payload'],
      [future.seq, 'unknown-kind'],
      [mismatched.seq, 'invalid-payload'],
    ]);
    expect(dead[0]!.reason).toMatch(new RegExp(`^invalid-input: Amazon refused the request: InvalidInput: Quantity ${item.quantityOrdered + 4} for orderItemId ${item.orderItemId} is more than`));
    expect(dead[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^invalid-input: /) });
    expect(dead[1]!.reason).toBe('invalid-payload: the stored payload is not valid JSON');
    expect(dead[1]!.payloadJson).toBe('{"orderId": "');
    expect(dead[2]!.reason).toBe('unknown-kind: no handler for "cancel-order" in this version of the app');
    expect(dead[3]!.reason).toMatch(/^invalid-payload: the stored payload does not match the confirm-shipment schema at packageDetail$/);
    // Only the well-formed rows were ever sent; the refused one was not retried.
    expect(env.exchanges.filter((e) => e.operation === 'confirmShipment').map((e) => [orderIdOf(e), e.status])).toEqual([
      [tooMany!.orderId, 400],
      [fine!.orderId, 204],
    ]);
    expect(await row(env.core.db, good.seq)).toMatchObject({ status: 'done' });
    expect((await w.counts()).byStore[env.storeId]).toEqual({ pending: 0, inFlight: 0, dead: 4, done: 1 });

    // Dead rows stay until a person acts; a retry puts the row back in the queue with a fresh budget.
    expect(await w.retryDead(refused.seq)).toBe(true);
    expect(await w.retryDead(good.seq)).toBe(false);
    expect(await row(env.core.db, refused.seq)).toMatchObject({ status: 'pending', attempts: 0, deadReason: null });
    expect((await w.counts()).total).toEqual({ pending: 1, inFlight: 0, dead: 3, done: 1 });
    // Still too many units: refused again, after checking Amazon does not already have the package.
    expect(await w.runOnce()).toEqual({ sent: 0, alreadyApplied: 0, retryLater: 0, dead: 1 });
    expect(await row(env.core.db, refused.seq)).toMatchObject({ status: 'dead', attempts: 1, deadReason: expect.stringMatching(/^invalid-input: /) });
    expect(await listOutboxRows(env.core.db)).toHaveLength(5);
  });

  it('a store without saved credentials dead-letters its rows as no-credentials instead of retrying forever', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const [order] = shippableOrders(env.sim, 1);
    const { seq } = await queue(env.core.db, env.storeId, shipment(order!, START), clock);
    const w = worker({ core: env.core, apiFor: async () => null }, clock);
    expect(await w.runOnce()).toMatchObject({ dead: 1 });
    expect(await row(env.core.db, seq)).toMatchObject({ status: 'dead', deadReason: expect.stringMatching(/^no-credentials: /) });
  });
});

describe('offline', () => {
  it('rows wait, with growing backoff, while Amazon is unreachable; when it is back they drain in order, each once', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const orders = shippableOrders(env.sim, 3);
    await env.stopSimulator();
    const seqs: number[] = [];
    for (const o of orders) seqs.push((await queue(env.core.db, env.storeId, shipment(o, START), clock)).seq);
    const w = worker(env, clock, { maxAttempts: 10 });

    const waits: number[] = [];
    for (let pass = 1; pass <= 5; pass++) {
      expect(await w.runOnce()).toEqual({ sent: 0, alreadyApplied: 0, retryLater: 1, dead: 0 });
      const head = await row(env.core.db, seqs[0]!);
      expect(head).toMatchObject({ status: 'pending', attempts: pass, lastError: expect.stringMatching(/^network: /) });
      waits.push(Date.parse(head.nextAttemptAt) - clock.now().getTime());
      clock.advance(BACKOFF.capMs);
    }
    // Exponential: each wait is longer than the one before (the jitter is fixed in this test).
    expect(waits.every((ms, i) => i === 0 || ms > waits[i - 1]!)).toBe(true);
    expect((await w.counts()).total).toEqual({ pending: 3, inFlight: 0, dead: 0, done: 0 });
    for (const seq of seqs.slice(1)) expect(await row(env.core.db, seq)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });

    await env.restartSimulator();
    await runUntilSettled(w, clock);
    expect((await listOutboxRows(env.core.db)).map((r) => [r.seq, r.status])).toEqual(seqs.map((s) => [s, 'done']));
    expect(accepted(env.exchanges)).toEqual(orders.map((o) => o.orderId));
    expect(env.exchanges.filter((e) => e.operation === 'confirmShipment')).toHaveLength(3);
    for (const o of orders) expect(packagesOf(env.sim, o.orderId)).toHaveLength(1);
  });
});

describe('running in the background', () => {
  it('start() sends what is queued; drain() lets the send under way finish and record, then sends nothing more', async () => {
    const env = await simulatorEnv();
    const clock = manualClock();
    const orders = shippableOrders(env.sim, 3);
    const w = worker(env, clock);
    w.start(20);
    const { seq } = await queue(env.core.db, env.storeId, shipment(orders[0]!, START), clock);
    await expect.poll(async () => (await row(env.core.db, seq)).status, { timeout: 5_000 }).toBe('done');

    // Slow answers, so the drain below lands while a send is on the wire.
    env.sim.faults.setRates('confirmShipment', { slowMs: 300 });
    const inFlight = new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        void listOutboxRows(env.core.db, { status: 'in_flight' }).then((rows) => {
          if (rows[0]) {
            clearInterval(poll);
            resolve(rows[0].seq);
          }
        });
      }, 5);
      cleanups.push(async () => clearInterval(poll));
    });
    const second = await queue(env.core.db, env.storeId, shipment(orders[1]!, START), clock);
    const third = await queue(env.core.db, env.storeId, shipment(orders[2]!, START), clock);
    expect(await inFlight).toBe(second.seq);
    await w.drain();
    expect(await row(env.core.db, second.seq)).toMatchObject({ status: 'done' });
    expect(await row(env.core.db, third.seq)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(accepted(env.exchanges)).toEqual([orders[0]!.orderId, orders[1]!.orderId]);

    // An explicit pass after the drain still works: nothing is lost, it was only paused.
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
    expect(accepted(env.exchanges)).toEqual(orders.map((o) => o.orderId));
  });
});
