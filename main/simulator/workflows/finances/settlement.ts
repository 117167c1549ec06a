import { createHash } from 'node:crypto';
import { marketplaceById } from '../../store/marketplaces';
import { formatMinor } from '../../store/money';
import { HOUR } from '../../store/sim-time';
import type { SettlementGroup } from './groups';
import type { FinanceEvent, FinanceLine } from './model';

/**
 * The V2 settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2) Amazon writes for each closed settlement
 * period: a summary row with the payout, then one row per amount, which add up to the payout to the minor unit.
 */

export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/** Amazon generates the report a few hours after the period closes. */
const GENERATED_AFTER_MS = 3 * HOUR;

export const SETTLEMENT_HEADER = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased',
  'promotion-id',
] as const;

export interface SettlementReport {
  reportId: string;
  reportDocumentId: string;
  marketplaceIds: string[];
  createdAt: number;
  group: SettlementGroup;
}

export function settlementReports(groups: readonly SettlementGroup[], opts: { seed: number; sellerId: string; marketplaceIds: readonly string[]; now: number }): SettlementReport[] {
  return groups
    .filter((g) => !g.open && g.end + GENERATED_AFTER_MS <= opts.now)
    .map((g) => {
      const h = createHash('sha256').update(`settlement-report|${opts.seed}|${opts.sellerId}|${g.groupId}`).digest('hex');
      return {
        reportId: String(70_000_000_000 + (parseInt(h.slice(0, 8), 16) % 9_000_000_000)),
        reportDocumentId: `amzn1.spdoc.1.4.na.${h.slice(8, 16)}-${h.slice(16, 20)}-4${h.slice(21, 24)}-8${h.slice(25, 28)}-${h.slice(28, 40)}.T${h.slice(40, 54).toUpperCase()}.${1000 + (parseInt(h.slice(54, 58), 16) % 9000)}`,
        marketplaceIds: opts.marketplaceIds.filter((id) => marketplaceById(id)?.currency.code === g.currency.code),
        createdAt: g.end + GENERATED_AFTER_MS,
        group: g,
      };
    });
}

/** `2026-11-05T00:00:00+00:00`, as the V2 flat file prints dates. */
const fileTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

const TRANSACTION_TYPES: Record<FinanceEvent['kind'], string> = {
  Shipment: 'Order',
  Refund: 'Refund',
  Reimbursement: 'other-transaction',
  StorageFee: 'other-transaction',
  InboundPlacementFee: 'other-transaction',
  InboundTransportFee: 'other-transaction',
  Reserve: 'other-transaction',
};

function amountType(e: FinanceEvent, l: FinanceLine): [string, string] {
  switch (l.kind) {
    case 'charge':
      return ['ItemPrice', l.type === 'ShippingCharge' ? 'Shipping' : l.type];
    case 'promotion':
      return ['Promotion', 'Principal'];
    case 'fee':
      if (e.kind === 'StorageFee') return ['other-transaction', 'Storage Fee'];
      if (e.kind === 'InboundPlacementFee' || e.kind === 'InboundTransportFee') return ['other-transaction', e.description];
      return ['ItemFees', l.type === 'FBAPerUnitFulfillmentFee' ? 'FBAPerUnitFulfillmentFee' : l.type];
    case 'withheld':
      return ['ItemWithheldTax', l.type];
    default:
      if (e.kind === 'Reimbursement') return ['FBA Inventory Reimbursement', (e.reason ?? 'WAREHOUSE_LOST').toUpperCase()];
      return ['other-transaction', e.description];
  }
}

export function settlementRows(report: SettlementReport): string[][] {
  const g = report.group;
  const money = (minor: number) => formatMinor(minor, g.currency.decimals);
  const rows: string[][] = [
    [g.settlementId, fileTime(g.start), fileTime(g.end), fileTime(g.fundTransferAt ?? g.end), money(g.totalMinor), g.currency.code, ...Array<string>(18).fill('')],
  ];
  const row = (fields: Partial<Record<(typeof SETTLEMENT_HEADER)[number], string>>) => SETTLEMENT_HEADER.map((h) => (h === 'settlement-id' ? g.settlementId : (fields[h] ?? '')));
  if (g.beginningMinor !== 0) {
    rows.push(row({ 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': 'Previous Reserve Amount Balance', amount: money(g.beginningMinor), 'posted-date': fileTime(g.start).slice(0, 10), 'posted-date-time': fileTime(g.start) }));
  }
  for (const e of g.events) {
    const marketplace = marketplaceById(e.marketplaceId ?? '')?.name ?? '';
    for (const item of e.items) {
      for (const l of item.lines) {
        const [type, description] = amountType(e, l);
        rows.push(row({
          'transaction-type': TRANSACTION_TYPES[e.kind],
          'order-id': e.orderId ?? '',
          'adjustment-id': e.kind === 'Refund' || e.kind === 'Reimbursement' ? (e.reference ?? '') : '',
          'shipment-id': e.kind === 'Shipment' ? (e.reference ?? '') : '',
          'marketplace-name': marketplace,
          'amount-type': type,
          'amount-description': description,
          amount: money(l.minor),
          'fulfillment-id': e.fulfillment ?? '',
          'posted-date': fileTime(e.postedAt).slice(0, 10),
          'posted-date-time': fileTime(e.postedAt),
          'order-item-code': item.orderItemId ?? '',
          sku: item.sku ?? '',
          'quantity-purchased': e.kind === 'Shipment' && l.kind === 'charge' && l.type === 'Principal' ? String(item.quantity) : '',
          'promotion-id': l.promotionId ?? '',
        }));
      }
    }
  }
  return rows;
}
