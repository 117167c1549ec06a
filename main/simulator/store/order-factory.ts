import { companyName, generateBuyer, otherRecipientName } from './addresses';
import { BUYER_CANCEL_REASONS, deliveryNote, dropOffLocation, giftMessage } from './buyer-text';
import type { SellerWarehouses } from './carriers';
import type { CatalogEntry } from './catalog';
import type { InventoryBook } from './inventory';
import type { MarketplaceInfo } from './marketplaces';
import { roundMinor } from './money';
import type { Channel, ItemRecord, OrderRecord, ServiceLevel } from './order-record';
import { Rng } from './random';
import type { SimEvent } from './sim-events';
import { DAY, HOUR, MINUTE, addBusinessDays, endOfLocalDay, localDayStart, roundToSecond } from './sim-time';

/**
 * Creates one new order at its arrival time and puts its future on the event queue: payment authorization,
 * Amazon's shipment of FBA orders, the occasional cancellation. All of its randomness comes from its own stream
 * (seed + order number), so orders never shift one another.
 */

export interface FactoryContext {
  seed: number;
  /** The store's start: FBM orders the seller would have shipped well before it are shipped in the backfill. */
  backfillEnd: number;
  listed: ReadonlyMap<string, readonly CatalogEntry[]>;
  inventory: InventoryBook;
  orderIds: Set<string>;
  itemIds: Set<string>;
  warehouses: SellerWarehouses;
  iossNumber: string;
  schedule(time: number, event: SimEvent): void;
}

/** FBM orders the seller would have shipped during the last three days before `start` are left for the app. */
export const SELLER_BACKLOG_MS = 3 * DAY;
const AFN_SHARE = 0.6;
const CANCEL_SHARE = 0.035;
const PREORDER_SHARE = 0.004;
const EUR_IOSS_LIMIT_MINOR = 15000;

const DELIVERY_DAYS: Readonly<Record<ServiceLevel, readonly [number, number]>> = {
  SAME_DAY: [0, 0],
  NEXT_DAY: [1, 1],
  SECOND_DAY: [2, 2],
  PRIORITY: [1, 2],
  EXPEDITED: [2, 3],
  STANDARD: [3, 5],
  FREE_ECONOMY: [5, 8],
  SCHEDULED: [2, 4],
};

const VAT_ID: Readonly<Record<string, (rng: Rng) => string>> = {
  GB: (r) => `GB${r.digits(9)}`,
  DE: (r) => `DE${r.int(1, 9)}${r.digits(8)}`,
  FR: (r) => `FR${r.digits(2)}${r.int(1, 9)}${r.digits(8)}`,
  IT: (r) => `IT${r.digits(11)}`,
  ES: (r) => `ES${r.pick(['A', 'B'])}${r.digits(8)}`,
};

function uniqueId(set: Set<string>, make: () => string): string {
  for (;;) {
    const id = make();
    if (!set.has(id)) {
      set.add(id);
      return id;
    }
  }
}

