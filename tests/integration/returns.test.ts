import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { allocateByHand, insertFbmOrder, level, stockedProduct } from '../support/packing-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

const NOW = new Date('2026-11-23T08:00:00.000Z');
const SHIPPED = '111-0000001-0000001';
const UNSHIPPED = '111-0000002-0000002';
const FBA = '111-0000003-0000003';
const TRACKING = '1Z999AA10123456784';
const GTIN_A = '6901234567892';

let core: TestCore;
let storeId: number;
let warehouseId: number;
let spareWarehouseId: number;
let supplierId: number;
let productA: number;
let productB: number;

/** An allocated order leaves the building as the packing station ships it: reservation out of the ledger, confirmation queued. */
async function shipByHand(orderId: string, tracking: string) {
  await core.db.transaction(async (trx) => {
    await core.inventory.shipOrder(trx, orderId);
    await core.shipments.confirmIn(trx, { orderId, carrierCode: 'UPS', trackingNumber: tracking });
  });
}

/**
 * One store, two domestic warehouses, a supplier. SKU-A (EAN, cost ¥5.00) and SKU-B (cost ¥3.00) sell as FBM offers
 * pushed from CN-SZ. SHIPPED (2×A + 1×B, $50.00) went out with a UPS label; UNSHIPPED (1×A) is still allocated; FBA is
 * Amazon's to handle.
 */
