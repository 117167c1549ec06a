import type { Page } from '@playwright/test';
import { upsertFbaInventory, type FbaInventoryRow } from '../../main/db/repositories/fba-inventory.repo';
import { upsertListings } from '../../main/db/repositories/listings.repo';
import { putWatermark } from '../../main/db/repositories/sync-state.repo';
import { applyFbaSnapshot } from '../../main/services/inventory/fba-mirror';
import { postMovements } from '../../main/services/inventory/ledger';
import type { Harness } from '../harness/server';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

const US = 'ATVPDKIKX0DER';
const HOUR = 3_600_000;

async function shot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
  if (size) await page.setViewportSize(size);
}

/**
 * A US store as the syncs leave it (integration tests drive the real syncs against the simulator): an FBM lamp whose
 * quantity someone typed into Seller Central (we pushed 38, Amazon's listings say 45), and an FBA SKU of which Amazon
 * now counts 8 fewer with no sale behind them. Both mirrors are written the way the jobs write them.
 */
async function seed(h: Harness) {
  const core = h.core;
  const now = Date.now();
  const at = (ms: number) => new Date(now - ms).toISOString();
  const store = await core.stores.create({ name: '深圳旗舰店', region: 'na', marketplaceIds: [US] });
  const shelf = await core.warehouses.create({ code: 'SZ-1', name: '深圳仓', kind: 'domestic' });
  const lamp = await core.catalog.create({ sku: 'LAMP-01', name: 'LED 护眼台灯' });
  const mug = await core.catalog.create({ sku: 'MUG-02', name: '陶瓷马克杯 350ml' });
  await core.db.transaction((trx) => postMovements(trx, [{ productId: lamp.id, warehouseId: shelf.id, kind: 'receive', onHand: 40, refType: 'po', refId: 'PO-1' }], { actor: 'test', now: at(3 * HOUR) }));
  await core.db('product_listings').insert([
    { store_id: store.id, marketplace_id: US, seller_sku: 'LAMP-01-US', product_id: lamp.id, fbm_warehouse_id: shelf.id, fbm_pushed_quantity: 38, fbm_pushed_at: at(3 * HOUR) },
    { store_id: store.id, marketplace_id: US, seller_sku: 'MUG-02-FBA', product_id: mug.id },
  ]);
  await upsertListings(core.db, [
    { store_id: store.id, marketplace_id: US, seller_sku: 'LAMP-01-US', asin: 'B0LAMP0001', item_name: 'LED Desk Lamp', price_minor: 2999, currency: 'USD', quantity: 45, fulfillment_channel: 'DEFAULT', status: 'Active', open_date: null, listing_id: null, synced_at: at(HOUR) },
  ]);
  const fba = (fulfillable: number, syncedAt: string): FbaInventoryRow => ({
    store_id: store.id, marketplace_id: US, seller_sku: 'MUG-02-FBA', asin: 'B0MUG00002', fnsku: 'X00MUG0002', condition: 'NewItem', product_name: 'Ceramic Mug',
    fulfillable, inbound_working: 0, inbound_shipped: 0, inbound_receiving: 0, reserved: 2, researching: 0, unfulfillable: 1, total: fulfillable + 3, amazon_updated_time: syncedAt, synced_at: syncedAt,
  });
  for (const [fulfillable, syncedAt] of [[120, at(5 * HOUR)], [112, at(2 * HOUR)]] as const) {
    await core.db.transaction(async (trx) => {
      await upsertFbaInventory(trx, [fba(fulfillable, syncedAt)]);
      await putWatermark(trx, store.id, `inventory:${US}`, { watermark: syncedAt, cursor: { fullScanAt: syncedAt } }, syncedAt);
      await applyFbaSnapshot(trx, { storeId: store.id, region: 'na', now: syncedAt });
    });
  }
  // The orders mirror has caught up with the last inventory snapshot: no sale is waiting to be synced.
  await putWatermark(core.db, store.id, 'orders', { watermark: at(HOUR), cursor: null }, at(HOUR));
  const fbaWarehouse = await core.db('warehouses').where({ kind: 'fba', store_id: store.id }).first<{ id: number }>('id');
  return { store, shelf, lamp, mug, fbmKey: `fbm:${store.id}:${US}:LAMP-01-US`, fbaKey: `fba:${mug.id}:${fbaWarehouse.id}` };
}

