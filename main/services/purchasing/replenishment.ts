import { openPurchaseOrderStatuses, type CoverRow, type CoverStatus, type PlanLine, type PurchasePlanGroup, type TurnoverRow } from '../../../shared/domain/purchasing';
import type { Queryable } from '../../db/connection';
import {
  latestCosts,
  onHandBefore,
  onHandMovementsSince,
  openOrderQuantities,
  replenishmentProducts,
  salesSince,
  warehouseCodes,
} from '../../db/repositories/purchasing.repo';
import { expandBundles } from '../inventory/bundles';
import { stockLevels } from '../inventory/ledger';

export const DAY_MS = 86_400_000;
/** Days of cover kept beyond the lead time when the product names none. */
export const DEFAULT_SAFETY_DAYS = 14;
/** How often the buyer looks at the plan: an order must last until the next look. */
export const DEFAULT_REVIEW_DAYS = 30;
/** A product without a supplier still gets a reorder point; a month is a typical China-to-warehouse lead time. */
export const DEFAULT_LEAD_TIME_DAYS = 30;
const WINDOW_DAYS = 90;

/* ---------------------------------------------------------------- the math (pure) */

export interface SoldWindows {
  sold7: number;
  sold30: number;
  sold90: number;
}

/**
 * Units per day. The faster of the 7-day and 30-day rates, so a SKU that is taking off is not under-ordered while a
 * one-week dip does not cut an order in half; when nothing sold in 30 days the 90-day rate keeps slow movers visible.
 * Seasonality is deliberately ignored for now.
 */
export function blendedVelocity(s: SoldWindows): number {
  const recent = Math.max(s.sold7 / 7, s.sold30 / 30);
  return recent > 0 ? recent : s.sold90 / WINDOW_DAYS;
}

/** Float products like 0.1 × 30 land a hair above the integer; rounding up must not buy one unit for that. */
const ceilUnits = (x: number): number => Math.max(0, Math.ceil(x - 1e-9));

/** Days the stock position lasts at this velocity, to one decimal; null when nothing sells (cover is unbounded). */
export function daysOfCover(position: number, velocity: number): number | null {
  if (velocity <= 0) return null;
  return Math.round((Math.max(0, position) / velocity) * 10) / 10;
}

/** The stock position, in units, at which an order must be placed to arrive before the safety stock is used up. */
export function reorderPoint(velocity: number, leadTimeDays: number, safetyDays: number): number {
  return ceilUnits(velocity * (leadTimeDays + safetyDays));
}

export function coverStatus(input: { velocity: number; position: number; leadTimeDays: number; reorderPoint: number }): CoverStatus {
  if (input.velocity <= 0) return 'no-sales';
  if (input.position < input.velocity * input.leadTimeDays) return 'stockout-risk';
  if (input.position <= input.reorderPoint) return 'reorder';
  return 'ok';
}

/**
 * Units that bring the position up to cover the lead time, the safety days and one review period, rounded up to whole
 * cases (suppliers ship cartons).
 */
export function suggestedQuantity(input: { velocity: number; position: number; leadTimeDays: number; safetyDays: number; reviewDays: number; casePack: number }): number {
  const need = ceilUnits(input.velocity * (input.leadTimeDays + input.safetyDays + input.reviewDays) - input.position);
  if (need === 0) return 0;
  const pack = Math.max(1, input.casePack);
  return Math.ceil(need / pack) * pack;
}

/**
 * Mean of the end-of-day on-hand balances over `days` days from `windowStart`, rebuilt from the opening balance and
 * the ledger's deltas (each `at` in ms). A SKU that was empty most of the window and restocked yesterday has a low
 * average, which is what turnover should see.
 */
export function averageDailyBalance(opening: number, deltas: readonly { at: number; delta: number }[], windowStart: number, days: number): number {
  if (days <= 0) return opening;
  const sorted = [...deltas].sort((a, b) => a.at - b.at);
  let balance = opening;
  let next = 0;
  let total = 0;
  for (let day = 1; day <= days; day++) {
    const end = windowStart + day * DAY_MS;
    while (next < sorted.length && (sorted[next]?.at ?? Infinity) <= end) balance += sorted[next++]?.delta ?? 0;
    total += balance;
  }
  return total / days;
}

/** Units sold ÷ average on hand; null when nothing was on hand on average (turnover is undefined). */
export function turnover(sold: number, averageOnHand: number): number | null {
  return averageOnHand > 0 ? Math.round((sold / averageOnHand) * 100) / 100 : null;
}

/* ---------------------------------------------------------------- reading the data */

const pairKey = (productId: number, warehouseId: number): string => `${productId}:${warehouseId}`;

interface Sale {
  productId: number;
  warehouseId: number | null;
  quantity: number;
  ageMs: number;
}

/**
 * Sales of the last 90 days as component units at the place they deplete: FBA orders the store × region FBA
 * warehouse, FBM orders the listing's FBM warehouse (null when the listing names none). Timestamps are compared as
 * instants, not strings, because Amazon's and ours differ in format.
 */
