import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test('shell loads in Chinese by default and shows the core status over the contract', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await expect(shell.title()).toHaveText('亚马逊卖家 ERP');
  await expect(shell.statusStore()).toHaveText('店铺：未添加店铺');
  await expect(shell.statusNetwork()).toHaveAttribute('data-state', 'offline');
  await expect(shell.statusNetwork()).toHaveText('离线');
  await expect(shell.statusSync()).toHaveText('尚未同步');

  // A store added through the contract reaches the status bar as a pushed event, without a reload.
  const created = await page.evaluate(() =>
    window.api!.stores.create({ name: '深圳旗舰店', region: 'eu', marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'] }),
  );
  expect(created.ok).toBe(true);
  await expect(shell.statusStore()).toHaveText('店铺：深圳旗舰店');
  expect((await harness.core.stores.list()).map((s) => s.name)).toEqual(['深圳旗舰店']);

  await shell.nav('settings').click();
  const row = page.getByTestId('stores-table').getByRole('row', { name: /深圳旗舰店/ });
  await expect(row).toContainText('欧洲');
  await expect(row).toContainText('amazon.fr, amazon.de');
});

test('every navigation entry leads to a screen, in zh-CN and in en', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('reconciliation').click();
  await expect(shell.screen()).toHaveAttribute('data-screen', 'reconciliation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('对账');
  await expect(page.getByTestId('recon-stock-summary')).toHaveText('已核对 0 个 SKU × 仓位：账面与亚马逊一致。');
  await shell.nav('orders').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('订单');
  await expect(page.getByTestId('orders-table')).toContainText('没有订单。连接店铺后');
  await shell.nav('exceptions').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('异常订单');
  await expect(page.getByTestId('exceptions-empty')).toContainText('没有待处理的异常订单');
  await shell.nav('picking').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('拣货');
  await expect(page.getByTestId('picking-no-warehouse')).toHaveText('还没有仓库。请先在设置中添加仓库。');
  await shell.nav('packing').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('打包复核');
  await expect(page.getByTestId('packing-idle')).toContainText('扫描订单号开始打包');
  await shell.nav('returns').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('售后');
  await expect(page.getByTestId('returns-empty')).toHaveText('还没有退货单。扫描退回的包裹即可开始。');
  await shell.nav('fba').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('FBA 货件');
  await expect(page.getByTestId('fba-no-plans')).toHaveText('还没有 FBA 货件计划。点击“新建货件计划”，从补货建议开始。');
  await shell.nav('catalog').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('商品资料');
  await expect(page.getByTestId('catalog-empty')).toHaveText('还没有商品。可以新建商品，或从 CSV / Excel 文件导入。');
  await shell.nav('inventory').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
  await expect(page.getByTestId('inventory-count')).toHaveText('显示 0 / 0 个商品');
  await shell.nav('purchasing').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('采购');
  await expect(page.getByTestId('cover-table')).toContainText('还没有仓库');
  await shell.nav('sync').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同步');
  await expect(page.getByTestId('sync-no-jobs')).toContainText('还没有可同步的店铺');
  await shell.nav('settings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await expect(page.getByTestId('no-stores')).toHaveText('还没有店铺。');

  await shell.chooseLanguage('English');
  await expect(shell.title()).toHaveText('Amazon Seller ERP');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await shell.nav('reconciliation').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconciliation');
  await expect(page.getByTestId('recon-stock-summary')).toHaveText('0 SKU × place pairs checked: the ledger and Amazon agree.');
  await shell.nav('orders').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Orders');
  await expect(page.getByTestId('orders-table')).toContainText('No orders. Once a store is connected');
  await shell.nav('exceptions').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exceptions');
  await expect(page.getByTestId('exceptions-empty')).toContainText('No orders waiting in exceptions');
  await shell.nav('picking').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Picking');
  await expect(page.getByTestId('picking-no-warehouse')).toHaveText('No warehouse yet. Add one in Settings first.');
  await shell.nav('packing').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Packing');
  await expect(page.getByTestId('packing-idle')).toContainText('Scan an order to start packing');
  await shell.nav('returns').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Returns');
  await expect(page.getByTestId('returns-idle')).toContainText('Scan a returned parcel');
  await shell.nav('fba').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('FBA Shipments');
  await expect(page.getByTestId('fba-no-plans')).toContainText('No FBA inbound plans yet');
  await shell.nav('catalog').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products');
  await expect(page.getByTestId('catalog-empty')).toHaveText('No products yet. Create one, or import a CSV / Excel file.');
  await shell.nav('inventory').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inventory');
  await expect(page.getByTestId('inventory-count')).toHaveText('Showing 0 of 0 products');
  await shell.nav('purchasing').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Purchasing');
  await expect(page.getByTestId('cover-table')).toContainText('No warehouse yet');
  await shell.nav('sync').click();
  await expect(page.getByTestId('sync-no-jobs')).toContainText('No store to sync yet');
});

test('language choice is saved in the core, audited, and survives a reload; the station reopens its last screen', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('inventory').click();
  await shell.chooseLanguage('English');
  await expect(shell.statusStore()).toHaveText('Store: No store added');
  await expect(shell.statusNetwork()).toHaveText('Offline');
  expect(await harness.core.settings.getPreferences()).toEqual({ locale: 'en' });
  const audit = await harness.core.audit.list(10);
  expect(audit[0]).toMatchObject({ action: 'settings.update', detail: { from: null, to: 'en' } });

  await page.reload();
  await expect(shell.title()).toHaveText('Amazon Seller ERP');
  await expect(shell.screen()).toHaveAttribute('data-screen', 'inventory');

  await shell.chooseLanguage('简体中文');
  await expect(shell.title()).toHaveText('亚马逊卖家 ERP');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
});

test.describe('with an English operating system', () => {
  test.use({ locale: 'en-US' });
  test('follows the OS language until the user chooses one', async ({ page, harness }) => {
    const shell = new AppShell(page);
    await shell.open(harness.url);
    await expect(shell.title()).toHaveText('Amazon Seller ERP');
    await expect(shell.statusSync()).toHaveText('Never synced');
  });
});
