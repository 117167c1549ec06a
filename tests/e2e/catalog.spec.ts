import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

async function shot(page: Page, name: string) {
  // Transitions finished, so a button that was just re-enabled is shown as the user sees it a moment later.
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}

/**
 * The GB18030 catalog (Excel "CSV" from a Chinese Windows) with one digit of the lamp's UPC mistyped: the bytes of
 * ASCII digits are the same in GB18030, so the rest of the file stays exactly as Excel wrote it.
 */
function gb18030WithBadUpc(): Buffer {
  const bytes = fs.readFileSync(path.resolve('tests/fixtures/files/catalog-gb18030.csv'));
  const good = Buffer.from('036000291452');
  const at = bytes.indexOf(good);
  expect(at).toBeGreaterThan(0);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from('036000291453'), bytes.subarray(at + good.length)]);
}

async function pick(page: Page, select: ReturnType<Page['getByTestId']>, option: string) {
  // MUI's select keeps its native input hidden; the visible button opens the list.
  await select.click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a seller imports a GB18030 file with a bad UPC, finds a product by FNSKU, edits it, builds a bundle and exports (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  // Products the seller already had before the file: two of the bundle's components.
  await core.catalog.create({ sku: 'CUP-LID-01', name: '马克杯木盖' });
  await core.catalog.create({ sku: 'GIFT-BOX-01', name: '礼品纸盒 大号' });

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('catalog').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('商品资料');
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 2 / 2 个商品');

  // Import: the preview names the encoding, counts the rows and puts the error on its exact line, in words.
  await page.getByTestId('catalog-import').click();
  const dialog = page.getByTestId('import-dialog');
  await page.getByTestId('import-file').setInputFiles({ name: '商品资料-财务版.csv', mimeType: 'text/csv', buffer: gb18030WithBadUpc() });
  await expect(dialog.getByTestId('import-encoding')).toHaveText('GB18030（简体中文 Windows）');
  await expect(dialog.getByTestId('import-format')).toHaveText('CSV 文本');
  await expect(dialog.getByTestId('import-rows')).toHaveText('3');
  await expect(dialog.getByTestId('import-valid')).toHaveText('2');
  await expect(dialog.getByTestId('import-problems')).toHaveText('1');
  const error = dialog.getByTestId('import-error');
  await expect(error).toHaveCount(1);
  await expect(error).toHaveAttribute('data-line', '3');
  await expect(error.getByTestId('import-error-line')).toHaveText('3');
  await expect(error).toContainText('UPC/EAN');
  await expect(error.getByTestId('import-error-message')).toHaveText('条码 036000291453 的校验位（最后一位）不对，请核对是否输错');
  await expect(dialog.getByTestId('import-sample-CN-MUG-01')).toContainText('新建');
  await expect(dialog.getByTestId('import-sample-SET-MUG-2')).toContainText('马克杯两只装');
  await expect(dialog.getByTestId('import-sample-CN-LAMP-02')).toHaveCount(0);
  // Nothing is written by a preview, and a file with errors cannot be imported whole.
  expect((await core.catalog.search({})).total).toBe(2);
  await expect(dialog.getByTestId('import-all')).toBeDisabled();
  await shot(page, 'catalog-import-preview');

  await dialog.getByTestId('import-valid-only').click();
  await expect(dialog.getByTestId('import-result')).toHaveText('导入完成：新建 2 个，更新 0 个，跳过 1 行。');
  // The skipped line stays listed with its reason, so the seller knows what to fix.
  await expect(dialog.getByTestId('import-error')).toHaveAttribute('data-line', '3');
  await shot(page, 'catalog-import-done');
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 4 / 4 个商品');
  expect((await core.catalog.search({})).rows.map((r) => r.sku).sort()).toEqual(['CN-MUG-01', 'CUP-LID-01', 'GIFT-BOX-01', 'SET-MUG-2']);

  // A scanner types the code and Enter: the product is found by its FNSKU, and the screen says so.
  const search = page.getByTestId('catalog-search');
  await search.fill('X00MUG0001');
  await search.press('Enter');
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 1 / 1 个商品');
  const mugRow = page.getByTestId('catalog-row-CN-MUG-01');
  await expect(mugRow.getByTestId('match-chip')).toHaveText('按 FNSKU 匹配');
  await expect(mugRow.getByTestId('catalog-codes')).toContainText('14006381333938（每箱 24 件）');
  await shot(page, 'catalog-search-fnsku');
  await search.fill('036000291452');
  await search.press('Enter');
  await expect(page.getByTestId('catalog-empty')).toHaveText('没有符合条件的商品。');
  await search.fill('4006381333931');
  await search.press('Enter');
  await expect(mugRow.getByTestId('match-chip')).toHaveText('按 UPC/EAN 匹配');

  // Edit: a carton of 12 gets its own barcode; a mistyped check digit is explained on that row before anything is sent.
  await mugRow.click();
  const editor = page.getByTestId('product-editor');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('编辑商品 · CN-MUG-01');
  await expect(editor.getByTestId('cost-history-row')).toHaveCount(1);
  // The supplier the file created is known to the editor, with its lead time.
  await expect(editor.getByRole('combobox', { name: '供应商' })).toHaveText('义乌陶瓷厂 · CNY · 交期 0 天');
  const codeRows = editor.locator('[data-testid^="code-row-"]');
  const n = await codeRows.count();
  expect(n).toBe(4);
  await editor.getByTestId('add-code').click();
  await pick(page, editor.getByTestId(`code-kind-${n}`), '箱规条码');
  await editor.getByTestId(`code-value-${n}`).fill('24006381333930');
  await editor.getByTestId(`code-units-${n}`).fill('12');
  await expect(editor.getByTestId(`code-row-${n}`)).toContainText('条码 24006381333930 的校验位（最后一位）不对');
  await shot(page, 'catalog-editor-check-digit');
  await editor.getByTestId(`code-value-${n}`).fill('24006381333935');
  await expect(editor.getByTestId(`code-row-${n}`)).not.toContainText('校验位');
  await editor.getByTestId('cost-amount').fill('13.80');
  await editor.getByTestId('product-save').click();
  await expect(editor.getByTestId('editor-saved')).toHaveText('已保存 CN-MUG-01');
  await expect(editor.getByTestId('cost-history-row')).toHaveCount(2);
  await expect(editor.getByTestId('cost-history-row').first()).toContainText('13.80 CNY');
  await shot(page, 'catalog-editor');
  await editor.getByTestId('cost-history').scrollIntoViewIfNeeded();
  await shot(page, 'catalog-editor-cost');

  const mugId = (await core.catalog.resolveScan('X00MUG0001')).productId;
  const mug = await core.catalog.get(mugId);
  expect(mug.codes).toContainEqual({ kind: 'case', code: '24006381333935', units: 12 });
  expect(mug.codes).toContainEqual({ kind: 'case', code: '14006381333938', units: 24 });
  expect(mug.cost).toMatchObject({ amountMinor: 1380, currency: 'CNY' });
  expect(mug.costHistory.map((c) => c.amountMinor)).toEqual([1380, 1250]);
  expect(await core.catalog.resolveScan('24006381333935')).toEqual({ productId: mugId, sku: 'CN-MUG-01', units: 12 });
  await editor.getByTestId('editor-close').click();
  await expect(editor).toBeHidden();

  // A 3-piece set (套) from existing SKUs; a barcode another product owns is refused on its row, and nothing is created.
  await page.getByTestId('catalog-new').click();
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('新建商品');
  await editor.getByTestId('product-sku').fill('SET-TEA-3');
  await editor.getByTestId('product-name').fill('马克杯礼盒三件套');
  await editor.getByTestId('product-kind-bundle').click();
  const components = [
    ['CN-MUG-01', '北欧风陶瓷马克杯 350ml'],
    ['CUP-LID-01', '马克杯木盖'],
    ['GIFT-BOX-01', '礼品纸盒 大号'],
  ] as const;
  for (const [i, [sku, name]] of components.entries()) {
    await editor.getByTestId('add-component').click();
    await editor.getByTestId(`component-sku-${i}`).fill(sku);
    await expect(editor.getByTestId(`component-row-${i}`)).toContainText(name);
  }
  await expect(editor.getByTestId('bundle-summary')).toHaveText('每卖出 1 套共拣 3 件');
  await editor.getByTestId('add-code').click();
  await editor.getByTestId('code-value-0').fill('4006381333931');
  await editor.getByTestId('product-save').click();
  await expect(editor.getByTestId('code-row-0')).toContainText('编码 4006381333931 已属于商品 CN-MUG-01。');
  await expect(editor.getByTestId('editor-error')).toHaveText('编码 4006381333931 已属于商品 CN-MUG-01。');
  expect((await core.catalog.search({ query: 'SET-TEA-3' })).total).toBe(0);
  await shot(page, 'catalog-bundle-refused');
  await editor.getByTestId('code-value-0').fill('6970123456791');
  await editor.getByTestId('product-save').click();
  await expect(editor.getByTestId('editor-saved')).toHaveText('已创建 SET-TEA-3');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText('编辑商品 · SET-TEA-3');
  await shot(page, 'catalog-bundle');
  const setId = (await core.catalog.resolveScan('6970123456791')).productId;
  const set = await core.catalog.get(setId);
  expect(set).toMatchObject({ sku: 'SET-TEA-3', kind: 'bundle', name: '马克杯礼盒三件套' });
  expect(set.components.map((c) => [c.sku, c.quantity])).toEqual([
    ['CN-MUG-01', 1],
    ['CUP-LID-01', 1],
    ['GIFT-BOX-01', 1],
  ]);
  await editor.getByTestId('editor-close').click();

  // Export: a UTF-8 CSV with a BOM (Excel and WPS open it with the Chinese intact) and the headers in Chinese.
  await search.fill('');
  await search.press('Enter');
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 5 / 5 个商品');
  await shot(page, 'catalog-list');
  await page.getByTestId('catalog-export').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('catalog-export-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^商品资料-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/^SKU,品名,类型,/);
  expect(text).toContain('SET-TEA-3,马克杯礼盒三件套,组合');
  expect(text).toContain('CN-MUG-01*1;CUP-LID-01*1;GIFT-BOX-01*1');
  await expect(page.getByTestId('catalog-notice')).toContainText('已导出 商品资料-');
});