beforeEach(async () => {
  core = await tempCore({ clock: { now: () => NOW } });
  storeId = (await core.stores.create({ name: 'US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] })).id;
  warehouseId = (await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' })).id;
  spareWarehouseId = (await core.warehouses.create({ code: 'US-LA', name: '洛杉矶仓', kind: 'overseas' })).id;
  supplierId = (await core.catalog.createSupplier({ name: '义乌工厂', currency: 'CNY', leadTimeDays: 10 })).id;
  productA = await stockedProduct(core, { sku: 'SKU-A', name: '陶瓷马克杯', gtin: GTIN_A, storeId, warehouseId, onHand: 10 });
  productB = await stockedProduct(core, { sku: 'SKU-B', name: '杯盖', storeId, warehouseId, onHand: 10 });
  await core.catalog.update(productA, { cost: { amountMinor: 500, currency: 'CNY', effectiveDate: '2026-11-01' } });
  await core.catalog.update(productB, { cost: { amountMinor: 300, currency: 'CNY', effectiveDate: '2026-11-01' } });
  await core.db('product_listings').where({ store_id: storeId }).update({ fbm_warehouse_id: warehouseId });

  await insertFbmOrder(core, {
    id: SHIPPED,
    storeId,
    lines: [
      { orderItemId: '11', sellerSku: 'SKU-A', quantity: 2 },
      { orderItemId: '12', sellerSku: 'SKU-B', quantity: 1 },
    ],
  });
  await insertFbmOrder(core, { id: UNSHIPPED, storeId, lines: [{ orderItemId: '21', sellerSku: 'SKU-A', quantity: 1 }] });
  await insertFbmOrder(core, { id: FBA, storeId, fulfilledBy: 'AMAZON', status: 'SHIPPED', lines: [{ orderItemId: '31', sellerSku: 'SKU-A', quantity: 1 }] });
  await core.db('orders').update({ currency: 'USD', grand_total_minor: 5000 });
  await allocateByHand(core, SHIPPED, warehouseId);
  await allocateByHand(core, UNSHIPPED, warehouseId);
  await shipByHand(SHIPPED, TRACKING);
});

afterEach(async () => {
  await core.dispose();
});

/** The call is refused with this code and params, and not a row of the database changed. */
async function refusedUnchanged(call: () => Promise<unknown>, code: string, params: Record<string, unknown>) {
  const before = await snapshotDb(core);
  const err = await refusal(call());
  expect(err.code).toBe(code);
  expect(err.params).toMatchObject(params);
  expect(await snapshotDb(core)).toEqual(before);
}

const lineOf = (d: { lines: { id: number; sku: string }[] }, sku: string) => d.lines.find((l) => l.sku === sku)!.id;

/** A return of the shipped order's 2×A + 1×B, opened from its tracking number. */
async function fullReturn() {
  return core.returns.create({
    orderId: SHIPPED,
    reasonCode: 'damaged',
    sourceKind: 'tracking',
    sourceCode: TRACKING,
    warehouseId,
    lines: [
      { orderItemId: '11', quantity: 2 },
      { orderItemId: '12', quantity: 1, reasonCode: 'wrong-item' },
    ],
  });
}

describe('finding what came back', () => {
  it('an Amazon order id gives the order with shipped, returned and returnable units per line', async () => {
    const found = await core.returns.lookup(SHIPPED);
    expect(found.kind).toBe('order');
    if (found.kind !== 'order') return;
    expect(found.matchedBy).toBe('order');
    expect(found.order).toMatchObject({ orderId: SHIPPED, totalMinor: 5000, currency: 'USD', refundedMinor: 0, trackingNumbers: [TRACKING], returns: [] });
    expect(found.order.lines).toEqual([
      { orderItemId: '11', sellerSku: 'SKU-A', title: null, productId: productA, productSku: 'SKU-A', productName: '陶瓷马克杯', shipped: 2, returned: 0, returnable: 2 },
      { orderItemId: '12', sellerSku: 'SKU-B', title: null, productId: productB, productSku: 'SKU-B', productName: '杯盖', shipped: 1, returned: 0, returnable: 1 },
    ]);
  });

  it('the outbound tracking number on the returned parcel leads to its order, whatever the case and scanner suffix', async () => {
    for (const code of [TRACKING, `${TRACKING.toLowerCase()}\r`]) {
      const found = await core.returns.lookup(code);
      expect(found).toMatchObject({ kind: 'order', matchedBy: 'tracking', order: { orderId: SHIPPED } });
    }
  });

  it('a tracking number Amazon reported (shipped elsewhere) is found too', async () => {
    await core.db('order_packages').insert({ order_id: UNSHIPPED, package_reference_id: '1', carrier: 'USPS', tracking_number: '9400100000000000000000', ship_time: NOW.toISOString() });
    await core.db('order_items').where({ order_id: UNSHIPPED }).update({ quantity_shipped: 1 });
    const found = await core.returns.lookup('9400100000000000000000');
    expect(found).toMatchObject({ kind: 'order', matchedBy: 'tracking', order: { orderId: UNSHIPPED, lines: [{ returnable: 1 }] } });
  });

  it('a product code offers the shipped orders that hold it, never the unshipped or FBA ones', async () => {
    const found = await core.returns.lookup(GTIN_A);
    expect(found.kind).toBe('product');
    if (found.kind !== 'product') return;
    expect(found.product).toEqual({ id: productA, sku: 'SKU-A', name: '陶瓷马克杯' });
    expect(found.orders.map((o) => o.orderId)).toEqual([SHIPPED]);
  });

  it('a product nobody was shipped gives no candidates: the clerk opens an unlinked return for it', async () => {
    const c = await core.catalog.create({ sku: 'SKU-C', name: '杯垫', kind: 'unit' });
    const found = await core.returns.lookup('SKU-C');
    expect(found).toEqual({ kind: 'product', product: { id: c.id, sku: 'SKU-C', name: '杯垫' }, orders: [] });
    const ret = await core.returns.create({ reasonCode: 'undeliverable', sourceKind: 'product', sourceCode: 'SKU-C', lines: [{ productId: c.id, quantity: 1 }] });
    expect(ret).toMatchObject({ orderId: null, status: 'open', units: 1, currency: null, refundCapMinor: null, sourceKind: 'product' });
  });

  it('an RMA number opens the return; an unknown code is refused with its reason', async () => {
    const ret = await fullReturn();
    const found = await core.returns.lookup(ret.rmaNumber.toLowerCase());
    expect(found).toMatchObject({ kind: 'return', detail: { id: ret.id, rmaNumber: 'RMA-20261123-0001' } });
    expect((await refusal(core.returns.lookup('NO-SUCH-THING'))).params).toMatchObject({ reason: 'unknown-return-code', code: 'NO-SUCH-THING' });
    expect((await refusal(core.returns.lookup('RMA-20261123-0099'))).params).toMatchObject({ reason: 'unknown-return-code' });
  });
});

describe('creating a return', () => {
  it('numbers RMAs by day, keeps per-line reasons and counts the units on the order as returned', async () => {
    const ret = await fullReturn();
    expect(ret).toMatchObject({ rmaNumber: 'RMA-20261123-0001', orderId: SHIPPED, status: 'open', reasonCode: 'damaged', units: 3, receivedUnits: 0, currency: 'USD', warehouseCode: 'CN-SZ', sourceKind: 'tracking', sourceCode: TRACKING, createdBy: 'tester' });
    expect(ret.lines.map((l) => [l.sku, l.quantity, l.reasonCode])).toEqual([
      ['SKU-A', 2, 'damaged'],
      ['SKU-B', 1, 'wrong-item'],
    ]);
    expect(ret.lines[0]?.codes).toEqual([
      { code: GTIN_A, units: 1 },
      { code: 'SKU-A', units: 1 },
    ]);
    const found = await core.returns.lookup(SHIPPED);
    expect(found.kind === 'order' && found.order.lines.map((l) => l.returnable)).toEqual([0, 0]);
    expect(found.kind === 'order' && found.order.returns).toEqual([{ id: ret.id, rmaNumber: 'RMA-20261123-0001', status: 'open' }]);
  });

  it('refuses more units than shipped minus already returned, and changes nothing', async () => {
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '11', quantity: 3 }] }), 'invalid-input', {
      reason: 'return-over-quantity',
      sku: 'SKU-A',
      returnable: 2,
      requested: 3,
    });
    await core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '11', quantity: 1 }] });
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '11', quantity: 2 }] }), 'invalid-input', {
      reason: 'return-over-quantity',
      returnable: 1,
    });
    // Nothing of the unshipped order has left the building: nothing to return.
    await refusedUnchanged(() => core.returns.create({ orderId: UNSHIPPED, reasonCode: 'other', lines: [{ orderItemId: '21', quantity: 1 }] }), 'invalid-input', {
      reason: 'return-over-quantity',
      returnable: 0,
    });
  });

  it('refuses FBA orders, zero quantities, unknown lines, unknown reason codes and archived warehouses', async () => {
    await refusedUnchanged(() => core.returns.create({ orderId: FBA, reasonCode: 'damaged', lines: [{ orderItemId: '31', quantity: 1 }] }), 'invalid-input', { reason: 'return-fba-order' });
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '11', quantity: 0 }] }), 'invalid-input', { reason: 'return-quantity' });
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '99', quantity: 1 }] }), 'not-found', { entity: 'order-item' });
    await core.warehouses.archive(spareWarehouseId);
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', warehouseId: spareWarehouseId, lines: [{ orderItemId: '11', quantity: 1 }] }), 'invalid-input', {
      reason: 'warehouse-archived',
    });
    await refusedUnchanged(() => core.returns.create({ orderId: SHIPPED, reasonCode: 'broken' as never, lines: [{ orderItemId: '11', quantity: 1 }] }), 'invalid-input', { field: 'reasonCode' });
  });
});

