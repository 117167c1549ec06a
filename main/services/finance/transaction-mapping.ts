import { createHash } from 'node:crypto';
import { decimalToMinor } from '../../../shared/money';
import type { MoneyLineKind } from '../../../shared/domain/finance';
import type { SpBreakdown, SpFinancialEventGroup, SpTransaction } from '../../spapi/schemas/finances';

export interface TransactionRow {
  store_id: number;
  transaction_id: string;
  type: string;
  status: string | null;
  posted_date: string;
  marketplace_id: string | null;
  order_id: string | null;
  group_id: string | null;
  total_minor: number;
  currency: string;
  description: string | null;
  imported_at: string;
}

export interface TransactionLine {
  line_no: number;
  kind: MoneyLineKind;
  breakdown_path: string;
  amount_minor: number;
  currency: string;
  seller_sku: string | null;
  item_ref: string | null;
  quantity: number | null;
}

export interface GroupRow {
  store_id: number;
  group_id: string;
  processing_status: string | null;
  fund_transfer_status: string | null;
  fund_transfer_date: string | null;
  started_at: string | null;
  ended_at: string | null;
  currency: string | null;
  opening_minor: number | null;
  total_minor: number | null;
  converted_currency: string | null;
  converted_total_minor: number | null;
  synced_at: string;
}

/** Amazon's BigDecimal arrives as a JSON number: read its decimal digits (toFixed is exact to 10 places here). */
export function amountToMinor(amount: number, currency: string): number {
  const minor = decimalToMinor(amount.toFixed(10), currency);
  if (minor === null) throw new Error(`amount out of range (${currency})`);
  return minor;
}

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[^a-z]/g, '');

const FEE_KINDS = new Set<MoneyLineKind>(['referral-fee', 'fba-fee', 'storage-fee', 'placement-fee', 'inbound-transport']);

/**
 * Amazon's breakdown names vary by API version and marketplace ("Commission", "ReferralFee", "FBAPerUnitFulfillmentFee",
 * "OurPricePrincipal", "Principle"…), so names are matched on their normalised words, most specific first.
 */
function classifyName(name: string): MoneyLineKind | null {
  const n = norm(name);
  if (!n) return null;
  if (n.includes('reserve')) return 'reserve';
  if (n.includes('reimburse')) return 'reimbursement';
  // Gift wrap is a charge of its own (its tax is tax); not the item's principal, so it is 'other', not its parent's kind.
  if (n.includes('giftwrap')) return n.includes('tax') ? 'tax' : 'other';
  if (n.includes('facilitator') || n.includes('withheld') || n.includes('withholding')) return 'withheld-tax';
  if (n.includes('commission') || n.includes('referral')) return 'referral-fee';
  if (n.includes('storage')) return 'storage-fee';
  if (n.includes('placement')) return 'placement-fee';
  if (n.includes('inboundtransport') || n.includes('partneredcarrier') || n.includes('transportation') || n.includes('inboundfreight')) return 'inbound-transport';
  if (n.includes('fba') || n.includes('fulfillmentfee') || n.includes('fulfilmentfee') || n.includes('pickandpack') || n.includes('weighthandling')) return 'fba-fee';
  if (n.includes('promotion') || n.includes('promo') || n.includes('coupon') || n.includes('discount')) return 'promotion';
  if (n.includes('shipping') && n.includes('tax')) return 'shipping-tax';
  if (n.includes('shipping') || n.includes('postage') || n.includes('delivery')) return 'shipping';
  if (n.includes('tax') || n.includes('vat') || n.includes('gst')) return 'tax';
  if (n.includes('principal') || n.includes('principle') || n === 'productcharges' || n === 'itemprice' || n === 'price') return 'principal';
  if (n.includes('transfer') || n.includes('disburse') || n.includes('payout')) return 'transfer';
  return null;
}

/**
 * A leaf's kind from its whole path: a tax inside a fee ("Commission/Tax") is part of what the fee costs; otherwise the
 * deepest recognised name wins. A refund turns what the buyer paid into refund-principal and the fees Amazon gives back
 * into refund-fee; a reimbursement transaction is a reimbursement whatever its lines are called.
 */
export function classifyPath(path: string[], transactionType: string): MoneyLineKind {
  const kinds = path.map(classifyName);
  const fee = [...kinds].reverse().find((k): k is MoneyLineKind => k !== null && FEE_KINDS.has(k));
  const deepest = [...kinds].reverse().find((k): k is MoneyLineKind => k !== null) ?? null;
  let kind: MoneyLineKind = fee ?? deepest ?? classifyName(transactionType) ?? 'other';
  const type = norm(transactionType);
  if (type.includes('reimburse') && kind !== 'tax' && kind !== 'withheld-tax') kind = 'reimbursement';
  if (type.includes('reserve')) kind = 'reserve';
  if ((type.includes('transfer') || type.includes('disburse') || type.includes('payout')) && kind === 'other') kind = 'transfer';
  if (type.includes('refund') || type.includes('chargeback') || type.includes('guarantee')) {
    if (kind === 'principal' || kind === 'shipping' || kind === 'promotion') kind = 'refund-principal';
    else if (FEE_KINDS.has(kind)) kind = 'refund-fee';
  }
  return kind;
}

interface RawLine {
  path: string[];
  amountMinor: number;
  sku: string | null;
  itemRef: string | null;
  quantity: number | null;
}

