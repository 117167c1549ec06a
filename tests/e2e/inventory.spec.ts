import type { Page } from '@playwright/test';
import { postMovements } from '../../main/services/inventory/ledger';
import type { Core } from '../../main/core';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

async function shot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
  if (size) await page.setViewportSize(size);
}

/** Two places and two products with received stock, as a seller has after the first deliveries. */
async function seed(core: Core) {
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const us = await core.warehouses.create({ code: 'US-LAX', name: '洛杉矶海外仓', kind: 'overseas' });
  const now = new Date().toISOString();
  const [mug] = await core.db('products').insert({ sku: 'MUG-WHITE-350', kind: 'unit', name: '陶瓷马克杯 白色 350ml', created_at: now, updated_at: now }).returning('id');
  const [lamp] = await core.db('products').insert({ sku: 'LAMP-LED-01', kind: 'unit', name: 'LED 台灯 护眼 USB', created_at: now, updated_at: now }).returning('id');
  const mugId = typeof mug === 'object' ? (mug as { id: number }).id : (mug as number);
  const lampId = typeof lamp === 'object' ? (lamp as { id: number }).id : (lamp as number);
  await core.db.transaction((trx) =>
    postMovements(
      trx,
      [
        { productId: mugId, warehouseId: sz.id, kind: 'receive', onHand: 40, refType: 'po', refId: 'PO-20261101' },
        { productId: mugId, warehouseId: us.id, kind: 'receive', onHand: 12, refType: 'po', refId: 'PO-20261101' },
        { productId: lampId, warehouseId: sz.id, kind: 'receive', onHand: 5, refType: 'po', refId: 'PO-20261102' },
      ],
      { actor: 'system:test', now },
    ),
  );
  return { mugId, sz, us };
}

test('a clerk writes off damaged units with a reason and sees the ledger row and the new available stock (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  const { mugId, sz } = await seed(core);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('inventory').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
  await expect(page.getByTestId('inventory-count')).toHaveText('显示 2 / 2 个商品');
  const mugRow = page.getByTestId('stock-row-MUG-WHITE-350');
  await expect(mugRow.getByTestId('total-available')).toHaveText('52');

  await page.getByTestId('inventory-search').fill('马克杯');
  await expect(page.getByTestId('inventory-count')).toHaveText('显示 1 / 1 个商品');
  await mugRow.click();
  const panel = page.getByTestId('stock-panel');
  await expect(panel.getByTestId('place-CN-SZ').getByTestId('place-available')).toHaveText('40');
  await expect(panel.getByTestId('ledger-row')).toHaveCount(2);

  await panel.getByTestId('adjust-open').click();
  const dialog = page.getByRole('dialog', { name: '调整库存 · MUG-WHITE-350' });
  await dialog.getByTestId('adjust-warehouse').click({ force: true });
  await page.getByRole('option', { name: 'CN-SZ · 深圳仓' }).click();
  await dialog.getByTestId('adjust-out').click();
  await dialog.getByTestId('adjust-quantity').fill('3');
  await expect(dialog).toContainText('可用库存：40 → 37');
  // No reason, no adjustment.
  await expect(dialog.getByTestId('adjust-submit')).toBeDisabled();
  await dialog.getByTestId('adjust-reason').click({ force: true });
  await page.getByRole('option', { name: '破损报废' }).click();
  await dialog.getByTestId('adjust-note').fill('运输途中摔碎 3 个');
  await dialog.getByTestId('adjust-submit').click();
  await expect(dialog).toBeHidden();

  const first = panel.getByTestId('ledger-row').first();
  await expect(first.getByTestId('ledger-kind')).toHaveText('库存调整');
  await expect(first.getByTestId('ledger-reason')).toHaveText('破损报废');
  await expect(first.getByTestId('ledger-delta')).toHaveText('在库 -3');
  await expect(first).toContainText('运输途中摔碎 3 个');
  await expect(first).toContainText('CN-SZ');
  await expect(panel.getByTestId('place-CN-SZ').getByTestId('place-available')).toHaveText('37');
  await expect(mugRow.getByTestId('total-available')).toHaveText('49');
  await shot(page, 'inventory-adjusted-zh-CN');

  // The ledger row is the record: who, why, how many; the cached balance agrees with it.
  const rows = await core.db('stock_movements').where({ product_id: mugId, kind: 'adjust' }).select('on_hand_delta', 'reason', 'note', 'warehouse_id');
  expect(rows).toEqual([{ on_hand_delta: -3, reason: 'damaged', note: '运输途中摔碎 3 个', warehouse_id: sz.id }]);
  expect(await core.inventory.verify()).toEqual([]);

  // Writing off more than is there is refused with the reason, and nothing changes.
  const before = await core.db('stock_movements').count({ n: '*' }).first();
  await panel.getByTestId('adjust-open').click();
  await dialog.getByTestId('adjust-warehouse').click({ force: true });
  await page.getByRole('option', { name: 'CN-SZ · 深圳仓' }).click();
  await dialog.getByTestId('adjust-out').click();
  await dialog.getByTestId('adjust-quantity').fill('100');
  await dialog.getByTestId('adjust-reason').click({ force: true });
  await page.getByRole('option', { name: '丢失' }).click();
  await dialog.getByTestId('adjust-submit').click();
  await expect(dialog.getByTestId('adjust-error')).toContainText('库存不足');
  await expect(dialog.getByTestId('adjust-error')).toContainText('37');
  await expect(dialog).toBeVisible();
  expect(await core.db('stock_movements').count({ n: '*' }).first()).toEqual(before);
});

