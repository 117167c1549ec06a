import type { SpApiClient } from './client';
import { SpApiError, type SpApiErrorKind } from './errors';
import {
  createFeedDocumentResponseSchema,
  createFeedResponseSchema,
  feedDocumentSchema,
  feedSchema,
  listingsFeedProcessingReportSchema,
  type Feed,
  type ListingsFeedProcessingReport,
} from './schemas/feeds';
import { listingsItemSchema, listingsSubmissionResponseSchema } from './schemas/listings';
import { createReportResponseSchema, reportDocumentSchema, reportSchema, type ProcessingStatus, type Report } from './schemas/reports';
import { restrictedDataTokenResponseSchema } from './schemas/tokens';

/**
 * Reports 2021-06-30, Feeds 2021-06-30, Listings Items 2021-08-01 and Tokens 2021-03-01 over SpApiClient, typed, plus the
 * two document round trips the sync engine runs: fetchReport and submitFeed.
 */

export interface CreateReportParams {
  reportType: string;
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}

export interface CreateFeedParams {
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  feedOptions?: Record<string, string>;
}

export type ListingsIncludedData = 'summaries' | 'attributes' | 'issues' | 'offers' | 'fulfillmentAvailability' | 'procurement' | 'relationships' | 'productTypes';

export interface ListingsPatch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: Record<string, unknown>[];
}

export interface SubmissionOptions {
  includedData?: ('identifiers' | 'issues')[];
  /** Validate only; nothing changes on Amazon. */
  mode?: 'VALIDATION_PREVIEW';
  /** e.g. `zh_CN` for Chinese issue messages. */
  issueLocale?: string;
}

export interface RestrictedResource {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  dataElements?: ('buyerInfo' | 'shippingAddress' | 'buyerTaxInformation')[];
}

const single = (ids: readonly string[]) => (ids.length === 1 ? ids[0] : undefined);

export const createReport = (client: SpApiClient, params: CreateReportParams) =>
  client.call('createReport', { body: params, marketplaceId: single(params.marketplaceIds) }, createReportResponseSchema);

export const getReport = (client: SpApiClient, reportId: string) => client.call('getReport', { path: { reportId } }, reportSchema);

export const getReportDocument = (client: SpApiClient, reportDocumentId: string) =>
  client.call('getReportDocument', { path: { reportDocumentId } }, reportDocumentSchema);

/** `contentType` must be given again, byte for byte, when uploading to the returned URL. */
export const createFeedDocument = (client: SpApiClient, contentType: string) =>
  client.call('createFeedDocument', { body: { contentType } }, createFeedDocumentResponseSchema);

export const createFeed = (client: SpApiClient, params: CreateFeedParams) =>
  client.call('createFeed', { body: params, marketplaceId: single(params.marketplaceIds) }, createFeedResponseSchema);

export const getFeed = (client: SpApiClient, feedId: string) => client.call('getFeed', { path: { feedId } }, feedSchema);

export const getFeedDocument = (client: SpApiClient, feedDocumentId: string) =>
  client.call('getFeedDocument', { path: { feedDocumentId } }, feedDocumentSchema);

export const getListingsItem = (
  client: SpApiClient,
  sellerId: string,
  sku: string,
  opts: { marketplaceIds: string[]; includedData?: ListingsIncludedData[]; issueLocale?: string },
) =>
  client.call(
    'getListingsItem',
    { path: { sellerId, sku }, query: { marketplaceIds: opts.marketplaceIds, includedData: opts.includedData, issueLocale: opts.issueLocale }, marketplaceId: single(opts.marketplaceIds) },
    listingsItemSchema,
  );

