import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../main/simulator/server';
import { envelopeProblems, messageProblems } from '../../main/simulator/workflows/feed-schema';
import type { Listing } from '../../main/simulator/workflows';
import {
  DocumentProcessingError,
  createFeedDocument,
  createReport,
  createRestrictedDataToken,
  fetchReport,
  getFeedDocument,
  getListingsItem,
  getReportDocument,
  submitFeed,
} from '../../main/spapi/documents-api';
import { SpApiError } from '../../main/spapi/errors';
import type { ProcessingStatus } from '../../main/spapi/schemas/reports';
import { simulatorWithClient } from '../support/simulator-harness';
import { modelsDir } from '../support/sp-api-models';

type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const SELLER = DEMO_ACCOUNT.sellerId;
const POLL = { pollMs: 10 };

const ajv = new Ajv({ strict: false, allErrors: true });
const schema = (name: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(modelsDir(), name), 'utf8')) as object);
const processingReportSchema = schema('schema-feed-listings-feed-processing-report-schema-v2.json');
const feedSchema = schema('schema-feed-listings-feed-schema-v2.json');
const messageSchema = schema('schema-feed-listings-feed-message-schema-v2.json');

/** Tab-separated report text as rows keyed by header, checking every row has exactly the header's column count. */
function parseTsv(content: string, eol: '\n' | '\r\n'): Record<string, string>[] {
  expect(content.endsWith(eol)).toBe(true);
  const lines = content.slice(0, -eol.length).split(eol);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

const channelOf = (l: Listing) => (l.attributes.fulfillment_availability?.[0]?.fulfillment_channel_code as string | undefined) ?? '';
const fbmListings = (h: Harness, marketplaceId: string) => h.sim.workflows.listings.inMarketplace(marketplaceId).filter((l) => channelOf(l) === 'DEFAULT');

describe('Reports 2021-06-30 against the simulator', () => {
  it('moves a merchant listings report through IN_QUEUE, IN_PROGRESS and DONE, with every Japanese listing byte-exact', async () => {
    // 100 simulated seconds per wall second: the half-minute queue and minute of work are seen by 10 ms polls.
    h = await simulatorWithClient({ timeScale: 100, chunkSize: 257 });
    const statuses: ProcessingStatus[] = [];
    const { report, content } = await fetchReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [JP] }, { ...POLL, onStatus: (s) => statuses.push(s) });

    const seen = statuses.filter((s, i) => s !== statuses[i - 1]);
    expect(seen.at(-1)).toBe('DONE');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const order = ['IN_QUEUE', 'IN_PROGRESS', 'DONE'];
    expect(seen.map((s) => order.indexOf(s))).toEqual([...seen.map((s) => order.indexOf(s))].sort());
    expect(report.processingStartTime && report.processingEndTime).toBeTruthy();

    const rows = parseTsv(content, '\n');
    const listed = h.sim.store.catalog.filter((i) => i.prices[JP]);
    const fba = new Set(h.sim.store.inventorySummaries({ marketplaceId: JP, details: false }).map((s) => s.sellerSku));
    expect(rows.map((r) => r['seller-sku']).sort()).toEqual(listed.map((i) => i.sellerSku).sort());
    for (const item of listed) {
      const row = rows.find((r) => r['seller-sku'] === item.sellerSku);
      expect(row?.['item-name']).toBe(item.titles[JP]);
      expect(row?.price).toBe(item.prices[JP]?.amount);
      expect(row?.asin1).toBe(item.asin);
      expect(row?.['fulfillment-channel']).toBe(fba.has(item.sellerSku) ? 'AMAZON_JP' : 'DEFAULT');
      expect(row?.['open-date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d JST$/);
      if (!fba.has(item.sellerSku)) expect(row?.quantity).toMatch(/^\d+$/);
    }
    expect(content).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(content).not.toContain('\ufffd');
    expect(h.problems).toEqual([]);
  });

  it('reports every FBA SKU with the quantities the store holds', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const { content } = await fetchReport(h.client, { reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US] }, POLL);
    const rows = parseTsv(content, '\n');
    const expected = h.sim.store.inventorySummaries({ marketplaceId: US, details: true });
    expect(rows.map((r) => r.sku)).toEqual(expected.map((s) => s.sellerSku));
    for (const s of expected) {
      const row = rows.find((r) => r.sku === s.sellerSku);
      expect(row?.fnsku).toBe(s.fnSku);
      expect(row?.asin).toBe(s.asin);
      expect(Number(row?.['afn-fulfillable-quantity'])).toBe(s.inventoryDetails?.fulfillableQuantity);
      expect(Number(row?.['afn-reserved-quantity'])).toBe(s.inventoryDetails?.reservedQuantity?.totalReservedQuantity);
      expect(Number(row?.['afn-inbound-shipped-quantity'])).toBe(s.inventoryDetails?.inboundShippedQuantity);
      expect(Number(row?.['afn-total-quantity'])).toBe(s.totalQuantity);
      expect(row?.['afn-listing-exists']).toBe('Yes');
    }
    expect(h.problems).toEqual([]);
  });

  it('reports every order line updated in the window, in a CRLF flat file', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const dataStartTime = '2026-11-17T00:00:00Z';
    const { report, content } = await fetchReport(h.client, { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', marketplaceIds: [US, JP], dataStartTime }, POLL);
    expect(report.dataStartTime).toBe('2026-11-17T00:00:00.000Z');
    const rows = parseTsv(content, '\r\n');
    const orders = h.sim.store.searchOrders({ lastUpdatedAfter: new Date(report.dataStartTime ?? ''), lastUpdatedBefore: new Date(report.dataEndTime ?? ''), marketplaceIds: [US, JP] });
    const lines = orders.flatMap((o) => o.orderItems.map((i) => `${o.orderId}/${i.product.sellerSku}/${i.quantityOrdered}`));
    expect(lines.length).toBeGreaterThan(10);
    expect(rows.map((r) => `${r['amazon-order-id']}/${r.sku}/${r.quantity}`)).toEqual(lines);
    expect(new Set(rows.map((r) => r['sales-channel']))).toEqual(new Set(['Amazon.com', 'Amazon.co.jp']));
    const shipped = rows.find((r) => r['order-status'] === 'Shipped' && r['sales-channel'] === 'Amazon.com');
    expect(shipped?.['item-price']).toMatch(/^\d+\.\d\d$/);
    expect(shipped?.currency).toBe('USD');
    expect(h.problems).toEqual([]);
  });

  it('fails an expired document URL with a typed error, and a fresh URL serves the same bytes', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const first = await fetchReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, POLL);
    const doc = await getReportDocument(h.client, first.reportDocumentId);
    // Five simulated minutes are one wall second at this time scale.
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await caught(h.client.download(doc));
    expect(expired).toBeInstanceOf(SpApiError);
    expect((expired as SpApiError).kind).toBe('auth');
    expect((expired as SpApiError).message).toMatch(/AccessDenied: Request has expired/);

    const tampered = await caught(h.client.download({ ...doc, url: doc.url.replace(/X-Amz-Signature=\w{4}/, 'X-Amz-Signature=0000') }));
    expect((tampered as SpApiError).message).toMatch(/SignatureDoesNotMatch/);

    const fresh = await getReportDocument(h.client, first.reportDocumentId);
    expect(fresh.url).not.toBe(doc.url);
    expect(await h.client.download(fresh)).toBe(first.content);
    expect(h.problems).toEqual([]);
  });

  it('ends an ungenerated report type FATAL with an error document, cancels an empty orders window, and refuses bad requests', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const fatal = await caught(fetchReport(h.client, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] }, POLL));
    expect(fatal).toBeInstanceOf(DocumentProcessingError);
    expect(fatal).toMatchObject({ kind: 'server', processingStatus: 'FATAL', resource: 'report' });
    expect((fatal as DocumentProcessingError).resultDocument).toContain('GET_FBA_REIMBURSEMENTS_DATA');

    const quiet = await caught(
      fetchReport(h.client, { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', marketplaceIds: [US], dataStartTime: '2026-01-01T00:00:00Z', dataEndTime: '2026-01-02T00:00:00Z' }, POLL),
    );
    expect(quiet).toMatchObject({ kind: 'server', processingStatus: 'CANCELLED', resultDocument: null });

    for (const body of [
      { reportType: 'BAD_FEE_DISCOUNTS_REPORT', marketplaceIds: [US] },
      { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', marketplaceIds: [US] },
      { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['A39IBJ37TRP1C6'] },
      { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', marketplaceIds: [US], dataStartTime: '2027-01-01T00:00:00Z' },
    ]) {
      const refused = await caught(createReport(h.client, body));
      expect(refused).toMatchObject({ kind: 'invalid-input', status: 400, amazonCode: 'InvalidInput' });
    }
    expect(h.problems).toEqual([]);
  });

  it('gives the same report bytes for the same seed', async () => {
    const contents: string[] = [];
    for (let run = 0; run < 2; run++) {
      // No new orders: the listing status column reads FBA stock, which selling would move between the two runs.
      h = await simulatorWithClient({ timeScale: 300, seed: 11, ordersPerHour: 0 });
      contents.push((await fetchReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, POLL)).content);
      await h.close();
      h = undefined;
    }
    expect(contents[0]).toBe(contents[1]);
  });
});

