import type { Page } from '@playwright/test';
import { enqueue } from '../../main/sync/outbox/outbox';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test.use({ demo: true });

/** The screen scrolls inside the app frame, so a tall window is what shows the whole of it in one picture. */
async function shot(page: Page, locale: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1360, height: 2200 });
  await page.screenshot({ path: `test-results/screens/sync-health-${locale}.png` });
  if (size) await page.setViewportSize(size);
}

test('the morning check shows findings, the hourly chart and a failed upload that retry puts back in the queue', async ({ page, harness }) => {
  const core = harness.core;
  const [na] = await core.stores.list();
  // The worker's own timer would send the row again right after the retry; this test drives it by hand.
  core.outbox.stop();
  // An order Amazon has never heard of: confirmShipment answers 404, and the write goes dead as not-found.
  const { seq } = await enqueue(
    core.db,
    {
      storeId: na!.id,
      kind: 'confirm-shipment',
      payload: {
        orderId: '999-0000000-0000000',
        marketplaceId: 'ATVPDKIKX0DER',
        packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: new Date().toISOString(), orderItems: [{ orderItemId: '1', quantity: 1 }] },
      },
      idempotencyKey: 'confirm-shipment:999-0000000-0000000:1',
    },
    core.clock,
  );
  await core.outbox.runOnce();
  expect((await core.outbox.listDead()).map((d) => [d.seq, d.reasonCode])).toEqual([[seq, 'not-found']]);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('sync').click();
  const health = page.getByTestId('sync-health');
  await expect(health.getByRole('heading', { level: 2 })).toHaveText('早间巡检');
  const check = page.getByTestId('morning-check');
  await expect(check.locator('[data-code="dead-letters"]')).toContainText('1 项数据上传亚马逊失败');
  await expect(check.locator('[data-code="dead-letters"]')).toHaveAttribute('data-severity', 'error');
  await expect(check.locator('[data-code="dead-letters"] [role="img"]')).toHaveAttribute('aria-label', '需处理');

  // The chart: 24 hours, and the calls the demo sync has made by now (refreshed from the sync events).
  const chart = page.getByTestId('calls-chart');
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /^最近 24 小时共 \d+ 次调用，\d+ 次错误$/);
  await expect(chart.getByTestId('chart-hour')).toHaveCount(24);
  await expect(chart).toContainText('每小时调用与错误');
  await expect(chart.getByRole('img')).not.toHaveAttribute('aria-label', /共 0 次调用/, { timeout: 20_000 });
  await expect(page.getByTestId(`metrics-${na!.id}-orders`)).toContainText('订单同步');

  const dead = page.getByTestId(`dead-${seq}`);
  await expect(dead).toContainText('确认发货');
  await expect(dead).toContainText('999-0000000-0000000');
  await expect(dead).toContainText('亚马逊找不到该订单');
  await expect(page.getByTestId(`outbox-${na!.id}`)).toHaveAttribute('data-dead', '1');
  await shot(page, 'zh-CN');

  await shell.chooseLanguage('English');
  await expect(health.getByRole('heading', { level: 2 })).toHaveText('Morning check');
  await expect(check.locator('[data-code="dead-letters"]')).toContainText('Failed uploads to Amazon: 1');
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /^\d+ calls and \d+ errors in the last 24 hours$/);
  await expect(chart).toContainText('Calls and errors per hour');
  await expect(dead).toContainText('Confirm shipment');
  await expect(dead).toContainText('Amazon does not know this order');
  await expect(health).not.toContainText('早间巡检');
  await shot(page, 'en');

  await dead.getByRole('button', { name: 'Retry' }).click();
  await expect(dead).toHaveCount(0);
  await expect(page.getByTestId('dead-none')).toHaveText('No failed uploads.');
  await expect(page.getByTestId(`outbox-${na!.id}`)).toHaveAttribute('data-pending', '1');
  await expect(check.locator('[data-code="dead-letters"]')).toHaveCount(0);
  expect((await core.db('outbox').where({ seq }).first()).status).toBe('pending');
});
