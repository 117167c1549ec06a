import knex, { type Knex } from 'knex';
import { applyConnectionPragmas } from './dialect';

export type Db = Knex;
/** Repositories take either the root connection or a transaction, so services can compose them atomically. */
export type Queryable = Knex | Knex.Transaction;

export function openDatabase(filename: string): Db {
  return knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      // SQLite allows one writer; a single connection keeps transactions serialised instead of failing with SQLITE_BUSY.
      min: 1,
      max: 1,
      afterCreate: (conn: unknown, done: (err: Error | null, conn: unknown) => void) => {
        applyConnectionPragmas(conn).then(
          () => done(null, conn),
          (err: Error) => done(err, conn),
        );
      },
    },
  });
}
