import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../shared/domain/fba-inbound';
import { findFbaWarehouse } from '../../main/db/repositories/warehouses.repo';
import { postMovements, stockLevels } from '../../main/services/inventory/ledger';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import { tempCore } from '../support/temp-core';

const US = 'ATVPDKIKX0DER';
/** Operations take 2–6 simulated seconds; inventory pages carry a 30-second token. 10× keeps both short and safe. */
const SCALE = 10;
/** A seed whose receiving ends one unit short on one SKU (the simulator draws Amazon's discrepancies from it). */
const SEED = 12;
const START = Date.parse('2026-11-20T06:00:00Z');
const CREDENTIALS = { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken, sellerId: DEMO_ACCOUNT.sellerId };
const ADDRESS = { name: 'Shenzhen Gadgets', addressLine1: '1 Bao An Rd', city: 'Shenzhen', postalCode: '518000', countryCode: 'CN', phoneNumber: '+86 755 0000 0000' };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openCore(sim: RunningSimulator, dataDir?: string): Promise<TestCore> {
  const core = await tempCore({
    ...(dataDir ? { dataDir } : {}),
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    clock: sim.clock,
    sync: { autoStart: false },
    demo: { enabled: false, timeScale: SCALE },
  });
  await core.start();
  await core.scheduler.refresh();
  return core;
}

/** Runs the store's inbound job (the scheduler's slot, as the app does every 15 s) until the plan is the user's or done. */
async function driveUntilSettled(core: TestCore, planId: number): Promise<PlanDetail> {
  for (let i = 0; i < 200; i++) {
    const plan = await core.fba.plan(planId);
    if (plan.status === 'waiting' || plan.status === 'failed' || plan.status === 'done') return plan;
    if (plan.step === 'receiving') return plan;
    await core.scheduler.runNow({ storeId: plan.storeId, job: 'inbound' });
    await sleep(100);
  }
  throw new Error('the plan never settled');
}

async function syncInventory(core: TestCore) {
  await core.scheduler.runNow({ job: 'inventory' });
}

