import type { Knex } from 'knex';

/**
 * The warehouse's side of an FBM order (运营转跟单): its workflow state next to Amazon's status, the exceptions that hold
 * it, where its units come from, how it ships, the waves it is picked in, and returns. `orders` stays Amazon's mirror.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('waves', (t) => {
    t.increments('id');
    t.string('number', 40).notNullable().unique();
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.string('status', 12).notNullable(); // open | picked | closed
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
  });

  // One row per FBM order the warehouse handles. new → audited → (exception) → allocated → picking → packed → shipped
  // → delivered; cancelled from any state before shipped.
  await db.schema.createTable('order_workflow', (t) => {
    t.string('order_id', 40).primary().references('id').inTable('orders').onDelete('CASCADE');
    t.string('state', 12).notNullable();
    t.integer('warehouse_id').nullable().references('id').inTable('warehouses').onDelete('SET NULL');
    // The carrier/channel rule's choice (or a person's): Amazon's carrier code, "Other" + name where allowed.
    t.string('carrier_code', 60).nullable();
    t.string('carrier_name', 100).nullable();
    t.string('shipping_service', 100).nullable();
    t.string('label_template', 40).nullable();
    t.integer('wave_id').nullable().references('id').inTable('waves').onDelete('SET NULL');
    t.string('tote', 40).nullable();
    t.integer('weight_g').nullable();
    // Bumped on every change: a packing station holding an older version is told the order moved under it.
    t.integer('version').notNullable().defaultTo(1);
    t.string('state_changed_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
    t.index(['state']);
    t.index(['wave_id']);
  });

  await db.schema.createTable('order_exceptions', (t) => {
    t.increments('id');
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('reason_code', 40).notNullable();
    t.text('params_json').nullable();
    t.string('raised_at', 40).notNullable();
    t.string('resolved_at', 40).nullable();
    t.string('resolved_by', 100).nullable();
    t.string('resolution', 12).nullable(); // edited | overridden | cancelled | cleared
    t.text('note').nullable();
    t.index(['order_id']);
    t.index(['resolved_at']);
  });

  // The audit rules (审单) a seller switched on, with their parameters (thresholds, hours, carriers that refuse PO boxes).
  await db.schema.createTable('audit_rules', (t) => {
    t.string('code', 40).primary();
    t.boolean('enabled').notNullable();
    t.text('params_json').nullable();
    t.string('updated_at', 40).notNullable();
  });

  // Allocation: which warehouse serves which destinations, tried by priority.
  await db.schema.createTable('allocation_rules', (t) => {
    t.increments('id');
    t.integer('priority').notNullable();
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('CASCADE');
    // Destination countries (ISO 3166-1 alpha-2) this rule covers; null = everywhere.
    t.text('countries_json').nullable();
    t.boolean('enabled').notNullable().defaultTo(true);
  });

  // Carrier/channel rules (物流渠道匹配): the first enabled rule, by priority, whose conditions hold.
  await db.schema.createTable('carrier_rules', (t) => {
    t.increments('id');
    t.integer('priority').notNullable();
    t.text('name').notNullable();
    t.text('conditions_json').notNullable();
    t.string('carrier_code', 60).notNullable();
    t.string('carrier_name', 100).nullable();
    t.string('shipping_service', 100).nullable();
    t.string('label_template', 40).nullable();
    t.boolean('enabled').notNullable().defaultTo(true);
  });

  // Which warehouse gives how many units of each order line, per package (a split shipment has several).
  await db.schema.createTable('order_allocations', (t) => {
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('order_item_id', 40).notNullable();
    t.integer('package_no').notNullable();
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.integer('quantity').notNullable();
    t.primary(['order_id', 'order_item_id', 'package_no', 'product_id']);
  });

  await db.schema.createTable('returns', (t) => {
    t.increments('id');
    t.string('rma_number', 40).notNullable().unique();
    t.string('order_id', 40).nullable().references('id').inTable('orders').onDelete('SET NULL');
    t.string('status', 12).notNullable(); // open | received | inspected | closed
    t.text('reason').nullable();
    t.bigInteger('refund_minor').nullable();
    t.string('currency', 3).nullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
    t.index(['order_id']);
  });

  await db.schema.createTable('return_lines', (t) => {
    t.increments('id');
    t.integer('return_id').notNullable().references('id').inTable('returns').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.string('order_item_id', 40).nullable();
    t.integer('quantity').notNullable();
    t.integer('received_quantity').notNullable().defaultTo(0);
    // restock | scrap | return-to-supplier, chosen at inspection
    t.string('disposition', 20).nullable();
    t.integer('warehouse_id').nullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    t.text('inspection_note').nullable();
  });

  // The packing station's record of a shipped package: weight, tracking and who packed it (local_shipments holds what
  // goes to Amazon).
  await db.schema.alterTable('local_shipments', (t) => {
    t.integer('weight_g').nullable();
    t.integer('warehouse_id').nullable().references('id').inTable('warehouses').onDelete('SET NULL');
  });
}
