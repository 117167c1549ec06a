import type { Knex } from 'knex';

/**
 * FBA inbound plans (Fulfillment Inbound 2024-03-20). The plan row is the workflow's state: the step it is at, who acts
 * next, and the Amazon operation in flight, so a restart polls that operation instead of sending the write again.
 * Options Amazon generated are kept as offered (fees side by side); boxes are what the clerks packed by scan; shipments
 * and their items carry Amazon's receiving figures and, once closed, the difference for reconciliation.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('fba_inbound_plans', (t) => {
    t.increments('id');
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable();
    t.integer('source_warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.string('name', 40).notNullable();
    // The ship-from address Amazon requires (the seller's warehouse, not a buyer's): JSON of the model's AddressInput.
    t.text('source_address_json').notNullable();
    t.string('amazon_plan_id', 40).nullable().unique();
    t.string('step', 24).notNullable();
    t.string('status', 12).notNullable();
    t.string('op_id', 40).nullable();
    t.string('op_kind', 40).nullable();
    t.string('op_started_at', 40).nullable();
    // Amazon's operationProblems of the last FAILED operation: [{ code, message, severity }].
    t.text('problems_json').nullable();
    t.string('packing_option_id', 40).nullable();
    t.string('placement_option_id', 40).nullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.index(['store_id', 'status']);
  });

  await db.schema.createTable('fba_inbound_plan_items', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.string('msku', 200).notNullable();
    t.string('fnsku', 20).notNullable();
    t.integer('quantity').notNullable();
    t.string('prep_owner', 10).notNullable();
    t.string('label_owner', 10).notNullable();
    t.unique(['plan_id', 'product_id']);
  });

  await db.schema.createTable('fba_inbound_packing_options', (t) => {
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.string('option_id', 40).notNullable();
    t.text('packing_groups_json').notNullable();
    t.bigInteger('fee_minor').nullable();
    t.bigInteger('discount_minor').nullable();
    t.string('currency', 3).nullable();
    t.string('expiration', 40).nullable();
    t.string('status', 40).notNullable();
    t.primary(['plan_id', 'option_id']);
  });

  // What Amazon put in each packing group of the confirmed packing option: a box holds items of one group only.
  await db.schema.createTable('fba_inbound_packing_group_items', (t) => {
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.string('packing_group_id', 40).notNullable();
    t.string('msku', 200).notNullable();
    t.string('fnsku', 20).notNullable();
    t.integer('quantity').notNullable();
    t.primary(['plan_id', 'packing_group_id', 'msku']);
  });

  await db.schema.createTable('fba_inbound_boxes', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.integer('box_number').notNullable();
    t.string('packing_group_id', 40).nullable();
    t.string('status', 8).notNullable(); // open | closed
    t.integer('length_mm').nullable();
    t.integer('width_mm').nullable();
    t.integer('height_mm').nullable();
    t.integer('weight_g').nullable();
    t.text('marks_json').notNullable().defaultTo('[]');
    t.string('opened_at', 40).notNullable();
    t.string('closed_at', 40).nullable();
    t.unique(['plan_id', 'box_number']);
  });

  await db.schema.createTable('fba_inbound_box_items', (t) => {
    t.integer('box_id').notNullable().references('id').inTable('fba_inbound_boxes').onDelete('CASCADE');
    t.integer('plan_item_id').notNullable().references('id').inTable('fba_inbound_plan_items').onDelete('CASCADE');
    t.integer('quantity').notNullable();
    t.primary(['box_id', 'plan_item_id']);
  });

  await db.schema.createTable('fba_inbound_placement_options', (t) => {
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.string('option_id', 40).notNullable();
    t.text('shipment_ids_json').notNullable();
    t.integer('shipment_count').notNullable();
    t.bigInteger('fee_minor').nullable();
    t.bigInteger('discount_minor').nullable();
    t.string('currency', 3).nullable();
    t.string('expiration', 40).nullable();
    t.string('status', 40).notNullable();
    t.primary(['plan_id', 'option_id']);
  });

  await db.schema.createTable('fba_inbound_shipments', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('id').inTable('fba_inbound_plans').onDelete('CASCADE');
    t.string('amazon_shipment_id', 40).notNullable().unique();
    t.string('confirmation_id', 40).nullable();
    t.string('name', 200).nullable();
    t.string('destination_fc', 20).nullable();
    t.text('destination_address_json').nullable();
    t.string('status', 40).nullable();
    t.string('transport_option_id', 40).nullable();
    t.text('tracking_json').nullable();
    // When the units moved source → in transit in the ledger (once), and when receiving was last read.
    t.string('ledger_posted_at', 40).nullable();
    t.string('receipts_polled_at', 40).nullable();
    t.string('closed_at', 40).nullable();
    // Amazon's carton labels, downloaded at once (the URL lives 15 s) and kept for reprints.
    t.text('label_pdf_path').nullable();
    t.string('label_fetched_at', 40).nullable();
    t.index(['plan_id']);
  });

  await db.schema.createTable('fba_inbound_transport_options', (t) => {
    t.integer('shipment_id').notNullable().references('id').inTable('fba_inbound_shipments').onDelete('CASCADE');
    t.string('option_id', 40).notNullable();
    t.string('carrier', 100).nullable();
    t.string('shipping_mode', 40).notNullable();
    t.string('shipping_solution', 60).notNullable();
    t.text('preconditions_json').notNullable();
    t.bigInteger('quote_minor').nullable();
    t.string('currency', 3).nullable();
    t.string('expiration', 40).nullable();
    t.primary(['shipment_id', 'option_id']);
  });

  await db.schema.createTable('fba_inbound_shipment_items', (t) => {
    t.integer('shipment_id').notNullable().references('id').inTable('fba_inbound_shipments').onDelete('CASCADE');
    t.string('msku', 200).notNullable();
    t.string('fnsku', 20).nullable();
    t.integer('product_id').nullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('quantity_shipped').notNullable();
    t.integer('quantity_received').notNullable().defaultTo(0);
    // Received units already moved in transit → FBA on hand in the ledger.
    t.integer('quantity_posted').notNullable().defaultTo(0);
    // received − shipped, set when Amazon closes the shipment (shortage < 0 < overage); null while receiving.
    t.integer('discrepancy').nullable();
    t.primary(['shipment_id', 'msku']);
  });
}
