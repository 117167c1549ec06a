import type { Knex } from 'knex';
import type { OrderSort } from '../../../shared/ipc/channels/orders-list';
import type { Queryable } from '../connection';

/** Keeps every IN (…) list far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Amazon statuses in which an FBM order still has to leave the warehouse. */
export const OPEN_AMAZON_STATUSES = ['UNSHIPPED', 'PARTIALLY_SHIPPED'] as const;
/** Workflow states after which the warehouse is done with the order. */
export const CLOSED_WORKFLOW_STATES = ['shipped', 'delivered', 'cancelled'] as const;

/** How the orders job's search text resolves, decided by the service (which holds the name key). */
export interface SearchMatch {
  /** Order ids starting with this (the text looked like an order id). */
  orderIdPrefix?: string;
  /** Lower-cased SKU start. */
  skuPrefix?: string;
  asin?: string;
  /** Blind-index hashes: all of `words`, or `joined`. */
  names?: { words: string[]; joined: string | null };
}

export interface ListFilter {
  storeId?: number;
  marketplaceIds?: string[];
  fulfilledBy?: string;
  workflowState?: string;
  amazonStatus?: string;
  exceptionsOnly?: boolean;
  /** Open FBM orders the workflow has no row for yet. */
  workflowMissing?: boolean;
  /** Unshipped FBM orders due before the cutoff; a cutoff per marketplace group (the end of each one's local day). */
  shipByBefore?: { marketplaceIds: string[] | null; notIn?: string[]; before: string }[];
  search?: SearchMatch | 'nothing';
}

export interface ListRow {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  fulfilled_by: string | null;
  created_time: string;
  ship_by_latest: string | null;
  grand_total_minor: number | null;
  currency: string | null;
}

/** Text range that holds exactly the strings starting with `prefix` (ordinal comparison, as the indexes use). */
const prefixEnd = (prefix: string) => `${prefix}\uffff`;

function matchingOrderIds(db: Queryable, m: SearchMatch): Knex.QueryBuilder | null {
  const parts: Knex.QueryBuilder[] = [];
  if (m.orderIdPrefix) parts.push(db('orders').select('id as order_id').where('id', '>=', m.orderIdPrefix).where('id', '<', prefixEnd(m.orderIdPrefix)));
  if (m.skuPrefix) {
    parts.push(db('order_items').select('order_id').whereRaw('lower(seller_sku) >= ? and lower(seller_sku) < ?', [m.skuPrefix, prefixEnd(m.skuPrefix)]));
  }
  if (m.asin) parts.push(db('order_items').select('order_id').where('asin', m.asin));
  if (m.names) {
    const { words, joined } = m.names;
    // Every word must match: nested IN rather than GROUP BY/HAVING, which a compound SELECT would apply to all parts.
    const [firstWord, ...otherWords] = words;
    if (firstWord) {
      const all = db('order_search_tokens').select('order_id').where('token_hash', firstWord);
      for (const w of otherWords) all.whereIn('order_id', db('order_search_tokens').select('order_id').where('token_hash', w));
      parts.push(all);
    }
    if (joined) parts.push(db('order_search_tokens').select('order_id').where('token_hash', joined));
  }
  const [first, ...rest] = parts;
  if (!first) return null;
  return rest.length ? first.union(rest) : first;
}

/**
 * The open-FBM condition, written exactly as the partial index orders_open_fbm_ship_by_index (migration 0011) states
 * it: with literals rather than bound values, so SQLite can prove the index covers the query.
 */
const OPEN_FBM_CONDITION = "o.fulfilled_by = 'MERCHANT' AND o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')";
/** Its complement must not lose rows whose fulfilled_by is null (NOT of a null comparison is null, not true). */
const OPEN_FBM_CONDITION_OR_NULL = "o.fulfilled_by IS NOT NULL AND o.fulfilled_by = 'MERCHANT' AND o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')";

/** FBM, still to ship at Amazon, and not shipped or cancelled here. Needs `w` joined. */
function awaitingShipment(q: Knex.QueryBuilder): void {
  q.whereRaw(OPEN_FBM_CONDITION).where((w) => w.whereNull('w.state').orWhereNotIn('w.state', CLOSED_WORKFLOW_STATES));
}

