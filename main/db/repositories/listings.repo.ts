import type { Queryable } from '../connection';
import { listSnapshot, replaceSnapshot, upsertSnapshotRows } from './marketplace-snapshot.repo';

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

/** Inserts new offers and overwrites known ones; nothing is deleted. */
export const upsertListings = (db: Queryable, rows: readonly ListingRow[]): Promise<void> => upsertSnapshotRows(db, TABLE, rows);

/** Makes one marketplace's listings exactly `rows` (a complete report); call it inside a transaction. */
export const replaceListings = (db: Queryable, storeId: number, marketplaceId: string, rows: readonly ListingRow[]): Promise<{ removed: string[] }> =>
  replaceSnapshot(db, TABLE, storeId, marketplaceId, rows);

export const listListings = (db: Queryable, storeId: number, marketplaceId?: string): Promise<ListingRow[]> => listSnapshot<ListingRow>(db, TABLE, storeId, marketplaceId);
