import type { AddressRecord, BuyerLanguage } from './addresses';
import type { CatalogEntry } from './catalog';
import type { MarketplaceInfo } from './marketplaces';
import type { FulfillmentStatus, ItemCancellation, MerchantAddress, OrderFulfillment } from './orders-api-types';

/**
 * The store's own state of an order. The API `Order` is derived from it (order-view.ts), so every change must go
 * through `touch()` to move `lastUpdatedAt`: an incremental sync only sees what moves that timestamp.
 */

export type Channel = 'AFN' | 'MFN';
export type ServiceLevel = NonNullable<OrderFulfillment['fulfillmentServiceLevel']>;

export interface PackageRecord {
  packageReferenceId: string;
  createdAt: number;
  shipAt: number;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  items: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
  status: 'SHIPPED' | 'DELIVERED';
  detailedStatus: string;
  shipFrom: MerchantAddress;
  /** The confirmShipment request that created it, canonicalised, so that an identical retry is recognised. */
  fingerprint: string;
}

export interface ItemRecord {
  orderItemId: string;
  entry: CatalogEntry;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  businessPrice: boolean;
  shippingMinor: number;
  giftWrapMinor: number;
  /** Positive amount taken off the line by a promotion. */
  discountMinor: number;
  promotionId?: string;
  giftMessage?: string;
  giftWrapLevel?: string;
  /** Amazon points granted (JP only). */
  points?: number;
  shipped: number;
  cancelled: number;
  readyForPickup: number;
  cancellation?: ItemCancellation;
}

export interface OrderRecord {
  seq: number;
  orderId: string;
  marketplace: MarketplaceInfo;
  createdAt: number;
  lastUpdatedAt: number;
  /** Bumped on every change; keys the cached API view. */
  version: number;
  channel: Channel;
  status: FulfillmentStatus;
  programs: string[];
  serviceLevel: ServiceLevel;
  business?: { companyName: string; purchaseOrderNumber?: string; vatNumber?: string };
  buyerName: string;
  buyerEmail: string;
  buyerLanguage: BuyerLanguage;
  address: AddressRecord;
  deliveryPreference?: { dropOffLocation?: string; addressInstruction?: string };
  shipBy: readonly [number, number];
  deliverBy: readonly [number, number];
  items: ItemRecord[];
  packages: PackageRecord[];
  /** Set when payment was authorized (the order reached UNSHIPPED). */
  authorizedAt?: number;
  phoneSuppressed: boolean;
  paymentMethod: string;
  /** Part paid with an Amazon gift card, in minor units. */
  giftCardMinor: number;
  taxRate: number;
  reportingScheme?: 'UOSS' | 'IOSS';
  iossNumber?: string;
  cashOnDelivery: boolean;
  /** Where the seller ships merchant-fulfilled parcels from. */
  shipFrom?: MerchantAddress;
  /** Transit days of the seller's usual carrier for this destination. */
  transitDays: readonly [number, number];
  crossBorder: boolean;
  inStorePickup: boolean;
}

export function touch(order: OrderRecord, time: number): void {
  order.lastUpdatedAt = Math.max(order.lastUpdatedAt, time);
  order.version++;
}

export function remaining(item: ItemRecord): number {
  return item.quantity - item.shipped - item.cancelled;
}

/** Status of an order that has left PENDING, from what was shipped and cancelled of each line. */
export function derivedStatus(order: OrderRecord): FulfillmentStatus {
  const shipped = order.items.reduce((n, i) => n + i.shipped, 0);
  const open = order.items.reduce((n, i) => n + remaining(i), 0);
  if (open === 0) return shipped > 0 ? 'SHIPPED' : 'CANCELLED';
  return shipped > 0 ? 'PARTIALLY_SHIPPED' : 'UNSHIPPED';
}

export const OPEN_STATUSES: ReadonlySet<FulfillmentStatus> = new Set(['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED']);
export const ADDRESS_STATUSES: ReadonlySet<FulfillmentStatus> = new Set(['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED']);
