import { exceptionReasonCodes, type ExceptionReason, type ExceptionResolution, type ExceptionsPage, type ExceptionsQuery, type Finding } from '../../../shared/domain/fulfillment';
import { exceptionsQuerySchema } from '../../../shared/domain/fulfillment';
import type { Queryable } from '../../db/connection';
import { insertException, openCountsByReason, openExceptionsOf, pageOpenExceptions, resolveExceptions, updateExceptionParams } from '../../db/repositories/fulfillment.repo';
import { parseInput } from '../validate';

/**
 * Makes an order's open exceptions match what its latest audit found: a reason still found stays open (its figures
 * refreshed), a reason no longer found is closed with `gone` ('edited' when a person asked for the recheck, 'cleared'
 * when the system re-audited), a new reason opens a row. Returns how many stay open.
 */
export async function reconcileExceptions(
  db: Queryable,
  orderId: string,
  findings: readonly Finding[],
  r: { now: string; actor: string; gone: Extract<ExceptionResolution, 'edited' | 'cleared'>; note?: string | null },
): Promise<{ open: number; raised: ExceptionReason[]; closed: ExceptionReason[] }> {
  const open = await openExceptionsOf(db, orderId);
  const found = new Map(findings.map((f) => [f.code, f]));
  const closed = open.filter((e) => !found.has(e.reasonCode));
  await resolveExceptions(db, closed.map((e) => e.id), { resolution: r.gone, by: r.actor, at: r.now, note: r.note ?? null });
  const raised: ExceptionReason[] = [];
  for (const f of found.values()) {
    const existing = open.find((e) => e.reasonCode === f.code);
    if (existing) await updateExceptionParams(db, existing.id, f.params);
    else {
      await insertException(db, { orderId, reasonCode: f.code, params: f.params, raisedAt: r.now });
      raised.push(f.code);
    }
  }
  return { open: found.size, raised, closed: closed.map((e) => e.reasonCode) };
}

/** The exception pool: open exceptions (one row per order and reason), most urgent ship-by first, with counts per reason. */
export async function listOpenExceptions(db: Queryable, query: ExceptionsQuery): Promise<ExceptionsPage> {
  const q = parseInput(exceptionsQuerySchema, query);
  const page = await pageOpenExceptions(db, { limit: q.limit, offset: q.offset, ...(q.reason ? { reason: q.reason } : {}) });
  const counts = await openCountsByReason(db);
  const countsByReason = Object.fromEntries(exceptionReasonCodes.map((c) => [c, counts.get(c) ?? 0])) as Record<ExceptionReason, number>;
  return { rows: page.rows, total: page.total, countsByReason };
}
