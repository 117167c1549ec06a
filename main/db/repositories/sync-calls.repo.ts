import type { Queryable } from '../connection';

export interface SyncCallRow {
  at: string;
  storeId: number | null;
  operation: string;
  marketplaceId: string | null;
  httpStatus: number | null;
  latencyMs: number;
  requestId: string | null;
  retries: number;
  errorKind: string | null;
}

export async function insertSyncCalls(db: Queryable, rows: SyncCallRow[]): Promise<void> {
  // knex's SQLite multi-row insert is a compound SELECT: stay under its 500-term limit.
  for (let i = 0; i < rows.length; i += 400) {
    await db('sync_calls').insert(
      rows.slice(i, i + 400).map((r) => ({
        at: r.at,
        store_id: r.storeId,
        operation: r.operation,
        marketplace_id: r.marketplaceId,
        http_status: r.httpStatus,
        latency_ms: r.latencyMs,
        request_id: r.requestId,
        retries: r.retries,
        error_kind: r.errorKind,
      })),
    );
  }
}

export async function listSyncCalls(db: Queryable, limit: number): Promise<SyncCallRow[]> {
  const rows = await db('sync_calls').orderBy('id', 'desc').limit(limit);
  return rows.map((r: Record<string, unknown>) => ({
    at: r.at as string,
    storeId: (r.store_id as number | null) ?? null,
    operation: r.operation as string,
    marketplaceId: (r.marketplace_id as string | null) ?? null,
    httpStatus: (r.http_status as number | null) ?? null,
    latencyMs: r.latency_ms as number,
    requestId: (r.request_id as string | null) ?? null,
    retries: r.retries as number,
    errorKind: (r.error_kind as string | null) ?? null,
  }));
}
