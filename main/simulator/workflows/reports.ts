import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../http-types';
import { documentKey } from './documents';
import { DOCUMENT_ID, checkMarketplaceIds, isPlainObject, parseDateTime, type WorkflowEnv } from './env';
import { JobQueue, iso, phase, type ProcessingStatus, type Timeline } from './processing';
import { SETTLEMENT_HEADER, SETTLEMENT_REPORT_TYPE, settlementRows, type SettlementReport } from './finances/settlement';
import { REPORT_GENERATORS, toTsv } from './report-content';

/** Where the settlement reports Amazon generates by itself come from (the finances ledger). */
export interface SettlementSource {
  settlementReports(sellerId: string): SettlementReport[];
}

const REPORT_STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'] as const;

/**
 * Amazon's report types that createReport accepts but this simulator does not generate. They end FATAL with an error
 * document rather than being refused: the type is valid, so Amazon would take the request, and a FATAL report is the
 * failure the app has to handle anyway. A type Amazon does not know at all is a 400, as in the model's sandbox example
 * (`BAD_FEE_DISCOUNTS_REPORT` → 400 "Invalid input").
 */
const KNOWN_UNGENERATED = new Set([
  'GET_FLAT_FILE_OPEN_LISTINGS_DATA', 'GET_MERCHANT_LISTINGS_DATA', 'GET_MERCHANT_LISTINGS_INACTIVE_DATA', 'GET_MERCHANT_LISTINGS_DATA_BACK_COMPAT',
  'GET_MERCHANT_LISTINGS_DATA_LITE', 'GET_MERCHANT_LISTINGS_DATA_LITER', 'GET_MERCHANT_CANCELLED_LISTINGS_DATA', 'GET_MERCHANTS_LISTINGS_FYP_REPORT',
  'GET_REFERRAL_FEE_PREVIEW_REPORT', 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING', 'GET_ORDER_REPORT_DATA_INVOICING', 'GET_ORDER_REPORT_DATA_TAX',
  'GET_ORDER_REPORT_DATA_SHIPPING', 'GET_FLAT_FILE_ORDER_REPORT_DATA_INVOICING', 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  'GET_FLAT_FILE_ARCHIVED_ORDERS_DATA_BY_ORDER_DATE', 'GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', 'GET_XML_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  'GET_FLAT_FILE_PENDING_ORDERS_DATA', 'GET_PENDING_ORDERS_DATA', 'GET_CONVERGED_FLAT_FILE_PENDING_ORDERS_DATA',
  'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL', 'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_INVOICING', 'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_TAX',
  'GET_FBA_MYI_ALL_INVENTORY_DATA', 'GET_AFN_INVENTORY_DATA', 'GET_AFN_INVENTORY_DATA_BY_COUNTRY', 'GET_LEDGER_SUMMARY_VIEW_DATA',
  'GET_LEDGER_DETAIL_VIEW_DATA', 'GET_RESERVED_INVENTORY_DATA', 'GET_FBA_INVENTORY_PLANNING_DATA', 'GET_STRANDED_INVENTORY_UI_DATA',
  'GET_FBA_STORAGE_FEE_CHARGES_DATA', 'GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA', 'GET_FBA_REIMBURSEMENTS_DATA', 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
  'GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA', 'GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_PROMOTION_DATA',
  'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', 'GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA', 'GET_FBA_RECOMMENDED_REMOVAL_DATA',
  'GET_FBA_SNS_FORECAST_DATA', 'GET_FBA_SNS_PERFORMANCE_DATA', 'GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT', 'GET_EXCESS_INVENTORY_DATA',
  'GET_FBA_OVERAGE_FEE_CHARGES_DATA', 'GET_SALES_AND_TRAFFIC_REPORT', 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT', 'GET_V2_SELLER_PERFORMANCE_REPORT',
  'GET_SELLER_FEEDBACK_DATA', 'GET_DATE_RANGE_FINANCIAL_TRANSACTION_DATA', 'GET_FLAT_FILE_SALES_TAX_DATA', 'GET_VAT_TRANSACTION_DATA',
  'GET_COUPON_PERFORMANCE_REPORT', 'GET_PROMOTION_PERFORMANCE_REPORT', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
  'GET_XML_RETURNS_DATA_BY_RETURN_DATE', 'GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT', 'GET_XML_VAT_INVOICE_DATA_REPORT',
]);
/** "Settlement reports cannot be requested or scheduled. They are automatically scheduled by Amazon." */
const SETTLEMENT_TYPES = new Set(['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_XML']);
/** Order reports read a window of updates; without dataStartTime Amazon looks back 30 days rather than "now", which would be empty. */
const DEFAULT_ORDER_WINDOW_MS = 30 * 24 * 3600_000;

