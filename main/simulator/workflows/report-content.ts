import { MARKETPLACE_INFO } from '../marketplace-info';
import { marketplaceById, type Order, type OrderItem, type SimStore } from '../store';
import { conditionType, fulfillment, itemName, listingIssues, listingStatus, offerPrice } from './listing-view';
import type { Listing, ListingsBook } from './listings-model';

/**
 * The flat-file reports the simulator generates, with the column headers Seller Central's files carry. Values never
 * contain tabs or line breaks (they would shift columns for tab-splitting parsers, and Amazon strips them too).
 */
export interface ReportInput {
  store: SimStore;
  listings: ListingsBook;
  marketplaceIds: readonly string[];
  dataStartTime: Date;
  dataEndTime: Date;
}

export interface ReportTable {
  header: readonly string[];
  rows: string[][];
  /** The all-orders flat files come with CRLF line ends, the listings and inventory files with LF. */
  eol: '\n' | '\r\n';
}

type Generator = (input: ReportInput) => ReportTable;

const MERCHANT_LISTINGS_HEADER = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url', 'item-is-marketplace',
  'product-id-type', 'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1', 'zshop-browse-path', 'zshop-storefront-feature',
  'asin1', 'asin2', 'asin3', 'will-ship-internationally', 'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement',
  'add-delete', 'pending-quantity', 'fulfillment-channel', 'merchant-shipping-group', 'status',
] as const;

const MYI_HEADER = [
  'sku', 'fnsku', 'asin', 'product-name', 'condition', 'your-price', 'mfn-listing-exists', 'mfn-fulfillable-quantity', 'afn-listing-exists',
  'afn-warehouse-quantity', 'afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-total-quantity', 'per-unit-volume',
  'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity', 'afn-researching-quantity',
  'afn-reserved-future-supply', 'afn-future-supply-buyable',
] as const;

const ALL_ORDERS_HEADER = [
  'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel',
  'order-channel', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status', 'quantity', 'currency', 'item-price', 'item-tax',
  'shipping-price', 'shipping-tax', 'gift-wrap-price', 'gift-wrap-tax', 'item-promotion-discount', 'ship-promotion-discount', 'ship-city',
  'ship-state', 'ship-postal-code', 'ship-country', 'promotion-ids', 'is-business-order', 'purchase-order-number', 'price-designation', 'is-iba',
] as const;

/**
 * Listing and inventory reports describe one marketplace and have no marketplace column, so the first requested
 * marketplace is the one reported; the orders report covers all requested marketplaces (it names each in sales-channel).
 */
export const REPORT_GENERATORS: Readonly<Record<string, Generator>> = {
  GET_MERCHANT_LISTINGS_ALL_DATA: merchantListingsAll,
  GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: fbaManageInventory,
  GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: allOrdersByLastUpdate,
};

export function toTsv(table: ReportTable): string {
  const clean = (v: string) => v.replace(/[\t\r\n]+/g, ' ');
  return [table.header, ...table.rows].map((r) => r.map(clean).join('\t')).join(table.eol) + table.eol;
}

function merchantListingsAll({ store, listings, marketplaceIds }: ReportInput): ReportTable {
  const marketplaceId = marketplaceIds[0] ?? '';
  const fulfillable = new Map(store.inventorySummaries({ marketplaceId, details: true }).map((s) => [s.sellerSku, s.inventoryDetails?.fulfillableQuantity ?? 0]));
  const stock = (l: Listing) => fulfillable.get(l.sku) ?? 0;
  const rows = listings.inMarketplace(marketplaceId).map((l) => {
    const price = offerPrice(l);
    const f = fulfillment(l);
    const mfn = f.channel === 'DEFAULT';
    return [
      itemName(l) ?? '', '', l.listingId, l.sku, price?.amount ?? '', mfn ? String(f.quantity ?? 0) : '', sellerCentralTime(l.createdAt, marketplaceId), '', 'y',
      '1', '', '', conditionCode(conditionType(l)), '', '', '',
      l.asin, '', '', '', '', '', l.asin, '',
      '', '0', f.channel, mfn ? 'Migrated Template' : '', listingState(listingStatus(l, stock)),
    ];
  });
  return { header: MERCHANT_LISTINGS_HEADER, rows, eol: '\n' };
}

