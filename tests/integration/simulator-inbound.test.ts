import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiError } from '../../main/spapi/errors';
import { LoopbackAgent } from '../../main/spapi/loopback-agent';
import type { OperationName } from '../../main/spapi/operations';
import { simulatorWithClient } from '../support/simulator-harness';

/**
 * Fulfillment Inbound 2024-03-20 in the simulator, driven through the real amazon-sp-api client. The harness checks
 * every request and response against Amazon's model files; each test ends by asserting it found nothing wrong.
 */
type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
type Json = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const US_FCS = ['ONT8', 'PHX7', 'LGB8', 'ABE8', 'TPA1', 'MDW2', 'DFW7'];
const SOURCE = {
  name: 'Li Wei',
  companyName: 'Shenzhen Demo Trading Co',
  addressLine1: '88 Bantian Industrial Rd',
  city: 'Shenzhen',
  stateOrProvinceCode: 'GD',
  postalCode: '518129',
  countryCode: 'CN',
  phoneNumber: '+8675512345678',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function call(h: Harness, operation: OperationName, req: { path?: Record<string, string>; query?: Record<string, string | number>; body?: unknown } = {}): Promise<Json> {
  return h.client.call(operation, req, null) as Promise<Json>;
}

/** Polls getInboundOperationStatus until the operation leaves IN_PROGRESS (a few simulated seconds). */
async function settle(h: Harness, accepted: Json): Promise<Json> {
  const operationId = accepted.operationId as string;
  expect(operationId).toMatch(/^[0-9a-f-]{36}$/);
  for (let i = 0; i < 400; i++) {
    const status = await call(h, 'getInboundOperationStatus', { path: { operationId } });
    if (status.operationStatus !== 'IN_PROGRESS') return status;
    await sleep(25);
  }
  throw new Error(`operation ${operationId} never finished`);
}

async function succeed(h: Harness, operation: OperationName, req: Parameters<typeof call>[2]): Promise<Json> {
  const accepted = await call(h, operation, req);
  const status = await settle(h, accepted);
  expect(status, `${operation}: ${JSON.stringify(status.operationProblems)}`).toMatchObject({ operation, operationStatus: 'SUCCESS' });
  return accepted;
}

/** FBA SKUs of a marketplace with no inbound of their own under way, so pool changes are ours alone. */
function quietFbaSkus(h: Harness, marketplaceId: string, n: number): string[] {
  return h.sim.store
    .inventorySummaries({ marketplaceId, details: true })
    .filter((s) => s.inventoryDetails && s.inventoryDetails.inboundWorkingQuantity === 0 && s.inventoryDetails.inboundShippedQuantity === 0 && s.inventoryDetails.inboundReceivingQuantity === 0)
    .slice(0, n)
    .map((s) => s.sellerSku as string);
}

async function pools(h: Harness, marketplaceId: string, skus: string[]) {
  const res = (await h.api.getInventorySummaries(marketplaceId, { details: true, sellerSkus: skus })) as Json;
  const list = (res.payload?.inventorySummaries ?? res.inventorySummaries) as Json[];
  return new Map(
    list.map((s) => [
      s.sellerSku as string,
      {
        fulfillable: s.inventoryDetails.fulfillableQuantity as number,
        working: s.inventoryDetails.inboundWorkingQuantity as number,
        shipped: s.inventoryDetails.inboundShippedQuantity as number,
        receiving: s.inventoryDetails.inboundReceivingQuantity as number,
      },
    ]),
  );
}

const item = (msku: string, quantity: number) => ({ msku, quantity, labelOwner: 'SELLER', prepOwner: 'NONE' });
const box = (items: { msku: string; quantity: number }[], lb: number, inches: [number, number, number], quantity = 1) => ({
  contentInformationSource: 'BOX_CONTENT_PROVIDED',
  weight: { value: lb, unit: 'LB' },
  dimensions: { length: inches[0], width: inches[1], height: inches[2], unitOfMeasurement: 'IN' },
  quantity,
  items: items.map((i) => item(i.msku, i.quantity)),
});

function download(h: Harness, url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const agent = new LoopbackAgent({ host: '127.0.0.1', port: h.sim.port, ca: h.sim.caPem });
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          agent.destroy();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

/** Every barcode on every page, read back by zbar from a 200 dpi rendering. */
function decodeBarcodes(pdf: Buffer): { pages: number; codes: string[]; pageSize: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbound-labels-'));
  try {
    const file = path.join(dir, 'labels.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pageSize = /Page size:\s+([\d.]+ x [\d.]+) pts/.exec(info)?.[1] ?? '';
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', file, path.join(dir, 'page')]);
    const images = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(dir, f));
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Scode128.enable', ...images], { encoding: 'utf8' });
    return { pages, pageSize, codes: out.split('\n').filter(Boolean) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Moves the simulator's clock forward (a jump, as after a sleep): Amazon's background work catches up on the next call. */
function jumpClock(h: Harness, ms: number): void {
  const clock = h.sim.clock;
  const before = clock.now.bind(clock);
  clock.now = () => new Date(before().getTime() + ms);
}

interface Flow {
  inboundPlanId: string;
  skus: string[];
  quantities: Map<string, number>;
  shipments: Json[];
  placementOptionId: string;
}

/** createInboundPlan → packing → box contents → placement (two destinations) → confirm. */
async function planToConfirmedPlacement(h: Harness, skus: string[]): Promise<Flow & { placements: Json[] }> {
  const quantities = new Map([
    [skus[0]!, 24],
    [skus[1]!, 12],
    [skus[2]!, 6],
  ]);
  const created = await succeed(h, 'createInboundPlan', {
    body: { destinationMarketplaces: [US], name: 'Replenishment W47', sourceAddress: SOURCE, items: [...quantities].map(([m, q]) => item(m, q)) },
  });
  const inboundPlanId = created.inboundPlanId as string;
  expect(inboundPlanId).toMatch(/^wf[0-9a-f-]{36}$/);
  const path = { inboundPlanId };

  await succeed(h, 'generatePackingOptions', { path });
  const { packingOptions } = await call(h, 'listPackingOptions', { path });
  expect(packingOptions.map((o: Json) => o.packingGroups.length).sort()).toEqual([1, 3]);
  const together = packingOptions.find((o: Json) => o.packingGroups.length === 1);
  await succeed(h, 'confirmPackingOption', { path: { ...path, packingOptionId: together.packingOptionId } });
  const packingGroupId = together.packingGroups[0] as string;
  const groupItems = await call(h, 'listPackingGroupItems', { path: { ...path, packingGroupId } });
  expect(new Map(groupItems.items.map((i: Json) => [i.msku, i.quantity]))).toEqual(quantities);

  await succeed(h, 'setPackingInformation', {
    path,
    body: {
      packageGroupings: [
        {
          packingGroupId,
          boxes: [
            box([{ msku: skus[0]!, quantity: 12 }], 18, [18, 14, 12], 2),
            box([{ msku: skus[1]!, quantity: 12 }], 22.5, [20, 16, 14]),
            box([{ msku: skus[2]!, quantity: 6 }], 9, [16, 12, 10]),
          ],
        },
      ],
    },
  });
  const boxes = await call(h, 'listInboundPlanBoxes', { path });
  expect(boxes.boxes).toHaveLength(4);

  await succeed(h, 'generatePlacementOptions', { path, body: {} });
  const { placementOptions } = await call(h, 'listPlacementOptions', { path });
  const placements = placementOptions as Json[];
  const twoWay = placements.find((o) => o.shipmentIds.length === 2)!;
  await succeed(h, 'confirmPlacementOption', { path: { ...path, placementOptionId: twoWay.placementOptionId } });
  const shipments = await Promise.all((twoWay.shipmentIds as string[]).map((shipmentId) => call(h, 'getShipment', { path: { ...path, shipmentId } })));
  return { inboundPlanId, skus, quantities, shipments, placementOptionId: twoWay.placementOptionId, placements };
}

/** Transportation for both shipments: the first with Amazon's partnered carrier, the second with the seller's own. */
async function confirmTransport(h: Harness, flow: Flow): Promise<{ partnered: Json; own: Json }> {
  const path = { inboundPlanId: flow.inboundPlanId };
  await succeed(h, 'generateTransportationOptions', {
    path,
    body: {
      placementOptionId: flow.placementOptionId,
      shipmentTransportationConfigurations: flow.shipments.map((s) => ({
        shipmentId: s.shipmentId,
        readyToShipWindow: { start: h.sim.clock.now().toISOString() },
        contactInformation: { name: 'Warehouse desk', phoneNumber: '+8675500000000' },
      })),
    },
  });
  const { transportationOptions } = await call(h, 'listTransportationOptions', { path, query: { placementOptionId: flow.placementOptionId } });
  const [first, second] = flow.shipments as [Json, Json];
  const partnered = transportationOptions.find((o: Json) => o.shipmentId === first.shipmentId && o.shippingSolution === 'AMAZON_PARTNERED_CARRIER');
  const own = transportationOptions.find((o: Json) => o.shipmentId === second.shipmentId && o.shippingSolution === 'USE_YOUR_OWN_CARRIER');

  const shipmentPath = { ...path, shipmentId: second.shipmentId as string };
  await succeed(h, 'generateDeliveryWindowOptions', { path: shipmentPath });
  const { deliveryWindowOptions } = await call(h, 'listDeliveryWindowOptions', { path: shipmentPath });
  await succeed(h, 'confirmDeliveryWindowOptions', { path: { ...shipmentPath, deliveryWindowOptionId: deliveryWindowOptions[0].deliveryWindowOptionId } });

  await succeed(h, 'confirmTransportationOptions', {
    path,
    body: {
      transportationSelections: [
        { shipmentId: first.shipmentId, transportationOptionId: partnered.transportationOptionId },
        { shipmentId: second.shipmentId, transportationOptionId: own.transportationOptionId },
      ],
    },
  });
  return { partnered, own };
}

describe('FBA inbound in the simulator: the whole happy path through the real client', () => {
  let h: Harness;
  let flow: Flow & { placements: Json[] };
  beforeAll(async () => {
    h = await simulatorWithClient({ timeScale: 60, ordersPerHour: 0 });
  });
  afterAll(() => h.close());

  it('creates a plan, packs it, and offers placements whose fee falls as the shipment count rises', async () => {
    const skus = quietFbaSkus(h, US, 3);
    const before = await pools(h, US, skus);
    flow = await planToConfirmedPlacement(h, skus);
    const planItems = await call(h, 'listInboundPlanItems', { path: { inboundPlanId: flow.inboundPlanId } });
    const catalog = new Map(h.sim.store.catalog.map((c) => [c.sellerSku, c]));
    expect(planItems.items.map((i: Json) => [i.msku, i.asin, i.fnsku, i.quantity])).toEqual(skus.map((s) => [s, catalog.get(s)!.asin, catalog.get(s)!.fnsku, flow.quantities.get(s)]));

    // 4 boxes: Amazon's own split into 3 destinations is free; 2 and 1 destinations cost a placement fee per unit.
    const byCount = new Map(flow.placements.map((o) => [o.shipmentIds.length as number, o]));
    expect([...byCount.keys()].sort()).toEqual([1, 2, 3]);
    const fee = (n: number) => byCount.get(n)!.fees[0].value;
    expect(fee(3)).toEqual({ code: 'USD', amount: 0 });
    expect(fee(2).code).toBe('USD');
    expect(fee(2).amount).toBeGreaterThan(0);
    expect(fee(1).amount).toBeGreaterThan(fee(2).amount);
    for (const o of flow.placements) expect(Date.parse(o.expiration)).toBeGreaterThan(h.sim.clock.nowMs());

    // Confirmed: two shipments to two US fulfillment centres, each with a label id, every unit accounted for.
    const units = new Map<string, number>();
    for (const s of flow.shipments) {
      expect(s.status).toBe('WORKING');
      expect(s.shipmentConfirmationId).toMatch(/^FBA1[0-9A-Z]{8}$/);
      expect(US_FCS).toContain(s.destination.warehouseId);
      expect(s.destination.address.countryCode).toBe('US');
      const items = await call(h, 'listShipmentItems', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: s.shipmentId } });
      for (const i of items.items) units.set(i.msku, (units.get(i.msku) ?? 0) + i.quantity);
      const { boxes } = await call(h, 'listShipmentBoxes', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: s.shipmentId } });
      expect(boxes.map((b: Json) => b.boxId)).toEqual(boxes.map((_: Json, i: number) => `${s.shipmentConfirmationId}U${String(i + 1).padStart(6, '0')}`));
    }
    expect(new Set(flow.shipments.map((s) => s.destination.warehouseId)).size).toBe(2);
    expect(units).toEqual(flow.quantities);

    // Amazon's inventory counts the confirmed units as inbound working.
    const after = await pools(h, US, skus);
    for (const sku of skus) expect(after.get(sku)!.working - before.get(sku)!.working).toBe(flow.quantities.get(sku));

    const plan = await call(h, 'getInboundPlan', { path: { inboundPlanId: flow.inboundPlanId } });
    expect(plan.status).toBe('ACTIVE');
    expect(plan.placementOptions).toEqual([{ placementOptionId: flow.placementOptionId, status: 'ACCEPTED' }]);
    expect(plan.shipments.map((s: Json) => s.shipmentId).sort()).toEqual(flow.shipments.map((s) => s.shipmentId).sort());
    expect(h.problems).toEqual([]);
  });

  it('quotes the partnered carrier, needs a delivery window for an own carrier, and makes both shipments READY_TO_SHIP', async () => {
    const { partnered, own } = await confirmTransport(h, flow);
    expect(partnered.quote.cost.code).toBe('USD');
    expect(partnered.quote.cost.amount).toBeGreaterThan(0);
    expect(partnered.preconditions).toEqual([]);
    expect(own.quote).toBeUndefined();
    expect(own.preconditions).toEqual(['CONFIRMED_DELIVERY_WINDOW']);

    for (const s of flow.shipments) {
      const now = await call(h, 'getShipment', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: s.shipmentId } });
      expect(now.status).toBe('READY_TO_SHIP');
    }
    const first = await call(h, 'getShipment', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: flow.shipments[0]!.shipmentId } });
    expect(first.selectedTransportationOptionId).toBe(partnered.transportationOptionId);
    expect(first.trackingDetails.spdTrackingDetail.spdTrackingItems.every((t: Json) => /^1Z/.test(t.trackingId))).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('serves one 4×6 in label per box as a PDF whose Code 128 barcodes read back as the box ids; the URL dies after 15 wall seconds', async () => {
    const shipment = flow.shipments[0]!;
    const { boxes } = await call(h, 'listShipmentBoxes', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: shipment.shipmentId } });
    const res = await call(h, 'getLabels', {
      path: { shipmentId: shipment.shipmentConfirmationId },
      query: { PageType: 'PackageLabel_Thermal', LabelType: 'UNIQUE', NumberOfPackages: boxes.length },
    });
    const url = res.payload.DownloadURL as string;
    const pdf = await download(h, url);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const read = decodeBarcodes(pdf.body);
    expect(read.pageSize).toBe('288 x 432');
    expect(read.pages).toBe(boxes.length);
    expect(read.codes.sort()).toEqual(boxes.map((b: Json) => b.boxId).sort());

    // 30 simulated seconds (half a wall second at 60×) do not expire it: the 15 s are wall-clock time.
    await sleep(500);
    expect((await download(h, url)).status).toBe(200);
    h.sim.workflows.inbound.labels.advanceWallClock(15_001);
    const expired = await download(h, url);
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain('Request has expired');

    // Only the boxes asked for; an id that is not one of the shipment's is refused.
    const one = await call(h, 'getLabels', {
      path: { shipmentId: shipment.shipmentConfirmationId },
      query: { PageType: 'PackageLabel_Letter_2', LabelType: 'UNIQUE', PackageLabelsToPrint: boxes[0].boxId },
    });
    expect(decodeBarcodes((await download(h, one.payload.DownloadURL)).body).codes).toEqual([boxes[0].boxId]);
    const wrong = await call(h, 'getLabels', { path: { shipmentId: shipment.shipmentConfirmationId }, query: { PageType: 'PackageLabel_Thermal', LabelType: 'UNIQUE', PackageLabelsToPrint: 'FBA1XXXXXXXXU000009' } }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SpApiError);
    expect((wrong as SpApiError).amazonCode).toBe('IncorrectPackageIdentifier');
    expect(h.problems).toEqual([]);
  });

  it('accepts own-carrier tracking but fails the operation for tracking on a partnered shipment', async () => {
    const [partneredShipment, ownShipment] = flow.shipments as [Json, Json];
    const { boxes } = await call(h, 'listShipmentBoxes', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: ownShipment.shipmentId } });
    await succeed(h, 'updateShipmentTrackingDetails', {
      path: { inboundPlanId: flow.inboundPlanId, shipmentId: ownShipment.shipmentId },
      body: { trackingDetails: { spdTrackingDetail: { spdTrackingItems: boxes.map((b: Json, i: number) => ({ boxId: b.boxId, trackingId: `7946${i}0001234` })) } } },
    });
    const refused = await settle(
      h,
      await call(h, 'updateShipmentTrackingDetails', {
        path: { inboundPlanId: flow.inboundPlanId, shipmentId: partneredShipment.shipmentId },
        body: { trackingDetails: { spdTrackingDetail: { spdTrackingItems: [{ boxId: 'x', trackingId: '1' }] } } },
      }),
    );
    expect(refused.operationStatus).toBe('FAILED');
    expect(refused.operationProblems).toEqual([expect.objectContaining({ code: 'TrackingNotEditable', severity: 'ERROR' })]);
    expect(h.problems).toEqual([]);
  });

  it('follows the usage plans: x-amzn-RateLimit-Limit on inbound operations, and a burst of mutations without a 429', async () => {
    h.sim.quota.setRate('listInboundPlans', 0.5);
    const listed = await call(h, 'listInboundPlans', { query: { pageSize: 5, status: 'ACTIVE' } });
    expect(listed.inboundPlans.map((p: Json) => p.inboundPlanId)).toEqual([flow.inboundPlanId]);
    expect(h.limiter.snapshot('A2DEMOSELLER7Q|na|listInboundPlans')?.rate).toBe(0.5);
    h.sim.quota.setRate('listInboundPlans', 2);

    // generatePackingOptions: 2 requests/s, burst 2. Six at once pace through the client's bucket, none refused.
    const throttledBefore = h.sim.stats.throttled;
    const accepted = await Promise.all(Array.from({ length: 6 }, () => call(h, 'generatePackingOptions', { path: { inboundPlanId: flow.inboundPlanId } })));
    expect(new Set(accepted.map((a) => a.operationId)).size).toBe(6);
    expect(h.sim.stats.throttled).toBe(throttledBefore);
    // Once placement is confirmed, new packing options are refused by the operation, not by HTTP.
    const last = await settle(h, accepted[5]!);
    expect(last.operationProblems[0].code).toBe('PlacementOptionAlreadyConfirmed');
    expect(h.problems).toEqual([]);
  });

  it('answered every inbound operation it routes with a response valid against the model', () => {
    const answered = new Set(h.exchanges.filter((e) => e.status >= 200 && e.status < 300).map((e) => e.operation));
    const routed = Object.keys(h.sim.workflows.inbound.routes).filter((op) => !['cancelInboundPlan', 'listPackingGroupBoxes', 'getShipmentItemsByShipmentId'].includes(op));
    expect(routed.filter((op) => !answered.has(op as OperationName))).toEqual([]);
    expect(h.problems).toEqual([]);
  });
});

