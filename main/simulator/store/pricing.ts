import { money, roundMinor } from './money';
import type { ItemRecord, OrderRecord } from './order-record';
import type { ItemProceeds, ItemProceedsBreakdown, OrderProceeds, OrderProceedsBreakdown } from './orders-api-types';

/**
 * Proceeds per line as the buyer was charged. Every category is shown net of tax and the tax is its own `TAX`
 * line, in VAT markets (where list prices include VAT) as in US/CA (where tax is added), so that the categories
 * always add up to `proceedsTotal` to the cent.
 */

type Category = 'ITEM' | 'SHIPPING' | 'GIFT_WRAP' | 'DISCOUNT';

export interface LineMoney {
  /** Net amount per category, minor units. */
  net: Map<Category, number>;
  /** Tax per category, minor units. */
  tax: Map<Category, number>;
  total: number;
}

export function lineMoney(order: OrderRecord, item: ItemRecord): LineMoney {
  const billable = item.quantity - item.cancelled;
  const share = item.quantity > 0 ? billable / item.quantity : 0;
  const gross: [Category, number][] = [
    ['ITEM', item.unitPriceMinor * billable],
    ['SHIPPING', billable > 0 ? item.shippingMinor : 0],
    ['GIFT_WRAP', billable > 0 ? item.giftWrapMinor : 0],
    ['DISCOUNT', -roundMinor(item.discountMinor * share)],
  ];
  const rate = order.taxRate;
  const included = order.marketplace.taxIncluded;
  const net = new Map<Category, number>();
  const tax = new Map<Category, number>();
  let total = 0;
  for (const [category, amount] of gross) {
    if (amount === 0 && category !== 'ITEM') continue;
    const t = included ? roundMinor((amount * rate) / (1 + rate)) : roundMinor(amount * rate);
    const n = included ? amount - t : amount;
    net.set(category, n);
    if (t !== 0) tax.set(category, t);
    total += n + t;
  }
  return { net, tax, total };
}

export function itemProceeds(order: OrderRecord, line: LineMoney): ItemProceeds {
  const currency = order.marketplace.currency;
  const breakdowns: ItemProceedsBreakdown[] = [];
  for (const [category, amount] of line.net) {
    const b: ItemProceedsBreakdown = { type: category, subtotal: money(amount, currency) };
    if (category === 'DISCOUNT') b.detailedBreakdowns = [{ subtype: 'ITEM', value: money(amount, currency) }];
    breakdowns.push(b);
  }
  if (line.tax.size > 0) {
    let taxTotal = 0;
    const detailed = [...line.tax].map(([category, amount]) => {
      taxTotal += amount;
      return { subtype: category, value: money(amount, currency) };
    });
    breakdowns.push({ type: 'TAX', subtotal: money(taxTotal, currency), detailedBreakdowns: detailed });
  }
  return { proceedsTotal: money(line.total, currency), breakdowns };
}

export function orderProceeds(order: OrderRecord, lines: readonly LineMoney[]): OrderProceeds {
  const currency = order.marketplace.currency;
  const sums = new Map<string, number>();
  let total = 0;
  for (const line of lines) {
    for (const [category, amount] of line.net) sums.set(category, (sums.get(category) ?? 0) + amount);
    for (const amount of line.tax.values()) sums.set('TAX', (sums.get('TAX') ?? 0) + amount);
    total += line.total;
  }
  const breakdowns: OrderProceedsBreakdown[] = [...sums].map(([type, amount]) => ({ type, subtotal: money(amount, currency) }));
  return { grandTotal: money(total, currency), breakdowns };
}
