import type { Queryable } from '../../db/connection';
import { openQuantity, orderLines, productFacts, productsForSellerSkus, type OrderHeadRow, type ProductFactRow } from '../../db/repositories/fulfillment.repo';
import { bundleComponents } from '../../db/repositories/stock.repo';
import type { SecretBox } from '../../spapi/secret-box';
import { unsealPii } from '../../sync/jobs/order-mapping';
import { AppError } from '../../../shared/ipc/errors';
import { expandBundles, type QuantityLine } from '../inventory/bundles';
import type { PlanLine } from './allocation';
import type { AuditAddress, AuditOrderView } from './audit-rules';

/** Everything fulfilment decides an order by, read once per evaluation. PII fields live only in this object. */
export interface OrderFacts {
  head: OrderHeadRow;
  view: AuditOrderView;
  /** null when a line has no product: nothing can be planned until it is mapped. */
  planLines: PlanLine[] | null;
  /** Every product involved (sold and shipped), by id. */
  products: Map<number, ProductFactRow>;
  weightG: number | null;
  maxSideMm: number | null;
  skusWithoutWeight: string[];
  region: string | null;
  buyer: Record<string, unknown> | null;
  recipientAddress: Record<string, unknown> | null;
}

const MAX_NESTING = 4;

function readPii(head: OrderHeadRow, box: SecretBox | undefined): { buyer: Record<string, unknown> | null; address: Record<string, unknown> | null } {
  if (!box) return { buyer: null, address: null };
  try {
    const pii = unsealPii(head, box);
    const address = pii.recipient?.deliveryAddress;
    return { buyer: pii.buyer, address: address && typeof address === 'object' ? (address as Record<string, unknown>) : null };
  } catch {
    // A column sealed with another machine's key: the rules treat the address as missing, and nothing is logged.
    return { buyer: null, address: null };
  }
}

function toAuditAddress(a: Record<string, unknown>): AuditAddress {
  const out: AuditAddress = {};
  for (const key of ['addressLine1', 'addressLine2', 'addressLine3', 'city', 'stateOrRegion', 'postalCode', 'countryCode', 'phone'] as const) {
    const v = a[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/**
 * A bundle's weight and size are its own when the catalog has them (the kit's packaging), else its components'. Walks
 * nested kits to a fixed depth. `missing` names the unit SKUs whose missing weight leaves a sold product's weight unknown.
 */
async function physical(db: Queryable, productIds: readonly number[], products: Map<number, ProductFactRow>) {
  const weight = new Map<number, number | null>();
  const side = new Map<number, number | null>();
  const parts = new Map<number, { componentId: number; quantity: number }[]>();
  const visit = async (id: number, depth: number): Promise<void> => {
    if (weight.has(id)) return;
    const p = products.get(id) ?? (await productFacts(db, [id])).get(id);
    if (!p) {
      weight.set(id, null);
      side.set(id, null);
      return;
    }
    products.set(id, p);
    const ownSide = p.length_mm !== null && p.width_mm !== null && p.height_mm !== null ? Math.max(p.length_mm, p.width_mm, p.height_mm) : null;
    const components = p.kind === 'bundle' && depth < MAX_NESTING ? await bundleComponents(db, [id]) : [];
    parts.set(id, components);
    let w: number | null = components.length > 0 ? 0 : null;
    let s: number | null = components.length > 0 ? 0 : null;
    for (const c of components) {
      await visit(c.componentId, depth + 1);
      const cw = weight.get(c.componentId) ?? null;
      const cs = side.get(c.componentId) ?? null;
      w = w === null || cw === null ? null : w + cw * c.quantity;
      s = s === null || cs === null ? null : Math.max(s, cs);
    }
    weight.set(id, p.weight_g ?? w);
    side.set(id, ownSide ?? s);
  };
  for (const id of productIds) await visit(id, 0);
  const missingUnder = (id: number): string[] => {
    if (weight.get(id) !== null) return [];
    const components = parts.get(id) ?? [];
    if (components.length > 0) return components.flatMap((c) => missingUnder(c.componentId));
    const sku = products.get(id)?.sku;
    return sku ? [sku] : [];
  };
  return { weight, side, missing: [...new Set(productIds.flatMap(missingUnder))] };
}

export async function loadOrderFacts(db: Queryable, head: OrderHeadRow, box: SecretBox | undefined): Promise<OrderFacts> {
  const items = await orderLines(db, head.id);
  const skus = items.map((i) => i.seller_sku).filter((s): s is string => s !== null);
  const mapping = await productsForSellerSkus(db, head.store_id, head.marketplace_id, skus);
  const mapped = items
    .map((i) => ({ orderItemId: i.order_item_id, sellerSku: i.seller_sku, quantity: openQuantity(i), productId: i.seller_sku !== null ? (mapping.get(i.seller_sku) ?? null) : null }))
    .filter((l) => l.quantity > 0);
  const pii = readPii(head, box);

  const products = await productFacts(db, mapped.map((l) => l.productId).filter((id): id is number => id !== null));
  // A kit without components cannot be picked: its line counts as unmapped until the catalog defines it.
  const perUnit = new Map<string, QuantityLine[]>();
  for (const l of mapped) {
    if (l.productId === null || !products.has(l.productId)) continue;
    try {
      perUnit.set(l.orderItemId, await expandBundles(db, [{ productId: l.productId, quantity: 1 }]));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  const lines = mapped.map((l) => (perUnit.has(l.orderItemId) ? l : { ...l, productId: null }));
  let planLines: PlanLine[] | null = null;
  if (lines.every((l) => l.productId !== null)) {
    planLines = lines.map((l) => ({ orderItemId: l.orderItemId, productId: l.productId as number, quantity: l.quantity, perUnit: perUnit.get(l.orderItemId) ?? [] }));
    const extra = await productFacts(db, planLines.flatMap((l) => l.perUnit.map((u) => u.productId)).filter((id) => !products.has(id)));
    for (const [id, p] of extra) products.set(id, p);
  }

  const sold = lines.filter((l) => l.productId !== null);
  const phys = await physical(db, sold.map((l) => l.productId as number), products);
  const weights = sold.map((l) => phys.weight.get(l.productId as number) ?? null);
  const sides = sold.map((l) => phys.side.get(l.productId as number) ?? null);
  const known = sold.length > 0 && sold.length === lines.length;

  return {
    head,
    view: {
      orderId: head.id,
      country: head.ship_country,
      address: pii.address ? toAuditAddress(pii.address) : null,
      currency: head.currency,
      totalMinor: head.grand_total_minor === null ? null : Number(head.grand_total_minor),
      lines,
    },
    planLines,
    products,
    weightG: known && weights.every((w) => w !== null) ? sold.reduce((n, l, i) => n + (weights[i] as number) * l.quantity, 0) : null,
    maxSideMm: known && sides.every((s) => s !== null) ? Math.max(...(sides as number[])) : null,
    skusWithoutWeight: phys.missing,
    region: typeof pii.address?.stateOrRegion === 'string' ? pii.address.stateOrRegion : null,
    buyer: pii.buyer,
    recipientAddress: pii.address,
  };
}
