import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../shared/domain/fba-inbound';
import { postMovements } from '../../main/services/inventory/ledger';
import { shipmentCartons } from '../../main/services/fba-inbound/label-data';
import { checkTracking } from '../../main/services/fba-inbound/tracking';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type RunningSimulator } from '../../main/simulator/server';
import { snapshotDb, tempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

const US = 'ATVPDKIKX0DER';
const SCALE = 10;
const START = Date.parse('2026-11-20T06:00:00Z');
const CREDENTIALS = { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken, sellerId: DEMO_ACCOUNT.sellerId };
const ADDRESS = { name: 'Shenzhen Gadgets', addressLine1: '1 Bao An Rd', city: 'Shenzhen', postalCode: '518000', countryCode: 'CN', phoneNumber: '+86 755 0000 0000' };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
type Shipment = PlanDetail['shipmentList'][number];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store's inbound job, as the app runs it, until the plan is the user's, failed, done or receiving. */
async function settle(core: TestCore, planId: number): Promise<PlanDetail> {
  for (let i = 0; i < 200; i++) {
    const plan = await core.fba.plan(planId);
    if (plan.status === 'waiting' || plan.status === 'failed' || plan.status === 'done' || plan.step === 'receiving') return plan;
    await core.scheduler.runNow({ storeId: plan.storeId, job: 'inbound' });
    await sleep(100);
  }
  throw new Error('the plan never settled');
}

/** The job again until the shipment's tracking upload has Amazon's answer. */
async function settleTracking(core: TestCore, planId: number, shipmentId: number): Promise<Shipment> {
  for (let i = 0; i < 200; i++) {
    const s = (await core.fba.plan(planId)).shipmentList.find((x) => x.id === shipmentId)!;
    if (s.trackingUpload?.state === 'done' || s.trackingUpload?.state === 'failed') return s;
    await core.scheduler.runNow({ storeId: (await core.fba.plan(planId)).storeId, job: 'inbound' });
    await sleep(100);
  }
  throw new Error('the tracking upload never settled');
}

/** A plan of two SKUs (12 and 8 units) packed four to a box (five boxes), placed in two shipments, at the transport choice. */
async function openCore(sim: RunningSimulator, dataDir?: string): Promise<TestCore> {
  const core = await tempCore({ ...(dataDir ? { dataDir } : {}), spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem }, clock: sim.clock, sync: { autoStart: false }, demo: { enabled: false, timeScale: SCALE } });
  cleanups.push(() => core.dispose());
  await core.start();
  await core.scheduler.refresh();
  return core;
}

