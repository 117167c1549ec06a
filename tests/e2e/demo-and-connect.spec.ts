import { DEMO_ACCOUNT } from '../../main/simulator/server';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test.use({ demo: true });

test('a first start without an Amazon account runs on demo stores and says so', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await expect(page.getByTestId('demo-banner')).toContainText('演示模式');
  await expect(shell.statusStore()).toContainText('演示店铺 Demo · NA');
  await expect(shell.statusStore()).toContainText('共 3 个店铺');
  await expect(shell.statusNetwork()).toHaveText('在线');

  await page.getByTestId('demo-banner').getByRole('button', { name: '连接亚马逊账号' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  const stores = await harness.core.stores.list();
  expect(stores.map((s) => [s.region, s.isDemo])).toEqual([['na', true], ['eu', true], ['fe', true]]);

  // The demo store really talks SP-API to the embedded simulator.
  await page.getByTestId(`store-test-button-${stores[0]!.id}`).click();
  await expect(page.getByTestId(`store-test-${stores[0]!.id}`)).toContainText('连接成功');
  await expect(page.getByTestId(`store-test-${stores[0]!.id}`)).toContainText('amazon.com');

  await shell.chooseLanguage('English');
  await expect(page.getByTestId('demo-banner')).toContainText('Demo mode');
});

test('connecting an account: test the credentials, see a clear error, then save', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.chooseLanguage('English');
  await shell.nav('settings').click();
  const form = page.getByTestId('connect-amazon');

  await form.getByTestId('connect-name').fill('Shenzhen Gadgets US');
  await form.getByRole('checkbox', { name: 'amazon.com', exact: true }).check();
  await form.getByTestId('connect-clientId').fill(DEMO_ACCOUNT.clientId);
  await form.getByTestId('connect-clientSecret').fill(DEMO_ACCOUNT.clientSecret);
  await form.getByTestId('connect-refreshToken').fill('Atzr|not-the-right-token');
  await form.getByTestId('connect-test').click();
  await expect(form.getByTestId('connect-result')).toContainText('Credentials are invalid or revoked');

  await form.getByTestId('connect-refreshToken').fill('not a token');
  await form.getByTestId('connect-save').click();
  await expect(form.getByTestId('connect-error')).toContainText('Invalid input: refresh token');
  expect((await harness.core.stores.list()).some((s) => s.name === 'Shenzhen Gadgets US')).toBe(false);

  await form.getByTestId('connect-refreshToken').fill(DEMO_ACCOUNT.refreshToken);
  await form.getByTestId('connect-test').click();
  await expect(form.getByTestId('connect-result')).toContainText('Connected');
  await form.getByTestId('connect-save').click();
  await expect(form.getByTestId('connect-saved')).toContainText('Shenzhen Gadgets US');
  await expect(page.getByTestId('stores-table')).toContainText('Shenzhen Gadgets US');

  // The secret went in once and is stored sealed: not readable in the database.
  const row = await harness.core.db('store_credentials').orderBy('store_id', 'desc').first();
  expect(JSON.stringify(row)).not.toContain(DEMO_ACCOUNT.refreshToken);
  expect(JSON.stringify(row)).not.toContain(DEMO_ACCOUNT.clientSecret);
});

test('the sync screen shows every store job, runs it now, and pauses without losing anything', async ({ page, harness }) => {
  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('sync').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同步');
  const rows = page.getByTestId('sync-jobs').locator('tbody tr');
  // Three demo stores × orders, FBA inventory, listings, FBA inbound plans and finances.
  await expect(rows).toHaveCount(15);
  const [na] = await harness.core.stores.list();
  const naRow = page.getByTestId(`sync-job-${na!.id}-orders`);
  await expect(naRow).toContainText('演示店铺 Demo · NA');
  await expect(naRow).toContainText('订单同步');
  // The first backfill runs by itself on start; it ends idle with a last-success time.
  await expect(naRow).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(naRow).not.toContainText('从未');
  const before = Number((await harness.core.db('orders').where({ store_id: na!.id }).count({ n: '*' }).first())?.n);
  expect(before).toBeGreaterThan(50);

  await page.getByTestId('sync-pause').click();
  await expect(page.getByTestId('sync-paused')).toBeVisible();
  await expect(shell.statusSync()).toContainText('同步已暂停');
  await page.getByTestId('sync-resume').click();
  await expect(page.getByTestId('sync-paused')).toHaveCount(0);
  await page.getByTestId('sync-run-now').click();
  await expect(naRow).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(naRow).not.toContainText('从未');
  const after = Number((await harness.core.db('orders').where({ store_id: na!.id }).count({ n: '*' }).first())?.n);
  expect(after).toBeGreaterThanOrEqual(before);
});
