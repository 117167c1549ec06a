import type { Knex } from 'knex';

/**
 * Keyed hashes of an FBM order's buyer and delivery address, so the duplicate-order audit rule compares orders without
 * opening every sealed PII column in the window and without storing PII in clear text. The key lives sealed in
 * `settings` (fulfillment.piiHashKey); the hashes are cleared when the order is cancelled or delivered.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('order_workflow', (t) => {
    t.string('buyer_hash', 64).nullable();
    t.string('address_hash', 64).nullable();
    t.index(['buyer_hash']);
    t.index(['address_hash']);
  });
}
