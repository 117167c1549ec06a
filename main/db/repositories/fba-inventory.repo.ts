import type { Queryable } from '../connection';
import { listSnapshot, replaceSnapshot, upsertSnapshotRows } from './marketplace-snapshot.repo';

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

/** Inserts new SKUs and overwrites known ones: Amazon's latest answer is the truth for every figure it sends. */
export const upsertFbaInventory = (db: Queryable, rows: readonly FbaInventoryRow[]): Promise<void> => upsertSnapshotRows(db, TABLE, rows);

/** Makes one marketplace's FBA view exactly `rows` (a complete scan); call it inside a transaction. */
export const replaceFbaInventory = (db: Queryable, storeId: number, marketplaceId: string, rows: readonly FbaInventoryRow[]): Promise<{ removed: string[] }> =>
  replaceSnapshot(db, TABLE, storeId, marketplaceId, rows);

export const listFbaInventory = (db: Queryable, storeId: number, marketplaceId?: string): Promise<FbaInventoryRow[]> => listSnapshot<FbaInventoryRow>(db, TABLE, storeId, marketplaceId);
