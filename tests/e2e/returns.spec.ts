import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { allocateByHand, insertFbmOrder, level, stockedProduct } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { scannerBurst } from './pages/scanner-burst';
import { expect, test } from './fixtures';

const ORDER = '111-0000001-0000001';
const TRACKING = '1Z999AA10123456784';
const GTIN_A = '6901234567892';

/**
 * A store selling a mug (with an EAN) and its lid from the Shenzhen warehouse; order ORDER (2 mugs + 1 lid, $50.00)
 * was packed and shipped with a UPS label, the way the packing station leaves it: stock out of the ledger and the
 * confirmation queued.
 */
async function seed(core: Core): Promise<{ mug: number; warehouseId: number }> {
  const store = await core.stores.create({ name: '深圳旗舰店', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
  const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const mug = await stockedProduct(core, { sku: 'MUG-WHITE', name: '白色陶瓷马克杯', gtin: GTIN_A, storeId: store.id, warehouseId: wh.id, onHand: 10 });
  await stockedProduct(core, { sku: 'MUG-LID', name: '杯盖', storeId: store.id, warehouseId: wh.id, onHand: 10 });
  await core.catalog.update(mug, { cost: { amountMinor: 1200, currency: 'CNY', effectiveDate: '2026-01-01' } });
  await insertFbmOrder(core, {
    id: ORDER,
    storeId: store.id,
    lines: [
      { orderItemId: '11', sellerSku: 'MUG-WHITE', quantity: 2 },
      { orderItemId: '12', sellerSku: 'MUG-LID', quantity: 1 },
    ],
  });
  await core.db('orders').where({ id: ORDER }).update({ currency: 'USD', grand_total_minor: 5000 });
  await allocateByHand(core, ORDER, wh.id);
  await core.db.transaction(async (trx) => {
    await core.inventory.shipOrder(trx, ORDER);
    await core.shipments.confirmIn(trx, { orderId: ORDER, carrierCode: 'UPS', trackingNumber: TRACKING });
  });
  return { mug, warehouseId: wh.id };
}

async function pick(page: Page, selectTestId: string, option: string) {
  await page.getByTestId(selectTestId).click({ force: true });
  await page.getByRole('option', { name: option }).click();
}

test('a clerk scans a returned parcel, counts it in, restocks one unit and scraps one, refunds; stock and the order show it', async ({ page, harness }) => {
  const core = harness.core;
  const { mug, warehouseId } = await seed(core);
  const shipped = await level(core, mug, warehouseId);
  expect(shipped).toEqual({ onHand: 8, reserved: 0 });

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('returns').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('售后');
  await expect(page.getByTestId('returns-idle')).toContainText('扫描退回的包裹');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // The outbound UPS label is still on the parcel: it leads to the order, every shipped unit offered back.
  await scannerBurst(page, TRACKING);
  const create = page.getByTestId('return-create');
  await expect(create).toHaveAttribute('data-order', ORDER);
  await expect(page.getByTestId('return-create-found')).toContainText(`按运单号 ${TRACKING} 找到`);
  const mugQty = page.getByTestId('return-create-line-MUG-WHITE').getByTestId('return-create-qty');
  const lidQty = page.getByTestId('return-create-line-MUG-LID').getByTestId('return-create-qty');
  await expect(mugQty).toHaveValue('2');
  await expect(lidQty).toHaveValue('1');
  // Only the mugs came back; one more than shipped is refused on the spot.
  await lidQty.fill('0');
  await mugQty.fill('3');
  await expect(page.getByTestId('return-create-submit')).toBeDisabled();
  await mugQty.fill('2');
  await expect(page.getByTestId('return-create-submit')).toBeDisabled();
  await pick(page, 'return-reason', '商品损坏');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/returns-create-zh.png', animations: 'disabled' });
  await page.getByTestId('return-create-submit').click();

  const panel = page.getByTestId('return-panel');
  await expect(page.getByTestId('returns-notice')).toHaveText(/^已创建退货单 RMA-\d{8}-0001$/);
  const rma = (await panel.getAttribute('data-rma'))!;
  await expect(page.getByTestId('return-panel-status')).toHaveText('待退回');
  await expect(page.getByTestId(`return-row-${rma}`).getByTestId('return-status')).toHaveText('待退回');

  // Counting at the door by scanning each mug's EAN; a third scan is one more than expected and is not counted.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await scannerBurst(page, GTIN_A);
  await expect(page.getByTestId('return-scan-verdict')).toHaveText('MUG-WHITE +1（1/2）');
  await scannerBurst(page, GTIN_A);
  await expect(page.getByTestId('return-scan-verdict')).toHaveText('MUG-WHITE +1（2/2）');
  await scannerBurst(page, GTIN_A);
  await expect(page.getByTestId('return-scan-verdict')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('return-scan-verdict')).toHaveText('MUG-WHITE 已清点 2 件，多扫的不计');
  await page.getByTestId('return-receive-submit').click();
  await expect(page.getByTestId('return-panel-status')).toHaveText('已收货');
  await expect(page.getByTestId('return-line-MUG-WHITE').getByTestId('return-line-received')).toHaveText('2');
  // Received is not sellable: nothing moved yet.
  expect(await level(core, mug, warehouseId)).toEqual(shipped);

  // Inspection: one mug is fine, one is chipped. The button waits until both units have an outcome.
  const line = page.getByTestId('inspect-line-MUG-WHITE');
  await line.getByTestId('inspect-restock').fill('1');
  await expect(page.getByTestId('return-inspect-submit')).toBeDisabled();
  await line.getByTestId('inspect-scrap').fill('1');
  await expect(line.getByTestId('inspect-left')).toHaveText('0');
  await page.getByTestId('inspect-note').fill('一只杯口破损');
  await page.screenshot({ path: 'test-results/screens/returns-inspect-zh.png' });
  await page.getByTestId('return-inspect-submit').click();
  await expect(page.getByTestId('return-panel-status')).toHaveText('已质检');
  await expect(page.getByTestId('returns-notice')).toHaveText(`${rma} 质检完成：上架 1 件，报废 1 件，退回供应商 0 件`);
  const outcomes = page.getByTestId('return-outcome-MUG-WHITE').getByTestId('return-disposition');
  await expect(outcomes).toHaveCount(2);
  await expect(outcomes.nth(0)).toHaveText('重新上架 ×1 · CN-SZ');
  await expect(page.getByTestId('return-outcome-MUG-WHITE').getByTestId('return-inspection-note')).toHaveText('一只杯口破损');
  await expect(outcomes.nth(1)).toHaveText(/^报废 ×1 · 成本 (CN)?¥12\.00$/);

  // The refund: $20.00 off the order's $50.00.
  await expect(page.getByTestId('return-order-net')).toHaveText('订单金额 US$50.00 − 退款 US$0.00 = 净额 US$50.00');
  await page.getByTestId('return-refund-amount').fill('60');
  await expect(page.getByTestId('return-refund-submit')).toBeDisabled();
  await page.getByTestId('return-refund-amount').fill('20.00');
  await page.getByTestId('return-refund-submit').click();
  await expect(page.getByTestId('return-refunded')).toContainText('本单已退款 US$20.00');
  await expect(page.getByTestId('return-order-net')).toHaveText('订单金额 US$50.00 − 退款 US$20.00 = 净额 US$30.00');
  await page.screenshot({ path: 'test-results/screens/returns-zh.png' });

  // Exactly the restocked unit went back on hand; the scrapped one never did.
  expect(await level(core, mug, warehouseId)).toEqual({ onHand: shipped.onHand + 1, reserved: 0 });
  await shell.nav('inventory').click();
  await expect(page.getByTestId('stock-row-MUG-WHITE').getByTestId('total-available')).toHaveText(String(shipped.onHand + 1));

  // The order shows its return and what it nets after the refund.
  await shell.nav('orders').click();
  await page.getByTestId('orders-search').fill(ORDER);
  await page.getByTestId(`order-row-${ORDER}`).click();
  const drawer = page.getByTestId('order-drawer');
  const entry = drawer.getByTestId(`detail-return-${rma}`);
  await expect(entry.getByTestId('detail-return-status')).toHaveText('已质检');
  await expect(entry.getByTestId('detail-return-refund')).toHaveText('退款 US$20.00');
  await expect(drawer.getByTestId('detail-order-net')).toHaveText('扣除退款后净额 US$30.00');
  await page.getByTestId('order-drawer-close').click();

  await shell.chooseLanguage('English');
  await shell.nav('returns').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Returns');
  await page.getByTestId(`return-row-${rma}`).click();
  await expect(page.getByTestId('return-panel-status')).toHaveText('Inspected');
  await expect(page.getByTestId('return-refunded')).toContainText('Refunded $20.00');
  await page.screenshot({ path: 'test-results/screens/returns-en.png' });
});

test('an unknown code is refused with its reason and changes nothing', async ({ page, harness }) => {
  await seed(harness.core);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('returns').click();
  await page.getByTestId('returns-search').fill('NOT-A-THING');
  await page.getByTestId('returns-find').click();
  await expect(page.getByTestId('returns-error')).toHaveText('找不到“NOT-A-THING”：它不是 RMA 号、订单号、已知运单号，也不是商品编码。');
  await expect(page.getByTestId('returns-empty')).toBeVisible();
  expect(await harness.core.db('returns').count({ n: '*' })).toEqual([{ n: 0 }]);
});
