import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import { insertProduct, receive } from '../support/inventory-fixtures';
import { allocateByHand, insertFbmOrder } from '../support/packing-fixtures';
import { refusal } from '../support/refusal';
import { snapshotDb, tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
const SEED = 139;
const START = new Date('2026-11-20T06:00:00Z');
const SCALE = 300;
const TRACKING = '1Z999AA10123456784';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let core: TestCore | undefined;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

/**
 * A store connected to a running simulator with its orders synced. The account is this test's own copy, so a test can
 * revoke the app's authorization the way a seller does in Seller Central.
 */
async function connectedStore() {
  const account = { ...DEMO_ACCOUNT };
  sim = await startSimulator({ seed: SEED, timeScale: SCALE, start: START, accounts: [account] });
  core = await tempCore({ spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false, backfillDays: 2 }, demo: { enabled: false, timeScale: SCALE } });
  const c = core;
  const s = sim;
  await c.start();
  const store = await c.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], clientId: account.clientId, clientSecret: account.clientSecret, refreshToken: account.refreshToken });
  await c.scheduler.refresh();
  await c.scheduler.runNow({ job: 'orders' });
  const synced = await c.db('orders').where({ fulfilled_by: 'MERCHANT', status: 'UNSHIPPED', marketplace_id: US }).orderBy('id').pluck<string[]>('id');
  const open = synced.map((id) => s.store.getOrder(id)!).filter((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED');
  expect(open.length, 'the seed no longer has open FBM orders').toBeGreaterThan(1);
  /** The orders job's window closes two simulated minutes before now: wait until a change made now is inside it. */
  const syncAfterChange = async () => {
    const changedAt = s.clock.nowMs();
    while (s.clock.nowMs() < changedAt + 2 * 60_000 + 5_000) await new Promise((r) => setTimeout(r, 100));
    await c.scheduler.runNow({ job: 'orders' });
  };
  return { c, s, store, account, open, syncAfterChange };
}

const amazonStatus = (s: RunningSimulator, orderId: string) => s.store.getOrder(orderId)?.fulfillment?.fulfillmentStatus;

describe('order reconciliation against the simulator', () => {
  it('a confirmation dead-lettered by a revoked authorization appears once with its retry; retried, sent and synced, it is gone', { timeout: 60_000 }, async () => {
    const { c, s, account, open, syncAfterChange } = await connectedStore();
    // A freshly synced store with workflows, exceptions and all: nothing disagrees.
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });

    const order = open[0]!;
    const refreshToken = account.refreshToken;
    account.refreshToken = 'Atzr|revoked-in-seller-central';
    s.expireAccessTokens();
    const { outboxSeq } = await c.shipments.confirm({ orderId: order.orderId, carrierCode: 'UPS', trackingNumber: TRACKING });
    expect(await c.outbox.runOnce()).toMatchObject({ sent: 0, dead: 1 });
    expect(amazonStatus(s, order.orderId)).toBe('UNSHIPPED');

    const { rows, total } = await c.orderRecon.list();
    expect(total).toBe(1);
    expect(rows).toEqual([
      {
        orderId: order.orderId,
        storeId: expect.any(Number),
        storeName: 'Shenzhen Gadgets NA',
        marketplaceId: US,
        amazonStatus: 'UNSHIPPED',
        ourState: expect.any(String),
        since: expect.any(String),
        cause: 'confirmation-dead-lettered',
        fixes: ['retry-confirmation'],
        deadReasonCode: 'auth',
      },
    ]);

    // A fix the row does not offer is refused through IPC and changes nothing.
    const before = await snapshotDb(c);
    expect(await dispatch(c, 'recon:fix-order', { orderId: order.orderId, fix: 'open-return' })).toMatchObject({ ok: false, error: { code: 'conflict', params: { reason: 'recon-fix-not-offered' } } });
    expect(await dispatch(c, 'recon:fix-order', { orderId: order.orderId, fix: 'reboot' })).toMatchObject({ ok: false, error: { code: 'invalid-input', params: { fields: ['fix'] } } });
    expect(await snapshotDb(c)).toEqual(before);

    // The seller authorizes the app again and retries: the row is back in the queue, recorded, and no longer listed.
    account.refreshToken = refreshToken;
    expect(await dispatch(c, 'recon:fix-order', { orderId: order.orderId, fix: 'retry-confirmation', note: '重新授权后重试' })).toEqual({
      ok: true,
      value: { orderId: order.orderId, fix: 'retry-confirmation', outboxSeqs: [outboxSeq], rmaNumber: null },
    });
    expect(await c.db('outbox').where({ seq: outboxSeq }).first()).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await c.db('audit_log').where({ action: 'recon.fix-order', entity_id: order.orderId }).select('actor', 'detail_json');
    expect(audit.map((a: { actor: string; detail_json: string }) => [a.actor, JSON.parse(a.detail_json)])).toEqual([
      ['tester', expect.objectContaining({ cause: 'confirmation-dead-lettered', fix: 'retry-confirmation', outboxSeqs: [outboxSeq], note: '重新授权后重试' })],
    ]);
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });
    // Retrying twice is a conflict, not a second send.
    expect((await refusal(c.orderRecon.fix({ orderId: order.orderId, fix: 'retry-confirmation' }))).params).toMatchObject({ reason: 'recon-nothing-to-fix' });

    // It converges: Amazon gets the package, the next sync mirrors SHIPPED, and nothing disagrees.
    expect(await c.outbox.runOnce()).toMatchObject({ sent: 1, dead: 0 });
    expect(amazonStatus(s, order.orderId)).toBe('SHIPPED');
    await syncAfterChange();
    expect(await c.db('orders').where({ id: order.orderId }).first()).toMatchObject({ status: 'SHIPPED' });
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });
  });

  it('an order Amazon cancels after our parcel left appears once (not also as its dead confirmation); a return fixes it', { timeout: 60_000 }, async () => {
    const { c, s, store, open, syncAfterChange } = await connectedStore();
    const order = open[0]!;
    const sz = await c.warehouses.create({ code: 'SZ', name: '深圳仓', kind: 'domestic' });
    const packed: { productId: number; quantity: number }[] = [];
    for (const item of order.orderItems) {
      const id = await insertProduct(c.db, `P-${item.product.sellerSku!}`);
      await c.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: item.product.sellerSku!, product_id: id });
      await receive(c.db, [{ productId: id, warehouseId: sz.id, onHand: 10 }]);
      packed.push({ productId: id, quantity: item.quantityOrdered });
    }
    expect(await c.fulfillment.process([order.orderId])).toEqual({ [order.orderId]: 'allocated' });
    const wf = (await c.fulfillment.workflowOf(order.orderId))!;
    await c.packing.ship({ orderId: order.orderId, version: wf.version, weightG: 500, carrierCode: 'UPS', trackingNumber: TRACKING, packed });

    // The buyer cancels on Amazon before our confirmation reaches it: Amazon refuses it, the row dead-letters.
    expect(s.store.cancelUnits(order.orderId)).toEqual({ ok: true });
    expect(await c.outbox.runOnce()).toMatchObject({ sent: 0, dead: 1 });
    await syncAfterChange();
    expect(await c.db('orders').where({ id: order.orderId }).first()).toMatchObject({ status: 'CANCELLED' });
    expect(await c.fulfillment.workflowOf(order.orderId)).toMatchObject({ state: 'shipped' });

    const { rows } = await c.orderRecon.list();
    expect(rows).toEqual([expect.objectContaining({ orderId: order.orderId, amazonStatus: 'CANCELLED', ourState: 'shipped', cause: 'cancelled-after-shipping', fixes: ['open-return'], deadReasonCode: null })]);
    // Retrying the refused confirmation would only be refused again: it is not offered.
    expect((await refusal(c.orderRecon.fix({ orderId: order.orderId, fix: 'retry-confirmation' }))).params).toMatchObject({ reason: 'recon-fix-not-offered', cause: 'cancelled-after-shipping' });

    const result = await c.orderRecon.fix({ orderId: order.orderId, fix: 'open-return' });
    expect(result.rmaNumber).toMatch(/^RMA-\d{8}-\d{4}$/);
    const ret = await c.db('returns').where({ order_id: order.orderId }).first();
    expect(ret).toMatchObject({ rma_number: result.rmaNumber, status: 'open', reason: 'other', note: 'reconciliation: cancelled on Amazon after it shipped' });
    const units = await c.db('return_lines').where({ return_id: ret.id }).sum({ n: 'quantity' }).first();
    expect(Number(units?.n)).toBe(packed.reduce((n, p) => n + p.quantity, 0));
    expect(await c.db('audit_log').where({ action: 'return.create', entity_id: String(ret.id) }).count({ n: '*' }).first()).toMatchObject({ n: 1 });

    // Converged, and stays so through the next outbox pass and sync.
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });
    await c.outbox.runOnce();
    await syncAfterChange();
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });
  });
});

