import { decimalToMinor } from '../../../shared/money';
import type { OrderItemRow, OrderPackageRow, OrderRow } from '../../db/repositories/orders.repo';
import type { SpOrder } from '../../spapi/schemas/orders';
import type { SecretBox } from '../../spapi/secret-box';

/** The PII Amazon sends with an order: sealed as a whole, never in a plain column, never logged. */
export interface OrderPii {
  buyer: Record<string, unknown> | null;
  recipient: Record<string, unknown> | null;
}

const iso = (t: string | undefined | null) => (t ? new Date(t).toISOString() : null);
const minor = (m: { amount: string; currencyCode: string } | undefined) => (m ? decimalToMinor(m.amount, m.currencyCode) : null);

/** Amazon reports what is still open, not what was cancelled: the rest of the line once shipped and open units are counted. */
function cancelledUnits(i: SpOrder['orderItems'][number]): number {
  const open = i.fulfillment?.quantityUnfulfilled;
  if (open === undefined) return 0;
  return Math.max(0, i.quantityOrdered - (i.fulfillment?.quantityFulfilled ?? 0) - open);
}

export function mapOrder(o: SpOrder, storeId: number, seal: SecretBox, syncedAt: string, piiPurged: boolean): { order: OrderRow; items: OrderItemRow[]; packages: OrderPackageRow[] } {
  const grand = o.proceeds?.grandTotal;
  const currency = grand?.currencyCode ?? o.orderItems.find((i) => i.product.price?.unitPrice)?.product.price?.unitPrice?.currencyCode ?? null;
  const address = o.recipient?.deliveryAddress;
  // Once purged, an order stays purged even if Amazon mentions it again (a late update of an old order).
  const buyer = !piiPurged && o.buyer ? o.buyer : null;
  const recipient = !piiPurged && o.recipient ? o.recipient : null;
  return {
    order: {
      id: o.orderId,
      store_id: storeId,
      marketplace_id: o.salesChannel.marketplaceId ?? '',
      status: o.fulfillment?.fulfillmentStatus ?? 'PENDING',
      fulfilled_by: o.fulfillment?.fulfilledBy ?? null,
      service_level: o.fulfillment?.fulfillmentServiceLevel ?? null,
      created_time: iso(o.createdTime) as string,
      last_updated_time: iso(o.lastUpdatedTime) as string,
      ship_by_latest: iso(o.fulfillment?.shipByWindow?.latestDateTime),
      deliver_by_latest: iso(o.fulfillment?.deliverByWindow?.latestDateTime),
      programs_json: o.programs?.length ? JSON.stringify(o.programs) : null,
      currency,
      grand_total_minor: minor(grand),
      ship_country: address?.countryCode ?? null,
      buyer_enc: buyer ? seal.encrypt(JSON.stringify(buyer)) : null,
      recipient_enc: recipient ? seal.encrypt(JSON.stringify(recipient)) : null,
      pii_purged_at: null,
      synced_at: syncedAt,
    },
    items: o.orderItems.map((i) => ({
      order_id: o.orderId,
      order_item_id: i.orderItemId,
      seller_sku: i.product.sellerSku ?? null,
      asin: i.product.asin ?? null,
      title: i.product.title ?? null,
      quantity_ordered: i.quantityOrdered,
      quantity_shipped: i.fulfillment?.quantityFulfilled ?? 0,
      quantity_cancelled: cancelledUnits(i),
      unit_price_minor: minor(i.product.price?.unitPrice),
      proceeds_minor: minor(i.proceeds?.proceedsTotal),
      currency: i.product.price?.unitPrice?.currencyCode ?? i.proceeds?.proceedsTotal?.currencyCode ?? currency,
    })),
    packages: (o.packages ?? []).map((p) => ({
      order_id: o.orderId,
      package_reference_id: p.packageReferenceId,
      carrier: p.carrier ?? null,
      tracking_number: p.trackingNumber ?? null,
      ship_time: iso(p.shipTime),
    })),
  };
}

export function unsealPii(row: Pick<OrderRow, 'buyer_enc' | 'recipient_enc'>, seal: SecretBox): OrderPii {
  return {
    buyer: row.buyer_enc ? (JSON.parse(seal.decrypt(row.buyer_enc)) as Record<string, unknown>) : null,
    recipient: row.recipient_enc ? (JSON.parse(seal.decrypt(row.recipient_enc)) as Record<string, unknown>) : null,
  };
}

/**
 * The names an order can be searched by (the buyer's and the recipient's, often different people for a gift). Only
 * their keyed hashes are stored: see main/services/orders/search-tokens.ts.
 */
export function searchableNames(pii: OrderPii): string[] {
  const address = pii.recipient?.deliveryAddress;
  const names: unknown[] = [pii.buyer?.buyerName, typeof address === 'object' && address !== null ? (address as Record<string, unknown>).name : undefined];
  return names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}
