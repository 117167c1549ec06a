import type { Knex } from 'knex';

/**
 * Searching orders by buyer or recipient name without a clear-text copy: a keyed blind index (HMAC of each normalised
 * name token, key kept sealed by the secret box) lives beside the sealed PII and is purged with it. The rows are
 * written at sync time; orders stored before this migration are indexed at start-up (the migration cannot unseal).
 * Plus the indexes the Orders screen's filters and sorts need at 100,000 orders.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('order_search_tokens', (t) => {
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable();
    t.primary(['order_id', 'token_hash']);
    t.index(['token_hash']);
  });

  await db.schema.alterTable('orders', (t) => {
    t.index(['created_time']);
    t.index(['marketplace_id', 'ship_by_latest']);
    t.index(['store_id', 'ship_by_latest']);
    t.index(['store_id', 'status', 'ship_by_latest']);
    t.index(['currency', 'grand_total_minor']);
  });
  // The orders whose ship-by clock runs (FBM, still to ship at Amazon): a few thousand of a hundred thousand, so the
  // ship-by windows and the morning check read only them. Partial indexes are plain SQL in SQLite and PostgreSQL; the
  // queries repeat this exact condition (OPEN_FBM_CONDITION) so the planner can prove the index applies. The condition's
  // own columns lead the key so that, without ANALYZE statistics, SQLite still ranks it above the broader indexes.
  await db.raw("CREATE INDEX orders_open_fbm_ship_by_index ON orders (fulfilled_by, status, marketplace_id, ship_by_latest) WHERE fulfilled_by = 'MERCHANT' AND status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')");
  await db.schema.alterTable('order_items', (t) => {
    t.index(['asin']);
  });
  // SKUs are matched from their start in any case; an expression index is plain SQL in SQLite and PostgreSQL alike.
  await db.raw('CREATE INDEX order_items_sku_lower_index ON order_items (lower(seller_sku))');
  await db.schema.alterTable('order_exceptions', (t) => {
    t.index(['resolved_at', 'order_id']);
  });
}
