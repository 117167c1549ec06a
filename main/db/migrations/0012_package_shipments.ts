import type { Knex } from 'knex';

/**
 * Which package of a split shipment a local confirmation shipped (the `package_no` of `order_allocations`), so the
 * packing station knows which packages of an order are still to go. Null for confirmations made outside the station
 * (the Orders screen's manual confirm) and for rows written before this migration.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('local_shipments', (t) => {
    t.integer('package_no').nullable();
  });
}
