import type { AuditEntry } from '../../../shared/domain/audit';
import type { Queryable } from '../connection';

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: Record<string, unknown> | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail_json: string | null;
}

const toRow = (rec: AuditRecord): Omit<AuditRow, 'id'> => ({
  at: rec.at,
  actor: rec.actor,
  action: rec.action,
  entity: rec.entity,
  entity_id: rec.entityId ?? null,
  detail_json: rec.detail ? JSON.stringify(rec.detail) : null,
});

export async function appendAudit(db: Queryable, rec: AuditRecord): Promise<void> {
  await db('audit_log').insert(toRow(rec));
}

/** Many records in one statement (a wave moves hundreds of orders); callers keep chunks within the parameter limits. */
export async function appendAudits(db: Queryable, recs: readonly AuditRecord[]): Promise<void> {
  if (recs.length > 0) await db('audit_log').insert(recs.map(toRow));
}

export async function listAudit(db: Queryable, limit: number, beforeId?: number): Promise<AuditEntry[]> {
  const q = db<AuditRow>('audit_log').orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) q.where('id', '<', beforeId);
  const rows = await q;
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail_json ? (JSON.parse(r.detail_json) as Record<string, unknown>) : null,
  }));
}
