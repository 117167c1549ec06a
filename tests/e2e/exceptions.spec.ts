import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import type { SpOrder } from '../../main/spapi/schemas/orders';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import { stockedProduct } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

const US = 'ATVPDKIKX0DER';
const HIGH = '111-0000001-0000001';
const UNMAPPED = '111-0000001-0000002';
const NO_WEIGHT = '111-0000001-0000003';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/exceptions-${name}.png`, fullPage: true });
}

/** An order as Amazon sends it; each with its own buyer and street so the duplicate-order rule stays quiet. */
function spOrder(id: string, n: number, total: string, items: { id: string; sku: string; quantity: number }[]): SpOrder {
  const now = new Date();
  return {
    orderId: id,
    createdTime: now.toISOString(),
    lastUpdatedTime: now.toISOString(),
    salesChannel: { channelName: 'Amazon.com', marketplaceId: US },
    buyer: { buyerName: `Buyer ${n}`, buyerEmail: `${id}@marketplace.amazon.com` },
    recipient: { deliveryAddress: { name: `Buyer ${n}`, addressLine1: `${n}00 Maple Ave`, city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US', phone: '+1 206-555-0142' } },
    proceeds: { grandTotal: { amount: total, currencyCode: 'USD' } },
    fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD', shipByWindow: { latestDateTime: new Date(now.getTime() + 30 * 3600_000).toISOString() } },
    orderItems: items.map((i) => ({ orderItemId: i.id, quantityOrdered: i.quantity, product: { sellerSku: i.sku, title: i.sku, price: { unitPrice: { amount: total, currencyCode: 'USD' } } } })),
  } as SpOrder;
}

/** A seller with one warehouse, a weighed mug and an unweighed lid, a UPS rule for the US, and three orders the audit stops. */
async function seed(core: Core) {
  const store = await core.stores.create({ name: '深圳旗舰店', region: 'na', marketplaceIds: [US] });
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const mug = await stockedProduct(core, { sku: 'MUG', name: 'Mug', sellerSku: 'AMZ-MUG', storeId: store.id, warehouseId: sz.id, onHand: 20 });
  await stockedProduct(core, { sku: 'LID', name: 'Lid', sellerSku: 'AMZ-LID', storeId: store.id, warehouseId: sz.id, onHand: 20 });
  await core.db('products').where({ id: mug }).update({ weight_g: 300 });
  await core.fulfillment.rules.carrier.set([
    { priority: 1, name: 'US UPS', conditions: { countries: ['US'], weightG: { max: 30_000 } }, carrierCode: 'UPS' },
    { priority: 2, name: 'US any', conditions: { countries: ['US'] }, carrierCode: 'USPS' },
  ]);
  await core.db.transaction(async (trx) => {
    const ids = await storeOrderPage({ clock: core.clock, store, secretBox: core.secretBox }, trx, [
      spOrder(HIGH, 1, '899.00', [{ id: 'a', sku: 'AMZ-MUG', quantity: 1 }]),
      spOrder(UNMAPPED, 2, '19.99', [{ id: 'b', sku: 'AMZ-MUG-RED', quantity: 1 }]),
      spOrder(NO_WEIGHT, 3, '9.99', [{ id: 'c', sku: 'AMZ-LID', quantity: 2 }]),
    ]);
    await core.fulfillment.onOrdersSynced(trx, ids);
  });
  return { store, mug };
}

test('a clerk works the exception pool in Chinese and saves a carrier rule', async ({ page, harness }) => {
  const core = harness.core;
  const { store, mug } = await seed(core);
  expect((await core.fulfillment.exceptions({ limit: 50 })).rows.map((r) => [r.orderId, r.reasonCode]).sort()).toEqual([
    [HIGH, 'high-value'],
    [UNMAPPED, 'sku-unmapped'],
    [NO_WEIGHT, 'weight-unknown'],
  ]);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('exceptions').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('异常订单');

  // Chips count orders per reason; the reasons read as sentences, not codes.
  await expect(page.getByTestId('exceptions-chip-all')).toHaveText('全部 3');
  await expect(page.getByTestId('exceptions-chip-high-value')).toHaveText('高货值 1');
  await expect(page.getByTestId('exceptions-chip-sku-unmapped')).toHaveText('SKU 未配对 1');
  await expect(page.getByTestId('exceptions-chip-weight-unknown')).toHaveText('缺少重量 1');
  const high = page.getByTestId(`exception-row-${HIGH}`);
  await expect(high.getByTestId('exception-message')).toHaveText('订单金额 US$899.00 超过审单阈值 US$500.00');
  await expect(page.getByTestId(`exception-row-${UNMAPPED}`).getByTestId('exception-message')).toHaveText('卖家 SKU AMZ-MUG-RED 还没有配对商品，请先在商品页配对');
  await expect(page.getByTestId(`exception-row-${NO_WEIGHT}`).getByTestId('exception-message')).toHaveText('商品 LID 没有重量，无法匹配物流渠道');
  await expect(high).toContainText(/剩 1 天 (5|6) 小时/);
  await shot(page, 'pool-zh');

  // A chip narrows the list.
  await page.getByTestId('exceptions-chip-sku-unmapped').click();
  await expect(page.getByTestId(`exception-row-${HIGH}`)).toHaveCount(0);
  await expect(page.getByTestId(`exception-row-${UNMAPPED}`)).toBeVisible();
  await page.getByTestId('exceptions-chip-all').click();

  // Override the high-value order with a note: it leaves the pool, the note is in the audit log.
  await high.getByTestId('exception-override').click();
  await expect(page.getByTestId('resolve-confirm')).toBeDisabled();
  await page.getByTestId('resolve-note').fill('老客户，已电话确认');
  await shot(page, 'override-dialog');
  await page.getByTestId('resolve-confirm').click();
  await expect(page.getByTestId(`exception-row-${HIGH}`)).toHaveCount(0);
  await expect(page.getByTestId('exceptions-chip-all')).toHaveText('全部 2');
  expect(await core.fulfillment.workflowOf(HIGH)).toMatchObject({ state: 'allocated', carrierCode: 'UPS' });
  const trail = await core.db('audit_log').where({ entity_id: HIGH, action: 'order.exception.override' }).pluck('detail_json');
  expect(trail.map((d: string) => JSON.parse(d).note)).toEqual(['老客户，已电话确认']);

  // An unmapped SKU cannot be waved through: refused in words, nothing moves.
  const unmapped = page.getByTestId(`exception-row-${UNMAPPED}`);
  await unmapped.getByTestId('exception-override').click();
  await page.getByTestId('resolve-note').fill('先发了再说');
  await page.getByTestId('resolve-confirm').click();
  await expect(page.getByTestId('exceptions-refusal')).toHaveText(`订单 ${UNMAPPED}：这类异常（SKU 未配对、库存不足）不能忽略放行：请先处理原因（配对 SKU 或补充库存）后重新审核，或取消订单。`);
  await shot(page, 'refused');
  expect(await core.fulfillment.workflowOf(UNMAPPED)).toMatchObject({ state: 'exception' });

  // Map the SKU, recheck: the order is allocated and leaves the pool.
  await core.catalog.mapListing({ storeId: store.id, marketplaceId: US, sellerSku: 'AMZ-MUG-RED', productId: mug });
  await unmapped.getByTestId('exception-recheck').click();
  await expect(page.getByTestId(`exception-row-${UNMAPPED}`)).toHaveCount(0);
  await expect(page.getByTestId('exceptions-refusal')).toHaveCount(0);
  await expect(page.getByTestId('exceptions-chip-all')).toHaveText('全部 1');
  expect(await core.fulfillment.workflowOf(UNMAPPED)).toMatchObject({ state: 'allocated' });

  // Settings: a carrier rule with a code Amazon does not know is refused in words; Amazon's code saves.
  await shell.nav('settings').click();
  const panel = page.getByTestId('fulfillment-rules');
  await expect(panel.getByTestId('carrier-rule-0').getByTestId('carrier-code')).toHaveValue('UPS');
  await panel.getByTestId('carrier-rule-add').click();
  const rule = panel.getByTestId('carrier-rule-2');
  await rule.getByTestId('carrier-name').fill('轻小件 云途');
  await rule.getByTestId('carrier-countries').fill('US, CA');
  await rule.getByTestId('carrier-weight-max').fill('500');
  await rule.getByTestId('carrier-value-currency').fill('usd');
  await rule.getByTestId('carrier-value-max').fill('49.99');
  await rule.getByTestId('carrier-code').fill('Yun Express');
  await panel.getByTestId('carrier-rules-save').click();
  await expect(panel.getByTestId('rules-error-carrier')).toHaveText('承运商代码不在亚马逊认可的列表中，请从列表选择；列表中没有的承运商请选“Other”并填写名称。');
  expect(await core.fulfillment.rules.carrier.get()).toHaveLength(2);
  await rule.scrollIntoViewIfNeeded();
  await shot(page, 'carrier-refused');
  await rule.getByTestId('carrier-code').fill('YunExpress');
  await panel.getByTestId('carrier-rules-save').click();
  await expect(panel.getByTestId('rules-saved-carrier')).toBeVisible();
  expect((await core.fulfillment.rules.carrier.get()).map((r) => [r.name, r.carrierCode, r.conditions])).toEqual([
    ['US UPS', 'UPS', { countries: ['US'], weightG: { max: 30_000 } }],
    ['US any', 'USPS', { countries: ['US'] }],
    ['轻小件 云途', 'YunExpress', { countries: ['US', 'CA'], weightG: { max: 500 }, value: { currency: 'USD', max: 4999 } }],
  ]);
  await expect(rule.getByTestId('carrier-value-max')).toHaveValue('49.99');

  // High-value thresholds are typed as money per currency; what cannot be read is named and nothing is saved.
  const thresholds = panel.getByTestId('high-value-thresholds');
  await thresholds.fill('USD 150, 120');
  await panel.getByTestId('audit-rules-save').click();
  await expect(panel.getByText('看不懂「120」：请写成 币种 金额，如 USD 200（每个币种一次）')).toBeVisible();
  await thresholds.fill('USD 150, EUR 120.50');
  await panel.getByTestId('audit-rules-save').click();
  await expect(panel.getByTestId('rules-saved-audit')).toBeVisible();
  const highValue = (await core.fulfillment.rules.audit.get()).find((r) => r.code === 'high-value');
  expect(highValue?.params).toEqual({ thresholdsMinor: { USD: 15000, EUR: 12050 } });
  await expect(thresholds).toHaveValue('USD 150.00, EUR 120.50');
  await shot(page, 'settings-rules');
});
