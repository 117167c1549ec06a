import type { Queryable } from '../connection';

/** Amazon's latest FBA figures for one SKU in one marketplace (getInventorySummaries with details). */
export interface FbaInventoryRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
  asin: string | null;
  fnsku: string | null;
  condition: string | null;
  product_name: string | null;
  fulfillable: number;
  inbound_working: number;
  inbound_shipped: number;
  inbound_receiving: number;
  reserved: number;
  researching: number;
  unfulfillable: number;
  total: number;
  amazon_updated_time: string | null;
  synced_at: string;
}

const TABLE = 'fba_inventory';
const KEY = ['store_id', 'marketplace_id', 'seller_sku'];
/** Rows per statement: 17 bound values each stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

/** Inserts new SKUs and overwrites known ones: Amazon's latest answer is the truth for every figure it sends. */
export async function upsertFbaInventory(db: Queryable, rows: readonly FbaInventoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db(TABLE)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(KEY)
      .merge();
  }
}

/**
 * Makes one marketplace's view exactly `rows` (a complete scan): upserts them and deletes the SKUs Amazon no longer
 * lists there. Call it inside a transaction so readers never see a half-replaced marketplace.
 */
export async function replaceFbaInventory(db: Queryable, storeId: number, marketplaceId: string, rows: readonly FbaInventoryRow[]): Promise<{ removed: string[] }> {
  const stray = rows.find((r) => r.store_id !== storeId || r.marketplace_id !== marketplaceId);
  if (stray) throw new Error(`row for ${stray.store_id}/${stray.marketplace_id} passed to replace ${storeId}/${marketplaceId}`);
  const keep = new Set(rows.map((r) => r.seller_sku));
  const existing = await db(TABLE).where({ store_id: storeId, marketplace_id: marketplaceId }).pluck<string[]>('seller_sku');
  // Computed here rather than with NOT IN (…every SKU…), which would exceed the parameter limit for a large catalogue.
  const removed = existing.filter((sku) => !keep.has(sku));
  for (let i = 0; i < removed.length; i += CHUNK) {
    await db(TABLE)
      .where({ store_id: storeId, marketplace_id: marketplaceId })
      .whereIn('seller_sku', removed.slice(i, i + CHUNK))
      .delete();
  }
  await upsertFbaInventory(db, rows);
  return { removed };
}

export async function listFbaInventory(db: Queryable, storeId: number, marketplaceId?: string): Promise<FbaInventoryRow[]> {
  const q = db<FbaInventoryRow>(TABLE).where({ store_id: storeId });
  if (marketplaceId !== undefined) q.andWhere({ marketplace_id: marketplaceId });
  return q.orderBy(['marketplace_id', 'seller_sku']);
}
