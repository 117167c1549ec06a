import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // Amazon is the master of orders: these rows mirror searchOrders. Buyer and recipient PII live only in the two
  // *_enc columns (sealed), so reports, exports and the purge job never need to touch anything else.
  await db.schema.createTable('orders', (t) => {
    t.string('id', 40).primary();
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable();
    t.string('status', 30).notNullable();
    t.string('fulfilled_by', 10).nullable();
    t.string('service_level', 30).nullable();
    t.string('created_time', 40).notNullable();
    t.string('last_updated_time', 40).notNullable();
    t.string('ship_by_latest', 40).nullable();
    t.string('deliver_by_latest', 40).nullable();
    t.text('programs_json').nullable();
    t.string('currency', 3).nullable();
    t.bigInteger('grand_total_minor').nullable();
    t.string('ship_country', 2).nullable();
    t.text('buyer_enc').nullable();
    t.text('recipient_enc').nullable();
    t.string('pii_purged_at', 40).nullable();
    t.string('synced_at', 40).notNullable();
    t.index(['store_id', 'status']);
    t.index(['store_id', 'last_updated_time']);
    t.index(['ship_by_latest']);
  });

  await db.schema.createTable('order_items', (t) => {
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('order_item_id', 40).notNullable();
    t.string('seller_sku', 100).nullable();
    t.string('asin', 20).nullable();
    t.text('title').nullable();
    t.integer('quantity_ordered').notNullable();
    t.integer('quantity_shipped').notNullable().defaultTo(0);
    t.bigInteger('unit_price_minor').nullable();
    t.bigInteger('proceeds_minor').nullable();
    t.string('currency', 3).nullable();
    t.primary(['order_id', 'order_item_id']);
    t.index(['seller_sku']);
  });

  await db.schema.createTable('order_packages', (t) => {
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('package_reference_id', 100).notNullable();
    t.string('carrier', 100).nullable();
    t.string('tracking_number', 100).nullable();
    t.string('ship_time', 40).nullable();
    t.primary(['order_id', 'package_reference_id']);
  });

  // Every status Amazon reports, in order, so the workflow can react (cancelled while being packed).
  await db.schema.createTable('order_status_history', (t) => {
    t.increments('id');
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('from_status', 30).nullable();
    t.string('to_status', 30).notNullable();
    t.string('changed_at', 40).notNullable();
    t.string('detected_at', 40).notNullable();
    t.index(['order_id']);
    t.index(['detected_at']);
  });

  // Per (store, job): the committed watermark and, while a run is under way, its resumable cursor.
  await db.schema.createTable('sync_watermarks', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('job', 30).notNullable();
    t.string('watermark', 40).nullable();
    t.text('cursor_json').nullable();
    t.string('updated_at', 40).notNullable();
    t.primary(['store_id', 'job']);
  });

  await db.schema.createTable('sync_runs', (t) => {
    t.increments('id');
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('job', 30).notNullable();
    t.string('mode', 20).notNullable();
    t.string('started_at', 40).notNullable();
    t.string('finished_at', 40).nullable();
    t.string('outcome', 20).notNullable();
    t.integer('pages').notNullable().defaultTo(0);
    t.integer('items').notNullable().defaultTo(0);
    t.string('error_kind', 30).nullable();
    t.string('error_message', 300).nullable();
    t.index(['store_id', 'job', 'started_at']);
  });

  // Writes to Amazon, queued in the same transaction as the change that causes them.
  await db.schema.createTable('outbox', (t) => {
    t.increments('seq');
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('kind', 40).notNullable();
    t.text('payload_json').notNullable();
    t.string('idempotency_key', 200).notNullable().unique();
    t.string('status', 20).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 40).notNullable();
    t.string('last_error', 300).nullable();
    t.string('dead_reason', 300).nullable();
    t.string('created_at', 40).notNullable();
    t.string('sent_at', 40).nullable();
    t.index(['status', 'next_attempt_at']);
    t.index(['store_id', 'status']);
  });
}
