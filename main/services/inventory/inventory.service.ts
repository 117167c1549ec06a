import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import {
  adjustInputSchema,
  levelsQuerySchema,
  movementsQuerySchema,
  orderLinesSchema,
  transferInputSchema,
  type AdjustInput,
  type AdjustmentReason,
  type InventoryRow,
  type LedgerEntry,
  type LevelDifference,
  type LevelsQuery,
  type MovementsQuery,
  type OrderLine,
  type StockLevel,
  type TransferInput,
} from '../../../shared/domain/inventory';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { ledgerTotals, levelsWithPlaces, listMovements, listOpenTransfers, movementsForRef, outstandingForRef, pageStockedProducts, pairKey, selectLevels } from '../../db/repositories/stock.repo';
import { findWarehouse } from '../../db/repositories/warehouses.repo';
import type { AuditFn } from '../audit.service';
import { expandBundles } from './bundles';
import { recordMovements, type MovementInput } from './ledger';
import { parseInput } from '../validate';

export type StockChangedHook = (trx: Knex.Transaction, productIds: number[]) => Promise<void>;

const refIdSchema = z.string().trim().min(1).max(60);
const idSchema = z.number().int().positive();

/** A reason that names a direction only makes sense that way round: a typo of +5 "damaged" would invent stock. */
const REASON_SIGN: Partial<Record<AdjustmentReason, 1 | -1>> = { found: 1, damaged: -1, lost: -1, sample: -1 };

/**
 * The clerk-facing side of the ledger (adjust, transfer) and the order-facing side (reserve, release, ship), plus the
 * read models of the inventory screen. Every posting calls `onStockChanged` inside its transaction, so work that must
 * follow a stock change (queueing an FBM quantity push) commits with it or not at all.
 */
