import type { Knex } from 'knex';

/** Who changed what, when: one immutable row per state change a person makes. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.string('at', 40).notNullable();
    t.string('actor', 100).notNullable();
    t.string('action', 100).notNullable();
    t.string('entity', 60).notNullable();
    t.string('entity_id', 100).nullable();
    t.text('detail_json').nullable();
    t.index(['entity', 'entity_id']);
    t.index(['at']);
  });
}
