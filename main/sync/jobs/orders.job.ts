import type { Knex } from 'knex';
import { z } from 'zod';
import type { Queryable } from '../../db/connection';
import { insertStatusChanges, replaceOrders, storedVersions } from '../../db/repositories/orders.repo';
import { getWatermark, putWatermark } from '../../db/repositories/sync-state.repo';
import { SpApiError } from '../../spapi/errors';
import { operations } from '../../spapi/operations';
import type { IncludedData, SpOrder } from '../../spapi/schemas/orders';
import type { Store } from '../../../shared/domain/store';
import type { JobContext, JobOutcome, SyncJob } from './job';
import { mapOrder } from './order-mapping';
import { indexOrderNames } from '../../services/orders/search-tokens';

export const ORDERS_JOB = 'orders' as const;
/** Everything fulfilment needs, in the one call: no per-order getOrder follows (its budget is 0.5/s). */
const INCLUDED: IncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'CANCELLATION'];
const TWO_MINUTES = 120_000;

const cursorSchema = z.object({
  mode: z.enum(['backfill', 'incremental']),
  after: z.string(),
  before: z.string(),
  token: z.string().optional(),
  pages: z.number().int(),
  items: z.number().int(),
});
type Cursor = z.infer<typeof cursorSchema>;

export interface OrdersJobOptions {
  /** Days of history the first run reads; per store, so demo stores can start lighter than a real account. */
  backfillDays?: number | ((store: Store) => number);
  /** Re-read this much before the watermark: Amazon's lastUpdatedTime can land slightly behind its own index. */
  overlapMs?: number;
  intervalMs?: number;
  /**
   * Runs inside each page's transaction with the ids of the orders that page added or changed (fulfilment starts new
   * FBM orders and stops cancelled ones), so the orders and what follows from them commit together.
   */
  afterPage?: (trx: Knex.Transaction, orderIds: string[]) => Promise<void>;
}

/**
 * Orders 2026-01-01 searchOrders into SQLite. First run: every order created in the last N days; then every order
 * updated since the watermark (all statuses, so cancellations arrive). Each page commits with its cursor, and the last
 * page commits the new watermark, so a crash or cancel resumes where it stopped and never skips or duplicates.
 */
export function ordersJob(opts: OrdersJobOptions = {}): SyncJob {
  const backfillMs = (store: Store) => (typeof opts.backfillDays === 'function' ? opts.backfillDays(store) : (opts.backfillDays ?? 30)) * 24 * 3600_000;
  const overlapMs = opts.overlapMs ?? 5 * 60_000;

  async function run(ctx: JobContext): Promise<JobOutcome> {
    const { db, store } = ctx;
    const saved = await getWatermark(db, store.id, ORDERS_JOB);
    const resumed = cursorSchema.safeParse(saved.cursor);
    let cursor: Cursor | null = resumed.success ? resumed.data : null;
    if (!cursor) {
      const now = ctx.clock.now().getTime();
      // Amazon requires the window to close at least two minutes before the request; a second of margin for the clock.
      const before = new Date(now - TWO_MINUTES - 1000).toISOString();
      const after = saved.watermark === null ? new Date(now - backfillMs(store)).toISOString() : new Date(Date.parse(saved.watermark) - overlapMs).toISOString();
      if (after >= before) return { mode: 'incremental', pages: 0, items: 0, interrupted: false };
      cursor = { mode: saved.watermark === null ? 'backfill' : 'incremental', after, before, pages: 0, items: 0 };
    }

    for (;;) {
      if (ctx.signal.aborted) return { mode: cursor.mode, pages: cursor.pages, items: cursor.items, interrupted: true };
      const window =
        cursor.mode === 'backfill' ? { createdAfter: cursor.after, createdBefore: cursor.before } : { lastUpdatedAfter: cursor.after, lastUpdatedBefore: cursor.before };
      let page;
      try {
        page = await ctx.api.searchOrders({
          ...window,
          marketplaceIds: store.marketplaceIds,
          includedData: INCLUDED,
          maxResultsPerPage: 100,
          ...(cursor.token ? { paginationToken: cursor.token } : {}),
        });
      } catch (err) {
        // A pagination token older than 24 h is refused: read the same window again from its start (upserts are idempotent).
        if (err instanceof SpApiError && err.kind === 'invalid-input' && cursor.token && /paginationToken/i.test(err.message)) {
          cursor = { ...cursor, token: undefined, pages: 0, items: 0 };
          continue;
        }
        throw err;
      }

      const next = page.pagination?.nextToken;
      const current: Cursor = cursor;
      await db.transaction(async (trx) => {
        const stored = await storeOrderPage(ctx, trx, page.orders);
        if (opts.afterPage && stored.length > 0) await opts.afterPage(trx, stored);
        if (next) {
          await putWatermark(trx, store.id, ORDERS_JOB, { watermark: saved.watermark, cursor: { ...current, token: next, pages: current.pages + 1, items: current.items + page.orders.length } }, ctx.clock.now().toISOString());
        } else {
          await putWatermark(trx, store.id, ORDERS_JOB, { watermark: current.before, cursor: null }, ctx.clock.now().toISOString());
        }
      });
      cursor = { ...current, token: next, pages: current.pages + 1, items: current.items + page.orders.length };
      ctx.progress({ mode: cursor.mode, pages: cursor.pages, items: cursor.items, etaSeconds: next ? estimateSeconds(cursor, page.orders) : 0 });
      if (!next) return { mode: cursor.mode, pages: cursor.pages, items: cursor.items, interrupted: false };
    }
  }

  return { kind: ORDERS_JOB, intervalMs: opts.intervalMs ?? 3 * 60_000, run };
}

