import type { Page } from '@playwright/test';
import type { Core } from '../../main/core';
import type { RunningSimulator } from '../../main/simulator/server';
import { orderSchema } from '../../main/spapi/schemas/orders';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import { level } from '../support/packing-fixtures';
import { AppShell } from './pages/AppShell';
import { PackingPage } from './pages/PackingPage';
import { expect, test } from './fixtures';

test.use({ demo: true });
// Each test starts a demo core with its simulator and scans unit by unit, leaving the double-scan window between two
// units of a code: on a shared, busy machine that outgrows the default 30 s.
test.setTimeout(120_000);

const TRACKING = '1Z999AA10123456784';
const TRACKING_2 = '1Z999AA10123456791';
/** A product in the catalog that no demo order contains: the clerk's wrong grab. */
const WRONG_ITEM = { sku: 'E2E-NOT-IN-ORDER', gtin: '4006381333931' };

async function shot(page: Page, name: string) {
  // MUI animates labels and button colours for a few hundred ms: let them settle so the picture shows the state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

interface Packable {
  orderId: string;
  warehouseId: number;
  /** One entry per product in the box, with the code the clerk scans and how many units. */
  units: { productId: number; sku: string; code: string; quantity: number }[];
  items: { orderItemId: string; quantity: number }[];
  /** A split order's packages, in package order: each warehouse's box and the order items it carries. */
  packages: { warehouseId: number; warehouseCode: string; units: Packable['units']; items: Packable['items'] }[];
}

/** The product that sells this seller SKU, created and mapped if the demo catalog has not done it yet. */
async function productFor(core: Core, o: { store_id: number; marketplace_id: string }, sellerSku: string, title: string | null): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const mapped = await core.db('product_listings').where({ store_id: o.store_id, marketplace_id: o.marketplace_id, seller_sku: sellerSku }).first<{ product_id: number } | undefined>('product_id');
    if (mapped) return mapped.product_id;
    try {
      const existing = await core.db('products').where({ sku: sellerSku }).first<{ id: number } | undefined>('id');
      const productId = existing?.id ?? (await core.catalog.create({ sku: sellerSku, name: title?.slice(0, 200) || sellerSku, kind: 'unit' })).id;
      await core.catalog.mapListing({ storeId: o.store_id, marketplaceId: o.marketplace_id, sellerSku, productId });
      return productId;
    } catch (err) {
      // The demo's own catalog import may have created it in between: read the mapping again.
      if (attempt > 2) throw err;
    }
  }
}

/**
 * A demo FBM order from the simulator, ready at the packing station: its SKUs mapped to products with stock in the
 * Shenzhen warehouse, then audited and allocated by the fulfillment workflow's own process() with a UPS carrier rule.
 * `split`: the first line's stock is in a Dongguan warehouse only and the others' in a Los Angeles 3PL only, the
 * allocation rules name just those two and split shipments are allowed, so the order ships as two packages.
 */
