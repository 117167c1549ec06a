import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { findLayout, renderCartonLabels } from '../../main/labels';
import { createFolderPrinter, FAKE_PRINTERS, folderPrintJobs } from '../../main/printing/folder-printer';
import type { Printer } from '../../main/printing/printer';
import { postMovements } from '../../main/services/inventory/ledger';
import type { PrintInput } from '../../shared/ipc/channels/printing';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';
import { decodeImage, pdfPageSizes, rasterize } from '../support/pdf-barcodes';
import { snapshotDb, tempCore, tempDir } from '../support/temp-core';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const US = 'ATVPDKIKX0DER';
const ORDER = '111-2223334-4445556';
const CONFIRMATION = 'FBA15PRINT01';
const ADDRESS = { name: 'Shenzhen Gadgets', addressLine1: '1 Bao An Rd', city: 'Shenzhen', postalCode: '518000', countryCode: 'CN', phoneNumber: '+86 755 0000 0000' };
const ZEBRA = 'Zebra_ZD421';
const HP = 'HP_LaserJet';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A warehouse with everything there is to print: an FBA plan (6 lamps, 4 mugs) packed into two closed boxes of one
 * confirmed shipment whose Amazon labels are stored, an FBM order, and a wave of it. Printers are virtual: a folder.
 */
async function setup(opts: { printer?: Printer | null } = {}) {
  const dataDir = tempDir();
  const printedDir = path.join(dataDir, 'printed');
  const printer = opts.printer === undefined ? createFolderPrinter({ dir: printedDir }) : opts.printer;
  const core = await tempCore({ dataDir, clock: { now: () => NOW }, sync: { autoStart: false }, ...(printer ? { printer } : {}) });
  cleanups.push(() => core.dispose());
  const store = await core.stores.create({ name: 'Gadgets', region: 'na', marketplaceIds: [US] });
  const source = await core.warehouses.create({ code: 'SZ-1', name: '深圳仓', kind: 'domestic' });
  const lamp = await core.catalog.create({ sku: 'LAMP-01', kind: 'unit', name: 'Desk lamp 台灯', codes: [{ kind: 'fnsku', code: 'X00LAMP001' }] });
  const mug = await core.catalog.create({ sku: 'MUG-02', kind: 'unit', name: 'Mug', codes: [{ kind: 'fnsku', code: 'X00MUG0002' }] });
  for (const [p, msku] of [[lamp.id, 'lamp-us'], [mug.id, 'mug-us']] as const) await core.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: msku, product_id: p });
  await core.db.transaction((trx) =>
    postMovements(trx, [lamp.id, mug.id].map((productId) => ({ productId, warehouseId: source.id, kind: 'receive' as const, onHand: 50, refType: 'po', refId: 'PO-1' })), { actor: 'test', now: NOW.toISOString() }),
  );
  const plan = await core.fba.createPlan({ storeId: store.id, marketplaceId: US, sourceWarehouseId: source.id, sourceAddress: ADDRESS, lines: [{ productId: lamp.id, quantity: 6 }, { productId: mug.id, quantity: 4 }] });
  for (const [code, quantity] of [['X00LAMP001', 6], ['X00MUG0002', 4]] as const) {
    const opened = await core.fba.openBox({ planId: plan.id });
    const boxId = opened.boxList.at(-1)!.id;
    await core.fba.scanIntoBox({ planId: plan.id, boxId, code, quantity });
    await core.fba.closeBox({ planId: plan.id, boxId, lengthMm: 400, widthMm: 300, heightMm: 300, weightG: 8_000 });
  }
  // Amazon's confirmed shipment, and its label file as downloaded once (two 4×6 in pages).
  const amazonFile = path.join(dataDir, 'amazon-labels.pdf');
  const amazonBoxes = [1, 2].map((n) => ({ shipmentId: CONFIRMATION, boxNumber: n, boxCount: 2 }));
  fs.writeFileSync(amazonFile, await renderCartonLabels(amazonBoxes, { layout: 'carton-4x6' }));
  const [shipmentId] = await core.db('fba_inbound_shipments').insert({
    plan_id: plan.id,
    amazon_shipment_id: 'sh0123456789',
    confirmation_id: CONFIRMATION,
    name: 'FBA STA (11/23/2026) - FTW1',
    destination_fc: 'FTW1',
    destination_address_json: JSON.stringify({ name: 'Amazon.com Services', addressLine1: '33333 LBJ Freeway', city: 'Dallas', stateOrProvinceCode: 'TX', postalCode: '75241', countryCode: 'US' }),
    status: 'WORKING',
    label_pdf_path: amazonFile,
  });

  const a = await stockedProduct(core, { sku: 'SKU-A', name: 'Item A', gtin: '6901234567892', storeId: store.id, warehouseId: source.id, onHand: 20 });
  expect(a).toBeGreaterThan(0);
  await insertFbmOrder(core, { id: ORDER, storeId: store.id, lines: [{ orderItemId: '1', sellerSku: 'SKU-A', quantity: 2 }] });
  await allocateByHand(core, ORDER, source.id);
  const wave = await core.picking.createWave({ warehouseId: source.id });
  return { core, printedDir, planId: plan.id, shipmentId: shipmentId!, amazonFile, wave };
}