/** The leaves of a breakdown tree; where children do not add up to their parent, the rest is a line of the parent's. */
function leaves(nodes: SpBreakdown[], currency: string, parent: string[], into: RawLine[], item: Pick<RawLine, 'sku' | 'itemRef' | 'quantity'>): number {
  let sum = 0;
  for (const node of nodes) {
    const path = [...parent, node.breakdownType ?? ''];
    const own = node.breakdownAmount ? amountToMinor(node.breakdownAmount.currencyAmount, currency) : null;
    const children = node.breakdowns ?? [];
    if (children.length === 0) {
      if (own !== null && own !== 0) into.push({ path, amountMinor: own, ...item });
      sum += own ?? 0;
      continue;
    }
    const inner = leaves(children, currency, path, into, item);
    if (own !== null && own !== inner) into.push({ path, amountMinor: own - inner, ...item });
    sum += own ?? inner;
  }
  return sum;
}

const relatedId = (t: SpTransaction, name: string) => t.relatedIdentifiers?.find((r) => r.relatedIdentifierName === name)?.relatedIdentifierValue ?? null;

/** Amazon's model lets transactionId be absent: such a transaction is keyed by what identifies it, so a re-import matches. */
function transactionKey(t: SpTransaction): string {
  if (t.transactionId) return t.transactionId;
  const identity = JSON.stringify([t.transactionType, t.postedDate, t.totalAmount.currencyAmount, t.totalAmount.currencyCode, t.relatedIdentifiers ?? [], t.description ?? '']);
  return `sha1:${createHash('sha1').update(identity).digest('hex')}`;
}

/**
 * One Amazon transaction → its row and classified lines. Item breakdowns are preferred (they carry the SKU) when they add
 * up to the total; otherwise the transaction's own breakdowns; a remainder line makes the lines always sum to the total.
 */
export function mapTransaction(t: SpTransaction, storeId: number, importedAt: string): { row: TransactionRow; lines: TransactionLine[] } {
  const currency = t.totalAmount.currencyCode;
  const total = amountToMinor(t.totalAmount.currencyAmount, currency);
  const type = t.transactionType ?? 'Unknown';

  const itemLines: RawLine[] = [];
  let itemSum = 0;
  const skus = new Set<string>();
  for (const it of t.items ?? []) {
    const product = it.contexts?.find((c) => c.sku !== undefined || c.contextType === 'ProductContext');
    if (product?.sku) skus.add(product.sku);
    const ref = it.relatedIdentifiers?.find((r) => r.itemRelatedIdentifierValue)?.itemRelatedIdentifierValue ?? null;
    const meta = { sku: product?.sku ?? null, itemRef: ref, quantity: product?.quantityShipped ?? null };
    if (it.breakdowns?.length) itemSum += leaves(it.breakdowns, currency, [], itemLines, meta);
    else if (it.totalAmount) {
      const m = amountToMinor(it.totalAmount.currencyAmount, it.totalAmount.currencyCode);
      if (m !== 0) itemLines.push({ path: [it.description ?? ''], amountMinor: m, ...meta });
      itemSum += m;
    }
  }
  const onlySku = skus.size === 1 ? [...skus][0] ?? null : null;
  const txLines: RawLine[] = [];
  const txSum = leaves(t.breakdowns ?? [], currency, [], txLines, { sku: onlySku, itemRef: null, quantity: null });

  let raw: RawLine[];
  if (itemLines.length > 0 && itemSum === total) raw = itemLines;
  else if (txLines.length > 0 && txSum === total) raw = txLines;
  else raw = itemLines.length > 0 ? itemLines : txLines;
  const covered = raw.reduce((s, l) => s + l.amountMinor, 0);
  if (covered !== total) raw.push({ path: [type], amountMinor: total - covered, sku: onlySku, itemRef: null, quantity: null });

  return {
    row: {
      store_id: storeId,
      transaction_id: transactionKey(t),
      type,
      status: t.transactionStatus ?? null,
      posted_date: new Date(t.postedDate).toISOString(),
      marketplace_id: t.marketplaceDetails?.marketplaceId ?? t.sellingPartnerMetadata?.marketplaceId ?? null,
      order_id: relatedId(t, 'ORDER_ID'),
      group_id: relatedId(t, 'FINANCIAL_EVENT_GROUP_ID') ?? relatedId(t, 'SETTLEMENT_ID'),
      total_minor: total,
      currency,
      description: t.description?.slice(0, 300) ?? null,
      imported_at: importedAt,
    },
    lines: raw.map((l, i) => ({
      line_no: i + 1,
      kind: classifyPath(l.path, type),
      breakdown_path: l.path.join('/').slice(0, 300),
      amount_minor: l.amountMinor,
      currency,
      seller_sku: l.sku,
      item_ref: l.itemRef,
      quantity: l.quantity,
    })),
  };
}

const v0Minor = (a: { CurrencyCode?: string | undefined; CurrencyAmount?: number | undefined } | undefined) =>
  a?.CurrencyCode && a.CurrencyAmount !== undefined ? amountToMinor(a.CurrencyAmount, a.CurrencyCode) : null;
const iso = (t: string | undefined) => (t ? new Date(t).toISOString() : null);

export function mapGroup(g: SpFinancialEventGroup, storeId: number, syncedAt: string): GroupRow {
  return {
    store_id: storeId,
    group_id: g.FinancialEventGroupId,
    processing_status: g.ProcessingStatus ?? null,
    fund_transfer_status: g.FundTransferStatus ?? null,
    fund_transfer_date: iso(g.FundTransferDate),
    started_at: iso(g.FinancialEventGroupStart),
    ended_at: iso(g.FinancialEventGroupEnd),
    currency: g.OriginalTotal?.CurrencyCode ?? g.BeginningBalance?.CurrencyCode ?? null,
    opening_minor: v0Minor(g.BeginningBalance),
    total_minor: v0Minor(g.OriginalTotal),
    converted_currency: g.ConvertedTotal?.CurrencyCode ?? null,
    converted_total_minor: v0Minor(g.ConvertedTotal),
    synced_at: syncedAt,
  };
}
