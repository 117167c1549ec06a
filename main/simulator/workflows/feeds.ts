import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../http-types';
import { documentKey } from './documents';
import { DOCUMENT_ID, checkMarketplaceIds, isPlainObject, type WorkflowEnv } from './env';
import { envelopeProblems, messageProblems, type FeedHeader } from './feed-schema';
import { ISSUE_CODES, issueMessage, resolveLocale, type IssueLocale, type IssueText } from './listing-messages';
import { commit, evaluate, hasErrors, type PatchOp, type Requirements, type Submission } from './listing-rules';
import { itemView } from './listing-view';
import { JobQueue, iso, phase, type ProcessingStatus, type Timeline } from './processing';

/**
 * Feed types Amazon retired in favour of JSON_LISTINGS_FEED (XML and flat-file listings feeds); createFeed refuses them.
 */
const RETIRED_FEED_TYPES = new Set([
  'POST_PRODUCT_DATA', 'POST_INVENTORY_AVAILABILITY_DATA', 'POST_PRODUCT_PRICING_DATA', 'POST_PRODUCT_OVERRIDES_DATA', 'POST_PRODUCT_IMAGE_DATA',
  'POST_PRODUCT_RELATIONSHIP_DATA', 'POST_FLAT_FILE_INVLOADER_DATA', 'POST_FLAT_FILE_LISTINGS_DATA', 'POST_FLAT_FILE_BOOKLOADER_DATA',
  'POST_FLAT_FILE_CONVERGENCE_LISTINGS_DATA', 'POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA', 'POST_UIEE_BOOKLOADER_DATA', 'POST_STD_ACES_DATA',
]);
/** Real feed types the simulator accepts but cannot apply: they end FATAL with a processing report saying so. */
const OTHER_FEED_TYPES = new Set([
  'POST_ORDER_FULFILLMENT_DATA', 'POST_FLAT_FILE_FULFILLMENT_DATA', 'POST_ORDER_ACKNOWLEDGEMENT_DATA', 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
  'POST_PAYMENT_ADJUSTMENT_DATA', 'POST_FLAT_FILE_PAYMENT_ADJUSTMENT_DATA', 'POST_INVOICE_CONFIRMATION_DATA', 'POST_FBA_INBOUND_CARTON_CONTENTS',
  'POST_FLAT_FILE_FBA_CREATE_INBOUND_PLAN', 'POST_FLAT_FILE_FBA_CREATE_REMOVAL', 'POST_FULFILLMENT_ORDER_REQUEST_DATA',
  'POST_FULFILLMENT_ORDER_CANCELLATION_REQUEST_DATA', 'POST_EASYSHIP_DOCUMENTS', 'UPLOAD_VAT_INVOICE', 'POST_EXPECTED_SHIP_DATE_SOD',
  'POST_EXPECTED_SHIP_DATE_SOD_FLAT_FILE', 'RFQ_UPLOAD_FEED',
]);

interface FeedDocumentRecord {
  feedDocumentId: string;
  sellerId: string;
  kind: 'input' | 'result';
}

interface FeedRecord {
  feedId: string;
  sellerId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  timeline: Timeline;
  outcome?: Extract<ProcessingStatus, 'DONE' | 'FATAL'>;
  resultFeedDocumentId?: string;
}

/** JSON_LISTINGS_FEED processing report (schema-feed-listings-feed-processing-report-schema-v2.json). */
interface ReportIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/** Feeds 2021-06-30: createFeedDocument → PUT upload → createFeed → getFeed → getFeedDocument. */
export class FeedsService {
  private readonly docs = new Map<string, FeedDocumentRecord>();
  private readonly feeds = new Map<string, FeedRecord>();
  private readonly queue: JobQueue;

  constructor(private readonly env: WorkflowEnv) {
    // Simulated seconds; a small JSON_LISTINGS_FEED takes one to two minutes on Amazon.
    this.queue = new JobQueue(env.rng, { queued: [20, 40], working: [45, 75] });
  }