async function planAtTransport(sim: RunningSimulator) {
  const core = await openCore(sim);
  const store = await core.amazonAccounts.connect({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US], ...CREDENTIALS });
  await core.scheduler.refresh();
  const picked = sim.store.inventorySummaries({ marketplaceId: US, details: true }).filter((s) => s.fnSku && s.sellerSku).slice(0, 2);
  const source = await core.warehouses.create({ code: 'SZ-1', name: '深圳仓', kind: 'domestic' });
  const products: { id: number; msku: string }[] = [];
  for (const s of picked) {
    const p = await core.catalog.create({ sku: `OWN-${s.sellerSku}`.slice(0, 100), kind: 'unit', name: s.productName ?? s.sellerSku! });
    await core.db('product_listings').insert({ store_id: store.id, marketplace_id: US, seller_sku: s.sellerSku, product_id: p.id });
    products.push({ id: p.id, msku: s.sellerSku! });
  }
  await core.db.transaction((trx) =>
    postMovements(trx, products.map((p) => ({ productId: p.id, warehouseId: source.id, kind: 'receive' as const, onHand: 100, refType: 'po', refId: 'PO-1' })), { actor: 'test', now: sim.clock.now().toISOString() }),
  );
  // Amazon's FBA figures make the FNSKUs known to the ERP.
  await core.scheduler.runNow({ job: 'inventory' });
  let plan = await core.fba.createPlan({ storeId: store.id, marketplaceId: US, sourceWarehouseId: source.id, sourceAddress: ADDRESS, lines: products.map((p, i) => ({ productId: p.id, quantity: [12, 8][i]! })) });
  plan = await settle(core, plan.id);
  plan = await core.fba.choosePacking({ planId: plan.id, packingOptionId: plan.packingOptions[0]!.id });
  plan = await settle(core, plan.id);
  expect([plan.step, plan.status]).toEqual(['pack-boxes', 'waiting']);
  // Different weights per box: Amazon's echo of a box is matched to ours by contents, then by weight and size.
  let weight = 7_000;
  for (const group of plan.packingGroups) {
    for (const item of group.items) {
      const parts = Array.from({ length: Math.ceil(item.quantity / 4) }, (_, i) => Math.min(4, item.quantity - 4 * i));
      for (const quantity of parts) {
        const opened = await core.fba.openBox({ planId: plan.id });
        const boxId = opened.boxList.at(-1)!.id;
        await core.fba.scanIntoBox({ planId: plan.id, boxId, code: item.fnsku, quantity });
        await core.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: (weight += 700) });
      }
    }
  }
  await core.fba.submitBoxes({ planId: plan.id });
  plan = await settle(core, plan.id);
  expect([plan.step, plan.status]).toEqual(['choose-placement', 'waiting']);
  const two = plan.placementOptions.find((o) => o.shipmentCount === 2)!;
  plan = await core.fba.choosePlacement({ planId: plan.id, placementOptionId: two.id });
  plan = await settle(core, plan.id);
  expect([plan.step, plan.status]).toEqual(['choose-transport', 'waiting']);
  return { core, plan };
}

