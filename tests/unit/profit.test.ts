import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceOrders, type OrderItemRow, type OrderRow } from '../../main/db/repositories/orders.repo';
import { upsertTransactions } from '../../main/services/finance/finance.repo';
import { convertMinor } from '../../main/services/finance/fx';
import { dispatch } from '../../main/ipc/dispatch';
import { mapTransaction } from '../../main/services/finance/transaction-mapping';
import type { SpBreakdown, SpTransaction } from '../../main/spapi/schemas/finances';
import type { ProfitRow } from '../../shared/domain/finance';
import { insertBundle, insertProduct } from '../support/inventory-fixtures';
import { refusal } from '../support/refusal';
import { snapshotDb, tempCore } from '../support/temp-core';

/**
 * Profit on three hand-computed orders, to the fen. Base currency CNY (the default for the Chinese UI). Rates entered:
 * USD→CNY 7.1234 on 2026-10-05, EUR→CNY 7.8000 on 10-12 and 7.9000 on 10-20. COGS in CNY: WIDGET ¥35.00 from 09-01 and
 * ¥40.00 from 10-10, BOX ¥3.50; GIFT-SET is a bundle of 2 WIDGET + 1 BOX. One FBA plan carried 100 WIDGET + 100 GADGET
 * for $25.00 placement (fee $30.00 − discount $5.00) + $75.00 transport: WIDGET's share is $50.00 / 100 = $0.50 a unit.
 * Amounts of one kind, currency and day are added first and converted once, rounding half away from zero.
 *
 * A (US, FBA, posted 10-05): 2 × $19.99, promotion −$2.00, tax $3.20 and the same withheld (neither is profit),
 *   commission −$5.70, FBA fee −$6.44.
 *   revenue  $37.98 × 7.1234 = 270.546732  → 27055
 *   fees    −$12.14 × 7.1234 = −86.478076  → −8648
 *   COGS     2 × ¥35.00 (10-05 is before 10-10) → −7000
 *   inbound −$1.00 × 7.1234 = −7.1234      → −712
 *   profit   27055 − 8648 − 7000 − 712 = 10695 (¥106.95)
 * B (DE, FBM, posted 10-12, refunded 10-20): 1 × €24.99 + shipping €4.99, commission −€4.50; the refund takes back
 *   €24.99, returns the €4.50 commission and keeps a €0.90 refund fee.
 *   revenue  €29.98 × 7.8 = 233.844        → 23384
 *   fees    −€4.50 × 7.8 = −35.10          → −3510; +€3.60 × 7.9 = 28.44 → +2844; together −666
 *   refunds −€24.99 × 7.9 = −197.421       → −19742
 *   COGS     1 × ¥40.00 (10-12)            → −4000
 *   outbound freight: not recorded for FBM → unknown (null), flagged
 *   profit   23384 − 666 − 19742 − 4000 = −1024 (−¥10.24)
 * C (US, FBA, posted Sunday 10-25): 1 × GIFT-SET $45.00, commission −$6.75, FBA fee −$4.10. No USD rate within a week
 *   of 10-25 → profit null, flagged, "USD@2026-10-25" named. After Friday 10-23's 7.1000 is imported:
 *   revenue  $45.00 × 7.1 = 319.50         → 31950
 *   fees    −$10.85 × 7.1 = −77.035        → −7704
 *   COGS     2 × ¥40.00 + ¥3.50            → −8350 (the bundle is in no FBA plan: no inbound freight)
 *   profit   31950 − 7704 − 8350 = 15896 (¥158.96)
 * Account level (no order), US: storage −$3.00 on 10-08 for US-WIDGET (10-05's rate: 3 days old) → −2137.02 → −2137;
 *   reimbursement +$12.00 on 10-09 for US-WIDGET → 85.4808 → +8548; a reserve held back (not profit).
 */

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const CREATED = '2026-10-01T00:00:00.000Z';

type Core = Awaited<ReturnType<typeof tempCore>>;
let core: Core;

const amount = (minor: number, currencyCode: string) => ({ currencyCode, currencyAmount: minor / 100 });
/** Amazon's breakdown tree, as the model and the simulator draw it: group → leaf types. */
const tree = (currency: string, groups: Record<string, Record<string, number>>): SpBreakdown[] =>
  Object.entries(groups).map(([group, leaves]) => ({
    breakdownType: group,
    breakdownAmount: amount(Object.values(leaves).reduce((a, b) => a + b, 0), currency),
    breakdowns: Object.entries(leaves).map(([type, minor]) => ({ breakdownType: type, breakdownAmount: amount(minor, currency), breakdowns: [] })),
  }));