async function packableOrder(core: Core, opts: { minItems: number; skip?: string[]; split?: boolean }): Promise<Packable> {
  await core.scheduler.runNow({ job: 'orders' });
  const candidates = await core
    .db('orders as o')
    .join('order_items as i', 'i.order_id', 'o.id')
    .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
    .where({ 'o.fulfilled_by': 'MERCHANT', 'o.status': 'UNSHIPPED' })
    // Not yet allocated by the sync's own pass: this test's carrier rule must be the one that chooses.
    .where((q) => q.whereNull('w.state').orWhereIn('w.state', ['new', 'exception']))
    .whereNotIn('o.id', opts.skip ?? [])
    .groupBy('o.id', 'o.store_id', 'o.marketplace_id', 'o.created_time')
    .havingRaw('count(*) >= ?', [opts.minItems])
    .orderBy('o.created_time', 'desc')
    .select<{ id: string; store_id: number; marketplace_id: string }[]>('o.id', 'o.store_id', 'o.marketplace_id');
  const order = candidates[0];
  if (!order) throw new Error(`the demo has no unshipped FBM order with ${opts.minItems} lines`);

  // A split order gets two warehouses of its own: the demo's opening stock in Shenzhen would cover it whole.
  let warehouse = (await core.warehouses.list({})).find((w) => w.code === 'CN-SZ');
  warehouse ??= await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓 Shenzhen', kind: 'domestic' });
  if (opts.split) warehouse = await core.warehouses.create({ code: 'CN-DG', name: '东莞仓 Dongguan', kind: 'domestic' });
  const second = opts.split ? await core.warehouses.create({ code: 'US-LA', name: 'Los Angeles 3PL', kind: 'overseas' }) : null;
  const lines = await core.db('order_items').where({ order_id: order.id }).orderBy('order_item_id').select<{ order_item_id: string; seller_sku: string; title: string | null; quantity_ordered: number }[]>('order_item_id', 'seller_sku', 'title', 'quantity_ordered');
  const units: Packable['units'] = [];
  const packages: Packable['packages'] = [warehouse, ...(second ? [second] : [])].map((w) => ({ warehouseId: w.id, warehouseCode: w.code, units: [], items: [] }));
  for (const [i, l] of lines.entries()) {
    const productId = await productFor(core, order, l.seller_sku, l.title);
    const pkg = (second && i > 0 ? packages[1] : packages[0])!;
    await core.inventory.adjust({ productId, warehouseId: pkg.warehouseId, delta: l.quantity_ordered + (second ? 0 : 5), reason: 'found', note: 'e2e stock' });
    const product = await core.catalog.get(productId);
    // The label a clerk finds on the unit: its barcode or FNSKU where the catalog has one, else the SKU label.
    const code = product.codes.find((c) => c.kind === 'gtin' || c.kind === 'fnsku')?.code ?? product.sku;
    for (const list of [units, pkg.units]) {
      const same = list.find((u) => u.productId === productId);
      if (same) same.quantity += l.quantity_ordered;
      else list.push({ productId, sku: product.sku, code, quantity: l.quantity_ordered });
    }
    pkg.items.push({ orderItemId: l.order_item_id, quantity: l.quantity_ordered });
  }
  if (second) {
    await core.fulfillment.rules.allocation.set([
      { priority: 1, warehouseId: warehouse.id, countries: null },
      { priority: 2, warehouseId: second.id, countries: null },
    ]);
    await core.fulfillment.rules.allowSplit.set(true);
  }
  if (!(await core.db('products').where({ sku: WRONG_ITEM.sku }).first('id'))) {
    await core.catalog.create({ sku: WRONG_ITEM.sku, name: '不相干的商品 Unrelated item', kind: 'unit', codes: [{ kind: 'gtin', code: WRONG_ITEM.gtin }] });
  }
  // The seller's rules for this bench: UPS Ground for everything; only the audit rules that can never be switched off
  // (unmapped SKU, stock) stay on, so a random demo address or order value does not send the order to the exception pool.
  const audit = await core.fulfillment.rules.audit.get();
  await core.fulfillment.rules.audit.set(audit.map((r) => ({ ...r, enabled: r.code === 'sku-unmapped' || r.code === 'stock-insufficient' })));
  await core.fulfillment.rules.carrier.set([{ priority: 1, name: 'UPS Ground 全部', conditions: {}, carrierCode: 'UPS', shippingService: 'Ground' }]);
  expect(await core.fulfillment.process([order.id])).toEqual({ [order.id]: 'allocated' });
  const allocatedTo = (await core.db('order_workflow').where({ order_id: order.id }).first<{ warehouse_id: number }>('warehouse_id')).warehouse_id;
  // The demo's background sync and its in-process simulator share this Node process with Playwright: paused, they
  // cannot stall the sending of a scanner burst between two of its keys (the outbox worker keeps running).
  core.scheduler.pause();
  return { orderId: order.id, warehouseId: allocatedTo, units, items: lines.map((l) => ({ orderItemId: l.order_item_id, quantity: l.quantity_ordered })), packages };
}