describe('own-carrier FBA transport against the simulator', () => {
  it('links boxes to shipments, confirms a chosen delivery window, uploads tracking per box (a FAILED upload shown per box and retried) and follows Amazon to receipt', { timeout: 180_000 }, async () => {
    const exchanges: Exchange[] = [];
    const sim = await startSimulator({ seed: 21, timeScale: SCALE, start: new Date(START), ordersPerHour: 0, marketplaceIds: [US], onExchange: (e) => exchanges.push(e) });
    cleanups.push(() => sim.close());
    const { core: first, plan: placed } = await planAtTransport(sim);
    let core = first;
    let plan = placed;
    const amazonPlan = sim.workflows.inbound.plans.get(plan.amazonPlanId!)!;

    // ---- box ↔ shipment: every packed box in exactly one shipment, under the id Amazon gave it, with Amazon's contents
    const linked = plan.shipmentList.flatMap((s) => s.boxes.map((b) => b.planBoxId));
    expect(linked.sort()).toEqual(plan.boxList.map((b) => b.id).sort());
    for (const s of plan.shipmentList) {
      const theirs = amazonPlan.shipments.get(s.amazonShipmentId)!.boxes!;
      expect(s.boxes.map((b) => b.boxId)).toEqual(theirs.map((_, i) => `${s.confirmationId}U${String(i + 1).padStart(6, '0')}`));
      for (const [i, b] of s.boxes.entries()) {
        const ours = plan.boxList.find((x) => x.id === b.planBoxId)!;
        expect(new Map(ours.items.map((x) => [x.sku, x.quantity]))).toEqual(theirs[i]!.items);
        expect(ours.weightG).toBe(Math.round(theirs[i]!.weight.value * 1000));
      }
      // Carton marks come from the link: one per box of this shipment, with that box's weight.
      const marks = await shipmentCartons(core.db, plan.id, s.id);
      expect(marks.cartons.map((c) => c.weight?.value)).toEqual(s.boxes.map((b) => plan.boxList.find((x) => x.id === b.planBoxId)!.weightG! / 1000));
    }

    // ---- mixed transport: the second shipment with our own forwarder, the others with Amazon's partnered carrier
    // The forwarder takes the shipment of more boxes; Amazon's partnered carrier the other.
    const [own, partnered] = [...plan.shipmentList].sort((a, b) => b.boxes.length - a.boxes.length) as [Shipment, Shipment];
    expect(own.boxes.length).toBeGreaterThanOrEqual(3);
    const option = (s: Shipment, solution: string) => s.transportOptions.find((o) => o.shippingSolution === solution)!.id;
    plan = await core.fba.chooseTransport({
      planId: plan.id,
      selections: plan.shipmentList.map((s) => ({ shipmentId: s.amazonShipmentId, transportOptionId: option(s, s.id === own.id ? 'USE_YOUR_OWN_CARRIER' : 'AMAZON_PARTNERED_CARRIER') })),
    });
    plan = await settle(core, plan.id);
    // Amazon generated windows for the own-carrier shipment only; now the user picks one.
    expect([plan.step, plan.status]).toEqual(['confirm-transport', 'waiting']);
    const generated = exchanges.filter((e) => e.operation === 'generateDeliveryWindowOptions');
    expect(generated.map((e) => e.pathname.includes(own.amazonShipmentId))).toEqual([true]);
    const ownNow = plan.shipmentList.find((s) => s.id === own.id)!;
    expect(ownNow.ownCarrier).toBe(true);
    for (const s of plan.shipmentList) if (s.id !== own.id) expect([s.ownCarrier, s.deliveryWindows]).toEqual([false, []]);
    const offered = amazonPlan.deliveryWindows.filter((w) => w.shipmentId === own.amazonShipmentId);
    expect(ownNow.deliveryWindows.map((w) => [w.id, Date.parse(w.start), Date.parse(w.end)])).toEqual(offered.map((w) => [w.deliveryWindowOptionId, w.start, w.end]));
    // Dates are read in the destination FC's zone (a US FC: an American zone), not the viewer's.
    expect(ownNow.timeZone).toMatch(/^America\//);
    expect(exchanges.filter((e) => e.operation === 'confirmTransportationOptions')).toHaveLength(0);

    const window = ownNow.deliveryWindows[1]!;
    plan = await core.fba.chooseWindows({ planId: plan.id, selections: [{ shipmentId: own.amazonShipmentId, deliveryWindowOptionId: window.id }] });
    plan = await settle(core, plan.id);
    expect([plan.step, plan.status]).toEqual(['receiving', 'ready']);
    const confirmedWindow = exchanges.filter((e) => e.operation === 'confirmDeliveryWindowOptions');
    expect(confirmedWindow).toHaveLength(1);
    expect(confirmedWindow[0]!.pathname).toContain(`/shipments/${own.amazonShipmentId}/deliveryWindowOptions/${window.id}/confirmation`);
    const transportCalls = exchanges.filter((e) => e.operation === 'confirmTransportationOptions');
    expect(transportCalls).toHaveLength(1);
    expect(exchanges.indexOf(transportCalls[0]!)).toBeGreaterThan(exchanges.indexOf(confirmedWindow[0]!));
    expect(amazonPlan.shipments.get(own.amazonShipmentId)!.deliveryWindow?.deliveryWindowOptionId).toBe(window.id);
    const ownShip = plan.shipmentList.find((s) => s.id === own.id)!;
    expect(ownShip.deliveryWindow).toMatchObject({ id: window.id, start: window.start, end: window.end });
    expect(ownShip.trackingMode).toBe('spd');
    expect(ownShip.trackingEditable).toBe(true);
    expect(ownShip.status).toBe('READY_TO_SHIP');
    const partneredShip = plan.shipmentList.find((s) => s.id === partnered.id)!;
    expect([partneredShip.ownCarrier, partneredShip.trackingEditable, partneredShip.deliveryWindow]).toEqual([false, false, null]);
    // The partnered carrier's own numbers arrive per box.
    expect(partneredShip.boxes.every((b) => /^1Z/.test(b.trackingId ?? ''))).toBe(true);

    // ---- refused locally, nothing changed: one master number for small-parcel boxes, a shared number, a wrong format,
    // tracking for the partnered shipment
    const boxes = ownShip.boxes;
    const before = await snapshotDb(core);
    const master = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, sameForAll: '1Z999AA10123456784' }));
    expect([master.code, master.params.reason]).toEqual(['invalid-input', 'tracking-one-per-box']);
    const shared = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, boxes: boxes.map((b) => ({ boxId: b.boxId, trackingId: '1Z999AA10123456784' })) }));
    expect([shared.params.reason, shared.params.box, shared.params.other]).toEqual(['tracking-one-per-box', 2, 1]);
    const format = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, carrier: 'UPS', boxes: boxes.map((b) => ({ boxId: b.boxId, trackingId: `12345${b.index}` })) }));
    expect([format.params.reason, format.params.box]).toEqual(['tracking-carrier-format', 1]);
    const missing = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, boxes: [] }));
    expect([missing.params.reason, missing.params.box]).toEqual(['tracking-missing', 1]);
    const notOurs = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: partnered.id, boxes: partneredShip.boxes.map((b) => ({ boxId: b.boxId, trackingId: `YT${b.index}000000000000000` })) }));
    expect([notOurs.code, notOurs.params.reason]).toEqual(['conflict', 'tracking-partnered']);
    expect(await snapshotDb(core)).toEqual(before);
    expect(exchanges.filter((e) => e.operation === 'updateShipmentTrackingDetails')).toHaveLength(0);

    // ---- Amazon refuses the first upload, naming the last box: the problem shows on that box, the numbers stay
    const wrongBox = boxes.at(-1)!;
    sim.workflows.inbound.failNextOperation('updateShipmentTrackingDetails', 'InvalidTrackingId', `The tracking ID for box ${wrongBox.boxId} is not a valid carrier tracking number.`);
    const firstTry = boxes.map((b) => ({ boxId: b.boxId, trackingId: `YT24${String(b.index).padStart(14, '0')}` }));
    plan = await core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, carrier: 'YunExpress', boxes: firstTry });
    expect(plan.shipmentList.find((s) => s.id === own.id)!.trackingUpload?.state).toBe('pending');
    let shown = await settleTracking(core, plan.id, own.id);
    expect(shown.trackingUpload).toMatchObject({ state: 'failed', carrier: 'YunExpress', problems: [] });
    expect(shown.boxes.map((b) => b.problems.map((p) => p.code))).toEqual(boxes.map((b) => (b.boxId === wrongBox.boxId ? ['InvalidTrackingId'] : [])));
    expect(shown.boxes.map((b) => b.trackingId)).toEqual(firstTry.map((f) => f.trackingId));
    expect(shown.trackingEditable).toBe(true);
    expect(amazonPlan.shipments.get(own.amazonShipmentId)!.tracking).toBeUndefined();

    // ---- fixed and sent again: one more upload with exactly the boxes and numbers; Amazon takes it
    const fixed = firstTry.map((f) => (f.boxId === wrongBox.boxId ? { ...f, trackingId: 'YT2400000000000099' } : f));
    await core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, carrier: 'YunExpress', boxes: fixed });
    // Sent, its operation id stored, and the app quits: the next start polls that operation instead of sending again.
    await core.fba.drivePlan(plan.id, { maxSteps: 1 });
    expect((await core.fba.plan(plan.id)).shipmentList.find((s) => s.id === own.id)!.trackingUpload?.state).toBe('in-flight');
    const dataDir = core.dataDir;
    await core.close();
    core = await openCore(sim, dataDir);
    shown = await settleTracking(core, plan.id, own.id);
    expect(shown.trackingUpload?.state).toBe('done');
    expect(shown.boxes.every((b) => b.problems.length === 0)).toBe(true);
    const uploads = exchanges.filter((e) => e.operation === 'updateShipmentTrackingDetails' && e.status === 202);
    expect(uploads).toHaveLength(2);
    expect(uploads[1]!.pathname).toContain(`/shipments/${own.amazonShipmentId}/trackingDetails`);
    expect(uploads[1]!.requestBody).toEqual({ trackingDetails: { spdTrackingDetail: { spdTrackingItems: fixed } } });
    expect(amazonPlan.shipments.get(own.amazonShipmentId)!.tracking?.spd?.map((i) => [i.boxId, i.trackingId])).toEqual(fixed.map((f) => [f.boxId, f.trackingId]));
    expect(shown.boxes.map((b) => b.trackingStatus)).toEqual(boxes.map(() => 'NOT_VALIDATED'));

    // ---- the upload set the carrier's pickup in motion at Amazon: the shipment ships and is received; the app follows
    expect(sim.workflows.inbound.completeReceiving(own.amazonShipmentId)).toBe(true);
    await core.fba.drivePlan(plan.id, { forceReceipts: true });
    shown = (await core.fba.plan(plan.id)).shipmentList.find((s) => s.id === own.id)!;
    expect(shown.status).toBe('CLOSED');
    expect(shown.boxes.map((b) => b.trackingStatus)).toEqual(boxes.map(() => 'VALIDATED'));
    expect(shown.trackingEditable).toBe(false);
    const late = await refusal(core.fba.uploadTracking({ planId: plan.id, shipmentId: own.id, boxes: fixed }));
    expect([late.code, late.params.reason]).toEqual(['conflict', 'tracking-not-editable']);
  });
});

