import type { Knex } from 'knex';

/**
 * What scan-picking leaves behind in main: the units a picker found missing on the shelf (缺货), per order of the wave,
 * so the lead sees which totes are incomplete and which bin to count. The walk itself is journaled at the station.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('wave_shorts', (t) => {
    t.increments('id');
    t.integer('wave_id').notNullable().references('id').inTable('waves').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('RESTRICT');
    t.string('order_id', 40).notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('tote', 40).nullable();
    // The bin the picker stood at, as printed then: bins can be renamed or reassigned later.
    t.string('bin_code', 40).nullable();
    t.integer('quantity').notNullable();
    t.string('reported_by', 100).notNullable();
    t.string('reported_at', 40).notNullable();
    t.index(['wave_id']);
  });
}