/** Every confirmShipment the simulated Amazon receives from now on. */
function watchConfirmations(sim: RunningSimulator): { orderId: string; body: unknown }[] {
  const seen: { orderId: string; body: unknown }[] = [];
  const original = sim.store.confirmShipment.bind(sim.store);
  sim.store.confirmShipment = (orderId: string, body: unknown) => {
    seen.push({ orderId, body });
    return original(orderId, body);
  };
  return seen;
}

/**
 * The buyer cancels on Amazon, and the next orders page carrying it is stored as the orders sync stores it. The
 * simulator has no public switch for a cancellation, so it is scheduled as its own order events are; the page goes to
 * the sync's storeOrderPage and the fulfillment hook the orders job calls after it, directly, because a demo store's
 * next searchOrders call waits for Amazon's rate limit (about three minutes after the backfill).
 */
async function cancelOnAmazon(core: Core, orderId: string) {
  const sim = core.simulator()!;
  const inside = sim.store as unknown as { byId: Map<string, unknown>; queue: { push(time: number, event: unknown): void } };
  const record = inside.byId.get(orderId);
  if (!record) throw new Error(`simulator has no order ${orderId}`);
  inside.queue.push(sim.clock.nowMs(), { kind: 'cancel', order: record, requestedByBuyer: true, cancelledBy: 'BUYER', reason: 'Order placed by mistake' });
  sim.store.advanceTo(new Date(sim.clock.nowMs() + 1));
  const view = orderSchema.parse(sim.store.getOrder(orderId));
  expect(view.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
  const { store_id } = await core.db('orders').where({ id: orderId }).first<{ store_id: number }>('store_id');
  const store = (await core.stores.list()).find((s) => s.id === store_id)!;
  await core.db.transaction(async (trx) => {
    const ids = await storeOrderPage({ clock: core.clock, store, secretBox: core.secretBox }, trx, [view]);
    await core.fulfillment.onOrdersSynced(trx, ids);
  });
}

/** Scans every unit of the box, leaving the double-scan window between two units of the same code. */
async function scanAll(packing: PackingPage, units: Packable['units'], skipFirstOf?: string) {
  for (const u of units) {
    for (let i = u.code === skipFirstOf ? 1 : 0; i < u.quantity; i++) {
      if (i > 0) await packing.page.waitForTimeout(1100);
      await packing.scan(u.code);
      await expect(packing.verdict()).toHaveAttribute('data-verdict', 'ok');
    }
  }
}

async function openStation(page: Page, url: string) {
  const shell = new AppShell(page);
  await shell.open(url);
  await shell.nav('packing').click();
  // Nothing is focused: the scanner types into the page itself.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return { shell, packing: new PackingPage(page) };
}

test('a clerk packs a multi-item order by scanner alone: wrong item and double scan refused, then ships it', async ({ page, harness }) => {
  const core = harness.core;
  const sim = core.simulator()!;
  const box = await packableOrder(core, { minItems: 2 });
  const before = await Promise.all(box.units.map((u) => level(core, u.productId, box.warehouseId)));
  const confirmations = watchConfirmations(sim);
  const { packing } = await openStation(page, harness.url);

  await packing.scan(box.orderId);
  await expect(packing.orderId()).toHaveText(box.orderId);
  await expect(packing.verdict()).toHaveAttribute('data-kind', 'order');
  const [first, ...rest] = box.units;
  for (const u of box.units) await expect(packing.line(u.sku).first()).toBeVisible();

  await packing.scan(first!.code);
  await expect(packing.verdict()).toHaveAttribute('data-verdict', 'ok');
  await expect(packing.verdictDetail()).toHaveText(`${first!.sku} +1`);

  // The trigger pulled twice on the same unit: refused, red, not counted.
  await packing.scan(first!.code);
  await expect(packing.verdict()).toHaveAttribute('data-reason', 'double-scan');
  await expect(packing.verdictDetail()).toContainText('重复扫描');

  // A unit of something else: refused at the scan, naming it.
  await packing.scan(WRONG_ITEM.gtin);
  await expect(packing.verdict()).toHaveAttribute('data-reason', 'wrong-item');
  await expect(packing.verdictDetail()).toContainText(`拿错货：${WRONG_ITEM.sku} 不在这个订单里`);
  await expect(page.getByTestId('packing-progress')).toHaveText(`已扫 1 / ${box.units.reduce((n, u) => n + u.quantity, 0)} 件`);
  await shot(page, 'packing-wrong-item-zh-CN');

  await page.waitForTimeout(1100);
  await scanAll(packing, [{ ...first!, quantity: first!.quantity - 1 }, ...rest]);
  await expect(packing.shipPanel()).toBeVisible();
  for (const u of box.units) await expect(packing.line(u.sku).first()).toHaveAttribute('data-done', 'true');

  // Weight typed on the keyboard (no field clicked), the label's tracking number scanned, carrier preselected.
  await packing.typeSlowly('850');
  await expect(packing.weight()).toHaveValue('850');
  await packing.scan(TRACKING);
  await expect(packing.tracking()).toHaveValue(TRACKING);
  await expect(page.getByTestId('packing-ship')).toContainText('UPS');
  await shot(page, 'packing-ready-zh-CN');
  await packing.press('Enter');

  await expect(packing.verdict()).toHaveAttribute('data-kind', 'ship');
  await expect(packing.verdict()).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('verdict-title')).toContainText('已发货');
  await expect(packing.verdictDetail()).toContainText(box.orderId);
  await expect(page.getByTestId('packing-idle')).toBeVisible();
  await shot(page, 'packing-shipped-zh-CN');

  // The order shows shipped, here and in the workflow; scanning it again says so.
  expect(await core.db('order_workflow').where({ order_id: box.orderId }).first('state', 'weight_g')).toEqual({ state: 'shipped', weight_g: 850 });
  await packing.scan(box.orderId);
  await expect(packing.verdictDetail()).toHaveText(`订单 ${box.orderId} 已经发货了`);

  // The ledger moved: every unit left the warehouse, nothing is held for the order any more.
  for (const [i, u] of box.units.entries()) {
    expect(await level(core, u.productId, box.warehouseId)).toEqual({ onHand: before[i]!.onHand - u.quantity, reserved: before[i]!.reserved - u.quantity });
  }

  // Amazon hears of it exactly once, with the order's items and the carrier code.
  await core.outbox.runOnce();
  await expect.poll(() => confirmations.filter((c) => c.orderId === box.orderId).length).toBe(1);
  await core.outbox.runOnce();
  const sent = confirmations.filter((c) => c.orderId === box.orderId);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toMatchObject({ packageDetail: { carrierCode: 'UPS', trackingNumber: TRACKING, orderItems: box.items } });
  expect(sim.store.getOrder(box.orderId)?.packages?.map((p) => [p.carrier, p.trackingNumber])).toEqual([['UPS', TRACKING]]);
});

