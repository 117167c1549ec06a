import type { CurrencyInfo } from '../../store/money';

/**
 * The simulator's own record of money moving on the seller's account. Every API view (Finances v0, Finances 2024-06-19,
 * the settlement flat file) is rendered from these, so the three always agree to the minor unit.
 */

/** Where a line lands in Amazon's breakdowns: item charges, promotions, Amazon's fees, tax Amazon withheld, or other. */
export type LineKind = 'charge' | 'promotion' | 'fee' | 'withheld' | 'other';

export interface FinanceLine {
  kind: LineKind;
  /** Amazon's ChargeType / FeeType / AdjustmentType name: Principal, Tax, Commission, FBAPerUnitFulfillmentFee, … */
  type: string;
  /** Signed minor units: credits to the seller positive, debits negative. */
  minor: number;
  promotionId?: string;
}

export interface FinanceItem {
  orderItemId?: string;
  sku?: string;
  asin?: string;
  fnsku?: string;
  title?: string;
  quantity: number;
  lines: FinanceLine[];
}

export type FinanceEventKind = 'Shipment' | 'Refund' | 'Reimbursement' | 'StorageFee' | 'InboundPlacementFee' | 'InboundTransportFee' | 'Reserve';

export interface FinanceEvent {
  /** Stable across runs with the same seed and calls; transaction ids are derived from it. */
  id: string;
  kind: FinanceEventKind;
  postedAt: number;
  /** Absent for account-level events (the reserve), which belong to a currency's settlement only. */
  marketplaceId?: string;
  currency: CurrencyInfo;
  orderId?: string;
  /** Package reference, inbound shipment id, or refund id: what Amazon shows as shipment-id / adjustment-id. */
  reference?: string;
  fulfillment?: 'AFN' | 'MFN';
  /** Seller Central wording: "Order Payment", "Refund Order", "FBA Inventory Reimbursement", … */
  description: string;
  /** Why: the return or loss reason, the storage month, the inbound plan. */
  reason?: string;
  items: FinanceItem[];
}

export function eventTotal(e: FinanceEvent): number {
  let total = 0;
  for (const item of e.items) for (const line of item.lines) total += line.minor;
  return total;
}

/** Minor units as the models' BigDecimal numbers (integers for JPY). */
export function toAmount(minor: number, currency: CurrencyInfo): number {
  return currency.decimals === 0 ? minor : Math.round(minor) / 100;
}

export function parseMinor(amount: string | undefined, currency: CurrencyInfo): number {
  if (!amount) return 0;
  const negative = amount.startsWith('-');
  const [whole = '0', frac = ''] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 10 ** currency.decimals + Number((frac + '00').slice(0, currency.decimals) || '0');
  return negative ? -minor : minor;
}
