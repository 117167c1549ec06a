import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { dispatch } from '../../main/ipc/dispatch';
import { writeXlsx } from '../../main/services/catalog/import/xlsx';
import { transition } from '../../main/services/fulfillment/workflow';
import type { BatchConfirmRow, BatchPreview } from '../../shared/ipc/channels/shipping';
import { allocateByHand, insertFbmOrder, level, stockedProduct } from '../support/packing-fixtures';
import { snapshotDb, tempCore } from '../support/temp-core';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const FIXTURES = path.join(import.meta.dirname, '../fixtures/carrier-csv');
const id = (n: number) => `111-${String(n).padStart(7, '0')}-${String(n).padStart(7, '0')}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fixture = (name: string) => ({ fileName: name, fileBase64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') });

async function call<T>(core: Core, channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const res = await dispatch(core, channel, input);
  if (!res.ok) throw new Error(`${channel} refused: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

interface Confirmed {
  results: { line: number | null; orderId: string; trackingNumber: string; outcome: string; state: string | null; otherOrderId: string | null; packageReferenceId: string | null }[];
  shipped: number;
  refused: number;
}

/** The rows of a preview as the dialog sends them back: the carrier the preview settled on, every row or only the ok ones. */
const confirmRows = (preview: BatchPreview, which: 'ok' | 'all'): BatchConfirmRow[] =>
  preview.rows
    .filter((r) => which === 'all' || r.verdict === 'ok')
    .filter((r) => r.orderId !== '' && r.carrierCode !== null)
    .map((r) => ({ line: r.line, orderId: r.orderId, carrierCode: r.carrierCode!, ...(r.carrierName ? { carrierName: r.carrierName } : {}), ...(r.shippingService ? { shippingService: r.shippingService } : {}), trackingNumber: r.trackingNumber }));

const confirmShipments = async (core: Core) =>
  (await core.db('outbox').where({ kind: 'confirm-shipment' }).orderBy('seq').select<{ payload_json: string }[]>('payload_json')).map(
    (r) => JSON.parse(r.payload_json) as { orderId: string; packageDetail: { carrierCode: string; carrierName?: string; shippingMethod?: string; trackingNumber: string; orderItems: unknown[] } },
  );

const stateOf = async (core: Core, orderId: string) => (await core.db('order_workflow').where({ order_id: orderId }).first<{ state: string } | undefined>('state'))?.state;

/** Amazon reports the buyer's cancellation; the sync stores it and the workflow reacts, as the orders job does. */
async function cancelOnAmazon(core: Core, orderId: string) {
  await core.db('orders').where({ id: orderId }).update({ status: 'CANCELLED' });
  await core.db.transaction((trx) => core.fulfillment.onOrdersSynced(trx, [orderId]));
}

/**
 * A Shenzhen warehouse selling one mug on amazon.com and the orders the fixture files name, one mug each: most packed
 * (weighed, carrier UPS Ground from the carrier rules), 13 cancelled on Amazon after packing, 14 only allocated, 21
 * packed with no carrier chosen, 22 fulfilled by Amazon, and 12 shipped already with YT2411200000000099.
 */
