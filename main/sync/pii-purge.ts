import type { Db } from '../db/connection';
import { purgeExpiredPii } from '../db/repositories/orders.repo';
import { deletePurgedSearchTokens } from '../db/repositories/orders-list.repo';
import type { Clock } from '../clock';

export const PII_RETENTION_DAYS = 30;

/** Runs the PII purge at start-up and then daily; an offline laptop catches up the first time it is opened. */
export function createPiiPurge(deps: { db: Db; clock: Clock; log?: { error(message: string, detail: Record<string, unknown>): void } }) {
  let timer: NodeJS.Timeout | null = null;

  async function runOnce(): Promise<number> {
    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - PII_RETENTION_DAYS * 86400_000).toISOString();
    // The name hashes go in the same transaction as the sealed names they were made from.
    return deps.db.transaction(async (trx) => {
      const purged = await purgeExpiredPii(trx, cutoff, now.toISOString());
      await deletePurgedSearchTokens(trx);
      return purged;
    });
  }

  const tick = () =>
    void runOnce().catch((err: unknown) => deps.log?.error('PII purge failed', { error: err instanceof Error ? err.message : String(err) }));

  return {
    runOnce,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, 24 * 3600_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
