import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { markOutboxDead } from '../../main/sync/outbox/outbox.repo';
import { AppShell } from './pages/AppShell';
import { expect, test } from './fixtures';

test.use({ demo: true });
test.setTimeout(120_000);

const TRACKING = '1Z999AA10123456784';

async function shot(page: Page, name: string) {
  // MUI animates for a few hundred ms: let it settle so the picture shows the state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/**
 * A demo FBM order shipped from the Orders screen whose confirmation the outbox gave up on (Amazon refused the store's
 * authorization at the time). Queued and dead-lettered in one transaction, so the running worker never sees it
 * pending; the integration test covers the real refusal.
 */
async function deadLetteredShipment(core: Core): Promise<{ orderId: string; seq: number }> {
  await core.scheduler.runNow({ job: 'orders' });
  const sim = core.simulator();
  if (!sim) throw new Error('demo mode runs no simulator');
  const ids = await core.db('orders').where({ fulfilled_by: 'MERCHANT', status: 'UNSHIPPED', marketplace_id: 'ATVPDKIKX0DER' }).orderBy('created_time').pluck<string[]>('id');
  const orderId = ids.find((id) => sim.store.getOrder(id)?.fulfillment?.fulfillmentStatus === 'UNSHIPPED');
  if (!orderId) throw new Error('the demo has no unshipped US FBM order');
  const seq = await core.db.transaction(async (trx) => {
    const { outboxSeq } = await core.shipments.confirmIn(trx, { orderId, carrierCode: 'UPS', trackingNumber: TRACKING });
    const reason = "auth: Amazon did not accept the store's authorization; reconnect the store, then retry";
    await markOutboxDead(trx, outboxSeq, reason, 'auth: The request has an invalid grant parameter : refresh_token');
    return outboxSeq;
  });
  return { orderId, seq };
}

test('the orders tab shows a dead-lettered confirmation; one click retries it and it leaves once the outbox sends it', async ({ page, harness }) => {
  const core = harness.core;
  const { orderId, seq } = await deadLetteredShipment(core);

  const shell = new AppShell(page);
  await shell.open(harness.url);
  await shell.nav('reconciliation').click();
  await page.getByTestId('recon-tab-orders').click();

  const row = page.getByTestId(`recon-order-${orderId}`);
  await expect(row).toHaveAttribute('data-cause', 'confirmation-dead-lettered');
  await expect(row).toContainText('未发货');
  await expect(row).toContainText('发货确认未能上传到亚马逊');
  await expect(row).toContainText('店铺授权失效');
  await expect(page.getByTestId('recon-orders-summary')).toContainText('个订单的亚马逊状态与本地流程不一致');
  await shot(page, 'recon-orders-zh');
  await shell.chooseLanguage('English');
  await expect(row).toContainText('never reached Amazon');
  await shot(page, 'recon-orders-en');
  await shell.chooseLanguage('简体中文');

  // Amazon answers the resent confirmation with 503s for now (the demo's Amazon keeps trading, so whether it would
  // accept this order is the quiet-simulator integration test's to prove): the row must leave the list at the click.
  core.simulator()!.faults.setRates('confirmShipment', { serverErrorRate: 1 });
  await page.getByTestId(`recon-fix-retry-confirmation-${orderId}`).click();
  await expect(page.getByTestId('recon-orders-done')).toContainText(orderId);
  await expect(row).toHaveCount(0);

  await page.getByTestId('recon-orders-refresh').click();
  await expect(row).toHaveCount(0);
  const audit = await core.db('audit_log').where({ action: 'recon.fix-order', entity_id: orderId }).first<{ detail_json: string }>('detail_json');
  expect(JSON.parse(audit.detail_json)).toMatchObject({ cause: 'confirmation-dead-lettered', fix: 'retry-confirmation', outboxSeqs: [seq] });
});
