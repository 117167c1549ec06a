import fs from 'node:fs';
import type { Core } from '../../main/core';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

const O1 = '111-0000001-0000001';
const O2 = '111-0000002-0000002';
const O3 = '111-0000003-0000003';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * One warehouse, two products on bins whose pick order is the reverse of their codes (B-05 is walked before A-01),
 * and three allocated orders: O2 ships first (2×A + 1×B), then O1 (1×A), then O3 (3×B).
 */
async function seed(core: Core): Promise<void> {
  const store = await core.stores.create({ name: '深圳旗舰店', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const a = await stockedProduct(core, { sku: 'SKU-A', name: '陶瓷马克杯', storeId: store.id, warehouseId: wh.id, onHand: 20 });
  const b = await stockedProduct(core, { sku: 'SKU-B', name: '杯盖', storeId: store.id, warehouseId: wh.id, onHand: 20 });
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
