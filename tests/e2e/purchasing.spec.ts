import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { postMovements } from '../../main/services/inventory/ledger';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

const US = 'ATVPDKIKX0DER';
const DAY = 86_400_000;

async function shot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
  if (size) await page.setViewportSize(size);
}

async function insert(core: Core, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await core.db(table).insert(row, ['id']);
  return typeof r === 'object' ? (r as { id: number }).id : (r as number);
}

/**
 * A seller shipping FBM from Shenzhen: one supplier (15-day lead time, CNY), a mug selling 4 a day with 60 left (a
 * reorder), a bottle selling 3 a day with 10 left (runs out before a new order lands), a lamp with plenty, and a
 * cable nobody buys. Stock arrived 100 days ago; sales are the last 30 days of Amazon orders.
 */
async function seed(core: Core) {
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const T = at(120);
  const storeId = await insert(core, 'stores', { name: '美国站', region: 'na', created_at: T });
  await core.db('store_marketplaces').insert({ store_id: storeId, marketplace_id: US });
  const sz = await insert(core, 'warehouses', { code: 'CN-SZ', name: '深圳仓', kind: 'domestic', created_at: T });
  const supplierId = await insert(core, 'suppliers', { name: '义乌陶瓷厂', currency: 'CNY', lead_time_days: 15, created_at: T, updated_at: T });
  const product = (sku: string, name: string, supplier: number | null) =>
    insert(core, 'products', { sku, name, kind: 'unit', supplier_id: supplier, safety_days: 14, created_at: T, updated_at: T });
  const mug = await product('MUG-WHITE-350', '陶瓷马克杯 白色 350ml', supplierId);
  const bottle = await product('BOTTLE-500', '不锈钢保温杯 500ml', supplierId);
  const lamp = await product('LAMP-LED-01', 'LED 台灯 护眼 USB', supplierId);
  const cable = await product('CABLE-USBC-1M', 'USB-C 数据线 1 米', null);
  // The mug ships in cartons of 24: the suggestion is rounded up to whole cartons.
  await core.db('product_codes').insert({ product_id: mug, kind: 'case', code: 'CASE-MUG-24', units: 24 });
  await core.db('product_costs').insert([
    { product_id: mug, effective_date: at(120).slice(0, 10), cost_minor: 1250, currency: 'CNY' },
    { product_id: bottle, effective_date: at(120).slice(0, 10), cost_minor: 2680, currency: 'CNY' },
  ]);
  const listings: [string, number][] = [
    ['MUG-W350-FBM', mug],
    ['BOTTLE-FBM', bottle],
    ['LAMP-FBM', lamp],
    ['CABLE-FBM', cable],
  ];
  await core.db('product_listings').insert(listings.map(([sellerSku, productId]) => ({ store_id: storeId, marketplace_id: US, seller_sku: sellerSku, product_id: productId, fbm_warehouse_id: sz })));
  await core.db.transaction((trx) =>
    postMovements(
      trx,
      [
        { productId: mug, warehouseId: sz, kind: 'receive', onHand: 60, refType: 'po', refId: 'PO-OPENING' },
        { productId: bottle, warehouseId: sz, kind: 'receive', onHand: 10, refType: 'po', refId: 'PO-OPENING' },
        { productId: lamp, warehouseId: sz, kind: 'receive', onHand: 200, refType: 'po', refId: 'PO-OPENING' },
        { productId: cable, warehouseId: sz, kind: 'receive', onHand: 50, refType: 'po', refId: 'PO-OPENING' },
      ],
      { actor: 'system:test', now: at(100) },
    ),
  );
  let n = 0;
  const orders: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  for (let d = 0; d < 30; d++) {
    for (const [sellerSku, quantity] of [['MUG-W350-FBM', 4], ['BOTTLE-FBM', 3], ['LAMP-FBM', 1]] as const) {
      const id = `113-0000000-${String(++n).padStart(7, '0')}`;
      // Amazon's timestamps carry no milliseconds.
      const created = at(d + 0.5).replace(/\.\d{3}Z$/, 'Z');
      orders.push({ id, store_id: storeId, marketplace_id: US, status: 'SHIPPED', fulfilled_by: 'MERCHANT', created_time: created, last_updated_time: created, synced_at: created });
      items.push({ order_id: id, order_item_id: `${id}-1`, seller_sku: sellerSku, quantity_ordered: quantity });
    }
  }
  await core.db.batchInsert('orders', orders, 30);
  await core.db.batchInsert('order_items', items, 30);
  return { mug, bottle, sz };
}