interface ReportRecord {
  reportId: string;
  sellerId: string;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime: number;
  dataEndTime: number;
  timeline: Timeline;
  outcome?: Extract<ProcessingStatus, 'DONE' | 'CANCELLED' | 'FATAL'>;
  reportDocumentId?: string;
  /** The document is written when first fetched, then kept: every later URL serves the same bytes. */
  written: boolean;
}

/** Reports 2021-06-30: createReport → getReport (IN_QUEUE → IN_PROGRESS → DONE) → getReportDocument → gzip'd TSV. */
export class ReportsService {
  private readonly reports = new Map<string, ReportRecord>();
  private readonly byDocument = new Map<string, ReportRecord>();
  private readonly queue: JobQueue;
  private readonly writtenSettlements = new Set<string>();

  constructor(
    private readonly env: WorkflowEnv,
    private readonly settlements?: SettlementSource,
  ) {
    // Simulated seconds: about half a minute queued and a minute of work, as small seller reports take.
    this.queue = new JobQueue(env.rng, { queued: [20, 40], working: [45, 75] });
  }

  createReport = (ctx: RouteContext): SimResponse => {
    const b = ctx.body;
    if (!isPlainObject(b)) return invalidInput('The request body must be an object with reportType and marketplaceIds.');
    const reportType = b.reportType;
    if (typeof reportType !== 'string' || reportType === '') return invalidInput('reportType is required.');
    if (SETTLEMENT_TYPES.has(reportType)) return invalidInput(`Report type ${reportType} cannot be requested. Settlement reports are scheduled by Amazon.`);
    if (!REPORT_GENERATORS[reportType] && !KNOWN_UNGENERATED.has(reportType)) return invalidInput(`Invalid reportType ${reportType}.`);
    const marketplaces = checkMarketplaceIds(ctx, b.marketplaceIds, 25);
    if ('error' in marketplaces) return marketplaces.error;
    if (b.reportOptions !== undefined && (!isPlainObject(b.reportOptions) || !Object.values(b.reportOptions).every((v) => typeof v === 'string'))) {
      return invalidInput('reportOptions must map names to string values.');
    }
    const now = ctx.clock.nowMs();
    const start = parseDateTime(b.dataStartTime);
    const end = parseDateTime(b.dataEndTime);
    if (start === null) return invalidInput('dataStartTime must be an ISO 8601 date-time.');
    if (end === null) return invalidInput('dataEndTime must be an ISO 8601 date-time.');
    if ((start && start.getTime() > now) || (end && end.getTime() > now)) return invalidInput('dataStartTime and dataEndTime must be prior to or equal to the current date and time.');
    const dataEndTime = end?.getTime() ?? now;
    const dataStartTime = start?.getTime() ?? (reportType.includes('ORDERS') ? dataEndTime - DEFAULT_ORDER_WINDOW_MS : dataEndTime);
    if (dataStartTime > dataEndTime) return invalidInput('dataStartTime must not be later than dataEndTime.');

    const report: ReportRecord = {
      reportId: this.env.ids.reportId(),
      sellerId: ctx.seller.sellerId,
      reportType,
      marketplaceIds: marketplaces.ok,
      dataStartTime,
      dataEndTime,
      timeline: this.queue.schedule(`${ctx.seller.sellerId}|${reportType}`, now),
      written: false,
    };
    this.reports.set(report.reportId, report);
    this.env.due.push(report.timeline.endAt, () => this.finish(report));
    return { status: 202, body: { reportId: report.reportId } };
  };

