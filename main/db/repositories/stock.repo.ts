import type { Knex } from 'knex';
import type { LedgerEntry, MovementKind, OpenTransfer, StockLevel, WarehouseKind } from '../../../shared/domain/inventory';
import type { Queryable } from '../connection';

/** Keeps every IN (…) list far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

export interface MovementRow {
  product_id: number;
  warehouse_id: number;
  kind: MovementKind;
  on_hand_delta: number;
  reserved_delta: number;
  in_transit_delta: number;
  reason: string | null;
  note: string | null;
  ref_type: string | null;
  ref_id: string | null;
  actor: string;
  created_at: string;
}

interface LevelRow {
  product_id: number;
  warehouse_id: number;
  on_hand: number;
  reserved: number;
  in_transit: number;
}

export interface Quantities {
  onHand: number;
  reserved: number;
  inTransit: number;
}

export const pairKey = (productId: number, warehouseId: number): string => `${productId}:${warehouseId}`;

const toLevel = (r: LevelRow): StockLevel => ({
  productId: r.product_id,
  warehouseId: r.warehouse_id,
  onHand: Number(r.on_hand),
  reserved: Number(r.reserved),
  inTransit: Number(r.in_transit),
  available: Number(r.on_hand) - Number(r.reserved),
});

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function insertMovement(db: Queryable, row: MovementRow): Promise<number> {
  const [inserted] = await db('stock_movements').insert(row, ['id']);
  return typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
}

/**
 * Adds the deltas to a balance, creating it at zero first. The increment happens in SQL (not read-modify-write), so
 * the cache stays the exact sum of the ledger even if two writers ever meet on PostgreSQL.
 */
export async function addToLevel(db: Queryable, productId: number, warehouseId: number, delta: Quantities, lastMovementId: number): Promise<void> {
  await db('stock_levels')
    .insert({ product_id: productId, warehouse_id: warehouseId, on_hand: delta.onHand, reserved: delta.reserved, in_transit: delta.inTransit, last_movement_id: lastMovementId })
    .onConflict(['product_id', 'warehouse_id'])
    .merge({
      on_hand: db.raw('?? + excluded.on_hand', ['stock_levels.on_hand']),
      reserved: db.raw('?? + excluded.reserved', ['stock_levels.reserved']),
      in_transit: db.raw('?? + excluded.in_transit', ['stock_levels.in_transit']),
      last_movement_id: db.raw('excluded.last_movement_id'),
    });
}

export async function selectLevels(db: Queryable, filter: { productIds?: readonly number[]; warehouseId?: number }): Promise<StockLevel[]> {
  const base = () => {
    const q = db<LevelRow>('stock_levels').select('product_id', 'warehouse_id', 'on_hand', 'reserved', 'in_transit').orderBy(['product_id', 'warehouse_id']);
    if (filter.warehouseId !== undefined) q.where('warehouse_id', filter.warehouseId);
    return q;
  };
  if (!filter.productIds) return (await base()).map(toLevel);
  const rows: StockLevel[] = [];
  for (const ids of chunks([...new Set(filter.productIds)])) rows.push(...(await base().whereIn('product_id', ids)).map(toLevel));
  return rows.sort((a, b) => a.productId - b.productId || a.warehouseId - b.warehouseId);
}

/** The balances the ledger rows add up to, per product × warehouse. */
export async function ledgerTotals(db: Queryable): Promise<(Quantities & { productId: number; warehouseId: number })[]> {
  const rows = await db('stock_movements')
    .select('product_id', 'warehouse_id')
    .sum({ on_hand: 'on_hand_delta', reserved: 'reserved_delta', in_transit: 'in_transit_delta' })
    .groupBy('product_id', 'warehouse_id')
    .orderBy(['product_id', 'warehouse_id']);
  return (rows as LevelRow[]).map((r) => ({ productId: r.product_id, warehouseId: r.warehouse_id, onHand: Number(r.on_hand), reserved: Number(r.reserved), inTransit: Number(r.in_transit) }));
}

