import type { Knex } from 'knex';
import type { Store } from '../../../shared/domain/store';
import { replaceListings, upsertListings, type ListingRow } from '../../db/repositories/listings.repo';
import { listMarketplaces } from '../../db/repositories/stores.repo';
import { DocumentProcessingError, type FetchedReport, type PollOptions } from '../../spapi/documents-api';
import { SpApiError, type SpApiErrorKind } from '../../spapi/errors';
import { decimalToMinor } from '../../../shared/money';
import type { JobContext, JobOutcome, SyncJob } from './job';
import { parseListingsReport, type ReportProblem } from './listings-report-parser';
import { ABORTED, untilAborted } from './until-aborted';

export const LISTINGS_JOB = 'listings' as const;
export const LISTINGS_REPORT_TYPE = 'GET_MERCHANT_LISTINGS_ALL_DATA';

/**
 * One report round trip (createReport → poll getReport → getReportDocument → download) for one store. The core wires it
 * to `fetchReport` with the store's SpApiClient: `(params, poll) => fetchReport(client, params, poll)`. `poll.signal`
 * is set when the run is cancelled; a fetcher may ignore it, the job stops waiting either way.
 */
export type ReportFetcher = (params: { reportType: string; marketplaceIds: string[] }, poll: PollOptions & { signal?: AbortSignal }) => Promise<Pick<FetchedReport, 'content'>>;

export interface ListingsJobOptions {
  /** The store's report fetcher; null when the store has no credentials. */
  reportFor: (storeId: number) => Promise<ReportFetcher | null>;
  intervalMs?: number;
  /** Wall-clock wait between getReport polls (divide by the time scale in demo mode). */
  pollMs?: number;
  /** Give up on a report that has not ended after this long (wall clock). */
  reportTimeoutMs?: number;
  /**
   * Runs in the transaction that wrote a marketplace's listings, after them (the core builds the demo catalog here), so
   * the listings and what is derived from them commit together.
   */
  afterSnapshot?: (trx: Knex.Transaction, snapshot: { store: Store; marketplaceId: string; syncedAt: string }) => Promise<void>;
}

export type ListingsFailure =
  | { marketplaceId: string; reason: 'report-ended'; reportId: string; processingStatus: 'CANCELLED' | 'FATAL'; errorDocument: string | null }
  | { marketplaceId: string; reason: 'missing-columns'; columns: string[] }
  | { marketplaceId: string; reason: 'problems'; problems: ReportProblem[] };

/**
 * The run could not bring every marketplace's listings fully up to date. A report that ended CANCELLED or FATAL, or
 * that lacks its seller-sku column, changed nothing in its marketplace. Problems in rows were stored as far as they
 * go (see listingsJob) and are listed here so they reach the sync screen instead of vanishing.
 */
export class ListingsSyncError extends SpApiError {
  readonly failures: ListingsFailure[];

  constructor(failures: ListingsFailure[]) {
    super(kindOf(failures[0]), failures.map(describe).join('; '));
    this.name = 'ListingsSyncError';
    this.failures = failures;
  }
}

function kindOf(f: ListingsFailure | undefined): SpApiErrorKind {
  return f?.reason === 'report-ended' ? 'server' : 'invalid-response';
}

function describe(f: ListingsFailure): string {
  switch (f.reason) {
    case 'report-ended':
      return `${f.marketplaceId}: report ${f.reportId} ended ${f.processingStatus}, listings unchanged`;
    case 'missing-columns':
      return `${f.marketplaceId}: report lacks ${f.columns.join(', ')}, listings unchanged`;
    case 'problems': {
      const lines = f.problems.slice(0, 5).map((p) => `line ${p.line}${p.column ? ` ${p.column}` : ''}`);
      return `${f.marketplaceId}: ${f.problems.length} report problem(s) (${lines.join(', ')}${f.problems.length > 5 ? ', …' : ''})`;
    }
  }
}