describe('receiving and inspecting', () => {
  it('counts parcels in without making the units sellable', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    const b = lineOf(ret, 'SKU-B');
    const before = await level(core, productA, warehouseId);
    const first = await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }] });
    expect(first).toMatchObject({ status: 'received', receivedUnits: 1, receivedAt: NOW.toISOString() });
    const second = await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }, { lineId: b, quantity: 1 }] });
    expect(second.lines.map((l) => [l.sku, l.receivedQuantity])).toEqual([
      ['SKU-A', 2],
      ['SKU-B', 1],
    ]);
    expect(await level(core, productA, warehouseId)).toEqual(before);
    expect(await core.db('stock_movements').where({ ref_type: 'return' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses receiving more than expected, nothing at all, or after inspection', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    await refusedUnchanged(() => core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 3 }] }), 'invalid-input', { reason: 'return-over-quantity', returnable: 2, requested: 3 });
    await refusedUnchanged(() => core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 0 }] }), 'invalid-input', { reason: 'return-nothing-received' });
    await refusedUnchanged(() => core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: -1 }] }), 'invalid-input', { reason: 'return-quantity' });
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }] });
    await core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'scrap', quantity: 1 }] });
    await refusedUnchanged(() => core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }] }), 'conflict', { reason: 'return-state', rma: ret.rmaNumber, status: 'inspected' });
  });

  it('restocks, scraps and returns to supplier: only restocked units reach the ledger, and the FBM offer is re-pushed', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    const b = lineOf(ret, 'SKU-B');
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 2 }, { lineId: b, quantity: 1 }] });
    const [aBefore, bBefore] = [await level(core, productA, warehouseId), await level(core, productB, warehouseId)];

    const done = await core.returns.inspect({
      id: ret.id,
      entries: [
        { lineId: a, disposition: 'restock', quantity: 1, warehouseId },
        { lineId: a, disposition: 'scrap', quantity: 1, note: '杯口破损' },
        { lineId: b, disposition: 'return-to-supplier', quantity: 1, supplierId, reason: '来料不良' },
      ],
    });

    expect(done).toMatchObject({ status: 'inspected', inspectedAt: NOW.toISOString() });
    expect(await level(core, productA, warehouseId)).toEqual({ onHand: aBefore.onHand + 1, reserved: aBefore.reserved });
    expect(await level(core, productB, warehouseId)).toEqual(bBefore);
    const rows = await core.db('stock_movements').where({ ref_type: 'return' }).select('product_id', 'warehouse_id', 'kind', 'on_hand_delta', 'reserved_delta', 'ref_id', 'reason', 'actor');
    expect(rows).toEqual([{ product_id: productA, warehouse_id: warehouseId, kind: 'return-restock', on_hand_delta: 1, reserved_delta: 0, ref_id: ret.rmaNumber, reason: 'damaged', actor: 'tester' }]);
    expect(await core.inventory.verify()).toEqual([]);

    const lineA = done.lines.find((l) => l.sku === 'SKU-A')!;
    const lineB = done.lines.find((l) => l.sku === 'SKU-B')!;
    expect(lineA.dispositions).toEqual([
      { disposition: 'restock', quantity: 1, warehouseCode: 'CN-SZ', supplierName: null, reason: null, note: null, unitCostMinor: null, costCurrency: null },
      { disposition: 'scrap', quantity: 1, warehouseCode: null, supplierName: null, reason: null, note: '杯口破损', unitCostMinor: 500, costCurrency: 'CNY' },
    ]);
    expect(lineB.dispositions).toEqual([{ disposition: 'return-to-supplier', quantity: 1, warehouseCode: null, supplierName: '义乌工厂', reason: '来料不良', note: null, unitCostMinor: 300, costCurrency: 'CNY' }]);
    expect(await core.db('return_lines').orderBy('id').pluck('disposition')).toEqual(['mixed', 'return-to-supplier']);

    // The offer selling SKU-A from CN-SZ now tells Amazon about the extra unit.
    const listing = await core.db('product_listings').where({ product_id: productA }).first<{ fbm_pushed_quantity: number }>('fbm_pushed_quantity');
    expect(listing.fbm_pushed_quantity).toBe(aBefore.onHand + 1 - aBefore.reserved);
  });

  it('restocks a unit into another warehouse than the parcel came to', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 2 }] });
    await core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'restock', quantity: 2, warehouseId: spareWarehouseId }] });
    expect(await level(core, productA, spareWarehouseId)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('refuses an inspection that leaves units without a fate, invents units, or lacks a warehouse or supplier', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    const b = lineOf(ret, 'SKU-B');
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'scrap', quantity: 1 }] }), 'conflict', { reason: 'return-state', status: 'open' });
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 2 }] });
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'scrap', quantity: 1 }] }), 'invalid-input', {
      reason: 'return-inspection-mismatch',
      sku: 'SKU-A',
      received: 2,
      assigned: 1,
    });
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'scrap', quantity: 2 }, { lineId: b, disposition: 'scrap', quantity: 1 }] }), 'invalid-input', {
      reason: 'return-inspection-mismatch',
      sku: 'SKU-B',
      received: 0,
      assigned: 1,
    });
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'restock', quantity: 2 }] }), 'invalid-input', { field: 'warehouseId', reason: 'return-warehouse-required' });
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'return-to-supplier', quantity: 2, supplierId }] }), 'invalid-input', { field: 'reason', reason: 'return-supplier-reason-required' });
    await refusedUnchanged(() => core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'return-to-supplier', quantity: 2, supplierId: 999, reason: 'x' }] }), 'invalid-input', {
      reason: 'unknown-supplier',
    });
  });
});