describe('FBA inbound: operations that fail, and requests that are refused', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await simulatorWithClient({ timeScale: 60, ordersPerHour: 0 });
  });
  afterAll(() => h.close());

  it('fails createInboundPlan for an unknown MSKU and a zero quantity, with its problems, and errors the plan', async () => {
    const [sku] = quietFbaSkus(h, US, 1);
    const accepted = await call(h, 'createInboundPlan', {
      body: { destinationMarketplaces: [US], sourceAddress: SOURCE, items: [item('NO-SUCH-SKU', 5), item(sku!, 0)] },
    });
    const status = await settle(h, accepted);
    expect(status.operationStatus).toBe('FAILED');
    expect(status.operationProblems).toEqual([
      { code: 'MskuNotFound', message: expect.any(String), severity: 'ERROR', details: 'NO-SUCH-SKU' },
      { code: 'InvalidQuantity', message: expect.any(String), severity: 'ERROR', details: `${sku}: quantity 0` },
    ]);
    const plan = await call(h, 'getInboundPlan', { path: { inboundPlanId: accepted.inboundPlanId } });
    expect(plan.status).toBe('ERRORED');
    expect((await call(h, 'listInboundPlanItems', { path: { inboundPlanId: accepted.inboundPlanId } })).items).toEqual([]);
    // The model itself says quantity ≥ 1, so the harness notes our deliberately bad request; the responses were valid.
    expect(h.problems).toEqual([expect.stringMatching(/^createInboundPlan request: body \/items\/1\/quantity must be >= 1/)]);
    h.problems.length = 0;
  });

  it('refuses a malformed request with 400 at once and creates nothing', async () => {
    const plansBefore = h.sim.workflows.inbound.plans.size;
    const err = await call(h, 'createInboundPlan', { body: { destinationMarketplaces: [US], items: [item('X', 1)] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiError);
    expect((err as SpApiError).status).toBe(400);
    expect((err as SpApiError).message).toContain('sourceAddress');
    expect(h.sim.workflows.inbound.plans.size).toBe(plansBefore);
    const badId = await call(h, 'getInboundPlan', { path: { inboundPlanId: 'short' } }).catch((e: unknown) => e);
    expect((badId as SpApiError).status).toBe(400);
    expect(h.problems).toEqual([expect.stringMatching(/^createInboundPlan request: .*sourceAddress/)]);
    h.problems.length = 0;
  });

  it('fails setPackingInformation for a 51 lb box, a 26 in side and contents that do not match the plan (US)', async () => {
    const skus = quietFbaSkus(h, US, 2);
    const created = await succeed(h, 'createInboundPlan', { body: { destinationMarketplaces: [US], sourceAddress: SOURCE, items: [item(skus[0]!, 10), item(skus[1]!, 4)] } });
    const path = { inboundPlanId: created.inboundPlanId as string };
    await succeed(h, 'generatePackingOptions', { path });
    const option = (await call(h, 'listPackingOptions', { path })).packingOptions.find((o: Json) => o.packingGroups.length === 1);
    await succeed(h, 'confirmPackingOption', { path: { ...path, packingOptionId: option.packingOptionId } });
    const packingGroupId = option.packingGroups[0];

    const status = await settle(
      h,
      await call(h, 'setPackingInformation', {
        path,
        body: { packageGroupings: [{ packingGroupId, boxes: [box([{ msku: skus[0]!, quantity: 10 }], 51, [26, 12, 12]), box([{ msku: skus[1]!, quantity: 3 }], 5, [10, 10, 10])] }] },
      }),
    );
    expect(status.operationStatus).toBe('FAILED');
    expect(status.operationProblems.map((p: Json) => [p.code, p.details])).toEqual([
      ['BoxWeightExceeded', 'box 1: 51 LB > 50 LB'],
      ['BoxDimensionExceeded', 'box 1: 26 IN > 25 IN'],
      ['BoxContentMismatch', `${skus[1]}: planned 4, packed 3`],
    ]);
    // Nothing was stored: placement generation still asks for the boxes.
    expect((await call(h, 'listInboundPlanBoxes', { path })).boxes).toEqual([]);
    const placement = await settle(h, await call(h, 'generatePlacementOptions', { path, body: {} }));
    expect(placement.operationProblems).toEqual([expect.objectContaining({ code: 'PackingInformationMissing', details: packingGroupId })]);

    // Exactly at the limits is accepted.
    await succeed(h, 'setPackingInformation', {
      path,
      body: { packageGroupings: [{ packingGroupId, boxes: [box([{ msku: skus[0]!, quantity: 10 }], 50, [25, 12, 12]), box([{ msku: skus[1]!, quantity: 4 }], 5, [10, 10, 10])] }] },
    });
    expect(h.problems).toEqual([]);
  });

  it('applies the EU limit of 23 kg per box in Germany', async () => {
    const [sku] = quietFbaSkus(h, DE, 1);
    const created = await succeed(h, 'createInboundPlan', { body: { destinationMarketplaces: [DE], sourceAddress: SOURCE, items: [item(sku!, 8)] } });
    const path = { inboundPlanId: created.inboundPlanId as string };
    await succeed(h, 'generatePackingOptions', { path });
    const option = (await call(h, 'listPackingOptions', { path })).packingOptions[0];
    expect(option.supportedConfigurations[0].boxRequirements.weight).toEqual({ unit: 'KG', minimum: 0, maximum: 23 });
    await succeed(h, 'confirmPackingOption', { path: { ...path, packingOptionId: option.packingOptionId } });
    const status = await settle(
      h,
      await call(h, 'setPackingInformation', {
        path,
        body: {
          packageGroupings: [
            {
              packingGroupId: option.packingGroups[0],
              boxes: [{ contentInformationSource: 'BOX_CONTENT_PROVIDED', weight: { value: 24, unit: 'KG' }, dimensions: { length: 60, width: 40, height: 40, unitOfMeasurement: 'CM' }, quantity: 1, items: [item(sku!, 8)] }],
            },
          ],
        },
      }),
    );
    expect(status.operationProblems.map((p: Json) => [p.code, p.details])).toEqual([['BoxWeightExceeded', 'box 1: 24 KG > 23 KG']]);
    expect(h.problems).toEqual([]);
  });

  it('fails an operation on demand (test hook) and on an expired option, then succeeds when retried on a fresh one', async () => {
    const skus = quietFbaSkus(h, US, 3).slice(1);
    const created = await succeed(h, 'createInboundPlan', { body: { destinationMarketplaces: [US], sourceAddress: SOURCE, items: [item(skus[0]!, 3), item(skus[1]!, 2)] } });
    const path = { inboundPlanId: created.inboundPlanId as string };
    // No packing option confirmed: boxes come later, per shipment, and the split is by SKU.
    await succeed(h, 'generatePlacementOptions', { path, body: {} });
    const [first] = (await call(h, 'listPlacementOptions', { path })).placementOptions;

    h.sim.workflows.inbound.failNextOperation('confirmPlacementOption', 'InternalServerError', 'Placement service unavailable, try again.');
    const forced = await settle(h, await call(h, 'confirmPlacementOption', { path: { ...path, placementOptionId: first.placementOptionId } }));
    expect(forced).toMatchObject({ operationStatus: 'FAILED', operationProblems: [{ code: 'InternalServerError', message: 'Placement service unavailable, try again.', severity: 'ERROR' }] });

    h.sim.workflows.inbound.expireOptions(path.inboundPlanId);
    const expired = await settle(h, await call(h, 'confirmPlacementOption', { path: { ...path, placementOptionId: first.placementOptionId } }));
    expect(expired.operationProblems).toEqual([expect.objectContaining({ code: 'OptionExpired' })]);
    const listed = (await call(h, 'listPlacementOptions', { path })).placementOptions;
    expect(listed.every((o: Json) => o.status === 'EXPIRED')).toBe(true);

    const unknown = await settle(h, await call(h, 'confirmPlacementOption', { path: { ...path, placementOptionId: `pl${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` } }));
    expect(unknown.operationProblems).toEqual([expect.objectContaining({ code: 'OptionNotFound' })]);

    await succeed(h, 'generatePlacementOptions', { path, body: {} });
    const [fresh] = (await call(h, 'listPlacementOptions', { path })).placementOptions;
    await succeed(h, 'confirmPlacementOption', { path: { ...path, placementOptionId: fresh.placementOptionId } });
    const plan = await call(h, 'getInboundPlan', { path });
    expect(plan.shipments.length).toBe(fresh.shipmentIds.length);

    // The plan can still be voided before anything ships; its shipments are cancelled.
    await succeed(h, 'cancelInboundPlan', { path });
    const voided = await call(h, 'getInboundPlan', { path });
    expect(voided.status).toBe('VOIDED');
    expect(voided.shipments.every((s: Json) => s.status === 'CANCELLED')).toBe(true);
    expect(h.problems).toEqual([]);
  });
});