/** What is still held for one reference (an order, a transfer): the ledger's sums over its rows, per place. */
export async function outstandingForRef(db: Queryable, refType: string, refId: string): Promise<(Quantities & { productId: number; warehouseId: number })[]> {
  const rows = await db('stock_movements')
    .where({ ref_type: refType, ref_id: refId })
    .select('product_id', 'warehouse_id')
    .sum({ on_hand: 'on_hand_delta', reserved: 'reserved_delta', in_transit: 'in_transit_delta' })
    .groupBy('product_id', 'warehouse_id')
    .orderBy(['product_id', 'warehouse_id']);
  return (rows as LevelRow[]).map((r) => ({ productId: r.product_id, warehouseId: r.warehouse_id, onHand: Number(r.on_hand), reserved: Number(r.reserved), inTransit: Number(r.in_transit) }));
}

export async function movementsForRef(db: Queryable, refType: string, refId: string): Promise<(MovementRow & { id: number })[]> {
  return db('stock_movements').where({ ref_type: refType, ref_id: refId }).orderBy('id').select<(MovementRow & { id: number })[]>('*');
}

export async function listMovements(db: Queryable, productId: number, opts: { warehouseId?: number; beforeId?: number; limit: number }): Promise<LedgerEntry[]> {
  const q = db('stock_movements as m')
    .join('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.product_id', productId)
    .select<(MovementRow & { id: number; warehouse_code: string })[]>('m.*', 'w.code as warehouse_code')
    .orderBy('m.id', 'desc')
    .limit(opts.limit);
  if (opts.warehouseId !== undefined) q.where('m.warehouse_id', opts.warehouseId);
  if (opts.beforeId !== undefined) q.where('m.id', '<', opts.beforeId);
  return (await q).map((r) => ({
    id: r.id,
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    warehouseCode: r.warehouse_code,
    kind: r.kind,
    onHandDelta: r.on_hand_delta,
    reservedDelta: r.reserved_delta,
    inTransitDelta: r.in_transit_delta,
    reason: r.reason,
    note: r.note,
    refType: r.ref_type,
    refId: r.ref_id,
    actor: r.actor,
    createdAt: r.created_at,
  }));
}

export interface StockedProduct {
  id: number;
  sku: string;
  name: string;
}

/** LIKE wildcards typed by the user are matched literally. */
const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Unit products for the inventory screen, by SKU; bundles hold no stock of their own. An archived product still shows
 * while any balance of it exists. `search` matches the SKU or name (any case) or exactly one of the product's codes.
 */
export async function pageStockedProducts(db: Queryable, opts: { search?: string; warehouseId?: number; limit: number; offset: number }): Promise<{ rows: StockedProduct[]; total: number }> {
  const hasLevel = (q: Knex.QueryBuilder, warehouseId?: number) => {
    q.select(db.raw('1')).from('stock_levels as l').whereRaw('?? = ??', ['l.product_id', 'p.id']);
    if (warehouseId !== undefined) q.where('l.warehouse_id', warehouseId);
  };
  const filtered = () => {
    const q = db('products as p').where('p.kind', 'unit');
    q.where((w) => w.whereNull('p.archived_at').orWhereExists((s) => hasLevel(s)));
    if (opts.warehouseId !== undefined) q.whereExists((s) => hasLevel(s, opts.warehouseId));
    const search = opts.search?.trim();
    if (search) {
      const pattern = likePattern(search);
      q.where((w) =>
        w
          .whereRaw('lower(??) like ? escape ?', ['p.sku', pattern, '\\'])
          .orWhereRaw('lower(??) like ? escape ?', ['p.name', pattern, '\\'])
          .orWhereExists((s) => s.select(db.raw('1')).from('product_codes as c').whereRaw('?? = ??', ['c.product_id', 'p.id']).where('c.code', search)),
      );
    }
    return q;
  };
  const counted = await filtered().count({ n: '*' }).first<{ n: number | string } | undefined>();
  const rows = await filtered().select<StockedProduct[]>('p.id', 'p.sku', 'p.name').orderBy('p.sku').limit(opts.limit).offset(opts.offset);
  return { rows, total: Number(counted?.n ?? 0) };
}

export interface PlaceLevel extends StockLevel {
  warehouseCode: string;
  warehouseKind: WarehouseKind;
}

