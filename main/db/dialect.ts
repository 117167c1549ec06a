/**
 * The only SQLite-specific SQL in the app. Everything else goes through portable knex
 * so the same repositories can run on PostgreSQL for a multi-station warehouse.
 */
interface RawSqliteConnection {
  run(sql: string, callback: (err: Error | null) => void): void;
}

const PRAGMAS = ['PRAGMA journal_mode = WAL', 'PRAGMA foreign_keys = ON', 'PRAGMA busy_timeout = 5000', 'PRAGMA synchronous = NORMAL'];

export async function applyConnectionPragmas(conn: unknown): Promise<void> {
  const db = conn as RawSqliteConnection;
  for (const sql of PRAGMAS) {
    await new Promise<void>((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
  }
}

/**
 * Statements that make a ledger table append-only inside the database itself, so no code path (a bug, a script, a
 * future repository) can rewrite history: corrections are new rows. SQLite has no privileges to revoke, hence triggers.
 */
export function appendOnlyTriggers(table: 'stock_movements'): string[] {
  const refuse = (op: 'UPDATE' | 'DELETE') =>
    `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`;
  return [refuse('UPDATE'), refuse('DELETE')];
}