test('a buyer orders what the plan suggests, sends the PO with its PDF, and the clerk receives part of it with a QC failure (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  const { mug, bottle } = await seed(core);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('purchasing').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('采购');

  // The plan: 4/day with 60 left lasts 15 days; the reorder point is 4 × (15 + 14) = 116; up to 4 × 59 = 236 that is
  // 176 more, 8 cartons of 24 = 192.
  const mugRow = page.getByTestId('cover-row-MUG-WHITE-350');
  await expect(mugRow.getByTestId('cover-status')).toHaveText('需补货');
  await expect(mugRow.getByTestId('cover-sold')).toHaveText('28 / 120 / 120');
  await expect(mugRow.getByTestId('cover-velocity')).toHaveText('4');
  await expect(mugRow.getByTestId('cover-available')).toHaveText('60');
  await expect(mugRow.getByTestId('cover-days')).toHaveText('15');
  await expect(mugRow.getByTestId('cover-rop')).toHaveText('116');
  await expect(mugRow.getByTestId('cover-suggested')).toHaveText('192');
  // 120 sold over 90 days against 60 on hand throughout.
  await expect(mugRow.getByTestId('cover-turnover')).toHaveText('2');
  // 10 bottles at 3/day last 3.3 days, far less than the 15-day lead time.
  const bottleRow = page.getByTestId('cover-row-BOTTLE-500');
  await expect(bottleRow.getByTestId('cover-status')).toHaveText('断货风险');
  await expect(bottleRow.getByTestId('cover-suggested')).toHaveText('167');
  await expect(page.getByTestId('cover-row-LAMP-LED-01').getByTestId('cover-status')).toHaveText('充足');
  await expect(page.getByTestId('cover-row-CABLE-USBC-1M').getByTestId('cover-status')).toHaveText('无销量');
  // Most urgent first.
  await expect(page.getByTestId('cover-table').getByTestId('cover-status')).toHaveText(['断货风险', '需补货', '充足', '无销量']);
  await shot(page, 'purchasing-plan');

  await page.getByTestId('cover-filter-needs-order').click();
  await expect(page.getByTestId('cover-table').getByTestId('cover-status')).toHaveText(['断货风险', '需补货']);
  await page.getByTestId('cover-pick-all').click();
  await expect(page.getByTestId('plan-picked')).toHaveText('已选 2 个 SKU，建议采购 359 件');
  await page.getByTestId('plan-create').click();
  const createDialog = page.getByRole('dialog', { name: '生成采购单' });
  // 192 × ¥12.50 + 167 × ¥26.80 = ¥2,400.00 + ¥4,475.60.
  await expect(createDialog.getByTestId('create-group-summary')).toHaveText('2 个 SKU · 359 件 · 预估 ¥6,875.60 · 采购周期 15 天');
  await shot(page, 'purchasing-create');
  await createDialog.getByTestId('create-submit').click();
  await expect(createDialog).toBeHidden();

  const panel = page.getByTestId('po-panel');
  await expect(panel.getByTestId('order-status')).toHaveText('草稿');
  const number = (await panel.getByTestId('po-panel-number').textContent()) ?? '';
  expect(number).toMatch(/^PO-\d{8}-001$/);
  await expect(page.getByTestId('create-notice')).toHaveText(`已生成采购单：${number}`);
  await expect(panel.getByTestId('po-panel-total')).toHaveText('¥6,875.60');
  await expect(panel.getByTestId('po-line-MUG-WHITE-350').getByTestId('line-quantity')).toHaveText('192');
  await expect(panel.getByTestId('po-line-BOTTLE-500').getByTestId('line-quantity')).toHaveText('167');
  // A draft cannot be received yet: it is not with the supplier.
  await expect(panel.getByTestId('po-receive')).toHaveCount(0);

  await panel.getByTestId('po-send').click();
  await expect(panel.getByTestId('order-status')).toHaveText('已下单');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('po-pdf').click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const pdf = fs.readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1000);

  await panel.getByTestId('po-receive').click();
  const receiveDialog = page.getByRole('dialog', { name: `到货登记 · ${number}` });
  const mugLine = receiveDialog.getByTestId('receive-line-MUG-WHITE-350');
  // Everything still open is assumed to have arrived and passed until the clerk says otherwise.
  await expect(mugLine.getByTestId('receive-passed')).toHaveValue('192');
  await mugLine.getByTestId('receive-passed').fill('100');
  await mugLine.getByTestId('receive-failed').fill('4');
  await mugLine.getByTestId('receive-note').fill('4 个杯口破损');
  // The bottles are not in this delivery.
  await receiveDialog.getByTestId('receive-line-BOTTLE-500').getByTestId('receive-passed').fill('0');
  await expect(receiveDialog.getByTestId('receive-summary')).toHaveText('本次合格入库 100 件，不合格 4 件');
  await shot(page, 'purchasing-receive');
  await receiveDialog.getByTestId('receive-submit').click();
  await expect(receiveDialog).toBeHidden();

  await expect(panel.getByTestId('order-status')).toHaveText('部分到货');
  const mugPoLine = panel.getByTestId('po-line-MUG-WHITE-350');
  await expect(mugPoLine.getByTestId('line-received')).toHaveText('100');
  await expect(mugPoLine.getByTestId('line-rejected')).toHaveText('4');
  await expect(mugPoLine.getByTestId('line-open')).toHaveText('88');
  await expect(panel.getByTestId('po-line-BOTTLE-500').getByTestId('line-open')).toHaveText('167');
  await expect(panel.getByTestId('receipt-row')).toHaveCount(1);
  await expect(panel.getByTestId('receipt-row').getByTestId('receipt-passed')).toHaveText('100');
  await expect(panel.getByTestId('receipt-row').getByTestId('receipt-failed')).toHaveText('4');
  await expect(panel.getByTestId('receipt-row')).toContainText('4 个杯口破损');
  await shot(page, 'purchasing-po-partial');

  const listRow = page.getByTestId(`po-row-${number}`);
  await expect(listRow.getByTestId('order-status')).toHaveText('部分到货');
  await expect(listRow.getByTestId('po-ordered')).toHaveText('359');
  await expect(listRow.getByTestId('po-received')).toHaveText('100');
  await expect(listRow.getByTestId('po-rejected')).toHaveText('4');

  // The ledger has the passed units only, referenced to the PO; the failed ones and the missing bottles never went on hand.
  const mugMoves = await core.inventory.movements(mug, { limit: 10 });
  expect(mugMoves.rows[0]).toMatchObject({ kind: 'receive', onHandDelta: 100, refType: 'po', refId: number, note: '4 个杯口破损' });
  expect(mugMoves.rows).toHaveLength(2);
  expect((await core.inventory.movements(bottle, { limit: 10 })).rows).toHaveLength(1);

  // Back on the plan the mug is covered now: 160 available plus 88 still on order.
  await panel.getByRole('button', { name: '关闭' }).click();
  await expect(panel).toBeHidden();
  // The drawer's backdrop fades out after the panel: wait for it to be gone before the picture.
  await expect(page.locator('.MuiDrawer-modal')).toHaveCount(0);
  await shot(page, 'purchasing-orders');
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('cover-filter-all').click();
  await expect(mugRow.getByTestId('cover-available')).toHaveText('160');
  await expect(mugRow.getByTestId('cover-on-order')).toHaveText('88');
  await expect(mugRow.getByTestId('cover-status')).toHaveText('充足');

  // And the inventory screen shows the stock.
  await shell.nav('inventory').click();
  await expect(page.getByTestId('stock-row-MUG-WHITE-350').getByTestId('total-available')).toHaveText('160');
});