describe('tracking checks', () => {
  const boxes = [1, 2, 3].map((n) => ({ shipment_id: 1, box_index: n, box_id: 10 + n, amazon_box_id: `FBA1ABCDEFGHU00000${n}`, package_id: null, tracking_id: null, tracking_status: null }));

  it('takes a forwarder’s one master number as the freight bill for LTL, and refuses it for small parcel', () => {
    const ltl = checkTracking({ planId: 1, shipmentId: 1, sameForAll: ' MBL-2026.1121 ', billOfLadingNumber: 'BOL778' }, 'ltl', boxes);
    expect([ltl.freightBill, ltl.billOfLading, ltl.numbers.size]).toEqual(['MBL-2026.1121', 'BOL778', 0]);
    expect(() => checkTracking({ planId: 1, shipmentId: 1, freightBillNumber: 'MBL/2026' }, 'ltl', boxes)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'freight-bill-format' }) }));
    expect(() => checkTracking({ planId: 1, shipmentId: 1, sameForAll: 'MBL2026' }, 'spd', boxes)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'tracking-one-per-box' }) }));
  });

  it('needs every box, no blanks inside a number, and the carrier’s format where it is known', () => {
    const all = (f: (n: number) => string, carrier?: string) => ({ planId: 1, shipmentId: 1, ...(carrier ? { carrier } : {}), boxes: boxes.map((b) => ({ boxId: b.amazon_box_id, trackingId: f(b.box_index) })) });
    expect([...checkTracking(all((n) => ` 79460000000${n} `, 'FedEx'), 'spd', boxes).numbers.values()]).toEqual(['794600000001', '794600000002', '794600000003']);
    expect(() => checkTracking(all((n) => (n === 2 ? '7946 0000' : `79460000000${n}`)), 'spd', boxes)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'tracking-box-format', box: 2 }) }));
    expect(() => checkTracking(all((n) => `79460000000${n}`, 'NoSuchCarrier'), 'spd', boxes)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'unknown-carrier' }) }));
    expect(() => checkTracking({ planId: 1, shipmentId: 1, boxes: [{ boxId: 'FBA1OTHERXXXU000001', trackingId: '1' }] }, 'spd', boxes)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'tracking-unknown-box' }) }));
  });
});
