import { invalidInput, type RouteContext, type SimResponse } from '../http-types';
import { QueryReader } from './query-params';

const PAGE_SIZE = 50;
// Amazon: "nextToken expires 30 seconds after it is issued" — in simulated time.
const NEXT_TOKEN_LIFETIME = 30_000;

export function getInventorySummaries(ctx: RouteContext): SimResponse {
  const r = new QueryReader(ctx.query);
  const details = r.bool('details') ?? false;
  const granularityType = r.string('granularityType');
  const granularityId = r.string('granularityId');
  const startDateTime = r.date('startDateTime');
  const sellerSkus = r.list('sellerSkus', { max: 50 });
  const sellerSku = r.string('sellerSku');
  const nextToken = r.string('nextToken');
  const marketplaceIds = r.list('marketplaceIds', { max: 1 });
  const bad = r.error();
  if (bad) return bad;
  if (granularityType !== 'Marketplace') return invalidInput('granularityType must be Marketplace.');
  if (!granularityId || !marketplaceIds?.length) return invalidInput('granularityId and marketplaceIds are required.');
  const marketplaceId = marketplaceIds[0] ?? '';
  if (granularityId !== marketplaceId || !ctx.marketplaceIds.includes(marketplaceId)) return invalidInput(`Invalid marketplace ${marketplaceId}.`);

  const now = ctx.clock.nowMs();
  const filterKey = JSON.stringify([details, granularityId, startDateTime, sellerSkus, sellerSku, marketplaceId]);
  let offset = 0;
  if (nextToken) {
    const t = ctx.tokens.decode(nextToken);
    if (!t || t.op !== 'inventory' || t.filters !== filterKey || t.seller !== ctx.seller.sellerId) return invalidInput('Invalid nextToken.');
    if (typeof t.issued !== 'number' || now - t.issued > NEXT_TOKEN_LIFETIME) return invalidInput('The nextToken has expired. Start the request again without a nextToken.');
    offset = Number(t.offset);
  }
  const skus = sellerSkus ?? (sellerSku ? [sellerSku] : undefined);
  const all = ctx.store.inventorySummaries({ marketplaceId, details, ...(startDateTime ? { startDateTime } : {}), ...(skus ? { sellerSkus: skus } : {}) });
  const page = all.slice(offset, offset + PAGE_SIZE);
  const body: Record<string, unknown> = {
    payload: { granularity: { granularityType, granularityId }, inventorySummaries: page },
  };
  if (offset + PAGE_SIZE < all.length) {
    body.pagination = { nextToken: ctx.tokens.encode({ op: 'inventory', seller: ctx.seller.sellerId, filters: filterKey, offset: offset + PAGE_SIZE, issued: now }) };
  }
  return { status: 200, body };
}
