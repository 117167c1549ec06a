import type { Knex } from 'knex';

/**
 * Stock reconciliation (库存对账). The FBA mirror keeps FBA levels equal to Amazon's figures, so a discrepancy is not a
 * stored row: it is recomputed from the ledger and the mirrors against the last reconciled point of each product × FBA
 * place. These tables hold what a clerk decided: the points they accepted, and the reimbursement claims they drafted.
 */
export async function up(db: Knex): Promise<void> {
  // Amazon's figure accepted for one product × FBA warehouse at `snapshot_at` (the inventory sync it came from): the
  // ledger's explained movements count from `movement_id` on, the orders mirror's AFN shipments from `snapshot_at` on.
  await db.schema.createTable('recon_stock_baselines', (t) => {
    t.increments('id');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('CASCADE');
    t.integer('on_hand').notNullable();
    t.integer('movement_id').notNullable();
    t.string('snapshot_at', 40).notNullable();
    // The deviation it accepted (Amazon − expected), kept for the audit trail and the tab's history.
    t.integer('deviation').notNullable();
    t.string('cause', 30).notNullable();
    t.string('reason', 200).notNullable();
    t.string('actor', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['product_id', 'warehouse_id', 'id']);
  });

  // A reimbursement claim draft (索赔): the evidence Amazon asks for and the last day it may be filed.
  await db.schema.createTable('recon_claims', (t) => {
    t.increments('id');
    t.integer('store_id').nullable().references('id').inTable('stores').onDelete('SET NULL');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('warehouse_id').notNullable().references('id').inTable('warehouses').onDelete('CASCADE');
    t.string('cause', 30).notNullable();
    t.integer('quantity').notNullable();
    t.string('event_at', 40).notNullable();
    t.string('deadline_at', 40).notNullable();
    t.text('evidence_json').notNullable();
    t.string('status', 12).notNullable(); // draft | filed | closed
    t.string('reason', 200).notNullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['status', 'deadline_at']);
  });
}