function tx(o: {
  id: string;
  type: string;
  posted: string;
  marketplaceId?: string;
  orderId?: string;
  currency: string;
  sku?: string;
  quantity?: number;
  groups: Record<string, Record<string, number>>;
}): SpTransaction {
  const total = Object.values(o.groups).flatMap((g) => Object.values(g)).reduce((a, b) => a + b, 0);
  const breakdowns = tree(o.currency, o.groups);
  return {
    transactionId: o.id,
    transactionType: o.type,
    transactionStatus: 'RELEASED',
    postedDate: o.posted,
    totalAmount: amount(total, o.currency),
    ...(o.marketplaceId ? { marketplaceDetails: { marketplaceId: o.marketplaceId } } : {}),
    relatedIdentifiers: [...(o.orderId ? [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: o.orderId }] : []), { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: `G-${o.currency}` }],
    items: [
      {
        description: 'item',
        totalAmount: amount(total, o.currency),
        breakdowns,
        ...(o.sku ? { contexts: [{ contextType: 'ProductContext', sku: o.sku, quantityShipped: o.quantity ?? 1 }] } : {}),
      },
    ],
    breakdowns,
  };
}

function order(id: string, storeId: number, marketplaceId: string, fulfilledBy: 'AMAZON' | 'MERCHANT', currency: string): OrderRow {
  return {
    id,
    store_id: storeId,
    marketplace_id: marketplaceId,
    status: 'SHIPPED',
    fulfilled_by: fulfilledBy,
    service_level: null,
    created_time: CREATED,
    last_updated_time: CREATED,
    ship_by_latest: null,
    deliver_by_latest: null,
    programs_json: null,
    currency,
    grand_total_minor: null,
    ship_country: null,
    buyer_enc: null,
    recipient_enc: null,
    pii_purged_at: null,
    synced_at: CREATED,
  };
}
const item = (orderId: string, sku: string, quantity: number, unitPriceMinor: number, currency: string): OrderItemRow => ({
  order_id: orderId,
  order_item_id: `${orderId}-1`,
  seller_sku: sku,
  asin: null,
  title: null,
  quantity_ordered: quantity,
  quantity_shipped: quantity,
  quantity_cancelled: 0,
  unit_price_minor: unitPriceMinor,
  proceeds_minor: null,
  currency,
});