function fbaManageInventory({ store, listings, marketplaceIds }: ReportInput): ReportTable {
  const marketplaceId = marketplaceIds[0] ?? '';
  const rows: string[][] = [];
  for (const s of store.inventorySummaries({ marketplaceId, details: true })) {
    const listing = s.sellerSku ? listings.get(s.sellerSku, marketplaceId) : undefined;
    // Unsuppressed: FBA stock of a SKU the seller still lists (a deleted or suppressed listing's stock is elsewhere).
    if (!listing || listingIssues(listing).some((i) => i.severity === 'ERROR')) continue;
    const d = s.inventoryDetails ?? {};
    const fulfillable = d.fulfillableQuantity ?? 0;
    const unsellable = d.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0;
    const reserved = d.reservedQuantity?.totalReservedQuantity ?? 0;
    const researching = d.researchingQuantity?.totalResearchingQuantity ?? 0;
    const working = d.inboundWorkingQuantity ?? 0;
    const shipped = d.inboundShippedQuantity ?? 0;
    const receiving = d.inboundReceivingQuantity ?? 0;
    const warehouse = fulfillable + unsellable + reserved + researching;
    const f = fulfillment(listing);
    const mfn = f.channel === 'DEFAULT';
    rows.push([
      listing.sku, listing.fnsku, listing.asin, itemName(listing) ?? s.productName ?? '', 'New', offerPrice(listing)?.amount ?? '',
      mfn ? 'Yes' : 'No', mfn ? String(f.quantity ?? 0) : '', mfn ? 'No' : 'Yes',
      String(warehouse), String(fulfillable), String(unsellable), String(reserved), String(warehouse + working + shipped + receiving), unitVolume(listings, listing),
      String(working), String(shipped), String(receiving), String(researching), '0', '0',
    ]);
  }
  return { header: MYI_HEADER, rows, eol: '\n' };
}

function allOrdersByLastUpdate({ store, marketplaceIds, dataStartTime, dataEndTime }: ReportInput): ReportTable {
  const orders = store.searchOrders({ lastUpdatedAfter: dataStartTime, lastUpdatedBefore: dataEndTime, marketplaceIds: [...marketplaceIds] });
  const rows = orders.flatMap((o) => o.orderItems.map((item) => orderRow(o, item)));
  return { header: ALL_ORDERS_HEADER, rows, eol: '\r\n' };
}

function orderRow(o: Order, item: OrderItem): string[] {
  const m = marketplaceById(o.salesChannel.marketplaceId ?? '');
  const decimals = m?.currency.decimals ?? 2;
  // VAT markets show prices with tax included (item-tax is the VAT part); US/CA show them before sales tax.
  const taxIncluded = m?.taxIncluded ?? false;
  const net = new Map<string, number>();
  const tax = new Map<string, number>();
  for (const b of item.proceeds?.breakdowns ?? []) {
    if (b.type === 'TAX') for (const t of b.detailedBreakdowns ?? []) tax.set(t.subtype ?? '', toMinor(t.value?.amount, decimals));
    else net.set(b.type, toMinor(b.subtotal.amount, decimals));
  }
  const priced = item.proceeds !== undefined;
  const money = (category: string) => (priced ? fmt((net.get(category) ?? 0) + (taxIncluded ? (tax.get(category) ?? 0) : 0), decimals) : '');
  const taxOf = (category: string) => (priced ? fmt(tax.get(category) ?? 0, decimals) : '');
  const address = o.recipient?.deliveryAddress;
  const fulfilled = item.fulfillment?.quantityFulfilled ?? 0;
  const open = item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered - fulfilled;
  const itemStatus = fulfilled > 0 && open === 0 ? 'Shipped' : open === 0 ? 'Cancelled' : 'Unshipped';
  return [
    o.orderId, '', reportTime(o.createdTime), reportTime(o.lastUpdatedTime), ORDER_STATUS[o.fulfillment?.fulfillmentStatus ?? 'PENDING'] ?? 'Pending',
    o.fulfillment?.fulfilledBy === 'AMAZON' ? 'Amazon' : 'Merchant', o.salesChannel.marketplaceName ?? '', '', SERVICE_LEVEL[o.fulfillment?.fulfillmentServiceLevel ?? 'STANDARD'] ?? 'Standard',
    item.product.title ?? '', item.product.sellerSku ?? '', item.product.asin ?? '', itemStatus, String(item.quantityOrdered),
    item.product.price?.unitPrice?.currencyCode ?? m?.currency.code ?? '', money('ITEM'), taxOf('ITEM'), money('SHIPPING'), taxOf('SHIPPING'),
    money('GIFT_WRAP'), taxOf('GIFT_WRAP'), money('DISCOUNT'), '', address?.city ?? '', address?.stateOrRegion ?? '', address?.postalCode ?? '',
    address?.countryCode ?? '', (item.promotion?.breakdowns ?? []).map((p) => p.promotionId ?? '').filter(Boolean).join(','),
    o.buyer?.buyerCompanyName ? 'true' : 'false', o.buyer?.buyerPurchaseOrderNumber ?? '', item.product.price?.priceDesignation === 'BUSINESS_PRICE' ? 'BusinessPrice' : '', 'false',
  ];
}