test('a cancellation arriving from Amazon while the order is on the bench refuses the next scan', async ({ page, harness }) => {
  const core = harness.core;
  const box = await packableOrder(core, { minItems: 1 });
  const { packing } = await openStation(page, harness.url);
  await packing.scan(box.orderId);
  await expect(packing.orderId()).toHaveText(box.orderId);

  await cancelOnAmazon(core, box.orderId);
  expect((await core.db('orders').where({ id: box.orderId }).first<{ status: string }>('status')).status).toBe('CANCELLED');
  expect((await core.db('order_workflow').where({ order_id: box.orderId }).first<{ state: string }>('state')).state).toBe('cancelled');

  await packing.scan(box.units[0]!.code);
  await expect(packing.verdict()).toHaveAttribute('data-verdict', 'error');
  await expect(packing.verdict()).toHaveAttribute('data-reason', 'cancelled');
  await expect(packing.verdictDetail()).toHaveText('订单已在亚马逊取消！停止打包，把商品放回货架，按 Esc 清除');
  await expect(packing.lineCount(box.units[0]!.sku).first()).toContainText('0');
  await shot(page, 'packing-cancelled-zh-CN');

  await packing.press('Escape');
  await expect(page.getByTestId('packing-idle')).toBeVisible();
  await packing.scan(box.orderId);
  await expect(packing.verdictDetail()).toHaveText(`订单 ${box.orderId} 已取消，不能打包发货`);
});

