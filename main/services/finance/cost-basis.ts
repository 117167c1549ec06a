import type { Queryable } from '../../db/connection';

const CHUNK = 200;

/** A product's cost per unit on a date: the dated COGS row valid then; a bundle is the sum of its components'. */
export class CostBasis {
  private constructor(
    private readonly costs: Map<number, { date: string; minor: number; currency: string }[]>,
    private readonly components: Map<number, { componentId: number; quantity: number }[]>,
  ) {}

  static async load(db: Queryable, productIds: number[]): Promise<CostBasis> {
    const components = new Map<number, { componentId: number; quantity: number }[]>();
    const all = new Set(productIds);
    for (let i = 0; i < productIds.length; i += CHUNK) {
      const rows = await db('bundle_components').whereIn('bundle_id', productIds.slice(i, i + CHUNK)).select<{ bundle_id: number; component_id: number; quantity: number }[]>('bundle_id', 'component_id', 'quantity');
      for (const r of rows) {
        components.set(r.bundle_id, [...(components.get(r.bundle_id) ?? []), { componentId: r.component_id, quantity: r.quantity }]);
        all.add(r.component_id);
      }
    }
    const ids = [...all];
    const costs = new Map<number, { date: string; minor: number; currency: string }[]>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db('product_costs')
        .whereIn('product_id', ids.slice(i, i + CHUNK))
        .orderBy('effective_date')
        .select<{ product_id: number; effective_date: string; cost_minor: number; currency: string }[]>('product_id', 'effective_date', 'cost_minor', 'currency');
      for (const r of rows) costs.set(r.product_id, [...(costs.get(r.product_id) ?? []), { date: r.effective_date, minor: Number(r.cost_minor), currency: r.currency }]);
    }
    return new CostBasis(costs, components);
  }

  /**
   * Cost of one unit as amounts per currency (a bundle's components may be bought in different currencies), or null
   * when any part has no cost row on or before the date.
   */
  unitCost(productId: number, date: string): Map<string, number> | null {
    const parts = this.components.get(productId);
    if (parts && parts.length > 0) {
      const total = new Map<string, number>();
      for (const p of parts) {
        const c = this.ownCost(p.componentId, date);
        if (!c) return null;
        total.set(c.currency, (total.get(c.currency) ?? 0) + c.minor * p.quantity);
      }
      return total;
    }
    const own = this.ownCost(productId, date);
    return own ? new Map([[own.currency, own.minor]]) : null;
  }

  private ownCost(productId: number, date: string): { minor: number; currency: string } | null {
    const list = this.costs.get(productId) ?? [];
    let found: { minor: number; currency: string } | null = null;
    for (const c of list) if (c.date <= date) found = c;
    return found;
  }
}

/**
 * Inbound freight per unit of each product: every confirmed plan's placement fee (net of Amazon's discount) and its
 * shipments' chosen transport quotes, spread over the plan's units in proportion to each product's quantity. Kept per
 * currency; a sale takes the product's average over all its plans.
 */
export async function inboundFreightPerProduct(db: Queryable): Promise<Map<number, Map<string, { minor: number; units: number }>>> {
  const plans = await db('fba_inbound_plans')
    .whereNotNull('placement_option_id')
    .whereNot('status', 'cancelled')
    .select<{ id: number; placement_option_id: string }[]>('id', 'placement_option_id');
  const out = new Map<number, Map<string, { minor: number; units: number }>>();
  for (const plan of plans) {
    const charges = new Map<string, number>();
    const placement = await db('fba_inbound_placement_options')
      .where({ plan_id: plan.id, option_id: plan.placement_option_id })
      .first<{ fee_minor: number | null; discount_minor: number | null; currency: string | null } | undefined>('fee_minor', 'discount_minor', 'currency');
    if (placement?.currency && placement.fee_minor !== null) {
      charges.set(placement.currency, Number(placement.fee_minor) - Number(placement.discount_minor ?? 0));
    }
    const transports = await db('fba_inbound_shipments as s')
      .join('fba_inbound_transport_options as o', function () {
        this.on('o.shipment_id', '=', 's.id').andOn('o.option_id', '=', 's.transport_option_id');
      })
      .where('s.plan_id', plan.id)
      .select<{ quote_minor: number | null; currency: string | null }[]>('o.quote_minor', 'o.currency');
    for (const t of transports) if (t.currency && t.quote_minor !== null) charges.set(t.currency, (charges.get(t.currency) ?? 0) + Number(t.quote_minor));
    const items = await db('fba_inbound_plan_items').where({ plan_id: plan.id }).select<{ product_id: number; quantity: number }[]>('product_id', 'quantity');
    const planUnits = items.reduce((s, i) => s + i.quantity, 0);
    if (planUnits === 0) continue;
    for (const item of items) {
      const perProduct = out.get(item.product_id) ?? new Map<string, { minor: number; units: number }>();
      for (const [currency, minor] of charges) {
        const acc = perProduct.get(currency) ?? { minor: 0, units: 0 };
        acc.minor += Math.round((minor * item.quantity) / planUnits);
        acc.units += item.quantity;
        perProduct.set(currency, acc);
      }
      out.set(item.product_id, perProduct);
    }
  }
  return out;
}

/** Seller SKU → product: the store's listing mapping first, then a product whose master SKU is the seller SKU. */
export async function productsForSkus(db: Queryable, storeSkus: { storeId: number; marketplaceId: string | null; sku: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const skus = [...new Set(storeSkus.map((s) => s.sku))];
  const listings: { store_id: number; marketplace_id: string; seller_sku: string; product_id: number }[] = [];
  const masters = new Map<string, number>();
  for (let i = 0; i < skus.length; i += CHUNK) {
    const chunk = skus.slice(i, i + CHUNK);
    listings.push(...(await db('product_listings').whereIn('seller_sku', chunk).select('store_id', 'marketplace_id', 'seller_sku', 'product_id')));
    for (const p of await db('products').whereIn('sku', chunk).select<{ id: number; sku: string }[]>('id', 'sku')) masters.set(p.sku, p.id);
  }
  for (const s of storeSkus) {
    const listing =
      listings.find((l) => l.store_id === s.storeId && l.marketplace_id === s.marketplaceId && l.seller_sku === s.sku) ??
      listings.find((l) => l.store_id === s.storeId && l.seller_sku === s.sku);
    const id = listing?.product_id ?? masters.get(s.sku);
    if (id !== undefined) out.set(skuKey(s.storeId, s.marketplaceId, s.sku), id);
  }
  return out;
}

export const skuKey = (storeId: number, marketplaceId: string | null, sku: string) => `${storeId}|${marketplaceId ?? ''}|${sku}`;