  createFeedDocument = (ctx: RouteContext): SimResponse => {
    const b = ctx.body;
    if (!isPlainObject(b) || typeof b.contentType !== 'string' || b.contentType.trim() === '') return invalidInput('contentType is required.');
    const feedDocumentId = this.env.ids.feedDocumentId();
    this.docs.set(feedDocumentId, { feedDocumentId, sellerId: ctx.seller.sellerId, kind: 'input' });
    const url = this.env.documents.openForUpload(documentKey(feedDocumentId), b.contentType);
    return { status: 201, body: { feedDocumentId, url } };
  };

  createFeed = (ctx: RouteContext): SimResponse => {
    const b = ctx.body;
    if (!isPlainObject(b)) return invalidInput('The request body must be an object with feedType, marketplaceIds and inputFeedDocumentId.');
    if (typeof b.feedType !== 'string' || b.feedType === '') return invalidInput('feedType is required.');
    if (RETIRED_FEED_TYPES.has(b.feedType)) return invalidInput(`Feed type ${b.feedType} is no longer supported. Use JSON_LISTINGS_FEED.`);
    if (b.feedType !== 'JSON_LISTINGS_FEED' && !OTHER_FEED_TYPES.has(b.feedType)) return invalidInput(`Invalid feedType ${b.feedType}.`);
    const marketplaces = checkMarketplaceIds(ctx, b.marketplaceIds, 25);
    if ('error' in marketplaces) return marketplaces.error;
    if (b.feedOptions !== undefined && (!isPlainObject(b.feedOptions) || !Object.values(b.feedOptions).every((v) => typeof v === 'string'))) {
      return invalidInput('feedOptions must map names to string values.');
    }
    const doc = typeof b.inputFeedDocumentId === 'string' ? this.docs.get(b.inputFeedDocumentId) : undefined;
    if (!doc || doc.kind !== 'input' || doc.sellerId !== ctx.seller.sellerId) return invalidInput(`Invalid inputFeedDocumentId ${JSON.stringify(b.inputFeedDocumentId)}.`);

    const now = ctx.clock.nowMs();
    const feed: FeedRecord = {
      feedId: this.env.ids.feedId(),
      sellerId: ctx.seller.sellerId,
      feedType: b.feedType,
      marketplaceIds: marketplaces.ok,
      inputFeedDocumentId: doc.feedDocumentId,
      timeline: this.queue.schedule(`${ctx.seller.sellerId}|${b.feedType}`, now),
    };
    this.feeds.set(feed.feedId, feed);
    this.env.due.push(feed.timeline.endAt, (at) => this.process(feed, at));
    return { status: 202, body: { feedId: feed.feedId } };
  };

  getFeed = (ctx: RouteContext): SimResponse => {
    const feedId = ctx.params.feedId ?? '';
    if (!/^\d+$/.test(feedId)) return invalidInput(`Invalid feedId ${feedId}.`);
    const feed = this.feeds.get(feedId);
    if (!feed || feed.sellerId !== ctx.seller.sellerId) return amazonError(404, 'NotFound', `Feed ${feedId} was not found.`);
    const now = ctx.clock.nowMs();
    const p = phase(feed.timeline, now);
    const status: ProcessingStatus = p === 'ENDED' ? (feed.outcome ?? 'IN_PROGRESS') : p;
    const body: Record<string, unknown> = {
      feedId: feed.feedId,
      feedType: feed.feedType,
      marketplaceIds: feed.marketplaceIds,
      createdTime: iso(feed.timeline.createdAt),
      processingStatus: status,
    };
    if (status !== 'IN_QUEUE') body.processingStartTime = iso(feed.timeline.startAt);
    if (feed.outcome) body.processingEndTime = iso(feed.timeline.endAt);
    if (feed.resultFeedDocumentId) body.resultFeedDocumentId = feed.resultFeedDocumentId;
    return { status: 200, body };
  };