describe('FBA inbound: shipments travel and are received in simulated time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await simulatorWithClient({ timeScale: 60, ordersPerHour: 0 });
  });
  afterAll(() => h.close());

  it('moves SHIPPED → … → CLOSED over days, QuantityReceived rising, and Amazon inventory following to fulfillable', async () => {
    const skus = quietFbaSkus(h, US, 3);
    const before = await pools(h, US, skus);
    const flow = await planToConfirmedPlacement(h, skus);
    await confirmTransport(h, flow);
    const shipment = flow.shipments[0]!;
    const confirmationId = shipment.shipmentConfirmationId as string;
    const shipmentItems = (await call(h, 'listShipmentItems', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: shipment.shipmentId } })).items as Json[];
    const planned = new Map<string, number>(shipmentItems.map((i) => [i.msku, i.quantity]));

    const seen: string[] = [];
    const receivedTotals: number[] = [];
    let sawInboundShipped = false;
    let sawReceiving = false;
    let items: Json[] = [];
    for (let step = 0; step < 48 && seen.at(-1) !== 'CLOSED'; step++) {
      jumpClock(h, 4 * 3600_000);
      const s = await call(h, 'getShipment', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: shipment.shipmentId } });
      if (seen.at(-1) !== s.status) seen.push(s.status);
      items = (await call(h, 'getShipmentItemsByShipmentId', { path: { shipmentId: confirmationId } })).payload.ItemData;
      receivedTotals.push(items.reduce((n, i) => n + (i.QuantityReceived as number), 0));
      const p = await pools(h, US, [...planned.keys()]);
      if (s.status === 'IN_TRANSIT') sawInboundShipped ||= [...planned].every(([sku, qty]) => p.get(sku)!.shipped - before.get(sku)!.shipped >= qty);
      if (s.status === 'RECEIVING') sawReceiving ||= [...planned.keys()].some((sku) => p.get(sku)!.receiving > before.get(sku)!.receiving);
    }

    const order = ['READY_TO_SHIP', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED'];
    expect(seen.at(-1)).toBe('CLOSED');
    expect(seen.map((x) => order.indexOf(x))).toEqual([...seen.map((x) => order.indexOf(x))].sort((a, b) => a - b));
    expect(seen).toEqual(expect.arrayContaining(['IN_TRANSIT', 'RECEIVING', 'CLOSED']));
    expect(sawInboundShipped).toBe(true);
    expect(sawReceiving).toBe(true);
    // Received units only ever rise, and are seen part-way through receiving.
    expect(receivedTotals).toEqual([...receivedTotals].sort((a, b) => a - b));
    const final = receivedTotals.at(-1)!;
    expect(receivedTotals.some((n) => n > 0 && n < final)).toBe(true);

    // One SKU ends a unit or two off (seed 7 gives this shipment an overage); everything else arrives as shipped.
    const off = items.filter((i) => i.QuantityReceived !== i.QuantityShipped);
    expect(off).toHaveLength(1);
    expect([1, 2]).toContain(Math.abs(off[0]!.QuantityReceived - off[0]!.QuantityShipped));
    for (const i of items) expect(i.QuantityShipped).toBe(planned.get(i.SellerSKU));

    // Amazon's pools: what was received is sellable; nothing of this shipment is left in shipped or receiving.
    const after = await pools(h, US, [...planned.keys()]);
    for (const i of items) {
      const sku = i.SellerSKU as string;
      expect(after.get(sku)!.fulfillable - before.get(sku)!.fulfillable).toBe(i.QuantityReceived);
      expect(after.get(sku)!.receiving).toBe(before.get(sku)!.receiving);
    }
    expect(h.problems).toEqual([]);
  });

  it('finishes a shipment at once through the completeReceiving test hook', async () => {
    const skus = quietFbaSkus(h, US, 6).slice(3);
    const flow = await planToConfirmedPlacement(h, skus);
    await confirmTransport(h, flow);
    const shipment = flow.shipments[0]!;
    jumpClock(h, 24 * 3600_000);
    await call(h, 'getShipment', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: shipment.shipmentId } });
    expect(h.sim.workflows.inbound.completeReceiving(shipment.shipmentId)).toBe(true);
    const s = await call(h, 'getShipment', { path: { inboundPlanId: flow.inboundPlanId, shipmentId: shipment.shipmentId } });
    expect(s.status).toBe('CLOSED');
    const items = (await call(h, 'getShipmentItemsByShipmentId', { path: { shipmentId: shipment.shipmentConfirmationId } })).payload.ItemData as Json[];
    expect(items.every((i) => Math.abs(i.QuantityReceived - i.QuantityShipped) <= 2)).toBe(true);
    expect(h.problems).toEqual([]);
  });
});
