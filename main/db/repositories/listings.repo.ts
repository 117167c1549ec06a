import type { Queryable } from '../connection';

/** One offer of the seller in one marketplace, as the merchant listings report states it. */
export interface ListingRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
  asin: string | null;
  item_name: string | null;
  price_minor: number | null;
  currency: string | null;
  /** Merchant-fulfilled quantity; null for FBA offers. */
  quantity: number | null;
  fulfillment_channel: string | null;
  status: string | null;
  /** UTC ISO-8601. */
  open_date: string | null;
  listing_id: string | null;
  synced_at: string;
}

const TABLE = 'listings';
const KEY = ['store_id', 'marketplace_id', 'seller_sku'];
const CHUNK = 400;

/** Inserts new offers and overwrites known ones; nothing is deleted. */
export async function upsertListings(db: Queryable, rows: readonly ListingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db(TABLE)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(KEY)
      .merge();
  }
}

/**
 * Makes one marketplace's listings exactly `rows` (a complete report): upserts them and deletes the SKUs the report no
 * longer has. Call it inside a transaction so readers never see a half-replaced marketplace.
 */
export async function replaceListings(db: Queryable, storeId: number, marketplaceId: string, rows: readonly ListingRow[]): Promise<{ removed: string[] }> {
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
  await upsertListings(db, rows);
  return { removed };
}

export async function listListings(db: Queryable, storeId: number, marketplaceId?: string): Promise<ListingRow[]> {
  const q = db<ListingRow>(TABLE).where({ store_id: storeId });
  if (marketplaceId !== undefined) q.andWhere({ marketplace_id: marketplaceId });
  return q.orderBy(['marketplace_id', 'seller_sku']);
}