/**
 * Upserts one page of orders (keeping the newer copy), their items and packages, and records status changes. Returns
 * the ids it wrote.
 */
export async function storeOrderPage(ctx: Pick<JobContext, 'clock' | 'store' | 'secretBox'>, trx: Queryable, orders: SpOrder[]): Promise<string[]> {
  if (orders.length === 0) return [];
  const now = ctx.clock.now().toISOString();
  const stored = await storedVersions(trx, orders.map((o) => o.orderId));
  const keep = [];
  const changes = [];
  for (const o of orders) {
    const before = stored.get(o.orderId);
    const mapped = mapOrder(o, ctx.store.id, ctx.secretBox, now, !!before?.pii_purged_at);
    // Pages of an overlapping window can repeat an order; an older copy never overwrites a newer one.
    if (before && before.last_updated_time > mapped.order.last_updated_time) continue;
    if (before?.pii_purged_at) mapped.order.pii_purged_at = before.pii_purged_at;
    keep.push(mapped);
    if (!before || before.status !== mapped.order.status) {
      changes.push({ order_id: o.orderId, from_status: before?.status ?? null, to_status: mapped.order.status, changed_at: mapped.order.last_updated_time, detected_at: now });
    }
  }
  await replaceOrders(
    trx,
    keep.map((k) => k.order),
    keep.flatMap((k) => k.items),
    keep.flatMap((k) => k.packages),
    new Set(stored.keys()),
  );
  await insertStatusChanges(trx, changes);
  // The names' blind index commits with the orders it describes (and follows them when PII is purged).
  await indexOrderNames(trx, ctx.secretBox, orders, keep.map((k) => k.order), now);
  return keep.map((k) => k.order.id);
}

/**
 * Backfill pages come in creation order, so how far the last order is into the window tells how much is left; the
 * remaining pages cost one searchOrders token each (one per 180 s once the burst is spent).
 */
function estimateSeconds(cursor: Cursor, lastPage: SpOrder[]): number | null {
  const last = lastPage.at(-1);
  if (cursor.mode !== 'backfill' || !last) return null;
  const start = Date.parse(cursor.after);
  const span = Date.parse(cursor.before) - start;
  const done = (Date.parse(last.createdTime) - start) / span;
  if (!(done > 0 && done < 1)) return null;
  const remainingPages = Math.ceil(cursor.pages / done - cursor.pages);
  const plan = operations.searchOrders;
  const burstLeft = Math.max(0, plan.burst - cursor.pages);
  return Math.round(Math.max(0, remainingPages - burstLeft) / plan.rate);
}