test('an owner adds an overseas warehouse with bins; a clerk transfers stock there, sees it in transit and books it in', async ({ page, harness }) => {
  const core = harness.core;
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const now = new Date().toISOString();
  const [row] = await core.db('products').insert({ sku: 'MUG-WHITE-350', kind: 'unit', name: '陶瓷马克杯 白色 350ml', created_at: now, updated_at: now }).returning('id');
  const mugId = typeof row === 'object' ? (row as { id: number }).id : (row as number);
  await core.db.transaction((trx) => postMovements(trx, [{ productId: mugId, warehouseId: sz.id, kind: 'receive', onHand: 40 }], { actor: 'system:test', now }));

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('settings').click();
  await page.getByTestId('warehouse-code').fill('US-LAX');
  await page.getByTestId('warehouse-name').fill('洛杉矶海外仓');
  await page.getByTestId('warehouse-kind').click({ force: true });
  await page.getByRole('option', { name: '海外仓' }).click();
  await page.getByTestId('warehouse-add').click();
  const lax = page.getByTestId('warehouse-US-LAX');
  await expect(lax).toContainText('洛杉矶海外仓');
  await expect(lax).toContainText('海外仓');
  // A second warehouse with the same code is refused in words.
  await page.getByTestId('warehouse-code').fill('US-LAX');
  await page.getByTestId('warehouse-name').fill('重复');
  await page.getByTestId('warehouse-add').click();
  await expect(page.getByTestId('warehouses-error')).toHaveText('该编码已被使用，请换一个。');
  await lax.getByTestId('warehouse-bins').click();
  await lax.getByTestId('bin-code').fill('A-01');
  await lax.getByTestId('bin-order').fill('10');
  await lax.getByTestId('bin-add').click();
  await expect(lax.getByTestId('bins-US-LAX')).toContainText('10 · A-01');

  await shell.nav('inventory').click();
  await page.getByTestId('stock-row-MUG-WHITE-350').click();
  const panel = page.getByTestId('stock-panel');
  await panel.getByTestId('transfer-open').click();
  const dialog = page.getByRole('dialog', { name: '调拨 · MUG-WHITE-350' });
  await dialog.getByTestId('transfer-to').click({ force: true });
  await page.getByRole('option', { name: 'US-LAX · 洛杉矶海外仓' }).click();
  await dialog.getByTestId('transfer-quantity').fill('10');
  await expect(dialog).toContainText('可用库存：40 → 30');
  await dialog.getByTestId('transfer-submit').click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('place-CN-SZ').getByTestId('place-available')).toHaveText('30');
  await expect(panel.getByTestId('place-US-LAX')).toContainText('10');
  await expect(page.getByTestId('transfers-open')).toHaveText('在途调拨（1）');
  await expect(panel.getByTestId('ledger-kind').first()).toHaveText('在途');

  await page.keyboard.press('Escape');
  await page.getByTestId('transfers-open').click();
  const transfers = page.getByRole('dialog', { name: '在途调拨' });
  await expect(transfers.getByTestId('transfer-row')).toContainText('CN-SZ → US-LAX · 10 件');
  await shot(page, 'inventory-transfers-zh-CN');
  await transfers.getByTestId('transfer-receive').click();
  await expect(transfers).toContainText('没有在途的调拨。');
  await expect(page.getByTestId('transfers-open')).toHaveText('在途调拨（0）');
  const levels = await core.inventory.levels({ search: 'MUG', limit: 10 });
  const lax2 = (await core.warehouses.list()).find((w) => w.code === 'US-LAX')!;
  expect(levels.rows[0]!.places.find((p) => p.warehouseId === lax2.id)).toMatchObject({ onHand: 10, inTransit: 0, available: 10 });
  expect(levels.rows[0]!.totals).toMatchObject({ onHand: 40, inTransit: 0 });
  const kinds = await core.db('stock_movements').where({ product_id: mugId }).orderBy('id').pluck('kind');
  expect(kinds).toEqual(['receive', 'transfer-out', 'in-transit', 'transfer-in']);
});
