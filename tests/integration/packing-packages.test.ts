import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { allocateByHand, insertFbmOrder, level, onlyBlockingAuditRules, stockedProduct, syncFbmOrder } from '../support/packing-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const US = 'ATVPDKIKX0DER';
const SPLIT = '113-5550001-0000001';
const SINGLE = '113-5550002-0000002';
const UPS_1 = '1Z999AA10123456784';
const UPS_2 = '1Z999AA10123456791';
const ADDRESS = { name: 'Emily Johnson', addressLine1: '4242 Maple Ave', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A seller shipping from Shenzhen (5 mugs, no lamps) and a Los Angeles 3PL (1 mug, 3 lamps), split shipments allowed.
 * Order SPLIT wants 2 mugs (item A) and 1 lamp (item B): no warehouse has it all, so it ships as package 1 = 2 mugs from
 * Shenzhen and package 2 = 1 lamp from Los Angeles.
 */
async function bench() {
  const core = await tempCore({ clock: { now: () => NOW }, sync: { autoStart: false } });
  cleanups.push(() => core.dispose());
  const store = await core.stores.create({ name: 'US FBM', region: 'na', marketplaceIds: [US] });
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const la = await core.warehouses.create({ code: 'US-LA', name: 'LA 3PL', kind: 'overseas' });
  const mug = await stockedProduct(core, { sku: 'MUG-WHITE-350', name: 'Mug', gtin: '6901234567892', storeId: store.id, warehouseId: sz.id, onHand: 5 });
  const lamp = await stockedProduct(core, { sku: 'LAMP-LED-01', name: 'Lamp', gtin: '0012345678905', storeId: store.id, warehouseId: la.id, onHand: 3 });
  await core.inventory.adjust({ productId: mug, warehouseId: la.id, delta: 1, reason: 'found' });
  await onlyBlockingAuditRules(core);
  await core.fulfillment.rules.allowSplit.set(true);
  await syncFbmOrder(core, {
    id: SPLIT,
    storeId: store.id,
    address: ADDRESS,
    lines: [
      { orderItemId: 'A', sellerSku: 'MUG-WHITE-350', quantity: 2 },
      { orderItemId: 'B', sellerSku: 'LAMP-LED-01', quantity: 1 },
    ],
  });
  return { core, store, sz: sz.id, la: la.id, mug, lamp };
}

const workflow = (core: Core, orderId: string) => core.db('order_workflow').where({ order_id: orderId }).first<{ state: string; version: number; warehouse_id: number | null; weight_g: number | null }>('state', 'version', 'warehouse_id', 'weight_g');
const confirmations = async (core: Core, orderId: string) =>
  (await core.db('outbox').where({ kind: 'confirm-shipment' }).orderBy('seq').pluck<string[]>('payload_json')).map((p) => JSON.parse(p) as { orderId: string; packageDetail: { packageReferenceId: string; trackingNumber: string; orderItems: unknown } }).filter((p) => p.orderId === orderId);

const shipInput = (orderId: string, version: number, packed: { productId: number; quantity: number }[], trackingNumber: string, packageNo?: number) => ({
  orderId,
  version,
  weightG: 640,
  carrierCode: 'UPS',
  trackingNumber,
  packed,
  ...(packageNo !== undefined ? { packageNo } : {}),
});

describe('packing a split order one package at a time', () => {
  it('ships each package from its own warehouse as its own Amazon package, and the order is shipped with the last', async () => {
    const { core, sz, la, mug, lamp } = await bench();
    expect(await workflow(core, SPLIT)).toMatchObject({ state: 'allocated', warehouse_id: sz });

    const first = await core.packing.open(SPLIT);
    expect(first).toMatchObject({ packageNo: 1, packageCount: 2, packagesLeft: 2, warehouseId: sz, warehouseCode: 'CN-SZ' });
    expect(first.lines.map((l) => [l.orderItemId, l.sku, l.quantity])).toEqual([['A', 'MUG-WHITE-350', 2]]);
    // The lamp is in the order, but in Los Angeles's box: refused at the Shenzhen bench, naming it.
    expect(await core.packing.scan({ orderId: SPLIT, version: first.version, code: '0012345678905', packageNo: 1 })).toEqual({ verdict: 'error', reason: 'other-package', sku: 'LAMP-LED-01' });
    expect(await core.packing.scan({ orderId: SPLIT, version: first.version, code: '6901234567892', packageNo: 1 })).toMatchObject({ verdict: 'ok', productId: mug });

    const one = await core.packing.ship(shipInput(SPLIT, first.version, [{ productId: mug, quantity: 2 }], UPS_1));
    expect(one).toMatchObject({ state: 'allocated', version: first.version + 1, packageReferenceId: '1', packageNo: 1, packageCount: 2, packagesLeft: 1 });
    // Still packable, now waiting at the 3PL; Shenzhen's 2 mugs left, Los Angeles untouched.
    expect(await workflow(core, SPLIT)).toMatchObject({ state: 'allocated', version: first.version + 1, warehouse_id: la });
    expect(await level(core, mug, sz)).toEqual({ onHand: 3, reserved: 0 });
    expect(await level(core, mug, la)).toEqual({ onHand: 1, reserved: 0 });
    expect(await level(core, lamp, la)).toEqual({ onHand: 3, reserved: 1 });
    expect((await confirmations(core, SPLIT)).map((c) => c.packageDetail)).toEqual([expect.objectContaining({ packageReferenceId: '1', trackingNumber: UPS_1, orderItems: [{ orderItemId: 'A', quantity: 2 }] })]);
    expect(await core.db('local_shipments').where({ order_id: SPLIT }).select('package_no', 'warehouse_id', 'weight_g')).toEqual([{ package_no: 1, warehouse_id: sz, weight_g: 640 }]);
    const trail = await core.db('audit_log').where({ entity_id: SPLIT }).whereIn('action', ['order.pack', 'order.workflow']).orderBy('id').pluck<string[]>('detail_json');
    expect(JSON.parse(trail.at(-1)!)).toMatchObject({ packageNo: 1, packages: 2, packagesLeft: 1 });
    expect(JSON.parse(trail.at(-2)!)).toMatchObject({ from: 'allocated', to: 'allocated', note: 'package-shipped:1/2' });

    // A station still holding the old version is refused and changes nothing.
    const before = await snapshotDb(core);
    await expect(core.packing.ship(shipInput(SPLIT, first.version, [{ productId: lamp, quantity: 1 }], UPS_2))).rejects.toMatchObject({ code: 'conflict', params: { reason: 'order-changed' } });
    await expect(core.packing.ship(shipInput(SPLIT, one.version, [{ productId: mug, quantity: 2 }], UPS_2, 1))).rejects.toMatchObject({ code: 'conflict', params: { reason: 'package-shipped', packageNo: 1 } });
    await expect(core.packing.open(SPLIT, { packageNo: 3 })).rejects.toMatchObject({ code: 'not-found', params: { reason: 'unknown-package' } });
    expect(await snapshotDb(core)).toEqual(before);

    // The 3PL picks it in its own wave, and its tote opens its package at the bench.
    const wave = await core.picking.createWave({ warehouseId: la });
    expect(wave.orders).toBe(1);
    const { tote } = await core.db('order_workflow').where({ order_id: SPLIT }).first<{ tote: string }>('tote');
    const second = await core.packing.open(tote);
    expect(second).toMatchObject({ orderId: SPLIT, state: 'picking', packageNo: 2, packageCount: 2, packagesLeft: 1, warehouseCode: 'US-LA' });
    expect(second.lines.map((l) => [l.orderItemId, l.sku, l.quantity])).toEqual([['B', 'LAMP-LED-01', 1]]);
    const two = await core.packing.ship(shipInput(SPLIT, second.version, [{ productId: lamp, quantity: 1 }], UPS_2));
    expect(two).toMatchObject({ state: 'shipped', packageReferenceId: '2', packageNo: 2, packagesLeft: 0 });

    expect((await confirmations(core, SPLIT)).map((c) => [c.packageDetail.packageReferenceId, c.packageDetail.trackingNumber, c.packageDetail.orderItems])).toEqual([
      ['1', UPS_1, [{ orderItemId: 'A', quantity: 2 }]],
      ['2', UPS_2, [{ orderItemId: 'B', quantity: 1 }]],
    ]);
    expect(await level(core, lamp, la)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(core, mug, la)).toEqual({ onHand: 1, reserved: 0 });
    expect(await level(core, mug, sz)).toEqual({ onHand: 3, reserved: 0 });
    const shipped = await core.db('stock_movements').where({ ref_type: 'order', ref_id: SPLIT, kind: 'ship' }).orderBy('id').select('warehouse_id', 'product_id', 'on_hand_delta');
    expect(shipped).toEqual([
      { warehouse_id: sz, product_id: mug, on_hand_delta: -2 },
      { warehouse_id: la, product_id: lamp, on_hand_delta: -1 },
    ]);
    expect(await workflow(core, SPLIT)).toMatchObject({ state: 'shipped' });
    await expect(core.packing.open(SPLIT)).rejects.toMatchObject({ params: { reason: 'order-shipped' } });
  });

  it('packs only the last package to ship later; an earlier one needs its tracking number at the bench', async () => {
    const { core, la, mug, lamp } = await bench();
    const first = await core.packing.open(SPLIT);
    const before = await snapshotDb(core);
    await expect(core.packing.pack({ orderId: SPLIT, version: first.version, weightG: 500, packed: [{ productId: mug, quantity: 2 }] })).rejects.toMatchObject({
      code: 'conflict',
      params: { reason: 'package-needs-tracking', packageNo: 1, packagesLeft: 2 },
    });
    expect(await snapshotDb(core)).toEqual(before);

    const one = await core.packing.ship(shipInput(SPLIT, first.version, [{ productId: mug, quantity: 2 }], UPS_1));
    const packed = await core.packing.pack({ orderId: SPLIT, version: one.version, weightG: 410, packed: [{ productId: lamp, quantity: 1 }] });
    expect(packed).toMatchObject({ state: 'packed', packageNo: 2, packageCount: 2 });
    expect(await workflow(core, SPLIT)).toMatchObject({ state: 'packed', weight_g: 410 });
    expect(await level(core, lamp, la)).toEqual({ onHand: 3, reserved: 1 });
    expect(await confirmations(core, SPLIT)).toHaveLength(1);
  });
});

describe('pack now, ship later', () => {
  async function single() {
    const ctx = await bench();
    await insertFbmOrder(ctx.core, { id: SINGLE, storeId: ctx.store.id, lines: [{ orderItemId: 'S1', sellerSku: 'MUG-WHITE-350', quantity: 3 }] });
    await allocateByHand(ctx.core, SINGLE, ctx.sz, { code: 'UPS', service: 'Ground' });
    return ctx;
  }

  it('closes the box with its weight only: packed, reservation held, nothing in the ledger or the outbox', async () => {
    const { core, sz, mug } = await single();
    const opened = await core.packing.open(SINGLE);
    expect(opened).toMatchObject({ packageNo: 1, packageCount: 1, packagesLeft: 1, weightG: null });
    const movesBefore = await core.db('stock_movements').count<{ n: number }[]>({ n: '*' });

    const before = await snapshotDb(core);
    await expect(core.packing.pack({ orderId: SINGLE, version: opened.version, weightG: 900, packed: [{ productId: mug, quantity: 2 }] })).rejects.toMatchObject({ params: { reason: 'packed-mismatch', expected: 3, packed: 2 } });
    expect(await snapshotDb(core)).toEqual(before);

    const packed = await core.packing.pack({ orderId: SINGLE, version: opened.version, weightG: 900, packed: [{ productId: mug, quantity: 3 }] });
    expect(packed).toMatchObject({ state: 'packed', version: opened.version + 1 });
    expect(await workflow(core, SINGLE)).toMatchObject({ state: 'packed', weight_g: 900 });
    expect(await level(core, mug, sz)).toEqual({ onHand: 5, reserved: 5 });
    expect(await core.db('stock_movements').count<{ n: number }[]>({ n: '*' })).toEqual(movesBefore);
    expect(await confirmations(core, SINGLE)).toEqual([]);
    expect(await core.db('local_shipments').where({ order_id: SINGLE })).toEqual([]);
    const audit = await core.db('audit_log').where({ entity_id: SINGLE, action: 'order.pack' }).pluck<string[]>('detail_json');
    expect(audit.map((d) => JSON.parse(d))).toEqual([expect.objectContaining({ units: 3, weightG: 900, shipLater: true })]);

    const again = await snapshotDb(core);
    await expect(core.packing.pack({ orderId: SINGLE, version: packed.version, weightG: 950, packed: [{ productId: mug, quantity: 3 }] })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'already-packed' } });
    expect(await snapshotDb(core)).toEqual(again);
  });

  it('opens a packed order again with its weight and ships it there once the tracking number is known', async () => {
    const { core, sz, mug } = await single();
    const opened = await core.packing.open(SINGLE);
    const packed = await core.packing.pack({ orderId: SINGLE, version: opened.version, weightG: 900, packed: [{ productId: mug, quantity: 3 }] });
    const reopened = await core.packing.open(SINGLE);
    expect(reopened).toMatchObject({ state: 'packed', version: packed.version, weightG: 900, packageNo: 1 });

    const done = await core.packing.ship(shipInput(SINGLE, reopened.version, [{ productId: mug, quantity: 3 }], UPS_1));
    expect(done).toMatchObject({ state: 'shipped', packagesLeft: 0 });
    expect(await level(core, mug, sz)).toEqual({ onHand: 2, reserved: 2 });
    expect((await confirmations(core, SINGLE)).map((c) => c.packageDetail.orderItems)).toEqual([[{ orderItemId: 'S1', quantity: 3 }]]);
  });
});
