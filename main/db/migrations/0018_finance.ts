import type { Knex } from 'knex';

/**
 * Amazon's money as it posts it (Finances 2024-06-19 transactions with their breakdown lines, v0 financial event groups
 * = settlement periods), and the dated FX rates profit is converted with. Money is integer minor units with its currency;
 * rates are decimal strings, so no figure ever passes through a float. The base currency is a setting
 * (`finance.baseCurrency` in `settings`), not a table.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('finance_transactions', (t) => {
    t.increments('id');
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    // Amazon's transactionId (a hash of the transaction's identity when Amazon leaves it out, which the model allows).
    t.string('transaction_id', 200).notNullable();
    t.string('type', 60).notNullable();
    t.string('status', 30).nullable();
    t.string('posted_date', 40).notNullable();
    t.string('marketplace_id', 20).nullable();
    // No foreign key: money for an order can arrive before (or without) the order itself being synced.
    t.string('order_id', 40).nullable();
    t.string('group_id', 100).nullable();
    t.bigInteger('total_minor').notNullable();
    t.string('currency', 3).notNullable();
    t.string('description', 300).nullable();
    t.string('imported_at', 40).notNullable();
    t.unique(['store_id', 'transaction_id']);
    t.index(['store_id', 'posted_date']);
    t.index(['order_id']);
    t.index(['store_id', 'group_id']);
  });

  // The leaves of Amazon's breakdown tree, classified; they sum to the transaction's total (a remainder line makes sure).
  await db.schema.createTable('finance_transaction_lines', (t) => {
    t.integer('transaction_row_id').notNullable().references('id').inTable('finance_transactions').onDelete('CASCADE');
    t.integer('line_no').notNullable();
    t.string('kind', 24).notNullable();
    // Amazon's own names from the root of the breakdown to the leaf ("Expenses/AmazonFees/Commission"), for the screen.
    t.string('breakdown_path', 300).notNullable();
    t.bigInteger('amount_minor').notNullable();
    t.string('currency', 3).notNullable();
    t.string('seller_sku', 200).nullable();
    t.string('item_ref', 100).nullable();
    t.integer('quantity').nullable();
    t.primary(['transaction_row_id', 'line_no']);
    t.index(['seller_sku']);
  });

  // v0 financial event groups: one per settlement period and currency; an open group's total is its running balance.
  await db.schema.createTable('finance_groups', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('group_id', 100).notNullable();
    t.string('processing_status', 20).nullable();
    t.string('fund_transfer_status', 40).nullable();
    t.string('fund_transfer_date', 40).nullable();
    t.string('started_at', 40).nullable();
    t.string('ended_at', 40).nullable();
    t.string('currency', 3).nullable();
    t.bigInteger('opening_minor').nullable();
    t.bigInteger('total_minor').nullable();
    t.string('converted_currency', 3).nullable();
    t.bigInteger('converted_total_minor').nullable();
    t.string('synced_at', 40).notNullable();
    t.primary(['store_id', 'group_id']);
    t.index(['store_id', 'started_at']);
  });

  // 1 <currency> = <rate> <base_currency> on <rate_date>: entered by the user or imported from a CSV (no internet).
  await db.schema.createTable('fx_rates', (t) => {
    t.string('rate_date', 10).notNullable();
    t.string('currency', 3).notNullable();
    t.string('base_currency', 3).notNullable();
    t.string('rate', 32).notNullable();
    t.string('source', 12).notNullable();
    t.string('updated_at', 40).notNullable();
    t.primary(['base_currency', 'currency', 'rate_date']);
  });
}
