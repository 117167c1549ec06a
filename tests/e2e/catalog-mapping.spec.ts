import type { Page } from '@playwright/test';
import { upsertFbaInventory } from '../../main/db/repositories/fba-inventory.repo';
import { applyFbaSnapshot } from '../../main/services/inventory/fba-mirror';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}

async function pick(page: Page, select: ReturnType<Page['getByTestId']>, option: string) {
  // MUI's select keeps its native input hidden; the visible button opens the list.
  await select.click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a seller maps an Amazon offer by scanning its barcode, creates products for the rest, assigns bins and unmaps (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  const store = await core.stores.create({ name: '深圳数码 北美', region: 'na', marketplaceIds: [US, CA] });
  const gz = await core.warehouses.create({ code: 'CN-GZ', name: '广州仓', kind: 'domestic' });
  for (const [code, pickOrder] of [['A-01-01', 10], ['A-01-02', 20], ['B-02-01', 30]] as const) await core.warehouses.createBin({ warehouseId: gz.id, code, pickOrder });
  const mug = await core.catalog.create({ sku: 'MUG-350-WHT', name: '陶瓷马克杯 350ml 白', codes: [{ kind: 'gtin', code: '036000291452' }] });
  // What the listings sync left: five offers no product sells yet (one seller SKU in two marketplaces).
  const syncedAt = new Date().toISOString();
  const offer = (marketplace_id: string, seller_sku: string, asin: string, item_name: string, fulfillment_channel: string, quantity: number | null) => ({
    store_id: store.id,
    marketplace_id,
    seller_sku,
    asin,
    item_name,
    quantity,
    fulfillment_channel,
    status: 'Active',
    synced_at: syncedAt,
  });
  await core.db('listings').insert([
    offer(US, 'AMZ-MUG-WHITE', 'B0MUG00001', 'Ceramic Coffee Mug 350ml, White', 'AMAZON_NA', null),
    offer(US, 'LAMP-USB-01', 'B0LAMP0001', 'LED Desk Lamp, USB powered', 'DEFAULT', 25),
    offer(CA, 'LAMP-USB-01', 'B0LAMP0001', 'LED Desk Lamp, USB powered', 'DEFAULT', 12),
    offer(US, 'CABLE-C-2M', 'B0CABLE001', 'USB-C Cable 2 m', 'AMAZON_NA', null),
    offer(US, 'HOOK-3M-10', 'B0HOOK0010', 'Adhesive Wall Hooks, 10 pack', 'DEFAULT', 40),
  ]);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('catalog').click();
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 1 / 1 个商品');
  await page.getByTestId('catalog-mapping').click();
  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('亚马逊商品配对');
  await expect(dialog.getByTestId('mapping-count')).toHaveText('显示 5 / 5 条待配对');
  await expect(dialog.getByText('深圳数码 北美（5 条待配对）')).toBeVisible();
  const mugOffer = dialog.getByTestId('mapping-row-AMZ-MUG-WHITE');
  await expect(mugOffer).toContainText('B0MUG00001');
  await expect(mugOffer).toContainText('Ceramic Coffee Mug 350ml, White');
  await expect(mugOffer.getByTestId('mapping-channel')).toHaveText('FBA');
  await expect(mugOffer).toContainText('amazon.com');
  await expect(dialog.locator('[data-testid="mapping-row-LAMP-USB-01"][data-marketplace="A2EUQ1WTGCTBG2"]')).toContainText('amazon.ca');
  await expect(dialog.getByTestId('mapping-generate-panel')).toContainText('其中 3 条是自发货');
  await shot(page, 'catalog-mapping-list');

  // The clerk scans the mug's UPC: one product answers, and it is chosen at once.
  await mugOffer.getByTestId('mapping-map').click();
  const picker = dialog.getByTestId('mapping-picker');
  await expect(picker).toContainText('把 AMZ-MUG-WHITE 配对到本地商品');
  await picker.getByTestId('mapping-search').fill('036000291452');
  await picker.getByTestId('mapping-search').press('Enter');
  const result = picker.getByTestId('mapping-result-MUG-350-WHT');
  await expect(result).toContainText('陶瓷马克杯 350ml 白');
  await expect(result).toContainText('按 UPC/EAN 匹配');
  await expect(result).toHaveAttribute('aria-selected', 'true');
  await expect(picker.getByTestId('mapping-confirm')).toHaveText('配对到 MUG-350-WHT');
  await shot(page, 'catalog-mapping-picker');
  await picker.getByTestId('mapping-confirm').click();
  await expect(dialog.getByTestId('mapping-notice')).toHaveText('已将 AMZ-MUG-WHITE 配对到商品 MUG-350-WHT。');
  await expect(dialog.getByTestId('mapping-count')).toHaveText('显示 4 / 4 条待配对');
  await expect(dialog.getByTestId('mapping-row-AMZ-MUG-WHITE')).toHaveCount(0);
  expect(await core.db('product_listings').where({ store_id: store.id, seller_sku: 'AMZ-MUG-WHITE' }).select('marketplace_id', 'product_id')).toEqual([{ marketplace_id: US, product_id: mug.id }]);

  // The rest in one go, merchant-fulfilled stock shipped from Guangzhou.
  await pick(page, dialog.getByTestId('mapping-fbm-warehouse'), '广州仓 · CN-GZ');
  await dialog.getByTestId('mapping-generate').click();
  await expect(dialog.getByTestId('mapping-generated')).toHaveText(
    '完成：配对 4 条 Listing，新建商品 3 个，配对到已有商品 1 条，其中自发货 3 条。自发货库存取自 广州仓 · CN-GZ。',
  );
  await expect(dialog.getByTestId('mapping-none')).toHaveText('该店铺的 Listing 都已配对到本地商品。');
  await expect(dialog.getByTestId('mapping-generate')).toBeDisabled();
  await shot(page, 'catalog-mapping-generated');
  const lamp = await core.db('product_listings as pl').join('products as p', 'p.id', 'pl.product_id').where({ 'pl.store_id': store.id, 'pl.seller_sku': 'LAMP-USB-01' }).orderBy('pl.marketplace_id').select('p.sku', 'p.name', 'pl.fbm_warehouse_id', 'pl.fbm_pushed_quantity');
  // One product for the lamp in both marketplaces, Amazon's current quantity taken as already pushed.
  expect(lamp).toEqual([
    { sku: 'LAMP-USB-01', name: 'LED Desk Lamp, USB powered', fbm_warehouse_id: gz.id, fbm_pushed_quantity: 12 },
    { sku: 'LAMP-USB-01', name: 'LED Desk Lamp, USB powered', fbm_warehouse_id: gz.id, fbm_pushed_quantity: 25 },
  ]);
  await dialog.getByTestId('mapping-close').click();
  await expect(page.getByTestId('catalog-count')).toHaveText('显示 4 / 4 个商品');

  // The mug's editor: the offer is listed; two bins are assigned and one taken away again, without Save.
  await page.getByTestId('catalog-row-MUG-350-WHT').click();
  const editor = page.getByTestId('product-editor');
  await expect(editor.getByTestId('listing-AMZ-MUG-WHITE')).toContainText('amazon.com');
  const bins = editor.getByTestId('product-bins');
  await expect(bins.getByTestId('product-bins-none')).toHaveText('还没有分配库位。');
  // 广州仓 is the only place of the seller's own (the FBA warehouse has no bins), so it is already chosen.
  await expect(bins.getByTestId('bin-warehouse').locator('..')).toContainText('广州仓 · CN-GZ');
  await pick(page, bins.getByTestId('bin-choice'), 'A-01-02');
  await bins.getByTestId('bin-assign').click();
  await expect(bins.getByTestId('product-bin-A-01-02')).toBeVisible();
  await pick(page, bins.getByTestId('bin-choice'), 'B-02-01');
  await bins.getByTestId('bin-assign').click();
  await expect(bins.getByTestId('product-bins-CN-GZ')).toContainText('广州仓 · CN-GZ');
  await expect(bins.getByTestId('product-bins-CN-GZ').locator('[data-testid^="product-bin-"]')).toHaveText(['A-01-02×', 'B-02-01×']);
  await bins.getByRole('button', { name: '移除库位 A-01-02' }).click();
  await expect(bins.getByTestId('product-bin-A-01-02')).toHaveCount(0);
  await expect(bins.getByTestId('product-bin-B-02-01')).toBeVisible();
  expect(await core.db('product_bins as pb').join('bins as b', 'b.id', 'pb.bin_id').where({ 'pb.product_id': mug.id }).pluck('b.code')).toEqual(['B-02-01']);
  await editor.getByTestId('section-listings').scrollIntoViewIfNeeded();
  await shot(page, 'catalog-mapping-editor');

  // Unmapping asks once more, then the offer is back on the to-do list.
  await editor.getByTestId('listing-unmap').click();
  await editor.getByTestId('listing-unmap-confirm').click();
  await expect(editor.getByTestId('listings-notice')).toHaveText('已解除 AMZ-MUG-WHITE 的配对，它已回到“亚马逊商品配对”的待配对列表。');
  await expect(editor.getByTestId('section-listings')).toContainText('还没有关联的亚马逊 Listing。');
  expect(await core.db('product_listings').where({ seller_sku: 'AMZ-MUG-WHITE' })).toEqual([]);
  await editor.getByTestId('editor-close').click();
  await page.getByTestId('catalog-mapping').click();
  await expect(dialog.getByTestId('mapping-count')).toHaveText('显示 1 / 1 条待配对');
  await expect(dialog.getByTestId('mapping-row-AMZ-MUG-WHITE')).toBeVisible();
});