  getReport = (ctx: RouteContext): SimResponse => {
    const reportId = ctx.params.reportId ?? '';
    if (!/^\d+$/.test(reportId)) return invalidInput(`Invalid reportId ${reportId}.`);
    const report = this.reports.get(reportId);
    if (!report || report.sellerId !== ctx.seller.sellerId) {
      const settlement = this.settlements?.settlementReports(ctx.seller.sellerId).find((r) => r.reportId === reportId);
      return settlement ? { status: 200, body: settlementView(settlement) } : amazonError(404, 'NotFound', `Report ${reportId} was not found.`);
    }
    const p = phase(report.timeline, ctx.clock.nowMs());
    const status: ProcessingStatus = p === 'ENDED' ? (report.outcome ?? 'IN_PROGRESS') : p;
    const body: Record<string, unknown> = {
      reportId,
      reportType: report.reportType,
      marketplaceIds: report.marketplaceIds,
      dataStartTime: iso(report.dataStartTime),
      dataEndTime: iso(report.dataEndTime),
      createdTime: iso(report.timeline.createdAt),
      processingStatus: status,
    };
    if (status !== 'IN_QUEUE') body.processingStartTime = iso(report.timeline.startAt);
    if (report.outcome) body.processingEndTime = iso(report.timeline.endAt);
    if (report.reportDocumentId) body.reportDocumentId = report.reportDocumentId;
    return { status: 200, body };
  };

  getReportDocument = (ctx: RouteContext): SimResponse => {
    const id = ctx.params.reportDocumentId ?? '';
    if (!DOCUMENT_ID.test(id)) return invalidInput(`Invalid reportDocumentId ${id}.`);
    const report = this.byDocument.get(id);
    const key = documentKey(id);
    if (!report || report.sellerId !== ctx.seller.sellerId) {
      const settlement = this.settlements?.settlementReports(ctx.seller.sellerId).find((r) => r.reportDocumentId === id);
      if (!settlement) return amazonError(404, 'NotFound', `Report document ${id} was not found.`);
      if (!this.writtenSettlements.has(id)) {
        this.env.documents.putGenerated(key, toTsv({ header: SETTLEMENT_HEADER, rows: settlementRows(settlement), eol: '\n' }), 'text/plain; charset=UTF-8', true);
        this.writtenSettlements.add(id);
      }
      const gzip = ctx.query.get('enableContentEncodingUrlHeader') === 'true';
      return { status: 200, body: { reportDocumentId: id, url: this.env.documents.downloadUrl(key, { contentEncodingGzip: gzip }), compressionAlgorithm: 'GZIP' } };
    }
    if (!report.written) {
      this.env.documents.putGenerated(key, this.content(report), 'text/plain; charset=UTF-8', true);
      report.written = true;
    }
    const gzipHeader = ctx.query.get('enableContentEncodingUrlHeader') === 'true';
    return { status: 200, body: { reportDocumentId: id, url: this.env.documents.downloadUrl(key, { contentEncodingGzip: gzipHeader }), compressionAlgorithm: 'GZIP' } };
  };

