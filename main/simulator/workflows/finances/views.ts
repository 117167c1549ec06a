import { marketplaceById } from '../../store/marketplaces';
import { isoTime } from '../../store/sim-time';
import type { SettlementGroup } from './groups';
import { eventTotal, toAmount, type FinanceEvent, type FinanceItem, type FinanceLine } from './model';

/** Renders ledger events in the shapes of Finances v0 and Finances 2024-06-19. */

type Json = Record<string, unknown>;

const cur = (minor: number, e: Pick<FinanceEvent, 'currency'>) => ({ CurrencyCode: e.currency.code, CurrencyAmount: toAmount(minor, e.currency) });
const cur2024 = (minor: number, e: Pick<FinanceEvent, 'currency'>) => ({ currencyCode: e.currency.code, currencyAmount: toAmount(minor, e.currency) });

export interface V0Events {
  ShipmentEventList: Json[];
  RefundEventList: Json[];
  ServiceFeeEventList: Json[];
  AdjustmentEventList: Json[];
}

export function v0Events(events: readonly FinanceEvent[]): V0Events {
  const out: V0Events = { ShipmentEventList: [], RefundEventList: [], ServiceFeeEventList: [], AdjustmentEventList: [] };
  for (const e of events) {
    switch (e.kind) {
      case 'Shipment':
        out.ShipmentEventList.push(shipmentEvent(e, false));
        break;
      case 'Refund':
        out.RefundEventList.push(shipmentEvent(e, true));
        break;
      case 'Reimbursement':
      case 'Reserve':
        out.AdjustmentEventList.push({
          AdjustmentType: e.kind === 'Reserve' ? 'ReserveEvent' : 'FBAInventoryReimbursement',
          PostedDate: isoTime(e.postedAt),
          AdjustmentAmount: cur(eventTotal(e), e),
          ...(e.kind === 'Reimbursement'
            ? {
                AdjustmentItemList: e.items.map((i) => ({
                  Quantity: String(i.quantity),
                  PerUnitAmount: cur(Math.round(sum(i.lines) / Math.max(1, i.quantity)), e),
                  TotalAmount: cur(sum(i.lines), e),
                  SellerSKU: i.sku ?? '',
                  FnSKU: i.fnsku ?? '',
                  ProductDescription: i.title ?? '',
                  ASIN: i.asin ?? '',
                  TransactionNumber: e.reference ?? '',
                })),
              }
            : {}),
        });
        break;
      default:
        // v0 has no posted date on service fees; one event per charged SKU, as Amazon lists storage fees.
        for (const i of e.items) {
          out.ServiceFeeEventList.push({
            FeeReason: i.lines[0]?.type ?? e.description,
            FeeList: i.lines.map((l) => ({ FeeType: l.type, FeeAmount: cur(l.minor, e) })),
            ...(i.sku ? { SellerSKU: i.sku } : {}),
            ...(i.fnsku ? { FnSKU: i.fnsku } : {}),
            ...(i.asin ? { ASIN: i.asin } : {}),
            FeeDescription: `${e.description}${e.reason ? ` (${e.reason})` : ''}`,
          });
        }
    }
  }
  return out;
}

function shipmentEvent(e: FinanceEvent, refund: boolean): Json {
  const m = marketplaceById(e.marketplaceId ?? '');
  const suffix = refund ? 'Adjustment' : '';
  return {
    AmazonOrderId: e.orderId ?? '',
    MarketplaceName: m?.name ?? '',
    PostedDate: isoTime(e.postedAt),
    [`ShipmentItem${refund ? 'Adjustment' : ''}List`]: e.items.map((i) => {
      const withheld = i.lines.filter((l) => l.kind === 'withheld');
      return {
        SellerSKU: i.sku ?? '',
        OrderItemId: i.orderItemId ?? '',
        ...(refund && e.reference ? { OrderAdjustmentItemId: `${e.reference}${(i.orderItemId ?? '').slice(-4)}` } : {}),
        QuantityShipped: i.quantity,
        [`ItemCharge${suffix}List`]: i.lines.filter((l) => l.kind === 'charge').map((l) => ({ ChargeType: l.type, ChargeAmount: cur(l.minor, e) })),
        [`ItemFee${suffix}List`]: i.lines.filter((l) => l.kind === 'fee').map((l) => ({ FeeType: l.type, FeeAmount: cur(l.minor, e) })),
        [`Promotion${suffix}List`]: i.lines.filter((l) => l.kind === 'promotion').map((l) => ({ PromotionType: 'PromotionMetaDataDefinitionValue', PromotionId: l.promotionId ?? '', PromotionAmount: cur(l.minor, e) })),
        ...(withheld.length > 0 ? { ItemTaxWithheldList: [{ TaxCollectionModel: 'MarketplaceFacilitator', TaxesWithheld: withheld.map((l) => ({ ChargeType: l.type, ChargeAmount: cur(l.minor, e) })) }] } : {}),
      };
    }),
  };
}