test('a reload mid-pack restores the station from its journal and packing continues (en)', async ({ page, harness }) => {
  const core = harness.core;
  const box = await packableOrder(core, { minItems: 2 });
  const { shell, packing } = await openStation(page, harness.url);
  await shell.chooseLanguage('English');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await packing.scan(box.orderId);
  await expect(packing.orderId()).toHaveText(box.orderId);
  const [first] = box.units;
  await packing.scan(first!.code);
  await expect(packing.verdictDetail()).toHaveText(`${first!.sku} +1`);
  const entry = await packing.verdict().getAttribute('data-entry');

  await page.reload();
  await expect(packing.orderId()).toHaveText(box.orderId);
  await expect(packing.verdict()).toHaveAttribute('data-entry', entry!);
  await expect(packing.verdictDetail()).toHaveText(`${first!.sku} +1`);
  await expect(packing.journalRows()).toHaveCount(2);
  await expect(page.getByTestId('packing-progress')).toHaveText(`Scanned 1 of ${box.units.reduce((n, u) => n + u.quantity, 0)} units`);
  await shot(page, 'packing-en');

  await page.waitForTimeout(1100);
  await scanAll(packing, box.units, first!.code);
  await expect(packing.shipPanel()).toBeVisible();
  await packing.typeSlowly('1200');
  await packing.scan(TRACKING);
  await shot(page, 'packing-ready-en');
  await packing.press('Enter');
  await expect(page.getByTestId('verdict-title')).toContainText('Shipped');
  expect((await core.db('order_workflow').where({ order_id: box.orderId }).first<{ state: string }>('state')).state).toBe('shipped');
});

test('a split order is packed as two packages, each confirmed to Amazon with its own items', async ({ page, harness }) => {
  const core = harness.core;
  const sim = core.simulator()!;
  const box = await packableOrder(core, { minItems: 2, split: true });
  const [first, second] = box.packages;
  const confirmations = watchConfirmations(sim);
  const { packing } = await openStation(page, harness.url);

  // Package 1: the Dongguan box. The other package's item is in the order, but not for this box.
  await packing.scan(box.orderId);
  await expect(packing.packageChip()).toHaveText('包裹 1/2');
  await expect(packing.warehouseChip()).toHaveText(first!.warehouseCode);
  for (const u of first!.units) await expect(packing.line(u.sku).first()).toBeVisible();
  for (const u of second!.units.filter((s) => !first!.units.some((f) => f.productId === s.productId))) await expect(packing.line(u.sku)).toHaveCount(0);
  const elsewhere = second!.units.find((s) => !first!.units.some((f) => f.productId === s.productId))!;
  await packing.scan(elsewhere.code);
  await expect(packing.verdict()).toHaveAttribute('data-reason', 'other-package');
  await expect(packing.verdictDetail()).toContainText(`${elsewhere.sku} 属于这个订单的另一个包裹`);
  await shot(page, 'packing-split-zh-CN');

  await page.waitForTimeout(1100);
  await scanAll(packing, first!.units);
  await packing.typeSlowly('420');
  await packing.scan(TRACKING);
  await packing.press('Enter');
  await expect(page.getByTestId('verdict-title')).toHaveText('✓ 包裹已发货');
  await expect(packing.verdictDetail()).toContainText('包裹 1/2 · 还有 1 个包裹待发');
  await shot(page, 'packing-package-shipped-zh-CN');
  expect((await core.db('order_workflow').where({ order_id: box.orderId }).first<{ state: string; warehouse_id: number }>('state', 'warehouse_id'))).toEqual({ state: 'allocated', warehouse_id: second!.warehouseId });

  // Package 2: scanning the order again opens the Los Angeles box.
  await packing.scan(box.orderId);
  await expect(packing.packageChip()).toHaveText('包裹 2/2');
  await expect(packing.warehouseChip()).toHaveText(second!.warehouseCode);
  await scanAll(packing, second!.units);
  await packing.typeSlowly('980');
  await packing.scan(TRACKING_2);
  await packing.press('Enter');
  await expect(page.getByTestId('verdict-title')).toHaveText('✓ 已发货');
  expect((await core.db('order_workflow').where({ order_id: box.orderId }).first<{ state: string }>('state')).state).toBe('shipped');

  // Amazon hears of two packages, each listing exactly its own order items.
  await core.outbox.runOnce();
  await expect.poll(() => confirmations.filter((c) => c.orderId === box.orderId).length).toBe(2);
  const sent = confirmations.filter((c) => c.orderId === box.orderId).map((c) => (c.body as { packageDetail: { packageReferenceId: string; trackingNumber: string; orderItems: unknown } }).packageDetail);
  expect(sent.map((p) => [p.packageReferenceId, p.trackingNumber, p.orderItems])).toEqual([
    ['1', TRACKING, first!.items],
    ['2', TRACKING_2, second!.items],
  ]);
  expect(sim.store.getOrder(box.orderId)?.packages?.map((p) => p.trackingNumber)).toEqual([TRACKING, TRACKING_2]);
});