test('the stock tab shows each discrepancy with its cause; accepting Amazon’s figure with a reason leaves a ledger row and an audit entry, and the row disappears', async ({ page, harness }) => {
  const s = await seed(harness);
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('reconciliation').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('对账');
  await expect(page.getByTestId('recon-tab-stock')).toHaveText('库存');
  await expect(page.getByTestId('recon-stock-summary')).toHaveText('已核对 2 个 SKU × 仓位，2 个不一致');
  await expect(page.getByTestId('recon-deviation-pct')).toHaveText('库存偏差 9.3%（目标 ≤ 0.5%）');
  await expect(page.getByTestId('recon-sku-error-pct')).toHaveText('SKU 差错率 100.0%（目标 < 0.5%）');

  const fbm = page.getByTestId(`recon-stock-row-${s.fbmKey}`);
  await expect(fbm).toHaveAttribute('data-cause', 'seller-central-change');
  await expect(fbm).toContainText('FBM · amazon.com · SZ-1');
  await expect(fbm).toContainText('卖家后台手动修改');
  await expect(fbm).toContainText('+7');
  await expect(fbm.getByTestId(`recon-push-ours-${s.fbmKey}`)).toHaveText('推送我们的数量');
  const fba = page.getByTestId(`recon-stock-row-${s.fbaKey}`);
  await expect(fba).toHaveAttribute('data-cause', 'lost-damaged');
  await expect(fba).toContainText('仓内丢失/损坏');
  await expect(fba).toContainText('-8');
  await expect(fba).toContainText('可售 112预留 2不可售 1');
  await shot(page, 'recon-stock-zh');

  // Amazon's 45 is right: the clerk says why, and our stock follows (45 + a buffer of 0).
  await fbm.getByTestId(`recon-accept-amazon-${s.fbmKey}`).click();
  await expect(page.getByRole('dialog')).toContainText('账面预期 38，亚马逊 45');
  await expect(page.getByTestId('recon-reason-submit')).toBeDisabled();
  await page.getByTestId('recon-reason').fill('仓库复盘：实有 45 件');
  await page.getByTestId('recon-reason-submit').click();
  await expect(page.getByTestId('recon-stock-done')).toHaveText('LAMP-01 已采用亚马逊数量 45。');
  await expect(fbm).toHaveCount(0);
  await expect(page.getByTestId('recon-stock-summary')).toHaveText('已核对 2 个 SKU × 仓位，1 个不一致');

  const movement = await harness.core.db('stock_movements').where({ product_id: s.lamp.id, warehouse_id: s.shelf.id, reason: 'recon-accept-amazon' }).first();
  expect(movement).toMatchObject({ kind: 'sync-correction', on_hand_delta: 5, note: '仓库复盘：实有 45 件' });
  const [audit] = await harness.core.audit.list(1);
  expect(audit).toMatchObject({ action: 'recon.accept-amazon', entity: 'product', entityId: String(s.lamp.id), detail: { key: s.fbmKey, expected: 38, amazon: 45, reason: '仓库复盘：实有 45 件', movementId: movement.id } });
  await page.getByTestId('recon-stock-refresh').click();
  await expect(fbm).toHaveCount(0);

  // In English, the FBA loss is still there; a case for it becomes a claim draft with 60 days to file.
  await shell.chooseLanguage('English');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconciliation');
  await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
  await expect(page.getByTestId('recon-stock-done')).toHaveText('LAMP-01 now follows Amazon’s figure of 45.');
  await expect(fba).toContainText('Lost/damaged in FC');
  await expect(page.getByTestId('recon-sku-error-pct')).toHaveText('SKU error 50.0% (target < 0.5%)');
  await shot(page, 'recon-stock-en');
  await fba.getByTestId(`recon-open-case-${s.fbaKey}`).click();
  await page.getByTestId('recon-reason').fill('8 units missing since the last count');
  await page.getByTestId('recon-reason-submit').click();
  await expect(fba).toHaveCount(0);
  await expect(page.getByTestId('recon-stock-summary')).toHaveText('2 SKU × place pairs checked: the ledger and Amazon agree.');
  const cases = page.getByTestId('recon-cases');
  await expect(cases).toContainText('MSKU MUG-02-FBA · FNSKU X00MUG0002 · expected 123 / Amazon 115');
  await expect(cases).toContainText(/(59|60) days left/);
});
