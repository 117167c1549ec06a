import type { MoneyLineKind, ProfitFlag, ProfitGroupBy, ProfitRow } from '../../../shared/domain/finance';
import type { FxTable } from './fx';

/** Where a line of Amazon's money goes in the profit statement. */
export type ProfitBucket = 'revenue' | 'fees' | 'refunds' | 'reimbursements' | 'other';

/**
 * Taxes are collected for (or withheld by) the tax authority and reserves/transfers only move the seller's own money,
 * so none of them is profit. Placement and inbound transport charges are counted once, as inbound freight spread over
 * the units of their plan (see inbound-freight.ts); counting Amazon's charge too would count them twice.
 */
export const BUCKET_OF_KIND: Record<MoneyLineKind, ProfitBucket | null> = {
  principal: 'revenue',
  shipping: 'revenue',
  promotion: 'revenue',
  'referral-fee': 'fees',
  'fba-fee': 'fees',
  'storage-fee': 'fees',
  'refund-fee': 'fees',
  'refund-principal': 'refunds',
  reimbursement: 'reimbursements',
  other: 'other',
  tax: null,
  'shipping-tax': null,
  'withheld-tax': null,
  reserve: null,
  transfer: null,
  'placement-fee': null,
  'inbound-transport': null,
};

interface FactBase {
  orderId: string | null;
  sku: string | null;
  marketplaceId: string | null;
  /** ISO date-time: the posted date for money, the ship date for costs. */
  at: string;
}
/** Signed amounts: money as Amazon posted it; costs negative. A null amount is a cost that is not known. */
export type ProfitFact =
  | (FactBase & { type: 'money'; bucket: ProfitBucket; amountMinor: number; currency: string })
  | (FactBase & { type: 'cogs'; units: number; amountMinor: number | null; currency: string | null })
  | (FactBase & { type: 'inbound-freight'; amountMinor: number; currency: string })
  | (FactBase & { type: 'outbound-freight-unknown' });

const keyOf = (f: ProfitFact, groupBy: ProfitGroupBy): string => {
  switch (groupBy) {
    case 'order':
      return f.orderId ?? '';
    case 'sku':
      return f.sku ?? '';
    case 'marketplace':
      return f.marketplaceId ?? '';
    case 'month':
      return f.at.slice(0, 7);
  }
};

type Field = 'revenueMinor' | 'amazonFeesMinor' | 'refundsMinor' | 'reimbursementsMinor' | 'otherMinor' | 'cogsMinor' | 'inboundFreightMinor';
const FIELD_OF_BUCKET: Record<ProfitBucket, Field> = {
  revenue: 'revenueMinor',
  fees: 'amazonFeesMinor',
  refunds: 'refundsMinor',
  reimbursements: 'reimbursementsMinor',
  other: 'otherMinor',
};

interface Acc {
  /** field|currency|date → Σ minor units in that currency: summed first, converted once, so rounding happens once per rate. */
  sums: Map<string, number>;
  orders: Set<string>;
  units: number;
  flags: Set<ProfitFlag>;
  outboundUnknown: boolean;
}

/**
 * Sums facts into one row per key, each amount converted to the base currency at the rate of its own date (amounts of
 * one kind, currency and day are added before converting). Facts that belong to no order/SKU/marketplace fall into the
 * row with key '' so every grouping adds up to the same total.
 */
export function aggregateProfit(facts: ProfitFact[], groupBy: ProfitGroupBy, fx: FxTable): ProfitRow[] {
  const accs = new Map<string, Acc>();
  const add = (acc: Acc, field: Field, currency: string, at: string, minor: number) => {
    const k = `${field}|${currency}|${at.slice(0, 10)}`;
    acc.sums.set(k, (acc.sums.get(k) ?? 0) + minor);
  };

  for (const f of facts) {
    const key = keyOf(f, groupBy);
    let acc = accs.get(key);
    if (!acc) {
      acc = { sums: new Map(), orders: new Set(), units: 0, flags: new Set(), outboundUnknown: false };
      accs.set(key, acc);
    }
    switch (f.type) {
      case 'money':
        add(acc, FIELD_OF_BUCKET[f.bucket], f.currency, f.at, f.amountMinor);
        if (f.bucket === 'revenue' && f.orderId) acc.orders.add(f.orderId);
        break;
      case 'cogs':
        acc.units += f.units;
        if (f.amountMinor === null || f.currency === null) acc.flags.add('cost-missing');
        else add(acc, 'cogsMinor', f.currency, f.at, f.amountMinor);
        break;
      case 'inbound-freight':
        add(acc, 'inboundFreightMinor', f.currency, f.at, f.amountMinor);
        break;
      case 'outbound-freight-unknown':
        acc.outboundUnknown = true;
        acc.flags.add('outbound-freight-unknown');
        break;
    }
  }

  const rows: ProfitRow[] = [];
  for (const [key, acc] of accs) {
    const row: ProfitRow = {
      key,
      baseCurrency: fx.base,
      orders: acc.orders.size,
      units: acc.units,
      revenueMinor: 0,
      amazonFeesMinor: 0,
      refundsMinor: 0,
      reimbursementsMinor: 0,
      otherMinor: 0,
      cogsMinor: 0,
      inboundFreightMinor: 0,
      outboundFreightMinor: acc.outboundUnknown ? null : 0,
      profitMinor: null,
      flags: [],
      missingRates: [],
    };
    const missing = new Set<string>();
    for (const [k, minor] of acc.sums) {
      const [field, currency, date] = k.split('|') as [Field, string, string];
      const v = fx.toBase(minor, currency, date);
      if (v === null) {
        acc.flags.add('fx-missing');
        missing.add(`${currency}@${date}`);
      } else row[field] += v;
    }
    const known = row.revenueMinor + row.amazonFeesMinor + row.refundsMinor + row.reimbursementsMinor + row.otherMinor + row.cogsMinor + row.inboundFreightMinor;
    row.profitMinor = missing.size > 0 ? null : known + (row.outboundFreightMinor ?? 0);
    row.flags = [...acc.flags].sort();
    row.missingRates = [...missing].sort();
    rows.push(row);
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