describe('refunds and the order', () => {
  it('writes refunds off against the order up to its total; the order shows each return and its refund', async () => {
    const first = await core.returns.create({ orderId: SHIPPED, reasonCode: 'damaged', lines: [{ orderItemId: '11', quantity: 1 }] });
    expect(first.refundCapMinor).toBe(5000);
    const refunded = await core.returns.refund({ id: first.id, amountMinor: 1999 });
    expect(refunded).toMatchObject({ refundMinor: 1999, currency: 'USD', refundedAt: NOW.toISOString(), refundCapMinor: 0 });

    const second = await core.returns.create({ orderId: SHIPPED, reasonCode: 'no-longer-needed', lines: [{ orderItemId: '12', quantity: 1 }] });
    expect(second).toMatchObject({ otherRefundsMinor: 1999, refundCapMinor: 3001 });
    await refusedUnchanged(() => core.returns.refund({ id: second.id, amountMinor: 3002 }), 'invalid-input', { reason: 'refund-over-cap', max: '30.01', currency: 'USD' });
    await refusedUnchanged(() => core.returns.refund({ id: second.id, amountMinor: -100 }), 'invalid-input', { reason: 'refund-not-positive' });
    await refusedUnchanged(() => core.returns.refund({ id: second.id, amountMinor: 0 }), 'invalid-input', { reason: 'refund-not-positive' });
    await refusedUnchanged(() => core.returns.refund({ id: first.id, amountMinor: 1 }), 'conflict', { reason: 'return-already-refunded' });
    await core.returns.refund({ id: second.id, amountMinor: 3001 });

    const order = await core.orders.get(SHIPPED);
    expect(order.returns).toEqual([
      { id: first.id, rmaNumber: 'RMA-20261123-0001', status: 'open', refundMinor: 1999, currency: 'USD' },
      { id: second.id, rmaNumber: 'RMA-20261123-0002', status: 'open', refundMinor: 3001, currency: 'USD' },
    ]);
    expect(order.totalMinor! - order.returns.reduce((n, r) => n + (r.refundMinor ?? 0), 0)).toBe(0);
    expect((await core.orders.get(UNSHIPPED)).returns).toEqual([]);
  });

  it('refuses a refund for a return with no order', async () => {
    const ret = await core.returns.create({ reasonCode: 'other', lines: [{ productId: productA, quantity: 1 }] });
    await refusedUnchanged(() => core.returns.refund({ id: ret.id, amountMinor: 100 }), 'conflict', { reason: 'return-no-order' });
  });

  it('closes inspected returns and refund-only ones; a closed return takes no more changes', async () => {
    const ret = await fullReturn();
    await refusedUnchanged(() => core.returns.close(ret.id), 'conflict', { reason: 'return-state', status: 'open' });
    const a = lineOf(ret, 'SKU-A');
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }] });
    await core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'restock', quantity: 1, warehouseId }] });
    await core.returns.refund({ id: ret.id, amountMinor: 2500 });
    expect(await core.returns.close(ret.id)).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() });
    await refusedUnchanged(() => core.returns.refund({ id: ret.id, amountMinor: 1 }), 'conflict', { reason: 'return-state', status: 'closed' });
    expect((await core.orders.get(SHIPPED)).returns).toEqual([{ id: ret.id, rmaNumber: ret.rmaNumber, status: 'closed', refundMinor: 2500, currency: 'USD' }]);

    // The buyer keeps the item: refunded, nothing ever received, closed.
    const keep = await core.returns.create({ orderId: SHIPPED, reasonCode: 'not-as-described', lines: [{ orderItemId: '11', quantity: 1 }] });
    await core.returns.refund({ id: keep.id, amountMinor: 500 });
    expect((await core.returns.close(keep.id)).status).toBe('closed');
  });

  it('records every step in the audit log, without buyer data', async () => {
    const ret = await fullReturn();
    const a = lineOf(ret, 'SKU-A');
    await core.returns.receive({ id: ret.id, lines: [{ lineId: a, quantity: 1 }] });
    await core.returns.inspect({ id: ret.id, entries: [{ lineId: a, disposition: 'restock', quantity: 1, warehouseId }] });
    await core.returns.refund({ id: ret.id, amountMinor: 1000 });
    await core.returns.close(ret.id);
    const rows = await core.db('audit_log').where({ entity: 'return' }).orderBy('id').select<{ action: string; entity_id: string; actor: string }[]>('action', 'entity_id', 'actor');
    expect(rows).toEqual(['return.create', 'return.receive', 'return.inspect', 'return.refund', 'return.close'].map((action) => ({ action, entity_id: String(ret.id), actor: 'tester' })));
  });
});

describe('over the contract', () => {
  it('lists returns by status and RMA/order search, and refuses a negative refund with a typed reason', async () => {
    const ret = await fullReturn();
    await core.returns.create({ reasonCode: 'other', lines: [{ productId: productB, quantity: 1 }] });
    const list = async (input: unknown) => {
      const r = await dispatch(core, 'returns:list', input);
      if (!r.ok) throw new Error(r.error.code);
      return r.value as ChannelOutput<'returns:list'>;
    };
    expect((await list({})).total).toBe(2);
    expect((await list({ search: SHIPPED.slice(0, 8) })).rows.map((r) => [r.rmaNumber, r.units, r.receivedUnits])).toEqual([[ret.rmaNumber, 3, 0]]);
    expect((await list({ status: 'received' })).rows).toEqual([]);

    const before = await snapshotDb(core);
    const refused = await dispatch(core, 'returns:refund', { id: ret.id, amountMinor: -5 });
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', params: { field: 'amountMinor', reason: 'refund-not-positive' } } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});