test('pack now, ship later: the box is closed with its weight only and the order waits as Packed (en)', async ({ page, harness }) => {
  const core = harness.core;
  const sim = core.simulator()!;
  const box = await packableOrder(core, { minItems: 1 });
  const before = await Promise.all(box.units.map((u) => level(core, u.productId, box.warehouseId)));
  const confirmations = watchConfirmations(sim);
  const { shell, packing } = await openStation(page, harness.url);
  await shell.chooseLanguage('English');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await packing.scan(box.orderId);
  await expect(packing.orderId()).toHaveText(box.orderId);
  await expect(packing.packageChip()).toHaveCount(0);
  await scanAll(packing, box.units);
  await packing.typeSlowly('730');
  await expect(packing.packHint()).toContainText('No tracking number yet');
  await packing.press('F3');
  await expect(packing.verdict()).toHaveAttribute('data-kind', 'pack');
  await expect(page.getByTestId('verdict-title')).toHaveText('✓ Packed, ships later');
  await expect(packing.verdictDetail()).toHaveText(`Order ${box.orderId} packed (730 g); it ships when the carrier's tracking number arrives`);
  await expect(packing.idle()).toBeVisible();

  // What the batch shipping from the carrier's CSV picks up: packed, weighed, stock still reserved, Amazon not told.
  expect(await core.db('order_workflow').where({ order_id: box.orderId }).first('state', 'weight_g')).toEqual({ state: 'packed', weight_g: 730 });
  for (const [i, u] of box.units.entries()) expect(await level(core, u.productId, box.warehouseId)).toEqual(before[i]);
  expect(await core.db('outbox').where({ kind: 'confirm-shipment' }).whereLike('payload_json', `%${box.orderId}%`)).toEqual([]);

  // Opened again, the closed box needs no scans: its weight is back and the slip reprints with F4.
  await packing.scan(box.orderId);
  await expect(packing.state()).toHaveText('Packed');
  await expect(packing.shipPanel()).toBeVisible();
  await expect(packing.weight()).toHaveValue('730');
  await expect(packing.packHint()).toHaveText('Packed earlier (730 g), waiting for its tracking number');
  const download = page.waitForEvent('download');
  await packing.press('F4');
  expect((await download).suggestedFilename()).toBe(`packing-slip-${box.orderId}.pdf`);
  await expect(page.getByTestId('packing-slip-button')).toBeEnabled();
  await shot(page, 'packing-packed-en');
  await packing.press('Escape');
  await expect(packing.idle()).toBeVisible();
  expect((await core.db('order_workflow').where({ order_id: box.orderId }).first<{ state: string }>('state')).state).toBe('packed');
  await core.outbox.runOnce();
  expect(confirmations.filter((c) => c.orderId === box.orderId)).toEqual([]);
});