async function salesInWindow(db: Queryable, now: number): Promise<Sale[]> {
  const rows = await salesSince(db, new Date(now - (WINDOW_DAYS + 1) * DAY_MS).toISOString());
  const recipes = new Map<number, { productId: number; quantity: number }[]>();
  const out: Sale[] = [];
  for (const r of rows) {
    const ageMs = now - Date.parse(r.createdTime);
    if (!(ageMs >= 0 && ageMs < WINDOW_DAYS * DAY_MS)) continue;
    const warehouseId = r.fulfilledBy === 'AMAZON' ? r.fbaWarehouseId : r.fbmWarehouseId;
    let parts = r.kind === 'bundle' ? recipes.get(r.productId) : [{ productId: r.productId, quantity: 1 }];
    if (!parts) {
      parts = await expandBundles(db, [{ productId: r.productId, quantity: 1 }]);
      recipes.set(r.productId, parts);
    }
    for (const p of parts) out.push({ productId: p.productId, warehouseId, quantity: p.quantity * r.quantity, ageMs });
  }
  return out;
}

function addSale(map: Map<string, SoldWindows>, key: string, s: Sale): void {
  const w = map.get(key) ?? { sold7: 0, sold30: 0, sold90: 0 };
  w.sold90 += s.quantity;
  if (s.ageMs < 30 * DAY_MS) w.sold30 += s.quantity;
  if (s.ageMs < 7 * DAY_MS) w.sold7 += s.quantity;
  map.set(key, w);
}

/** Average on hand over the 90-day window per key (product × warehouse, or product alone when `byProduct`). */
async function averageOnHandByKey(db: Queryable, now: number, opts: { warehouseId?: number; byProduct?: boolean }): Promise<Map<string, number>> {
  const windowStart = now - WINDOW_DAYS * DAY_MS;
  const startIso = new Date(windowStart).toISOString();
  const keyOf = (productId: number, warehouseId: number) => (opts.byProduct ? String(productId) : pairKey(productId, warehouseId));
  const filter = opts.warehouseId !== undefined ? { warehouseId: opts.warehouseId } : {};
  const opening = new Map<string, number>();
  for (const o of await onHandBefore(db, startIso, filter)) opening.set(keyOf(o.productId, o.warehouseId), (opening.get(keyOf(o.productId, o.warehouseId)) ?? 0) + o.onHand);
  const deltas = new Map<string, { at: number; delta: number }[]>();
  for (const m of await onHandMovementsSince(db, startIso, filter)) {
    const key = keyOf(m.productId, m.warehouseId);
    const list = deltas.get(key) ?? [];
    list.push({ at: Date.parse(m.at), delta: m.delta });
    deltas.set(key, list);
  }
  const out = new Map<string, number>();
  for (const key of new Set([...opening.keys(), ...deltas.keys()])) {
    out.set(key, averageDailyBalance(opening.get(key) ?? 0, deltas.get(key) ?? [], windowStart, WINDOW_DAYS));
  }
  return out;
}

const SEVERITY: Record<CoverStatus, number> = { 'stockout-risk': 0, reorder: 1, ok: 2, 'no-sales': 3 };

/**
 * Days of cover per unit SKU × place, as of `now`. A pair appears when it has stock, sales in 90 days or open PO
 * units. On order counts draft POs too: a draft made from the plan must stop the plan suggesting the same units again.
 * Rows come most urgent first.
 */
