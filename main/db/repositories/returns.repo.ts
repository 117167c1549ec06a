import type { Knex } from 'knex';
import type { Queryable } from '../connection';

export interface ReturnRow {
  id: number;
  rma_number: string;
  order_id: string | null;
  status: string;
  reason: string | null;
  refund_minor: number | null;
  currency: string | null;
  warehouse_id: number | null;
  warehouse_code: string | null;
  source_kind: string | null;
  source_code: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  received_at: string | null;
  inspected_at: string | null;
  closed_at: string | null;
  refunded_at: string | null;
}

export interface ReturnLineRow {
  id: number;
  return_id: number;
  product_id: number;
  sku: string;
  name: string;
  kind: string;
  order_item_id: string | null;
  quantity: number;
  received_quantity: number;
  reason_code: string | null;
}

export interface DispositionRow {
  return_line_id: number;
  disposition: string;
  quantity: number;
  warehouse_code: string | null;
  supplier_name: string | null;
  reason: string | null;
  note: string | null;
  unit_cost_minor: number | null;
  cost_currency: string | null;
}

export interface OrderForReturnRow {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  fulfilled_by: string | null;
  created_time: string;
  currency: string | null;
  grand_total_minor: number | null;
}

export interface OrderItemForReturnRow {
  order_id: string;
  order_item_id: string;
  seller_sku: string | null;
  title: string | null;
  quantity_shipped: number;
  product_id: number | null;
  product_sku: string | null;
  product_name: string | null;
}

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number));
/** SQLite binds at most 999 variables per statement. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const headColumns = [
  'r.id',
  'r.rma_number',
  'r.order_id',
  'r.status',
  'r.reason',
  'r.refund_minor',
  'r.currency',
  'r.warehouse_id',
  'w.code as warehouse_code',
  'r.source_kind',
  'r.source_code',
  'r.note',
  'r.created_by',
  'r.created_at',
  'r.updated_at',
  'r.received_at',
  'r.inspected_at',
  'r.closed_at',
  'r.refunded_at',
];

const heads = (db: Queryable) => db('returns as r').leftJoin('warehouses as w', 'w.id', 'r.warehouse_id');

export async function findReturn(db: Queryable, id: number): Promise<ReturnRow | undefined> {
  return heads(db).where('r.id', id).first<ReturnRow | undefined>(headColumns);
}

export async function findReturnByRma(db: Queryable, rmaNumber: string): Promise<ReturnRow | undefined> {
  return heads(db).whereRaw('upper(r.rma_number) = ?', [rmaNumber.toUpperCase()]).first<ReturnRow | undefined>(headColumns);
}

export async function rmaNumbersWithPrefix(db: Queryable, prefix: string): Promise<string[]> {
  return db('returns').where('rma_number', 'like', `${prefix}%`).pluck<string[]>('rma_number');
}

export async function insertReturn(
  db: Queryable,
  r: { rma_number: string; order_id: string | null; reason: string; currency: string | null; warehouse_id: number | null; source_kind: string | null; source_code: string | null; note: string | null; created_by: string; now: string },
): Promise<number> {
  const { now, ...fields } = r;
  const [row] = await db('returns').insert({ ...fields, status: 'open', created_at: now, updated_at: now }, ['id']);
  return insertedId(row);
}

export async function insertReturnLines(db: Queryable, returnId: number, lines: readonly { product_id: number; order_item_id: string | null; quantity: number; reason_code: string | null }[]): Promise<void> {
  await db('return_lines').insert(lines.map((l) => ({ ...l, return_id: returnId, received_quantity: 0 })));
}

export async function updateReturn(db: Queryable, id: number, patch: Record<string, string | number | null>): Promise<void> {
  await db('returns').where({ id }).update(patch);
}

export async function setLineReceived(db: Queryable, lineId: number, receivedQuantity: number): Promise<void> {
  await db('return_lines').where({ id: lineId }).update({ received_quantity: receivedQuantity });
}

export async function setLineInspection(db: Queryable, lineId: number, f: { disposition: string | null; warehouse_id: number | null; inspection_note: string | null }): Promise<void> {
  await db('return_lines').where({ id: lineId }).update(f);
}

export async function insertDispositions(
  db: Queryable,
  rows: readonly { return_line_id: number; disposition: string; quantity: number; warehouse_id: number | null; supplier_id: number | null; reason: string | null; note: string | null; unit_cost_minor: number | null; cost_currency: string | null; created_by: string; created_at: string }[],
): Promise<void> {
  if (rows.length > 0) await db('return_dispositions').insert(rows);
}

export async function returnLines(db: Queryable, returnId: number): Promise<ReturnLineRow[]> {
  return db('return_lines as l')
    .join('products as p', 'p.id', 'l.product_id')
    .where('l.return_id', returnId)
    .orderBy('l.id')
    .select<ReturnLineRow[]>('l.id', 'l.return_id', 'l.product_id', 'p.sku', 'p.name', 'p.kind', 'l.order_item_id', 'l.quantity', 'l.received_quantity', 'l.reason_code');
}

export async function dispositionsOf(db: Queryable, lineIds: readonly number[]): Promise<DispositionRow[]> {
  const out: DispositionRow[] = [];
  for (const part of chunks(lineIds)) {
    out.push(
      ...(await db('return_dispositions as d')
        .leftJoin('warehouses as w', 'w.id', 'd.warehouse_id')
        .leftJoin('suppliers as s', 's.id', 'd.supplier_id')
        .whereIn('d.return_line_id', part)
        .orderBy('d.id')
        .select<DispositionRow[]>('d.return_line_id', 'd.disposition', 'd.quantity', 'w.code as warehouse_code', 's.name as supplier_name', 'd.reason', 'd.note', 'd.unit_cost_minor', 'd.cost_currency')),
    );
  }
  return out;
}

export async function scanCodesOf(db: Queryable, productIds: readonly number[]): Promise<{ product_id: number; code: string; units: number }[]> {
  if (productIds.length === 0) return [];
  return db('product_codes').whereIn('product_id', [...new Set(productIds)]).orderBy('id').select('product_id', 'code', 'units');
}

/** The return list, newest first; `search` matches the start of an RMA number or order id. */
export async function pageReturns(db: Queryable, q: { status?: string; search?: string; limit: number; offset: number }): Promise<{ rows: (ReturnRow & { units: number; received_units: number })[]; total: number }> {
  const filtered = () => {
    const query = db('returns as r');
    if (q.status) query.where('r.status', q.status);
    if (q.search) query.where((w) => w.where('r.rma_number', 'like', `${q.search?.toUpperCase()}%`).orWhere('r.order_id', 'like', `${q.search}%`));
    return query;
  };
  const [{ n }] = (await filtered().count({ n: '*' })) as [{ n: number | string }];
  const rows = await filtered()
    .leftJoin('warehouses as w', 'w.id', 'r.warehouse_id')
    .leftJoin(db('return_lines').groupBy('return_id').select('return_id', db.raw('sum(quantity) as units'), db.raw('sum(received_quantity) as received_units')).as('t'), 't.return_id', 'r.id')
    .orderBy('r.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .select<(ReturnRow & { units: number; received_units: number })[]>([...headColumns, 't.units', 't.received_units']);
  return { rows, total: Number(n) };
}

export async function returnsOfOrders(db: Queryable, orderIds: readonly string[]): Promise<Pick<ReturnRow, 'id' | 'rma_number' | 'order_id' | 'status' | 'refund_minor' | 'currency'>[]> {
  if (orderIds.length === 0) return [];
  return db('returns').whereIn('order_id', [...new Set(orderIds)]).orderBy('id').select('id', 'rma_number', 'order_id', 'status', 'refund_minor', 'currency');
}

/** Units of each order line already on a return: what an open return expects, what a finished one actually got back. */
export async function returnedPerItem(db: Queryable, orderId: string): Promise<Map<string, number>> {
  const rows = await db('return_lines as l')
    .join('returns as r', 'r.id', 'l.return_id')
    .where('r.order_id', orderId)
    .whereNotNull('l.order_item_id')
    .select<{ order_item_id: string; status: string; quantity: number; received_quantity: number }[]>('l.order_item_id', 'r.status', 'l.quantity', 'l.received_quantity');
  const out = new Map<string, number>();
  for (const r of rows) {
    const committed = r.status === 'open' || r.status === 'received' ? Math.max(r.quantity, r.received_quantity) : r.received_quantity;
    out.set(r.order_item_id, (out.get(r.order_item_id) ?? 0) + committed);
  }
  return out;
}

/** What the order's returns refunded so far, leaving out one return (the one being refunded). */
export async function refundedForOrder(db: Queryable, orderId: string, exceptReturnId?: number): Promise<number> {
  const q = db('returns').where({ order_id: orderId }).whereNotNull('refund_minor');
  if (exceptReturnId !== undefined) q.whereNot('id', exceptReturnId);
  const row = (await q.sum({ total: 'refund_minor' }).first()) as { total: number | string | null } | undefined;
  return Number(row?.total ?? 0);
}

const orderColumns = ['o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'o.fulfilled_by', 'o.created_time', 'o.currency', 'o.grand_total_minor'];

export async function orderForReturn(db: Queryable, orderId: string): Promise<OrderForReturnRow | undefined> {
  return db('orders as o').where('o.id', orderId).first<OrderForReturnRow | undefined>(orderColumns);
}

export async function ordersForReturn(db: Queryable, orderIds: readonly string[]): Promise<OrderForReturnRow[]> {
  if (orderIds.length === 0) return [];
  return db('orders as o').whereIn('o.id', [...new Set(orderIds)]).select<OrderForReturnRow[]>(orderColumns);
}

/** Order lines with the product their seller SKU is mapped to on the order's marketplace (null while unmapped). */
export async function orderItemsForReturn(db: Queryable, orderIds: readonly string[]): Promise<OrderItemForReturnRow[]> {
  if (orderIds.length === 0) return [];
  return db('order_items as i')
    .join('orders as o', 'o.id', 'i.order_id')
    .leftJoin('product_listings as pl', (j) => j.on('pl.store_id', 'o.store_id').andOn('pl.marketplace_id', 'o.marketplace_id').andOn('pl.seller_sku', 'i.seller_sku'))
    .leftJoin('products as p', 'p.id', 'pl.product_id')
    .whereIn('i.order_id', [...new Set(orderIds)])
    .orderBy([{ column: 'i.order_id' }, { column: 'i.order_item_id' }])
    .select<OrderItemForReturnRow[]>('i.order_id', 'i.order_item_id', 'i.seller_sku', 'i.title', 'i.quantity_shipped', 'pl.product_id', 'p.sku as product_sku', 'p.name as product_name');
}

/** Units shipped per order line by confirmations made here (Amazon's own count may lag behind them). */
export async function locallyShipped(db: Queryable, orderIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (orderIds.length === 0) return out;
  const rows = await db('local_shipments').whereIn('order_id', [...new Set(orderIds)]).select<{ order_id: string; items_json: string }[]>('order_id', 'items_json');
  for (const r of rows) {
    const perItem = out.get(r.order_id) ?? new Map<string, number>();
    for (const i of JSON.parse(r.items_json) as { orderItemId: string; quantity: number }[]) perItem.set(i.orderItemId, (perItem.get(i.orderItemId) ?? 0) + i.quantity);
    out.set(r.order_id, perItem);
  }
  return out;
}

export async function trackingNumbersOf(db: Queryable, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (orderIds.length === 0) return out;
  const ids = [...new Set(orderIds)];
  const local = await db('local_shipments').whereIn('order_id', ids).orderBy('id').select<{ order_id: string; tracking_number: string }[]>('order_id', 'tracking_number');
  const amazon = await db('order_packages').whereIn('order_id', ids).whereNotNull('tracking_number').select<{ order_id: string; tracking_number: string }[]>('order_id', 'tracking_number');
  for (const r of [...local, ...amazon]) {
    const list = out.get(r.order_id) ?? [];
    if (!list.includes(r.tracking_number)) list.push(r.tracking_number);
    out.set(r.order_id, list);
  }
  return out;
}

/** Orders whose parcel carried this tracking number, confirmed here or reported by Amazon. */
export async function ordersByTracking(db: Queryable, tracking: string): Promise<string[]> {
  const local = await db('local_shipments').where({ tracking_number: tracking }).pluck<string[]>('order_id');
  const amazon = await db('order_packages').where({ tracking_number: tracking }).pluck<string[]>('order_id');
  return [...new Set([...local, ...amazon])];
}

/**
 * Recent FBM orders that shipped something and hold this product (as the listing's product or as an allocated unit of
 * a bundle), newest first.
 */
export async function shippedOrdersWithProduct(db: Queryable, productId: number, limit: number): Promise<string[]> {
  const shipped = (q: Knex.QueryBuilder) =>
    q.where((w) =>
      w
        .whereIn('o.status', ['SHIPPED', 'PARTIALLY_SHIPPED'])
        .orWhereExists(db('local_shipments as s').whereRaw('s.order_id = o.id').select(db.raw('1')))
        .orWhereExists(db('order_packages as k').whereRaw('k.order_id = o.id').select(db.raw('1'))),
    );
  const byListing = db('orders as o')
    .join('order_items as i', 'i.order_id', 'o.id')
    .join('product_listings as pl', (j) => j.on('pl.store_id', 'o.store_id').andOn('pl.marketplace_id', 'o.marketplace_id').andOn('pl.seller_sku', 'i.seller_sku'))
    .where('pl.product_id', productId)
    .where('o.fulfilled_by', 'MERCHANT');
  const byAllocation = db('orders as o').join('order_allocations as a', 'a.order_id', 'o.id').where('a.product_id', productId).where('o.fulfilled_by', 'MERCHANT');
  const rows = await db
    .select('id', 'created_time')
    .from(shipped(byListing).select('o.id', 'o.created_time').union(shipped(byAllocation).select('o.id', 'o.created_time')).as('m'))
    .orderBy('created_time', 'desc')
    .limit(limit);
  return (rows as { id: string }[]).map((r) => r.id);
}

/** The product's unit cost valid on `day` (YYYY-MM-DD): the latest dated row not after it. */
export async function unitCostOn(db: Queryable, productId: number, day: string): Promise<{ cost_minor: number; currency: string } | undefined> {
  return db('product_costs').where({ product_id: productId }).where('effective_date', '<=', day).orderBy('effective_date', 'desc').first<{ cost_minor: number; currency: string } | undefined>('cost_minor', 'currency');
}