/**
 * GET_MERCHANT_LISTINGS_ALL_DATA per marketplace of the store into `listings`, one transaction per marketplace. A clean
 * report replaces the marketplace's listings (offers it no longer has are removed). When rows had to be left out, the
 * rows that were read are upserted but nothing is removed, since a left-out row may be an offer that still exists; the
 * run then fails with the problems. A report that ends CANCELLED or FATAL changes nothing.
 */
export function listingsJob(opts: ListingsJobOptions): SyncJob {
  const pollMs = opts.pollMs ?? 15_000;

  async function run(ctx: JobContext): Promise<JobOutcome> {
    const { db, store } = ctx;
    const fetchReport = await opts.reportFor(store.id);
    if (!fetchReport) throw new SpApiError('auth', `store ${store.id} has no SP-API credentials`);
    const currencyOf = new Map((await listMarketplaces(db)).map((m) => [m.id, m.currency]));
    const failures: ListingsFailure[] = [];
    let pages = 0;
    let items = 0;
    const outcome = (interrupted: boolean): JobOutcome => ({ mode: 'report', pages, items, interrupted });

    for (const marketplaceId of store.marketplaceIds) {
      if (ctx.signal.aborted) return outcome(true);
      ctx.progress({ mode: 'report', pages, items, etaSeconds: null });
      let content: string;
      try {
        const fetched = await untilAborted(
          fetchReport(
            { reportType: LISTINGS_REPORT_TYPE, marketplaceIds: [marketplaceId] },
            { pollMs, signal: ctx.signal, ...(opts.reportTimeoutMs !== undefined ? { timeoutMs: opts.reportTimeoutMs } : {}) },
          ),
          ctx.signal,
        );
        if (fetched === ABORTED) return outcome(true);
        content = fetched.content;
      } catch (err) {
        // Amazon also cancels a report that has no data, but a cancel for any other reason looks the same: keeping the
        // listings we have (stale) is safer than wiping a marketplace on an ambiguous answer.
        if (err instanceof DocumentProcessingError && err.resource === 'report') {
          failures.push({ marketplaceId, reason: 'report-ended', reportId: err.resourceId, processingStatus: err.processingStatus, errorDocument: err.resultDocument });
          continue;
        }
        throw err;
      }

      const parsed = parseListingsReport(content);
      if (parsed.missingColumns.length > 0) {
        failures.push({ marketplaceId, reason: 'missing-columns', columns: parsed.missingColumns });
        continue;
      }
      const syncedAt = ctx.clock.now().toISOString();
      const currency = currencyOf.get(marketplaceId) ?? null;
      const problems = [...parsed.problems];
      const rows: ListingRow[] = parsed.rows.map((r) => {
        const priceMinor = r.price !== null && currency ? decimalToMinor(r.price, currency) : null;
        if (r.price !== null && priceMinor === null) {
          problems.push({ line: r.line, sellerSku: r.sellerSku, column: 'price', message: `price ${r.price} has no ${currency ?? 'known'} minor-unit value`, rowKept: true });
        }
        return {
          store_id: store.id,
          marketplace_id: marketplaceId,
          seller_sku: r.sellerSku,
          asin: r.asin,
          item_name: r.itemName,
          price_minor: priceMinor,
          currency: priceMinor === null ? null : currency,
          quantity: r.quantity,
          fulfillment_channel: r.fulfillmentChannel,
          status: r.status,
          open_date: r.openDate,
          listing_id: r.listingId,
          synced_at: syncedAt,
        };
      });
      const complete = problems.every((p) => p.rowKept);
      await db.transaction(async (trx) => {
        if (complete) await replaceListings(trx, store.id, marketplaceId, rows);
        else await upsertListings(trx, rows);
        await opts.afterSnapshot?.(trx, { store, marketplaceId, syncedAt });
      });
      if (problems.length > 0) failures.push({ marketplaceId, reason: 'problems', problems: problems.sort((a, b) => a.line - b.line) });
      pages += 1;
      items += rows.length;
      ctx.progress({ mode: 'report', pages, items, etaSeconds: null });
    }
    if (failures.length > 0) throw new ListingsSyncError(failures);
    return outcome(false);
  }

  return { kind: LISTINGS_JOB, intervalMs: opts.intervalMs ?? 60 * 60_000, run };
}
