import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '../../main/spapi/operations';
import { simulatorWithClient } from '../support/simulator-harness';

/**
 * Finances (v0 and 2024-06-19) and the settlement report in the simulator, through the real amazon-sp-api client; the
 * harness checks every request and response against Amazon's model files. The store's 35 days of backfilled orders are
 * the "seeded month": money is read back and compared with the orders it came from, to the cent.
 */
type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
type Json = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const START = new Date('2026-11-20T08:00:00Z');
const US = 'ATVPDKIKX0DER';
const DAY = 24 * 3600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Amounts are decimals of at most 2 places (0 for JPY): compare in minor units. */
const minor = (amount: number) => Math.round(amount * 100);

type Region = 'na' | 'eu' | 'fe';
/** A seller's money is per regional endpoint, like Amazon's: the test reads the US, DE and JP stores' from all three. */
const REGIONS: readonly Region[] = ['na', 'eu', 'fe'];
const REGION_OF_CURRENCY: Record<string, Region> = { USD: 'na', EUR: 'eu', JPY: 'fe' };

function call(h: Harness, operation: OperationName, req: { path?: Record<string, string>; query?: Record<string, string | number> } = {}, region: Region = 'na'): Promise<Json> {
  return h.clientFor(region).call(operation, req, null) as Promise<Json>;
}

async function allTransactions(h: Harness, query: Record<string, string>): Promise<{ transactions: Json[]; pages: number }> {
  const transactions: Json[] = [];
  let pages = 0;
  for (const region of REGIONS) {
    let nextToken: string | undefined;
    do {
      const res = await call(h, 'listTransactions', { query: { ...query, ...(nextToken ? { nextToken } : {}) } }, region);
      const payload = (res.payload ?? res) as Json;
      transactions.push(...(payload.transactions as Json[]));
      nextToken = payload.nextToken as string | undefined;
      pages++;
    } while (nextToken);
  }
  return { transactions, pages };
}

/** Sum of one named leaf breakdown across a transaction's items. */
function leaf(t: Json, type: string): number {
  let total = 0;
  for (const item of t.items as Json[]) for (const group of item.breakdowns as Json[]) for (const b of group.breakdowns as Json[]) if (b.breakdownType === type) total += minor(b.breakdownAmount.currencyAmount);
  return total;
}