/** Only the ship-by filter reads the workflow through the join; state filters use subqueries on their own index. */
const noWorkflowRow = (db: Queryable) => db('order_workflow as wx').select(db.raw('1')).whereRaw('?? = ??', ['wx.order_id', 'o.id']);

const needsWorkflow = (f: ListFilter) => f.shipByBefore !== undefined;

function filtered(db: Queryable, f: ListFilter, opts: { joinWorkflow: boolean }): Knex.QueryBuilder {
  return applyFilter(db, db('orders as o'), f, opts);
}

/** Adds the filter's conditions to a query in which `orders` is aliased `o`. */
function applyFilter(db: Queryable, q: Knex.QueryBuilder, f: ListFilter, opts: { joinWorkflow: boolean }): Knex.QueryBuilder {
  if (opts.joinWorkflow || needsWorkflow(f)) q.leftJoin('order_workflow as w', 'w.order_id', 'o.id');
  if (f.storeId !== undefined) q.where('o.store_id', f.storeId);
  if (f.marketplaceIds?.length) q.whereIn('o.marketplace_id', f.marketplaceIds);
  if (f.fulfilledBy) q.where('o.fulfilled_by', f.fulfilledBy);
  if (f.amazonStatus) q.where('o.status', f.amazonStatus);
  if (f.workflowMissing) q.whereRaw(OPEN_FBM_CONDITION).whereNotExists(noWorkflowRow(db));
  if (f.workflowState === 'new') {
    // An open FBM order the workflow has not picked up yet is new too: it is exactly what waits for the audit. Two
    // index-driven halves joined by OR, rather than a condition across the join, keep this off a full scan.
    q.where((w) =>
      w
        .whereIn('o.id', db('order_workflow').select('order_id').where('state', 'new'))
        .orWhere((n) =>
          n
            .whereRaw(OPEN_FBM_CONDITION)
            .whereNotExists(noWorkflowRow(db)),
        ),
    );
  } else if (f.workflowState) {
    q.whereIn('o.id', db('order_workflow').select('order_id').where('state', f.workflowState));
  }
  if (f.exceptionsOnly) {
    q.whereIn('o.id', db('order_exceptions').select('order_id').whereNull('resolved_at'));
  }
  if (f.shipByBefore) {
    const groups = f.shipByBefore;
    awaitingShipment(q);
    // The latest cutoff as a plain range lets the (fulfilled_by, status, ship_by_latest) index do the work; the
    // per-marketplace cutoffs ("today" ends at each marketplace's midnight) then trim what it found.
    const latest = groups.map((g) => g.before).sort().at(-1) ?? '';
    q.where('o.ship_by_latest', '<', latest);
    if (groups.length > 1 || groups[0]?.marketplaceIds || groups[0]?.notIn) {
      q.where((any) => {
        for (const g of groups) {
          any.orWhere((one) => {
            one.where('o.ship_by_latest', '<', g.before);
            if (g.marketplaceIds) one.whereIn('o.marketplace_id', g.marketplaceIds);
            if (g.notIn) one.whereNotIn('o.marketplace_id', g.notIn);
          });
        }
      });
    }
  }
  if (f.search === 'nothing') {
    q.whereRaw('1 = 0');
  } else if (f.search) {
    const ids = matchingOrderIds(db, f.search);
    if (ids) q.whereIn('o.id', ids);
    else q.whereRaw('1 = 0');
  }
  return q;
}

