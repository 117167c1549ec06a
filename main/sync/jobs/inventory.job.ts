import type { Knex } from 'knex';
import { z } from 'zod';
import type { Store } from '../../../shared/domain/store';
import { replaceFbaInventory, upsertFbaInventory, type FbaInventoryRow } from '../../db/repositories/fba-inventory.repo';
import { getWatermark, putWatermark } from '../../db/repositories/sync-state.repo';
import { SpApiError } from '../../spapi/errors';
import type { InventorySummariesResponse } from '../../spapi/schemas/inventory';
import type { JobContext, JobOutcome, SyncJob } from './job';

export const INVENTORY_JOB = 'inventory' as const;

export interface InventoryJobOptions {
  intervalMs?: number;
  /**
   * Longest time between two full scans of a marketplace; 0 makes every run a full scan. Runs in between ask only for
   * summaries changed since the last scan (startDateTime), which Amazon documents as blind to inbound quantity changes
   * (working → shipped → receiving): without a periodic full scan, inbound figures could stay stale for weeks and SKUs
   * Amazon dropped would never leave the view. Six hours bounds that staleness while a large catalogue (a full scan is
   * one call per 50 SKUs per marketplace at 2 calls/s) still spends most cycles on the cheap incremental read.
   */
  fullScanEveryMs?: number;
  /** Re-read this much before the last scan's start: Amazon's lastUpdatedTime can land slightly behind its own index. */
  overlapMs?: number;
  /** Times one marketplace's scan is restarted after its nextToken expired before giving up (default 3). */
  maxRestarts?: number;
  /**
   * Runs in the transaction that wrote a marketplace's rows, after them (the core mirrors FBA figures into the ledger
   * here), so Amazon's view and what is derived from it commit together; a failure rolls both back for the next run.
   */
  afterSnapshot?: (trx: Knex.Transaction, snapshot: { store: Store; marketplaceId: string; syncedAt: string }) => Promise<void>;
}

type Summary = InventorySummariesResponse['payload']['inventorySummaries'][number];
type Mode = 'full' | 'incremental';

/**
 * Per (store, marketplace) in sync_watermarks under `inventory:<marketplaceId>`: `watermark` is when the last
 * committed scan started (the next incremental scan asks for changes since then), `cursor.fullScanAt` when the last
 * committed full scan started. There is never a resumable page cursor: see readAllPages.
 */
const stateSchema = z.object({ fullScanAt: z.string() });
const watermarkKey = (marketplaceId: string) => `${INVENTORY_JOB}:${marketplaceId}`;

/** The totals the typed response schema leaves loose; details=true makes Amazon send them. */
const detailsSchema = z.looseObject({
  fulfillableQuantity: z.number().int().optional(),
  inboundWorkingQuantity: z.number().int().optional(),
  inboundShippedQuantity: z.number().int().optional(),
  inboundReceivingQuantity: z.number().int().optional(),
  reservedQuantity: z.looseObject({ totalReservedQuantity: z.number().int().optional() }).optional(),
  researchingQuantity: z.looseObject({ totalResearchingQuantity: z.number().int().optional() }).optional(),
  unfulfillableQuantity: z.looseObject({ totalUnfulfillableQuantity: z.number().int().optional() }).optional(),
});

/**
 * FBA Inventory getInventorySummaries into `fba_inventory`, Amazon's view of its warehouse (not ledger rows). Per
 * marketplace of the store: read every page back to back, then replace that marketplace's view in one transaction
 * together with its watermark. A full scan also removes SKUs Amazon no longer lists; an incremental scan only
 * upserts the summaries that changed.
 */
export function inventoryJob(opts: InventoryJobOptions = {}): SyncJob {
  const fullScanEveryMs = opts.fullScanEveryMs ?? 6 * 3600_000;
  const overlapMs = opts.overlapMs ?? 5 * 60_000;
  const maxRestarts = opts.maxRestarts ?? 3;

  async function run(ctx: JobContext): Promise<JobOutcome> {
    const { db, store } = ctx;
    let pages = 0;
    let items = 0;
    let anyFull = false;
    const outcome = (interrupted: boolean): JobOutcome => ({ mode: anyFull ? 'full' : 'incremental', pages, items, interrupted });

    for (const marketplaceId of store.marketplaceIds) {
      if (ctx.signal.aborted) return outcome(true);
      const key = watermarkKey(marketplaceId);
      const saved = await getWatermark(db, store.id, key);
      const state = stateSchema.safeParse(saved.cursor);
      const lastFullScanAt = state.success ? state.data.fullScanAt : null;
      const startedAt = ctx.clock.now().toISOString();
      const fullDue = saved.watermark === null || lastFullScanAt === null || !(Date.parse(startedAt) - Date.parse(lastFullScanAt) < fullScanEveryMs);
      const mode: Mode = fullDue ? 'full' : 'incremental';
      anyFull ||= fullDue;
      const startDateTime = !fullDue && saved.watermark ? new Date(Date.parse(saved.watermark) - overlapMs).toISOString() : undefined;

      const scan = await readAllPages(ctx, marketplaceId, startDateTime, maxRestarts, (page, n) => {
        ctx.progress({ mode, pages: pages + page, items: items + n, etaSeconds: null });
      });
      if (!scan) return outcome(true);
      pages += scan.pages;
      items += scan.summaries.length;

      const syncedAt = ctx.clock.now().toISOString();
      const rows = scan.summaries.map((s) => toRow(s, store.id, marketplaceId, syncedAt));
      await db.transaction(async (trx) => {
        if (fullDue) await replaceFbaInventory(trx, store.id, marketplaceId, rows);
        else await upsertFbaInventory(trx, rows);
        const cursor = { fullScanAt: fullDue ? startedAt : (lastFullScanAt ?? startedAt) };
        await putWatermark(trx, store.id, key, { watermark: startedAt, cursor }, syncedAt);
        await opts.afterSnapshot?.(trx, { store, marketplaceId, syncedAt });
      });
    }
    return outcome(false);
  }

  return { kind: INVENTORY_JOB, intervalMs: opts.intervalMs ?? 15 * 60_000, run };
}