  getFeedDocument = (ctx: RouteContext): SimResponse => {
    const id = ctx.params.feedDocumentId ?? '';
    if (!DOCUMENT_ID.test(id)) return invalidInput(`Invalid feedDocumentId ${id}.`);
    const doc = this.docs.get(id);
    if (!doc || doc.sellerId !== ctx.seller.sellerId) return amazonError(404, 'NotFound', `Feed document ${id} was not found.`);
    const gzipHeader = ctx.query.get('enableContentEncodingUrlHeader') === 'true';
    if (doc.kind === 'input') return { status: 200, body: { feedDocumentId: id, url: this.env.documents.downloadUrl(documentKey(id)) } };
    const url = this.env.documents.downloadUrl(documentKey(id), { contentEncodingGzip: gzipHeader });
    return { status: 200, body: { feedDocumentId: id, url, compressionAlgorithm: 'GZIP' } };
  };

  /** The feed's processing ends: read the uploaded document, apply what is valid, write the processing report. */
  private process(feed: FeedRecord, at: number): void {
    const result = this.run(feed, at);
    feed.outcome = result.fatal ? 'FATAL' : 'DONE';
    const resultId = this.env.ids.feedDocumentId();
    this.docs.set(resultId, { feedDocumentId: resultId, sellerId: feed.sellerId, kind: 'result' });
    this.env.documents.putGenerated(documentKey(resultId), JSON.stringify(result.report), 'application/json; charset=UTF-8', true);
    feed.resultFeedDocumentId = resultId;
  }