export async function levelsWithPlaces(db: Queryable, productIds: readonly number[]): Promise<PlaceLevel[]> {
  const out: PlaceLevel[] = [];
  for (const ids of chunks(productIds)) {
    const rows = await db('stock_levels as l')
      .join('warehouses as w', 'w.id', 'l.warehouse_id')
      .whereIn('l.product_id', ids)
      .select<(LevelRow & { code: string; kind: WarehouseKind })[]>('l.product_id', 'l.warehouse_id', 'l.on_hand', 'l.reserved', 'l.in_transit', 'w.code', 'w.kind')
      .orderBy(['l.product_id', 'w.code']);
    out.push(...rows.map((r) => ({ ...toLevel(r), warehouseCode: r.code, warehouseKind: r.kind })));
  }
  return out;
}

export async function hasStock(db: Queryable, warehouseId: number): Promise<boolean> {
  const row = await db('stock_levels')
    .where('warehouse_id', warehouseId)
    .where((w) => w.whereNot('on_hand', 0).orWhereNot('reserved', 0).orWhereNot('in_transit', 0))
    .first('product_id');
  return row !== undefined;
}

export interface StockProduct {
  id: number;
  sku: string;
  name: string;
  kind: 'unit' | 'bundle';
  allowBackorder: boolean;
}

/** The product facts the ledger and bundle expansion decide by. */
export async function productsByIds(db: Queryable, ids: readonly number[]): Promise<Map<number, StockProduct>> {
  const out = new Map<number, StockProduct>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db('products')
      .whereIn('id', part)
      .select<{ id: number; sku: string; name: string; kind: 'unit' | 'bundle'; allow_backorder: number | boolean }[]>('id', 'sku', 'name', 'kind', 'allow_backorder');
    for (const r of rows) out.set(r.id, { id: r.id, sku: r.sku, name: r.name, kind: r.kind, allowBackorder: Boolean(r.allow_backorder) });
  }
  return out;
}

export async function bundleComponents(db: Queryable, bundleIds: readonly number[]): Promise<{ bundleId: number; componentId: number; quantity: number }[]> {
  const out: { bundleId: number; componentId: number; quantity: number }[] = [];
  for (const part of chunks([...new Set(bundleIds)])) {
    const rows = await db('bundle_components')
      .whereIn('bundle_id', part)
      .select<{ bundle_id: number; component_id: number; quantity: number }[]>('bundle_id', 'component_id', 'quantity')
      .orderBy(['bundle_id', 'component_id']);
    out.push(...rows.map((r) => ({ bundleId: r.bundle_id, componentId: r.component_id, quantity: r.quantity })));
  }
  return out;
}

/** Transfers shipped and not yet received, oldest first: the in-transit leg with no transfer-in under the same ref. */
export async function listOpenTransfers(db: Queryable, opts: { warehouseId?: number } = {}): Promise<OpenTransfer[]> {
  const q = db('stock_movements as t')
    .join('stock_movements as o', function () {
      this.on('o.ref_id', '=', 't.ref_id').andOn('o.ref_type', '=', 't.ref_type').andOnVal('o.kind', '=', 'transfer-out');
    })
    .join('products as p', 'p.id', 't.product_id')
    .join('warehouses as wf', 'wf.id', 'o.warehouse_id')
    .join('warehouses as wt', 'wt.id', 't.warehouse_id')
    .where({ 't.ref_type': 'transfer', 't.kind': 'in-transit' })
    .whereNotExists(function () {
      this.select(db.raw('1')).from('stock_movements as r').whereRaw('r.ref_type = t.ref_type and r.ref_id = t.ref_id').andWhere('r.kind', 'transfer-in');
    })
    .orderBy('t.id')
    .select<
      { ref_id: string; product_id: number; sku: string; name: string; from_id: number; from_code: string; to_id: number; to_code: string; in_transit_delta: number; created_at: string; actor: string; note: string | null }[]
    >('t.ref_id', 't.product_id', 'p.sku', 'p.name', 'wf.id as from_id', 'wf.code as from_code', 'wt.id as to_id', 'wt.code as to_code', 't.in_transit_delta', 't.created_at', 't.actor', 't.note');
  if (opts.warehouseId !== undefined) q.where((w) => w.where('t.warehouse_id', opts.warehouseId!).orWhere('o.warehouse_id', opts.warehouseId!));
  return (await q).map((r) => ({
    transferId: r.ref_id,
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    fromWarehouseId: r.from_id,
    fromWarehouseCode: r.from_code,
    toWarehouseId: r.to_id,
    toWarehouseCode: r.to_code,
    quantity: r.in_transit_delta,
    shippedAt: r.created_at,
    shippedBy: r.actor,
    note: r.note,
  }));
}
