import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { unsealPii } from '../../main/sync/jobs/order-mapping';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test.use({ demo: true });
test.setTimeout(120_000);

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

const count = async (core: Core, where: Record<string, string> = {}) => {
  const [row] = (await core.db('orders').where(where).count({ n: '*' })) as { n: number }[];
  return Number(row?.n ?? 0);
};

/** Waits for the demo stores' first backfill: thousands of orders arrive from the embedded simulator. */
async function demoOrders(core: Core) {
  await expect.poll(() => count(core), { timeout: 90_000, intervals: [1000] }).toBeGreaterThan(1000);
}

test('the demo orders fill the grid, soonest ship-by first, with countdowns in each marketplace’s time', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await demoOrders(harness.core);
  await shell.nav('orders').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('订单');

  const total = await count(harness.core);
  const table = page.getByTestId('orders-table');
  await expect(page.getByTestId('orders-count')).toContainText('共');
  // The grid follows the sync as the backfill goes on, without a reload.
  await expect.poll(async () => Number((await page.getByTestId('orders-chip-all-count').textContent()) ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(total);
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  // An unshipped FBM order runs against the clock: "剩 …" or "超时 …", and its ship-by in the marketplace's zone.
  const open = (await harness.core
    .db('orders')
    .where({ fulfilled_by: 'MERCHANT', status: 'UNSHIPPED' })
    .whereNotNull('ship_by_latest')
    .orderBy('ship_by_latest')
    .first()) as { id: string };
  await page.getByTestId('orders-search').fill(open.id);
  const openRow = page.getByTestId(`order-row-${open.id}`);
  await expect(openRow.getByTestId('order-left')).toHaveText(/^(剩|超时) /);
  await expect(openRow.getByTestId('order-ship-by')).toHaveText(/^\d\d\/\d\d \d\d:\d\d (PST|PDT|CST|CET|CEST|GMT|BST|JST|GMT[+-]\d+)$/);
  await page.getByTestId('orders-search').fill('');
  await shot(page, 'orders-list');

  // A chip filters: FBA orders only, as many as the database holds (the demo keeps syncing, so compare live).
  await page.getByTestId('orders-chip-fba').click();
  await expect.poll(async () => (await page.getByTestId('orders-count').textContent()) === `共 ${await count(harness.core, { fulfilled_by: 'AMAZON' })} 个订单`).toBe(true);
  await expect(table.getByTestId('order-left').first()).toHaveText('FBA');
  await expect(page.getByTestId('orders-chip-fba')).toHaveAttribute('aria-pressed', 'true');
});

test('search finds an order by its id, its SKU and its buyer’s name; the detail opens with items, workflow and recipient', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await demoOrders(harness.core);
  await shell.nav('orders').click();

  const target = (await harness.core
    .db('orders as o')
    .join('order_items as i', 'i.order_id', 'o.id')
    .where({ 'o.fulfilled_by': 'MERCHANT', 'o.status': 'UNSHIPPED' })
    .whereNotNull('o.buyer_enc')
    .orderBy('o.created_time', 'desc')
    .first('o.id', 'o.buyer_enc', 'o.recipient_enc', 'i.seller_sku')) as { id: string; buyer_enc: string; recipient_enc: string; seller_sku: string };
  const pii = unsealPii(target, harness.core.secretBox);
  const buyerName = String(pii.buyer?.buyerName);
  const recipientName = String((pii.recipient?.deliveryAddress as { name?: string } | undefined)?.name);

  const search = page.getByTestId('orders-search');
  const row = page.getByTestId(`order-row-${target.id}`);
  await search.fill(target.id);
  await expect(page.getByTestId('orders-count')).toHaveText('共 1 个订单');
  await expect(row).toBeVisible();

  await search.fill(target.seller_sku);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('order-id').first()).toBeVisible();

  // By name: the list matches through the keyed blind index; the grid itself never shows a buyer name.
  await search.fill(buyerName.toUpperCase());
  await expect(row).toBeVisible();
  await expect(page.getByTestId('orders-table')).not.toContainText(buyerName);
  await shot(page, 'orders-search');

  await row.click();
  const drawer = page.getByTestId('order-drawer');
  await expect(page.getByTestId('order-drawer-title')).toHaveText(`订单 ${target.id}`);
  await expect(drawer.getByTestId(`detail-item-${target.seller_sku}`)).toBeVisible();
  await expect(drawer.getByTestId('detail-countdown')).toHaveText(/^(剩|超时) /);
  await expect(drawer.getByTestId('detail-recipient')).toContainText(recipientName);
  await expect(drawer.getByTestId('detail-history')).toContainText('未发货');
  await expect(drawer.getByTestId('detail-workflow')).toBeVisible();
  await shot(page, 'orders-detail');
  await page.getByTestId('order-drawer-close').click();
  await expect(drawer).toBeHidden();

  await search.fill('');
  await shell.chooseLanguage('English');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Orders');
  await expect(page.getByTestId('orders-chip-due24h')).toContainText('Due soon');
  await shot(page, 'orders-list-en');
});
