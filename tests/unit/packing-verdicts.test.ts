import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { dispatch } from '../../main/ipc/dispatch';
import type { PackingOrder } from '../../shared/ipc/channels/packing';
import type { ScanEntry } from '../../renderer/db/scan-journal';
import { countsFrom, DOUBLE_SCAN_MS, isComplete, isDoubleScan, judge } from '../../renderer/screens/packing/station-rules';
import { allocateByHand, insertFbmOrder, level, stockedProduct } from '../support/packing-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const ORDER = '114-3941689-8772232';
const US = 'ATVPDKIKX0DER';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A Shenzhen warehouse selling a mug (EAN-13, and a case of 6), a lamp, and a gift set (bundle: 2 mugs + 1 lamp) on
 * amazon.com; one FBM order for 2 mugs and 1 gift set, allocated to Shenzhen with UPS.
 */
async function station() {
  const core = await tempCore({ clock: { now: () => NOW }, sync: { autoStart: false } });
  cleanups.push(() => core.dispose());
  const store = await core.stores.create({ name: 'US FBM', region: 'na', marketplaceIds: [US] });
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const mug = await stockedProduct(core, { sku: 'MUG-WHITE-350', name: '陶瓷马克杯 白色 350ml', gtin: '6901234567892', caseCode: { code: '16901234567899', units: 6 }, storeId: store.id, warehouseId: sz.id, onHand: 40 });
  const lamp = await stockedProduct(core, { sku: 'LAMP-LED-01', name: 'LED 台灯', gtin: '0012345678905', storeId: store.id, warehouseId: sz.id, onHand: 5 });
  const cable = await stockedProduct(core, { sku: 'CABLE-USBC-1M', name: 'USB-C 数据线 1m', gtin: '4006381333931', storeId: store.id, warehouseId: sz.id, onHand: 9 });
  const gift = await core.catalog.create({ sku: 'GIFT-SET-A', name: '礼盒套装', kind: 'bundle', codes: [{ kind: 'gtin', code: '9780201379624' }], components: [{ sku: 'MUG-WHITE-350', quantity: 2 }, { sku: 'LAMP-LED-01', quantity: 1 }] });
  await core.catalog.mapListing({ storeId: store.id, marketplaceId: US, sellerSku: 'GIFT-SET-A', productId: gift.id });
  await insertFbmOrder(core, { id: ORDER, storeId: store.id, lines: [{ orderItemId: '10001', sellerSku: 'MUG-WHITE-350', quantity: 2 }, { orderItemId: '10002', sellerSku: 'GIFT-SET-A', quantity: 1 }] });
  await allocateByHand(core, ORDER, sz.id, { code: 'UPS', service: 'Ground' });
  return { core, store, sz, mug, lamp, cable, gift: gift.id };
}

