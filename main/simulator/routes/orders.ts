import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../http-types';
import type { FulfillmentStatus, Order, OrderQuery } from '../store';
import { MARKETPLACE_INFO } from '../marketplace-info';
import { QueryReader } from './query-params';

const STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;
const INCLUDED = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'] as const;
const TWO_MINUTES = 2 * 60_000;
const TOKEN_LIFETIME = 24 * 3600_000;

/** Order-level and item-level fields that exist only when their includedData value is asked for. */
const ORDER_FIELDS: Record<string, string> = {
  buyer: 'BUYER',
  recipient: 'RECIPIENT',
  proceeds: 'PROCEEDS',
  payment: 'PAYMENT',
  tax: 'TAX',
  fulfillment: 'FULFILLMENT',
  packages: 'PACKAGES',
  fulfillmentOrders: 'FULFILLMENT_ORDERS',
};
const ITEM_FIELDS: Record<string, string> = {
  proceeds: 'PROCEEDS',
  expense: 'EXPENSE',
  promotion: 'PROMOTION',
  cancellation: 'CANCELLATION',
  fulfillment: 'FULFILLMENT',
  tax: 'TAX',
};

export function projectOrder(order: Order, included: ReadonlySet<string>): Order {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(order)) {
    const needs = ORDER_FIELDS[key];
    if (needs && !included.has(needs)) continue;
    if (key === 'orderItems' && Array.isArray(value)) {
      out[key] = value.map((item: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(item).filter(([k]) => !ITEM_FIELDS[k] || included.has(ITEM_FIELDS[k] ?? ''))),
      );
      continue;
    }
    out[key] = value;
  }
  return out as unknown as Order;
}

export function searchOrders(ctx: RouteContext): SimResponse {
  const r = new QueryReader(ctx.query);
  const createdAfter = r.date('createdAfter');
  const createdBefore = r.date('createdBefore');
  const lastUpdatedAfter = r.date('lastUpdatedAfter');
  const lastUpdatedBefore = r.date('lastUpdatedBefore');
  const fulfillmentStatuses = r.list('fulfillmentStatuses', { allowed: STATUSES }) as FulfillmentStatus[] | undefined;
  const marketplaceIds = r.list('marketplaceIds', { max: 50 });
  const fulfilledBy = r.list('fulfilledBy', { allowed: ['MERCHANT', 'AMAZON'] }) as ('MERCHANT' | 'AMAZON')[] | undefined;
  const maxResults = r.int('maxResultsPerPage', 1, 100) ?? 100;
  const included = new Set(r.list('includedData', { allowed: INCLUDED }) ?? []);
  const paginationToken = r.string('paginationToken');
  const bad = r.error();
  if (bad) return bad;

  const now = ctx.clock.nowMs();
  const byCreated = createdAfter !== undefined || createdBefore !== undefined;
  if ((createdAfter ? 1 : 0) + (lastUpdatedAfter ? 1 : 0) !== 1) {
    return invalidInput('Exactly one of createdAfter or lastUpdatedAfter must be specified.');
  }
  if (lastUpdatedAfter && createdBefore) return invalidInput('createdBefore cannot be combined with lastUpdatedAfter.');
  if (createdAfter && lastUpdatedBefore) return invalidInput('lastUpdatedBefore cannot be combined with createdAfter.');
  for (const m of marketplaceIds ?? []) {
    if (!ctx.marketplaceIds.includes(m) || !MARKETPLACE_INFO[m]) return invalidInput(`Invalid marketplaceId ${m}.`);
  }
  const after = (createdAfter ?? lastUpdatedAfter) as Date;
  let before = createdBefore ?? lastUpdatedBefore;
  if (before && before.getTime() < after.getTime()) return invalidInput('The before date must be later than the after date.');
  if (before && before.getTime() > now - TWO_MINUTES) return invalidInput('The before date must be at least two minutes before the time of the request.');
  if (after.getTime() > now - TWO_MINUTES) return invalidInput('The after date must be at least two minutes before the time of the request.');

  // The token fixes the window and filters of the first page; every other parameter must be sent again unchanged.
  const filterKey = JSON.stringify([createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore, fulfillmentStatuses, marketplaceIds, fulfilledBy]);
  let offset = 0;
  if (paginationToken) {
    const t = ctx.tokens.decode(paginationToken);
    if (!t || t.op !== 'searchOrders' || t.seller !== ctx.seller.sellerId) return invalidInput('Invalid paginationToken.');
    if (t.filters !== filterKey) return invalidInput('The paginationToken does not match the other request parameters.');
    if (typeof t.issued !== 'number' || now - t.issued > TOKEN_LIFETIME) return invalidInput('The paginationToken has expired.');
    offset = Number(t.offset);
    before = new Date(String(t.before));
  }
  before ??= new Date(now - TWO_MINUTES);

  const query: OrderQuery = byCreated
    ? { createdAfter: after, createdBefore: before }
    : { lastUpdatedAfter: after, lastUpdatedBefore: before };
  if (fulfillmentStatuses) query.fulfillmentStatuses = fulfillmentStatuses;
  if (marketplaceIds) query.marketplaceIds = marketplaceIds;
  if (fulfilledBy) query.fulfilledBy = fulfilledBy;
  const all = ctx.store.searchOrders(query);
  const page = all.slice(offset, offset + maxResults).map((o) => projectOrder(o, included));
  const next = offset + maxResults < all.length
    ? ctx.tokens.encode({ op: 'searchOrders', seller: ctx.seller.sellerId, filters: filterKey, offset: offset + maxResults, issued: paginationToken ? ctx.tokens.decode(paginationToken)?.issued : now, before: before.toISOString() })
    : undefined;

  const body: Record<string, unknown> = { orders: page };
  if (next) body.pagination = { nextToken: next };
  body[byCreated ? 'createdBefore' : 'lastUpdatedBefore'] = before.toISOString();
  return { status: 200, body };
}

export function getOrder(ctx: RouteContext): SimResponse {
  const r = new QueryReader(ctx.query);
  const included = new Set(r.list('includedData', { allowed: INCLUDED }) ?? []);
  const bad = r.error();
  if (bad) return bad;
  const order = ctx.store.getOrder(ctx.params.orderId ?? '');
  if (!order) return amazonError(404, 'NotFound', `Order ${ctx.params.orderId} not found.`);
  return { status: 200, body: { order: projectOrder(order, included) } };
}

export function confirmShipment(ctx: RouteContext): SimResponse {
  const result = ctx.store.confirmShipment(ctx.params.orderId ?? '', ctx.body);
  return result.ok ? { status: 204 } : amazonError(result.status, result.code, result.message);
}

export function updateShipmentStatus(ctx: RouteContext): SimResponse {
  const result = ctx.store.updateShipmentStatus(ctx.params.orderId ?? '', ctx.body);
  return result.ok ? { status: 204 } : amazonError(result.status, result.code, result.message);
}
