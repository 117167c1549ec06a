import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { transition } from '../../main/services/fulfillment/workflow';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test.use({ demo: true });

/** What the forwarder writes back: two good UPS numbers and one with digits missing. */
const GOOD = ['1Z999AA10123456784', '1Z999AA10123456792'];
const BAD = '1Z9999AA1012';

/** The product selling a seller SKU: the demo catalog's when it made one already, else one made here. */
async function productFor(core: Core, order: { store_id: number; marketplace_id: string }, sellerSku: string): Promise<number> {
  const where = { store_id: order.store_id, marketplace_id: order.marketplace_id, seller_sku: sellerSku };
  const mapped = await core.db('product_listings').where(where).first<{ product_id: number } | undefined>('product_id');
  if (mapped) return mapped.product_id;
  const existing = await core.db('products').where({ sku: sellerSku }).first<{ id: number } | undefined>('id');
  const productId = existing?.id ?? (await core.catalog.create({ sku: sellerSku, name: sellerSku, kind: 'unit' })).id;
  await core.catalog.mapListing({ storeId: order.store_id, marketplaceId: order.marketplace_id, sellerSku, productId });
  return productId;
}

/**
 * Three demo FBM orders from the simulator, packed and weighed at the station but not shipped ("pack now, ship later"):
 * SKUs mapped to stocked products in Shenzhen, allocated by the workflow with a UPS Ground rule, then moved to packed.
 */
async function packedOrders(core: Core): Promise<string[]> {
  await core.scheduler.runNow({ job: 'orders' });
  // The demo's background sync shares this process with Playwright; nothing else needs it from here on.
  core.scheduler.pause();
  const orders = await core
    .db('orders as o')
    .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
    .where({ 'o.fulfilled_by': 'MERCHANT', 'o.status': 'UNSHIPPED', 'o.marketplace_id': 'ATVPDKIKX0DER' })
    .where((q) => q.whereNull('w.state').orWhereIn('w.state', ['new', 'exception']))
    .orderBy('o.id')
    .limit(3)
    .select<{ id: string; store_id: number; marketplace_id: string }[]>('o.id', 'o.store_id', 'o.marketplace_id');
  expect(orders).toHaveLength(3);

  let warehouse = (await core.warehouses.list({})).find((w) => w.code === 'CN-SZ');
  warehouse ??= await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓 Shenzhen', kind: 'domestic' });
  for (const o of orders) {
    const lines = await core.db('order_items').where({ order_id: o.id }).select<{ seller_sku: string; quantity_ordered: number }[]>('seller_sku', 'quantity_ordered');
    for (const l of lines) {
      const productId = await productFor(core, o, l.seller_sku);
      await core.inventory.adjust({ productId, warehouseId: warehouse.id, delta: l.quantity_ordered + 3, reason: 'found', note: 'e2e stock' });
    }
  }
  const audit = await core.fulfillment.rules.audit.get();
  await core.fulfillment.rules.audit.set(audit.map((r) => ({ ...r, enabled: r.code === 'sku-unmapped' || r.code === 'stock-insufficient' })));
  await core.fulfillment.rules.carrier.set([{ priority: 1, name: 'UPS Ground 全部', conditions: {}, carrierCode: 'UPS', shippingService: 'Ground' }]);
  const ids = orders.map((o) => o.id);
  expect(Object.values(await core.fulfillment.process(ids))).toEqual(['allocated', 'allocated', 'allocated']);
  await core.db.transaction(async (trx) => {
    for (const [i, id] of ids.entries()) await transition(trx, id, 'packed', { actor: '打包员 王', now: new Date().toISOString(), patch: { weight_g: 350 + 100 * i } });
  });
  return ids;
}

/** Every confirmShipment the simulated Amazon receives from now on. */
function watchConfirmations(core: Core): { orderId: string; body: unknown }[] {
  const sim = core.simulator()!;
  const seen: { orderId: string; body: unknown }[] = [];
  const original = sim.store.confirmShipment.bind(sim.store);
  sim.store.confirmShipment = (orderId: string, body: unknown) => {
    seen.push({ orderId, body });
    return original(orderId, body);
  };
  return seen;
}

/** The downloaded template with the tracking column filled in, as the forwarder sends it back (Excel's "CSV UTF-8"). */
function fillTemplate(template: Buffer, tracking: Map<string, string>): Buffer {
  const lines = template.subarray(3).toString('utf8').split('\r\n');
  const header = lines[0]!.split(',');
  const column = header.indexOf('追踪号');
  expect(column).toBe(4);
  const filled = lines.map((line, i) => {
    if (i === 0 || line === '') return line;
    const cells = line.split(',');
    cells[column] = tracking.get(cells[0]!) ?? '';
    return cells.join(',');
  });
  return Buffer.concat([template.subarray(0, 3), Buffer.from(filled.join('\r\n'), 'utf8')]);
}

const row = (page: Page, orderId: string) => page.getByTestId(`order-row-${orderId}`);

