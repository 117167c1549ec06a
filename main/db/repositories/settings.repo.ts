import type { Queryable } from '../connection';

export async function getSetting(db: Queryable, key: string): Promise<unknown> {
  const row = await db('settings').where({ key }).first<{ value_json: string } | undefined>('value_json');
  return row ? (JSON.parse(row.value_json) as unknown) : undefined;
}

export async function putSetting(db: Queryable, key: string, value: unknown, now: string): Promise<void> {
  await db('settings')
    .insert({ key, value_json: JSON.stringify(value), updated_at: now })
    .onConflict('key')
    .merge(['value_json', 'updated_at']);
}
