import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { migrate, migrations } from '../../main/db/migrations';
import { tempDir } from '../support/temp-core';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const tablesOf = async (d: Db) =>
  (await d('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').whereNot('name', 'like', 'schema_migrations%').pluck<string[]>('name')).sort();

describe('migrations', () => {
  it('build the whole schema on an empty file DB, with WAL and foreign keys on', async () => {
    db = openDatabase(path.join(tempDir(), 'erp.sqlite'));
    const result = await migrate(db);
    expect(result.applied).toEqual(migrations.map(([n]) => n));
    expect(await tablesOf(db)).toEqual([
      'allocation_rules', 'audit_log', 'audit_rules', 'bins', 'bundle_components', 'carrier_rules',
      'fba_inbound_box_items', 'fba_inbound_boxes', 'fba_inbound_delivery_windows', 'fba_inbound_packing_group_items', 'fba_inbound_packing_options', 'fba_inbound_placement_options', 'fba_inbound_plan_items', 'fba_inbound_plans', 'fba_inbound_shipment_boxes', 'fba_inbound_shipment_items', 'fba_inbound_shipments', 'fba_inbound_transport_options',
      'fba_inventory', 'finance_groups', 'finance_transaction_lines', 'finance_transactions', 'fx_rates', 'listings', 'local_shipments', 'marketplaces', 'order_allocations', 'order_exceptions', 'order_items', 'order_packages', 'order_search_tokens', 'order_status_history', 'order_workflow', 'orders', 'outbox', 'product_bins', 'product_codes', 'product_costs', 'product_listings', 'product_titles', 'products', 'purchase_order_lines', 'purchase_orders', 'purchase_receipts', 'recon_claims', 'recon_stock_baselines', 'return_dispositions', 'return_lines', 'returns', 'settings', 'stock_levels', 'stock_movements', 'store_credentials', 'store_marketplaces', 'stores', 'suppliers', 'sync_calls', 'sync_runs', 'sync_watermarks', 'warehouses', 'wave_shorts', 'waves',
    ]);
    expect(await db('marketplaces').count({ n: '*' }).first()).toEqual({ n: 23 });
    expect(await db.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.raw('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await db.raw('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
    await expect(db('store_marketplaces').insert({ store_id: 99, marketplace_id: 'ATVPDKIKX0DER' })).rejects.toThrow(/FOREIGN KEY/);
  });

  it('upgrade a DB at the previous version and keep its data', async () => {
    const file = path.join(tempDir(), 'erp.sqlite');
    db = openDatabase(file);
    const previous = migrations.at(-2)?.[0];
    expect(previous).toBeDefined();
    await migrate(db, previous);
    await db('stores').insert({ name: '老店铺', region: 'na', created_at: '2026-01-01T00:00:00.000Z' });
    await db('settings').insert({ key: 'ui.locale', value_json: '"en"', updated_at: '2026-01-01T00:00:00.000Z' });
    await db.destroy();

    db = openDatabase(file);
    const result = await migrate(db);
    expect(result.applied).toEqual([migrations.at(-1)?.[0]]);
    expect(result.current).toBe(migrations.at(-1)?.[0]);
    expect(await db('stores').pluck('name')).toEqual(['老店铺']);
    expect(await db('settings').pluck('value_json')).toEqual(['"en"']);
    expect(await tablesOf(db)).toContain('sync_calls');
    expect(await db('stores').pluck('is_demo')).toEqual([0]);
  });

  it('are idempotent: a second run applies nothing', async () => {
    db = openDatabase(path.join(tempDir(), 'erp.sqlite'));
    await migrate(db);
    expect((await migrate(db)).applied).toEqual([]);
  });

  it('refuse a DB written by a newer version', async () => {
    db = openDatabase(path.join(tempDir(), 'erp.sqlite'));
    await migrate(db);
    await db('schema_migrations').insert({ name: '9999_from_the_future', batch: 9, migration_time: new Date() });
    await expect(migrate(db)).rejects.toThrow(/9999_from_the_future/);
  });

  it('are numbered in order without gaps', () => {
    expect(migrations.map(([n]) => Number(n.slice(0, 4)))).toEqual(migrations.map((_, i) => i + 1));
  });
});