test('without a store the mapping dialog says where to connect one (en)', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.chooseLanguage('English');
  await shell.nav('catalog').click();
  await page.getByTestId('catalog-mapping').click();
  await expect(page.getByTestId('mapping-no-stores')).toContainText('Connect an Amazon account in Settings');
  await expect(page.getByTestId('mapping-generate')).toHaveCount(0);
});

test('once mapped, FBA stock that goes missing overnight shows in the morning check with its SKU (zh-CN)', async ({ page, harness }) => {
  const core = harness.core;
  const store = await core.stores.create({ name: '深圳数码 北美', region: 'na', marketplaceIds: [US] });
  const cable = await core.catalog.create({ sku: 'CABLE-C-2M', name: 'USB-C 数据线 2 米' });
  await core.catalog.mapListing({ storeId: store.id, marketplaceId: US, sellerSku: 'CABLE-C-2M', productId: cable.id });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const amazonSays = (fulfillable: number, at: string) =>
    core.db.transaction(async (trx) => {
      await upsertFbaInventory(trx, [
        {
          store_id: store.id,
          marketplace_id: US,
          seller_sku: 'CABLE-C-2M',
          asin: 'B0CABLE001',
          fnsku: 'X00CABLE01',
          condition: 'NewItem',
          product_name: 'USB-C Cable 2 m',
          fulfillable,
          inbound_working: 0,
          inbound_shipped: 0,
          inbound_receiving: 0,
          reserved: 0,
          researching: 0,
          unfulfillable: 0,
          total: fulfillable,
          amazon_updated_time: at,
          synced_at: at,
        },
      ]);
      await applyFbaSnapshot(trx, { storeId: store.id, region: 'na', now: at });
    });
  // Opening figure two days ago; overnight Amazon reports 36 of 120 units fewer than the ledger holds.
  await amazonSays(120, hoursAgo(48));
  await amazonSays(84, hoursAgo(3));

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('sync').click();
  const finding = page.getByTestId('morning-check').locator('[data-code="stock-deviation"]');
  await expect(finding).toHaveAttribute('data-severity', 'warn');
  await expect(finding).toContainText('FBA 库存同步发现 1 个 SKU 的库存与账面差异较大（共 36 件）');
  await expect(finding.getByTestId('stock-deviation-CABLE-C-2M')).toHaveText('CABLE-C-2M（FBA NA · 深圳数码 北美）：−36 件，1 次校正，现有 84 件');
  await finding.scrollIntoViewIfNeeded();
  await shot(page, 'catalog-mapping-stock-deviation');
});