/** Creates or fully replaces a listing in one marketplace (the model allows exactly one per call). */
export const putListingsItem = (
  client: SpApiClient,
  sellerId: string,
  sku: string,
  body: { productType: string; requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY'; attributes: Record<string, unknown> },
  opts: SubmissionOptions & { marketplaceId: string },
) =>
  client.call(
    'putListingsItem',
    { path: { sellerId, sku }, query: { marketplaceIds: [opts.marketplaceId], includedData: opts.includedData, mode: opts.mode, issueLocale: opts.issueLocale }, body, marketplaceId: opts.marketplaceId },
    listingsSubmissionResponseSchema,
  );

export const patchListingsItem = (
  client: SpApiClient,
  sellerId: string,
  sku: string,
  body: { productType: string; patches: ListingsPatch[] },
  opts: SubmissionOptions & { marketplaceIds: string[] },
) =>
  client.call(
    'patchListingsItem',
    { path: { sellerId, sku }, query: { marketplaceIds: opts.marketplaceIds, includedData: opts.includedData, mode: opts.mode, issueLocale: opts.issueLocale }, body, marketplaceId: single(opts.marketplaceIds) },
    listingsSubmissionResponseSchema,
  );

export const createRestrictedDataToken = (client: SpApiClient, body: { restrictedResources: RestrictedResource[]; targetApplication?: string }) =>
  client.call('createRestrictedDataToken', { body }, restrictedDataTokenResponseSchema);

/**
 * A report or feed that Amazon finished without a usable result. Reports: FATAL (Amazon failed; try again later) or
 * CANCELLED (cancelled, or Amazon found no data to return — an orders report over a quiet window ends this way), both
 * kind `server`. Feeds: FATAL means the document itself could not be processed, so sending it again fails the same
 * way (kind `invalid-input`); CANCELLED is kind `server`.
 */
export class DocumentProcessingError extends SpApiError {
  readonly resource: 'report' | 'feed';
  readonly resourceId: string;
  readonly processingStatus: Extract<ProcessingStatus, 'CANCELLED' | 'FATAL'>;
  /** FATAL report: Amazon's error document; FATAL feed: its processing report (JSON text). Null when there is none. */
  readonly resultDocument: string | null;

  constructor(resource: 'report' | 'feed', resourceId: string, processingStatus: 'CANCELLED' | 'FATAL', resultDocument: string | null) {
    const kind: SpApiErrorKind = resource === 'feed' && processingStatus === 'FATAL' ? 'invalid-input' : 'server';
    super(kind, `${resource} ${resourceId} ended ${processingStatus}`);
    this.name = 'DocumentProcessingError';
    this.resource = resource;
    this.resourceId = resourceId;
    this.processingStatus = processingStatus;
    this.resultDocument = resultDocument;
  }
}

export interface PollOptions {
  /** Wall-clock wait between status polls; the rate limiter may add to it. */
  pollMs: number;
  /** Give up (SpApiError kind `server`) when the job has not ended after this long; no limit when absent. */
  timeoutMs?: number;
  /** Called with each status seen, for progress display. */
  onStatus?: (status: ProcessingStatus) => void;
}

export interface FetchedReport {
  report: Report;
  reportDocumentId: string;
  /** The decoded document (tab-separated text for flat-file reports). */
  content: string;
}

/** createReport → poll getReport until it ends → getReportDocument → download (gunzipped, decoded with S3's charset). */
export async function fetchReport(
  client: SpApiClient,
  params: { reportType: string; marketplaceIds: string[]; dataStartTime?: string; dataEndTime?: string },
  poll: PollOptions,
): Promise<FetchedReport> {
  const { reportId } = await createReport(client, params);
  const report = await pollUntilEnded(() => getReport(client, reportId), `report ${reportId}`, poll);
  if (report.processingStatus !== 'DONE') {
    const errorDocument = report.reportDocumentId ? await downloadDocument(client, await getReportDocument(client, report.reportDocumentId)) : null;
    throw new DocumentProcessingError('report', reportId, report.processingStatus as 'CANCELLED' | 'FATAL', errorDocument);
  }
  if (!report.reportDocumentId) throw new SpApiError('invalid-response', `report ${reportId} is DONE without a reportDocumentId`);
  const document = await getReportDocument(client, report.reportDocumentId);
  return { report, reportDocumentId: report.reportDocumentId, content: await downloadDocument(client, document) };
}

export interface SubmittedFeed {
  feed: Feed;
  /** The JSON_LISTINGS_FEED processing report, checked against its schema. */
  processingReport: ListingsFeedProcessingReport;
}

/**
 * createFeedDocument → upload → createFeed → poll getFeed until it ends → download the processing report. For
 * JSON_LISTINGS_FEED a DONE feed may still have rejected messages: read `processingReport.issues` and `summary`.
 */
export async function submitFeed(
  client: SpApiClient,
  params: { feedType: string; marketplaceIds: string[]; content: string; contentType: string; feedOptions?: Record<string, string> },
  poll: PollOptions,
): Promise<SubmittedFeed> {
  const doc = await createFeedDocument(client, params.contentType);
  await client.upload({ url: doc.url }, params.content, params.contentType);
  const { feedId } = await createFeed(client, {
    feedType: params.feedType,
    marketplaceIds: params.marketplaceIds,
    inputFeedDocumentId: doc.feedDocumentId,
    ...(params.feedOptions ? { feedOptions: params.feedOptions } : {}),
  });
  const feed = await pollUntilEnded(() => getFeed(client, feedId), `feed ${feedId}`, poll);
  const resultText = feed.resultFeedDocumentId ? await downloadDocument(client, await getFeedDocument(client, feed.resultFeedDocumentId)) : null;
  if (feed.processingStatus !== 'DONE') throw new DocumentProcessingError('feed', feedId, feed.processingStatus as 'CANCELLED' | 'FATAL', resultText);
  if (resultText === null) throw new SpApiError('invalid-response', `feed ${feedId} is DONE without a resultFeedDocumentId`);
  return { feed, processingReport: parseProcessingReport(resultText, feedId) };
}

export function parseProcessingReport(text: string, feedId: string): ListingsFeedProcessingReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SpApiError('invalid-response', `processing report of feed ${feedId} is not JSON`);
  }
  const parsed = listingsFeedProcessingReportSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ');
    throw new SpApiError('invalid-response', `processing report of feed ${feedId} does not match its schema at ${where}`);
  }
  return parsed.data;
}

async function downloadDocument(client: SpApiClient, doc: { url: string; compressionAlgorithm?: string }): Promise<string> {
  return client.download({ url: doc.url, ...(doc.compressionAlgorithm ? { compressionAlgorithm: doc.compressionAlgorithm } : {}) });
}

const ENDED: ReadonlySet<ProcessingStatus> = new Set(['DONE', 'CANCELLED', 'FATAL']);

async function pollUntilEnded<T extends { processingStatus: ProcessingStatus }>(get: () => Promise<T>, what: string, poll: PollOptions): Promise<T> {
  const started = performance.now();
  for (;;) {
    const current = await get();
    poll.onStatus?.(current.processingStatus);
    if (ENDED.has(current.processingStatus)) return current;
    if (poll.timeoutMs !== undefined && performance.now() - started > poll.timeoutMs) {
      throw new SpApiError('server', `${what} still ${current.processingStatus} after ${Math.round(poll.timeoutMs)} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, poll.pollMs));
  }
}