async function call<T>(core: Core, channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const res = await dispatch(core, channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel} refused: ${JSON.stringify(res.error)}`), { error: res.error });
  return res.value as T;
}

const refusal = async (core: Core, channel: Parameters<typeof dispatch>[1], input: unknown) => {
  const res = await dispatch(core, channel, input);
  expect(res.ok).toBe(false);
  return res.ok ? null : res.error;
};

describe('packing: opening an order at the station', () => {
  it('lists what goes in the box, bundles as their components, with every scannable code and the carrier chosen', async () => {
    const { core, mug, lamp, sz } = await station();
    const order = await call<PackingOrder>(core, 'packing:open', { code: ` ${ORDER}\r\n` });
    expect(order).toMatchObject({ orderId: ORDER, marketplaceId: US, amazonStatus: 'UNSHIPPED', state: 'allocated', version: 1, warehouseId: sz.id, warehouseCode: 'CN-SZ', carrier: { code: 'UPS', name: null, service: 'Ground' } });
    expect(order.lines.map((l) => [l.orderItemId, l.sku, l.quantity])).toEqual([
      ['10001', 'MUG-WHITE-350', 2],
      ['10002', 'LAMP-LED-01', 1],
      ['10002', 'MUG-WHITE-350', 2],
    ]);
    const mugLine = order.lines.find((l) => l.productId === mug)!;
    expect(mugLine.codes).toEqual([
      { code: '6901234567892', kind: 'gtin', units: 1 },
      { code: '16901234567899', kind: 'case', units: 6 },
      { code: 'MUG-WHITE-350', kind: 'sku', units: 1 },
    ]);
    expect(order.lines.find((l) => l.productId === lamp)?.name).toBe('LED 台灯');
  });

  it('opens from the tote or the wave the order was picked into', async () => {
    const { core, sz } = await station();
    const [wave] = await core.db('waves').insert({ number: 'W-20261120-01', warehouse_id: sz.id, status: 'picked', created_by: 'tester', created_at: NOW.toISOString() }, ['id']);
    await core.db('order_workflow').where({ order_id: ORDER }).update({ state: 'picking', wave_id: (wave as { id: number }).id, tote: 'TOTE-017' });
    expect((await call<PackingOrder>(core, 'packing:open', { code: 'TOTE-017' })).orderId).toBe(ORDER);
    expect((await call<PackingOrder>(core, 'packing:open', { code: 'W-20261120-01' })).state).toBe('picking');
  });

  it('refuses, with the reason and changing nothing, an unknown code, an FBA order, a cancelled, shipped or unallocated order', async () => {
    const { core, store } = await station();
    await insertFbmOrder(core, { id: '114-0000001-0000001', storeId: store.id, fulfilledBy: 'AMAZON', lines: [{ orderItemId: '1', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    await insertFbmOrder(core, { id: '114-0000002-0000002', storeId: store.id, status: 'CANCELLED', lines: [{ orderItemId: '2', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    await insertFbmOrder(core, { id: '114-0000003-0000003', storeId: store.id, status: 'SHIPPED', lines: [{ orderItemId: '3', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    await insertFbmOrder(core, { id: '114-0000004-0000004', storeId: store.id, lines: [{ orderItemId: '4', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    const before = await snapshotDb(core);
    expect(await refusal(core, 'packing:open', { code: 'TOTE-NOBODY' })).toEqual({ code: 'not-found', params: { entity: 'order', reason: 'unknown-packing-code', code: 'TOTE-NOBODY' } });
    expect(await refusal(core, 'packing:open', { code: '114-0000001-0000001' })).toMatchObject({ code: 'invalid-input', params: { reason: 'fulfilled-by-amazon' } });
    expect(await refusal(core, 'packing:open', { code: '114-0000002-0000002' })).toMatchObject({ code: 'conflict', params: { reason: 'order-cancelled' } });
    expect(await refusal(core, 'packing:open', { code: '114-0000003-0000003' })).toMatchObject({ code: 'conflict', params: { reason: 'order-shipped' } });
    expect(await refusal(core, 'packing:open', { code: '114-0000004-0000004' })).toMatchObject({ code: 'conflict', params: { reason: 'order-not-allocated', state: 'new' } });
    expect(await refusal(core, 'packing:open', { code: 'x'.repeat(101) })).toMatchObject({ code: 'invalid-input' });
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('packing: the verdict at the scan', () => {
  it('accepts any code of an item in the order and says how many units one scan is', async () => {
    const { core, mug, lamp } = await station();
    const scan = (code: string) => call(core, 'packing:scan', { orderId: ORDER, version: 1, code });
    expect(await scan('6901234567892')).toEqual({ verdict: 'ok', productId: mug, sku: 'MUG-WHITE-350', units: 1 });
    // The same EAN as a GTIN-14 with a leading zero, as some scanners send it.
    expect(await scan('06901234567892')).toEqual({ verdict: 'ok', productId: mug, sku: 'MUG-WHITE-350', units: 1 });
    expect(await scan('16901234567899')).toEqual({ verdict: 'ok', productId: mug, sku: 'MUG-WHITE-350', units: 6 });
    expect(await scan('012345678905')).toEqual({ verdict: 'ok', productId: lamp, sku: 'LAMP-LED-01', units: 1 });
    expect(await scan('LAMP-LED-01')).toEqual({ verdict: 'ok', productId: lamp, sku: 'LAMP-LED-01', units: 1 });
  });

  it('refuses a wrong item, an unknown code and a bundle label, naming what was scanned', async () => {
    const { core } = await station();
    const scan = (code: string) => call(core, 'packing:scan', { orderId: ORDER, version: 1, code });
    expect(await scan('4006381333931')).toEqual({ verdict: 'error', reason: 'wrong-item', sku: 'CABLE-USBC-1M' });
    expect(await scan('9999999999994')).toEqual({ verdict: 'error', reason: 'unknown-code' });
    expect(await scan('9780201379624')).toEqual({ verdict: 'error', reason: 'bundle-code', sku: 'GIFT-SET-A' });
  });

  it('refuses the next scan once Amazon cancelled the order, or once the order moved under the station', async () => {
    const { core } = await station();
    const scan = (version: number) => call(core, 'packing:scan', { orderId: ORDER, version, code: '6901234567892' });
    expect(await scan(0)).toEqual({ verdict: 'error', reason: 'state-changed', state: 'allocated' });
    await core.db('orders').where({ id: ORDER }).update({ status: 'CANCELLED' });
    expect(await scan(1)).toEqual({ verdict: 'error', reason: 'cancelled' });
  });
});

describe('packing: shipping the box', () => {
  const shipInput = (packed: { productId: number; quantity: number }[], extra: Record<string, unknown> = {}) => ({
    orderId: ORDER,
    version: 1,
    weightG: 1850,
    carrierCode: 'UPS',
    shippingService: 'Ground',
    trackingNumber: '1Z999AA10123456784',
    packed,
    ...extra,
  });

  it('moves the workflow to shipped, ships the reserved stock, and queues one confirmation with the order items', async () => {
    const { core, mug, lamp, sz } = await station();
    expect(await level(core, mug, sz.id)).toEqual({ onHand: 40, reserved: 4 });
    const done = await call<{ state: string; version: number; packageReferenceId: string }>(core, 'packing:ship', shipInput([{ productId: mug, quantity: 4 }, { productId: lamp, quantity: 1 }]));
    expect(done).toMatchObject({ state: 'shipped', packageReferenceId: '1' });

    expect(await core.db('order_workflow').where({ order_id: ORDER }).first('state', 'weight_g', 'version')).toEqual({ state: 'shipped', weight_g: 1850, version: done.version });
    expect(await level(core, mug, sz.id)).toEqual({ onHand: 36, reserved: 0 });
    expect(await level(core, lamp, sz.id)).toEqual({ onHand: 4, reserved: 0 });
    const moves = await core.db('stock_movements').where({ ref_type: 'order', ref_id: ORDER, kind: 'ship' }).orderBy('product_id').select('product_id', 'on_hand_delta', 'reserved_delta');
    expect(moves).toEqual([
      { product_id: mug, on_hand_delta: -4, reserved_delta: -4 },
      { product_id: lamp, on_hand_delta: -1, reserved_delta: -1 },
    ].sort((a, b) => a.product_id - b.product_id));

    const outbox = await core.db('outbox').where({ kind: 'confirm-shipment' }).select('payload_json');
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload_json as string)).toMatchObject({
      orderId: ORDER,
      marketplaceId: US,
      packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', shippingMethod: 'Ground', trackingNumber: '1Z999AA10123456784', orderItems: [{ orderItemId: '10001', quantity: 2 }, { orderItemId: '10002', quantity: 1 }] },
    });
    expect(await core.db('local_shipments').where({ order_id: ORDER }).first('weight_g', 'warehouse_id', 'tracking_number')).toEqual({ weight_g: 1850, warehouse_id: sz.id, tracking_number: '1Z999AA10123456784' });
    const actions = (await core.audit.list(20)).map((a) => a.action);
    expect(actions).toContain('order.pack');
    expect(actions).toContain('order.confirm-shipment');
  });

  it('refuses a box that does not match, a bad tracking number, "Other" without a name, a stale station and a cancelled order, changing nothing', async () => {
    const { core, mug, lamp } = await station();
    const full = [{ productId: mug, quantity: 4 }, { productId: lamp, quantity: 1 }];
    const before = await snapshotDb(core);
    expect(await refusal(core, 'packing:ship', shipInput([{ productId: mug, quantity: 4 }]))).toMatchObject({ code: 'invalid-input', params: { reason: 'packed-mismatch', sku: 'LAMP-LED-01', expected: 1, packed: 0 } });
    expect(await refusal(core, 'packing:ship', shipInput([...full, { productId: mug, quantity: 1 }]))).toMatchObject({ params: { reason: 'packed-mismatch', sku: 'MUG-WHITE-350', expected: 4, packed: 5 } });
    expect(await refusal(core, 'packing:ship', shipInput(full, { trackingNumber: '123456' }))).toMatchObject({ code: 'invalid-input', params: { field: 'trackingNumber', reason: 'tracking-format', carrier: 'UPS' } });
    expect(await refusal(core, 'packing:ship', shipInput(full, { carrierCode: 'Other', trackingNumber: 'ZX1234567' }))).toMatchObject({ params: { reason: 'carrier-name-required' } });
    expect(await refusal(core, 'packing:ship', shipInput(full, { carrierCode: 'Speedy Llama' }))).toMatchObject({ params: { reason: 'carrier-not-amazon' } });
    expect(await refusal(core, 'packing:ship', shipInput(full, { version: 7 }))).toMatchObject({ code: 'conflict', params: { reason: 'order-changed', version: 1 } });
    expect(await snapshotDb(core)).toEqual(before);

    await core.db('orders').where({ id: ORDER }).update({ status: 'CANCELLED' });
    const cancelled = await snapshotDb(core);
    expect(await refusal(core, 'packing:ship', shipInput(full))).toMatchObject({ code: 'conflict', params: { reason: 'order-cancelled' } });
    expect(await snapshotDb(core)).toEqual(cancelled);
  });

  it('ships a carrier outside the list as "Other" with its name', async () => {
    const { core, mug, lamp } = await station();
    await call(core, 'packing:ship', shipInput([{ productId: mug, quantity: 4 }, { productId: lamp, quantity: 1 }], { carrierCode: 'Other', carrierName: '云途物流 YunTu', shippingService: undefined, trackingNumber: 'YT2411200000123' }));
    const row = await core.db('outbox').where({ kind: 'confirm-shipment' }).first('payload_json');
    expect(JSON.parse(row.payload_json as string).packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: '云途物流 YunTu', trackingNumber: 'YT2411200000123' });
  });
});

describe('packing: the station counts from its journal', () => {
  const order: PackingOrder = {
    orderId: ORDER,
    storeId: 1,
    marketplaceId: US,
    amazonStatus: 'UNSHIPPED',
    state: 'allocated',
    version: 1,
    shipByLatest: null,
    warehouseId: 1,
    warehouseCode: 'CN-SZ',
    carrier: null,
    lines: [
      { orderItemId: '1', productId: 11, sku: 'MUG', name: 'mug', quantity: 2, codes: [] },
      { orderItemId: '2', productId: 12, sku: 'LAMP', name: 'lamp', quantity: 1, codes: [] },
      { orderItemId: '3', productId: 11, sku: 'MUG', name: 'mug', quantity: 6, codes: [] },
    ],
  };
  const ok = (code: string, productId: number, at: number, units = 1): ScanEntry => ({ sessionId: 1, at, kind: 'item', code, verdict: 'ok', productId, units });

  it('adds up accepted item scans only, a case code counting its units', () => {
    const scans: ScanEntry[] = [ok('690', 11, 0), { sessionId: 1, at: 5, kind: 'item', code: '690', verdict: 'error', reason: 'double-scan' }, ok('1690', 11, 3000, 6), { sessionId: 1, at: 4000, kind: 'tracking', code: '1Z', verdict: 'ok' }];
    expect([...countsFrom(scans)]).toEqual([[11, 7]]);
    expect(isComplete(order, countsFrom(scans))).toBe(false);
    expect(isComplete(order, countsFrom([...scans, ok('LAMP', 12, 5000), ok('690', 11, 9000)]))).toBe(true);
  });

  it('refuses a unit beyond what the order needs, counting a product over all its lines', () => {
    const counts = new Map([[11, 7], [12, 1]]);
    expect(judge(order, counts, { verdict: 'ok', productId: 11, sku: 'MUG', units: 1 })).toEqual({ verdict: 'ok', productId: 11, sku: 'MUG', units: 1 });
    expect(judge(order, counts, { verdict: 'ok', productId: 12, sku: 'LAMP', units: 1 })).toEqual({ verdict: 'error', reason: 'over-quantity', sku: 'LAMP' });
    // A case of 6 when 1 is missing: refused whole, never split.
    expect(judge(order, counts, { verdict: 'ok', productId: 11, sku: 'MUG', units: 6 })).toEqual({ verdict: 'error', reason: 'over-quantity', sku: 'MUG' });
    expect(judge(order, counts, { verdict: 'error', reason: 'wrong-item', sku: 'CABLE' })).toEqual({ verdict: 'error', reason: 'wrong-item', sku: 'CABLE' });
  });

  it('calls the same code accepted within the window a double scan, and the next unit after it a new unit', () => {
    const scans = [ok('6901234567892', 11, 10_000)];
    expect(isDoubleScan(scans, '6901234567892', 10_000 + 200)).toBe(true);
    expect(isDoubleScan(scans, '0012345678905', 10_000 + 200)).toBe(false);
    expect(isDoubleScan(scans, '6901234567892', 10_000 + DOUBLE_SCAN_MS)).toBe(false);
    // A refused scan of the code does not start a window of its own.
    expect(isDoubleScan([{ ...scans[0]!, verdict: 'error' }], '6901234567892', 10_000 + 200)).toBe(false);
  });
});
