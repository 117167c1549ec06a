import type { OperationName } from '../../spapi/operations';
import type { RouteContext, SimResponse } from '../http-types';
import type { SimClock } from '../sim-clock';
import type { SimStore } from '../store';
import { Rng, hashSeed } from '../store/random';
import { DocumentHost, type DocumentRequest, type DocumentResponse } from './documents';
import { DueQueue } from './due-queue';
import type { WorkflowEnv } from './env';
import { FeedsService } from './feeds';
import { FinancesService } from './finances/service';
import { IdFactory } from './ids';
import { InboundService } from './inbound/service';
import { ListingsService } from './listings';
import { ListingsBook } from './listings-model';
import { ReportsService } from './reports';
import { RestrictedDataTokens, type RestrictedDataTokenGrant } from './restricted-data-token';

export type { DocumentRequest, DocumentResponse } from './documents';
export { DOCUMENT_HOST, DOCUMENT_HOSTS } from './documents';
export type { RestrictedDataTokenGrant, RestrictedResource } from './restricted-data-token';
export type { Listing, ListingsBook } from './listings-model';

/**
 * The document-based and listing workflows of the simulated account: Reports, Feeds (JSON_LISTINGS_FEED), Listings Items,
 * Restricted Data Tokens, and the S3 bucket their documents live on. Background work (a report finishing, a feed or an
 * accepted listing change being applied) runs in simulated-time order at the start of each request to these operations.
 */
export class SimWorkflows {
  readonly routes: Partial<Record<OperationName, (ctx: RouteContext) => SimResponse>>;
  /** The seller's listings per marketplace (seeded from the store's catalogue); reports and feeds read and change it. */
  readonly listings: ListingsBook;
  /** Fulfillment Inbound 2024-03-20 plans and shipments, with test hooks (failNextOperation, completeReceiving, …). */
  readonly inbound: InboundService;
  /** Finances v0 / 2024-06-19 and settlement data, with test hooks (refundWithoutReturn, events, groups, totals). */
  readonly finances: FinancesService;

  private readonly documents: DocumentHost;
  private readonly due = new DueQueue();
  private readonly rdt: RestrictedDataTokens;

  constructor(readonly deps: { store: SimStore; clock: SimClock; random: () => number; marketplaceIds: readonly string[] }) {
    // One draw at construction seeds our own streams, so later draws never interleave with other users of `random`.
    const seed = hashSeed('workflows', Math.floor(deps.random() * 2 ** 32));
    const ids = new IdFactory(Rng.derive(seed, 'ids'));
    // S3 request ids get their own stream: how often a client downloads must not shift the ids of reports and feeds.
    this.documents = new DocumentHost(deps.clock, new IdFactory(Rng.derive(seed, 's3')));
    this.listings = new ListingsBook(deps.store, deps.marketplaceIds, seed, ids);
    const env: WorkflowEnv = {
      store: deps.store,
      clock: deps.clock,
      rng: Rng.derive(seed, 'timing'),
      ids,
      due: this.due,
      documents: this.documents,
      listings: this.listings,
      marketplaceIds: deps.marketplaceIds,
    };
    const feeds = new FeedsService(env);
    const listings = new ListingsService(env);
    this.rdt = new RestrictedDataTokens(deps.clock, ids);
    this.inbound = new InboundService({ store: deps.store, clock: deps.clock, listings: this.listings, seed: hashSeed(seed, 'inbound') });
    this.finances = new FinancesService({ store: deps.store, clock: deps.clock, inbound: this.inbound, seed: hashSeed(seed, 'finances'), marketplaceIds: deps.marketplaceIds });
    const reports = new ReportsService(env, this.finances);
    const handlers: Partial<Record<OperationName, (ctx: RouteContext) => SimResponse>> = {
      createReport: reports.createReport,
      getReport: reports.getReport,
      getReportDocument: reports.getReportDocument,
      getReports: reports.getReports,
      createFeedDocument: feeds.createFeedDocument,
      createFeed: feeds.createFeed,
      getFeed: feeds.getFeed,
      getFeedDocument: feeds.getFeedDocument,
      getListingsItem: listings.getListingsItem,
      putListingsItem: listings.putListingsItem,
      patchListingsItem: listings.patchListingsItem,
      createRestrictedDataToken: this.rdt.createRestrictedDataToken,
      ...this.inbound.routes,
      ...this.finances.routes,
    };
    this.routes = Object.fromEntries(
      Object.entries(handlers).map(([op, handle]) => [
        op,
        (ctx: RouteContext) => {
          this.settle();
          return handle(ctx);
        },
      ]),
    );
  }

  /** Requests to the pre-signed document host (report downloads, feed uploads); null for any other host. */
  handleDocument(req: DocumentRequest): DocumentResponse | null {
    return this.inbound.labels.handle(req) ?? this.documents.handle(req);
  }

  /**
   * For the server: an `x-amz-access-token` that is a Restricted Data Token issued by createRestrictedDataToken.
   * Returns the grant (its `account` and `expiresAtSimMs` match the LWA session shape, so the server can use it where it
   * looks up access tokens and apply the same expiry check), or undefined for any other token. Amazon accepts an RDT only
   * for the restricted resources it was issued for: check `grant.covers(method, pathname)` and answer 403 Unauthorized
   * when it does not; `grant.dataElementsFor(method, pathname)` tells which PII (buyerInfo, shippingAddress, …) it unlocks.
   */
  acceptsToken(token: string): RestrictedDataTokenGrant | undefined {
    return this.rdt.lookup(token);
  }

  /** Runs background work that is due by now (simulated time). */
  settle(): void {
    this.due.runUntil(this.deps.clock.nowMs());
  }
}
