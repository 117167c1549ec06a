import type { Knex } from 'knex';

/**
 * Shipments confirmed in the ERP (a clerk entered carrier and tracking). Kept apart from `order_packages`, which mirrors
 * what Amazon reports: a confirmation made offline exists here at once and reaches Amazon through the outbox.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('local_shipments', (t) => {
    t.increments('id');
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('package_reference_id', 20).notNullable();
    t.string('carrier_code', 100).notNullable();
    t.string('carrier_name', 100).nullable();
    t.string('tracking_number', 100).notNullable();
    t.string('ship_date', 40).notNullable();
    t.text('items_json').notNullable();
    t.integer('outbox_seq').nullable();
    t.string('created_at', 40).notNullable();
    t.string('created_by', 100).notNullable();
    t.unique(['order_id', 'package_reference_id']);
  });
}
