import type { Queryable } from '../connection';

export interface WatermarkRow {
  watermark: string | null;
  cursor: unknown;
}

export async function getWatermark(db: Queryable, storeId: number, job: string): Promise<WatermarkRow> {
  const row = await db('sync_watermarks').where({ store_id: storeId, job }).first<{ watermark: string | null; cursor_json: string | null } | undefined>();
  return { watermark: row?.watermark ?? null, cursor: row?.cursor_json ? (JSON.parse(row.cursor_json) as unknown) : null };
}

export async function putWatermark(db: Queryable, storeId: number, job: string, value: { watermark: string | null; cursor: unknown }, now: string): Promise<void> {
  await db('sync_watermarks')
    .insert({ store_id: storeId, job, watermark: value.watermark, cursor_json: value.cursor === null ? null : JSON.stringify(value.cursor), updated_at: now })
    .onConflict(['store_id', 'job'])
    .merge();
}

export interface SyncRunRow {
  id: number;
  store_id: number;
  job: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  pages: number;
  items: number;
  error_kind: string | null;
  error_message: string | null;
}

export async function startRun(db: Queryable, run: { storeId: number; job: string; mode: string; startedAt: string }): Promise<number> {
  const [id] = await db('sync_runs').insert({ store_id: run.storeId, job: run.job, mode: run.mode, started_at: run.startedAt, outcome: 'running' }, ['id']);
  return typeof id === 'object' ? (id as { id: number }).id : (id as number);
}

export async function finishRun(
  db: Queryable,
  id: number,
  r: { finishedAt: string; outcome: 'ok' | 'error' | 'cancelled'; pages: number; items: number; errorKind?: string | null; errorMessage?: string | null },
): Promise<void> {
  await db('sync_runs')
    .where({ id })
    .update({ finished_at: r.finishedAt, outcome: r.outcome, pages: r.pages, items: r.items, error_kind: r.errorKind ?? null, error_message: r.errorMessage?.slice(0, 300) ?? null });
}

/** Runs a crash left "running" are closed as cancelled at start-up: the cursor they saved lets the next run resume. */
export async function closeInterruptedRuns(db: Queryable, now: string): Promise<number> {
  return db('sync_runs').where({ outcome: 'running' }).update({ outcome: 'cancelled', finished_at: now, error_message: 'interrupted' });
}

export async function latestRuns(db: Queryable): Promise<SyncRunRow[]> {
  const ids = db('sync_runs').max('id').groupBy('store_id', 'job');
  return db<SyncRunRow>('sync_runs').whereIn('id', ids);
}

export async function lastSuccess(db: Queryable, storeId: number, job: string): Promise<string | null> {
  const row = await db('sync_runs').where({ store_id: storeId, job, outcome: 'ok' }).max<{ at: string | null }[]>({ at: 'finished_at' });
  return row[0]?.at ?? null;
}
