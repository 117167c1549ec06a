import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import type { Core } from '../../main/core';
import { insertFbmOrder } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { FbaPage } from './pages/FbaPage';
import { expect, test } from './fixtures';

test.use({ demo: true });

const US = 'ATVPDKIKX0DER';
const SHOTS = 'test-results/screens';

interface Seeded {
  storeId: number;
  lines: { msku: string; fnsku: string; productId: number }[];
}

/** The product a demo FBA listing sells as: the demo's own catalog import may have mapped it already. */
async function productFor(core: Core, storeId: number, sellerSku: string, fnsku: string, name: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const mapped = await core.db('product_listings').where({ store_id: storeId, marketplace_id: US, seller_sku: sellerSku }).first<{ product_id: number } | undefined>('product_id');
    if (mapped) return mapped.product_id;
    try {
      const existing = await core.db('products').where({ sku: sellerSku }).first<{ id: number } | undefined>('id');
      const productId = existing?.id ?? (await core.catalog.create({ sku: sellerSku, name: name.slice(0, 200), kind: 'unit', codes: [{ kind: 'fnsku', code: fnsku }] })).id;
      await core.catalog.mapListing({ storeId, marketplaceId: US, sellerSku, productId });
      return productId;
    } catch (err) {
      if (attempt > 2) throw err;
    }
  }
}

/**
 * Two SKUs the simulated Amazon stocks in FBA (US), mapped to products with 100 units each in the Shenzhen warehouse,
 * and a week of brisk FBA sales for each, so the FBA warehouse's reorder suggestion lists both.
 */
async function seed(core: Core): Promise<Seeded> {
  const store = (await core.stores.list()).find((s) => s.isDemo && s.marketplaceIds.includes(US))!;
  const sim = core.simulator()!;
  const picked = sim.store.inventorySummaries({ marketplaceId: US, details: true }).filter((s) => s.fnSku && s.sellerSku && /^X0/.test(s.fnSku)).slice(0, 2);
  expect(picked).toHaveLength(2);
  let warehouse = (await core.warehouses.list({})).find((w) => w.code === 'CN-SZ');
  warehouse ??= await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓 Shenzhen', kind: 'domestic' });
  const lines: Seeded['lines'] = [];
  for (const [i, s] of picked.entries()) {
    const productId = await productFor(core, store.id, s.sellerSku!, s.fnSku!, s.productName ?? s.sellerSku!);
    await core.inventory.adjust({ productId, warehouseId: warehouse.id, delta: 100, reason: 'found', note: 'e2e stock' });
    await insertFbmOrder(core, { id: `111-9000000-000000${i}`, storeId: store.id, status: 'SHIPPED', fulfilledBy: 'AMAZON', lines: [{ orderItemId: `9${i}`, sellerSku: s.sellerSku!, quantity: 2000 }] });
    lines.push({ msku: s.sellerSku!, fnsku: s.fnSku!, productId });
  }
  // Amazon's figures make the store's FBA warehouse (and its FNSKUs) known to the ERP.
  await core.scheduler.runNow({ storeId: store.id, job: 'inventory' });
  return { storeId: store.id, lines };
}

async function choose(page: Page, label: string, option: RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
}

async function savedPdf(download: Download): Promise<{ file: string; pages: number }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fba-e2e-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { file, pages: pdfPages(file) };
}

async function shot(page: Page, shell: AppShell, name: string) {
  await page.screenshot({ path: `${SHOTS}/fba-${name}-zh.png`, animations: 'disabled' });
  await shell.chooseLanguage('English');
  await page.screenshot({ path: `${SHOTS}/fba-${name}-en.png`, animations: 'disabled' });
  await shell.chooseLanguage('简体中文');
}