export function createOrder(ctx: FactoryContext, seq: number, t0: number, m: MarketplaceInfo): OrderRecord | undefined {
  const rng = Rng.derive(ctx.seed, 'order', seq);
  const listed = ctx.listed.get(m.id) ?? [];
  if (listed.length === 0) return undefined;

  const orderId = uniqueId(ctx.orderIds, () => `${rng.pick(m.orderIdPrefixes)}-${rng.digits(7)}-${rng.digits(7)}`);
  const preorder = rng.chance(PREORDER_SHARE);
  let channel: Channel = rng.chance(AFN_SHARE) ? 'AFN' : 'MFN';
  const lineCount = rng.weighted([[1, 70], [2, 20], [3, 7], [4, 3]] as const);

  // FBA lines can only be sold from stock on hand; with none left the seller's own warehouse takes the order.
  const stockOf = (e: CatalogEntry) => ctx.inventory.pool(e.item.sellerSku, m.id)?.fulfillable ?? 0;
  let candidates = channel === 'AFN' ? listed.filter((e) => stockOf(e) > 0) : [...listed];
  if (candidates.length === 0) {
    channel = 'MFN';
    candidates = [...listed];
  }
  const lines: { entry: CatalogEntry; quantity: number }[] = [];
  while (lines.length < lineCount && candidates.length > 0) {
    const entry = rng.weighted(candidates.map((e) => [e, e.popularity] as const));
    candidates = candidates.filter((e) => e !== entry);
    let quantity: number = rng.weighted([[1, 80], [2, 15], [3, 5]] as const);
    if (channel === 'AFN') quantity = Math.min(quantity, stockOf(entry));
    lines.push({ entry, quantity });
  }

  const buyer = generateBuyer(rng, m.countryCode);
  const business = !preorder && rng.chance(m.countryCode === 'MX' ? 0.02 : 0.06);
  const prime = channel === 'AFN' && rng.chance(0.7);
  const inStorePickup = m.countryCode === 'US' && channel === 'MFN' && !business && !preorder && rng.chance(0.015);
  const serviceLevel: ServiceLevel =
    channel === 'AFN'
      ? prime
        ? rng.weighted([['SAME_DAY', ['US', 'GB', 'DE', 'JP'].includes(m.countryCode) ? 8 : 0], ['NEXT_DAY', 35], ['SECOND_DAY', 45], ['STANDARD', 12]] as const)
        : rng.weighted([['STANDARD', 60], ['FREE_ECONOMY', 40]] as const)
      : inStorePickup
        ? 'STANDARD'
        : rng.weighted([['STANDARD', 90], ['EXPEDITED', 10]] as const);

  const fromUsWarehouse = channel === 'MFN' && m.countryCode === 'US' && (inStorePickup || rng.chance(0.3));
  const crossBorder = channel === 'MFN' && !fromUsWarehouse;
  const transitDays: readonly [number, number] = crossBorder
    ? serviceLevel === 'EXPEDITED' ? [4, 8] : [7, 15]
    : channel === 'MFN'
      ? serviceLevel === 'EXPEDITED' ? [1, 2] : [2, 5]
      : DELIVERY_DAYS[serviceLevel];

  const cvs = m.countryCode === 'JP' && !business && rng.chance(0.12);
  const cashOnDelivery = m.countryCode === 'JP' && channel === 'MFN' && !cvs && !inStorePickup && rng.chance(0.03);
  const paymentMethod = cvs ? 'ConvenienceStore' : cashOnDelivery ? 'CashOnDelivery' : business && rng.chance(0.3) ? 'Invoice' : 'CreditCard';
  const giftCardMinor = !cashOnDelivery && rng.chance(0.05) ? rng.int(5, 25) * 100 : 0;

  // --- Timeline. Pre-orders wait for the release date before payment authorization starts.
  const pendingStart = preorder ? roundToSecond(t0 + rng.real(3, 14) * DAY) : t0;
  const pendingFor = cvs
    ? rng.real(2 * HOUR, 3 * DAY) // paid at a konbini whenever the buyer gets round to it
    : rng.chance(0.03)
      ? rng.real(6 * HOUR, 30 * HOUR)
      : Math.min(75 * MINUTE, Math.max(40_000, rng.logNormal(6 * MINUTE, 2.5)));
  const authAt = roundToSecond(pendingStart + pendingFor);

  const tz = m.utcOffsetHours;
  const baseDay = localDayStart(pendingStart, tz);
  const shipByDay =
    channel === 'AFN'
      ? baseDay + (serviceLevel === 'SAME_DAY' || serviceLevel === 'NEXT_DAY' ? 0 : DAY)
      : addBusinessDays(baseDay, inStorePickup ? 1 : 2, tz);
  const shipBy = [pendingStart, endOfLocalDay(shipByDay)] as const;
  const deliverBy = [shipByDay + transitDays[0] * DAY, endOfLocalDay(shipByDay + transitDays[1] * DAY)] as const;

  // --- Address and buyer.
  const company = business ? companyName(rng, m.countryCode) : undefined;
  const address = { ...buyer.address };
  if (rng.chance(0.08) && !business) address.name = otherRecipientName(rng, m.countryCode);
  if (company && address.addressType !== 'PICKUP_POINT') {
    address.companyName = company;
    address.addressType = 'COMMERCIAL';
  }
  if (inStorePickup) {
    const store = ctx.warehouses.us;
    Object.assign(address, { companyName: store.name, addressLine1: store.addressLine1, city: store.city, stateOrRegion: store.stateOrRegion, postalCode: store.postalCode, addressType: 'COMMERCIAL' });
    if (store.addressLine2) address.addressLine2 = store.addressLine2;
    else delete address.addressLine2;
    delete address.addressLine3;
  }
  const deliveryPreference = !inStorePickup && rng.chance(0.1)
    ? { addressInstruction: deliveryNote(rng, buyer.language), ...(rng.chance(0.5) ? { dropOffLocation: dropOffLocation(rng, buyer.language) } : {}) }
    : undefined;

  // --- Lines and money.
  const taxRate = m.taxIncluded ? m.vatRate : buyer.salesTaxRate;
  const businessPrice = business && rng.chance(0.4);
  const chargesShipping = !prime && !inStorePickup && rng.chance(channel === 'MFN' ? 0.3 : 0.2);
  const gift = !business && rng.chance(0.045);
  const wrapped = gift && rng.chance(0.5);
  const items: ItemRecord[] = lines.map(({ entry, quantity }, index) => {
    const list = entry.priceMinor.get(m.id) ?? 0;
    const unitPriceMinor = businessPrice ? roundMinor(list * 0.95) : list;
    const promoted = rng.chance(0.1);
    const item: ItemRecord = {
      orderItemId: uniqueId(ctx.itemIds, () => `${rng.int(1, 9)}${rng.digits(13)}`),
      entry,
      title: entry.item.titles[m.id] ?? entry.item.title,
      quantity,
      unitPriceMinor,
      businessPrice,
      shippingMinor: chargesShipping && index === 0 ? m.shippingFeeMinor : 0,
      giftWrapMinor: wrapped && index === 0 ? m.giftWrapFeeMinor : 0,
      discountMinor: promoted ? roundMinor(unitPriceMinor * quantity * rng.pick([0.05, 0.1, 0.15, 0.2])) : 0,
      shipped: 0,
      cancelled: 0,
      readyForPickup: 0,
    };
    if (promoted) item.promotionId = `PLM-${rng.alnum(12)}`;
    if (gift && index === 0) item.giftMessage = giftMessage(rng, buyer.language);
    if (wrapped && index === 0) item.giftWrapLevel = 'Classic';
    if (m.countryCode === 'JP' && rng.chance(0.35)) item.points = Math.max(1, Math.floor((unitPriceMinor * quantity) / 100));
    return item;
  });

  const goodsMinor = items.reduce((n, i) => n + i.unitPriceMinor * i.quantity, 0);
  const ioss = m.euVat && crossBorder && goodsMinor <= EUR_IOSS_LIMIT_MINOR;
  const programs: string[] = [];
  if (prime) programs.push('PRIME');
  if (business) programs.push('AMAZON_BUSINESS');
  if (preorder) programs.push('PREORDER');
  if (inStorePickup) programs.push('IN_STORE_PICK_UP');

  const purchaseOrderNumber = business && rng.chance(0.5) ? rng.pick([`PO-${new Date(t0).getUTCFullYear()}-${rng.digits(5)}`, `4500${rng.digits(6)}`]) : undefined;
  const vatId = business ? VAT_ID[m.countryCode] : undefined;
  const order: OrderRecord = {
    seq,
    orderId,
    marketplace: m,
    createdAt: t0,
    lastUpdatedAt: t0,
    version: 0,
    channel,
    status: preorder ? 'PENDING_AVAILABILITY' : 'PENDING',
    programs,
    serviceLevel,
    ...(company ? { business: { companyName: company, ...(purchaseOrderNumber ? { purchaseOrderNumber } : {}), ...(vatId ? { vatNumber: vatId(rng) } : {}) } } : {}),
    buyerName: buyer.name,
    buyerEmail: `${rng.alnum(15, 'abcdefghijklmnopqrstuvwxyz0123456789')}@${m.buyerEmailDomain}`,
    buyerLanguage: buyer.language,
    address,
    ...(deliveryPreference ? { deliveryPreference } : {}),
    shipBy,
    deliverBy,
    items,
    packages: [],
    phoneSuppressed: false,
    paymentMethod,
    giftCardMinor,
    taxRate,
    ...(m.euVat && channel === 'AFN' ? { reportingScheme: 'UOSS' as const } : {}),
    ...(ioss ? { reportingScheme: 'IOSS' as const, iossNumber: ctx.iossNumber } : {}),
    cashOnDelivery,
    ...(channel === 'MFN' ? { shipFrom: fromUsWarehouse ? ctx.warehouses.us : ctx.warehouses.china } : {}),
    transitDays,
    crossBorder,
    inStorePickup,
  };

  if (channel === 'AFN') {
    for (const item of items) {
      const pool = ctx.inventory.pool(item.entry.item.sellerSku, m.id);
      if (pool) ctx.inventory.reserve(pool, item.quantity, t0);
    }
  }

  // --- Future events.
  if (preorder) ctx.schedule(pendingStart, { kind: 'release', order });
  ctx.schedule(authAt, { kind: 'authorize', order });

  const afnShipAt = (() => {
    const hours = { SAME_DAY: [1, 3], NEXT_DAY: [2, 8], SECOND_DAY: [3, 20] }[serviceLevel as string] ?? [6, 40];
    const planned = authAt + rng.real(hours[0] ?? 6, hours[1] ?? 40) * HOUR;
    return roundToSecond(planned <= shipBy[1] ? planned : Math.max(authAt + 30 * MINUTE, shipBy[1] - rng.real(0, 2) * HOUR));
  })();
  if (channel === 'AFN') ctx.schedule(afnShipAt, { kind: 'afnShip', order });

  if (rng.chance(CANCEL_SHARE)) {
    const beforeAuthorization = rng.chance(0.45);
    if (beforeAuthorization) {
      const paymentFailed = rng.chance(0.5);
      ctx.schedule(roundToSecond(pendingStart + (authAt - pendingStart) * rng.real(0.2, 0.9)), {
        kind: 'cancel',
        order,
        requestedByBuyer: !paymentFailed,
        cancelledBy: paymentFailed ? 'AMAZON' : 'BUYER',
        reason: paymentFailed ? 'Payment authorization failed' : rng.pick(BUYER_CANCEL_REASONS),
      });
    } else {
      const at = channel === 'AFN' ? authAt + (afnShipAt - authAt) * rng.real(0.1, 0.8) : authAt + rng.real(0.5, 30) * HOUR;
      ctx.schedule(roundToSecond(at), { kind: 'cancel', order, requestedByBuyer: true, cancelledBy: channel === 'AFN' ? 'AMAZON' : 'MERCHANT', reason: rng.pick(BUYER_CANCEL_REASONS) });
    }
  }

  if (channel === 'MFN') {
    const plannedShip = roundToSecond(authAt + Math.min(4 * DAY, Math.max(2 * HOUR, rng.logNormal(18 * HOUR, 1.8))));
    const straggler = rng.chance(0.03);
    const cutoff = ctx.backfillEnd - SELLER_BACKLOG_MS;
    if (!straggler && plannedShip <= cutoff) {
      const units = items.reduce((n, i) => n + i.quantity, 0);
      if (units >= 2 && !inStorePickup && rng.chance(0.12)) {
        ctx.schedule(plannedShip, { kind: 'sellerShip', order, part: 'first' });
        const second = roundToSecond(plannedShip + rng.real(1, 3) * DAY);
        if (second <= cutoff) ctx.schedule(second, { kind: 'sellerShip', order, part: 'rest' });
      } else {
        ctx.schedule(plannedShip, { kind: 'sellerShip', order, part: 'all' });
      }
    }
  }
  return order;
}
