import type { Bin, Warehouse, WarehouseKind } from '../../../shared/domain/inventory';
import type { Queryable } from '../connection';

interface WarehouseRow {
  id: number;
  code: string;
  name: string;
  kind: WarehouseKind;
  store_id: number | null;
  region: string | null;
  archived_at: string | null;
  created_at: string;
}

interface BinRow {
  id: number;
  warehouse_id: number;
  code: string;
  pick_order: number;
}

const toWarehouse = (r: WarehouseRow): Warehouse => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  storeId: r.store_id,
  region: r.region,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
});

const toBin = (r: BinRow): Bin => ({ id: r.id, warehouseId: r.warehouse_id, code: r.code, pickOrder: r.pick_order });

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number));

export async function listWarehouses(db: Queryable, opts: { includeArchived?: boolean } = {}): Promise<Warehouse[]> {
  const q = db<WarehouseRow>('warehouses').orderBy('code');
  if (!opts.includeArchived) q.whereNull('archived_at');
  return (await q).map(toWarehouse);
}

export async function findWarehouse(db: Queryable, id: number): Promise<Warehouse | undefined> {
  const row = await db<WarehouseRow>('warehouses').where({ id }).first();
  return row ? toWarehouse(row) : undefined;
}

export async function findWarehouseByCode(db: Queryable, code: string): Promise<Warehouse | undefined> {
  const row = await db<WarehouseRow>('warehouses').where({ code }).first();
  return row ? toWarehouse(row) : undefined;
}

export async function findFbaWarehouse(db: Queryable, storeId: number, region: string): Promise<Warehouse | undefined> {
  const row = await db<WarehouseRow>('warehouses').where({ store_id: storeId, region }).first();
  return row ? toWarehouse(row) : undefined;
}

export async function insertWarehouse(
  db: Queryable,
  w: { code: string; name: string; kind: WarehouseKind; storeId: number | null; region: string | null; createdAt: string },
): Promise<number> {
  const [row] = await db('warehouses').insert({ code: w.code, name: w.name, kind: w.kind, store_id: w.storeId, region: w.region, created_at: w.createdAt }, ['id']);
  return insertedId(row);
}

export async function updateWarehouse(db: Queryable, id: number, patch: { code?: string; name?: string; archivedAt?: string | null }): Promise<void> {
  const row: Partial<WarehouseRow> = {};
  if (patch.code !== undefined) row.code = patch.code;
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.archivedAt !== undefined) row.archived_at = patch.archivedAt;
  if (Object.keys(row).length > 0) await db('warehouses').where({ id }).update(row);
}

/**
 * The FBA warehouse of one store and region, created on first sight. Amazon pools a region's stock, so FBA quantities
 * from the inventory sync land here. Idempotent: the (store, region) pair is unique.
 */
export async function ensureFbaWarehouse(trx: Queryable, w: { storeId: number; region: string; name: string; now: string }): Promise<number> {
  const region = w.region.toLowerCase();
  const existing = await findFbaWarehouse(trx, w.storeId, region);
  if (existing) return existing.id;
  const base = `FBA-${w.storeId}-${region.toUpperCase()}`;
  // A clerk may already have used the natural code for a warehouse of their own; never fail a sync over a name.
  let code = base;
  for (let n = 2; await findWarehouseByCode(trx, code); n++) code = `${base}-${n}`;
  return insertWarehouse(trx, { code, name: w.name, kind: 'fba', storeId: w.storeId, region, createdAt: w.now });
}

export async function insertBin(db: Queryable, b: { warehouseId: number; code: string; pickOrder: number }): Promise<number> {
  const [row] = await db('bins').insert({ warehouse_id: b.warehouseId, code: b.code, pick_order: b.pickOrder }, ['id']);
  return insertedId(row);
}

export async function findBin(db: Queryable, id: number): Promise<Bin | undefined> {
  const row = await db<BinRow>('bins').where({ id }).first();
  return row ? toBin(row) : undefined;
}

export async function findBinByCode(db: Queryable, warehouseId: number, code: string): Promise<Bin | undefined> {
  const row = await db<BinRow>('bins').where({ warehouse_id: warehouseId, code }).first();
  return row ? toBin(row) : undefined;
}

export async function listBins(db: Queryable, warehouseId: number): Promise<Bin[]> {
  return (await db<BinRow>('bins').where({ warehouse_id: warehouseId }).orderBy(['pick_order', 'code'])).map(toBin);
}

/** Returns whether the link is new (assigning twice is harmless). */
export async function assignProductBin(db: Queryable, productId: number, binId: number): Promise<boolean> {
  const exists = await db('product_bins').where({ product_id: productId, bin_id: binId }).first('bin_id');
  if (exists) return false;
  await db('product_bins').insert({ product_id: productId, bin_id: binId });
  return true;
}

/** Returns whether a link was removed. */
export async function unassignProductBin(db: Queryable, productId: number, binId: number): Promise<boolean> {
  return (await db('product_bins').where({ product_id: productId, bin_id: binId }).delete()) > 0;
}

/** The first bin (by pick order) each product has in one warehouse. */
export async function firstBins(db: Queryable, warehouseId: number, productIds: readonly number[]): Promise<Map<number, { code: string; pickOrder: number }>> {
  const out = new Map<number, { code: string; pickOrder: number }>();
  if (productIds.length === 0) return out;
  const rows = await db('product_bins as pb')
    .join('bins as b', 'b.id', 'pb.bin_id')
    .where('b.warehouse_id', warehouseId)
    .whereIn('pb.product_id', [...new Set(productIds)])
    .select<{ product_id: number; code: string; pick_order: number }[]>('pb.product_id', 'b.code', 'b.pick_order')
    .orderBy([{ column: 'b.pick_order' }, { column: 'b.code' }]);
  for (const r of rows) if (!out.has(r.product_id)) out.set(r.product_id, { code: r.code, pickOrder: r.pick_order });
  return out;
}