async function seed(c: Core) {
  const na = await c.stores.create({ name: 'NA 店', region: 'na', marketplaceIds: [US] });
  const eu = await c.stores.create({ name: 'EU 店', region: 'eu', marketplaceIds: [DE] });
  const db = c.db;
  const widget = await insertProduct(db, 'WIDGET');
  const box = await insertProduct(db, 'BOX');
  const gadget = await insertProduct(db, 'GADGET');
  const gift = await insertBundle(db, 'GIFT-SET', [[widget, 2], [box, 1]]);
  await db('product_costs').insert([
    { product_id: widget, effective_date: '2026-09-01', cost_minor: 3500, currency: 'CNY' },
    { product_id: widget, effective_date: '2026-10-10', cost_minor: 4000, currency: 'CNY' },
    { product_id: box, effective_date: '2026-01-01', cost_minor: 350, currency: 'CNY' },
  ]);
  await db('product_listings').insert([
    { store_id: na.id, marketplace_id: US, seller_sku: 'US-WIDGET', product_id: widget },
    { store_id: na.id, marketplace_id: US, seller_sku: 'US-GIFT', product_id: gift },
    { store_id: eu.id, marketplace_id: DE, seller_sku: 'DE-WIDGET', product_id: widget },
  ]);

  const [wh] = await db('warehouses').insert({ code: 'SZ', name: '深圳仓', kind: 'domestic', created_at: CREATED }, ['id']);
  const warehouseId = typeof wh === 'object' ? (wh as { id: number }).id : (wh as number);
  const [plan] = await db('fba_inbound_plans').insert(
    { store_id: na.id, marketplace_id: US, source_warehouse_id: warehouseId, name: 'P1', source_address_json: '{}', step: 'closed', status: 'done', placement_option_id: 'PO-1', created_by: 't', created_at: CREATED, updated_at: CREATED },
    ['id'],
  );
  const planId = typeof plan === 'object' ? (plan as { id: number }).id : (plan as number);
  await db('fba_inbound_placement_options').insert([
    { plan_id: planId, option_id: 'PO-1', shipment_ids_json: '["S1"]', shipment_count: 1, fee_minor: 3000, discount_minor: 500, currency: 'USD', status: 'ACCEPTED' },
    // Offered but not chosen: costs nothing.
    { plan_id: planId, option_id: 'PO-2', shipment_ids_json: '["S1"]', shipment_count: 1, fee_minor: 9900, discount_minor: 0, currency: 'USD', status: 'EXPIRED' },
  ]);
  const [ship] = await db('fba_inbound_shipments').insert({ plan_id: planId, amazon_shipment_id: 'S1', transport_option_id: 'TO-1' }, ['id']);
  const shipmentId = typeof ship === 'object' ? (ship as { id: number }).id : (ship as number);
  await db('fba_inbound_transport_options').insert([
    { shipment_id: shipmentId, option_id: 'TO-1', shipping_mode: 'GROUND_SMALL_PARCEL', shipping_solution: 'AMAZON_PARTNERED_CARRIER', preconditions_json: '[]', quote_minor: 7500, currency: 'USD' },
    { shipment_id: shipmentId, option_id: 'TO-2', shipping_mode: 'FREIGHT_LTL', shipping_solution: 'AMAZON_PARTNERED_CARRIER', preconditions_json: '[]', quote_minor: 40000, currency: 'USD' },
  ]);
  await db('fba_inbound_plan_items').insert([
    { plan_id: planId, product_id: widget, msku: 'US-WIDGET', fnsku: 'X001', quantity: 100, prep_owner: 'NONE', label_owner: 'SELLER' },
    { plan_id: planId, product_id: gadget, msku: 'US-GADGET', fnsku: 'X002', quantity: 100, prep_owner: 'NONE', label_owner: 'SELLER' },
  ]);

  await replaceOrders(
    db,
    [order('111-A', na.id, US, 'AMAZON', 'USD'), order('302-B', eu.id, DE, 'MERCHANT', 'EUR'), order('111-C', na.id, US, 'AMAZON', 'USD')],
    [item('111-A', 'US-WIDGET', 2, 1999, 'USD'), item('302-B', 'DE-WIDGET', 1, 2499, 'EUR'), item('111-C', 'US-GIFT', 1, 4500, 'USD')],
    [],
    new Set(),
  );

  const now = '2026-11-01T00:00:00.000Z';
  const txs: [number, SpTransaction][] = [
    [na.id, tx({ id: 'T-A', type: 'Shipment', posted: '2026-10-05T10:00:00Z', marketplaceId: US, orderId: '111-A', currency: 'USD', sku: 'US-WIDGET', quantity: 2, groups: {
      ProductCharges: { Principal: 3998, Tax: 320 },
      Promotion: { Promotion: -200 },
      AmazonFees: { Commission: -570, FBAPerUnitFulfillmentFee: -644 },
      TaxWithheld: { 'MarketplaceFacilitatorTax-Principal': -320 },
    } })],
    [eu.id, tx({ id: 'T-B', type: 'Shipment', posted: '2026-10-12T09:00:00Z', marketplaceId: DE, orderId: '302-B', currency: 'EUR', sku: 'DE-WIDGET', groups: {
      ProductCharges: { Principal: 2499, ShippingCharge: 499 },
      AmazonFees: { Commission: -450 },
    } })],
    [eu.id, tx({ id: 'T-B-R', type: 'Refund', posted: '2026-10-20T09:00:00Z', marketplaceId: DE, orderId: '302-B', currency: 'EUR', sku: 'DE-WIDGET', groups: {
      ProductCharges: { Principal: -2499 },
      AmazonFees: { Commission: 450, RefundCommission: -90 },
    } })],
    [na.id, tx({ id: 'T-C', type: 'Shipment', posted: '2026-10-25T12:00:00Z', marketplaceId: US, orderId: '111-C', currency: 'USD', sku: 'US-GIFT', groups: {
      ProductCharges: { Principal: 4500 },
      AmazonFees: { Commission: -675, FBAPerUnitFulfillmentFee: -410 },
    } })],
    [na.id, tx({ id: 'T-S', type: 'ServiceFee', posted: '2026-10-08T00:00:00Z', marketplaceId: US, currency: 'USD', sku: 'US-WIDGET', groups: { AmazonFees: { FBAStorageFee: -300 } } })],
    [na.id, tx({ id: 'T-R', type: 'Adjustment', posted: '2026-10-09T00:00:00Z', marketplaceId: US, currency: 'USD', sku: 'US-WIDGET', groups: { Other: { FBAInventoryReimbursement: 1200 } } })],
    [na.id, tx({ id: 'T-V', type: 'Adjustment', posted: '2026-10-14T23:59:59Z', currency: 'USD', groups: { Other: { ReserveEvent: -2500 } } })],
  ];
  await c.db.transaction((trx) => upsertTransactions(trx, txs.map(([storeId, t]) => mapTransaction(t, storeId, now))));
  await c.finance.setFxRates({ rates: [
    { date: '2026-10-05', currency: 'USD', rate: '7.1234' },
    { date: '2026-10-12', currency: 'EUR', rate: '7.8000' },
    { date: '2026-10-20', currency: 'EUR', rate: '7.9' },
  ] });
  return { na, eu };
}

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' } as const;
const figures = (r: ProfitRow | undefined) =>
  r && { revenue: r.revenueMinor, fees: r.amazonFeesMinor, refunds: r.refundsMinor, reimbursements: r.reimbursementsMinor, cogs: r.cogsMinor, inbound: r.inboundFreightMinor, outbound: r.outboundFreightMinor, profit: r.profitMinor, flags: r.flags };

