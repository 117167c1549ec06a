import type { Knex } from 'knex';

/**
 * Amazon cancels single units of an order (a buyer's partial cancellation, one line out of stock): the line keeps its
 * ordered quantity and reports fewer unfulfilled units. The warehouse must then pick and ship only what is still open.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('order_items', (t) => {
    t.integer('quantity_cancelled').notNullable().defaultTo(0);
  });
}
