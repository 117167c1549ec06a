import type { Knex } from 'knex';

/**
 * Own-carrier FBA transport and the box ↔ shipment link. Amazon names each box of a confirmed shipment
 * (`<confirmation id>U000001`…); which of our packed boxes that is gets stored once placement is confirmed, so carton
 * marks and tracking numbers go per shipment exactly. Delivery windows are what Amazon offers an own-carrier shipment;
 * the chosen and the confirmed one are kept apart so a restart knows whether the confirmation still has to be sent.
 * Tracking uploads are Amazon operations per shipment, with their id stored like the plan's own step operation.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('fba_inbound_shipment_boxes', (t) => {
    t.integer('shipment_id').notNullable().references('id').inTable('fba_inbound_shipments').onDelete('CASCADE');
    // 1…M within the shipment: the number in Amazon's box id and on the carton mark ("box N of M").
    t.integer('box_index').notNullable();
    t.integer('box_id').notNullable().references('id').inTable('fba_inbound_boxes').onDelete('CASCADE');
    t.string('amazon_box_id', 60).notNullable();
    t.string('package_id', 40).nullable();
    // The number last sent (or being sent) for this box, and what Amazon says of it (VALIDATED, NOT_VALIDATED…).
    t.string('tracking_id', 64).nullable();
    t.string('tracking_status', 20).nullable();
    t.primary(['shipment_id', 'box_index']);
    t.unique(['box_id']);
    t.unique(['amazon_box_id']);
  });

  await db.schema.createTable('fba_inbound_delivery_windows', (t) => {
    t.integer('shipment_id').notNullable().references('id').inTable('fba_inbound_shipments').onDelete('CASCADE');
    t.string('option_id', 40).notNullable();
    t.string('availability_type', 20).notNullable();
    t.string('start_date', 40).notNullable();
    t.string('end_date', 40).notNullable();
    t.string('valid_until', 40).notNullable();
    t.primary(['shipment_id', 'option_id']);
  });

  await db.schema.alterTable('fba_inbound_shipments', (t) => {
    // Set once the shipment's boxes were read from Amazon (listShipmentBoxes); null on plans from before this table.
    t.string('boxes_read_at', 40).nullable();
    t.string('windows_generated_at', 40).nullable();
    t.string('window_chosen_id', 40).nullable();
    t.string('window_confirmed_id', 40).nullable();
    t.string('window_start', 40).nullable();
    t.string('window_end', 40).nullable();
    // spd (one number per box) or ltl (freight bill / bill of lading), with the carrier the numbers are checked against.
    t.string('tracking_mode', 8).nullable();
    t.string('tracking_carrier', 40).nullable();
    t.string('freight_bill_number', 64).nullable();
    t.string('bill_of_lading', 200).nullable();
    // pending: to send; in-flight: Amazon's operation is running (tracking_op_id); done; failed (tracking_problems_json).
    t.string('tracking_state', 12).nullable();
    t.string('tracking_op_id', 40).nullable();
    t.text('tracking_problems_json').nullable();
    t.string('tracking_sent_at', 40).nullable();
  });

  await db.schema.alterTable('fba_inbound_plans', (t) => {
    // The shipment a per-shipment operation in flight concerns (delivery windows); null for plan-wide steps.
    t.integer('op_shipment_id').nullable();
  });
}
