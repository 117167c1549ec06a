import type { Knex } from 'knex';

/**
 * The ERP's own master data and stock: the catalog (products, their codes, bundles, costs, suppliers), the places stock
 * lives (warehouses and bins), the immutable stock ledger with its cached balances, and purchasing. Amazon's views
 * (`fba_inventory`, `listings`) stay mirrors; the ledger is the truth the ERP pushes from.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('suppliers', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.string('currency', 3).notNullable();
    t.integer('lead_time_days').notNullable();
    t.text('contact').nullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
  });

  // One row per stock-keeping unit the seller owns (本地SKU). A bundle (套) holds no stock of its own: selling one
  // consumes its components' units.
  await db.schema.createTable('products', (t) => {
    t.increments('id');
    t.string('sku', 100).notNullable().unique();
    t.string('kind', 10).notNullable(); // 'unit' | 'bundle'
    t.text('name').notNullable();
    t.integer('length_mm').nullable();
    t.integer('width_mm').nullable();
    t.integer('height_mm').nullable();
    t.integer('weight_g').nullable();
    t.string('hs_code', 16).nullable();
    t.integer('supplier_id').nullable().references('id').inTable('suppliers').onDelete('SET NULL');
    // Days of cover kept on top of the supplier's lead time before a reorder is suggested.
    t.integer('safety_days').nullable();
    // Lets available stock go below zero (pre-sales of goods on order); refused otherwise.
    t.boolean('allow_backorder').notNullable().defaultTo(false);
    t.string('archived_at', 40).nullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
  });

  // Titles per language (zh-CN, en, ja, de…): the listing text differs per marketplace.
  await db.schema.createTable('product_titles', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('locale', 10).notNullable();
    t.text('title').notNullable();
    t.primary(['product_id', 'locale']);
  });

  // Every code a scanner or a file may name the product by. One code resolves to one product, so a scan is never
  // ambiguous; a case barcode counts `units` per scan.
  await db.schema.createTable('product_codes', (t) => {
    t.increments('id');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('kind', 10).notNullable(); // 'gtin' | 'fnsku' | 'asin' | 'case' | 'alias'
    t.string('code', 60).notNullable().unique();
    t.integer('units').notNullable().defaultTo(1);
    t.index(['product_id']);
  });

  // Cost of goods as dated rows (profit uses the cost valid on the sale's date), in the supplier's currency.
  await db.schema.createTable('product_costs', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('effective_date', 10).notNullable();
    t.bigInteger('cost_minor').notNullable();
    t.string('currency', 3).notNullable();
    t.primary(['product_id', 'effective_date']);
  });

  await db.schema.createTable('bundle_components', (t) => {
    t.integer('bundle_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('component_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('quantity').notNullable();
    t.primary(['bundle_id', 'component_id']);
  });

  await db.schema.createTable('warehouses', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable().unique();
    t.text('name').notNullable();
    t.string('kind', 10).notNullable(); // 'domestic' | 'overseas' | 'fba'
    // FBA warehouses: one per store and region (Amazon pools a region's stock).
    t.integer('store_id').nullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('region', 4).nullable();
    t.string('archived_at', 40).nullable();
    t.string('created_at', 40).notNullable();
    t.unique(['store_id', 'region']);
  });

  // Which Amazon offer sells which product: a seller SKU per marketplace (often not the master SKU).
  await db.schema.createTable('product_listings', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable();
    t.string('seller_sku', 200).notNullable();
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    // The warehouse whose available stock is pushed as this FBM offer's quantity; null for FBA offers.
    t.integer('fbm_warehouse_id').nullable().references('id').inTable('warehouses').onDelete('SET NULL');
    // What the ERP last queued for Amazon, so an unchanged figure is not sent again.
    t.integer('fbm_pushed_quantity').nullable();
    t.string('fbm_pushed_at', 40).nullable();
    t.primary(['store_id', 'marketplace_id', 'seller_sku']);
    t.index(['product_id']);
  });

  await db.schema.createTable('bins', (t) => {
    t.increments('id');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('CASCADE');
    t.string('code', 40).notNullable();
    // Walking order through the warehouse: pick lists sort by it.
    t.integer('pick_order').notNullable();
    t.unique(['warehouse_id', 'code']);
  });

  await db.schema.createTable('product_bins', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('bin_id').notNullable().references('id').inTable('bins').onDelete('CASCADE');
    t.primary(['product_id', 'bin_id']);
  });

  // The stock ledger: one immutable row per movement. Balances below are a cache of its sums, written in the same
  // transaction as the rows, and can be rebuilt from it at any time.
  await db.schema.createTable('stock_movements', (t) => {
    t.increments('id');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    // receive, putaway, pick, ship, adjust, transfer-out, transfer-in, in-transit, return-restock, scrap,
    // sync-correction, reserve, release
    t.string('kind', 20).notNullable();
    t.integer('on_hand_delta').notNullable();
    t.integer('reserved_delta').notNullable();
    t.integer('in_transit_delta').notNullable();
    t.string('reason', 40).nullable();
    t.text('note').nullable();
    // What caused it: an order, a purchase order, a transfer, an FBA sync…
    t.string('ref_type', 20).nullable();
    t.string('ref_id', 60).nullable();
    t.string('actor', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['product_id', 'warehouse_id', 'id']);
    t.index(['ref_type', 'ref_id']);
  });

  await db.schema.createTable('stock_levels', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.integer('on_hand').notNullable();
    t.integer('reserved').notNullable();
    t.integer('in_transit').notNullable();
    t.integer('last_movement_id').notNullable();
    t.primary(['product_id', 'warehouse_id']);
    t.index(['warehouse_id']);
  });

  await db.schema.createTable('purchase_orders', (t) => {
    t.increments('id');
    t.string('number', 40).notNullable().unique();
    t.integer('supplier_id').notNullable().references('id').inTable('suppliers').onDelete('RESTRICT');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.string('currency', 3).notNullable();
    t.string('status', 12).notNullable(); // draft | sent | partial | received | cancelled
    t.string('expected_date', 10).nullable();
    t.text('note').nullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
  });

  await db.schema.createTable('purchase_order_lines', (t) => {
    t.increments('id');
    t.integer('purchase_order_id').notNullable().references('id').inTable('purchase_orders').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('quantity').notNullable();
    t.bigInteger('unit_cost_minor').notNullable();
    t.integer('received_quantity').notNullable().defaultTo(0);
    t.integer('rejected_quantity').notNullable().defaultTo(0);
    t.unique(['purchase_order_id', 'product_id']);
  });

  // Each delivery checked at the door: what passed QC goes on hand, what failed is recorded and not stocked.
  await db.schema.createTable('purchase_receipts', (t) => {
    t.increments('id');
    t.integer('purchase_order_line_id').notNullable().references('id').inTable('purchase_order_lines').onDelete('CASCADE');
    t.integer('passed_quantity').notNullable();
    t.integer('failed_quantity').notNullable();
    t.text('qc_note').nullable();
    t.string('received_by', 100).notNullable();
    t.string('received_at', 40).notNullable();
  });
}
