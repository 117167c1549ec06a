import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // Amazon's view of the FBA warehouse, replaced per marketplace by the inventory job. It is a mirror, not the ledger:
  // stock movements live in the inventory ledger, and reconciliation compares the two instead of editing either.
  await db.schema.createTable('fba_inventory', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable();
    t.string('seller_sku', 200).notNullable();
    t.string('asin', 20).nullable();
    t.string('fnsku', 20).nullable();
    t.string('condition', 40).nullable();
    t.text('product_name').nullable();
    t.integer('fulfillable').notNullable();
    t.integer('inbound_working').notNullable();
    t.integer('inbound_shipped').notNullable();
    t.integer('inbound_receiving').notNullable();
    t.integer('reserved').notNullable();
    // Units Amazon is looking for: part of `total` but of no other column, so the figures still add up.
    t.integer('researching').notNullable();
    t.integer('unfulfillable').notNullable();
    t.integer('total').notNullable();
    t.string('amazon_updated_time', 40).nullable();
    t.string('synced_at', 40).notNullable();
    t.primary(['store_id', 'marketplace_id', 'seller_sku']);
    t.index(['seller_sku']);
    t.index(['fnsku']);
  });

  // The seller's offers as the merchant listings report states them, replaced per marketplace by the listings job.
  await db.schema.createTable('listings', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable();
    t.string('seller_sku', 200).notNullable();
    t.string('asin', 20).nullable();
    t.text('item_name').nullable();
    t.bigInteger('price_minor').nullable();
    t.string('currency', 3).nullable();
    // Merchant-fulfilled quantity only; Amazon leaves it empty for FBA offers (their stock is in fba_inventory).
    t.integer('quantity').nullable();
    t.string('fulfillment_channel', 40).nullable();
    t.string('status', 40).nullable();
    t.string('open_date', 40).nullable();
    t.string('listing_id', 40).nullable();
    t.string('synced_at', 40).notNullable();
    t.primary(['store_id', 'marketplace_id', 'seller_sku']);
    t.index(['seller_sku']);
    t.index(['asin']);
  });
}
