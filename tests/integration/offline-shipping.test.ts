import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import { startTcpProxy } from '../support/tcp-proxy';
import { tempCore } from '../support/temp-core';

const NA = ['ATVPDKIKX0DER'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('offline: a clerk keeps shipping while Amazon is unreachable', () => {
  it('confirmations queue locally, survive the outage, and reach Amazon once each, in order, on reconnect', async () => {
    const exchanges: Exchange[] = [];
    const sim: RunningSimulator = await startSimulator({ seed: 4, timeScale: 60, start: new Date('2026-11-20T06:00:00Z'), marketplaceIds: NA, onExchange: (e) => exchanges.push(e) });
    cleanups.push(() => sim.close());
    let proxy = await startTcpProxy(sim.port);
    const port = proxy.port;
    cleanups.push(() => proxy.close());
    let now = sim.clock.now().getTime() - 60_000;
    const clock = { now: () => new Date(now) };
    const core = await tempCore({ clock, spapiEndpoint: { host: '127.0.0.1', port, ca: sim.caPem }, sync: { autoStart: false, backfillDays: 5 } });
    cleanups.push(() => core.dispose());
    await core.start();
    const store = await core.amazonAccounts.connect({ name: 'US FBM', region: 'na', marketplaceIds: NA, clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken });
    await core.scheduler.refresh();
    await core.scheduler.runNow({ job: 'orders' });
    const open = await core.db('orders').where({ store_id: store.id, fulfilled_by: 'MERCHANT', status: 'UNSHIPPED' }).orderBy('created_time').limit(3).pluck('id');
    expect(open).toHaveLength(3);

    // The cable is pulled.
    await proxy.close();
    const queued = [];
    for (const [i, orderId] of open.entries()) {
      const res = await dispatch(core, 'orders:confirm-shipment', { orderId, carrierCode: 'UPS', trackingNumber: `1Z999AA1012345678${i}` });
      expect(res.ok).toBe(true);
      if (res.ok) queued.push(res.value as { outboxSeq: number });
    }
    // Everything local works: the shipments exist, the audit says who did it, the queue shows them.
    expect(await core.db('local_shipments').whereIn('order_id', open).count({ n: '*' }).first()).toEqual({ n: 3 });
    expect((await core.audit.list(3)).map((a) => a.action)).toEqual(['order.confirm-shipment', 'order.confirm-shipment', 'order.confirm-shipment']);
    for (let tick = 0; tick < 4; tick++) {
      await core.outbox.runOnce();
      now += 10 * 60_000;
    }
    const status = await core.status.get();
    expect(status.outbox).toEqual({ pending: 3, dead: 0 });
    expect(exchanges.filter((e) => e.operation === 'confirmShipment')).toHaveLength(0);

    // Back online: the same port, the same Amazon.
    proxy = await startTcpProxy(sim.port, port);
    now += 60 * 60_000;
    for (let tick = 0; tick < 3; tick++) {
      await core.outbox.runOnce();
      now += 60 * 60_000;
    }
    expect((await core.status.get()).outbox).toEqual({ pending: 0, dead: 0 });
    const sent = exchanges.filter((e) => e.operation === 'confirmShipment' && e.status === 204);
    expect(sent.map((e) => e.pathname.split('/')[4])).toEqual(open);
    for (const orderId of open) {
      const order = sim.store.getOrder(orderId)!;
      expect(order.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
      expect(order.packages).toHaveLength(1);
    }
    expect(await core.db('outbox').orderBy('seq').pluck('status')).toEqual(['done', 'done', 'done']);
  });

  it('refuses a confirmation the order cannot take, with a typed error and nothing queued', async () => {
    const core = await tempCore({ sync: { autoStart: false } });
    cleanups.push(() => core.dispose());
    const before = await core.db('outbox').count({ n: '*' }).first();
    const res = await dispatch(core, 'orders:confirm-shipment', { orderId: '111-2223334-4445556', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(res).toEqual({ ok: false, error: { code: 'not-found', params: { entity: 'order', id: '111-2223334-4445556' } } });
    const bad = await dispatch(core, 'orders:confirm-shipment', { orderId: '111-2223334-4445556', carrierCode: 'UPS', trackingNumber: 'no spaces allowed' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', params: { fields: ['trackingNumber'] } } });
    expect(await core.db('outbox').count({ n: '*' }).first()).toEqual(before);
  });
});
