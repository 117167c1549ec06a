import type { SimCatalogItem } from '../../store/catalog';
import type { MarketplaceInfo } from '../../store/marketplaces';
import { roundMinor } from '../../store/money';
import type { Order, OrderItem } from '../../store/orders-api-types';
import { fbaFee, referralFee, refundAdminFee } from './fees';
import { parseMinor, type FinanceEvent, type FinanceItem, type FinanceLine } from './model';

/**
 * Shipment events of one order: one per package for merchant-fulfilled orders (posted when the seller confirms it),
 * one for the whole order when Amazon ships it from FBA. Each part's money is the item's proceeds prorated by units
 * shipped cumulatively, so the parts of a partly shipped line add up to the order's proceeds exactly.
 */

interface ItemTotals {
  /** What the buyer paid per category, as the Finances API splits it (ChargeType → minor units). */
  charges: Map<string, number>;
  promotion: number;
  promotionId?: string;
  /** Tax included in the price (VAT markets) or added to it (US/CA), by the charge it belongs to. */
  taxByCharge: Map<string, number>;
  billable: number;
}

/** Charge types whose tax Amazon withholds as marketplace facilitator, and the withheld line's name. */
const WITHHELD: Readonly<Record<string, string>> = {
  Tax: 'MarketplaceFacilitatorTax-Principal',
  ShippingTax: 'MarketplaceFacilitatorTax-Shipping',
  GiftWrapTax: 'MarketplaceFacilitatorTax-Other',
};

export interface ShipmentPart {
  id: string;
  postedAt: number;
  reference: string;
  /** orderItemId → units in this part. */
  units: Map<string, number>;
}

export function withholdsTax(m: MarketplaceInfo): boolean {
  return m.taxCollector !== undefined && !m.taxIncluded;
}

function itemTotals(item: OrderItem, m: MarketplaceInfo): ItemTotals {
  const net = new Map<string, number>();
  const tax = new Map<string, number>();
  for (const b of item.proceeds?.breakdowns ?? []) {
    if (b.type === 'TAX') for (const t of b.detailedBreakdowns ?? []) tax.set(t.subtype ?? '', parseMinor(t.value?.amount, m.currency));
    else net.set(b.type, parseMinor(b.subtotal.amount, m.currency));
  }
  const charges = new Map<string, number>();
  const taxByCharge = new Map<string, number>();
  const add = (type: string, minor: number) => {
    if (minor !== 0 || type === 'Principal') charges.set(type, (charges.get(type) ?? 0) + minor);
  };
  const itemTax = (tax.get('ITEM') ?? 0) + (tax.get('DISCOUNT') ?? 0);
  let promotion = net.get('DISCOUNT') ?? 0;
  if (m.taxIncluded) {
    // VAT markets: the buyer's price includes VAT and so does the Principal the seller is credited with.
    add('Principal', (net.get('ITEM') ?? 0) + (tax.get('ITEM') ?? 0));
    add('ShippingCharge', (net.get('SHIPPING') ?? 0) + (tax.get('SHIPPING') ?? 0));
    add('GiftWrap', (net.get('GIFT_WRAP') ?? 0) + (tax.get('GIFT_WRAP') ?? 0));
    promotion += tax.get('DISCOUNT') ?? 0;
  } else {
    add('Principal', net.get('ITEM') ?? 0);
    add('Tax', itemTax);
    add('ShippingCharge', net.get('SHIPPING') ?? 0);
    add('ShippingTax', tax.get('SHIPPING') ?? 0);
    add('GiftWrap', net.get('GIFT_WRAP') ?? 0);
    add('GiftWrapTax', tax.get('GIFT_WRAP') ?? 0);
    for (const t of ['Tax', 'ShippingTax', 'GiftWrapTax']) taxByCharge.set(t, charges.get(t) ?? 0);
  }
  const promotionId = item.promotion?.breakdowns?.[0]?.promotionId;
  return { charges, promotion, ...(promotionId ? { promotionId } : {}), taxByCharge, billable: (item.fulfillment?.quantityFulfilled ?? 0) + (item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered) };
}

/** The part of `total` that units `before`..`after` of `billable` carry; per-line charges travel with the first unit. */
function slice(total: number, before: number, after: number, billable: number, perLine: boolean): number {
  if (billable <= 0) return 0;
  if (perLine) return before === 0 && after > 0 ? total : 0;
  return roundMinor((total * after) / billable) - roundMinor((total * before) / billable);
}

const PER_LINE = new Set(['ShippingCharge', 'ShippingTax', 'GiftWrap', 'GiftWrapTax']);