test('a clerk builds an FBA plan from suggestions, packs two boxes by scanner, picks placement and transport, prints labels and sees receiving', async ({ page, harness }) => {
  // Amazon's operations take seconds of simulated time each, on a machine the demo's own sync shares.
  test.setTimeout(300_000);
  const core = harness.core;
  const { lines } = await seed(core);
  const [a, b] = lines as [Seeded['lines'][number], Seeded['lines'][number]];
  const shell = new AppShell(page);
  const fba = new FbaPage(page);
  await shell.open(harness.url);
  await shell.nav('fba').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('FBA 货件');

  // ---- plan from the replenishment suggestions, quantities edited, the first ship-from address entered
  await page.getByTestId('fba-new-plan').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建 FBA 货件计划');
  await choose(page, '站点', /^US$/);
  await choose(page, '发货仓', /CN-SZ/);
  await expect(page.getByTestId(`fba-new-line-${a.msku}`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId(`fba-new-line-${b.msku}`)).toBeVisible();
  // Other demo products may be due too; this plan sends the two.
  for (;;) {
    const others = page.locator('[data-testid^="fba-new-line-"]').filter({ hasNot: page.locator(`text=${a.msku}`) }).filter({ hasNot: page.locator(`text=${b.msku}`) });
    if ((await others.count()) === 0) break;
    await others.first().getByRole('button').click();
  }
  await page.getByTestId(`fba-new-line-${a.msku}`).getByTestId('fba-new-quantity').fill('14');
  await page.getByTestId(`fba-new-line-${b.msku}`).getByTestId('fba-new-quantity').fill('12');
  await expect(page.getByTestId('fba-new-totals')).toHaveText('2 个 SKU，共 26 件');
  await page.getByTestId('fba-new-create').click();
  // No earlier plan from this warehouse: the address is asked for, at its form.
  await expect(page.getByTestId('fba-new-error')).toHaveText('这是从该仓库发出的第一个计划：请填写发货地址（含电话）。');
  const address = { name: 'Li Wei', companyName: 'Shenzhen Demo Trading', addressLine1: '88 Bantian Industrial Rd', city: 'Shenzhen', stateOrProvinceCode: 'GD', postalCode: '518129', countryCode: 'CN', phoneNumber: '+8675512345678' };
  for (const [field, value] of Object.entries(address)) await page.getByTestId(`fba-address-${field}`).fill(value);
  await page.getByTestId('fba-new-create').click();
  await expect(fba.plan()).toBeVisible();
  await expect(page.getByTestId('fba-plan-facts')).toContainText('2 个 SKU，共 26 件');

  // ---- Amazon creates the plan and offers packing options; the clerk takes the first
  await fba.waitForStep(['choose-packing']);
  await expect(page.getByTestId('stage-packing')).toHaveAttribute('data-state', 'active');
  await page.getByTestId('packing-option-choose').first().click();
  await fba.waitForStep(['pack-boxes']);

  // ---- box packing by scanner bursts only
  await fba.key('F2');
  await expect(page.getByTestId('open-box-title')).toHaveText('第 1 箱（已装 0 件）');
  for (let i = 0; i < 14; i++) await fba.scan(a.fnsku);
  await expect(fba.verdict()).toHaveAttribute('data-kind', 'ok');
  await expect(fba.line(a.msku).getByTestId('line-packed')).toHaveText('14');
  // One unit more than planned: refused, counted nowhere.
  await fba.scan(a.fnsku);
  await expect(fba.verdict()).toHaveAttribute('data-kind', 'error');
  await expect(fba.verdictTitle()).toContainText('超出计划');
  await expect(fba.line(a.msku).getByTestId('line-packed')).toHaveText('14');
  // A code that is not in the plan.
  await fba.scan('X00NOTPLAN1');
  await expect(fba.verdict()).toHaveAttribute('data-kind', 'error');
  await expect(fba.verdictTitle()).toHaveText('X00NOTPLAN1 不是本计划中的商品。');

  // A 26 in side is refused at the field, before anything is sent.
  await fba.field('length').fill('26');
  await fba.field('width').fill('16');
  await fba.field('height').fill('12');
  await fba.field('weight').fill('22');
  await expect(fba.fieldHelp('length')).toContainText('边长 26 in 超过亚马逊上限 25 in');
  await fba.key('F4');
  await expect(page.getByTestId('box-1')).toHaveAttribute('data-status', 'open');
  await fba.field('length').fill('20');
  await expect(fba.fieldHelp('length')).toHaveText('每边最多 25 in');
  await page.screenshot({ path: `${SHOTS}/fba-box-packing-zh.png`, animations: 'disabled' });
  await fba.key('F4');
  await expect(page.getByTestId('box-1')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('box-1').getByTestId('box-contents')).toHaveText(`${a.msku} ×14`);

  await fba.key('F2');
  await expect(page.getByTestId('open-box-title')).toHaveText('第 2 箱（已装 0 件）');
  for (let i = 0; i < 12; i++) await fba.scan(b.fnsku);
  await expect(fba.line(b.msku).getByTestId('line-packed')).toHaveText('12');
  await fba.field('length').fill('18');
  await fba.field('width').fill('14');
  await fba.field('height').fill('10');
  await fba.field('weight').fill('15.5');
  await shot(page, shell, 'box-packing');
  await fba.key('F4');
  await expect(page.getByTestId('box-2')).toHaveAttribute('data-status', 'closed');
  await fba.key('F8');

  // ---- placement options side by side; the fewest shipments is taken
  await fba.waitForStep(['choose-placement']);
  const options = page.getByTestId('placement-option');
  expect(await options.count()).toBeGreaterThan(1);
  await expect(page.locator('[data-testid="placement-option"][data-cheapest="true"]').first()).toBeVisible();
  await shot(page, shell, 'placement');
  const fewest = page.locator('[data-testid="placement-option"][data-fewest="true"]').first();
  const shipmentsPlanned = Number(await fewest.getByTestId('placement-shipments').textContent());
  await fewest.getByTestId('placement-choose').click();

  // ---- transport per shipment, then shipments with their confirmation ids
  await fba.waitForStep(['choose-transport']);
  await expect(page.getByTestId('transport-shipment')).toHaveCount(shipmentsPlanned);
  await page.getByTestId('transport-confirm').click();
  await fba.waitForStep(['receiving'], 'ready');
  const shipments = page.getByTestId('fba-shipment');
  await expect(shipments).toHaveCount(shipmentsPlanned);
  const confirmationIds = await shipments.getByTestId('shipment-confirmation-id').allTextContents();
  for (const id of confirmationIds) expect(id).toMatch(/^FBA[A-Z0-9]{5,15}$/);
  await expect(shipments.first().getByTestId('shipment-received')).toHaveText(/^已收 0 \/ 已发 \d+$/);

  // ---- FNSKU labels: A4 24-up, 26 units → 2 sheets; the preview shows the label at its true proportions
  await page.getByTestId('fba-labels').click();
  await choose(page, '版式', /A4 每张 24 个/);
  await expect(page.getByTestId('labels-count')).toHaveText('2 个 SKU，共 26 张标签，2 页');
  await expect(page.getByTestId('fnsku-preview')).toHaveAttribute('data-aspect', (70 / 37).toFixed(3));
  await expect(page.getByTestId('sheet-preview').locator('rect[data-state="printed"]')).toHaveCount(24);
  // The dialog covers the language switch: the English preview is taken at the end.
  await page.screenshot({ path: `${SHOTS}/fba-label-preview-zh.png`, animations: 'disabled' });
  const [fnskuDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('labels-print-fnsku').click()]);
  const fnskuPdf = await savedPdf(fnskuDownload);
  expect(fnskuPdf.pages).toBe(Math.ceil(26 / 24));
  await expect(page.getByTestId('labels-done')).toContainText('（2 页）');

  // ---- carton marks of the first shipment: one per box, ids <confirmation id>U<6 digits>
  await page.getByTestId('labels-tab-carton').click();
  const boxIds = page.getByTestId('carton-box-id');
  await expect(boxIds.first()).toHaveText(`${confirmationIds[0]}U000001`);
  const cartons = await boxIds.count();
  await expect(page.getByTestId('carton-preview')).toHaveAttribute('data-aspect', (4 / 6).toFixed(3));
  await page.screenshot({ path: `${SHOTS}/fba-carton-preview-zh.png`, animations: 'disabled' });
  const [cartonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('labels-print-carton').click()]);
  expect(cartonDownload.suggestedFilename()).toContain(confirmationIds[0]!);
  expect((await savedPdf(cartonDownload)).pages).toBe(cartons);

  // ---- Amazon's own labels for the shipment
  await page.getByTestId('labels-tab-amazon').click();
  const [amazonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('labels-print-amazon').click()]);
  expect((await savedPdf(amazonDownload)).pages).toBeGreaterThan(0);
  await page.getByTestId('labels-close').click();

  // ---- Amazon receives every shipment; "check now" reads the figures
  const sim = core.simulator()!;
  const plan = (await core.fba.plans({ includeDone: true }))[0]!;
  for (const s of (await core.fba.plan(plan.id)).shipmentList) expect(sim.workflows.inbound.completeReceiving(s.amazonShipmentId)).toBe(true);
  await page.getByTestId('fba-check-receiving').click();
  await expect(fba.plan()).toHaveAttribute('data-step', 'closed');
  const detail = await core.fba.plan(plan.id);
  const received = detail.shipmentList.flatMap((s) => s.items).reduce((n, i) => n + i.received, 0);
  const shipped = detail.shipmentList.flatMap((s) => s.items).reduce((n, i) => n + i.shipped, 0);
  expect(shipped).toBe(26);
  await expect(shipments.first().getByTestId('shipment-received')).not.toHaveText(/^已收 0 /);
  await expect(page.getByTestId('fba-shipments').getByTestId('item-discrepancy').first()).not.toHaveText('收货中');

  // ---- the list shows the plan closed with its progress
  await page.getByTestId('fba-back').click();
  await page.getByTestId('fba-include-done').click();
  const row = page.getByTestId(`plan-row-${plan.id}`);
  await expect(row.getByTestId('plan-actor')).toHaveAttribute('data-actor', 'done');
  await expect(row.getByTestId('plan-progress')).toHaveText(`已收 ${received} / 已发 ${shipped}`);
  await shot(page, shell, 'list');

  await shell.chooseLanguage('English');
  await row.click();
  await page.getByTestId('fba-labels').click();
  await choose(page, 'Layout', /A4, 24 up/);
  await expect(page.getByTestId('labels-count')).toHaveText('2 SKUs, 26 labels on 2 pages');
  await page.screenshot({ path: `${SHOTS}/fba-label-preview-en.png`, animations: 'disabled' });
});

