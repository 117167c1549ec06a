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
