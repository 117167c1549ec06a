import type { AmazonApi } from '../../spapi/amazon-api';
import { z } from 'zod';
import type { Queryable } from '../../db/connection';
import { getWatermark, putWatermark } from '../../db/repositories/sync-state.repo';
import { SpApiError } from '../../spapi/errors';
import type { Store } from '../../../shared/domain/store';
import { upsertGroups, upsertTransactions } from '../../services/finance/finance.repo';
import { mapGroup, mapTransaction } from '../../services/finance/transaction-mapping';
import type { JobContext, JobOutcome, SyncJob } from './job';
import { ABORTED, untilAborted } from './until-aborted';

export const FINANCES_JOB = 'finances' as const;
const DAY = 86_400_000;
const TWO_MINUTES = 120_000;
/** Amazon answers an empty list for a postedAfter…postedBefore window wider than 180 days. */
const MAX_WINDOW_MS = 179 * DAY;
/** An open settlement's balance changes until it closes (14 days), and a payout lands after: re-read groups this far back. */
const GROUP_REFRESH_MS = 45 * DAY;

const cursorSchema = z.object({
  mode: z.enum(['backfill', 'incremental']),
  after: z.string(),
  before: z.string(),
  token: z.string().optional(),
  pages: z.number().int(),
  items: z.number().int(),
});
type Cursor = z.infer<typeof cursorSchema>;

export interface FinancesJobOptions {
  /** Days of posted money the first run reads. */
  backfillDays?: number | ((store: Store) => number);
  /** Re-read this much before the watermark: Amazon can post a transaction with a date slightly in the past. */
  overlapMs?: number;
  intervalMs?: number;
}

/**
 * A regional endpoint answers for every marketplace of the seller in the region; a store keeps what is its own (its
 * marketplaces, and account-level money such as reserves in its marketplaces' currencies).
 */
async function storeScope(db: Queryable, store: Store): Promise<{ marketplaces: Set<string>; currencies: Set<string> }> {
  const rows = await db('marketplaces').whereIn('id', store.marketplaceIds).select<{ currency: string }[]>('currency');
  return { marketplaces: new Set(store.marketplaceIds), currencies: new Set(rows.map((r) => r.currency)) };
}

/**
 * Finances per store: settlement groups (v0 listFinancialEventGroups) re-read for the recent past, then transactions
 * (2024-06-19 listTransactions) by posted date from the watermark. Each transaction page commits with its cursor and the
 * last one with the new watermark, so a crash or cancel resumes where it stopped; a transaction read twice (overlap,
 * resume) replaces itself by its id, never duplicates.
 */
export function financesJob(opts: FinancesJobOptions = {}): SyncJob {
  const backfillMs = (store: Store) => (typeof opts.backfillDays === 'function' ? opts.backfillDays(store) : (opts.backfillDays ?? 90)) * DAY;
  const overlapMs = opts.overlapMs ?? DAY;

  async function syncGroups(ctx: JobContext, after: string, before: string, scope: { currencies: Set<string> }): Promise<number> {
    let token: string | undefined;
    let count = 0;
    do {
      if (ctx.signal.aborted) return count;
      const page = await ctx.api.finances.listFinancialEventGroups({ startedAfter: after, startedBefore: before, ...(token ? { nextToken: token } : {}) });
      const now = ctx.clock.now().toISOString();
      const groups = (page.payload?.FinancialEventGroupList ?? []).map((g) => mapGroup(g, ctx.store.id, now)).filter((g) => g.currency === null || scope.currencies.has(g.currency));
      await upsertGroups(ctx.db, groups);
      count += groups.length;
      token = page.payload?.NextToken;
    } while (token);
    return count;
  }

  async function run(ctx: JobContext): Promise<JobOutcome> {
    const { db, store } = ctx;
    const scope = await storeScope(db, store);
    const saved = await getWatermark(db, store.id, FINANCES_JOB);
    const resumed = cursorSchema.safeParse(saved.cursor);
    let cursor: Cursor | null = resumed.success ? resumed.data : null;
    const now = ctx.clock.now().getTime();
    // Amazon requires windows to close at least two minutes before the request; a second of margin for the clock.
    const latest = now - TWO_MINUTES - 1000;
    if (!cursor) {
      const after = saved.watermark === null ? now - backfillMs(store) : Date.parse(saved.watermark) - overlapMs;
      const before = Math.min(latest, after + MAX_WINDOW_MS);
      if (after >= before) return { mode: 'incremental', pages: 0, items: 0, interrupted: false };
      cursor = { mode: saved.watermark === null ? 'backfill' : 'incremental', after: new Date(after).toISOString(), before: new Date(before).toISOString(), pages: 0, items: 0 };
    }

    // Groups first, so the payouts a page of transactions points to exist when it commits.
    const groupsAfter = Math.max(latest - MAX_WINDOW_MS, Math.min(Date.parse(cursor.after) - GROUP_REFRESH_MS, now - GROUP_REFRESH_MS));
    await syncGroups(ctx, new Date(groupsAfter).toISOString(), new Date(latest).toISOString(), scope);

    for (;;) {
      if (ctx.signal.aborted) return { mode: cursor.mode, pages: cursor.pages, items: cursor.items, interrupted: true };
      let page: Awaited<ReturnType<AmazonApi['finances']['listTransactions']>>;
      try {
        const fetched = await untilAborted(ctx.api.finances.listTransactions({ postedAfter: cursor.after, postedBefore: cursor.before, ...(cursor.token ? { nextToken: cursor.token } : {}) }), ctx.signal);
        if (fetched === ABORTED) return { mode: cursor.mode, pages: cursor.pages, items: cursor.items, interrupted: true };
        page = fetched;
      } catch (err) {
        // An expired page token: read the window again from its start (transactions upsert by id).
        if (err instanceof SpApiError && err.kind === 'invalid-input' && cursor.token && /token/i.test(err.message)) {
          cursor = { ...cursor, token: undefined, pages: 0, items: 0 };
          continue;
        }
        throw err;
      }
      const importedAt = ctx.clock.now().toISOString();
      const mapped = (page.payload?.transactions ?? [])
        .map((t) => mapTransaction(t, store.id, importedAt))
        .filter(({ row }) => (row.marketplace_id ? scope.marketplaces.has(row.marketplace_id) : scope.currencies.has(row.currency)));
      const next = page.payload?.nextToken;
      const current: Cursor = cursor;
      await db.transaction(async (trx) => {
        await upsertTransactions(trx, mapped);
        const progress = { ...current, token: next, pages: current.pages + 1, items: current.items + mapped.length };
        if (next) await putWatermark(trx, store.id, FINANCES_JOB, { watermark: saved.watermark, cursor: progress }, importedAt);
        else await putWatermark(trx, store.id, FINANCES_JOB, { watermark: current.before, cursor: null }, importedAt);
      });
      cursor = { ...current, token: next, pages: current.pages + 1, items: current.items + mapped.length };
      ctx.progress({ mode: cursor.mode, pages: cursor.pages, items: cursor.items, etaSeconds: null });
      if (!next) return { mode: cursor.mode, pages: cursor.pages, items: cursor.items, interrupted: false };
    }
  }

  return { kind: FINANCES_JOB, intervalMs: opts.intervalMs ?? 60 * 60_000, run };
}
