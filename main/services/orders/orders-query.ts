import { AppError } from '../../../shared/ipc/errors';
import {
  orderWorkflowStates,
  type OrderCounts,
  type OrderDetail,
  type OrderListRow,
  type OrdersListQuery,
  type OrdersScope,
  type OrderWorkflowState,
} from '../../../shared/ipc/channels/orders-list';
import { MARKETPLACE_TIME_ZONES, marketplaceTimeZone, shipByCutoff, trackingUploadDeadline, type ShipByBucket } from '../../../shared/marketplace-time';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import {
  CLOSED_WORKFLOW_STATES,
  countOrdersMatching,
  findOrderForDetail,
  listOrderPage,
  OPEN_AMAZON_STATUSES,
  orderDetailParts,
  ordersMissingSearchTokens,
  pageFacts,
  scopeCounts,
  storeNames,
  type ListFilter,
  type ListRow,
  type PageFacts,
  type SearchMatch,
} from '../../db/repositories/orders-list.repo';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import type { SecretBox } from '../../spapi/secret-box';
import { searchableNames, unsealPii } from '../../sync/jobs/order-mapping';
import { queryHashes, replaceSearchTokens, searchKey } from './search-tokens';
import { returnsForOrder } from '../fulfillment/returns.service';

const HOUR = 3_600_000;
const INDEXED_SETTING = 'orders.searchIndexBuilt';
const BACKFILL_BATCH = 500;
/** From this many matches on, walking the sort index beats sorting the matches (see listOrderPage). */
const WALK_INDEX_MIN_MATCHES = 20_000;

const isWorkflowState = (s: string | null | undefined): s is OrderWorkflowState => !!s && (orderWorkflowStates as readonly string[]).includes(s);
const isOpenAtAmazon = (status: string) => (OPEN_AMAZON_STATUSES as readonly string[]).includes(status);
const isClosedHere = (state: string | null) => state !== null && (CLOSED_WORKFLOW_STATES as readonly string[]).includes(state);

/** Amazon order ids are 3-7-7 digits; a clerk may paste one whole or type its start. */
const ORDER_ID_START = /^\d{3}(-\d{0,7}(-\d{0,7})?)?$/;
const ASIN = /^[A-Z0-9]{10}$/i;

/**
 * Read side of the Orders screen: the filtered, sorted, paged grid at 100,000 orders, the chip counts, one order's
 * detail, and the name blind index's start-up pass. Rules live here; SQL in orders-list.repo.
 */