describe('FBA inbound plan against the simulator', () => {
  it('goes from draft to closed shipments: options chosen, boxes sent, a FAILED step retried, a restart that polls instead of re-sending, and the ledger moves', { timeout: 120_000 }, async () => {
    const exchanges: Exchange[] = [];
    const sim = await startSimulator({ seed: SEED, timeScale: SCALE, start: new Date(START), ordersPerHour: 0, marketplaceIds: [US], onExchange: (e) => exchanges.push(e) });
    cleanups.push(() => sim.close());
    let core = await openCore(sim);
    cleanups.push(() => core.dispose());
    const dataDir = core.dataDir;
    const store = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], ...CREDENTIALS });
    await core.scheduler.refresh();

    // Two SKUs Amazon stocks in FBA, mapped to products of our own, with units in the domestic warehouse.
    const summaries = sim.store.inventorySummaries({ marketplaceId: US, details: true }).filter((s) => s.fnSku && s.sellerSku);
    const picked = summaries.slice(0, 2);
    expect(picked).toHaveLength(2);
    const source = await core.warehouses.create({ code: 'SZ-1', name: '深圳仓', kind: 'domestic' });
    const products: { id: number; msku: string; fnsku: string }[] = [];
    for (const s of picked) {
      const p = await core.catalog.create({ sku: `OWN-${s.sellerSku}`.slice(0, 100), kind: 'unit', name: s.productName ?? s.sellerSku! });
      await core.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: s.sellerSku, product_id: p.id });
      products.push({ id: p.id, msku: s.sellerSku!, fnsku: s.fnSku! });
    }
    await core.db.transaction((trx) =>
      postMovements(trx, products.map((p) => ({ productId: p.id, warehouseId: source.id, kind: 'receive' as const, onHand: 100, refType: 'po', refId: 'PO-1' })), { actor: 'test', now: sim.clock.now().toISOString() }),
    );
    // Amazon's figures first: the FBA warehouse holds what Amazon reports before the plan changes anything.
    await syncInventory(core);
    const fba = (await findFbaWarehouse(core.db, store.id, 'na'))!;
    const level = async (productId: number, warehouseId: number) => (await stockLevels(core.db, { productIds: [productId], warehouseId }))[0] ?? { onHand: 0, reserved: 0, inTransit: 0 };
    const fbaBefore = await Promise.all(products.map((p) => level(p.id, fba.id)));

    const quantities = [12, 8];
    let plan = await core.fba.createPlan({ storeId: store.id, marketplaceId: US, sourceWarehouseId: source.id, sourceAddress: ADDRESS, lines: products.map((p, i) => ({ productId: p.id, quantity: quantities[i]! })) });
    expect(plan.items.map((i) => i.fnsku)).toEqual(products.map((p) => p.fnsku));

    // create → packing options, the user's turn.
    plan = await driveUntilSettled(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['choose-packing', 'waiting']);
    expect(plan.amazonPlanId).toMatch(/^wf/);
    expect(plan.packingOptions.length).toBeGreaterThan(0);
    const packing = plan.packingOptions[0]!;
    plan = await core.fba.choosePacking({ planId: plan.id, packingOptionId: packing.id });
    plan = await driveUntilSettled(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['pack-boxes', 'waiting']);
    expect(plan.packingGroups.map((g) => g.id).sort()).toEqual([...packing.packingGroups].sort());

    // One box per packing group, scanned by FNSKU.
    for (const group of plan.packingGroups) {
      const opened = await core.fba.openBox({ planId: plan.id });
      const boxId = opened.boxList.at(-1)!.id;
      for (const item of group.items) await core.fba.scanIntoBox({ planId: plan.id, boxId, code: item.fnsku, quantity: item.quantity });
      await core.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: 9_000 });
    }

    // Amazon refuses the box contents once: the plan shows the step and Amazon's problem; a retry sends it again.
    sim.workflows.inbound.failNextOperation('setPackingInformation', 'BoxContentsMismatch', 'The box contents do not match the packing group.');
    await core.fba.submitBoxes({ planId: plan.id });
    plan = await driveUntilSettled(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['send-packing', 'failed']);
    expect(plan.problems).toEqual([{ code: 'BoxContentsMismatch', message: 'The box contents do not match the packing group.', severity: 'ERROR' }]);
    plan = await core.fba.retryStep({ planId: plan.id });
    expect(plan.problems).toEqual([]);
    plan = await driveUntilSettled(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['choose-placement', 'waiting']);
    expect(exchanges.filter((e) => e.operation === 'setPackingInformation' && e.status === 202)).toHaveLength(2);

    // Placement options side by side: each with its fee and number of shipments.
    expect(plan.placementOptions.length).toBeGreaterThan(0);
    for (const o of plan.placementOptions) expect(o.shipmentCount).toBeGreaterThan(0);
    const placement = [...plan.placementOptions].sort((a, b) => a.shipmentCount - b.shipmentCount)[0]!;
    plan = await core.fba.choosePlacement({ planId: plan.id, placementOptionId: placement.id });

    // One step only: confirmPlacementOption is sent and its operation id stored; then the app quits.
    await core.fba.drivePlan(plan.id, { maxSteps: 1 });
    const inFlight = await core.fba.plan(plan.id);
    expect([inFlight.step, inFlight.status, inFlight.operation?.kind]).toEqual(['confirm-placement', 'in-flight', 'confirm-placement']);
    const stored = await core.db('fba_inbound_plans').where({ id: plan.id }).first<{ op_id: string }>('op_id');
    const confirmations = () => exchanges.filter((e) => e.operation === 'confirmPlacementOption');
    expect(confirmations()).toHaveLength(1);
    expect((confirmations()[0]!.responseBody as { operationId: string }).operationId).toBe(stored.op_id);
    await core.close();

    // A new core on the same data folder polls the stored operation and never sends the confirmation again.
    const before = exchanges.length;
    core = await openCore(sim, dataDir);
    plan = await driveUntilSettled(core, plan.id);
    const afterRestart = exchanges.slice(before);
    expect(confirmations()).toHaveLength(1);
    expect(afterRestart.find((e) => e.operation === 'getInboundOperationStatus')?.pathname).toContain(stored.op_id);
    expect([plan.step, plan.status]).toEqual(['choose-transport', 'waiting']);
    expect(plan.shipmentList).toHaveLength(placement.shipmentCount);
    for (const s of plan.shipmentList) {
      expect(s.confirmationId).toMatch(/^FBA/);
      expect(s.destinationFc).toBeTruthy();
      expect(s.transportOptions.length).toBeGreaterThan(0);
    }

    // Amazon-partnered carrier for every shipment; confirming makes the shipments final and moves the stock.
    const selections = plan.shipmentList.map((s) => ({ shipmentId: s.amazonShipmentId, transportOptionId: s.transportOptions.find((o) => o.shippingSolution === 'AMAZON_PARTNERED_CARRIER')!.id }));
    plan = await core.fba.chooseTransport({ planId: plan.id, selections });
    plan = await driveUntilSettled(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['receiving', 'ready']);
    const shipped = products.map((p) => plan.shipmentList.flatMap((s) => s.items).filter((i) => i.productId === p.id).reduce((n, i) => n + i.shipped, 0));
    expect(shipped).toEqual(quantities);
    for (const [i, p] of products.entries()) {
      // Source: 100 on hand − shipped, nothing left reserved for the plan.
      expect(await level(p.id, source.id)).toMatchObject({ onHand: 100 - quantities[i]!, reserved: 0 });
      expect((await level(p.id, fba.id)).inTransit).toBe(fbaBefore[i]!.inTransit + quantities[i]!);
    }
    const departures = await core.db('stock_movements').where({ ref_type: 'fba-shipment' }).whereIn('kind', ['transfer-out', 'in-transit']).select('kind', 'warehouse_id', 'on_hand_delta', 'in_transit_delta', 'ref_id');
    expect(new Set(departures.map((m: { ref_id: string }) => m.ref_id))).toEqual(new Set(plan.shipmentList.map((s) => s.amazonShipmentId)));

    // Amazon's carton labels: downloaded at once (the URL lives 15 s), stored, reprinted without asking Amazon again.
    const first = plan.shipmentList[0]!;
    const labels = await core.fba.amazonLabels({ planId: plan.id, shipmentId: first.id });
    expect(labels.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(labels.pages).toBeGreaterThan(0);
    const labelCalls = () => exchanges.filter((e) => e.operation === 'getLabels').length;
    const callsBefore = labelCalls();
    const reprint = await core.fba.amazonLabels({ planId: plan.id, shipmentId: first.id });
    expect(reprint.bytes.equals(labels.bytes)).toBe(true);
    expect(labelCalls()).toBe(callsBefore);

    // Amazon receives and closes every shipment; the app reads the figures and records what differed.
    for (const s of plan.shipmentList) expect(sim.workflows.inbound.completeReceiving(s.amazonShipmentId)).toBe(true);
    await core.fba.drivePlan(plan.id, { forceReceipts: true });
    plan = await core.fba.plan(plan.id);
    expect([plan.step, plan.status]).toEqual(['closed', 'done']);
    const items = plan.shipmentList.flatMap((s) => s.items);
    for (const i of items) expect(i.discrepancy).toBe(i.received - i.shipped);
    for (const [i, p] of products.entries()) {
      const mine = items.filter((x) => x.productId === p.id);
      const received = mine.reduce((n, x) => n + x.received, 0);
      expect(await level(p.id, fba.id)).toMatchObject({ onHand: fbaBefore[i]!.onHand + received, inTransit: fbaBefore[i]!.inTransit });
    }
    const shortages = await core.db('stock_movements').where({ ref_type: 'fba-shipment', reason: 'inbound-shortage' }).select('in_transit_delta');
    const totalShort = items.reduce((n, i) => n + Math.max(0, i.shipped - i.received), 0);
    expect(items.map((i) => i.discrepancy).sort()).toEqual([-1, 0]);
    expect(totalShort).toBe(1);
    // The unit Amazon never counted in leaves in transit by one documented movement, referenced to its shipment.
    expect(shortages.map((m: { in_transit_delta: number }) => m.in_transit_delta)).toEqual([-1]);

    // The FBA mirror reads Amazon's inventory and finds nothing to correct for the plan's products.
    const lastMovement = (await core.db('stock_movements').max<{ id: number }>('id as id').first())!.id;
    await syncInventory(core);
    const corrections = await core.db('stock_movements').where('id', '>', lastMovement).andWhere({ warehouse_id: fba.id, kind: 'sync-correction' }).whereIn('product_id', products.map((p) => p.id));
    expect(corrections).toEqual([]);
  });
});
