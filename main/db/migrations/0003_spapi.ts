import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // One row per SP-API call the app makes: enough to answer "is Amazon slow, throttling us, or failing?" on the sync
  // screen, and nothing more: no tokens, no PII, no bodies.
  await db.schema.createTable('sync_calls', (t) => {
    t.increments('id');
    t.string('at', 40).notNullable();
    t.integer('store_id').nullable().references('id').inTable('stores').onDelete('SET NULL');
    t.string('operation', 60).notNullable();
    t.string('marketplace_id', 20).nullable();
    t.integer('http_status').nullable();
    t.integer('latency_ms').notNullable();
    t.string('request_id', 100).nullable();
    t.integer('retries').notNullable().defaultTo(0);
    t.string('error_kind', 30).nullable();
    t.index(['at']);
    t.index(['store_id', 'operation']);
  });

  // LWA credentials per store, secrets encrypted by the OS keychain (Electron safeStorage) or the key-file fallback.
  await db.schema.createTable('store_credentials', (t) => {
    t.integer('store_id').primary().references('id').inTable('stores').onDelete('CASCADE');
    t.string('client_id', 200).notNullable();
    t.text('client_secret_enc').notNullable();
    t.text('refresh_token_enc').notNullable();
    t.string('encryption', 20).notNullable();
    t.string('updated_at', 40).notNullable();
  });

  await db.schema.alterTable('stores', (t) => {
    t.boolean('is_demo').notNullable().defaultTo(false);
  });
}
