import type { Queryable } from '../connection';

export interface OrderRow {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  fulfilled_by: string | null;
  service_level: string | null;
  created_time: string;
  last_updated_time: string;
  ship_by_latest: string | null;
  deliver_by_latest: string | null;
  programs_json: string | null;
  currency: string | null;
  grand_total_minor: number | null;
  ship_country: string | null;
  buyer_enc: string | null;
  recipient_enc: string | null;
  pii_purged_at: string | null;
  synced_at: string;
}

export interface OrderItemRow {
  order_id: string;
  order_item_id: string;
  seller_sku: string | null;
  asin: string | null;
  title: string | null;
  quantity_ordered: number;
  quantity_shipped: number;
  /** Units Amazon cancelled on a line that stays in the order (a partial cancellation). */
  quantity_cancelled: number;
  unit_price_minor: number | null;
  proceeds_minor: number | null;
  currency: string | null;
}

export interface OrderPackageRow {
  order_id: string;
  package_reference_id: string;
  carrier: string | null;
  tracking_number: string | null;
  ship_time: string | null;
}

export interface StoredVersion {
  id: string;
  status: string;
  last_updated_time: string;
  pii_purged_at: string | null;
}

const CHUNK = 400;

export async function storedVersions(db: Queryable, ids: string[]): Promise<Map<string, StoredVersion>> {
  const out = new Map<string, StoredVersion>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db<StoredVersion>('orders').select('id', 'status', 'last_updated_time', 'pii_purged_at').whereIn('id', ids.slice(i, i + CHUNK));
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

async function insertChunked(db: Queryable, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db(table).insert(rows.slice(i, i + CHUNK));
}

/** Replaces whole orders (row, items, packages): Amazon's latest answer is the truth for every field it sends. */
export async function replaceOrders(db: Queryable, orders: OrderRow[], items: OrderItemRow[], packages: OrderPackageRow[], existing: ReadonlySet<string>): Promise<void> {
  const updates = orders.filter((o) => existing.has(o.id));
  const inserts = orders.filter((o) => !existing.has(o.id));
  const updatedIds = updates.map((o) => o.id);
  for (let i = 0; i < updatedIds.length; i += CHUNK) {
    const chunk = updatedIds.slice(i, i + CHUNK);
    await db('order_items').whereIn('order_id', chunk).delete();
    await db('order_packages').whereIn('order_id', chunk).delete();
  }
  for (const o of updates) {
    const { id, ...rest } = o;
    await db('orders').where({ id }).update(rest);
  }
  await insertChunked(db, 'orders', inserts);
  await insertChunked(db, 'order_items', items);
  await insertChunked(db, 'order_packages', packages);
}

export async function insertStatusChanges(
  db: Queryable,
  changes: { order_id: string; from_status: string | null; to_status: string; changed_at: string; detected_at: string }[],
): Promise<void> {
  await insertChunked(db, 'order_status_history', changes);
}

export async function countOrders(db: Queryable, storeId?: number): Promise<number> {
  const q = db('orders').count<{ n: number }[]>({ n: '*' });
  if (storeId !== undefined) q.where({ store_id: storeId });
  const [row] = await q;
  return Number(row?.n ?? 0);
}

/**
 * Amazon's Data Protection Policy: buyer and recipient PII goes 30 days after delivery. Closed orders whose latest
 * delivery date (or, without one, last update) is older than `cutoff` lose their sealed PII columns; totals, items and
 * statuses stay for reports. Open orders keep theirs so slips and labels still print.
 */
export async function purgeExpiredPii(db: Queryable, cutoff: string, now: string): Promise<number> {
  return db('orders')
    .whereIn('status', ['SHIPPED', 'CANCELLED', 'UNFULFILLABLE'])
    .whereNull('pii_purged_at')
    .where((q) => q.where('deliver_by_latest', '<', cutoff).orWhere((q2) => q2.whereNull('deliver_by_latest').where('last_updated_time', '<', cutoff)))
    .update({ buyer_enc: null, recipient_enc: null, pii_purged_at: now });
}
