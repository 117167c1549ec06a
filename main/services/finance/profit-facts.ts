import type { Queryable } from '../../db/connection';
import { linesPosted, shipmentDates, type MoneyLineRow } from './finance.repo';
import { CostBasis, inboundFreightPerProduct, productsForSkus, skuKey } from './cost-basis';
import { BUCKET_OF_KIND, type ProfitFact } from './profit';

const CHUNK = 200;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

interface OrderInfo {
  id: string;
  store_id: number;
  marketplace_id: string;
  fulfilled_by: string | null;
}
interface ItemInfo {
  order_id: string;
  seller_sku: string | null;
  quantity_ordered: number;
  quantity_shipped: number;
  quantity_cancelled: number;
}

/**
 * Everything profit is made of for posted dates from…to (inclusive, UTC): each line of Amazon's money, and for each order
 * whose first shipment money posted in the range, its cost of goods at that date, its inbound freight (FBA) or the
 * unknown outbound freight (FBM). The cost goes with the sale, so an order's profit is whole in the month it shipped.
 */
export async function loadProfitFacts(db: Queryable, q: { from: string; to: string; storeId?: number | undefined }): Promise<ProfitFact[]> {
  const fromIso = `${q.from}T00:00:00.000Z`;
  const toIso = nextDay(q.to);
  const lines = await linesPosted(db, { fromIso, toIso, storeId: q.storeId });
  const orderIds = [...new Set(lines.map((l) => l.order_id).filter((id): id is string => id !== null))];

  const orders = new Map<string, OrderInfo>();
  const items = new Map<string, ItemInfo[]>();
  for (let i = 0; i < orderIds.length; i += CHUNK) {
    const chunk = orderIds.slice(i, i + CHUNK);
    for (const o of await db('orders').whereIn('id', chunk).select<OrderInfo[]>('id', 'store_id', 'marketplace_id', 'fulfilled_by')) orders.set(o.id, o);
    for (const it of await db('order_items').whereIn('order_id', chunk).select<ItemInfo[]>('order_id', 'seller_sku', 'quantity_ordered', 'quantity_shipped', 'quantity_cancelled')) {
      items.set(it.order_id, [...(items.get(it.order_id) ?? []), it]);
    }
  }
  const linesByOrder = new Map<string, MoneyLineRow[]>();
  for (const l of lines) if (l.order_id) linesByOrder.set(l.order_id, [...(linesByOrder.get(l.order_id) ?? []), l]);

  // An order line without a SKU (shipping charged per order) belongs to the order's SKU when it has only one.
  const soleSku = (orderId: string | null): string | null => {
    if (!orderId) return null;
    const skus = new Set([...(items.get(orderId) ?? []).map((i) => i.seller_sku), ...(linesByOrder.get(orderId) ?? []).map((l) => l.seller_sku)].filter((s): s is string => !!s));
    return skus.size === 1 ? ([...skus][0] ?? null) : null;
  };

  const facts: ProfitFact[] = [];
  for (const l of lines) {
    const bucket = BUCKET_OF_KIND[l.kind];
    if (!bucket) continue;
    facts.push({ type: 'money', bucket, orderId: l.order_id, sku: l.seller_sku ?? soleSku(l.order_id), marketplaceId: l.marketplace_id ?? orders.get(l.order_id ?? '')?.marketplace_id ?? null, at: l.posted_date, amountMinor: l.amount_minor, currency: l.currency });
  }

  const shipped = await shipmentDates(db, orderIds);
  const sold: { orderId: string; storeId: number; marketplaceId: string | null; sku: string; units: number; at: string; afn: boolean }[] = [];
  for (const orderId of orderIds) {
    const at = shipped.get(orderId);
    if (!at || at < fromIso || at >= toIso) continue;
    const orderLines = linesByOrder.get(orderId) ?? [];
    const order = orders.get(orderId);
    const storeId = order?.store_id ?? orderLines[0]?.store_id ?? 0;
    const marketplaceId = order?.marketplace_id ?? orderLines[0]?.marketplace_id ?? null;
    // Orders 2026-01-01 says who fulfils; without the order, an FBA fee in its money says Amazon did.
    const afn = order?.fulfilled_by ? order.fulfilled_by === 'AMAZON' : orderLines.some((l) => l.kind === 'fba-fee');
    const units = new Map<string, number>();
    const orderItems = items.get(orderId) ?? [];
    if (orderItems.length > 0) {
      for (const it of orderItems) {
        if (!it.seller_sku) continue;
        const n = it.quantity_shipped > 0 ? it.quantity_shipped : Math.max(0, it.quantity_ordered - it.quantity_cancelled);
        units.set(it.seller_sku, (units.get(it.seller_sku) ?? 0) + n);
      }
    } else {
      for (const l of orderLines) if (l.kind === 'principal' && l.seller_sku && l.quantity) units.set(l.seller_sku, (units.get(l.seller_sku) ?? 0) + l.quantity);
    }
    for (const [sku, n] of units) if (n > 0) sold.push({ orderId, storeId, marketplaceId, sku, units: n, at, afn });
  }

  const products = await productsForSkus(db, sold.map((s) => ({ storeId: s.storeId, marketplaceId: s.marketplaceId, sku: s.sku })));
  const costs = await CostBasis.load(db, [...new Set(products.values())]);
  const freight = sold.some((s) => s.afn) ? await inboundFreightPerProduct(db) : new Map<number, Map<string, { minor: number; units: number }>>();
  for (const s of sold) {
    const base = { orderId: s.orderId, sku: s.sku, marketplaceId: s.marketplaceId, at: s.at };
    const productId = products.get(skuKey(s.storeId, s.marketplaceId, s.sku));
    const unitCost = productId === undefined ? null : costs.unitCost(productId, s.at.slice(0, 10));
    if (!unitCost) facts.push({ ...base, type: 'cogs', units: s.units, amountMinor: null, currency: null });
    else {
      let first = true;
      for (const [currency, minor] of unitCost) {
        facts.push({ ...base, type: 'cogs', units: first ? s.units : 0, amountMinor: -minor * s.units, currency });
        first = false;
      }
    }
    if (!s.afn) facts.push({ ...base, type: 'outbound-freight-unknown' });
    else if (productId !== undefined) {
      for (const [currency, f] of freight.get(productId) ?? []) {
        if (f.units > 0) facts.push({ ...base, type: 'inbound-freight', amountMinor: -Math.round((f.minor * s.units) / f.units), currency });
      }
    }
  }
  return facts;
}