/** How many v0 list entries an event makes (a service fee event per SKU), for MaxResultsPerPage. */
export function v0Size(e: FinanceEvent): number {
  return e.kind === 'StorageFee' || e.kind === 'InboundPlacementFee' || e.kind === 'InboundTransportFee' ? e.items.length : 1;
}

export function v0Group(g: SettlementGroup): Json {
  const c = { currency: g.currency };
  return {
    FinancialEventGroupId: g.groupId,
    ProcessingStatus: g.open ? 'Open' : 'Closed',
    FundTransferStatus: g.open ? 'Unknown' : 'Succeeded',
    OriginalTotal: cur(g.totalMinor, c),
    ...(g.open ? {} : { ConvertedTotal: cur(g.totalMinor, c), FundTransferDate: isoTime(g.fundTransferAt ?? g.end), TraceId: `${g.settlementId}TR`, AccountTail: '042' }),
    BeginningBalance: cur(g.beginningMinor, c),
    FinancialEventGroupStart: isoTime(g.start),
    ...(g.open ? {} : { FinancialEventGroupEnd: isoTime(g.end) }),
  };
}

// ------------------------------------------------------------------ 2024-06-19

const TRANSACTION_TYPES: Record<FinanceEvent['kind'], string> = {
  Shipment: 'Shipment',
  Refund: 'Refund',
  Reimbursement: 'Adjustment',
  StorageFee: 'ServiceFee',
  InboundPlacementFee: 'ServiceFee',
  InboundTransportFee: 'ServiceFee',
  Reserve: 'Adjustment',
};

/** Top-level breakdown names per line kind, as Seller Central's transaction view groups them. */
const BREAKDOWN_GROUPS: Record<FinanceLine['kind'], string> = {
  charge: 'ProductCharges',
  promotion: 'Promotion',
  fee: 'AmazonFees',
  withheld: 'TaxWithheld',
  other: 'Other',
};

function breakdowns(lines: readonly FinanceLine[], e: FinanceEvent): Json[] {
  const groups = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const name = BREAKDOWN_GROUPS[l.kind];
    const g = groups.get(name) ?? new Map<string, number>();
    g.set(l.type, (g.get(l.type) ?? 0) + l.minor);
    groups.set(name, g);
  }
  return [...groups].map(([name, g]) => ({
    breakdownType: name,
    breakdownAmount: cur2024([...g.values()].reduce((a, b) => a + b, 0), e),
    breakdowns: [...g].map(([type, minor]) => ({ breakdownType: type, breakdownAmount: cur2024(minor, e), breakdowns: [] })),
  }));
}

export function transaction(e: FinanceEvent, ids: { transactionId: string; groupId?: string; sellerId: string }): Json {
  const m = marketplaceById(e.marketplaceId ?? '');
  const related: Json[] = [];
  if (e.orderId) related.push({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: e.orderId });
  if (e.kind === 'Shipment' && e.reference) related.push({ relatedIdentifierName: 'SHIPMENT_ID', relatedIdentifierValue: e.reference });
  if (e.kind === 'Refund' && e.reference) related.push({ relatedIdentifierName: 'REFUND_ID', relatedIdentifierValue: e.reference });
  if (ids.groupId) related.push({ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: ids.groupId });
  const all = e.items.flatMap((i) => i.lines);
  return {
    sellingPartnerMetadata: { sellingPartnerId: ids.sellerId, accountType: 'PAYABLE', ...(e.marketplaceId ? { marketplaceId: e.marketplaceId } : {}) },
    relatedIdentifiers: related,
    transactionType: TRANSACTION_TYPES[e.kind],
    transactionId: ids.transactionId,
    transactionStatus: 'RELEASED',
    description: e.description,
    postedDate: isoTime(e.postedAt),
    totalAmount: cur2024(eventTotal(e), e),
    ...(m ? { marketplaceDetails: { marketplaceId: m.id, marketplaceName: m.name } } : {}),
    items: e.items.map((i) => item(i, e)),
    ...(e.fulfillment ? { contexts: [{ contextType: 'AmazonPayContext', channel: e.fulfillment }] } : {}),
    breakdowns: breakdowns(all, e),
  };
}

function item(i: FinanceItem, e: FinanceEvent): Json {
  return {
    description: i.title ?? e.description,
    ...(i.orderItemId ? { relatedIdentifiers: [{ itemRelatedIdentifierName: 'TRANSACTION_ID', itemRelatedIdentifierValue: i.orderItemId }] } : {}),
    totalAmount: cur2024(sum(i.lines), e),
    breakdowns: breakdowns(i.lines, e),
    ...(i.sku ? { contexts: [{ contextType: 'ProductContext', ...(i.asin ? { asin: i.asin } : {}), sku: i.sku, quantityShipped: i.quantity, ...(e.fulfillment ? { fulfillmentNetwork: e.fulfillment } : {}) }] } : {}),
  };
}

const sum = (lines: readonly FinanceLine[]) => lines.reduce((n, l) => n + l.minor, 0);