export async function countOrdersMatching(db: Queryable, f: ListFilter): Promise<number> {
  const [row] = await filtered(db, f, { joinWorkflow: false }).count<{ n: number }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

const LIST_COLUMNS = ['o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'o.fulfilled_by', 'o.created_time', 'o.ship_by_latest', 'o.grand_total_minor', 'o.currency'];

type Dir = 'asc' | 'desc';

/**
 * A run of rows in one order. A sort is a list of segments read one after the other, so "rows without a value last"
 * or "open orders first" never needs a CASE in ORDER BY (which would make SQLite sort the whole table instead of
 * walking an index).
 */
interface Segment {
  where(q: Knex.QueryBuilder): void;
  order(q: Knex.QueryBuilder, walkIndex: boolean): void;
}

/**
 * `walkIndex`: read rows in the sort column's index order and stop after the page (right when most rows match). When
 * few rows match, the same walk would step over nearly the whole table; then the sort key is wrapped in a no-op
 * expression (portable SQL) so the planner filters by the most selective index first and sorts the few rows left.
 */
function orderKey(q: Knex.QueryBuilder, column: string, kind: 'text' | 'number', dir: Dir, walkIndex: boolean): void {
  if (walkIndex) q.orderBy(column, dir);
  else q.orderByRaw(`${kind === 'text' ? "?? || ''" : '?? + 0'} ${dir}`, [column]);
}

const byShipBy = (dir: Dir): Segment['order'] => (q, walk) => {
  orderKey(q, 'o.ship_by_latest', 'text', dir, walk);
  q.orderBy('o.id', dir);
};
const withoutValue = (column: string, dir: Dir): Segment => ({ where: (q) => q.whereNull(column), order: (q) => q.orderBy('o.id', dir) });

/**
 * The segments of each sort. "Ship-by, most urgent first" is what a clerk works down: orders whose clock runs, soonest
 * deadline first; then every other order, latest ship-by first; then those without one.
 */
function segmentsOf(sort: OrderSort, dir: Dir): Segment[] {
  if (sort === 'created') return [{ where: () => undefined, order: (q, walk) => { orderKey(q, 'o.created_time', 'text', dir, walk); q.orderBy('o.id', dir); } }];
  if (sort === 'total') {
    return [
      { where: (q) => q.whereNotNull('o.grand_total_minor'), order: (q, walk) => { q.orderBy('o.currency', 'asc'); orderKey(q, 'o.grand_total_minor', 'number', dir, walk); q.orderBy('o.id', dir); } },
      withoutValue('o.grand_total_minor', dir),
    ];
  }
  if (dir === 'desc') return [{ where: (q) => q.whereNotNull('o.ship_by_latest'), order: byShipBy('desc') }, withoutValue('o.ship_by_latest', 'desc')];
  return [
    { where: (q) => q.whereNotNull('o.ship_by_latest').whereRaw(OPEN_FBM_CONDITION), order: byShipBy('asc') },
    { where: (q) => q.whereNotNull('o.ship_by_latest').whereRaw(`NOT (${OPEN_FBM_CONDITION_OR_NULL})`), order: byShipBy('desc') },
    withoutValue('o.ship_by_latest', 'asc'),
  ];
}

/** One page across the sort's segments; ties fall back to the order id so pages never overlap. */
export async function listOrderPage(db: Queryable, f: ListFilter, page: { sort: OrderSort; dir: Dir; limit: number; offset: number; walkIndex: boolean }): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  let offset = page.offset;
  for (const seg of segmentsOf(page.sort, page.dir)) {
    const want = page.limit - rows.length;
    if (want <= 0) break;
    const q = filtered(db, f, { joinWorkflow: false }).select(LIST_COLUMNS);
    seg.where(q);
    seg.order(q, page.walkIndex);
    const got = (await q.limit(want).offset(offset)) as ListRow[];
    rows.push(...got);
    if (got.length === want) break;
    // The page runs past this segment: its size tells where the next one's rows start.
    let size = offset + got.length;
    // Nothing found past a non-zero offset: only a count can tell how far the segment reached.
    if (got.length === 0 && offset > 0) {
      const c = filtered(db, f, { joinWorkflow: false });
      seg.where(c);
      size = Number((await c.count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
    }
    offset = Math.max(0, offset - size);
  }
  return rows;
}

export async function storeNames(db: Queryable): Promise<Map<number, string>> {
  const rows = await db('stores').select<{ id: number; name: string }[]>('id', 'name');
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export interface PageFacts {
  workflow: Map<string, string>;
  items: Map<string, { order_item_id: string; seller_sku: string | null; asin: string | null; title: string | null; quantity_ordered: number }[]>;
  exceptions: Map<string, string[]>;
  /** Earliest ship date of a package confirmed here whose upload to Amazon has not succeeded. */
  pendingUploadSince: Map<string, string>;
}

/** Everything a page of rows shows besides the order itself, in four indexed lookups for the page's ids. */
export async function pageFacts(db: Queryable, ids: readonly string[]): Promise<PageFacts> {
  const facts: PageFacts = { workflow: new Map(), items: new Map(), exceptions: new Map(), pendingUploadSince: new Map() };
  for (const part of chunks(ids)) {
    const [workflow, items, exceptions, uploads] = await Promise.all([
      db('order_workflow').whereIn('order_id', part).select<{ order_id: string; state: string }[]>('order_id', 'state'),
      db('order_items')
        .whereIn('order_id', part)
        .orderBy(['order_id', 'order_item_id'])
        .select<{ order_id: string; order_item_id: string; seller_sku: string | null; asin: string | null; title: string | null; quantity_ordered: number }[]>(
          'order_id',
          'order_item_id',
          'seller_sku',
          'asin',
          'title',
          'quantity_ordered',
        ),
      db('order_exceptions').whereIn('order_id', part).whereNull('resolved_at').orderBy('id').select<{ order_id: string; reason_code: string }[]>('order_id', 'reason_code'),
      db('local_shipments as l')
        .leftJoin('outbox as x', 'x.seq', 'l.outbox_seq')
        .whereIn('l.order_id', part)
        .where((w) => w.whereNull('x.status').orWhereNot('x.status', 'done'))
        .groupBy('l.order_id')
        .select('l.order_id')
        .min({ ship_date: 'l.ship_date' }) as Promise<{ order_id: string; ship_date: string }[]>,
    ]);
    for (const w of workflow) facts.workflow.set(w.order_id, w.state);
    for (const i of items) {
      let list = facts.items.get(i.order_id);
      if (!list) facts.items.set(i.order_id, (list = []));
      list.push(i);
    }
    for (const e of exceptions) {
      const list = facts.exceptions.get(e.order_id) ?? [];
      if (!list.includes(e.reason_code)) list.push(e.reason_code);
      facts.exceptions.set(e.order_id, list);
    }
    for (const u of uploads) facts.pendingUploadSince.set(u.order_id, u.ship_date);
  }
  return facts;
}

export interface ScopeCounts {
  all: number;
  /** Workflow rows per state. */
  states: { state: string; n: number }[];
  /** Open FBM orders without a workflow row yet (they show as new). */
  unseen: number;
  fba: number;
  exceptions: number;
  overdue: number;
  due24h: number;
}

type Scope = Pick<ListFilter, 'storeId' | 'marketplaceIds' | 'search'>;

/**
 * The chip counts as small indexed counts: per state from the workflow table (joined to orders only when the scope
 * needs it), the rest through the same filters as the list. `now` and `in24h` are ISO instants.
 */
/** Open FBM orders the warehouse still has to ship whose ship-by is before the bound cutoff. */
const AWAITING_BEFORE_SUM =
  "sum(case when o.fulfilled_by = 'MERCHANT' and o.status in ('UNSHIPPED', 'PARTIALLY_SHIPPED') and (w.state is null or w.state not in ('shipped', 'delivered', 'cancelled')) and o.ship_by_latest < ? then 1 else 0 end)";

/**
 * Every chip of a scoped view (a store, marketplaces, a search) in one pass over the orders in scope: a search's
 * matching set is then resolved once instead of once per chip, and a store is read once instead of eight times.
 */
async function scopeCountsOnePass(db: Queryable, f: Scope, now: string, in24h: string): Promise<ScopeCounts> {
  const q = filtered(db, f, { joinWorkflow: true })
    .select('w.state')
    .count({ n: '*' })
    .select(
      db.raw("sum(case when o.fulfilled_by = 'MERCHANT' and o.status in ('UNSHIPPED', 'PARTIALLY_SHIPPED') and w.order_id is null then 1 else 0 end) as unseen"),
      db.raw("sum(case when o.fulfilled_by = 'AMAZON' then 1 else 0 end) as fba"),
      db.raw('sum(case when exists (select 1 from order_exceptions e where e.order_id = o.id and e.resolved_at is null) then 1 else 0 end) as exceptions'),
      db.raw(AWAITING_BEFORE_SUM + ' as overdue', [now]),
      db.raw(AWAITING_BEFORE_SUM + ' as due24h', [in24h]),
    )
    .groupBy('w.state');
  const rows = (await q) as { state: string | null; n: number | string; unseen: number | string | null; fba: number | string | null; exceptions: number | string | null; overdue: number | string | null; due24h: number | string | null }[];
  const total = (k: 'n' | 'unseen' | 'fba' | 'exceptions' | 'overdue' | 'due24h') => rows.reduce((sum, r) => sum + Number(r[k] ?? 0), 0);
  return {
    all: total('n'),
    states: rows.filter((r): r is typeof r & { state: string } => r.state !== null).map((r) => ({ state: r.state, n: Number(r.n) })),
    unseen: total('unseen'),
    fba: total('fba'),
    exceptions: total('exceptions'),
    overdue: total('overdue'),
    due24h: total('due24h'),
  };
}

/**
 * The chips over the whole table, or a whole store, are cheapest as separate index-only counts; a search or a few
 * marketplaces narrows the rows enough that reading them once wins (measured at 100,000 orders: 8–12× for a search).
 */
export async function scopeCounts(db: Queryable, f: Scope, now: string, in24h: string): Promise<ScopeCounts> {
  if (f.search !== undefined || f.marketplaceIds?.length) return scopeCountsOnePass(db, f, now, in24h);
  const scoped = f.storeId !== undefined;
  const stateQuery = scoped
    ? filtered(db, f, { joinWorkflow: false }).join('order_workflow as w', 'w.order_id', 'o.id').select('w.state').count({ n: '*' }).groupBy('w.state')
    : db('order_workflow as w').select('w.state').count({ n: '*' }).groupBy('w.state');
  const states = (await stateQuery) as { state: string; n: number | string }[];
  const all = await countOrdersMatching(db, f);
  const unseen = await countOrdersMatching(db, { ...f, workflowMissing: true });
  const fba = await countOrdersMatching(db, { ...f, fulfilledBy: 'AMAZON' });
  const exceptions = scoped
    ? // Open exceptions are few: read them first and look their orders up (CROSS JOIN fixes that order in SQLite and
      // means the same as the inner join in PostgreSQL), instead of scanning a whole store for the few that have one.
      Number(
        (
          await applyFilter(db, db('order_exceptions as e').joinRaw('CROSS JOIN ??', ['orders as o']).whereRaw('?? = ??', ['o.id', 'e.order_id']).whereNull('e.resolved_at'), f, { joinWorkflow: false })
            .countDistinct<{ n: number }[]>({ n: 'e.order_id' })
        )[0]?.n ?? 0,
      )
    : await countOrdersMatching(db, { ...f, exceptionsOnly: true });
  const overdue = await countOrdersMatching(db, { ...f, shipByBefore: [{ marketplaceIds: null, before: now }] });
  const due24h = await countOrdersMatching(db, { ...f, shipByBefore: [{ marketplaceIds: null, before: in24h }] });
  return { all, states: states.map((r) => ({ state: r.state, n: Number(r.n) })), unseen, fba, exceptions, overdue, due24h };
}

/* ---- one order ---- */

export interface DetailOrderRow extends ListRow {
  store_name: string;
  service_level: string | null;
  deliver_by_latest: string | null;
  last_updated_time: string;
  ship_country: string | null;
  recipient_enc: string | null;
  pii_purged_at: string | null;
}

export async function findOrderForDetail(db: Queryable, id: string): Promise<DetailOrderRow | undefined> {
  return db('orders as o')
    .join('stores as s', 's.id', 'o.store_id')
    .where('o.id', id)
    .first<DetailOrderRow | undefined>(
      'o.id',
      'o.store_id',
      's.name as store_name',
      'o.marketplace_id',
      'o.status',
      'o.fulfilled_by',
      'o.created_time',
      'o.ship_by_latest',
      'o.grand_total_minor',
      'o.currency',
      'o.service_level',
      'o.deliver_by_latest',
      'o.last_updated_time',
      'o.ship_country',
      'o.recipient_enc',
      'o.pii_purged_at',
    );
}

export async function orderDetailParts(db: Queryable, id: string) {
  const [items, amazonPackages, localPackages, history, workflow, exceptions] = await Promise.all([
    db('order_items')
      .where({ order_id: id })
      .orderBy('order_item_id')
      .select<{ order_item_id: string; seller_sku: string | null; asin: string | null; title: string | null; quantity_ordered: number; quantity_shipped: number; unit_price_minor: number | null; currency: string | null }[]>(
        'order_item_id',
        'seller_sku',
        'asin',
        'title',
        'quantity_ordered',
        'quantity_shipped',
        'unit_price_minor',
        'currency',
      ),
    db('order_packages')
      .where({ order_id: id })
      .orderBy('package_reference_id')
      .select<{ package_reference_id: string; carrier: string | null; tracking_number: string | null; ship_time: string | null }[]>('package_reference_id', 'carrier', 'tracking_number', 'ship_time'),
    db('local_shipments as l')
      .leftJoin('outbox as x', 'x.seq', 'l.outbox_seq')
      .where('l.order_id', id)
      .orderBy('l.id')
      .select<{ package_reference_id: string; carrier_code: string; carrier_name: string | null; tracking_number: string; ship_date: string; status: string | null }[]>(
        'l.package_reference_id',
        'l.carrier_code',
        'l.carrier_name',
        'l.tracking_number',
        'l.ship_date',
        'x.status',
      ),
    db('order_status_history').where({ order_id: id }).orderBy('id').select<{ from_status: string | null; to_status: string; changed_at: string }[]>('from_status', 'to_status', 'changed_at'),
    db('order_workflow as w')
      .leftJoin('warehouses as h', 'h.id', 'w.warehouse_id')
      .leftJoin('waves as v', 'v.id', 'w.wave_id')
      .where('w.order_id', id)
      .first<
        | {
            state: string;
            version: number;
            warehouse_code: string | null;
            carrier_code: string | null;
            carrier_name: string | null;
            shipping_service: string | null;
            wave_number: string | null;
            tote: string | null;
            weight_g: number | null;
            state_changed_at: string;
          }
        | undefined
      >('w.state', 'w.version', 'h.code as warehouse_code', 'w.carrier_code', 'w.carrier_name', 'w.shipping_service', 'v.number as wave_number', 'w.tote', 'w.weight_g', 'w.state_changed_at'),
    db('order_exceptions')
      .where({ order_id: id })
      .orderBy('id')
      .select<{ id: number; reason_code: string; params_json: string | null; raised_at: string; resolved_at: string | null; resolution: string | null }[]>(
        'id',
        'reason_code',
        'params_json',
        'raised_at',
        'resolved_at',
        'resolution',
      ),
  ]);
  return { items, amazonPackages, localPackages, history, workflow, exceptions };
}

/* ---- the name blind index ---- */

export async function deleteSearchTokens(db: Queryable, orderIds: readonly string[]): Promise<void> {
  for (const part of chunks(orderIds)) await db('order_search_tokens').whereIn('order_id', part).delete();
}

export async function deleteAllSearchTokens(db: Queryable): Promise<void> {
  await db('order_search_tokens').delete();
}

export async function insertSearchTokens(db: Queryable, rows: readonly { order_id: string; token_hash: string }[]): Promise<void> {
  for (const part of chunks(rows)) await db('order_search_tokens').insert(part).onConflict(['order_id', 'token_hash']).ignore();
}

/** Hashes go with the PII they were made from: run in the purge's transaction. */
export async function deletePurgedSearchTokens(db: Queryable): Promise<number> {
  return db('order_search_tokens').whereIn('order_id', db('orders').select('id').whereNotNull('pii_purged_at')).delete();
}

/** Orders that still hold sealed PII but no index rows yet (stored before the index existed), a batch at a time. */
export async function ordersMissingSearchTokens(db: Queryable, afterId: string, limit: number): Promise<{ id: string; buyer_enc: string | null; recipient_enc: string | null }[]> {
  return db('orders as o')
    .whereNull('o.pii_purged_at')
    .where((w) => w.whereNotNull('o.buyer_enc').orWhereNotNull('o.recipient_enc'))
    .where('o.id', '>', afterId)
    .whereNotExists((t) => t.select(db.raw('1')).from('order_search_tokens as t').whereRaw('?? = ??', ['t.order_id', 'o.id']))
    .orderBy('o.id')
    .limit(limit)
    .select('o.id', 'o.buyer_enc', 'o.recipient_enc');
}