export function createInventoryService(deps: { db: Db; clock: Clock; audit: AuditFn; actor: string; onStockChanged?: StockChangedHook }) {
  async function post(trx: Knex.Transaction, movements: MovementInput[]): Promise<{ movementIds: number[]; levels: StockLevel[] }> {
    const result = await recordMovements(trx, movements, { actor: deps.actor, now: deps.clock.now().toISOString() });
    if (movements.length > 0) await deps.onStockChanged?.(trx, [...new Set(movements.map((m) => m.productId))]);
    return result;
  }

  /** Clerks post only to places in use; the ledger itself still accepts Amazon's corrections anywhere. */
  async function openWarehouse(db: Queryable, id: number, field: string) {
    const warehouse = await findWarehouse(db, id);
    if (!warehouse) throw new AppError('not-found', { entity: 'warehouse', id });
    if (warehouse.archivedAt) throw new AppError('invalid-input', { field, reason: 'warehouse-archived' });
    return warehouse;
  }

  /** A clerk's correction after a count (盘点) or a loss (报损). */
  async function adjust(input: AdjustInput): Promise<{ movementId: number; level: StockLevel }> {
    const a = parseInput(adjustInputSchema, input);
    const sign = REASON_SIGN[a.reason];
    if (sign !== undefined && Math.sign(a.delta) !== sign) throw new AppError('invalid-input', { field: 'delta', reason: sign > 0 ? 'must-be-positive' : 'must-be-negative' });
    return deps.db.transaction(async (trx) => {
      await openWarehouse(trx, a.warehouseId, 'warehouseId');
      const { movementIds, levels } = await post(trx, [{ productId: a.productId, warehouseId: a.warehouseId, kind: 'adjust', onHand: a.delta, reason: a.reason, ...(a.note ? { note: a.note } : {}) }]);
      const [movementId, level] = [movementIds[0], levels[0]];
      if (movementId === undefined || level === undefined) throw new Error('an adjustment posted no row');
      await deps.audit(trx, { action: 'stock.adjust', entity: 'product', entityId: String(a.productId), detail: { warehouseId: a.warehouseId, delta: a.delta, reason: a.reason, movementId } });
      return { movementId, level };
    });
  }

  /** Ships stock between places: it leaves the source now and shows as in transit at the destination until received. */
  async function transfer(input: TransferInput): Promise<{ transferId: string; levels: StockLevel[] }> {
    const t = parseInput(transferInputSchema, input);
    return deps.db.transaction(async (trx) => {
      await openWarehouse(trx, t.fromWarehouseId, 'fromWarehouseId');
      await openWarehouse(trx, t.toWarehouseId, 'toWarehouseId');
      const transferId = randomUUID();
      const ref = { refType: 'transfer', refId: transferId, ...(t.note ? { note: t.note } : {}) };
      const { levels } = await post(trx, [
        { productId: t.productId, warehouseId: t.fromWarehouseId, kind: 'transfer-out', onHand: -t.quantity, ...ref },
        { productId: t.productId, warehouseId: t.toWarehouseId, kind: 'in-transit', inTransit: t.quantity, ...ref },
      ]);
      await deps.audit(trx, { action: 'stock.transfer', entity: 'product', entityId: String(t.productId), detail: { transferId, from: t.fromWarehouseId, to: t.toWarehouseId, quantity: t.quantity } });
      return { transferId, levels };
    });
  }

  /** The destination books the goods in. Receiving twice (a double click, a retried call) changes nothing the second time. */
  async function receiveTransfer(transferId: string): Promise<{ received: boolean; levels: StockLevel[] }> {
    const id = parseInput(refIdSchema, transferId);
    return deps.db.transaction(async (trx) => {
      const rows = await movementsForRef(trx, 'transfer', id);
      const shipped = rows.find((r) => r.kind === 'in-transit');
      if (!shipped) throw new AppError('not-found', { entity: 'transfer', id });
      if (rows.some((r) => r.kind === 'transfer-in')) {
        return { received: false, levels: await selectLevels(trx, { productIds: [shipped.product_id], warehouseId: shipped.warehouse_id }) };
      }
      const quantity = shipped.in_transit_delta;
      const { levels } = await post(trx, [{ productId: shipped.product_id, warehouseId: shipped.warehouse_id, kind: 'transfer-in', inTransit: -quantity, onHand: quantity, refType: 'transfer', refId: id }]);
      await deps.audit(trx, { action: 'stock.receive-transfer', entity: 'product', entityId: String(shipped.product_id), detail: { transferId: id, warehouseId: shipped.warehouse_id, quantity } });
      return { received: true, levels };
    });
  }

  /**
   * Holds stock for an order's lines (bundles as their components) at one warehouse, in the caller's transaction. An
   * order holds once per warehouse: a repeated call while it still holds there (a re-synced order) is a no-op returning
   * []; a split order reserves at each of its warehouses, and an order released earlier can be reserved again.
   */
  async function reserveForOrder(trx: Knex.Transaction, input: { orderId: string; warehouseId: number; lines: OrderLine[] }): Promise<StockLevel[]> {
    const orderId = parseInput(refIdSchema, input.orderId);
    const warehouseId = parseInput(idSchema, input.warehouseId);
    const lines = parseInput(orderLinesSchema, input.lines);
    const held = await outstandingForRef(trx, 'order', orderId);
    if (held.some((h) => h.warehouseId === warehouseId && h.reserved > 0)) return [];
    await openWarehouse(trx, warehouseId, 'warehouseId');
    const units = await expandBundles(trx, lines);
    const { levels } = await post(trx, units.map((u) => ({ productId: u.productId, warehouseId, kind: 'reserve' as const, reserved: u.quantity, refType: 'order', refId: orderId })));
    return levels;
  }

  /** What an order still holds, per component and place. */
  async function heldFor(trx: Knex.Transaction, orderId: string) {
    const id = parseInput(refIdSchema, orderId);
    return { id, held: (await outstandingForRef(trx, 'order', id)).filter((h) => h.reserved > 0) };
  }

  /** Gives an order's remaining reservation back (cancelled order). Idempotent: nothing held, nothing posted. */
  async function releaseOrder(trx: Knex.Transaction, orderId: string): Promise<StockLevel[]> {
    const { id, held } = await heldFor(trx, orderId);
    const { levels } = await post(trx, held.map((h) => ({ productId: h.productId, warehouseId: h.warehouseId, kind: 'release' as const, reserved: -h.reserved, refType: 'order', refId: id })));
    return levels;
  }

  /**
   * The reserved units leave the building: on hand and reserved both drop. Idempotent like release. `warehouseId` ships
   * only what the order holds there: one package of a split shipment, whose other packages leave other warehouses later.
   */
  async function shipOrder(trx: Knex.Transaction, orderId: string, opts: { warehouseId?: number } = {}): Promise<StockLevel[]> {
    const { id, held: all } = await heldFor(trx, orderId);
    const held = opts.warehouseId === undefined ? all : all.filter((h) => h.warehouseId === opts.warehouseId);
    const { levels } = await post(trx, held.map((h) => ({ productId: h.productId, warehouseId: h.warehouseId, kind: 'ship' as const, onHand: -h.reserved, reserved: -h.reserved, refType: 'order', refId: id })));
    return levels;
  }

  /**
   * One row per SKU across every place, with the virtual total (虚拟总库存). `warehouseId` narrows the list to SKUs that
   * place has a balance for; each row still shows all places so the clerk sees where else the SKU is.
   */
  async function levels(query: LevelsQuery): Promise<{ rows: InventoryRow[]; total: number }> {
    const q = parseInput(levelsQuerySchema, query);
    const page = await pageStockedProducts(deps.db, { limit: q.limit, offset: q.offset, ...(q.search ? { search: q.search } : {}), ...(q.warehouseId !== undefined ? { warehouseId: q.warehouseId } : {}) });
    const places = await levelsWithPlaces(deps.db, page.rows.map((p) => p.id));
    const rows = page.rows.map((p): InventoryRow => {
      const mine = places.filter((l) => l.productId === p.id);
      const totals = mine.reduce((t, l) => ({ onHand: t.onHand + l.onHand, reserved: t.reserved + l.reserved, inTransit: t.inTransit + l.inTransit, available: t.available + l.available }), { onHand: 0, reserved: 0, inTransit: 0, available: 0 });
      return {
        productId: p.id,
        sku: p.sku,
        name: p.name,
        places: mine.map((l) => ({ warehouseId: l.warehouseId, warehouseCode: l.warehouseCode, warehouseKind: l.warehouseKind, onHand: l.onHand, reserved: l.reserved, inTransit: l.inTransit, available: l.available })),
        totals,
      };
    });
    return { rows, total: page.total };
  }

  /** The ledger of one product, newest first, paged by `beforeId` (the last row's id) while `hasMore`. */
  async function movements(productId: number, query: MovementsQuery): Promise<{ rows: LedgerEntry[]; hasMore: boolean }> {
    const id = parseInput(idSchema, productId);
    const q = parseInput(movementsQuerySchema, query);
    const rows = await listMovements(deps.db, id, { ...q, limit: q.limit + 1 });
    return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  /** Recomputes every balance from the ledger and lists where the cache disagrees; empty means consistent. */
  async function verify(): Promise<LevelDifference[]> {
    return deps.db.transaction(async (trx) => {
      const [ledger, cached] = [await ledgerTotals(trx), await selectLevels(trx, {})];
      const cache = new Map(cached.map((c) => [pairKey(c.productId, c.warehouseId), c]));
      const out: LevelDifference[] = [];
      for (const l of ledger) {
        const key = pairKey(l.productId, l.warehouseId);
        const c = cache.get(key);
        cache.delete(key);
        if (c && c.onHand === l.onHand && c.reserved === l.reserved && c.inTransit === l.inTransit) continue;
        out.push({ productId: l.productId, warehouseId: l.warehouseId, ledger: { onHand: l.onHand, reserved: l.reserved, inTransit: l.inTransit }, cached: c ? { onHand: c.onHand, reserved: c.reserved, inTransit: c.inTransit } : null });
      }
      // A balance with no ledger rows behind it must be zero.
      for (const c of cache.values()) {
        if (c.onHand !== 0 || c.reserved !== 0 || c.inTransit !== 0) {
          out.push({ productId: c.productId, warehouseId: c.warehouseId, ledger: { onHand: 0, reserved: 0, inTransit: 0 }, cached: { onHand: c.onHand, reserved: c.reserved, inTransit: c.inTransit } });
        }
      }
      return out;
    });
  }

  return { adjust, transfer, receiveTransfer, openTransfers: (opts: { warehouseId?: number } = {}) => listOpenTransfers(deps.db, opts), reserveForOrder, releaseOrder, shipOrder, levels, movements, verify };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
