import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';
import { snapshotDb, tempCore, tempDir } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

const NOW = new Date('2026-11-23T08:00:00.000Z');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();
const O1 = '111-0000001-0000001';
const O2 = '111-0000002-0000002';
const O3 = '111-0000003-0000003';

let core: TestCore;
let warehouseId: number;
let storeId: number;

/**
 * Three allocated orders in one warehouse: O2 ships first and holds a kit (2×A + 1×C), O1 one A, O3 three B.
 * Bin B-05 (pick order 5) comes before A-01 (pick order 10); C has no bin.
 */
beforeEach(async () => {
  core = await tempCore({ clock: { now: () => NOW } });
  const store = await core.stores.create({ name: 'US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  storeId = store.id;
  const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  warehouseId = wh.id;
  const a = await stockedProduct(core, { sku: 'SKU-A', name: 'Item A', storeId, warehouseId, onHand: 50 });
  const b = await stockedProduct(core, { sku: 'SKU-B', name: 'Item B', storeId, warehouseId, onHand: 50 });
  await stockedProduct(core, { sku: 'SKU-C', name: 'Item C', storeId, warehouseId, onHand: 50 });
  const kit = await core.catalog.create({ sku: 'KIT-AC', name: 'Kit', kind: 'bundle', components: [{ sku: 'SKU-A', quantity: 2 }, { sku: 'SKU-C', quantity: 1 }] });
  await core.catalog.mapListing({ storeId, marketplaceId: 'ATVPDKIKX0DER', sellerSku: 'KIT-AC', productId: kit.id });
  const binA = await core.warehouses.createBin({ warehouseId, code: 'A-01', pickOrder: 10 });
  const binB = await core.warehouses.createBin({ warehouseId, code: 'B-05', pickOrder: 5 });
  await core.warehouses.assignBin({ productId: a, binId: binA.id });
  await core.warehouses.assignBin({ productId: b, binId: binB.id });

  await insertFbmOrder(core, { id: O1, storeId, shipBy: inHours(10), lines: [{ orderItemId: '11', sellerSku: 'SKU-A', quantity: 1 }] });
  await insertFbmOrder(core, { id: O2, storeId, shipBy: inHours(5), lines: [{ orderItemId: '21', sellerSku: 'KIT-AC', quantity: 1 }] });
  await insertFbmOrder(core, { id: O3, storeId, shipBy: inHours(20), lines: [{ orderItemId: '31', sellerSku: 'SKU-B', quantity: 3 }] });
  for (const id of [O1, O2, O3]) await allocateByHand(core, id, warehouseId);
});

afterEach(async () => {
  await core.dispose();
});

const workflow = (orderId: string) => core.db('order_workflow').where({ order_id: orderId }).first<{ state: string; wave_id: number | null; tote: string | null }>('state', 'wave_id', 'tote');

describe('creating a wave', () => {
  it('takes the allocated orders earliest ship-by first, numbers the wave by day and gives each order a tote', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    expect(wave).toMatchObject({ number: 'W-20261123-001', status: 'open', orders: 3, warehouseCode: 'CN-SZ', createdBy: 'tester' });
    expect(await workflow(O2)).toEqual({ state: 'picking', wave_id: wave.id, tote: 'T01' });
    expect(await workflow(O1)).toEqual({ state: 'picking', wave_id: wave.id, tote: 'T02' });
    expect(await workflow(O3)).toEqual({ state: 'picking', wave_id: wave.id, tote: 'T03' });
    const audit = await core.db('audit_log').where({ action: 'wave.create' }).select('entity_id');
    expect(audit).toEqual([{ entity_id: 'W-20261123-001' }]);
  });

  it('honours maxOrders, and the next wave of the day gets the next number and totes not in use', async () => {
    const first = await core.picking.createWave({ warehouseId, maxOrders: 1 });
    expect(first.orders).toBe(1);
    expect(await workflow(O2)).toMatchObject({ tote: 'T01' });
    const second = await core.picking.createWave({ warehouseId });
    expect(second.number).toBe('W-20261123-002');
    expect(await workflow(O1)).toMatchObject({ wave_id: second.id, tote: 'T02' });
    expect(await workflow(O3)).toMatchObject({ wave_id: second.id, tote: 'T03' });
  });

  it('takes exactly the selected orders', async () => {
    const wave = await core.picking.createWave({ warehouseId, orderIds: [O3] });
    expect(wave.orders).toBe(1);
    expect(await workflow(O3)).toMatchObject({ state: 'picking', tote: 'T01' });
    expect(await workflow(O1)).toMatchObject({ state: 'allocated', wave_id: null });
  });

  it('refuses a selection holding an order that is not allocated here, and changes nothing', async () => {
    await core.picking.createWave({ warehouseId, orderIds: [O3] });
    const other = await core.warehouses.create({ code: 'US-LA', name: 'LA', kind: 'overseas' });
    const before = await snapshotDb(core);
    await expect(core.picking.createWave({ warehouseId, orderIds: [O1, O3] })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'not-allocated', orderId: O3, state: 'picking' } });
    await expect(core.picking.createWave({ warehouseId: other.id, orderIds: [O1] })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'other-warehouse', orderId: O1 } });
    await expect(core.picking.createWave({ warehouseId: other.id })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'no-allocated-orders' } });
    await expect(core.picking.createWave({ warehouseId, orderIds: ['not-an-order'] })).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'orderIds' } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('the pick list', () => {
  it('groups by product in bin pick order, kits as their components, with each order and tote share', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const list = await core.picking.pickList(wave.id);
    expect(list.totals).toEqual({ orders: 3, skus: 3, units: 7 });
    expect(list.lines.map((l) => ({ sku: l.sku, bin: l.binCode, total: l.total, to: l.orders.map((o) => `${o.tote}:${o.quantity}`) }))).toEqual([
      { sku: 'SKU-B', bin: 'B-05', total: 3, to: ['T03:3'] },
      { sku: 'SKU-A', bin: 'A-01', total: 3, to: ['T01:2', 'T02:1'] },
      { sku: 'SKU-C', bin: null, total: 1, to: ['T01:1'] },
    ]);
    expect(list.orders.map((o) => [o.tote, o.orderId])).toEqual([['T01', O2], ['T02', O1], ['T03', O3]]);
  });

  it('leads the packing station from the wave number and the totes to the wave orders', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    expect((await core.packing.open('T01')).orderId).toBe(O2);
    expect((await core.packing.open('T03')).orderId).toBe(O3);
    expect([O1, O2, O3]).toContain((await core.packing.open(wave.number)).orderId);
  });

  it('closing a wave sends its unpicked orders back to allocated and frees their totes', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const closed = await core.picking.closeWave(wave.id);
    expect(closed.status).toBe('closed');
    expect(await workflow(O1)).toEqual({ state: 'allocated', wave_id: null, tote: null });
    await expect(core.picking.closeWave(wave.id)).rejects.toMatchObject({ code: 'conflict', params: { reason: 'wave-closed' } });
    const next = await core.picking.createWave({ warehouseId });
    expect(next.number).toBe('W-20261123-002');
    expect(await workflow(O2)).toMatchObject({ tote: 'T01' });
  });
});

describe('the pick list PDF', () => {
  it('prints the wave, order, tote and SKU barcodes as Code 128 that a scanner decodes', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const { fileName, bytes } = await core.picking.pdf(wave.id, { locale: 'en' });
    expect(fileName).toBe('W-20261123-001.pdf');
    const dir = tempDir('erp-picklist-');
    try {
      fs.writeFileSync(path.join(dir, 'list.pdf'), bytes);
      execFileSync('pdftoppm', ['-r', '300', '-png', path.join(dir, 'list.pdf'), path.join(dir, 'page')]);
      const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pages.length).toBeGreaterThan(0);
      // zbarimg exits 4 when a page holds no barcode; the pages here all do.
      const decoded = execFileSync('zbarimg', ['-q', ...pages.map((p) => path.join(dir, p))], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(decoded).toEqual(
        ['W-20261123-001', 'SKU-A', 'SKU-B', 'SKU-C', 'T01', 'T02', 'T03', O1, O2, O3].map((c) => `CODE-128:${c}`).sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders the Chinese pick list when a CJK font is installed', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const { bytes } = await core.picking.pdf(wave.id, { locale: 'zh-CN' });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});
