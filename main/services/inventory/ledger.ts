import type { Knex } from 'knex';
import { movementKinds, type MovementKind, type StockLevel } from '../../../shared/domain/inventory';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { addToLevel, insertMovement, pairKey, productsByIds, selectLevels, type Quantities } from '../../db/repositories/stock.repo';
import { findWarehouse } from '../../db/repositories/warehouses.repo';

export { movementKinds };
export type { MovementKind, StockLevel };

export interface MovementInput {
  productId: number;
  warehouseId: number;
  kind: MovementKind;
  /** Signed deltas, default 0; at least one is non-zero. */
  onHand?: number;
  reserved?: number;
  inTransit?: number;
  reason?: string;
  note?: string;
  refType?: string;
  refId?: string;
}

export interface LedgerContext {
  actor: string;
  now: string;
}

/** Column widths of stock_movements: PostgreSQL enforces them, so they are checked here for SQLite too. */
const TEXT_LIMITS = { reason: 40, refType: 20, refId: 60, note: 1000 } as const;

const MAX_DELTA = 1_000_000_000;

function validate(m: MovementInput, index: number): Quantities {
  const bad = (field: string, reason: string) => new AppError('invalid-input', { field, reason, index });
  if (!Number.isSafeInteger(m.productId) || m.productId <= 0) throw bad('productId', 'not-an-id');
  if (!Number.isSafeInteger(m.warehouseId) || m.warehouseId <= 0) throw bad('warehouseId', 'not-an-id');
  if (!(movementKinds as readonly string[]).includes(m.kind)) throw bad('kind', 'unknown');
  const delta = { onHand: m.onHand ?? 0, reserved: m.reserved ?? 0, inTransit: m.inTransit ?? 0 };
  for (const [field, value] of Object.entries(delta)) {
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_DELTA) throw bad(field, 'not-an-integer');
  }
  if (delta.onHand === 0 && delta.reserved === 0 && delta.inTransit === 0) throw bad('onHand', 'no-change');
  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const text = m[field as keyof typeof TEXT_LIMITS];
    if (text !== undefined && (typeof text !== 'string' || text.length > max)) throw bad(field, 'too-long');
  }
  return delta;
}

interface Pair {
  productId: number;
  warehouseId: number;
  before: Quantities;
  delta: Quantities;
  lastMovementId: number;
}

const available = (q: Quantities): number => q.onHand - q.reserved;
const plus = (a: Quantities, b: Quantities): Quantities => ({ onHand: a.onHand + b.onHand, reserved: a.reserved + b.reserved, inTransit: a.inTransit + b.inTransit });

/**
 * Decides whether a balance may take its net change. Reserved and in-transit are counts of real things and never go
 * below zero. On-hand and available may only go (further) below zero for a product sold on backorder; a balance that
 * is already negative (backorder switched off later) may still be raised, or receiving would be blocked.
 */
function refusal(before: Quantities, after: Quantities, backorder: boolean): { reason: string; have: number; requested: number } | null {
  if (after.reserved < 0) return { reason: 'insufficient-reserved', have: before.reserved, requested: before.reserved - after.reserved };
  if (after.inTransit < 0) return { reason: 'insufficient-in-transit', have: before.inTransit, requested: before.inTransit - after.inTransit };
  if (backorder) return null;
  if (after.onHand < 0 && after.onHand < before.onHand) return { reason: 'insufficient-stock', have: Math.max(0, available(before)), requested: before.onHand - after.onHand };
  if (available(after) < 0 && available(after) < available(before)) return { reason: 'insufficient-stock', have: Math.max(0, available(before)), requested: available(before) - available(after) };
  return null;
}

/**
 * Appends the rows and updates `stock_levels` in the caller's transaction, so a movement and its balance (and whatever
 * business change caused it) commit together. Checks run on each balance's net change, so one posting can pick from
 * stock that an earlier row of the same posting received. Returns the ids of the new rows, in input order, and the
 * new balance of every touched product × warehouse.
 */
