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
const GTIN_A = '6901234567892';
const CASE_B = '16901234567899';

let core: TestCore;
let warehouseId: number;
let storeId: number;

/**
 * Three allocated orders in one warehouse: O2 ships first and holds a kit (2×A + 1×C), O1 one A, O3 three B.
 * Bin B-05 (pick order 5) comes before A-01 (pick order 10); C has no bin. A carries an EAN, B a case code of 3.
 */
beforeEach(async () => {
  core = await tempCore({ clock: { now: () => NOW } });
  const store = await core.stores.create({ name: 'US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  storeId = store.id;
  const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  warehouseId = wh.id;
  const a = await stockedProduct(core, { sku: 'SKU-A', name: 'Item A', gtin: GTIN_A, storeId, warehouseId, onHand: 50 });
  const b = await stockedProduct(core, { sku: 'SKU-B', name: 'Item B', caseCode: { code: CASE_B, units: 3 }, storeId, warehouseId, onHand: 50 });
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
  it('prints the wave, bin, order, tote and SKU barcodes as Code 128 that a scanner decodes', async () => {
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
        ['W-20261123-001', 'B-05', 'A-01', 'SKU-A', 'SKU-B', 'SKU-C', 'T01', 'T02', 'T03', O1, O2, O3].map((c) => `CODE-128:${c}`).sort(),
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

describe('scan picking', () => {
  it('identifies bins of the wave warehouse (any letter case) and products by any code, a case with its units', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const other = await core.warehouses.create({ code: 'US-LA', name: 'LA', kind: 'overseas' });
    await core.warehouses.createBin({ warehouseId: other.id, code: 'Z-99', pickOrder: 1 });
    const identify = (code: string) => core.picking.identify({ waveId: wave.id, code });
    expect(await identify('b-05')).toEqual({ kind: 'bin', code: 'B-05' });
    expect(await identify(`${GTIN_A}\r`)).toMatchObject({ kind: 'item', sku: 'SKU-A', units: 1 });
    expect(await identify(CASE_B)).toMatchObject({ kind: 'item', sku: 'SKU-B', units: 3 });
    expect(await identify('SKU-C')).toMatchObject({ kind: 'item', sku: 'SKU-C', units: 1 });
    // Another warehouse's shelf is nothing here.
    expect(await identify('Z-99')).toEqual({ kind: 'unknown' });
    expect(await identify('NO-SUCH-CODE')).toEqual({ kind: 'unknown' });
  });

  it('finishing marks the wave picked, keeps its orders in picking for packing, and records each short unit against the last totes', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const [b, a, c] = (await core.picking.pickList(wave.id)).lines;
    // SKU-A: two of three found at A-01, so T02 (O1, after O2's T01) is the one left short.
    const picked = await core.picking.complete({
      waveId: wave.id,
      stops: [
        { productId: b!.productId, picked: 3, short: 0 },
        { productId: a!.productId, picked: 2, short: 1 },
        { productId: c!.productId, picked: 1, short: 0 },
      ],
    });
    expect(picked).toMatchObject({ status: 'picked', shortUnits: 1, orders: 3 });
    expect((await core.picking.listWaves({ warehouseId }))[0]).toMatchObject({ number: wave.number, status: 'picked', shortUnits: 1 });
    for (const id of [O1, O2, O3]) expect(await workflow(id)).toMatchObject({ state: 'picking', wave_id: wave.id });
    expect(await core.db('wave_shorts').select('order_id', 'tote', 'bin_code', 'quantity', 'reported_by')).toEqual([{ order_id: O1, tote: 'T02', bin_code: 'A-01', quantity: 1, reported_by: 'tester' }]);
    const list = await core.picking.pickList(wave.id);
    expect(list.lines.map((l) => [l.sku, l.short, l.orders.map((o) => `${o.tote}:${o.short}`)])).toEqual([
      ['SKU-B', 0, ['T03:0']],
      ['SKU-A', 1, ['T01:0', 'T02:1']],
      ['SKU-C', 0, ['T01:0']],
    ]);
    const audit = await core.db('audit_log').where({ action: 'wave.picked' }).first<{ entity_id: string; detail_json: string }>('entity_id', 'detail_json');
    expect(audit?.entity_id).toBe(wave.number);
    expect(JSON.parse(audit!.detail_json)).toEqual({ picked: 6, shortUnits: 1, shortOrders: 1 });
    // Complete totes are ready for packing; the short one is refused at its first scan, in words, until re-picked.
    expect((await core.packing.open('T03')).orderId).toBe(O3);
    await expect(core.packing.open('T02')).rejects.toMatchObject({ code: 'conflict', params: { reason: 'picked-short', orderId: O1, units: 1 } });
    await core.picking.closeWave(wave.id);
    expect(await workflow(O1)).toMatchObject({ state: 'allocated', wave_id: null });
    expect((await core.packing.open(O1)).orderId).toBe(O1);
  });

  it('refuses a report that does not add up to the pick list, or for a wave no longer open, and changes nothing', async () => {
    const wave = await core.picking.createWave({ warehouseId });
    const [b, a, c] = (await core.picking.pickList(wave.id)).lines;
    const full = [
      { productId: b!.productId, picked: 3, short: 0 },
      { productId: a!.productId, picked: 3, short: 0 },
      { productId: c!.productId, picked: 1, short: 0 },
    ];
    const before = await snapshotDb(core);
    await expect(core.picking.complete({ waveId: wave.id, stops: [full[0]!, { ...full[1]!, picked: 2 }, full[2]!] })).rejects.toMatchObject({
      code: 'conflict',
      params: { reason: 'pick-list-changed', sku: 'SKU-A', expected: 3, reported: 2 },
    });
    await expect(core.picking.complete({ waveId: wave.id, stops: full.slice(0, 2) })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'pick-list-changed', sku: 'SKU-C', expected: 1, reported: 0 } });
    await expect(core.picking.complete({ waveId: wave.id, stops: [...full, full[0]!] })).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'stops', reason: 'duplicate' } });
    await expect(core.picking.complete({ waveId: wave.id, stops: [{ ...full[0]!, picked: -1 }] })).rejects.toMatchObject({ code: 'invalid-input', params: { field: 'stops' } });
    expect(await snapshotDb(core)).toEqual(before);

    await core.picking.complete({ waveId: wave.id, stops: full });
    const picked = await snapshotDb(core);
    await expect(core.picking.complete({ waveId: wave.id, stops: full })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'wave-not-open', status: 'picked' } });
    await expect(core.picking.identify({ waveId: wave.id, code: 'B-05' })).rejects.toMatchObject({ code: 'conflict', params: { reason: 'wave-not-open', wave: wave.number } });
    expect(await snapshotDb(core)).toEqual(picked);
    expect(await core.db('wave_shorts').count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);
  });
});