test('a delivery already checked in at another station is refused as an over-receipt, with the reason, and changes nothing (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  const { mug, sz } = await seed(core);
  const supplier = await core.db('suppliers').first<{ id: number }>('id');
  const po = await core.purchasing.createOrder({ supplierId: supplier!.id, warehouseId: sz, lines: [{ productId: mug, quantity: 48, unitCostMinor: 1250 }] });
  await core.purchasing.send(po.id);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('purchasing').click();
  await page.getByTestId('tab-orders').click();
  await page.getByTestId(`po-row-${po.number}`).click();
  const panel = page.getByTestId('po-panel');
  await expect(panel.getByTestId('order-status')).toHaveText('已下单');
  await panel.getByTestId('po-receive').click();
  const dialog = page.getByRole('dialog', { name: `到货登记 · ${po.number}` });
  await expect(dialog.getByTestId('receive-passed')).toHaveValue('48');

  // Meanwhile the warehouse's other station checks in 40 of them.
  await core.purchasing.receive(po.id, { lines: [{ lineId: po.lines[0]!.id, passed: 40, failed: 0 }] });
  const before = await core.db('stock_movements').count({ n: '*' }).first();

  await dialog.getByTestId('receive-submit').click();
  await expect(dialog.getByTestId('receive-error')).toHaveText(
    '超收：MUG-WHITE-350 只剩 8 件未到，本次登记了 48 件。可能其他工位已登记过这批货，请核对后重试。',
  );
  await expect(dialog).toBeVisible();
  // The dialog now shows what is really open and holds the clerk back until the entry fits.
  await expect(dialog.getByTestId('receive-open')).toHaveText('8');
  await expect(dialog.getByTestId('receive-line-error')).toHaveText('合格 + 不合格不能超过未到数量 8');
  await expect(dialog.getByTestId('receive-submit')).toBeDisabled();
  await shot(page, 'purchasing-over-receipt');
  expect(await core.db('stock_movements').count({ n: '*' }).first()).toEqual(before);
  expect((await core.purchasing.get(po.id)).receipts).toHaveLength(1);

  await dialog.getByTestId('receive-passed').fill('8');
  await dialog.getByTestId('receive-submit').click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('order-status')).toHaveText('全部到货');
  await expect(panel.getByTestId('po-receive')).toHaveCount(0);
  expect((await core.inventory.movements(mug, { limit: 10 })).rows.map((m) => m.onHandDelta)).toEqual([8, 40, 60]);

  // The same screens in English, for a look at the longer labels.
  await panel.getByRole('button', { name: '关闭' }).click();
  await expect(panel).toBeHidden();
  await expect(page.locator('.MuiDrawer-modal')).toHaveCount(0);
  await shell.chooseLanguage('English');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(page.getByTestId(`po-row-${po.number}`).getByTestId('order-status')).toHaveText('Received');
  await shot(page, 'purchasing-orders-en');
  await page.getByTestId('tab-plan').click();
  await expect(page.getByTestId('cover-row-MUG-WHITE-350').getByTestId('cover-on-order')).toHaveText('—');
  await shot(page, 'purchasing-plan-en');
});