async function warehouse() {
  const core = await tempCore({ clock: { now: () => NOW }, sync: { autoStart: false } });
  cleanups.push(() => core.dispose());
  const store = await core.stores.create({ name: 'US FBM', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const mug = await stockedProduct(core, { sku: 'MUG-WHITE-350', name: '陶瓷马克杯', storeId: store.id, warehouseId: sz.id, onHand: 100 });

  const packed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 20, 21, 23];
  for (const n of [...packed, 14]) {
    await insertFbmOrder(core, { id: id(n), storeId: store.id, lines: [{ orderItemId: `${n}001`, sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    await allocateByHand(core, id(n), sz.id, n === 21 ? null : { code: 'UPS', service: 'Ground' });
  }
  await insertFbmOrder(core, { id: id(22), storeId: store.id, fulfilledBy: 'AMAZON', lines: [{ orderItemId: '22001', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
  await core.db.transaction(async (trx) => {
    for (const n of packed) await transition(trx, id(n), 'packed', { actor: 'tester', now: NOW.toISOString(), patch: { weight_g: 400 + n } });
  });
  await cancelOnAmazon(core, id(13));
  await core.shipping.confirm({ rows: [{ orderId: id(12), carrierCode: 'YunExpress', trackingNumber: 'YT2411200000000099' }] });
  return { core, store, sz, mug };
}

describe('batch shipping: the carrier file is read and every row judged before anything changes', () => {
  it('reads a GB18030 forwarder export with Chinese headers under a title line, and gives each row its verdict', async () => {
    const { core } = await warehouse();
    const before = await snapshotDb(core);
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('yunexpress-gb18030.csv'));

    expect(await snapshotDb(core)).toEqual(before);
    expect(preview).toMatchObject({ format: 'csv', encoding: 'gb18030', ok: 4, refused: 16 });
    // The last-mile number (转单号) is what the buyer tracks, not the forwarder's own waybill (运单号).
    expect(preview.columns).toEqual({ orderId: '订单号', trackingNumber: '转单号', carrierCode: '物流商', carrierName: null, shippingService: '渠道' });
    expect(preview.rows.map((r) => [r.line, r.orderId, r.verdict, r.carrierCode, r.state ?? r.otherOrderId ?? r.otherLine])).toEqual([
      [3, id(1), 'ok', 'UPS', 'packed'],
      [4, id(2), 'ok', 'YunExpress', 'packed'],
      [5, id(3), 'ok', 'YunExpress', 'packed'],
      [6, id(4), 'carrier-not-amazon', '云途物流', 'packed'],
      [7, id(5), 'carrier-name-required', 'Other', 'packed'],
      [8, id(6), 'tracking-format', 'UPS', 'packed'],
      [9, id(7), 'tracking-missing', 'UPS', 'packed'],
      [10, id(8), 'tracking-scientific', 'FedEx', 'packed'],
      [11, id(9), 'tracking-duplicate', 'YunExpress', 'packed'],
      [12, id(10), 'tracking-duplicate', 'YunExpress', 'packed'],
      [13, id(11), 'tracking-used', 'YunExpress', 'packed'],
      [14, id(12), 'already-shipped', 'YunExpress', 'shipped'],
      [15, id(13), 'cancelled', 'UPS', 'cancelled'],
      [16, id(14), 'not-packed', 'UPS', 'allocated'],
      [17, '111-9999999-9999999', 'unknown-order', 'UPS', null],
      [18, id(15), 'ok', 'YunExpress', 'packed'],
      [19, id(15), 'duplicate-row', 'YunExpress', 'packed'],
      [20, id(16), 'order-conflict', 'YunExpress', 'packed'],
      [21, id(16), 'order-conflict', 'YunExpress', 'packed'],
      [22, '', 'order-id-missing', 'YunExpress', null],
    ]);
    const byLine = new Map(preview.rows.map((r) => [r.line, r]));
    // No carrier in the row: the order's own choice, with its service.
    expect(byLine.get(3)).toMatchObject({ carrierFrom: 'order', carrierCode: 'UPS', shippingService: 'Ground', trackingNumber: '1Z999AA10123456784' });
    // "Yun Express" is Amazon's YunExpress, and goes out under that exact code.
    expect(byLine.get(5)).toMatchObject({ carrierFrom: 'file', carrierCode: 'YunExpress', shippingService: '云途全球专线挂号(标快普货)' });
    expect(byLine.get(11)).toMatchObject({ otherOrderId: id(10), otherLine: 12 });
    expect(byLine.get(13)).toMatchObject({ otherOrderId: id(12) });
    expect(byLine.get(19)).toMatchObject({ otherLine: 18 });
    expect(byLine.get(20)).toMatchObject({ otherLine: 21 });
  });

  it('reads a UTF-8 file with a BOM and Amazon\'s English headers: "Other" with its name, the carrier variant, no carrier, an FBA order', async () => {
    const { core } = await warehouse();
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('forwarder-en-utf8-bom.csv'));
    expect(preview).toMatchObject({ encoding: 'utf-8-bom', ok: 2, refused: 2 });
    expect(preview.columns).toEqual({ orderId: 'order-id', trackingNumber: 'tracking-number', carrierCode: 'carrier-code', carrierName: 'carrier-name', shippingService: 'ship-method' });
    expect(preview.rows.map((r) => [r.orderId, r.verdict, r.carrierCode, r.carrierName, r.shippingService])).toEqual([
      [id(20), 'ok', 'Other', 'CNE Express', 'CNE Global Economy'],
      [id(21), 'carrier-missing', null, null, null],
      [id(22), 'fulfilled-by-amazon', 'UPS', null, null],
      [id(23), 'ok', 'UPS', null, 'UPS Ground'],
    ]);
  });

  it('reads a carrier\'s XLSX workbook the same way', async () => {
    const { core } = await warehouse();
    const bytes = await writeXlsx('运单', ['订单号', '承运商', '跟踪号'], [
      [id(1), 'UPS', '1Z999AA10123456784'],
      [id(14), 'UPS', '1Z999AA10123456714'],
    ]);
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', { fileName: '运单.xlsx', fileBase64: Buffer.from(bytes).toString('base64') });
    expect(preview).toMatchObject({ format: 'xlsx', ok: 1, refused: 1 });
    expect(preview.rows.map((r) => [r.line, r.orderId, r.verdict, r.state])).toEqual([
      [2, id(1), 'ok', 'packed'],
      [3, id(14), 'not-packed', 'allocated'],
    ]);
  });

  it('marks the rows of a damaged UTF-8 file that cannot be read, and reads the rest', async () => {
    const { core } = await warehouse();
    const text = Buffer.from('order-id,tracking-number\n111-0000001-0000001,1Z999AA10123456784\n111-0000002-0000002,YT24112000000000\xff02\n111-0000003-0000003,1Z999AA10123456703\n', 'latin1');
    // Latin-1 above keeps \xff as one byte; the rest must be real UTF-8 for the damage to stand out.
    const bytes = Buffer.concat([Buffer.from('备注说明：云途物流运单 UTF-8\n', 'utf8'), text]);
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', { fileName: 'broken.csv', fileBase64: bytes.toString('base64') });
    expect(preview.rows.map((r) => [r.line, r.verdict])).toEqual([
      [3, 'ok'],
      [4, 'unreadable-line'],
      [5, 'ok'],
    ]);
  });

  it('refuses a file without an order id or a tracking number column, naming the column, and changes nothing', async () => {
    const { core } = await warehouse();
    const before = await snapshotDb(core);
    const noTracking = Buffer.from('订单号,物流商\n111-0000001-0000001,UPS\n').toString('base64');
    const res = await dispatch(core, 'shipping:batch-preview', { fileName: 'a.csv', fileBase64: noTracking });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-input', params: { field: 'file', reason: 'carrier-file-column-missing', column: 'trackingNumber' } } });
    const pdf = Buffer.from('%PDF-1.7 label').toString('base64');
    expect(await dispatch(core, 'shipping:batch-preview', { fileName: 'label.pdf', fileBase64: pdf })).toMatchObject({ ok: false, error: { params: { reason: 'unsupported-format', format: 'pdf' } } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('batch shipping: confirming ships the good rows, one order per transaction, through the outbox', () => {
  it('commits only the ok rows: stock leaves, the orders ship, Amazon gets exactly one confirmShipment each with the file\'s carrier and tracking', async () => {
    const { core, sz, mug } = await warehouse();
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('yunexpress-gb18030.csv'));
    const stockBefore = await level(core, mug, sz.id);
    const outboxBefore = (await confirmShipments(core)).length;

    // Every row goes back, bad ones included: the service judges them again and ships only the good.
    const done = await call<Confirmed>(core, 'shipping:batch-confirm', { rows: confirmRows(preview, 'all') });
    const shippedIds = [id(1), id(2), id(3), id(15)];
    expect(done.shipped).toBe(4);
    expect(done.results.filter((r) => r.outcome === 'shipped').map((r) => r.orderId)).toEqual(shippedIds);
    expect(done.results.find((r) => r.orderId === id(6))).toMatchObject({ outcome: 'tracking-format' });
    expect(done.results.find((r) => r.orderId === id(13))).toMatchObject({ outcome: 'cancelled' });
    expect(done.results.filter((r) => r.orderId === id(15)).map((r) => r.outcome)).toEqual(['shipped', 'duplicate-row']);

    for (const o of shippedIds) expect(await stateOf(core, o)).toBe('shipped');
    for (const o of [4, 5, 6, 7, 8, 9, 10, 11, 16].map(id)) expect(await stateOf(core, o)).toBe('packed');
    expect(await level(core, mug, sz.id)).toEqual({ onHand: stockBefore.onHand - 4, reserved: stockBefore.reserved - 4 });

    const sent = (await confirmShipments(core)).slice(outboxBefore);
    expect(sent.map((p) => [p.orderId, p.packageDetail.carrierCode, p.packageDetail.trackingNumber, p.packageDetail.shippingMethod])).toEqual([
      [id(1), 'UPS', '1Z999AA10123456784', 'Ground'],
      [id(2), 'YunExpress', 'YT2411200000000002', '云途全球专线挂号(标快普货)'],
      [id(3), 'YunExpress', 'YT2411200000000003', '云途全球专线挂号(标快普货)'],
      [id(15), 'YunExpress', 'YT2411200000000015', undefined],
    ]);
    expect(sent[0]!.packageDetail.orderItems).toEqual([{ orderItemId: '1001', quantity: 1 }]);
    // The weight the station recorded travels to the local shipment.
    expect(await core.db('local_shipments').where({ order_id: id(1) }).first('weight_g', 'tracking_number')).toEqual({ weight_g: 401, tracking_number: '1Z999AA10123456784' });
    expect(await core.db('audit_log').where({ action: 'order.batch-ship' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 5 }]);
  });

  it('is idempotent: the same file imported and confirmed again says "already shipped" and nothing doubles', async () => {
    const { core, sz, mug } = await warehouse();
    const first = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('yunexpress-gb18030.csv'));
    await call<Confirmed>(core, 'shipping:batch-confirm', { rows: confirmRows(first, 'ok') });
    const outbox = (await confirmShipments(core)).length;
    const stock = await level(core, mug, sz.id);
    const ledger = await core.db('stock_movements').count<{ n: number }[]>({ n: '*' });

    const again = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('yunexpress-gb18030.csv'));
    expect(again.ok).toBe(0);
    expect(again.rows.filter((r) => [1, 2, 3, 15].map(id).includes(r.orderId)).map((r) => r.verdict)).toEqual(['already-shipped', 'already-shipped', 'already-shipped', 'already-shipped', 'already-shipped']);

    // The dialog's earlier rows sent twice (a double click, a retry after a lost answer).
    const twice = await call<Confirmed>(core, 'shipping:batch-confirm', { rows: confirmRows(first, 'ok') });
    expect(twice).toMatchObject({ shipped: 0, refused: 4 });
    expect(twice.results.map((r) => r.outcome)).toEqual(['already-shipped', 'already-shipped', 'already-shipped', 'already-shipped']);
    expect((await confirmShipments(core)).length).toBe(outbox);
    expect(await level(core, mug, sz.id)).toEqual(stock);
    expect(await core.db('stock_movements').count<{ n: number }[]>({ n: '*' })).toEqual(ledger);
  });

  it('refuses an order Amazon cancelled between the preview and the confirm; its stock stays released and the rest ship', async () => {
    const { core, sz, mug } = await warehouse();
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('yunexpress-gb18030.csv'));
    expect(preview.rows.find((r) => r.orderId === id(2))?.verdict).toBe('ok');
    const held = await level(core, mug, sz.id);

    await cancelOnAmazon(core, id(2));
    expect(await level(core, mug, sz.id)).toEqual({ onHand: held.onHand, reserved: held.reserved - 1 });
    const released = await level(core, mug, sz.id);

    const done = await call<Confirmed>(core, 'shipping:batch-confirm', { rows: confirmRows(preview, 'ok') });
    expect(done.results.map((r) => [r.orderId, r.outcome])).toEqual([
      [id(1), 'shipped'],
      [id(2), 'cancelled'],
      [id(3), 'shipped'],
      [id(15), 'shipped'],
    ]);
    expect(await stateOf(core, id(2))).toBe('cancelled');
    // Three mugs left with their orders; the cancelled order's mug is on the shelf and held for nobody.
    expect(await level(core, mug, sz.id)).toEqual({ onHand: released.onHand - 3, reserved: released.reserved - 3 });
    expect((await confirmShipments(core)).filter((p) => p.orderId === id(2))).toEqual([]);
    expect(await core.db('stock_movements').where({ ref_type: 'order', ref_id: id(2), kind: 'ship' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('sends "Other" with the carrier\'s name, and a carrier written in lower case as Amazon\'s code', async () => {
    const { core } = await warehouse();
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', fixture('forwarder-en-utf8-bom.csv'));
    const done = await call<Confirmed>(core, 'shipping:batch-confirm', { rows: confirmRows(preview, 'ok') });
    expect(done.shipped).toBe(2);
    const sent = (await confirmShipments(core)).filter((p) => [id(20), id(23)].includes(p.orderId));
    expect(sent.map((p) => p.packageDetail)).toMatchObject([
      { carrierCode: 'Other', carrierName: 'CNE Express', shippingMethod: 'CNE Global Economy', trackingNumber: '3A5V123456789' },
      { carrierCode: 'UPS', shippingMethod: 'UPS Ground', trackingNumber: '1Z999AA10123456723' },
    ]);
  });

  it('refuses rows the renderer should never have sent, per row: a bad tracking number, a carrier Amazon does not know', async () => {
    const { core } = await warehouse();
    const before = await snapshotDb(core);
    const done = await call<Confirmed>(core, 'shipping:batch-confirm', {
      rows: [
        { orderId: id(4), carrierCode: 'Speedy Llama', trackingNumber: 'SL123456' },
        { orderId: id(6), carrierCode: 'UPS', trackingNumber: '1Z 999' },
        { orderId: '111-9999999-9999999', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456799' },
      ],
    });
    expect(done.results.map((r) => r.outcome)).toEqual(['carrier-not-amazon', 'tracking-format', 'unknown-order']);
    expect(await snapshotDb(core)).toEqual(before);
  });
});

describe('batch shipping: the packed orders and the template the carrier fills in', () => {
  it('lists packed orders with their carrier choice and weight, soonest ship-by first', async () => {
    const { core } = await warehouse();
    await core.db('orders').where({ id: id(23) }).update({ ship_by_latest: '2026-11-20T12:00:00.000Z' });
    const { rows, total } = await call<{ rows: { orderId: string; carrierCode: string | null; weightG: number | null; warehouseCode: string | null; units: number }[]; total: number }>(core, 'shipping:packed-orders', {});
    expect(total).toBe(16);
    expect(rows.slice(0, 3).map((r) => r.orderId)).toEqual([id(23), id(1), id(2)]);
    expect(rows.map((r) => r.orderId)).not.toContain(id(12));
    expect(rows.find((r) => r.orderId === id(1))).toMatchObject({ carrierCode: 'UPS', weightG: 401, warehouseCode: 'CN-SZ', units: 1 });
    const some = await call<{ total: number }>(core, 'shipping:packed-orders', { orderIds: [id(1), id(14), id(2)] });
    expect(some.total).toBe(2);
  });

  it('exports a template that comes back, filled in, as ok rows; refuses to export an order that is not packed', async () => {
    const { core } = await warehouse();
    const file = await call<{ fileName: string; base64: string }>(core, 'shipping:export-template', { orderIds: [id(1), id(21)] });
    expect(file.fileName).toBe('批量发货-2026-11-20.csv');
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('订单号,承运商代码,承运商名称,运输方式,追踪号,重量(g),发货仓,商品,站点,最晚发货(UTC)');
    expect(lines[1]).toMatch(/^111-0000001-0000001,UPS,,Ground,,401,CN-SZ,MUG-WHITE-350×1,ATVPDKIKX0DER,2026-/);

    // The forwarder fills in the tracking column (and the carrier the rule could not choose) and sends it back.
    const filled = lines.map((l, i) => (i === 0 || l === '' ? l : l.startsWith(id(1)) ? l.replace('Ground,,', 'Ground,1Z999AA10123456784,') : l.replace(',,,,,', ',YunExpress,,,YT2411200000000021,')));
    const preview = await call<BatchPreview>(core, 'shipping:batch-preview', { fileName: file.fileName, fileBase64: Buffer.concat([bytes.subarray(0, 3), Buffer.from(filled.join('\r\n'))]).toString('base64') });
    expect(preview.rows.map((r) => [r.orderId, r.verdict, r.carrierCode, r.trackingNumber])).toEqual([
      [id(1), 'ok', 'UPS', '1Z999AA10123456784'],
      [id(21), 'ok', 'YunExpress', 'YT2411200000000021'],
    ]);

    const en = await call<{ fileName: string; base64: string }>(core, 'shipping:export-template', { orderIds: [id(1)], locale: 'en' });
    expect(Buffer.from(en.base64, 'base64').subarray(3).toString('utf8').split('\r\n')[0]).toBe('order-id,carrier-code,carrier-name,ship-method,tracking-number,weight-g,warehouse,items,marketplace,ship-by (UTC)');
    expect(await dispatch(core, 'shipping:export-template', { orderIds: [id(1), id(14)] })).toMatchObject({ ok: false, error: { code: 'conflict', params: { reason: 'batch-not-packed', orderId: id(14), state: 'allocated' } } });
  });
});