/** The plan's next Amazon steps from the core (as the inbound job would), until it is the user's turn. */
async function driveToUser(core: Core, planId: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const plan = await core.fba.plan(planId);
    if (plan.status === 'waiting') return plan;
    if (plan.status === 'failed') throw new Error(`plan failed at ${plan.step}: ${JSON.stringify(plan.problems)}`);
    if (Date.now() > deadline) throw new Error(`plan stayed at ${plan.step}/${plan.status}`);
    await core.fba.drivePlan(planId);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('own carrier (货代): the clerk picks a delivery window, scans a tracking number per box, sees Amazon refuse one box and uploads again', async ({ page, harness }) => {
  test.setTimeout(300_000);
  const core = harness.core;
  const { storeId, lines } = await seed(core);
  const [a, b] = lines as [Seeded['lines'][number], Seeded['lines'][number]];
  const warehouse = (await core.warehouses.list({})).find((w) => w.code === 'CN-SZ')!;
  const address = { name: 'Li Wei', addressLine1: '88 Bantian Industrial Rd', city: 'Shenzhen', postalCode: '518129', countryCode: 'CN', phoneNumber: '+8675512345678' };

  // ---- the plan up to the transport choice, from the core: packing and placement have their own test above
  let plan = await core.fba.createPlan({ storeId, marketplaceId: US, sourceWarehouseId: warehouse.id, sourceAddress: address, name: '货代 Nov', lines: [{ productId: a.productId, quantity: 8 }, { productId: b.productId, quantity: 4 }] });
  plan = await driveToUser(core, plan.id);
  plan = await driveToUser(core, (await core.fba.choosePacking({ planId: plan.id, packingOptionId: plan.packingOptions[0]!.id })).id);
  for (const group of plan.packingGroups) {
    for (const item of group.items) {
      for (let left = item.quantity; left > 0; left -= 4) {
        const box = (await core.fba.openBox({ planId: plan.id })).boxList.at(-1)!;
        await core.fba.scanIntoBox({ planId: plan.id, boxId: box.id, code: item.fnsku, quantity: Math.min(4, left) });
        await core.fba.closeBox({ planId: plan.id, boxId: box.id, lengthMm: 400, widthMm: 300, heightMm: 300, weightG: 6_000 + left * 100 });
      }
    }
  }
  await core.fba.submitBoxes({ planId: plan.id });
  plan = await driveToUser(core, plan.id);
  const single = [...plan.placementOptions].sort((x, y) => x.shipmentCount - y.shipmentCount)[0]!;
  plan = await driveToUser(core, (await core.fba.choosePlacement({ planId: plan.id, placementOptionId: single.id })).id);
  expect(plan.step).toBe('choose-transport');

  const shell = new AppShell(page);
  const fba = new FbaPage(page);
  await shell.open(harness.url);
  await shell.nav('fba').click();
  await page.getByTestId(`plan-row-${plan.id}`).click();
  await fba.waitForStep(['choose-transport']);

  // ---- own carrier for the shipment; Amazon then offers delivery windows, shown in the FC's time zone
  await page.getByTestId('transport-option').and(page.locator('[data-solution="USE_YOUR_OWN_CARRIER"]')).first().click();
  await expect(page.getByTestId('transport-needs-window')).toBeVisible();
  await page.getByTestId('transport-confirm').click();
  await fba.waitForStep(['confirm-transport']);
  const windows = page.getByTestId('transport-window');
  await expect(windows).toHaveCount(3);
  // Times in the FC's own zone (a US FC: Pacific to Eastern), not the viewer's.
  await expect(windows.first()).toContainText(/P[SD]T|GMT-[4-7]/);
  const windowId = await windows.nth(1).getAttribute('data-window-id');
  await windows.nth(1).click();
  await page.getByTestId('transport-windows-confirm').click();
  await fba.waitForStep(['receiving'], 'ready');
  await expect(page.getByTestId('shipment-carrier')).toContainText('自选承运人');
  await expect(page.getByTestId('shipment-carrier')).toContainText('送达窗口');
  const detail = await core.fba.plan(plan.id);
  const shipment = detail.shipmentList[0]!;
  expect(shipment.deliveryWindow?.id).toBe(windowId);

  // ---- tracking per box by scanner: each burst fills the next empty row
  const boxes = shipment.boxes;
  expect(boxes.length).toBe(3);
  await choose(page, '承运商（校验格式）', /^Yun Express$/);
  const numbers = boxes.map((bx) => `YT24112${String(bx.index).padStart(11, '0')}`);
  for (const [i, n] of numbers.entries()) await fba.scanTracking(n, i + 1);
  for (const [i, bx] of boxes.entries()) await expect(fba.trackingRow(i + 1)).toHaveAttribute('data-box-id', bx.boxId);

  // Amazon refuses the upload naming the second box: the problem shows on that row.
  const sim = core.simulator()!;
  sim.workflows.inbound.failNextOperation('updateShipmentTrackingDetails', 'InvalidTrackingId', `The tracking ID for box ${boxes[1]!.boxId} is not a valid carrier tracking number.`);
  await page.getByTestId('tracking-upload').click();
  await fba.waitForTracking('failed');
  await expect(fba.trackingRow(2).getByText(/InvalidTrackingId/)).toBeVisible();
  await expect(fba.trackingRow(1).getByText(/InvalidTrackingId/)).toHaveCount(0);
  await expect(page.getByTestId('tracking-state')).toHaveText('亚马逊拒绝');
  // The shipment from its header to the upload button in the picture.
  await page.getByTestId('fba-shipment').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, shell, 'tracking');

  // A typo while fixing it is caught at the row before anything is sent.
  const input2 = fba.trackingRow(2).getByTestId('tracking-input');
  await input2.fill(numbers[0]!);
  await expect(fba.trackingRow(2)).toContainText('与另一箱的追踪号重复');
  await expect(page.getByTestId('tracking-upload')).toBeDisabled();
  await input2.fill('YT2411200000000099');
  await page.getByTestId('tracking-upload').click();
  await fba.waitForTracking('done');
  await expect(page.getByTestId('tracking-state')).toHaveText('亚马逊已接收');
  const sent = sim.workflows.inbound.plans.get(detail.amazonPlanId!)!.shipments.get(shipment.amazonShipmentId)!.tracking!.spd!;
  expect(sent.map((x) => [x.boxId, x.trackingId])).toEqual(boxes.map((bx, i) => [bx.boxId, i === 1 ? 'YT2411200000000099' : numbers[i]]));
});
