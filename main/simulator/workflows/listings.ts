import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../http-types';
import { QueryReader } from '../routes/query-params';
import { isPlainObject, type WorkflowEnv } from './env';
import { LOCALE_PATTERN, resolveLocale } from './listing-messages';
import { commit, evaluate, hasErrors, type PatchOp, type Requirements, type Submission } from './listing-rules';
import { itemView, renderIssue } from './listing-view';

const GET_INCLUDED = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;
const SUBMIT_INCLUDED = ['identifiers', 'issues'] as const;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'] as const;
const OPS = ['add', 'replace', 'merge', 'delete'] as const;
/** ACCEPTED means "accepted for processing": the change shows up in reads a few simulated seconds later, not at once. */
const PROCESSING_SECONDS: readonly [number, number] = [2, 20];

/** Listings Items 2021-08-01: getListingsItem, putListingsItem, patchListingsItem on the shared listings model. */
export class ListingsService {
  /** Accepted submissions go live in order, even when drawn processing times would reorder them. */
  private lastApplyAt = 0;

  constructor(private readonly env: WorkflowEnv) {}

  getListingsItem = (ctx: RouteContext): SimResponse => {
    const r = new QueryReader(ctx.query);
    const marketplaceIds = r.list('marketplaceIds');
    const included = new Set(r.list('includedData', { allowed: GET_INCLUDED }) ?? ['summaries']);
    const issueLocale = r.string('issueLocale');
    const bad = r.error() ?? this.common(ctx, marketplaceIds, issueLocale);
    if (bad) return bad;
    const sku = ctx.params.sku ?? '';
    const ids = marketplaceIds ?? [];
    const listings = ids.flatMap((m) => this.env.listings.get(sku, m) ?? []);
    if (listings.length === 0) return amazonError(404, 'NOT_FOUND', `SKU '${sku}' not found in marketplace ${ids.join(', ')}.`);
    return { status: 200, body: itemView(this.env.store, listings, included, resolveLocale(issueLocale, ids)) };
  };

  putListingsItem = (ctx: RouteContext): SimResponse => {
    const parsed = this.readSubmission(ctx, 1);
    if ('error' in parsed) return parsed.error;
    const b = ctx.body;
    if (!isPlainObject(b) || typeof b.productType !== 'string' || b.productType === '' || !isPlainObject(b.attributes)) {
      return invalidInput('The request body must have productType (string) and attributes (object).');
    }
    if (b.requirements !== undefined && !REQUIREMENTS.includes(b.requirements as Requirements)) {
      return invalidInput(`requirements must be one of ${REQUIREMENTS.join(', ')}.`);
    }
    const requirements = (b.requirements as Requirements | undefined) ?? 'LISTING';
    return this.submit(ctx, parsed, { kind: 'put', sku: ctx.params.sku ?? '', productType: b.productType, requirements, attributes: b.attributes });
  };

  patchListingsItem = (ctx: RouteContext): SimResponse => {
    const parsed = this.readSubmission(ctx, 50);
    if ('error' in parsed) return parsed.error;
    const b = ctx.body;
    if (!isPlainObject(b) || typeof b.productType !== 'string' || b.productType === '' || !Array.isArray(b.patches) || b.patches.length === 0) {
      return invalidInput('The request body must have productType (string) and patches (at least one).');
    }
    for (const p of b.patches as unknown[]) {
      if (!isPlainObject(p) || !OPS.includes(p.op as PatchOp['op']) || typeof p.path !== 'string') {
        return invalidInput(`Each patch needs op (${OPS.join(', ')}) and path.`);
      }
      if (p.value !== undefined && (!Array.isArray(p.value) || !p.value.every(isPlainObject))) return invalidInput('A patch value must be a list of objects.');
    }
    return this.submit(ctx, parsed, { kind: 'patch', sku: ctx.params.sku ?? '', productType: b.productType, patches: b.patches as PatchOp[] });
  };

  /**
   * Applies a submission at `at` against the listings as they are then. Used for accepted API submissions when their
   * processing time comes, and by the feed processor; returns whether it went through.
   */
  apply(submission: Submission, marketplaceIds: readonly string[], at: number): boolean {
    const evaluation = evaluate(this.env.listings, submission, marketplaceIds);
    if (hasErrors(evaluation.issues)) return false;
    commit(this.env.listings, submission.sku, evaluation, at);
    return true;
  }

  private submit(ctx: RouteContext, q: SubmissionQuery, submission: Submission): SimResponse {
    const evaluation = evaluate(this.env.listings, submission, q.marketplaceIds);
    const invalid = hasErrors(evaluation.issues);
    const preview = q.mode === 'VALIDATION_PREVIEW';
    if (!invalid && !preview) {
      const now = ctx.clock.nowMs();
      const applyAt = Math.max(this.lastApplyAt, Math.round(now + this.env.rng.real(PROCESSING_SECONDS[0], PROCESSING_SECONDS[1]) * 1000));
      this.lastApplyAt = applyAt;
      const ids = [...q.marketplaceIds];
      this.env.due.push(applyAt, (at) => this.apply(submission, ids, at));
    }
    const locale = resolveLocale(q.issueLocale, q.marketplaceIds);
    const body: Record<string, unknown> = {
      sku: submission.sku,
      status: invalid ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED',
      submissionId: this.env.ids.uuid(),
    };
    if (q.included.has('issues')) body.issues = evaluation.issues.map((i) => renderIssue(i, locale));
    if (q.included.has('identifiers')) body.identifiers = invalid ? [] : evaluation.identifiers;
    return { status: 200, body };
  }

  private readSubmission(ctx: RouteContext, maxMarketplaces: number): SubmissionQuery | { error: SimResponse } {
    const r = new QueryReader(ctx.query);
    const marketplaceIds = r.list('marketplaceIds', { max: maxMarketplaces });
    const included = new Set(r.list('includedData', { allowed: SUBMIT_INCLUDED }) ?? ['issues']);
    const mode = r.string('mode');
    const issueLocale = r.string('issueLocale');
    if (mode !== undefined && mode !== 'VALIDATION_PREVIEW') r.problems.push('mode must be VALIDATION_PREVIEW');
    const bad = r.error() ?? this.common(ctx, marketplaceIds, issueLocale);
    if (bad) return { error: bad };
    // The model: identifiers "can only be requested when mode is VALIDATION_PREVIEW".
    if (included.has('identifiers') && mode !== 'VALIDATION_PREVIEW') return { error: invalidInput('includedData identifiers can only be requested when mode is VALIDATION_PREVIEW.') };
    return { marketplaceIds: marketplaceIds ?? [], included, mode, issueLocale };
  }

  private common(ctx: RouteContext, marketplaceIds: string[] | undefined, issueLocale: string | undefined): SimResponse | null {
    if (ctx.params.sellerId !== ctx.seller.sellerId) return amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The sellerId does not match the authorized selling partner.');
    if (!marketplaceIds?.length) return invalidInput('marketplaceIds is required.');
    for (const id of marketplaceIds) if (!ctx.marketplaceIds.includes(id)) return invalidInput(`Invalid marketplaceId ${id}: the seller does not participate in it.`);
    if (issueLocale !== undefined && !LOCALE_PATTERN.test(issueLocale)) return invalidInput(`Invalid issueLocale ${issueLocale}; use a locale such as en_US or zh_CN.`);
    if (!(ctx.params.sku ?? '')) return invalidInput('sku is required.');
    return null;
  }
}

interface SubmissionQuery {
  marketplaceIds: string[];
  included: Set<string>;
  mode: string | undefined;
  issueLocale: string | undefined;
}