describe('simulator finances', () => {
  let h: Harness;
  let transactions: Json[];
  let pages: number;
  const after = new Date(START.getTime() - 40 * DAY).toISOString();

  beforeAll(async () => {
    h = await simulatorWithClient({ seed: 7, timeScale: 600, start: START, ordersPerHour: 3, backfillDays: 35, marketplaceIds: [US, 'A1PA6795UKMFR9', 'A1VC38T7YXB528'] });
    // Two simulated minutes must pass before anything is listed (Amazon's settling delay).
    await sleep(300);
    ({ transactions, pages } = await allTransactions(h, { postedAfter: after }));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('books every shipped order once, its principal equal to what the buyer paid for the items', () => {
    const cutoff = h.sim.clock.nowMs() - 2 * 60_000;
    const shipped = h.sim.store
      .searchOrders({ fulfillmentStatuses: ['SHIPPED'] })
      .filter((o) => Date.parse(o.lastUpdatedTime) < cutoff && (o.packages ?? []).length <= 1);
    expect(shipped.length).toBeGreaterThan(100);
    const byOrder = new Map<string, Json[]>();
    for (const t of transactions.filter((x) => x.transactionType === 'Shipment')) {
      const id = (t.relatedIdentifiers as Json[]).find((r) => r.relatedIdentifierName === 'ORDER_ID')?.relatedIdentifierValue as string;
      byOrder.set(id, [...(byOrder.get(id) ?? []), t]);
    }
    for (const o of shipped) {
      const events = byOrder.get(o.orderId) ?? [];
      expect(events, o.orderId).toHaveLength(1);
      const paid = o.orderItems.reduce((n, i) => n + minor(Number(i.product.price?.unitPrice?.amount ?? 0)) * (i.fulfillment?.quantityFulfilled ?? 0), 0);
      const jpy = o.salesChannel.marketplaceId === 'A1VC38T7YXB528';
      expect(leaf(events[0]!, 'Principal') / (jpy ? 100 : 1), o.orderId).toBe(paid / (jpy ? 100 : 1));
      // The event's total is the order's proceeds less Amazon's fees and withheld tax, to the cent.
      const proceeds = minor(Number(o.proceeds?.grandTotal?.amount ?? 0));
      const fees = leaf(events[0]!, 'Commission') + leaf(events[0]!, 'FBAPerUnitFulfillmentFee');
      const withheld = leaf(events[0]!, 'MarketplaceFacilitatorTax-Principal') + leaf(events[0]!, 'MarketplaceFacilitatorTax-Shipping') + leaf(events[0]!, 'MarketplaceFacilitatorTax-Other');
      expect(minor(events[0]!.totalAmount.currencyAmount), o.orderId).toBe(proceeds + fees + withheld);
    }
    expect(h.problems).toEqual([]);
  });

  it('charges the referral fee by category with its minimum, the FBA fee on FBA units only, and withholds US sales tax', () => {
    const us = transactions.filter((t) => t.transactionType === 'Shipment' && t.marketplaceDetails?.marketplaceId === US);
    const afn = us.filter((t) => t.contexts?.[0]?.channel === 'AFN');
    const mfn = us.filter((t) => t.contexts?.[0]?.channel === 'MFN');
    expect(afn.length).toBeGreaterThan(20);
    expect(mfn.length).toBeGreaterThan(5);
    for (const t of us) {
      for (const item of t.items as Json[]) {
        const sku = item.contexts[0].sku as string;
        const qty = item.contexts[0].quantityShipped as number;
        const product = h.sim.store.catalog.find((c) => c.sellerSku === sku)!;
        const rate = ['HEADPHONES', 'CAMERA_ACCESSORY', 'SMART_PLUG', 'BEAUTY'].includes(product.productType) ? 0.08 : 0.15;
        const one = { ...t, items: [item] };
        const sales = leaf(one, 'Principal') + leaf(one, 'ShippingCharge') + leaf(one, 'GiftWrap') + leaf(one, 'Promotion');
        expect(-leaf(one, 'Commission')).toBe(Math.max(Math.round(sales * rate), 30 * qty));
        const fba = leaf(one, 'FBAPerUnitFulfillmentFee');
        if (t.contexts[0].channel === 'AFN') {
          const g = product.weightGrams;
          const perUnit = g <= 100 ? 306 : g <= 250 ? 340 : g <= 500 ? 375 : g <= 1000 ? 460 : g <= 2000 ? 610 : 610 + Math.ceil((g - 2000) / 500) * 40;
          expect(fba).toBe(-perUnit * qty);
        } else {
          expect(fba).toBe(0);
        }
        expect(leaf(one, 'MarketplaceFacilitatorTax-Principal') + leaf(one, 'Tax')).toBe(0);
      }
    }
  });

  it('refunds some returned orders and a refund without a return, handing back the referral fee less 20 %', async () => {
    const returns = transactions.filter((t) => t.transactionType === 'Refund');
    expect(returns.length).toBeGreaterThan(0);
    const target = h.sim.store
      .searchOrders({ fulfillmentStatuses: ['SHIPPED'], marketplaceIds: [US], fulfilledBy: ['AMAZON'] })
      .find((o) => o.orderItems.length === 1 && !returns.some((t) => t.relatedIdentifiers.some((r: Json) => r.relatedIdentifierValue === o.orderId)))!;
    h.sim.workflows.finances.refundWithoutReturn(target.orderId);
    expect(() => h.sim.workflows.finances.refundWithoutReturn(target.orderId)).toThrow(/already refunded/);
    await sleep(300);
    const res = await call(h, 'listFinancialEventsByOrderId', { path: { orderId: target.orderId } });
    const events = res.payload.FinancialEvents as Json;
    expect(events.ShipmentEventList).toHaveLength(1);
    expect(events.RefundEventList).toHaveLength(1);
    const shipItem = events.ShipmentEventList[0].ShipmentItemList[0] as Json;
    const refundItem = events.RefundEventList[0].ShipmentItemAdjustmentList[0] as Json;
    const charge = (list: Json[], type: string) => minor(list.find((c) => (c.ChargeType ?? c.FeeType) === type)?.[c_amount(list)]?.CurrencyAmount ?? 0);
    expect(charge(refundItem.ItemChargeAdjustmentList, 'Principal')).toBe(-charge(shipItem.ItemChargeList, 'Principal'));
    expect(charge(refundItem.ItemChargeAdjustmentList, 'Tax')).toBe(-charge(shipItem.ItemChargeList, 'Tax'));
    const referral = -charge(shipItem.ItemFeeList, 'Commission');
    expect(charge(refundItem.ItemFeeAdjustmentList, 'Commission')).toBe(referral);
    expect(charge(refundItem.ItemFeeAdjustmentList, 'RefundCommission')).toBe(-Math.min(Math.round(referral * 0.2), 500 * shipItem.QuantityShipped));
    // The FBA fee is not returned.
    expect(charge(refundItem.ItemFeeAdjustmentList, 'FBAPerUnitFulfillmentFee')).toBe(0);
    expect(h.problems).toEqual([]);
  });

  it('reimburses units Amazon lost, ten days after the loss, at the price less the fees a sale would have cost', async () => {
    const sku = h.sim.store.inventorySummaries({ marketplaceId: US, details: false }).find((s) => s.sellerSku)!.sellerSku!;
    // The contract with the stock helper: losses are public records on the store's inventory book.
    const book = h.sim.store.inventory as unknown as { losses?: { sellerSku: string; marketplaceId: string; quantity: number; reason: string; at: number }[] };
    book.losses ??= [];
    book.losses.push({ sellerSku: sku, marketplaceId: US, quantity: 3, reason: 'WAREHOUSE_LOST', at: h.sim.clock.nowMs() - 11 * DAY });
    await sleep(300);
    const { transactions: recent } = await allTransactions(h, { postedAfter: new Date(h.sim.clock.nowMs() - 3 * DAY).toISOString(), marketplaceId: US });
    const reimbursements = recent.filter((t) => t.description === 'FBA Inventory Reimbursement');
    expect(reimbursements).toHaveLength(1);
    const t = reimbursements[0]!;
    const product = h.sim.store.catalog.find((c) => c.sellerSku === sku)!;
    const price = minor(Number(product.prices[US]!.amount));
    const rate = ['HEADPHONES', 'CAMERA_ACCESSORY', 'SMART_PLUG', 'BEAUTY'].includes(product.productType) ? 0.08 : 0.15;
    const g = product.weightGrams;
    const fba = g <= 100 ? 306 : g <= 250 ? 340 : g <= 500 ? 375 : g <= 1000 ? 460 : g <= 2000 ? 610 : 610 + Math.ceil((g - 2000) / 500) * 40;
    expect(minor(t.totalAmount.currencyAmount)).toBe(3 * (price - Math.max(Math.round(price * rate), 30) - fba));
    expect(t.items[0].contexts[0]).toMatchObject({ sku, quantityShipped: 3 });
    expect(h.problems).toEqual([]);
  });

  it('settles every 14 days per currency: each group is its opening balance plus its transactions, with the reserve carried over', async () => {
    const groups: Json[] = [];
    for (const region of REGIONS) {
      const res = await call(h, 'listFinancialEventGroups', { query: { FinancialEventGroupStartedAfter: after, MaxResultsPerPage: 100 } }, region);
      const listed = res.payload.FinancialEventGroupList as Json[];
      // Each endpoint answers only for its own marketplaces' currencies.
      expect(listed.every((g) => REGION_OF_CURRENCY[g.OriginalTotal.CurrencyCode] === region)).toBe(true);
      groups.push(...listed);
    }
    const closed = groups.filter((g) => g.ProcessingStatus === 'Closed');
    expect(closed.length).toBeGreaterThanOrEqual(4);
    expect(new Set(groups.map((g) => g.OriginalTotal.CurrencyCode))).toEqual(new Set(['USD', 'EUR', 'JPY']));
    for (const g of groups) {
      const { transactions: inGroup } = await allTransactions(h, { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: g.FinancialEventGroupId });
      const sum = inGroup.reduce((n, t) => n + minor(t.totalAmount.currencyAmount), 0);
      expect(minor(g.OriginalTotal.CurrencyAmount), g.FinancialEventGroupId).toBe(minor(g.BeginningBalance.CurrencyAmount) + sum);
      if (g.ProcessingStatus === 'Closed') {
        expect(Date.parse(g.FinancialEventGroupEnd) - Date.parse(g.FinancialEventGroupStart)).toBe(14 * DAY);
        const reserve = inGroup.find((t) => t.description === 'Current Reserve Amount');
        expect(reserve, g.FinancialEventGroupId).toBeDefined();
        // Released into the next period of the same currency as its opening balance.
        const nextGroup = groups.find((x) => x.FinancialEventGroupStart === g.FinancialEventGroupEnd && x.OriginalTotal.CurrencyCode === g.OriginalTotal.CurrencyCode)!;
        expect(minor(nextGroup.BeginningBalance.CurrencyAmount)).toBe(-minor(reserve!.totalAmount.currencyAmount));
      }
    }
    // v0 by group, page by page, holds the same shipments and the reserve adjustment.
    const first = closed[0]!;
    const adjustments: Json[] = [];
    let shipments = 0;
    let NextToken: string | undefined;
    do {
      const page = await call(h, 'listFinancialEventsByGroupId', { path: { eventGroupId: first.FinancialEventGroupId }, query: { MaxResultsPerPage: 100, ...(NextToken ? { NextToken } : {}) } }, REGION_OF_CURRENCY[first.OriginalTotal.CurrencyCode]);
      adjustments.push(...(page.payload.FinancialEvents.AdjustmentEventList as Json[]));
      shipments += (page.payload.FinancialEvents.ShipmentEventList as Json[]).length;
      NextToken = page.payload.NextToken as string | undefined;
    } while (NextToken);
    const { transactions: firstGroup } = await allTransactions(h, { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: first.FinancialEventGroupId });
    expect(shipments).toBe(firstGroup.filter((t) => t.transactionType === 'Shipment').length);
    expect(adjustments.filter((a) => a.AdjustmentType === 'ReserveEvent')).toHaveLength(1);
    expect(h.problems).toEqual([]);
  }, 60_000);

  it('lists a settlement report per closed group whose rows add up to the payout', async () => {
    const listed = (await call(h, 'getReports', { query: { reportTypes: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', pageSize: 100 } })) as Json;
    const reports = (listed.reports ?? listed.payload?.reports) as Json[];
    const totals = h.sim.workflows.finances.totals();
    const closed = totals.flatMap((t) => t.groups.filter((g) => !g.open).map((g) => ({ ...g, currency: t.currency })));
    expect(reports).toHaveLength(closed.length);
    for (const r of reports) {
      expect(r.processingStatus).toBe('DONE');
      const doc = (await call(h, 'getReportDocument', { path: { reportDocumentId: r.reportDocumentId } })) as Json;
      const text = await h.client.download(doc as { url: string; compressionAlgorithm?: string });
      const [header, summary, ...rows] = text.trimEnd().split('\n').map((l) => l.split('\t'));
      expect(header?.slice(0, 6)).toEqual(['settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency']);
      const col = (name: string) => header!.indexOf(name);
      const group = closed.find((g) => g.currency === summary![col('currency')] && Date.parse(g.start) === Date.parse(summary![col('settlement-start-date')]!))!;
      expect(group).toBeDefined();
      const jpy = group.currency === 'JPY';
      const toMinor = (s: string) => (jpy ? Number(s) : minor(Number(s)));
      expect(toMinor(summary![col('total-amount')]!)).toBe(group.totalMinor);
      expect(rows.reduce((n, row) => n + toMinor(row[col('amount')]!), 0)).toBe(group.totalMinor);
    }
    expect(h.problems).toEqual([]);
  }, 60_000);

  it('pages listTransactions with nextToken and filters by posted date', async () => {
    expect(pages).toBeGreaterThan(3);
    const ids = transactions.map((t) => t.transactionId);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = h.sim.workflows.finances.events().filter((e) => e.postedAt >= Date.parse(after) && e.postedAt < Date.parse(transactions.at(-1)!.postedDate) );
    expect(transactions.length).toBeGreaterThanOrEqual(expected.length);
    const mid = transactions[Math.floor(transactions.length / 2)]!.postedDate as string;
    const { transactions: later } = await allTransactions(h, { postedAfter: mid, postedBefore: new Date(h.sim.clock.nowMs() - 5 * 60_000).toISOString() });
    expect(later.every((t) => Date.parse(t.postedDate) >= Date.parse(mid))).toBe(true);
    expect(later.length).toBeLessThan(transactions.length);
    const tooLate = await h.client.call('listTransactions', { query: { postedAfter: new Date(h.sim.clock.nowMs()).toISOString() } }, null).catch((e: unknown) => e);
    expect(tooLate).toBeInstanceOf(Error);
    expect(h.problems).toEqual([]);
  }, 60_000);

  it('charges last month\'s storage on the 8th, per FBA SKU of each marketplace', () => {
    const storage = transactions.filter((t) => t.description === 'FBA Inventory Storage Fee');
    expect(storage.map((t) => `${t.marketplaceDetails.marketplaceId} ${t.postedDate}`).sort()).toEqual(
      ['A1PA6795UKMFR9', 'A1VC38T7YXB528', US].map((m) => `${m} 2026-11-08T00:00:00Z`).sort(),
    );
    for (const t of storage) {
      expect(t.items.length).toBeGreaterThan(3);
      for (const item of t.items as Json[]) expect(leaf({ items: [item] }, 'FBAStorageFee')).toBeLessThan(0);
    }
  }, 60_000);
});

/** ChargeComponent or FeeComponent: the amount's key. */
function c_amount(list: Json[]): string {
  return list[0]?.ChargeAmount ? 'ChargeAmount' : 'FeeAmount';
}
