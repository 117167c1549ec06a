import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { scannerBurst } from './pages/scanner-burst';
import { expect, test } from './fixtures';

const O1 = '111-0000001-0000001';
const O2 = '111-0000002-0000002';
const O3 = '111-0000003-0000003';
/** SKU-A's EAN on each unit, SKU-B's case of three. */
const GTIN_A = '6901234567892';
const CASE_B = '16901234567899';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * One warehouse, two products on bins whose pick order is the reverse of their codes (B-05 is walked before A-01),
 * and three allocated orders: O2 ships first (2×A + 1×B), then O1 (1×A), then O3 (3×B). A carries an EAN, B a case
 * code of three units.
 */
async function seed(core: Core): Promise<{ warehouseId: number }> {
  const store = await core.stores.create({ name: '深圳旗舰店', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const a = await stockedProduct(core, { sku: 'SKU-A', name: '陶瓷马克杯', gtin: GTIN_A, storeId: store.id, warehouseId: wh.id, onHand: 20 });
  const b = await stockedProduct(core, { sku: 'SKU-B', name: '杯盖', caseCode: { code: CASE_B, units: 3 }, storeId: store.id, warehouseId: wh.id, onHand: 20 });
  const binA = await core.warehouses.createBin({ warehouseId: wh.id, code: 'A-01', pickOrder: 10 });
  const binB = await core.warehouses.createBin({ warehouseId: wh.id, code: 'B-05', pickOrder: 5 });
  await core.warehouses.assignBin({ productId: a, binId: binA.id });
  await core.warehouses.assignBin({ productId: b, binId: binB.id });
  await insertFbmOrder(core, { id: O1, storeId: store.id, shipBy: inHours(10), lines: [{ orderItemId: '11', sellerSku: 'SKU-A', quantity: 1 }] });
  await insertFbmOrder(core, {
    id: O2,
    storeId: store.id,
    shipBy: inHours(5),
    lines: [
      { orderItemId: '21', sellerSku: 'SKU-A', quantity: 2 },
      { orderItemId: '22', sellerSku: 'SKU-B', quantity: 1 },
    ],
  });
  await insertFbmOrder(core, { id: O3, storeId: store.id, shipBy: inHours(20), lines: [{ orderItemId: '31', sellerSku: 'SKU-B', quantity: 3 }] });
  for (const id of [O1, O2, O3]) await allocateByHand(core, id, wh.id);
  return { warehouseId: wh.id };
}

const states = (core: Core) => core.db('order_workflow').orderBy('order_id').select<{ order_id: string; state: string; tote: string | null }[]>('order_id', 'state', 'tote');

test('a clerk creates a wave, reads the bin-ordered pick list, downloads it as PDF and closes the wave', async ({ page, harness }) => {
  await seed(harness.core);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('picking').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('拣货');
  await expect(page.getByTestId('picking-warehouse')).toHaveValue(/\d+/);
  await expect(page.getByTestId('picking-candidates')).toHaveText('可拣订单 3');
  await expect(page.getByTestId('picking-no-waves')).toBeVisible();

  await page.getByTestId('picking-max-orders').fill('3');
  await page.getByTestId('picking-create-wave').click();
  await expect(page.getByTestId('picking-created')).toContainText('（3 个订单）');
  await expect(page.getByTestId('picking-candidates')).toHaveText('可拣订单 0');
  const number = (await page.getByTestId('wave-number').first().textContent())!;
  expect(number).toMatch(/^W-\d{8}-001$/);
  await expect(page.getByTestId(`wave-row-${number}`).getByTestId('wave-status')).toHaveText('拣货中');

  // Bin B-05 is walked first; each SKU appears once with the units per tote (earliest ship-by gets T01).
  const table = page.getByTestId('pick-table');
  await expect(page.getByTestId('pick-list-title')).toHaveText(`拣货单 ${number}`);
  await expect(table.getByTestId('pick-sku')).toHaveText(['SKU-B', 'SKU-A']);
  await expect(table.getByTestId('pick-bin')).toHaveText(['B-05', 'A-01']);
  await expect(table.getByTestId('pick-total')).toHaveText(['4', '3']);
  await expect(page.getByTestId('pick-row-SKU-B').getByTestId('pick-tote')).toHaveText(['T01 ×1', 'T03 ×3']);
  await expect(page.getByTestId('pick-row-SKU-A').getByTestId('pick-tote')).toHaveText(['T01 ×2', 'T02 ×1']);
  await expect(page.getByTestId('pick-row-SKU-A').getByTestId('pick-tote').first()).toHaveAttribute('data-order', O2);
  await expect(page.getByTestId('pick-list-totals')).toHaveText('3 个订单 · 2 个 SKU · 共 7 件');
  await page.screenshot({ path: 'test-results/screens/picking-zh-CN.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('picking-pdf').click()]);
  expect(download.suggestedFilename()).toContain(number);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  expect((await states(harness.core)).map((r) => r.state)).toEqual(['picking', 'picking', 'picking']);
  await page.getByTestId('picking-close').click();
  await page.getByTestId('picking-close-confirm').click();
  await expect(page.getByTestId(`wave-row-${number}`).getByTestId('wave-status')).toHaveText('已关闭');
  await expect(page.getByTestId('picking-close')).toBeDisabled();
  // Orders not packed go back to the pool for the next wave, without totes.
  await expect(page.getByTestId('picking-candidates')).toHaveText('可拣订单 3');
  expect(await states(harness.core)).toEqual([
    { order_id: O1, state: 'allocated', tote: null },
    { order_id: O2, state: 'allocated', tote: null },
    { order_id: O3, state: 'allocated', tote: null },
  ]);
});

/**
 * The picker's hands in scan-picking mode: scanner bursts (real key events 2 ms apart, then Enter, with no field
 * focused, as PackingPage sends them) and function keys.
 */
class PickScanPage {

  constructor(readonly page: Page) {}

  readonly screen = () => this.page.getByTestId('pick-scan');
  readonly verdict = () => this.page.getByTestId('pick-verdict');
  readonly title = () => this.page.getByTestId('pick-verdict-title');
  readonly detail = () => this.page.getByTestId('pick-verdict-detail');
  readonly bin = () => this.page.getByTestId('pick-stop-bin');
  readonly sku = () => this.page.getByTestId('pick-stop-sku');
  readonly count = () => this.page.getByTestId('pick-stop-count');
  readonly progress = () => this.page.getByTestId('pick-scan-progress');

  /** A scanner burst, not waiting for any answer (the waves screen answers by opening the wave). */
  burst(code: string) {
    return scannerBurst(this.page, code);
  }

  /** A scan in scan-picking mode: waits for its verdict so the next scan is a separate event. */
  async scan(code: string) {
    const before = await this.verdict().getAttribute('data-entry');
    await this.burst(code);
    await this.page.waitForFunction((prev) => document.querySelector('[data-testid="pick-verdict"]')?.getAttribute('data-entry') !== prev, before);
  }

  async press(key: string) {
    const before = await this.verdict().getAttribute('data-entry');
    await this.page.keyboard.press(key);
    return before;
  }
}

async function openPicking(page: Page, url: string) {
  const shell = new AppShell(page);
  await shell.open(url);
  await shell.nav('picking').click();
  await expect(page.getByTestId('picking-candidates')).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return { shell, pick: new PickScanPage(page) };
}

const waveRow = (core: Core, id: number) => core.db('waves').where({ id }).first<{ status: string }>('status');

test('a picker walks a two-stop wave by scanner alone: wrong bin and wrong item refused, a reload resumes the stop, the last unit marks the wave picked', async ({ page, harness }) => {
  const core = harness.core;
  const { warehouseId } = await seed(core);
  const wave = await core.picking.createWave({ warehouseId });
  const { pick } = await openPicking(page, harness.url);

  // The wave barcode off the printed pick list opens scan picking at the first stop in bin order.
  await pick.burst(wave.number);
  await expect(pick.screen()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`扫描拣货 ${wave.number}`);
  await expect(pick.bin()).toHaveText('B-05');
  await expect(pick.sku()).toHaveText('SKU-B');
  await expect(pick.progress()).toHaveText('第 1 / 2 站 · 已拣 0 / 7 件');
  await expect(page.getByTestId('pick-stop-step')).toHaveText('① 扫描库位条码');

  // The next shelf's label: refused red, naming the bin to go to.
  await pick.scan('A-01');
  await expect(pick.verdict()).toHaveAttribute('data-verdict', 'error');
  await expect(pick.verdict()).toHaveAttribute('data-reason', 'wrong-bin');
  await expect(pick.detail()).toHaveText('扫到的是 A-01，请去库位 B-05');
  await pick.scan('B-05');
  await expect(pick.verdict()).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('pick-stop-step')).toHaveText('② 扫描商品');

  // The unit from the neighbouring bin: refused, nothing counted.
  await pick.scan(GTIN_A);
  await expect(pick.verdict()).toHaveAttribute('data-reason', 'wrong-item');
  await expect(pick.detail()).toHaveText('SKU-A 不是这一站的商品，请拿 SKU-B');
  await expect(pick.count()).toHaveText('已拣 0 / 4');

  // One loose unit by its SKU label, then a case of three: the totes fill earliest ship-by first.
  await pick.scan('SKU-B');
  await expect(pick.title()).toHaveText('✓ SKU-B +1');
  await expect(pick.detail()).toHaveText('放入 T01 ×1');
  await expect(pick.count()).toHaveText('已拣 1 / 4');
  await pick.scan(CASE_B);
  await expect(pick.detail()).toHaveText('放入 T03 ×3');

  // Stop two: its bin again before its units.
  await expect(pick.bin()).toHaveText('A-01');
  await pick.scan(GTIN_A);
  await expect(pick.verdict()).toHaveAttribute('data-reason', 'scan-bin-first');
  await pick.scan('A-01');
  await pick.scan(GTIN_A);
  await expect(pick.detail()).toHaveText('放入 T01 ×1');
  await expect(pick.count()).toHaveText('已拣 1 / 3');
  await expect(pick.progress()).toHaveText('第 2 / 2 站 · 已拣 5 / 7 件');
  await page.screenshot({ path: 'test-results/screens/pick-scan-zh.png' });
  const entry = await pick.verdict().getAttribute('data-entry');

  // A reload mid-wave: same wave, same stop, bin still confirmed, same counts, same verdict on screen.
  await page.reload();
  await expect(pick.screen()).toBeVisible();
  await expect(pick.bin()).toContainText('A-01');
  await expect(page.getByTestId('pick-stop')).toHaveAttribute('data-bin-ok', 'true');
  await expect(pick.count()).toHaveText('已拣 1 / 3');
  await expect(pick.progress()).toHaveText('第 2 / 2 站 · 已拣 5 / 7 件');
  await expect(pick.verdict()).toHaveAttribute('data-entry', entry!);
  expect((await waveRow(core, wave.id)).status).toBe('open');

  // The journal's double-scan window outlives a reload too: the next unit comes a moment after the last.
  await page.waitForTimeout(1100);
  await pick.scan(GTIN_A);
  await expect(pick.detail()).toHaveText('放入 T01 ×1');
  // The same label read again at once is one unit read twice; the next unit is picked up a moment later.
  await pick.scan(GTIN_A);
  await expect(pick.verdict()).toHaveAttribute('data-reason', 'double-scan');
  await page.waitForTimeout(1100);
  await pick.scan(GTIN_A);
  await expect(pick.verdict()).toHaveAttribute('data-kind', 'complete');
  await expect(pick.verdict()).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('pick-done')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('pick-done-body')).toHaveText('已拣 7 件，缺货 0 件。订单留在“拣货中”，等待打包。');

  // Picked: the orders wait in picking for the packing station, nothing short.
  expect(await waveRow(core, wave.id)).toEqual({ status: 'picked' });
  expect((await states(core)).map((r) => r.state)).toEqual(['picking', 'picking', 'picking']);
  expect(await core.db('wave_shorts').count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`wave-row-${wave.number}`).getByTestId('wave-status')).toHaveText('已拣完');
});

test('a short pick (F8, Enter) is flagged on the wave against the last tote of the stop (en)', async ({ page, harness }) => {
  const core = harness.core;
  const { warehouseId } = await seed(core);
  const wave = await core.picking.createWave({ warehouseId });
  const { shell, pick } = await openPicking(page, harness.url);
  await shell.chooseLanguage('English');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Opened from the pick list panel this time.
  await page.getByTestId(`wave-row-${wave.number}`).click();
  await page.getByTestId('picking-scan-mode').click();
  await expect(pick.screen()).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // A short only from the shelf itself: F8 before the bin scan is refused.
  await pick.press('F8');
  await expect(pick.verdict()).toHaveAttribute('data-reason', 'scan-bin-first');
  await expect(pick.detail()).toHaveText('Scan the label of bin B-05 first, then the items');
  await pick.scan('B-05');
  await pick.scan(CASE_B);
  await expect(pick.detail()).toHaveText('Put into T01 ×1 · T03 ×2');

  // The shelf is empty: F8 asks, Esc keeps picking, F8 + Enter reports the last unit short.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('pick-short-dialog')).toHaveText('1 of SKU-B still missing at bin B-05 will be reported short and flagged on the wave.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pick-short-dialog')).toBeHidden();
  await expect(pick.screen()).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('pick-short-dialog')).toBeVisible();
  const before = await pick.press('Enter');
  await page.waitForFunction((prev) => document.querySelector('[data-testid="pick-verdict"]')?.getAttribute('data-entry') !== prev, before);
  await expect(pick.title()).toHaveText('✓ Short reported');
  await expect(pick.detail()).toHaveText('SKU-B: 1 short — T03 ×1');
  await expect(pick.bin()).toHaveText('A-01');
  await expect(page.getByTestId('pick-route-row').first()).toHaveAttribute('data-state', 'short');

  await pick.scan('A-01');
  await pick.scan('SKU-A');
  await page.screenshot({ path: 'test-results/screens/pick-scan-en.png' });
  await page.waitForTimeout(1100);
  await pick.scan('SKU-A');
  await page.waitForTimeout(1100);
  await pick.scan('SKU-A');
  await expect(page.getByTestId('pick-done')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('pick-done-short')).toHaveText(['T03 · SKU-B 1 short (bin B-05)']);
  await page.screenshot({ path: 'test-results/screens/pick-scan-done-en.png' });

  expect(await core.db('wave_shorts').select('order_id', 'tote', 'bin_code', 'quantity')).toEqual([{ order_id: O3, tote: 'T03', bin_code: 'B-05', quantity: 1 }]);
  expect(await waveRow(core, wave.id)).toEqual({ status: 'picked' });

  // Back on the waves: the wave is picked and flagged; its pick list shows which tote is short.
  await page.keyboard.press('Escape');
  const row = page.getByTestId(`wave-row-${wave.number}`);
  await expect(row.getByTestId('wave-status')).toHaveText('Picked');
  await expect(row.getByTestId('wave-short')).toHaveText('1 short');
  await row.click();
  await expect(page.getByTestId('pick-list-short')).toHaveText('1 short');
  await expect(page.getByTestId('pick-row-SKU-B').getByTestId('pick-tote')).toHaveText(['T01 ×1', 'T03 ×3 · 1 short']);
  await expect(page.getByTestId('picking-scan-mode')).toBeDisabled();
});