export function shipmentEvent(order: Order, m: MarketplaceInfo, part: ShipmentPart, shippedBefore: Map<string, number>, catalog: ReadonlyMap<string, SimCatalogItem>): FinanceEvent {
  const afn = order.fulfillment?.fulfilledBy === 'AMAZON';
  const items: FinanceItem[] = [];
  for (const item of order.orderItems) {
    const q = part.units.get(item.orderItemId) ?? 0;
    if (q <= 0) continue;
    const t = itemTotals(item, m);
    const before = shippedBefore.get(item.orderItemId) ?? 0;
    const after = before + q;
    const lines: FinanceLine[] = [];
    let sales = 0;
    for (const [type, total] of t.charges) {
      const minor = slice(total, before, after, t.billable, PER_LINE.has(type));
      if (minor === 0 && type !== 'Principal') continue;
      lines.push({ kind: 'charge', type, minor });
      if (!(type in WITHHELD)) sales += minor;
    }
    const promo = slice(t.promotion, before, after, t.billable, false);
    if (promo !== 0) {
      lines.push({ kind: 'promotion', type: 'Promotion', minor: promo, ...(t.promotionId ? { promotionId: t.promotionId } : {}) });
      sales += promo;
    }
    const sku = item.product.sellerSku ?? '';
    const cat = catalog.get(sku);
    lines.push({ kind: 'fee', type: 'Commission', minor: -referralFee(cat, sales, q, m) });
    if (afn) lines.push({ kind: 'fee', type: 'FBAPerUnitFulfillmentFee', minor: -fbaFee(cat, q, m) });
    if (withholdsTax(m)) {
      for (const [type, withheld] of Object.entries(WITHHELD)) {
        const tax = lines.find((l) => l.kind === 'charge' && l.type === type)?.minor ?? 0;
        if (tax !== 0) lines.push({ kind: 'withheld', type: withheld, minor: -tax });
      }
    }
    items.push({ orderItemId: item.orderItemId, sku, ...(item.product.asin ? { asin: item.product.asin } : {}), ...(cat ? { fnsku: cat.fnsku } : {}), title: item.product.title ?? '', quantity: q, lines });
    shippedBefore.set(item.orderItemId, after);
  }
  return {
    id: part.id,
    kind: 'Shipment',
    postedAt: part.postedAt,
    marketplaceId: m.id,
    currency: m.currency,
    orderId: order.orderId,
    reference: part.reference,
    fulfillment: afn ? 'AFN' : 'MFN',
    description: 'Order Payment',
    items,
  };
}

/**
 * The refund of every unit shipped on the given lines, as Amazon books it: item price, its tax and promotions reversed,
 * the referral fee returned less the refund administration fee, withheld tax handed back. Shipping and the FBA fee stay.
 */
export function refundEvent(
  shipments: readonly FinanceEvent[],
  m: MarketplaceInfo,
  args: { id: string; postedAt: number; reference: string; reason: string; orderItemIds?: ReadonlySet<string> },
): FinanceEvent | undefined {
  const byItem = new Map<string, FinanceItem>();
  for (const e of shipments) {
    for (const item of e.items) {
      if (!item.orderItemId || (args.orderItemIds && !args.orderItemIds.has(item.orderItemId))) continue;
      const acc = byItem.get(item.orderItemId) ?? { ...item, quantity: 0, lines: [] };
      acc.quantity += item.quantity;
      for (const line of item.lines) {
        const same = acc.lines.find((l) => l.kind === line.kind && l.type === line.type);
        if (same) same.minor += line.minor;
        else acc.lines.push({ ...line });
      }
      byItem.set(item.orderItemId, acc);
    }
  }
  const first = shipments[0];
  if (!first || byItem.size === 0) return undefined;
  const items: FinanceItem[] = [...byItem.values()].map((item) => {
    const lines: FinanceLine[] = [];
    for (const l of item.lines) {
      if (l.kind === 'charge' && !PER_LINE.has(l.type)) lines.push({ ...l, minor: -l.minor });
      else if (l.kind === 'promotion') lines.push({ ...l, minor: -l.minor });
      else if (l.kind === 'fee' && l.type === 'Commission') {
        const referral = -l.minor;
        lines.push({ kind: 'fee', type: 'Commission', minor: referral });
        lines.push({ kind: 'fee', type: 'RefundCommission', minor: -refundAdminFee(referral, item.quantity, m) });
      } else if (l.kind === 'withheld' && l.type !== WITHHELD.ShippingTax) lines.push({ ...l, minor: -l.minor });
    }
    return { ...item, lines };
  });
  return {
    id: args.id,
    kind: 'Refund',
    postedAt: args.postedAt,
    marketplaceId: m.id,
    currency: m.currency,
    ...(first.orderId ? { orderId: first.orderId } : {}),
    reference: args.reference,
    ...(first.fulfillment ? { fulfillment: first.fulfillment } : {}),
    description: 'Refund Order',
    reason: args.reason,
    items,
  };
}