export async function coverReport(db: Queryable, opts: { now: Date; warehouseId?: number; productIds?: readonly number[]; reviewDays?: number }): Promise<CoverRow[]> {
  const now = opts.now.getTime();
  const reviewDays = opts.reviewDays ?? DEFAULT_REVIEW_DAYS;
  const wanted = (productId: number, warehouseId: number | null): warehouseId is number =>
    warehouseId !== null && (opts.warehouseId === undefined || warehouseId === opts.warehouseId) && (!opts.productIds || opts.productIds.includes(productId));

  const sold = new Map<string, SoldWindows>();
  for (const s of await salesInWindow(db, now)) if (wanted(s.productId, s.warehouseId)) addSale(sold, pairKey(s.productId, s.warehouseId), s);
  const levels = new Map(
    (await stockLevels(db, opts.warehouseId !== undefined ? { warehouseId: opts.warehouseId } : {})).filter((l) => wanted(l.productId, l.warehouseId)).map((l) => [pairKey(l.productId, l.warehouseId), l]),
  );
  const onOrder = new Map((await openOrderQuantities(db, openPurchaseOrderStatuses)).filter((o) => wanted(o.productId, o.warehouseId) && o.open > 0).map((o) => [pairKey(o.productId, o.warehouseId), o.open]));

  const keys = new Set([...sold.keys(), ...onOrder.keys(), ...[...levels].filter(([, l]) => l.onHand !== 0 || l.reserved !== 0 || l.inTransit !== 0).map(([k]) => k)]);
  const pairs = [...keys].map((k) => k.split(':').map(Number) as [number, number]);
  const products = await replenishmentProducts(db, pairs.map(([p]) => p));
  const codes = await warehouseCodes(db);
  const averages = await averageOnHandByKey(db, now, opts.warehouseId !== undefined ? { warehouseId: opts.warehouseId } : {});

  const rows: CoverRow[] = [];
  for (const [productId, warehouseId] of pairs) {
    const product = products.get(productId);
    if (!product || product.kind !== 'unit') continue;
    const key = pairKey(productId, warehouseId);
    const windows = sold.get(key) ?? { sold7: 0, sold30: 0, sold90: 0 };
    const level = levels.get(key);
    const available = level?.available ?? 0;
    const inTransit = level?.inTransit ?? 0;
    const ordered = onOrder.get(key) ?? 0;
    const position = available + inTransit + ordered;
    const velocity = blendedVelocity(windows);
    const leadTimeDays = product.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
    const safetyDays = product.safetyDays ?? DEFAULT_SAFETY_DAYS;
    const casePack = product.caseUnits && product.caseUnits > 0 ? product.caseUnits : 1;
    const rop = reorderPoint(velocity, leadTimeDays, safetyDays);
    const status = coverStatus({ velocity, position, leadTimeDays, reorderPoint: rop });
    rows.push({
      productId,
      sku: product.sku,
      name: product.name,
      warehouseId,
      warehouseCode: codes.get(warehouseId) ?? String(warehouseId),
      ...windows,
      velocity: Math.round(velocity * 1000) / 1000,
      available,
      inTransit,
      onOrder: ordered,
      daysOfCover: daysOfCover(position, velocity),
      supplierId: product.supplierId,
      supplierName: product.supplierName,
      leadTimeDays,
      safetyDays,
      reorderPoint: rop,
      suggestedQuantity: status === 'reorder' || status === 'stockout-risk' ? suggestedQuantity({ velocity, position, leadTimeDays, safetyDays, reviewDays, casePack }) : 0,
      casePack,
      status,
      turnover90: turnover(windows.sold90, averages.get(key) ?? 0),
    });
  }
  return rows.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity) || a.sku.localeCompare(b.sku) || a.warehouseCode.localeCompare(b.warehouseCode));
}

/**
 * Inventory turnover per SKU over the last 90 days, across every place: units sold (sales whose place is unknown
 * included) ÷ the average of the daily on-hand totals rebuilt from the ledger. Not annualised: × 365/90 for a year.
 */
export async function turnoverReport(db: Queryable, opts: { now: Date; productIds?: readonly number[] }): Promise<TurnoverRow[]> {
  const now = opts.now.getTime();
  const wanted = (productId: number) => !opts.productIds || opts.productIds.includes(productId);
  const sold = new Map<number, number>();
  for (const s of await salesInWindow(db, now)) if (wanted(s.productId)) sold.set(s.productId, (sold.get(s.productId) ?? 0) + s.quantity);
  const averages = await averageOnHandByKey(db, now, { byProduct: true });
  const ids = new Set([...sold.keys(), ...[...averages.keys()].map(Number).filter(wanted)]);
  const products = await replenishmentProducts(db, [...ids]);
  const rows: TurnoverRow[] = [];
  for (const productId of ids) {
    const product = products.get(productId);
    if (!product || product.kind !== 'unit') continue;
    const averageOnHand = averages.get(String(productId)) ?? 0;
    const sold90 = sold.get(productId) ?? 0;
    rows.push({ productId, sku: product.sku, name: product.name, sold90, averageOnHand: Math.round(averageOnHand * 100) / 100, turnover90: turnover(sold90, averageOnHand) });
  }
  return rows.sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * What to buy for one warehouse: the cover rows that need an order, grouped by supplier, each line priced at the
 * latest cost recorded in the supplier's currency (null when there is none; the buyer fills it in).
 */
export async function purchasePlan(db: Queryable, opts: { now: Date; warehouseId: number; reviewDays?: number }): Promise<PurchasePlanGroup[]> {
  const rows = (await coverReport(db, opts)).filter((r) => r.suggestedQuantity > 0);
  const products = await replenishmentProducts(db, rows.map((r) => r.productId));
  const today = opts.now.toISOString().slice(0, 10);
  const groups = new Map<number | null, PurchasePlanGroup>();
  for (const row of rows) {
    const product = products.get(row.productId);
    const group = groups.get(row.supplierId) ?? {
      supplierId: row.supplierId,
      supplierName: row.supplierName,
      currency: product?.supplierCurrency ?? null,
      leadTimeDays: row.leadTimeDays,
      lines: [],
      estimatedTotalMinor: 0,
    };
    group.lines.push({ ...row, unitCostMinor: null });
    groups.set(row.supplierId, group);
  }
  for (const group of groups.values()) {
    if (!group.currency) continue;
    const costs = await latestCosts(db, group.lines.map((l) => l.productId), group.currency, today);
    group.lines = group.lines.map((l): PlanLine => ({ ...l, unitCostMinor: costs.get(l.productId) ?? null }));
    group.estimatedTotalMinor = group.lines.reduce((sum, l) => sum + l.suggestedQuantity * (l.unitCostMinor ?? 0), 0);
  }
  return [...groups.values()].sort((a, b) => (a.supplierName === null ? 1 : b.supplierName === null ? -1 : a.supplierName.localeCompare(b.supplierName)));
}
