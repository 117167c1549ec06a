import type { Knex } from 'knex';

/**
 * Returns (售后) as a seller runs them: where the parcel came in and from what scan, when each step happened, a reason
 * code per line, and the inspection's outcome per unit (a line of three may be two restocked and one scrapped), with the
 * unit cost of what was written off so finance can book it. Tracking numbers get indexes: a returned parcel's label is
 * the most common way a clerk finds the order.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('returns', (t) => {
    t.integer('warehouse_id').nullable().references('id').inTable('warehouses').onDelete('SET NULL');
    // What the clerk scanned to open the return: order | tracking | rma | product | manual, and the code itself.
    t.string('source_kind', 12).nullable();
    t.string('source_code', 100).nullable();
    t.text('note').nullable();
    t.string('received_at', 40).nullable();
    t.string('inspected_at', 40).nullable();
    t.string('closed_at', 40).nullable();
    t.string('refunded_at', 40).nullable();
    t.string('refunded_by', 100).nullable();
    t.index(['status']);
  });

  await db.schema.alterTable('return_lines', (t) => {
    // damaged | wrong-item | not-as-described | no-longer-needed | undeliverable | other
    t.string('reason_code', 30).nullable();
    t.index(['return_id']);
  });

  await db.schema.createTable('return_dispositions', (t) => {
    t.increments('id');
    t.integer('return_line_id').notNullable().references('id').inTable('return_lines').onDelete('CASCADE');
    t.string('disposition', 20).notNullable(); // restock | scrap | return-to-supplier
    t.integer('quantity').notNullable();
    // restock: the warehouse the units went back on hand in.
    t.integer('warehouse_id').nullable().references('id').inTable('warehouses').onDelete('RESTRICT');
    // return-to-supplier: who takes them back, and why.
    t.integer('supplier_id').nullable().references('id').inTable('suppliers').onDelete('RESTRICT');
    t.text('reason').nullable();
    t.text('note').nullable();
    // Cost of one unit on the inspection day (null when the catalog has none); scrap and supplier returns carry it.
    t.bigInteger('unit_cost_minor').nullable();
    t.string('cost_currency', 3).nullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['return_line_id']);
  });

  await db.schema.alterTable('local_shipments', (t) => t.index(['tracking_number']));
  await db.schema.alterTable('order_packages', (t) => t.index(['tracking_number']));
}
