import type { Queryable } from '../db/connection';
import { appendAudit } from '../db/repositories/audit.repo';
import type { Clock } from '../clock';

export interface Actor {
  /** Who is at the keyboard: the OS user for the desktop app, `cli:<user>` for scripts. */
  name: string;
}

export type AuditFn = (
  trx: Queryable,
  change: { action: string; entity: string; entityId?: string | null; detail?: Record<string, unknown> | null; actor?: string },
) => Promise<void>;

/**
 * Audit rows are written inside the caller's transaction, so a change and its record land together or not at all.
 * Changes the app makes on its own (the demo store) name their actor `system:…`.
 */
export function createAudit(actor: Actor, clock: Clock): AuditFn {
  return (trx, { actor: override, ...change }) => appendAudit(trx, { ...change, actor: override ?? actor.name, at: clock.now().toISOString() });
}