beforeEach(async () => {
  core = await tempCore();
});
afterEach(async () => {
  await core.dispose();
});

describe('profit in the base currency, by hand to the fen', () => {
  it('per order: revenue − fees − COGS − freight − refunds, each amount at its own day’s rate', async () => {
    await seed(core);
    const before = await core.finance.profit({ groupBy: 'order', ...OCTOBER });
    expect(before.baseCurrency).toBe('CNY');
    const byKey = (rows: ProfitRow[], k: string) => rows.find((r) => r.key === k);

    expect(figures(byKey(before.rows, '111-A'))).toEqual({ revenue: 27055, fees: -8648, refunds: 0, reimbursements: 0, cogs: -7000, inbound: -712, outbound: 0, profit: 10695, flags: [] });
    expect(byKey(before.rows, '111-A')).toMatchObject({ orders: 1, units: 2 });
    expect(figures(byKey(before.rows, '302-B'))).toEqual({ revenue: 23384, fees: -666, refunds: -19742, reimbursements: 0, cogs: -4000, inbound: 0, outbound: null, profit: -1024, flags: ['outbound-freight-unknown'] });
    // No USD rate within a week of Sunday 10-25: not converted 1:1, not guessed — flagged, with the rate to enter.
    expect(byKey(before.rows, '111-C')).toMatchObject({ profitMinor: null, flags: ['fx-missing'], missingRates: ['USD@2026-10-25'] });

    await core.finance.setFxRates({ csv: '\uFEFFdate,currency,rate\r\n2026-10-23,usd,7.1000\r\n' });
    const after = await core.finance.profit({ groupBy: 'order', ...OCTOBER });
    expect(figures(byKey(after.rows, '111-C'))).toEqual({ revenue: 31950, fees: -7704, refunds: 0, reimbursements: 0, cogs: -8350, inbound: 0, outbound: 0, profit: 15896, flags: [] });
    // Money with no order (storage, a reimbursement) is kept apart, so every grouping adds up to the same total.
    expect(figures(byKey(after.rows, ''))).toMatchObject({ fees: -2137, reimbursements: 8548, profit: 6411 });
    expect(after.rows.map((r) => r.key)).toEqual(['', '111-A', '111-C', '302-B']);
  });

  it('per SKU, marketplace and month: the same money, regrouped', async () => {
    await seed(core);
    await core.finance.setFxRates({ rates: [{ date: '2026-10-23', currency: 'USD', rate: '7.1' }] });
    const profitOf = async (groupBy: 'sku' | 'marketplace' | 'month') =>
      Object.fromEntries((await core.finance.profit({ groupBy, ...OCTOBER })).rows.map((r) => [r.key, r.profitMinor]));

    // US-WIDGET: order A 10695, storage −2137, reimbursement +8548.
    expect(await profitOf('sku')).toEqual({ 'US-WIDGET': 17106, 'DE-WIDGET': -1024, 'US-GIFT': 15896 });
    expect(await profitOf('marketplace')).toEqual({ [US]: 33002, [DE]: -1024 });
    const [month] = (await core.finance.profit({ groupBy: 'month', ...OCTOBER })).rows;
    // 82389 − 19155 − 19742 + 8548 − 19350 − 712; the DE order's outbound freight stays unknown.
    expect(figures(month)).toEqual({ revenue: 82389, fees: -19155, refunds: -19742, reimbursements: 8548, cogs: -19350, inbound: -712, outbound: null, profit: 31978, flags: ['outbound-freight-unknown'] });
    expect(month).toMatchObject({ key: '2026-10', orders: 3, units: 4 });
    // A range that ends before order C and the refund: neither is in it.
    const early = await core.finance.profit({ groupBy: 'order', from: '2026-10-01', to: '2026-10-19' });
    expect(early.rows.map((r) => r.key)).toEqual(['', '111-A', '302-B']);
    expect(early.rows.find((r) => r.key === '302-B')).toMatchObject({ refundsMinor: 0, profitMinor: 23384 - 3510 - 4000 });
  });

  it('in USD as base: CNY costs need a CNY rate too, and without one the order is flagged, never 1:1', async () => {
    await seed(core);
    await core.finance.updateSettings({ baseCurrency: 'USD' });
    const { rows, baseCurrency } = await core.finance.profit({ groupBy: 'order', ...OCTOBER });
    expect(baseCurrency).toBe('USD');
    expect(rows.find((r) => r.key === '111-A')).toMatchObject({ revenueMinor: 3798, amazonFeesMinor: -1214, inboundFreightMinor: -100, profitMinor: null, flags: ['fx-missing'], missingRates: ['CNY@2026-10-05'] });
    // 1 CNY = 0.1404 USD: ¥70.00 → $9.828 → $9.83; 3798 − 1214 − 983 − 100 = 1501.
    await core.finance.setFxRates({ rates: [{ date: '2026-10-05', currency: 'CNY', rate: '0.1404' }] });
    const again = await core.finance.profit({ groupBy: 'order', ...OCTOBER });
    expect(again.rows.find((r) => r.key === '111-A')).toMatchObject({ cogsMinor: -983, profitMinor: 1501, flags: [] });
  });

  it('refuses a bad rates file whole, naming the line, and changes nothing', async () => {
    await seed(core);
    const before = await snapshotDb(core);
    const err = await refusal(core.finance.setFxRates({ csv: 'date,currency,rate\n2026-10-06,USD,7.12\n2026-10-07,USD,seven\n' }));
    expect(err).toMatchObject({ code: 'invalid-input', params: { field: 'csv', reason: 'fx-csv-line', line: 3 } });
    const base = await refusal(core.finance.setFxRates({ rates: [{ date: '2026-10-06', currency: 'CNY', rate: '1' }] }));
    expect(base.params).toMatchObject({ reason: 'fx-base-currency' });
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('over IPC: the base currency follows the UI language until chosen; a rate that is not a positive decimal is refused', async () => {
    expect(await dispatch(core, 'finance:settings', {})).toEqual({ ok: true, value: { baseCurrency: 'CNY' } });
    await dispatch(core, 'settings:update-preferences', { locale: 'en' });
    expect(await dispatch(core, 'finance:settings', {})).toEqual({ ok: true, value: { baseCurrency: 'USD' } });
    expect(await dispatch(core, 'finance:settings', { baseCurrency: 'EUR' })).toEqual({ ok: true, value: { baseCurrency: 'EUR' } });
    expect(await dispatch(core, 'settings:update-preferences', { locale: 'zh-CN' })).toMatchObject({ ok: true });
    expect(await dispatch(core, 'finance:settings', {})).toEqual({ ok: true, value: { baseCurrency: 'EUR' } });
    const before = await snapshotDb(core);
    for (const rate of ['0', '-7.1', '7,1', 7.1]) {
      expect(await dispatch(core, 'finance:set-fx-rates', { rates: [{ date: '2026-10-05', currency: 'USD', rate }] }), String(rate)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await dispatch(core, 'finance:profit', { groupBy: 'order', from: '2026-10-31', to: '2026-10-01' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await snapshotDb(core)).toEqual(before);
    expect(await dispatch(core, 'finance:set-fx-rates', { rates: [{ date: '2026-10-05', currency: 'USD', rate: '0.9210' }] })).toEqual({ ok: true, value: { saved: 1 } });
    expect(await dispatch(core, 'finance:fx-rates', {})).toEqual({ ok: true, value: { baseCurrency: 'EUR', rates: [{ date: '2026-10-05', currency: 'USD', rate: '0.9210' }] } });
  });

  it('converts with integers only, half away from zero, across currency exponents', () => {
    expect(convertMinor(3798, 'USD', 'CNY', '7.1234')).toBe(27055);
    expect(convertMinor(-1085, 'USD', 'CNY', '7.1')).toBe(-7704);
    // ¥1,000 (JPY has no minor unit) at 0.047 CNY → ¥47.00; $10.00 at 151.37 JPY → ¥1514 (1513.7).
    expect(convertMinor(1000, 'JPY', 'CNY', '0.047')).toBe(4700);
    expect(convertMinor(1000, 'USD', 'JPY', '151.37')).toBe(1514);
  });
});