export async function recordMovements(trx: Knex.Transaction, movements: readonly MovementInput[], ctx: LedgerContext): Promise<{ movementIds: number[]; levels: StockLevel[] }> {
  if (!trx.isTransaction) throw new Error('stock movements must be posted inside a transaction');
  if (movements.length === 0) return { movementIds: [], levels: [] };
  const deltas = movements.map(validate);

  const products = await productsByIds(trx, movements.map((m) => m.productId));
  for (const m of movements) {
    const product = products.get(m.productId);
    if (!product) throw new AppError('not-found', { entity: 'product', id: m.productId });
    if (product.kind === 'bundle') throw new AppError('invalid-input', { field: 'productId', reason: 'bundle-holds-no-stock', sku: product.sku });
  }
  const warehouseCodes = new Map<number, string>();
  for (const warehouseId of new Set(movements.map((m) => m.warehouseId))) {
    const warehouse = await findWarehouse(trx, warehouseId);
    if (!warehouse) throw new AppError('not-found', { entity: 'warehouse', id: warehouseId });
    warehouseCodes.set(warehouseId, warehouse.code);
  }

  const current = new Map((await selectLevels(trx, { productIds: movements.map((m) => m.productId) })).map((l) => [pairKey(l.productId, l.warehouseId), l]));
  const pairs = new Map<string, Pair>();
  movements.forEach((m, i) => {
    const key = pairKey(m.productId, m.warehouseId);
    const known = current.get(key);
    const pair = pairs.get(key) ?? { productId: m.productId, warehouseId: m.warehouseId, before: known ? { onHand: known.onHand, reserved: known.reserved, inTransit: known.inTransit } : { onHand: 0, reserved: 0, inTransit: 0 }, delta: { onHand: 0, reserved: 0, inTransit: 0 }, lastMovementId: 0 };
    pair.delta = plus(pair.delta, deltas[i] as Quantities);
    pairs.set(key, pair);
  });
  for (const pair of pairs.values()) {
    const product = products.get(pair.productId);
    const refused = product && refusal(pair.before, plus(pair.before, pair.delta), product.allowBackorder);
    if (product && refused) {
      const params = { reason: refused.reason, sku: product.sku, warehouse: warehouseCodes.get(pair.warehouseId) ?? String(pair.warehouseId), requested: refused.requested };
      throw new AppError('conflict', refused.reason === 'insufficient-stock' ? { ...params, available: refused.have } : { ...params, have: refused.have });
    }
  }

  const movementIds: number[] = [];
  for (const [i, m] of movements.entries()) {
    const delta = deltas[i] as Quantities;
    const id = await insertMovement(trx, {
      product_id: m.productId,
      warehouse_id: m.warehouseId,
      kind: m.kind,
      on_hand_delta: delta.onHand,
      reserved_delta: delta.reserved,
      in_transit_delta: delta.inTransit,
      reason: m.reason ?? null,
      note: m.note ?? null,
      ref_type: m.refType ?? null,
      ref_id: m.refId ?? null,
      actor: ctx.actor,
      created_at: ctx.now,
    });
    movementIds.push(id);
    const pair = pairs.get(pairKey(m.productId, m.warehouseId));
    if (pair) pair.lastMovementId = id;
  }
  for (const pair of pairs.values()) await addToLevel(trx, pair.productId, pair.warehouseId, pair.delta, pair.lastMovementId);

  const levels = [...pairs.values()].map((p) => {
    const after = plus(p.before, p.delta);
    return { productId: p.productId, warehouseId: p.warehouseId, ...after, available: available(after) };
  });
  return { movementIds, levels };
}

/**
 * Appends the rows and updates stock_levels in the caller's transaction. Refuses (AppError 'conflict', params
 * { reason: 'insufficient-stock', sku, warehouse, available, requested }) when available or on hand would go below 0
 * unless the product allows backorders; refuses bundles ('invalid-input', reason 'bundle-holds-no-stock'); reserved
 * and in transit never go below 0 (reasons 'insufficient-reserved' / 'insufficient-in-transit'). A refusal throws
 * before any row is written. Returns the new levels of every touched product × warehouse.
 */
export async function postMovements(trx: Knex.Transaction, movements: readonly MovementInput[], ctx: LedgerContext): Promise<StockLevel[]> {
  return (await recordMovements(trx, movements, ctx)).levels;
}

export async function stockLevels(db: Queryable, filter: { productIds?: number[]; warehouseId?: number }): Promise<StockLevel[]> {
  return selectLevels(db, filter);
}