describe('Feeds 2021-06-30 (JSON_LISTINGS_FEED) against the simulator', () => {
  it('applies the good message, reports the bad ones, and the report validates against Amazon schema', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [a, b, c] = fbmListings(h, US);
    expect(a && b && c).toBeTruthy();
    const before = await getListingsItem(h.client, SELLER, b!.sku, { marketplaceIds: [US], includedData: ['offers', 'fulfillmentAvailability'] });
    const feed = {
      header: { sellerId: SELLER, version: '2.0', issueLocale: 'en_US', report: { includedData: ['summaries', 'offers', 'fulfillmentAvailability', 'issues'], apiVersion: '2021-08-01' } },
      messages: [
        {
          messageId: 1,
          sku: a!.sku,
          operationType: 'PATCH',
          productType: a!.productType,
          patches: [
            { op: 'replace', path: '/attributes/purchasable_offer', value: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 23.45 }] }] }] },
            { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 42 }] },
          ],
        },
        {
          messageId: 2,
          sku: b!.sku,
          operationType: 'PATCH',
          productType: b!.productType,
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: -3 }] }],
        },
        { messageId: 3, sku: c!.sku, operationType: 'PATCH', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }] },
      ],
    };
    const { feed: done, processingReport } = await submitFeed(h.client, { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], content: JSON.stringify(feed), contentType: 'application/json; charset=UTF-8' }, POLL);

    expect(done.processingStatus).toBe('DONE');
    expect(processingReportSchema(processingReport), JSON.stringify(processingReportSchema.errors)).toBe(true);
    expect(processingReport.header.feedId).toBe(done.feedId);
    expect(processingReport.summary).toMatchObject({ messagesProcessed: 3, messagesAccepted: 1, messagesInvalid: 2 });
    expect(processingReport.issues.find((i) => i.messageId === 2)).toMatchObject({ sku: b!.sku, severity: 'ERROR', attributeName: 'fulfillment_availability' });
    expect(processingReport.issues.find((i) => i.messageId === 3)).toMatchObject({ sku: c!.sku, severity: 'ERROR', code: '100001' });
    expect(processingReport.issues.some((i) => i.messageId === 1 && i.severity === 'ERROR')).toBe(false);
    expect(processingReport.items?.map((i) => i.sku)).toEqual([a!.sku]);

    const good = await getListingsItem(h.client, SELLER, a!.sku, { marketplaceIds: [US], includedData: ['offers', 'fulfillmentAvailability'] });
    expect(good.offers?.[0]?.price).toEqual({ currencyCode: 'USD', amount: '23.45' });
    expect(good.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 42 }]);
    const bad = await getListingsItem(h.client, SELLER, b!.sku, { marketplaceIds: [US], includedData: ['offers', 'fulfillmentAvailability'] });
    expect(bad).toEqual(before);

    const { content } = await fetchReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, POLL);
    const rows = parseTsv(content, '\n');
    expect(rows.find((r) => r['seller-sku'] === a!.sku)).toMatchObject({ price: '23.45', quantity: '42' });
    expect(rows.find((r) => r['seller-sku'] === b!.sku)).toMatchObject({ price: before.offers?.[0]?.price.amount, quantity: String(before.fulfillmentAvailability?.[0]?.quantity) });
    expect(h.problems).toEqual([]);
  });

  it('applies UPDATE, PARTIAL_UPDATE and DELETE messages', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [a, b, c] = fbmListings(h, US);
    const feed = {
      header: { sellerId: SELLER, version: '2.0' },
      messages: [
        {
          messageId: 1,
          sku: a!.sku,
          operationType: 'UPDATE',
          productType: a!.productType,
          requirements: 'LISTING_OFFER_ONLY',
          attributes: {
            condition_type: [{ value: 'new_new', marketplace_id: US }],
            purchasable_offer: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 9.99 }] }] }],
            fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }],
          },
        },
        { messageId: 2, sku: b!.sku, operationType: 'PARTIAL_UPDATE', productType: b!.productType, attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }] } },
        { messageId: 3, sku: c!.sku, operationType: 'DELETE' },
      ],
    };
    expect(feedSchema(feed), JSON.stringify(feedSchema.errors)).toBe(true);
    const { processingReport } = await submitFeed(h.client, { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], content: JSON.stringify(feed), contentType: 'application/json' }, POLL);
    expect(processingReport.summary).toMatchObject({ messagesProcessed: 3, messagesAccepted: 3, messagesInvalid: 0, errors: 0 });
    expect(processingReport.items).toBeUndefined();

    const updated = await getListingsItem(h.client, SELLER, a!.sku, { marketplaceIds: [US], includedData: ['summaries', 'offers', 'fulfillmentAvailability'] });
    expect(updated.offers?.[0]?.price.amount).toBe('9.99');
    expect(updated.fulfillmentAvailability?.[0]?.quantity).toBe(7);
    // Product facts stay from the catalogue on an offer-only update.
    expect(updated.summaries?.[0]?.itemName).toBe(h.sim.store.catalog.find((i) => i.sellerSku === a!.sku)?.titles[US]);
    const soldOut = await getListingsItem(h.client, SELLER, b!.sku, { marketplaceIds: [US], includedData: ['summaries', 'fulfillmentAvailability'] });
    expect(soldOut.fulfillmentAvailability?.[0]?.quantity).toBe(0);
    expect(soldOut.summaries?.[0]?.status).toEqual(['DISCOVERABLE']);
    const deleted = await caught(getListingsItem(h.client, SELLER, c!.sku, { marketplaceIds: [US] }));
    expect(deleted).toMatchObject({ kind: 'not-found', status: 404 });
    expect(h.problems).toEqual([]);
  });

  it('ends a feed whose document is not JSON FATAL, with a processing report saying why', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const err = await caught(submitFeed(h.client, { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], content: '{"header": {"sellerId": ', contentType: 'application/json' }, POLL));
    expect(err).toBeInstanceOf(DocumentProcessingError);
    expect(err).toMatchObject({ kind: 'invalid-input', processingStatus: 'FATAL', resource: 'feed' });
    const report = JSON.parse((err as DocumentProcessingError).resultDocument ?? 'null') as unknown;
    expect(processingReportSchema(report), JSON.stringify(processingReportSchema.errors)).toBe(true);
    expect(JSON.stringify(report)).toMatch(/not valid UTF-8 JSON/);
    expect(h.problems).toEqual([]);
  });

  it('refuses an upload whose Content-Type differs from createFeedDocument, and an unknown key is NoSuchKey', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const doc = await createFeedDocument(h.client, 'application/json; charset=UTF-8');
    const wrongType = await caught(h.client.upload(doc, '{}', 'application/json'));
    expect(wrongType).toMatchObject({ kind: 'auth' });
    expect((wrongType as SpApiError).message).toMatch(/SignatureDoesNotMatch/);
    // Nothing was uploaded, so the document's own download URL finds no object.
    const input = await getFeedDocument(h.client, doc.feedDocumentId);
    const missing = await caught(h.client.download(input));
    expect(missing).toMatchObject({ kind: 'not-found' });
    expect((missing as SpApiError).message).toMatch(/NoSuchKey/);
    await h.client.upload(doc, '{"x":1}', 'application/json; charset=UTF-8');
    expect(await h.client.download(input)).toBe('{"x":1}');
    expect(h.problems).toEqual([]);
  });

  it('judges messages and envelopes the way Amazon JSON schemas do', () => {
    const messages: unknown[] = [
      { messageId: 1, sku: 'A', operationType: 'DELETE' },
      { messageId: 1, sku: 'A', operationType: 'DELETE', productType: 'X' },
      { messageId: 2, sku: 'B', operationType: 'PATCH', productType: 'X', patches: [{ op: 'replace', path: '/attributes/a', value: [{}] }] },
      { messageId: 2, sku: 'B', operationType: 'PATCH', productType: 'X', patches: [] },
      { messageId: 2, sku: 'B', operationType: 'PATCH', productType: 'X', patches: [{ op: 'move', path: '/a' }] },
      { messageId: 2, sku: 'B', operationType: 'PATCH', productType: 'X', patches: [{ op: 'add', path: '/a', value: ['x'] }] },
      { messageId: 2, sku: 'B', operationType: 'PATCH', productType: 'X', attributes: { a: [] }, patches: [{ op: 'delete', path: '/a' }] },
      { messageId: 3, sku: 'C', operationType: 'UPDATE', productType: 'X', attributes: { a: [{ value: 1 }] } },
      { messageId: 3, sku: 'C', operationType: 'UPDATE', productType: 'X', requirements: 'LISTING_OFFER_ONLY', attributes: { a: 1 } },
      { messageId: 3, sku: 'C', operationType: 'UPDATE', productType: 'X', requirements: 'OFFER', attributes: { a: 1 } },
      { messageId: 3, sku: 'C', operationType: 'UPDATE', productType: 'X', attributes: {} },
      { messageId: 3, sku: 'C', operationType: 'UPDATE', attributes: { a: 1 } },
      { messageId: 4, sku: 'D', operationType: 'PARTIAL_UPDATE', productType: 'X', attributes: { a: [] } },
      { messageId: 4, sku: 'D', operationType: 'PARTIAL_UPDATE', productType: 'X', requirements: 'LISTING', attributes: { a: [] } },
      { messageId: 0, sku: 'E', operationType: 'DELETE' },
      { messageId: 1.5, sku: 'E', operationType: 'DELETE' },
      { messageId: 5, sku: '', operationType: 'DELETE' },
      { messageId: 5, sku: 'E', operationType: 'REMOVE' },
      { sku: 'E', operationType: 'DELETE' },
      { messageId: 6, sku: 'F', operationType: 'PATCH', productType: '', patches: [{ op: 'delete', path: '/a' }] },
      'not an object',
    ];
    for (const m of messages) expect([JSON.stringify(m), messageProblems(m).length === 0]).toEqual([JSON.stringify(m), messageSchema(m)]);

    const envelopes: unknown[] = [
      { header: { sellerId: 'S', version: '2.0' }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
      { header: { sellerId: 'S', version: '1.0' }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
      { header: { version: '2.0' }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
      { header: { sellerId: 'S', version: '2.0' }, messages: [] },
      { header: { sellerId: 'S', version: '2.0', report: { includedData: ['offers'] } }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
      { header: { sellerId: 'S', version: '2.0', report: { includedData: ['offers'], apiVersion: '2021-08-01' } }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
      { messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
    ];
    // With valid messages, the feed schema's verdict is the envelope's.
    for (const e of envelopes) expect([JSON.stringify(e), envelopeProblems(e).length === 0]).toEqual([JSON.stringify(e), feedSchema(e)]);
  });
});

describe('Tokens 2021-03-01 against the simulator', () => {
  it('issues a one-hour RDT that the server can accept for exactly its resources', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const orderId = '902-1845936-5435065';
    const out = await createRestrictedDataToken(h.client, {
      restrictedResources: [
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
        { method: 'GET', path: `/orders/v0/orders/${orderId}/address` },
      ],
    });
    expect(out.expiresIn).toBe(3600);
    expect(out.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);

    const grant = h.sim.workflows.acceptsToken(out.restrictedDataToken);
    expect(grant?.account.sellerId).toBe(SELLER);
    const left = (grant?.expiresAtSimMs ?? 0) - h.sim.clock.nowMs();
    expect(left).toBeGreaterThan(3000_000);
    expect(left).toBeLessThanOrEqual(3600_000);
    expect(grant?.covers('GET', `/orders/v0/orders/${orderId}/address`)).toBe(true);
    expect(grant?.covers('GET', '/orders/v0/orders/111-0000000-0000000/address')).toBe(false);
    expect(grant?.covers('GET', `/orders/v0/orders/${orderId}`)).toBe(false);
    expect(grant?.dataElementsFor('GET', '/orders/v0/orders')).toEqual(['buyerInfo', 'shippingAddress']);
    expect(h.sim.workflows.acceptsToken('Atza|not-an-rdt')).toBeUndefined();

    for (const restrictedResources of [
      [{ method: 'GET' as const, path: '/orders/2026-01-01/orders' }],
      [{ method: 'GET' as const, path: '/orders/v0/orders/{orderId}/address', dataElements: ['buyerInfo' as const] }],
      [{ method: 'GET' as const, path: '/reports/2021-06-30/documents/{reportDocumentId}' }],
    ]) {
      const refused = await caught(createRestrictedDataToken(h.client, { restrictedResources }));
      expect(refused).toMatchObject({ kind: 'invalid-input', status: 400, amazonCode: 'InvalidRequest' });
    }
    expect(h.problems).toEqual([]);
  });
});