  /**
   * getReports: the seller's requested reports and the settlement reports Amazon generated, newest first. Filters by
   * reportTypes (required without nextToken), processingStatuses, marketplaceIds and createdSince/createdUntil (90 days
   * back to now by default); pages of pageSize (1–100, default 10).
   */
  getReports = (ctx: RouteContext): SimResponse => {
    const now = ctx.clock.nowMs();
    const raw = ctx.query.get('nextToken');
    const q = raw ? ctx.tokens.decode(raw) : Object.fromEntries(ctx.query);
    if (!q || (raw && q.op !== 'getReports')) return invalidInput('Invalid nextToken.');
    const list = (name: string) => (typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string).split(',').map((v) => v.trim()) : undefined);
    const types = list('reportTypes');
    const statuses = list('processingStatuses');
    const marketplaces = list('marketplaceIds');
    if (!types) return invalidInput('reportTypes is required when nextToken is not given.');
    if (types.length > 10) return invalidInput('reportTypes accepts at most 10 values.');
    if (statuses?.some((s) => !(REPORT_STATUSES as readonly string[]).includes(s))) return invalidInput(`processingStatuses must be among ${REPORT_STATUSES.join(', ')}.`);
    const pageSize = q.pageSize === undefined ? 10 : Number(q.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return invalidInput('pageSize must be an integer from 1 to 100.');
    const since = q.createdSince === undefined ? now - 90 * 24 * 3600_000 : parseDateTime(q.createdSince)?.getTime();
    const until = q.createdUntil === undefined ? now : parseDateTime(q.createdUntil)?.getTime();
    if (since === undefined || until === undefined) return invalidInput('createdSince and createdUntil must be ISO 8601 date-times.');
    const offset = typeof q.offset === 'number' ? q.offset : 0;

    const views: Record<string, unknown>[] = [];
    for (const report of this.reports.values()) {
      if (report.sellerId !== ctx.seller.sellerId) continue;
      const view = this.getReport({ ...ctx, params: { reportId: report.reportId } }).body as Record<string, unknown>;
      views.push(view);
    }
    for (const s of this.settlements?.settlementReports(ctx.seller.sellerId) ?? []) views.push(settlementView(s));
    const hits = views
      .filter((v) => types.includes(v.reportType as string))
      .filter((v) => !statuses || statuses.includes(v.processingStatus as string))
      .filter((v) => !marketplaces || (v.marketplaceIds as string[]).some((id) => marketplaces.includes(id)))
      .filter((v) => {
        const created = Date.parse(v.createdTime as string);
        return created >= since && created <= until;
      })
      .sort((a, b) => Date.parse(b.createdTime as string) - Date.parse(a.createdTime as string) || ((a.reportId as string) < (b.reportId as string) ? -1 : 1));
    const page = hits.slice(offset, offset + pageSize);
    const more = offset + pageSize < hits.length;
    const { nextToken: _t, ...args } = q;
    return { status: 200, body: { reports: page, ...(more ? { nextToken: ctx.tokens.encode({ ...args, op: 'getReports', offset: offset + pageSize }) } : {}) } };
  };

  /** Processing ends: an ungenerated type fails, a report with no rows is cancelled ("no data to return"), else DONE. */
  private finish(report: ReportRecord): void {
    const generate = REPORT_GENERATORS[report.reportType];
    if (!generate) {
      report.outcome = 'FATAL';
    } else {
      const table = generate(this.input(report));
      if (table.rows.length === 0) {
        report.outcome = 'CANCELLED';
        return;
      }
      report.outcome = 'DONE';
    }
    const documentId = this.env.ids.reportDocumentId();
    report.reportDocumentId = documentId;
    this.byDocument.set(documentId, report);
  }

  private content(report: ReportRecord): string {
    const generate = REPORT_GENERATORS[report.reportType];
    if (!generate) {
      return `Report processing failed.\nreportType: ${report.reportType}\nreason: the SP-API simulator does not generate this report type.\n`;
    }
    return toTsv(generate(this.input(report)));
  }

  private input(report: ReportRecord) {
    return {
      store: this.env.store,
      listings: this.env.listings,
      marketplaceIds: report.marketplaceIds,
      dataStartTime: new Date(report.dataStartTime),
      dataEndTime: new Date(report.dataEndTime),
    };
  }
}

/** A settlement report as getReport shows it: generated by Amazon, DONE from the start. */
function settlementView(r: SettlementReport): Record<string, unknown> {
  return {
    reportId: r.reportId,
    reportType: SETTLEMENT_REPORT_TYPE,
    marketplaceIds: r.marketplaceIds,
    dataStartTime: iso(r.group.start),
    dataEndTime: iso(r.group.end),
    createdTime: iso(r.createdAt),
    processingStatus: 'DONE',
    processingStartTime: iso(r.createdAt),
    processingEndTime: iso(r.createdAt),
    reportDocumentId: r.reportDocumentId,
  };
}
