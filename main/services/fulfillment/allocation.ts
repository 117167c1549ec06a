import type { Knex } from 'knex';
import type { AllocationPackage, AllocationRule, ExceptionParams } from '../../../shared/domain/fulfillment';
import { insertAllocations, type AllocationRow } from '../../db/repositories/fulfillment.repo';
import type { QuantityLine } from '../inventory/bundles';
import type { InventoryService } from '../inventory/inventory.service';

export interface PlanLine {
  orderItemId: string;
  /** The product sold (a bundle stays a bundle here). */
  productId: number;
  quantity: number;
  /** What one unit of the line takes off the shelf: its components for a bundle, itself otherwise. */
  perUnit: QuantityLine[];
}

export interface PlanInput {
  country: string | null;
  lines: readonly PlanLine[];
  /** Domestic and overseas warehouses in use (never FBA), in id order. */
  warehouses: readonly { id: number }[];
  rules: readonly AllocationRule[];
  available: (warehouseId: number, productId: number) => number;
  /** Products the seller sells on backorder: any warehouse can take them. */
  backorder: ReadonlySet<number>;
  allowSplit: boolean;
  skuOf: (productId: number) => string;
}

export type AllocationPlan = { ok: true; packages: AllocationPackage[] } | { ok: false; shortage: ExceptionParams<'stock-insufficient'> };

/**
 * The warehouses that may serve a destination, best first: enabled rules by priority whose countries include it (or
 * that serve everywhere). With no rule at all, every allocatable warehouse in id order; rules naming only FBA or
 * archived warehouses give nothing.
 */
export function candidateWarehouses(rules: readonly AllocationRule[], warehouses: readonly { id: number }[], country: string | null): number[] {
  const allocatable = new Set(warehouses.map((w) => w.id));
  const enabled = rules.filter((r) => r.enabled).sort((a, b) => a.priority - b.priority || a.id - b.id);
  if (enabled.length === 0) return warehouses.map((w) => w.id);
  const out: number[] = [];
  for (const r of enabled) {
    const serves = r.countries === null || (country !== null && r.countries.includes(country.toUpperCase()));
    if (serves && allocatable.has(r.warehouseId) && !out.includes(r.warehouseId)) out.push(r.warehouseId);
  }
  return out;
}

function unitsOf(items: readonly { line: PlanLine; quantity: number }[]): QuantityLine[] {
  const totals = new Map<number, number>();
  for (const { line, quantity } of items) for (const u of line.perUnit) totals.set(u.productId, (totals.get(u.productId) ?? 0) + u.quantity * quantity);
  return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Where an order's units come from. The whole order from the first candidate warehouse that has all of it; otherwise,
 * when split shipments are allowed, each candidate in turn gives whole units of the lines it can still cover, one
 * package per warehouse, so every package lists exact order-item quantities for Amazon. Pure: the caller reads stock.
 */
export function planAllocation(input: PlanInput): AllocationPlan {
  const candidates = candidateWarehouses(input.rules, input.warehouses, input.country);
  const need = unitsOf(input.lines.map((line) => ({ line, quantity: line.quantity })));
  const covers = (w: number, u: QuantityLine) => input.backorder.has(u.productId) || input.available(w, u.productId) >= u.quantity;

  const whole = candidates.find((w) => need.every((u) => covers(w, u)));
  if (whole !== undefined) {
    return { ok: true, packages: [{ packageNo: 1, warehouseId: whole, items: input.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity })), units: need }] };
  }

  if (input.allowSplit && candidates.length > 1) {
    const left = new Map(input.lines.map((l) => [l, l.quantity]));
    const packages: AllocationPackage[] = [];
    for (const w of candidates) {
      const stock = new Map<number, number>();
      const free = (productId: number) => (input.backorder.has(productId) ? Infinity : (stock.get(productId) ?? input.available(w, productId)));
      const taken: { line: PlanLine; quantity: number }[] = [];
      for (const line of input.lines) {
        const open = left.get(line) ?? 0;
        if (open === 0) continue;
        const fits = Math.min(open, ...line.perUnit.map((u) => Math.floor(Math.max(0, free(u.productId)) / u.quantity)));
        if (fits <= 0) continue;
        for (const u of line.perUnit) stock.set(u.productId, free(u.productId) - u.quantity * fits);
        left.set(line, open - fits);
        taken.push({ line, quantity: fits });
      }
      if (taken.length > 0) packages.push({ packageNo: packages.length + 1, warehouseId: w, items: taken.map((t) => ({ orderItemId: t.line.orderItemId, quantity: t.quantity })), units: unitsOf(taken) });
    }
    if ([...left.values()].every((q) => q === 0)) return { ok: true, packages };
  }

  return { ok: false, shortage: shortageOf(input, candidates, need) };
}

