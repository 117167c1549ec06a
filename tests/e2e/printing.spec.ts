import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { folderPrintJobs } from '../../main/printing/folder-printer';
import { postMovements } from '../../main/services/inventory/ledger';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';
import { decodeImage, pdfPageCount, pdfPageSizes, rasterize } from '../support/pdf-barcodes';
import { AppShell } from './pages/AppShell';
import { PackingPage } from './pages/PackingPage';
import { expect, test } from './fixtures';

const US = 'ATVPDKIKX0DER';
const SHOTS = 'test-results/screens';
const ORDER = '111-7770001-0000001';

/** A seller's store, the Shenzhen warehouse with stock, and an FBA plan drafted there: 6 lamps and 4 mugs. */
async function seedPlan(core: Core): Promise<number> {
  const store = await core.stores.create({ name: 'Gadgets US', region: 'na', marketplaceIds: [US] });
  const source = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const lamp = await core.catalog.create({ sku: 'LAMP-01', kind: 'unit', name: 'LED 台灯 Desk lamp', codes: [{ kind: 'fnsku', code: 'X00LAMP001' }] });
  const mug = await core.catalog.create({ sku: 'MUG-02', kind: 'unit', name: '陶瓷杯 Mug', codes: [{ kind: 'fnsku', code: 'X00MUG0002' }] });
  for (const [p, msku] of [[lamp.id, 'lamp-us'], [mug.id, 'mug-us']] as const) await core.catalog.mapListing({ storeId: store.id, marketplaceId: US, sellerSku: msku, productId: p });
  const now = core.clock.now().toISOString();
  await core.db.transaction((trx) => postMovements(trx, [lamp.id, mug.id].map((productId) => ({ productId, warehouseId: source.id, kind: 'receive' as const, onHand: 50, refType: 'po', refId: 'PO-1' })), { actor: 'e2e', now }));
  const address = { name: 'Li Wei', addressLine1: '88 Bantian Rd', city: 'Shenzhen', postalCode: '518129', countryCode: 'CN', phoneNumber: '+8675512345678' };
  const plan = await core.fba.createPlan({ storeId: store.id, marketplaceId: US, sourceWarehouseId: source.id, sourceAddress: address, lines: [{ productId: lamp.id, quantity: 6 }, { productId: mug.id, quantity: 4 }] });
  return plan.id;
}

async function choosePrinter(page: Page, label: string, printer: RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: printer }).click();
}

test('FBA labels go to the chosen Zebra as 57×32 mm pages, one per unit, and the choice is remembered', async ({ page, harness }) => {
  const planId = await seedPlan(harness.core);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('fba').click();
  await page.getByTestId(`plan-row-${planId}`).click();
  await page.getByTestId('fba-labels').click();
  await expect(page.getByTestId('labels-count')).toHaveText('2 个 SKU，共 10 张标签，10 页');

  // No printer chosen yet: printing waits for one, the download is there as before.
  await expect(page.getByTestId('labels-fnsku-print')).toBeDisabled();
  await expect(page.getByTestId('labels-print-fnsku')).toHaveText('下载 PDF');
  await page.getByRole('combobox', { name: '标签打印机' }).click();
  await expect(page.getByRole('option')).toHaveText(['不用打印机（下载 PDF）', 'Zebra ZD421 (203 dpi)', 'HP LaserJet（默认）']);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/printing-picker-zh.png`, animations: 'disabled' });
  await page.getByRole('option', { name: 'Zebra ZD421 (203 dpi)' }).click();
  await page.getByTestId('labels-fnsku-print').click();
  await expect(page.getByTestId('labels-fnsku-printed')).toHaveText('已发送到 Zebra ZD421 (203 dpi)：10 页 × 1 份');

  const [job, ...others] = folderPrintJobs(harness.printedDir);
  expect(others).toEqual([]);
  expect(job).toMatchObject({ printer: 'Zebra_ZD421', copies: 1, media: { widthMicrons: 57_150, heightMicrons: 31_750 } });
  expect(pdfPageCount(job!.pdfFile)).toBe(10);
  for (const size of pdfPageSizes(fs.readFileSync(job!.pdfFile))) expect([size.width, size.height].map((v) => Math.round((v * 25.4) / 72))).toEqual([57, 32]);
  expect(decodeImage(rasterize(job!.pdfFile, 203)[0]!)).toEqual(['CODE-128:X00LAMP001']);

  // The station remembers its label printer: the English screen comes back with the Zebra chosen.
  await page.getByTestId('labels-close').click();
  await shell.chooseLanguage('English');
  await page.getByTestId('fba-labels').click();
  await expect(page.getByRole('combobox', { name: 'Label printer' })).toHaveText('Zebra ZD421 (203 dpi)');
  await page.getByRole('combobox', { name: 'Label printer' }).click();
  await expect(page.getByRole('option')).toHaveText(['No printer (download PDF)', 'Zebra ZD421 (203 dpi)', 'HP LaserJet (default)']);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/printing-picker-en.png`, animations: 'disabled' });
});

