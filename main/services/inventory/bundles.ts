import type { PickListLine } from '../../../shared/domain/inventory';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { bundleComponents, productsByIds } from '../../db/repositories/stock.repo';
import { firstBins } from '../../db/repositories/warehouses.repo';

export interface QuantityLine {
  productId: number;
  quantity: number;
}

/** A kit inside a kit is allowed, a kit that contains itself is a catalog error; this bounds the walk either way. */
const MAX_NESTING = 4;

/**
 * What physically leaves the shelf for these lines: a bundle (套) line becomes its components × quantity, unit lines
 * pass through, and the result is summed per product in first-seen order.
 */
export async function expandBundles(db: Queryable, lines: readonly QuantityLine[]): Promise<QuantityLine[]> {
  for (const [index, l] of lines.entries()) {
    if (!Number.isSafeInteger(l.productId) || l.productId <= 0) throw new AppError('invalid-input', { field: 'productId', reason: 'not-an-id', index });
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new AppError('invalid-input', { field: 'quantity', reason: 'not-positive', index });
  }
  const totals = new Map<number, number>();
  let pending: QuantityLine[] = [...lines];
  for (let depth = 0; pending.length > 0; depth++) {
    const products = await productsByIds(db, pending.map((l) => l.productId));
    const bundles: QuantityLine[] = [];
    for (const l of pending) {
      const product = products.get(l.productId);
      if (!product) throw new AppError('not-found', { entity: 'product', id: l.productId });
      if (product.kind === 'bundle') {
        if (depth >= MAX_NESTING) throw new AppError('invalid-input', { field: 'productId', reason: 'bundle-nesting-too-deep', sku: product.sku });
        bundles.push(l);
      } else {
        totals.set(l.productId, (totals.get(l.productId) ?? 0) + l.quantity);
      }
    }
    const components = await bundleComponents(db, bundles.map((b) => b.productId));
    pending = [];
    for (const b of bundles) {
      const parts = components.filter((c) => c.bundleId === b.productId);
      if (parts.length === 0) throw new AppError('invalid-input', { field: 'productId', reason: 'bundle-without-components', sku: products.get(b.productId)?.sku ?? String(b.productId) });
      for (const p of parts) pending.push({ productId: p.componentId, quantity: p.quantity * b.quantity });
    }
  }
  return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * The picker's walk through one warehouse: bundles replaced by their components, each line at the product's first
 * bin there, sorted by the bins' pick order; products without a bin come last, by SKU.
 */
export async function pickListFor(db: Queryable, input: { warehouseId: number; lines: readonly QuantityLine[] }): Promise<PickListLine[]> {
  const units = await expandBundles(db, input.lines);
  const ids = units.map((u) => u.productId);
  const [products, bins] = [await productsByIds(db, ids), await firstBins(db, input.warehouseId, ids)];
  const lines = units.map((u): PickListLine => {
    const product = products.get(u.productId);
    const bin = bins.get(u.productId);
    return { productId: u.productId, sku: product?.sku ?? '', name: product?.name ?? '', quantity: u.quantity, binCode: bin?.code ?? null, pickOrder: bin?.pickOrder ?? null };
  });
  return lines.sort((a, b) => {
    if (a.pickOrder === null || b.pickOrder === null) return a.pickOrder === b.pickOrder ? a.sku.localeCompare(b.sku) : a.pickOrder === null ? 1 : -1;
    return a.pickOrder - b.pickOrder || a.sku.localeCompare(b.sku);
  });
}
