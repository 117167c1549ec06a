import type { Knex } from 'knex';
import { appendOnlyTriggers } from '../dialect';

/** The stock ledger refuses UPDATE and DELETE at the database level: stock history is only ever appended to. */
export async function up(db: Knex): Promise<void> {
  for (const sql of appendOnlyTriggers('stock_movements')) await db.raw(sql);
}
