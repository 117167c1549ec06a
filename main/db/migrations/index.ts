import type { Knex } from 'knex';
import * as m0001 from './0001_settings_stores';
import * as m0002 from './0002_audit_log';
import * as m0003 from './0003_spapi';
import * as m0004 from './0004_orders_sync';
import * as m0005 from './0005_fba_inventory_listings';
import * as m0006 from './0006_local_shipments';
import * as m0007 from './0007_catalog_inventory';
import * as m0008 from './0008_ledger_guard';
import * as m0009 from './0009_fulfillment';
import * as m0010 from './0010_fulfillment_rules';
import * as m0011 from './0011_order_search';
import * as m0012 from './0012_package_shipments';
import * as m0013 from './0013_returns';
import * as m0014 from './0014_order_item_cancellations';
import * as m0015 from './0015_pick_progress';
import * as m0016 from './0016_fba_inbound';
import * as m0017 from './0017_fba_shipment_boxes';
import * as m0018 from './0018_finance';
import * as m0019 from './0019_reconciliation';

interface Migration {
  up(db: Knex): Promise<void>;
}

/**
 * Numbered and forward-only. Listed statically rather than read from disk so the bundled
 * main process and the CLI run exactly the same set. Never edit a released entry: add one.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_settings_stores', m0001],
  ['0002_audit_log', m0002],
  ['0003_spapi', m0003],
  ['0004_orders_sync', m0004],
  ['0005_fba_inventory_listings', m0005],
  ['0006_local_shipments', m0006],
  ['0007_catalog_inventory', m0007],
  ['0008_ledger_guard', m0008],
  ['0009_fulfillment', m0009],
  ['0010_fulfillment_rules', m0010],
  ['0011_order_search', m0011],
  ['0012_package_shipments', m0012],
  ['0013_returns', m0013],
  ['0014_order_item_cancellations', m0014],
  ['0015_pick_progress', m0015],
  ['0016_fba_inbound', m0016],
  ['0017_fba_shipment_boxes', m0017],
  ['0018_finance', m0018],
  ['0019_reconciliation', m0019],
];

class StaticMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly list: ReadonlyArray<readonly [string, Migration]>) {}
  getMigrations() {
    return Promise.resolve(this.list.map(([, m]) => m));
  }
  getMigrationName(m: Migration) {
    const entry = this.list.find(([, candidate]) => candidate === m);
    if (!entry) throw new Error('unknown migration');
    return entry[0];
  }
  getMigration(m: Migration) {
    return Promise.resolve({
      up: m.up,
      down: () => Promise.reject(new Error('migrations are forward-only')),
    });
  }
}

export interface MigrateResult {
  applied: string[];
  current: string | null;
}

/**
 * Applies pending migrations up to `target` (inclusive) or all of them, each in its own transaction.
 * knex refuses a DB that ran migrations this build doesn't know (a newer app wrote it).
 */
export async function migrate(db: Knex, target?: string): Promise<MigrateResult> {
  const list = target ? migrations.slice(0, migrations.findIndex(([n]) => n === target) + 1) : migrations;
  if (target && list.length === 0) throw new Error(`unknown migration ${target}`);
  const [, applied] = (await db.migrate.latest({
    migrationSource: new StaticMigrationSource(list),
    tableName: 'schema_migrations',
  })) as [number, string[]];
  const rows = await db('schema_migrations').select<{ name: string }[]>('name').orderBy('id');
  return { applied, current: rows.at(-1)?.name ?? null };
}