async function print(core: TestCore, input: PrintInput) {
  return dispatch(core, 'printing:print', input);
}

/** What a scanner reads off each printed page (300 dpi, as an office or label printer would put it on paper). */
function pagesDecoded(pdfFile: string): string[][] {
  return rasterize(pdfFile, 300).map((png) => decodeImage(png).map((s) => s.replace(/^CODE-128:/, '')));
}

const printJobs = async (core: TestCore) =>
  (await core.db('audit_log').where({ action: 'print.job' }).orderBy('id').select<{ entity: string; entity_id: string | null; detail_json: string }[]>('entity', 'entity_id', 'detail_json')).map((r): Record<string, unknown> => ({
    entity: r.entity,
    entityId: r.entity_id,
    ...(JSON.parse(r.detail_json) as Record<string, unknown>),
  }));

describe('printing to a chosen printer', () => {
  it('lists the host printers', async () => {
    const { core } = await setup();
    const answer = await dispatch(core, 'printing:printers', {});
    expect(answer).toEqual({ ok: true, value: FAKE_PRINTERS.map((p) => ({ ...p })) });
  });

  it("prints a plan's FNSKU labels on the Zebra: one 57×32 mm page per unit, each barcode reads back as its FNSKU", async () => {
    const { core, printedDir, planId } = await setup();
    const answer = await print(core, { document: { kind: 'fnsku-labels', planId, layout: 'thermal-57x32', language: 'zh-CN' }, printer: ZEBRA });
    expect(answer).toEqual({ ok: true, value: { printer: 'Zebra ZD421 (203 dpi)', title: expect.stringContaining('thermal-57x32'), pages: 10, copies: 1, media: { widthMicrons: 57_150, heightMicrons: 31_750 } } });

    const [job, ...more] = folderPrintJobs(printedDir);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ printer: ZEBRA, copies: 1, media: { widthMicrons: 57_150, heightMicrons: 31_750 } });
    const sizes = pdfPageSizes(fs.readFileSync(job!.pdfFile));
    expect(sizes).toHaveLength(10);
    for (const s of sizes) expect([Math.abs(s.width - 162), Math.abs(s.height - 90)].every((d) => d <= 0.5)).toBe(true);
    expect(pagesDecoded(job!.pdfFile)).toEqual([...Array(6).fill(['X00LAMP001']), ...Array(4).fill(['X00MUG0002'])]);
    expect(await printJobs(core)).toEqual([{ entity: 'fba-plan', entityId: String(planId), document: 'fnsku-labels', printer: ZEBRA, copies: 1, pages: 10, media: '57150x31750um', layout: 'thermal-57x32' }]);
  });

  it('prints hand-given labels on a 40-up A4 sheet from a start cell, two copies, on A4 paper', async () => {
    const { core, printedDir } = await setup();
    const items = ['X00SHEET01', 'X00SHEET02', 'X00SHEET03'].map((fnsku) => ({ fnsku, title: `Sheet item ${fnsku}`, copies: 1 }));
    const answer = await print(core, { document: { kind: 'fnsku-labels', items, layout: 'a4-40up', language: 'en', startPosition: 39 }, printer: HP, copies: 2 });
    expect(answer).toMatchObject({ ok: true, value: { pages: 2, copies: 2, media: { widthMicrons: 210_000, heightMicrons: 297_000 } } });
    const [job] = folderPrintJobs(printedDir);
    const a4 = findLayout('a4-40up')!.page;
    for (const s of pdfPageSizes(fs.readFileSync(job!.pdfFile))) expect([Math.abs(s.width - a4.width), Math.abs(s.height - a4.height)].every((d) => d <= 0.5)).toBe(true);
    expect(pagesDecoded(job!.pdfFile)).toEqual([['X00SHEET01', 'X00SHEET02'], ['X00SHEET03']]);
    expect(job!.copies).toBe(2);
  });

  it('prints the carton marks of a shipment on 4×6 in stock, one page per box with its box id', async () => {
    const { core, printedDir, planId, shipmentId } = await setup();
    const answer = await print(core, { document: { kind: 'carton-labels', planId, shipmentId, layout: 'carton-4x6' }, printer: ZEBRA });
    expect(answer).toMatchObject({ ok: true, value: { pages: 2, media: { widthMicrons: 101_600, heightMicrons: 152_400 } } });
    const [job] = folderPrintJobs(printedDir);
    expect(pdfPageSizes(fs.readFileSync(job!.pdfFile))).toEqual([
      { width: 288, height: 432 },
      { width: 288, height: 432 },
    ]);
    expect(pagesDecoded(job!.pdfFile)).toEqual([[`${CONFIRMATION}U000001`], [`${CONFIRMATION}U000002`]]);
    expect((await printJobs(core))[0]).toMatchObject({ entity: 'fba-shipment', entityId: CONFIRMATION, pages: 2, media: '101600x152400um' });
  });

  it("sends Amazon's stored label file untouched, on the paper size its pages have", async () => {
    const { core, printedDir, planId, shipmentId, amazonFile } = await setup();
    // The stored file is reprinted whatever page type is asked now: its own pages decide the paper.
    const answer = await print(core, { document: { kind: 'amazon-labels', planId, shipmentId, pageType: 'PackageLabel_A4_2' }, printer: ZEBRA });
    expect(answer).toMatchObject({ ok: true, value: { pages: 2, media: { widthMicrons: 101_600, heightMicrons: 152_400 } } });
    const [job] = folderPrintJobs(printedDir);
    expect(fs.readFileSync(job!.pdfFile).equals(fs.readFileSync(amazonFile))).toBe(true);
  });

  it("prints the packing slip and the pick list on the office printer's own paper, barcodes readable", async () => {
    const { core, printedDir, wave } = await setup();
    expect(await print(core, { document: { kind: 'packing-slip', orderId: ORDER }, printer: HP })).toMatchObject({ ok: true, value: { printer: 'HP LaserJet', pages: 1, media: null } });
    expect(await print(core, { document: { kind: 'pick-list', waveId: wave.id, language: 'en' }, printer: HP })).toMatchObject({ ok: true, value: { pages: 1, media: null } });
    const [slip, pickList] = folderPrintJobs(printedDir);
    expect([slip!.printer, slip!.media, pickList!.printer]).toEqual([HP, null, HP]);
    expect(pagesDecoded(slip!.pdfFile)[0]).toContain(ORDER);
    expect(pagesDecoded(pickList!.pdfFile)[0]).toContain(wave.number);
    expect((await printJobs(core)).map((j) => [j.document, j.entity, j.entityId, j.pages, j.media])).toEqual([
      ['packing-slip', 'order', ORDER, 1, 'printer-default'],
      ['pick-list', 'wave', String(wave.id), 1, 'printer-default'],
    ]);
  });

  it('refuses an unknown printer, a bad layout or a missing plan with a typed reason, printing and recording nothing', async () => {
    const { core, printedDir, planId } = await setup();
    const before = await snapshotDb(core);
    expect(await print(core, { document: { kind: 'fnsku-labels', planId, layout: 'thermal-57x32', language: 'en' }, printer: 'Brother_QL' })).toEqual({
      ok: false,
      error: { code: 'not-found', params: { entity: 'printer', reason: 'unknown-printer' } },
    });
    expect(await print(core, { document: { kind: 'fnsku-labels', planId, layout: 'carton-4x6', language: 'en' }, printer: ZEBRA })).toEqual({
      ok: false,
      error: { code: 'invalid-input', params: { field: 'layout', reason: 'unknown-layout' } },
    });
    expect(await print(core, { document: { kind: 'fnsku-labels', planId: 999, layout: 'thermal-57x32', language: 'en' }, printer: ZEBRA })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await print(core, { document: { kind: 'packing-slip', orderId: ORDER }, printer: HP, copies: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(folderPrintJobs(printedDir)).toEqual([]);
    expect(await snapshotDb(core)).toEqual(before);
  });

  it("reports a printer's refusal in its words and records no job", async () => {
    const dir = tempDir();
    const stopped = createFolderPrinter({ dir, printers: [{ name: ZEBRA, displayName: 'Zebra ZD421 (203 dpi)', isDefault: false, status: 'stopped' }] });
    const { core, planId } = await setup({ printer: stopped });
    const before = await snapshotDb(core);
    expect(await print(core, { document: { kind: 'fnsku-labels', planId, layout: 'thermal-50x30', language: 'en' }, printer: ZEBRA })).toEqual({
      ok: false,
      error: { code: 'conflict', params: { reason: 'print-failed', printer: 'Zebra ZD421 (203 dpi)', detail: 'printer stopped' } },
    });
    expect(folderPrintJobs(dir)).toEqual([]);
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('answers printing-unavailable on a core without a printer, so the screen downloads instead', async () => {
    const { core, planId } = await setup({ printer: null });
    const unavailable = { ok: false, error: { code: 'conflict', params: { reason: 'printing-unavailable' } } };
    expect(await dispatch(core, 'printing:printers', {})).toEqual(unavailable);
    expect(await print(core, { document: { kind: 'fnsku-labels', planId, layout: 'thermal-57x32', language: 'en' }, printer: ZEBRA })).toEqual(unavailable);
    expect(await core.db('audit_log').where({ action: 'print.job' })).toEqual([]);
  });
});