test('a clerk ships three packed orders from the carrier\'s CSV: two ship through the outbox, the bad number stays packed with its reason', async ({ page, harness }) => {
  // The demo's sync, a wave of orders and three dialogs: far more than the default budget on a shared machine.
  test.setTimeout(120_000);
  const core = harness.core;
  const [a, b, c] = (await packedOrders(core)) as [string, string, string];
  const confirmations = watchConfirmations(core);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('orders').click();
  await page.getByTestId('orders-chip-packed').click();
  await expect(page.getByTestId('orders-chip-packed-count')).toHaveText('3');
  for (const id of [a, b, c]) await row(page, id).getByTestId('order-select').click();
  await expect(page.getByTestId('orders-batch-ship')).toHaveText('批量发货（3）');
  await page.screenshot({ path: 'test-results/screens/batch-ship-orders-zh.png', animations: 'disabled' });
  // Ticking never opened an order's drawer.
  await expect(page.getByTestId('order-drawer')).toHaveCount(0);
  await page.getByTestId('orders-batch-ship').click();

  const dialog = page.getByTestId('batch-ship-dialog');
  await expect(dialog.getByTestId('batch-orders-count')).toHaveText('已选 3 个已打包订单');
  await expect(dialog.getByTestId(`batch-order-${a}`)).toContainText('UPS · Ground');
  await expect(dialog.getByTestId(`batch-order-${b}`)).toContainText('450 克');

  await page.screenshot({ path: 'test-results/screens/batch-ship-export-zh.png', animations: 'disabled' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('batch-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^批量发货-\d{4}-\d{2}-\d{2}\.csv$/);
  const template = fs.readFileSync((await download.path())!);
  const returned = fillTemplate(
    template,
    new Map([
      [a, GOOD[0]!],
      [b, GOOD[1]!],
      [c, BAD],
    ]),
  );
  await dialog.getByTestId('batch-file').setInputFiles({ name: '云途回传.csv', mimeType: 'text/csv', buffer: returned });

  await expect(dialog.getByTestId('batch-ok')).toHaveText('2');
  await expect(dialog.getByTestId('batch-refused')).toHaveText('1');
  await expect(dialog.getByTestId('batch-encoding')).toHaveText('UTF-8（带 BOM）');
  const bad = dialog.getByTestId('batch-rows').getByRole('row').filter({ hasText: c });
  await expect(bad.getByTestId('batch-row-verdict')).toHaveText('追踪号格式与承运商 UPS 不符，请核对面单');
  await expect(dialog.getByTestId('batch-rows').getByRole('row').filter({ hasText: a }).getByTestId('batch-row-verdict')).toHaveText('可以发货');
  await expect(dialog.getByTestId('batch-confirm')).toHaveText('确认发货 2 单');
  await page.screenshot({ path: 'test-results/screens/batch-ship-zh.png', animations: 'disabled' });

  await dialog.getByTestId('batch-confirm').click();
  await expect(dialog.getByTestId('batch-done')).toContainText('已发货 2 单，1 行未发货');
  for (const id of [a, b]) await expect(dialog.getByTestId('batch-rows').getByRole('row').filter({ hasText: id }).getByTestId('batch-row-verdict')).toHaveText('已发货');
  await expect(bad.getByTestId('batch-row-verdict')).toHaveText('追踪号格式与承运商 UPS 不符，请核对面单');
  await page.screenshot({ path: 'test-results/screens/batch-ship-done-zh.png', animations: 'disabled' });
  await dialog.getByTestId('batch-finish').click();

  // The packed list keeps only the refused order; the two others are shipped.
  await expect(row(page, c)).toBeVisible();
  await expect(row(page, a)).toHaveCount(0);
  await expect(page.getByTestId('orders-chip-packed-count')).toHaveText('1');
  await page.getByTestId('orders-chip-shipped').click();
  for (const id of [a, b]) await expect(row(page, id).getByTestId('order-state')).toHaveText('已发货');
  const states = await core.db('order_workflow').whereIn('order_id', [a, b, c]).orderBy('order_id').select<{ order_id: string; state: string }[]>('order_id', 'state');
  expect(Object.fromEntries(states.map((s) => [s.order_id, s.state]))).toEqual({ [a]: 'shipped', [b]: 'shipped', [c]: 'packed' });

  // Amazon hears of exactly the two, once each, with the file's carrier and tracking numbers.
  await core.outbox.runOnce();
  await expect.poll(() => confirmations.length).toBe(2);
  await core.outbox.runOnce();
  expect(confirmations.map((x) => x.orderId).sort()).toEqual([a, b].sort());
  for (const [i, id] of [a, b].entries()) {
    expect(confirmations.find((x) => x.orderId === id)?.body).toMatchObject({ packageDetail: { carrierCode: 'UPS', shippingMethod: 'Ground', trackingNumber: GOOD[i] } });
  }

  // The same file again, in English: the shipped rows say so, nothing ships twice.
  await shell.chooseLanguage('English');
  await page.getByTestId('orders-chip-packed').click();
  await row(page, c).getByTestId('order-select').click();
  await page.getByTestId('orders-batch-ship').click();
  await expect(dialog.getByTestId('batch-orders-count')).toHaveText('Packed orders selected: 1');
  await dialog.getByTestId('batch-file').setInputFiles({ name: 'yunexpress-return.csv', mimeType: 'text/csv', buffer: returned });
  await expect(dialog.getByTestId('batch-ok')).toHaveText('0');
  await expect(dialog.getByTestId('batch-rows').getByRole('row').filter({ hasText: a }).getByTestId('batch-row-verdict')).toHaveText('Already shipped: it will not ship twice');
  await expect(dialog.getByTestId('batch-confirm')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/batch-ship-en.png', animations: 'disabled' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(confirmations).toHaveLength(2);
});
