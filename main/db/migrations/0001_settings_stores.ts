import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('settings', (t) => {
    t.string('key', 100).primary();
    t.text('value_json').notNullable();
    t.string('updated_at', 40).notNullable();
  });

  await db.schema.createTable('marketplaces', (t) => {
    t.string('id', 20).primary();
    t.string('country_code', 2).notNullable();
    t.string('region', 4).notNullable();
    t.string('currency', 3).notNullable();
    t.string('time_zone', 60).notNullable();
    t.string('domain', 60).notNullable();
  });

  await db.schema.createTable('stores', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.string('seller_id', 64).nullable();
    t.string('region', 4).notNullable();
    t.string('created_at', 40).notNullable();
  });

  await db.schema.createTable('store_marketplaces', (t) => {
    t.integer('store_id').notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('marketplace_id', 20).notNullable().references('id').inTable('marketplaces');
    t.primary(['store_id', 'marketplace_id']);
  });

  // Frozen copy of Amazon's marketplace list as of this migration; later changes get their own migration.
  const rows: [string, string, string, string, string, string][] = [
    ['ATVPDKIKX0DER', 'US', 'na', 'USD', 'America/Los_Angeles', 'amazon.com'],
    ['A2EUQ1WTGCTBG2', 'CA', 'na', 'CAD', 'America/Los_Angeles', 'amazon.ca'],
    ['A1AM78C64UM0Y8', 'MX', 'na', 'MXN', 'America/Mexico_City', 'amazon.com.mx'],
    ['A2Q3Y263D00KWC', 'BR', 'na', 'BRL', 'America/Sao_Paulo', 'amazon.com.br'],
    ['A1F83G8C2ARO7P', 'GB', 'eu', 'GBP', 'Europe/London', 'amazon.co.uk'],
    ['A1PA6795UKMFR9', 'DE', 'eu', 'EUR', 'Europe/Berlin', 'amazon.de'],
    ['A13V1IB3VIYZZH', 'FR', 'eu', 'EUR', 'Europe/Paris', 'amazon.fr'],
    ['APJ6JRA9NG5V4', 'IT', 'eu', 'EUR', 'Europe/Rome', 'amazon.it'],
    ['A1RKKUPIHCS9HS', 'ES', 'eu', 'EUR', 'Europe/Madrid', 'amazon.es'],
    ['A1805IZSGTT6HS', 'NL', 'eu', 'EUR', 'Europe/Amsterdam', 'amazon.nl'],
    ['A2NODRKZP88ZB9', 'SE', 'eu', 'SEK', 'Europe/Stockholm', 'amazon.se'],
    ['A1C3SOZRARQ6R3', 'PL', 'eu', 'PLN', 'Europe/Warsaw', 'amazon.pl'],
    ['AMEN7PMS3EDWL', 'BE', 'eu', 'EUR', 'Europe/Brussels', 'amazon.com.be'],
    ['A28R8C7NBKEWEA', 'IE', 'eu', 'EUR', 'Europe/Dublin', 'amazon.ie'],
    ['A33AVAJ2PDY3EV', 'TR', 'eu', 'TRY', 'Europe/Istanbul', 'amazon.com.tr'],
    ['A2VIGQ35RCS4UG', 'AE', 'eu', 'AED', 'Asia/Dubai', 'amazon.ae'],
    ['A17E79C6D8DWNP', 'SA', 'eu', 'SAR', 'Asia/Riyadh', 'amazon.sa'],
    ['ARBP9OOSHTCHU', 'EG', 'eu', 'EGP', 'Africa/Cairo', 'amazon.eg'],
    ['A21TJRUUN4KGV', 'IN', 'eu', 'INR', 'Asia/Kolkata', 'amazon.in'],
    ['AE08WJ6YKNBMC', 'ZA', 'eu', 'ZAR', 'Africa/Johannesburg', 'amazon.co.za'],
    ['A1VC38T7YXB528', 'JP', 'fe', 'JPY', 'Asia/Tokyo', 'amazon.co.jp'],
    ['A39IBJ37TRP1C6', 'AU', 'fe', 'AUD', 'Australia/Sydney', 'amazon.com.au'],
    ['A19VAU5U5O7RUS', 'SG', 'fe', 'SGD', 'Asia/Singapore', 'amazon.sg'],
  ];
  await db('marketplaces').insert(
    rows.map(([id, country_code, region, currency, time_zone, domain]) => ({ id, country_code, region, currency, time_zone, domain })),
  );
}