  private run(feed: FeedRecord, at: number): { fatal: boolean; report: Record<string, unknown> } {
    const fatal = (text: IssueText, header?: FeedHeader) => {
      const locale = resolveLocale(header?.issueLocale, feed.marketplaceIds);
      return { fatal: true, report: this.report(feed, header, [feedIssue(text, locale)], { processed: 0, accepted: 0, invalid: 0 }) };
    };
    const input = this.env.documents.read(documentKey(feed.inputFeedDocumentId));
    if (!input || input.body.length === 0) return fatal({ kind: 'feedInvalid', detail: 'the feed document was not uploaded or is empty' });
    if (feed.feedType !== 'JSON_LISTINGS_FEED') return fatal({ kind: 'feedInvalid', detail: `the simulator applies JSON_LISTINGS_FEED only, not ${feed.feedType}` });
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input.body));
    } catch (err) {
      return fatal({ kind: 'feedInvalid', detail: `the document is not valid UTF-8 JSON (${err instanceof Error ? err.message : String(err)})` });
    }
    const envelope = envelopeProblems(doc);
    if (envelope.length > 0) return fatal({ kind: 'feedInvalid', detail: envelope.join('; ') });
    const { header, messages } = doc as { header: FeedHeader; messages: unknown[] };
    if (header.sellerId !== feed.sellerId) return fatal({ kind: 'feedInvalid', detail: `header.sellerId ${header.sellerId} is not the selling partner that submitted the feed` }, header);

    const locale = resolveLocale(header.issueLocale, feed.marketplaceIds);
    const issues: ReportIssue[] = [];
    const seen = new Set<number>();
    const acceptedSkus: string[] = [];
    let accepted = 0;
    for (const msg of messages) {
      const m = isPlainObject(msg) ? msg : {};
      const messageId = typeof m.messageId === 'number' && Number.isInteger(m.messageId) && m.messageId >= 1 ? m.messageId : undefined;
      const sku = typeof m.sku === 'string' && m.sku !== '' ? m.sku : undefined;
      const where = { ...(messageId !== undefined ? { messageId } : {}), ...(sku !== undefined ? { sku } : {}) };
      const problems = messageProblems(msg);
      if (problems.length > 0) {
        for (const detail of problems) issues.push({ ...where, ...feedIssue({ kind: 'messageSchema', detail }, locale) });
        continue;
      }
      if (seen.has(messageId as number)) {
        issues.push({ ...where, ...feedIssue({ kind: 'duplicateMessage', detail: String(messageId) }, locale) });
        continue;
      }
      seen.add(messageId as number);
      const submission = toSubmission(m);
      const evaluation = evaluate(this.env.listings, submission, feed.marketplaceIds);
      for (const d of evaluation.issues) {
        issues.push({ ...where, code: ISSUE_CODES[d.kind], severity: d.severity, message: issueMessage(d, locale), ...(d.attributeNames?.[0] ? { attributeName: d.attributeNames[0] } : {}) });
      }
      if (hasErrors(evaluation.issues)) continue;
      commit(this.env.listings, submission.sku, evaluation, at);
      accepted += 1;
      if (!acceptedSkus.includes(submission.sku)) acceptedSkus.push(submission.sku);
    }
    const counts = { processed: messages.length, accepted, invalid: messages.length - accepted };
    return { fatal: false, report: this.report(feed, header, issues, counts, acceptedSkus, locale) };
  }

  private report(feed: FeedRecord, header: FeedHeader | undefined, issues: ReportIssue[], counts: { processed: number; accepted: number; invalid: number }, acceptedSkus: string[] = [], locale: IssueLocale = 'en_US') {
    const report: Record<string, unknown> = {
      header: { sellerId: feed.sellerId, version: '2.0', feedId: feed.feedId, ...(header?.report ? { report: header.report } : {}) },
      issues,
      summary: {
        errors: issues.filter((i) => i.severity === 'ERROR').length,
        warnings: issues.filter((i) => i.severity === 'WARNING').length,
        messagesProcessed: counts.processed,
        messagesAccepted: counts.accepted,
        messagesInvalid: counts.invalid,
      },
    };
    if (header?.report) {
      // "the processing report ... includes the listings items output from the Selling Partner Listings Items API".
      const included = new Set(header.report.includedData);
      const items = acceptedSkus.flatMap((sku) => {
        const listings = feed.marketplaceIds.flatMap((m) => this.env.listings.get(sku, m) ?? []);
        return listings.length ? [itemView(this.env.store, listings, included, locale)] : [];
      });
      const itemIssues = items.flatMap((i) => (Array.isArray(i.issues) ? (i.issues as { severity: string }[]) : []));
      report.items = items;
      (report.summary as Record<string, unknown>).itemSummary = {
        items: items.length,
        errors: itemIssues.filter((i) => i.severity === 'ERROR').length,
        warnings: itemIssues.filter((i) => i.severity === 'WARNING').length,
      };
    }
    return report;
  }
}

function feedIssue(text: IssueText, locale: IssueLocale): Omit<ReportIssue, 'messageId' | 'sku'> {
  return { code: ISSUE_CODES[text.kind], severity: 'ERROR', message: issueMessage(text, locale) };
}

/** A schema-valid message as a listings submission; PARTIAL_UPDATE is "equivalent to using PATCH with the replace op". */
function toSubmission(m: Record<string, unknown>): Submission {
  const sku = m.sku as string;
  switch (m.operationType) {
    case 'DELETE':
      return { kind: 'delete', sku };
    case 'UPDATE':
      return { kind: 'put', sku, productType: m.productType as string, requirements: (m.requirements as Requirements | undefined) ?? 'LISTING', attributes: m.attributes as Record<string, unknown> };
    case 'PARTIAL_UPDATE':
      return {
        kind: 'patch',
        sku,
        productType: m.productType as string,
        patches: Object.entries(m.attributes as Record<string, unknown>).map(([name, value]): PatchOp => ({ op: 'replace', path: `/attributes/${name}`, value })),
      };
    default:
      return { kind: 'patch', sku, productType: m.productType as string, patches: m.patches as PatchOp[] };
  }
}