test('at the packing station F4 downloads the slip until a document printer is chosen, then prints it on the HP', async ({ page, harness }) => {
  const core = harness.core;
  const store = await core.stores.create({ name: 'Gadgets US', region: 'na', marketplaceIds: [US] });
  const warehouse = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  await stockedProduct(core, { sku: 'MUG-02', name: '陶瓷杯 Mug', gtin: '6901234567892', storeId: store.id, warehouseId: warehouse.id, onHand: 20 });
  await insertFbmOrder(core, { id: ORDER, storeId: store.id, lines: [{ orderItemId: '1', sellerSku: 'MUG-02', quantity: 1 }] });
  await allocateByHand(core, ORDER, warehouse.id);

  const shell = new AppShell(page);
  const station = new PackingPage(page);
  await shell.open(harness.url);
  await shell.nav('packing').click();
  await station.scan(ORDER);
  await expect(station.orderId()).toHaveText(ORDER);

  const [download] = await Promise.all([page.waitForEvent('download'), station.press('F4')]);
  expect(download.suggestedFilename()).toBe(`packing-slip-${ORDER}.pdf`);
  expect(folderPrintJobs(harness.printedDir)).toEqual([]);

  await choosePrinter(page, '文档打印机', /^HP LaserJet/);
  let downloads = 0;
  page.on('download', () => downloads++);
  // The picker gives the keyboard back: the station's keys and the scanner work at once.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await station.press('F4');
  await expect(page.getByTestId('packing-slip-printed')).toHaveText('已发送到 HP LaserJet：1 页 × 1 份');
  const [job] = folderPrintJobs(harness.printedDir);
  expect(job).toMatchObject({ printer: 'HP_LaserJet', copies: 1, media: null });
  expect(decodeImage(rasterize(job!.pdfFile, 300)[0]!)).toContain(`CODE-128:${ORDER}`);
  expect(downloads).toBe(0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/printing-packing-zh.png`, animations: 'disabled' });
});

test("the Picking screen prints the wave's pick list on the station's document printer", async ({ page, harness }) => {
  const core = harness.core;
  const store = await core.stores.create({ name: 'Gadgets US', region: 'na', marketplaceIds: [US] });
  const warehouse = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  await stockedProduct(core, { sku: 'MUG-02', name: '陶瓷杯 Mug', storeId: store.id, warehouseId: warehouse.id, onHand: 20 });
  await insertFbmOrder(core, { id: ORDER, storeId: store.id, lines: [{ orderItemId: '1', sellerSku: 'MUG-02', quantity: 2 }] });
  await allocateByHand(core, ORDER, warehouse.id);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('picking').click();
  await expect(page.getByTestId('picking-candidates')).toHaveText('可拣订单 1');
  await page.getByTestId('picking-create-wave').click();
  const number = (await page.getByTestId('wave-number').first().textContent())!;
  await expect(page.getByTestId('pick-list-title')).toHaveText(`拣货单 ${number}`);

  await choosePrinter(page, '文档打印机', /^HP LaserJet/);
  await page.getByTestId('picking-print').click();
  await expect(page.getByTestId('picking-printed')).toHaveText('已发送到 HP LaserJet：1 页 × 1 份');
  const [job] = folderPrintJobs(harness.printedDir);
  expect(job).toMatchObject({ printer: 'HP_LaserJet', media: null });
  expect(decodeImage(rasterize(job!.pdfFile, 300)[0]!)).toContain(`CODE-128:${number}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/printing-picking-zh.png`, animations: 'disabled' });
});