function shortageOf(input: PlanInput, candidates: readonly number[], need: readonly QuantityLine[]): ExceptionParams<'stock-insufficient'> {
  const counted = need.filter((u) => !input.backorder.has(u.productId));
  const named = counted[0] ?? need[0];
  if (candidates.length === 0 || !named) {
    return { sku: named ? input.skuOf(named.productId) : '', needed: named?.quantity ?? 0, available: 0, otherSkus: Math.max(0, counted.length - 1), cause: 'no-warehouse' };
  }
  const total = (productId: number) => candidates.reduce((n, w) => n + Math.max(0, input.available(w, productId)), 0);
  const shortOverall = counted.filter((u) => total(u.productId) < u.quantity);
  if (input.allowSplit || shortOverall.length > 0) {
    const short = shortOverall.length > 0 ? shortOverall : counted;
    const u = short[0] as QuantityLine;
    return { sku: input.skuOf(u.productId), needed: u.quantity, available: total(u.productId), otherSkus: short.length - 1, cause: 'short' };
  }
  // Enough in the building, not in one place: name what the best-stocked candidate lacks.
  const lacking = (w: number) => counted.filter((u) => input.available(w, u.productId) < u.quantity);
  const first = counted[0] as QuantityLine;
  const best = [...candidates].sort((a, b) => lacking(a).length - lacking(b).length || input.available(b, first.productId) - input.available(a, first.productId))[0] as number;
  const missing = lacking(best);
  const u = missing[0] as QuantityLine;
  return { sku: input.skuOf(u.productId), needed: u.quantity, available: Math.max(0, input.available(best, u.productId)), otherSkus: missing.length - 1, cause: 'split-off' };
}

export interface ReserveDeps {
  inventory: Pick<InventoryService, 'reserveForOrder'>;
}

/** The plan's rows in order_allocations (order item × package × product shipped) and its reservations, per warehouse. */
export async function writeAllocation(trx: Knex.Transaction, deps: ReserveDeps, orderId: string, lines: readonly PlanLine[], packages: readonly AllocationPackage[]): Promise<void> {
  const byItem = new Map(lines.map((l) => [l.orderItemId, l]));
  const rows: AllocationRow[] = [];
  for (const p of packages) {
    for (const item of p.items) {
      const line = byItem.get(item.orderItemId);
      if (!line) throw new Error(`allocation names an item the order does not have: ${item.orderItemId}`);
      for (const u of line.perUnit) rows.push({ order_id: orderId, order_item_id: item.orderItemId, package_no: p.packageNo, warehouse_id: p.warehouseId, product_id: u.productId, quantity: u.quantity * item.quantity });
    }
  }
  await insertAllocations(trx, rows);
  for (const p of packages) {
    const orderLines = p.items.map((i) => ({ productId: (byItem.get(i.orderItemId) as PlanLine).productId, quantity: i.quantity }));
    await deps.inventory.reserveForOrder(trx, { orderId, warehouseId: p.warehouseId, lines: orderLines });
  }
}