describe('order reconciliation of what the sync hook missed', () => {
  it('accepts Amazon: a shipped order ships its reserved units, a cancelled one releases them; a shipment with no confirmation is queued', async () => {
    core = await tempCore();
    const c = core;
    const store = await c.stores.create({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US] });
    const sz = await c.warehouses.create({ code: 'SZ', name: '深圳仓', kind: 'domestic' });
    const mug = await insertProduct(c.db, 'MUG');
    await c.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: 'MUG-US', product_id: mug });
    await receive(c.db, [{ productId: mug, warehouseId: sz.id, onHand: 10 }]);
    for (const id of ['111-0000001-0000001', '111-0000001-0000002', '111-0000001-0000003']) {
      await insertFbmOrder(c, { id, storeId: store.id, lines: [{ orderItemId: `${id}-1`, sellerSku: 'MUG-US', quantity: 2 }] });
      await allocateByHand(c, id, sz.id);
    }
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });

    // Amazon's status changed without the workflow hearing of it (the hook failed on that page).
    await c.db('orders').where({ id: '111-0000001-0000001' }).update({ status: 'SHIPPED' });
    await c.db('orders').where({ id: '111-0000001-0000002' }).update({ status: 'CANCELLED' });
    // A confirmation whose outbox row is gone (a database restored from before it was queued).
    const { outboxSeq } = await c.shipments.confirm({ orderId: '111-0000001-0000003', carrierCode: 'UPS', trackingNumber: TRACKING });
    await c.db('outbox').where({ seq: outboxSeq }).delete();

    const { rows } = await c.orderRecon.list();
    expect(rows.map((r) => [r.orderId, r.amazonStatus, r.ourState, r.cause, r.fixes])).toEqual([
      ['111-0000001-0000001', 'SHIPPED', 'allocated', 'shipped-on-amazon-open-here', ['accept-amazon']],
      ['111-0000001-0000002', 'CANCELLED', 'allocated', 'cancelled-on-amazon-open-here', ['accept-amazon']],
      ['111-0000001-0000003', 'UNSHIPPED', 'allocated', 'confirmation-not-queued', ['requeue-confirmation']],
    ]);

    await c.orderRecon.fix({ orderId: '111-0000001-0000001', fix: 'accept-amazon' });
    await c.orderRecon.fix({ orderId: '111-0000001-0000002', fix: 'accept-amazon' });
    const requeued = await c.orderRecon.fix({ orderId: '111-0000001-0000003', fix: 'requeue-confirmation' });

    expect(await c.fulfillment.workflowOf('111-0000001-0000001')).toMatchObject({ state: 'shipped' });
    expect(await c.fulfillment.workflowOf('111-0000001-0000002')).toMatchObject({ state: 'cancelled' });
    // 10 received; order 1's two units left, order 2's two went back to free stock, order 3 still holds two.
    expect(await c.db('stock_levels').where({ product_id: mug, warehouse_id: sz.id }).first()).toMatchObject({ on_hand: 8, reserved: 2 });
    expect(await c.inventory.verify()).toEqual([]);
    const queued = await c.db('outbox').where({ seq: requeued.outboxSeqs[0] }).first();
    expect([queued.status, JSON.parse(queued.payload_json).packageDetail]).toMatchObject(['pending', { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: TRACKING, orderItems: [{ orderItemId: '111-0000001-0000003-1', quantity: 2 }] }]);
    expect(await c.db('local_shipments').where({ order_id: '111-0000001-0000003' }).first()).toMatchObject({ outbox_seq: requeued.outboxSeqs[0] });
    const fixes = await c.db('audit_log').where({ action: 'recon.fix-order' }).orderBy('id').select<{ entity_id: string; detail_json: string }[]>('entity_id', 'detail_json');
    expect(fixes.map((a) => [a.entity_id, JSON.parse(a.detail_json).fix])).toEqual([
      ['111-0000001-0000001', 'accept-amazon'],
      ['111-0000001-0000002', 'accept-amazon'],
      ['111-0000001-0000003', 'requeue-confirmation'],
    ]);
    expect(await c.orderRecon.list()).toEqual({ rows: [], total: 0 });
  });
});