const ORDER_STATUS: Record<string, string> = {
  PENDING_AVAILABILITY: 'Pending',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
  UNFULFILLABLE: 'Unfulfillable',
};

const SERVICE_LEVEL: Record<string, string> = {
  STANDARD: 'Standard',
  EXPEDITED: 'Expedited',
  FREE_ECONOMY: 'FreeEconomy',
  NEXT_DAY: 'NextDay',
  SECOND_DAY: 'SecondDay',
  PRIORITY: 'Priority',
  SAME_DAY: 'SameDay',
  SCHEDULED: 'Scheduled',
};

/** Seller Central's "Active" / "Inactive" (no stock) / "Incomplete" (suppressed by an error). */
function listingState(status: readonly string[]): string {
  if (status.length === 0) return 'Incomplete';
  return status.includes('BUYABLE') ? 'Active' : 'Inactive';
}

const CONDITION_CODES: Record<string, string> = {
  used_like_new: '1', used_very_good: '2', used_good: '3', used_acceptable: '4', collectible_like_new: '5', collectible_very_good: '6',
  collectible_good: '7', collectible_acceptable: '8', refurbished_refurbished: '10', new_new: '11', new_open_box: '11', new_oem: '11', club_club: '11',
};
const conditionCode = (c: string) => CONDITION_CODES[c] ?? '11';

/** Time zone Seller Central writes listing dates in, per site (standard time: the simulator ignores DST). */
const SITE_ZONES: Record<string, { label: string; offsetHours: number }> = {
  US: { label: 'PST', offsetHours: -8 },
  CA: { label: 'PST', offsetHours: -8 },
  MX: { label: 'PST', offsetHours: -8 },
  GB: { label: 'GMT', offsetHours: 0 },
  DE: { label: 'CET', offsetHours: 1 },
  FR: { label: 'CET', offsetHours: 1 },
  IT: { label: 'CET', offsetHours: 1 },
  ES: { label: 'CET', offsetHours: 1 },
  JP: { label: 'JST', offsetHours: 9 },
};

/** `2025-03-14 08:12:55 PST`, as the listings reports print open-date. */
export function sellerCentralTime(ms: number, marketplaceId: string): string {
  const zone = SITE_ZONES[MARKETPLACE_INFO[marketplaceId]?.countryCode ?? 'US'] ?? { label: 'UTC', offsetHours: 0 };
  const local = new Date(Math.floor(ms / 1000) * 1000 + zone.offsetHours * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${zone.label}`;
}

/** The orders flat files print ISO 8601 with an explicit offset: `2024-11-23T06:43:27+00:00`. */
function reportTime(iso: string): string {
  return `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** Cubic feet on the NA sites, cubic centimetres elsewhere, as the Manage FBA Inventory report shows per-unit-volume. */
function unitVolume(listings: ListingsBook, l: Listing): string {
  const dims = listings.catalogBySku(l.sku)?.dimensionsCm;
  if (!dims) return '';
  const cm3 = dims.length * dims.width * dims.height;
  return MARKETPLACE_INFO[l.marketplaceId]?.region === 'na' ? (cm3 / 28316.846592).toFixed(2) : cm3.toFixed(2);
}

function toMinor(amount: string | undefined, decimals: 0 | 2): number {
  if (!amount) return 0;
  const negative = amount.startsWith('-');
  const [whole = '0', frac = ''] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 10 ** decimals + Number((frac + '00').slice(0, decimals) || '0');
  return negative ? -minor : minor;
}

function fmt(minor: number, decimals: 0 | 2): string {
  if (decimals === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

