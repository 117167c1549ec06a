import type { Queryable } from '../connection';

/** A row of one of Amazon's per-marketplace mirrors (FBA inventory, listings), keyed by store, marketplace and SKU. */
interface SnapshotRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
}

const KEY = ['store_id', 'marketplace_id', 'seller_sku'];
/** Rows per statement: stays far below SQLite's and PostgreSQL's bound-parameter limits for these tables' widths. */
const CHUNK = 400;

/** Inserts new SKUs and overwrites known ones: Amazon's latest answer is the truth for every field it sends. */
export async function upsertSnapshotRows(db: Queryable, table: string, rows: readonly SnapshotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(KEY)
      .merge();
  }
}

/**
 * Makes one marketplace's mirror exactly `rows` (a complete scan or report): upserts them and deletes the SKUs Amazon
 * no longer has there. Call it inside a transaction so readers never see a half-replaced marketplace.
 */
export async function replaceSnapshot(db: Queryable, table: string, storeId: number, marketplaceId: string, rows: readonly SnapshotRow[]): Promise<{ removed: string[] }> {
  const stray = rows.find((r) => r.store_id !== storeId || r.marketplace_id !== marketplaceId);
  if (stray) throw new Error(`row for ${stray.store_id}/${stray.marketplace_id} passed to replace ${storeId}/${marketplaceId}`);
  const keep = new Set(rows.map((r) => r.seller_sku));
  const existing = await db(table).where({ store_id: storeId, marketplace_id: marketplaceId }).pluck<string[]>('seller_sku');
  // Computed here rather than with NOT IN (…every SKU…), which would exceed the parameter limit for a large catalogue.
  const removed = existing.filter((sku) => !keep.has(sku));
  for (let i = 0; i < removed.length; i += CHUNK) {
    await db(table)
      .where({ store_id: storeId, marketplace_id: marketplaceId })
      .whereIn('seller_sku', removed.slice(i, i + CHUNK))
      .delete();
  }
  await upsertSnapshotRows(db, table, rows);
  return { removed };
}

export async function listSnapshot<R>(db: Queryable, table: string, storeId: number, marketplaceId?: string): Promise<R[]> {
  const q = db(table).where({ store_id: storeId });
  if (marketplaceId !== undefined) q.andWhere({ marketplace_id: marketplaceId });
  return q.orderBy(['marketplace_id', 'seller_sku']) as Promise<R[]>;
}