export function createOrdersQuery(deps: { db: Db; clock: Clock; secretBox: SecretBox }) {
  /** The search text as the repository understands it: one box, four kinds of match, any of which may hit. */
  async function searchMatch(db: Queryable, text: string | undefined): Promise<SearchMatch | 'nothing' | undefined> {
    const q = text?.trim();
    if (!q) return undefined;
    const match: SearchMatch = {};
    if (ORDER_ID_START.test(q)) match.orderIdPrefix = q;
    if (q.length >= 2 && !/\s/.test(q)) match.skuPrefix = q.toLowerCase();
    if (ASIN.test(q)) match.asin = q.toUpperCase();
    const key = await searchKey(db, deps.secretBox, { create: false, now: deps.clock.now().toISOString() });
    const names = key ? queryHashes(key, q) : null;
    if (names) match.names = names;
    return Object.keys(match).length > 0 ? match : 'nothing';
  }

  async function scopeFilter(scope: OrdersScope): Promise<ListFilter> {
    const search = await searchMatch(deps.db, scope.search);
    return {
      ...(scope.storeId !== undefined ? { storeId: scope.storeId } : {}),
      ...(scope.marketplaceIds?.length ? { marketplaceIds: scope.marketplaceIds } : {}),
      ...(search !== undefined ? { search } : {}),
    };
  }

  /** "Today" ends at a different instant in each marketplace: one cutoff per group of marketplaces sharing a zone. */
  function shipByGroups(bucket: ShipByBucket, marketplaceIds: string[] | undefined): NonNullable<ListFilter['shipByBefore']> {
    const now = deps.clock.now();
    if (bucket !== 'today') return [{ marketplaceIds: null, before: shipByCutoff(bucket, now, 'UTC').toISOString() }];
    const known = Object.keys(MARKETPLACE_TIME_ZONES);
    const ids = marketplaceIds?.length ? marketplaceIds : known;
    const byCutoff = new Map<string, string[]>();
    for (const id of ids) {
      const cutoff = shipByCutoff('today', now, marketplaceTimeZone(id)).toISOString();
      byCutoff.set(cutoff, [...(byCutoff.get(cutoff) ?? []), id]);
    }
    const groups: NonNullable<ListFilter['shipByBefore']> = [...byCutoff].map(([before, group]) => ({ marketplaceIds: group, before }));
    // Without a marketplace filter, a marketplace this build has no zone for counts in UTC days.
    if (!marketplaceIds?.length) groups.push({ marketplaceIds: null, notIn: known, before: shipByCutoff('today', now, 'UTC').toISOString() });
    return groups;
  }

  function toRow(r: ListRow, storeName: string, facts: PageFacts): OrderListRow {
    const state = facts.workflow.get(r.id) ?? null;
    const items = facts.items.get(r.id) ?? [];
    const first = items[0];
    const awaiting = r.fulfilled_by === 'MERCHANT' && isOpenAtAmazon(r.status) && !isClosedHere(state);
    const pending = facts.pendingUploadSince.get(r.id);
    return {
      id: r.id,
      storeId: Number(r.store_id),
      storeName,
      marketplaceId: r.marketplace_id,
      timeZone: marketplaceTimeZone(r.marketplace_id),
      amazonStatus: r.status,
      workflowState: isWorkflowState(state) ? state : awaiting ? 'new' : null,
      fulfilledBy: r.fulfilled_by,
      createdAt: r.created_time,
      shipByLatest: r.ship_by_latest,
      awaitingShipment: awaiting,
      trackingDueBy: pending && isOpenAtAmazon(r.status) ? trackingUploadDeadline(pending) : null,
      lineCount: items.length,
      unitCount: items.reduce((n, i) => n + Number(i.quantity_ordered), 0),
      firstSku: first?.seller_sku ?? null,
      firstAsin: first?.asin ?? null,
      firstTitle: first?.title ?? null,
      totalMinor: r.grand_total_minor === null ? null : Number(r.grand_total_minor),
      currency: r.currency,
      exceptionCodes: facts.exceptions.get(r.id) ?? [],
    };
  }

  async function list(query: OrdersListQuery): Promise<{ rows: OrderListRow[]; total: number }> {
    const filter: ListFilter = await scopeFilter(query);
    if (query.fulfilledBy) filter.fulfilledBy = query.fulfilledBy;
    if (query.status) {
      if (isWorkflowState(query.status)) filter.workflowState = query.status;
      else filter.amazonStatus = query.status;
    }
    if (query.exceptionsOnly) filter.exceptionsOnly = true;
    if (query.shipBy) filter.shipByBefore = shipByGroups(query.shipBy, query.marketplaceIds);
    const total = await countOrdersMatching(deps.db, filter);
    // Matches this common are met within the first pages of the sort index; rarer ones are found first, then sorted.
    const walkIndex = total >= WALK_INDEX_MIN_MATCHES;
    const page = await listOrderPage(deps.db, filter, { sort: query.sort, dir: query.dir, limit: query.limit, offset: query.offset, walkIndex });
    const stores = await storeNames(deps.db);
    const facts = await pageFacts(deps.db, page.map((r) => r.id));
    return { rows: page.map((r) => toRow(r, stores.get(Number(r.store_id)) ?? '', facts)), total };
  }

  async function counts(scope: OrdersScope): Promise<OrderCounts> {
    const now = deps.clock.now();
    const c = await scopeCounts(deps.db, await scopeFilter(scope), now.toISOString(), new Date(now.getTime() + 24 * HOUR).toISOString());
    const byState: Record<string, number> = {};
    for (const s of c.states) byState[s.state] = s.n;
    if (c.unseen > 0) byState.new = (byState.new ?? 0) + c.unseen;
    return { all: c.all, byState, exceptions: c.exceptions, overdue: c.overdue, due24h: c.due24h, fba: c.fba };
  }

  async function get(id: string): Promise<OrderDetail> {
    const o = await findOrderForDetail(deps.db, id);
    if (!o) throw new AppError('not-found', { entity: 'order', id });
    const [facts, parts] = await Promise.all([pageFacts(deps.db, [id]), orderDetailParts(deps.db, id)]);
    const row = toRow(o, o.store_name, facts);
    const closed = !isOpenAtAmazon(o.status) && o.status !== 'PENDING' && o.status !== 'PENDING_AVAILABILITY';
    let recipient: OrderDetail['recipient'] = null;
    let recipientHidden: OrderDetail['recipientHidden'] = null;
    if (o.pii_purged_at) recipientHidden = 'purged';
    else if (closed || isClosedHere(row.workflowState)) recipientHidden = 'closed';
    else if (!o.recipient_enc) recipientHidden = 'none';
    else {
      const address = (unsealPii({ buyer_enc: null, recipient_enc: o.recipient_enc }, deps.secretBox).recipient?.deliveryAddress ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
      recipient = { name: text(address.name), city: text(address.city), countryCode: text(address.countryCode) ?? o.ship_country };
    }
    return {
      ...row,
      serviceLevel: o.service_level,
      deliverByLatest: o.deliver_by_latest,
      lastUpdatedAt: o.last_updated_time,
      shipCountry: o.ship_country,
      items: parts.items.map((i) => ({
        orderItemId: i.order_item_id,
        sku: i.seller_sku,
        asin: i.asin,
        title: i.title,
        quantityOrdered: Number(i.quantity_ordered),
        quantityShipped: Number(i.quantity_shipped),
        unitPriceMinor: i.unit_price_minor === null ? null : Number(i.unit_price_minor),
        currency: i.currency,
      })),
      packages: [
        ...parts.amazonPackages.map((p) => ({ source: 'amazon' as const, packageReferenceId: p.package_reference_id, carrier: p.carrier, trackingNumber: p.tracking_number, shippedAt: p.ship_time, uploadStatus: null })),
        ...parts.localPackages.map((p) => ({
          source: 'local' as const,
          packageReferenceId: p.package_reference_id,
          carrier: p.carrier_name ? `${p.carrier_code} · ${p.carrier_name}` : p.carrier_code,
          trackingNumber: p.tracking_number,
          shippedAt: p.ship_date,
          uploadStatus: p.status,
        })),
      ],
      history: parts.history.map((h) => ({ from: h.from_status, to: h.to_status, changedAt: h.changed_at })),
      workflow:
        parts.workflow && isWorkflowState(parts.workflow.state)
          ? {
              state: parts.workflow.state,
              version: Number(parts.workflow.version),
              warehouseCode: parts.workflow.warehouse_code,
              carrierCode: parts.workflow.carrier_code,
              carrierName: parts.workflow.carrier_name,
              shippingService: parts.workflow.shipping_service,
              waveNumber: parts.workflow.wave_number,
              tote: parts.workflow.tote,
              weightG: parts.workflow.weight_g === null ? null : Number(parts.workflow.weight_g),
              stateChangedAt: parts.workflow.state_changed_at,
            }
          : null,
      exceptions: parts.exceptions.map((e) => ({
        id: Number(e.id),
        code: e.reason_code,
        params: plainParams(e.params_json),
        raisedAt: e.raised_at,
        resolvedAt: e.resolved_at,
        resolution: e.resolution,
      })),
      recipient,
      recipientHidden,
      returns: await returnsForOrder(deps.db, id),
    };
  }

  /**
   * Indexes the names of orders stored before the blind index existed (or after its key was replaced). Runs once per
   * key: the marker records which sealed seed the index was built with.
   */
  async function indexExistingOrders(): Promise<number> {
    const now = deps.clock.now().toISOString();
    const key = await searchKey(deps.db, deps.secretBox, { create: true, now });
    const seed = ((await getSetting(deps.db, 'orders.searchKey')) as { sealed?: string } | undefined)?.sealed ?? '';
    const marker = (await getSetting(deps.db, INDEXED_SETTING)) as { seed?: string } | undefined;
    if (!key || marker?.seed === seed.slice(0, 40)) return 0;
    let after = '';
    let indexed = 0;
    for (;;) {
      const batch = await ordersMissingSearchTokens(deps.db, after, BACKFILL_BATCH);
      if (batch.length === 0) break;
      after = batch.at(-1)!.id;
      const entries = batch.flatMap((o) => {
        try {
          return [{ orderId: o.id, names: searchableNames(unsealPii(o, deps.secretBox)) }];
        } catch {
          // Sealed under a key this box no longer has: nothing to index, and nothing to show either.
          return [];
        }
      });
      await deps.db.transaction((trx) => replaceSearchTokens(trx, deps.secretBox, entries, now));
      indexed += entries.filter((e) => e.names.length > 0).length;
    }
    await putSetting(deps.db, INDEXED_SETTING, { seed: seed.slice(0, 40) }, now);
    return indexed;
  }

  return { list, counts, get, indexExistingOrders };
}

/** Exception params are codes and numbers by contract; anything else (a nested object) is dropped, not shown raw. */
function plainParams(json: string | null): Record<string, string | number | boolean | null> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(parsed)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean | null;
    return out;
  } catch {
    return {};
  }
}

export type OrdersQuery = ReturnType<typeof createOrdersQuery>;