/**
 * Reads one marketplace's summaries, page after page without pause. Amazon's nextToken dies 30 s after it was issued,
 * so a scan is never parked or resumed across runs: on cancel the pages read so far are dropped (nothing is written,
 * the watermark stays, the next run scans again), and when a token expires anyway (a slow answer, a long throttle) the
 * scan restarts from the first page. Returns null when cancelled.
 */
async function readAllPages(
  ctx: JobContext,
  marketplaceId: string,
  startDateTime: string | undefined,
  maxRestarts: number,
  onPage: (pages: number, items: number) => void,
): Promise<{ summaries: Summary[]; pages: number } | null> {
  for (let restarts = 0; ; restarts += 1) {
    // Keyed by SKU: should pages overlap, the later copy wins rather than a primary-key clash.
    const bySku = new Map<string, Summary>();
    let pages = 0;
    let token: string | undefined;
    try {
      do {
        if (ctx.signal.aborted) return null;
        const res = await ctx.api.getInventorySummaries(marketplaceId, {
          details: true,
          ...(startDateTime ? { startDateTime } : {}),
          ...(token ? { nextToken: token } : {}),
        });
        for (const s of res.payload.inventorySummaries) {
          if (!s.sellerSku) throw new SpApiError('invalid-response', `an inventory summary in ${marketplaceId} has no sellerSku`);
          bySku.set(s.sellerSku, s);
        }
        pages += 1;
        token = res.pagination?.nextToken || undefined;
        onPage(pages, bySku.size);
      } while (token);
      return { summaries: [...bySku.values()], pages };
    } catch (err) {
      if (token && isExpiredToken(err) && restarts < maxRestarts) continue;
      throw err;
    }
  }
}

/** Amazon answers 400 InvalidInput for a nextToken past its 30 seconds. */
function isExpiredToken(err: unknown): boolean {
  return err instanceof SpApiError && err.kind === 'invalid-input' && /next\s*token/i.test(err.message);
}

function toRow(s: Summary, storeId: number, marketplaceId: string, syncedAt: string): FbaInventoryRow {
  const parsed = detailsSchema.safeParse(s.inventoryDetails);
  // Asked with details=true: a summary without its breakdown would write zeros that are not Amazon's figures.
  if (!parsed.success || s.inventoryDetails === undefined) {
    throw new SpApiError('invalid-response', `inventory summary ${s.sellerSku ?? '?'} in ${marketplaceId} has no usable inventoryDetails`);
  }
  const d = parsed.data;
  const fulfillable = d.fulfillableQuantity ?? 0;
  const inboundWorking = d.inboundWorkingQuantity ?? 0;
  const inboundShipped = d.inboundShippedQuantity ?? 0;
  const inboundReceiving = d.inboundReceivingQuantity ?? 0;
  const reserved = d.reservedQuantity?.totalReservedQuantity ?? 0;
  const researching = d.researchingQuantity?.totalResearchingQuantity ?? 0;
  const unfulfillable = d.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0;
  return {
    store_id: storeId,
    marketplace_id: marketplaceId,
    seller_sku: s.sellerSku ?? '',
    asin: s.asin ?? null,
    fnsku: s.fnSku ?? null,
    condition: s.condition ?? null,
    product_name: s.productName ?? null,
    fulfillable,
    inbound_working: inboundWorking,
    inbound_shipped: inboundShipped,
    inbound_receiving: inboundReceiving,
    reserved,
    researching,
    unfulfillable,
    total: s.totalQuantity ?? fulfillable + inboundWorking + inboundShipped + inboundReceiving + reserved + researching + unfulfillable,
    amazon_updated_time: s.lastUpdatedTime ?? null,
    synced_at: syncedAt,
  };
}
