import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackAgent } from '../../main/spapi/loopback-agent';
import { DEMO_ACCOUNT } from '../../main/simulator/server';
import { SpApiError } from '../../main/spapi/errors';
import { projectOrder } from '../../main/simulator/routes/orders';
import { createReport, createRestrictedDataToken, getReport } from '../../main/spapi/documents-api';
import { reportDocumentSchema } from '../../main/spapi/schemas/reports';
import { simulatorWithClient } from '../support/simulator-harness';

type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALL_INCLUDED = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT'] as const;

async function expectSpApiError(p: Promise<unknown>, kind: string): Promise<SpApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SpApiError);
  expect((err as SpApiError).kind).toBe(kind);
  return err as SpApiError;
}

describe('amazon-sp-api client against the simulator, checked against Amazon models', () => {
  it('reads every page of searchOrders with all included data, byte-exact whatever the chunking', async () => {
    h = await simulatorWithClient({ chunkSize: 701 });
    // Three days is about 9 pages of 100: within searchOrders' burst of 20, so no wait for the 180-second refill.
    const createdAfter = new Date('2026-11-17T00:00:00Z').toISOString();
    const seen = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await h.api.searchOrders({ createdAfter, includedData: [...ALL_INCLUDED], maxResultsPerPage: 100, ...(token ? { paginationToken: token } : {}) });
      seen.push(...page.orders);
      token = page.pagination?.nextToken;
      pages += 1;
    } while (token);

    const expected = h.sim.store.searchOrders({ createdAfter: new Date(createdAfter), createdBefore: new Date(h.sim.clock.nowMs() - 120_000) });
    expect(pages).toBeGreaterThan(1);
    expect(seen.map((o) => o.orderId)).toEqual(expected.map((o) => o.orderId));
    // Deep equality with what the simulator holds proves no byte was lost, including CJK split across chunks.
    expect(seen).toEqual(expected.map((o) => projectOrder(o, new Set(ALL_INCLUDED))));
    const text = JSON.stringify(seen);
    expect(text).toMatch(/[\u3040-\u30ff]/); // Japanese kana
    expect(text).toMatch(/[\u4e00-\u9fff]/); // Chinese characters
    expect(text).toMatch(/[äöüß]/); // German
    expect(text).toMatch(/\p{Extended_Pictographic}/u); // emoji
    expect(text).not.toContain('\ufffd');
    expect(h.problems).toEqual([]);
  });

  it('really splits characters across chunks: the package on its own would corrupt them', async () => {
    h = await simulatorWithClient({ chunkSize: 701 });
    const { SellingPartner } = createRequire(import.meta.url)('amazon-sp-api') as { SellingPartner: new (c: unknown) => { callAPI(p: unknown): Promise<{ body: string; chunks: Buffer[] }> } };
    const agent = new LoopbackAgent({ host: '127.0.0.1', port: h.sim.port, ca: h.sim.caPem });
    const sp = new SellingPartner({
      region: 'na',
      refresh_token: DEMO_ACCOUNT.refreshToken,
      credentials: { SELLING_PARTNER_APP_CLIENT_ID: DEMO_ACCOUNT.clientId, SELLING_PARTNER_APP_CLIENT_SECRET: DEMO_ACCOUNT.clientSecret },
      options: { https_proxy_agent: agent, auto_request_throttled: false },
    });
    const res = await sp.callAPI({ operation: 'searchOrders', endpoint: 'orders', query: { createdAfter: '2026-11-17T00:00:00Z', includedData: ['BUYER', 'RECIPIENT'] }, options: { version: '2026-01-01', raw_result: true } });
    agent.destroy();
    expect(res.chunks.length).toBeGreaterThan(10);
    expect(res.body).toContain('\ufffd');
    expect(Buffer.concat(res.chunks).toString('utf8')).not.toContain('\ufffd');
  });

  it('leaves out what includedData does not ask for', async () => {
    h = await simulatorWithClient();
    const page = await h.api.searchOrders({ lastUpdatedAfter: '2026-11-15T00:00:00Z', maxResultsPerPage: 5 });
    expect(page.orders.length).toBe(5);
    for (const o of page.orders) {
      expect(o.buyer).toBeUndefined();
      expect(o.recipient).toBeUndefined();
      expect(o.orderItems.length).toBeGreaterThan(0);
    }
    expect(page.lastUpdatedBefore).toBeDefined();
    expect(h.problems).toEqual([]);
  });

  it('gets one order, confirms an FBM shipment, and types Amazon refusals', async () => {
    h = await simulatorWithClient();
    const [fbm] = h.sim.store.searchOrders({ createdAfter: new Date('2026-11-01T00:00:00Z'), fulfillmentStatuses: ['UNSHIPPED'], fulfilledBy: ['MERCHANT'] });
    expect(fbm).toBeDefined();
    const { order } = await h.api.getOrder(fbm!.orderId, ['RECIPIENT', 'FULFILLMENT']);
    expect(order.orderId).toBe(fbm!.orderId);
    expect(order.fulfillment?.fulfillmentStatus).toBe('UNSHIPPED');

    const marketplaceId = order.salesChannel.marketplaceId!;
    const body = {
      marketplaceId,
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        shipDate: new Date(h.sim.clock.nowMs() - 60_000).toISOString(),
        orderItems: order.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      },
    };
    await h.api.confirmShipment(order.orderId, body);
    expect(h.sim.store.getOrder(order.orderId)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');

    const unknownItem = { ...body, packageDetail: { ...body.packageDetail, packageReferenceId: '2', orderItems: [{ orderItemId: '99999999999999', quantity: 1 }] } };
    const refused = await expectSpApiError(h.api.confirmShipment(order.orderId, unknownItem), 'invalid-input');
    expect(refused.status).toBe(400);
    expect(refused.attempts).toBe(1);
    await expectSpApiError(h.api.getOrder('999-0000000-0000000'), 'not-found');
    expect(h.problems).toEqual([]);
  });

  it('pages FBA inventory with nextToken', async () => {
    h = await simulatorWithClient();
    const first = await h.api.getInventorySummaries('ATVPDKIKX0DER', { details: true });
    const all = [...first.payload.inventorySummaries];
    let next = first.pagination?.nextToken;
    while (next) {
      const page = await h.api.getInventorySummaries('ATVPDKIKX0DER', { details: true, nextToken: next });
      all.push(...page.payload.inventorySummaries);
      next = page.pagination?.nextToken;
    }
    const expected = h.sim.store.inventorySummaries({ marketplaceId: 'ATVPDKIKX0DER', details: true });
    expect(all.map((s) => s.sellerSku)).toEqual(expected.map((s) => s.sellerSku));
    expect(all[0]?.inventoryDetails?.fulfillableQuantity).toBeTypeOf('number');
    expect(h.problems).toEqual([]);
  });

  it('refuses an inventory nextToken older than 30 seconds, as Amazon does', async () => {
    h = await simulatorWithClient({ timeScale: 100 });
    const first = await h.api.getInventorySummaries('ATVPDKIKX0DER', { details: false });
    expect(first.pagination?.nextToken).toBeDefined();
    await new Promise((r) => setTimeout(r, 400));
    const err = await expectSpApiError(h.api.getInventorySummaries('ATVPDKIKX0DER', { details: false, nextToken: first.pagination!.nextToken! }), 'invalid-input');
    expect(err.message).toMatch(/expired/);
  });

  it('sends a restricted data token in place of the access token, accepted only where it was granted', async () => {
    h = await simulatorWithClient({ timeScale: 1000 });
    const { reportId } = await createReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
    let report = await getReport(h.client, reportId);
    while (report.processingStatus !== 'DONE') {
      await new Promise((r) => setTimeout(r, 50));
      report = await getReport(h.client, reportId);
    }
    const path = `/reports/2021-06-30/documents/${report.reportDocumentId}`;
    const { restrictedDataToken } = await createRestrictedDataToken(h.client, { restrictedResources: [{ method: 'GET', path }] });
    const doc = await h.client.call('getReportDocument', { path: { reportDocumentId: report.reportDocumentId! }, restrictedDataToken }, reportDocumentSchema);
    expect(doc.reportDocumentId).toBe(report.reportDocumentId);
    expect(h.exchanges.at(-1)).toMatchObject({ operation: 'getReportDocument', status: 200 });
    await expectSpApiError(h.client.call('getMarketplaceParticipations', { restrictedDataToken }, null), 'auth');
    expect(h.problems).toEqual([]);
  });

  it('logs every call without tokens or PII', async () => {
    h = await simulatorWithClient();
    await h.api.getMarketplaceParticipations();
    await expectSpApiError(h.api.getOrder('999-0000000-0000000'), 'not-found');
    expect(h.calls).toEqual([
      expect.objectContaining({ operation: 'getMarketplaceParticipations', httpStatus: 200, retries: 0, errorKind: null, requestId: expect.any(String) }),
      expect.objectContaining({ operation: 'getOrder', httpStatus: 404, retries: 0, errorKind: 'not-found' }),
    ]);
    expect(JSON.stringify(h.calls)).not.toMatch(/Atz[ar]\|/);
  });

  it('rejects wrong credentials as auth without retrying', async () => {
    h = await simulatorWithClient({}, { credentials: { clientId: 'amzn1.application-oa2-client.demo0000000000000000000000', clientSecret: 'amzn1.oa2-cs.v1.demo-secret', refreshToken: 'Atzr|stolen' } });
    const err = await expectSpApiError(h.api.getMarketplaceParticipations(), 'auth');
    expect(err.attempts).toBe(1);
    expect(err.message).not.toContain('Atzr|');
  });

  it('renews the access token before the hour is up, so no call is refused for it', async () => {
    // One wall second is one simulated hour: the one-hour access token would expire within the test.
    h = await simulatorWithClient({ timeScale: 3600 });
    await h.api.getMarketplaceParticipations();
    await new Promise((r) => setTimeout(r, 1200));
    const again = await h.api.getMarketplaceParticipations();
    expect(again.payload.length).toBe(9);
    expect(h.exchanges.filter((e) => e.operation === 'lwa')).toHaveLength(2);
    expect(h.exchanges.some((e) => e.status === 403)).toBe(false);
  });

  it('refreshes a token Amazon refuses as expired, retries, and gets its rate-limit token back', async () => {
    h = await simulatorWithClient();
    await h.api.getMarketplaceParticipations();
    h.sim.expireAccessTokens();
    const again = await h.api.getMarketplaceParticipations();
    expect(again.payload.length).toBe(9);
    expect(h.exchanges.map((e) => `${e.operation} ${e.status}`)).toEqual([
      'lwa 200',
      'getMarketplaceParticipations 200',
      'getMarketplaceParticipations 403',
      'lwa 200',
      'getMarketplaceParticipations 200',
    ]);
    // Burst 15: two calls that Amazon counted, one refused call refunded.
    expect(Math.round(h.limiter.snapshot('A2DEMOSELLER7Q|na|getMarketplaceParticipations')!.tokens)).toBe(13);
    expect(h.calls.map((c) => c.retries)).toEqual([0, 0]);
  });
});
