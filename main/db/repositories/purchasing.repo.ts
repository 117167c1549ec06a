import type { PurchaseOrderStatus } from '../../../shared/domain/purchasing';
import type { Queryable } from '../connection';

/** Keeps every IN (…) list far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number));

export interface PurchaseOrderRow {
  id: number;
  number: string;
  supplier_id: number;
  supplier_name: string;
  warehouse_id: number;
  warehouse_code: string;
  warehouse_name: string;
  currency: string;
  status: PurchaseOrderStatus;
  expected_date: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PurchaseOrderLineRow {
  id: number;
  purchase_order_id: number;
  product_id: number;
  sku: string;
  name: string;
  quantity: number;
  unit_cost_minor: number;
  received_quantity: number;
  rejected_quantity: number;
}

export interface PurchaseReceiptRow {
  id: number;
  purchase_order_line_id: number;
  product_id: number;
  sku: string;
  passed_quantity: number;
  failed_quantity: number;
  qc_note: string | null;
  received_by: string;
  received_at: string;
}

export interface SupplierFacts {
  id: number;
  name: string;
  currency: string;
  leadTimeDays: number;
}

/** What replenishment needs to know about a product: its supplier's lead time, its safety days and its case size. */
export interface ReplenishmentProduct {
  id: number;
  sku: string;
  name: string;
  kind: 'unit' | 'bundle';
  safetyDays: number | null;
  supplierId: number | null;
  supplierName: string | null;
  supplierCurrency: string | null;
  leadTimeDays: number | null;
  /** Units per case from the product's 'case' barcodes (the largest one); null without any. */
  caseUnits: number | null;
}

const headColumns = [
  'po.id',
  'po.number',
  'po.supplier_id',
  's.name as supplier_name',
  'po.warehouse_id',
  'w.code as warehouse_code',
  'w.name as warehouse_name',
  'po.currency',
  'po.status',
  'po.expected_date',
  'po.note',
  'po.created_by',
  'po.created_at',
  'po.updated_at',
];

const heads = (db: Queryable) =>
  db('purchase_orders as po').join('suppliers as s', 's.id', 'po.supplier_id').join('warehouses as w', 'w.id', 'po.warehouse_id');

export async function findSupplier(db: Queryable, id: number): Promise<SupplierFacts | undefined> {
  const row = await db('suppliers').where({ id }).first<{ id: number; name: string; currency: string; lead_time_days: number } | undefined>('id', 'name', 'currency', 'lead_time_days');
  return row ? { id: row.id, name: row.name, currency: row.currency, leadTimeDays: Number(row.lead_time_days) } : undefined;
}

export async function replenishmentProducts(db: Queryable, ids?: readonly number[]): Promise<Map<number, ReplenishmentProduct>> {
  const base = () =>
    db('products as p')
      .leftJoin('suppliers as s', 's.id', 'p.supplier_id')
      .select<
        { id: number; sku: string; name: string; kind: 'unit' | 'bundle'; safety_days: number | null; supplier_id: number | null; supplier_name: string | null; currency: string | null; lead_time_days: number | null; case_units: number | null }[]
      >('p.id', 'p.sku', 'p.name', 'p.kind', 'p.safety_days', 'p.supplier_id', 's.name as supplier_name', 's.currency', 's.lead_time_days')
      .select(db('product_codes as c').max('c.units').whereRaw('?? = ??', ['c.product_id', 'p.id']).where('c.kind', 'case').as('case_units'));
  const rows = ids ? (await Promise.all(chunks([...new Set(ids)]).map((part) => base().whereIn('p.id', part)))).flat() : await base();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        sku: r.sku,
        name: r.name,
        kind: r.kind,
        safetyDays: r.safety_days === null ? null : Number(r.safety_days),
        supplierId: r.supplier_id,
        supplierName: r.supplier_name,
        supplierCurrency: r.currency,
        leadTimeDays: r.lead_time_days === null ? null : Number(r.lead_time_days),
        caseUnits: r.case_units === null ? null : Number(r.case_units),
      },
    ]),
  );
}

export async function warehouseCodes(db: Queryable): Promise<Map<number, string>> {
  const rows = await db('warehouses').select<{ id: number; code: string }[]>('id', 'code');
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The latest cost per product in one currency, effective on or before `onDate` (YYYY-MM-DD). */
export async function latestCosts(db: Queryable, productIds: readonly number[], currency: string, onDate: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks([...new Set(productIds)])) {
    const rows = await db('product_costs')
      .whereIn('product_id', part)
      .where({ currency })
      .where('effective_date', '<=', onDate)
      .orderBy([{ column: 'product_id' }, { column: 'effective_date', order: 'desc' }])
      .select<{ product_id: number; cost_minor: number | string }[]>('product_id', 'cost_minor');
    for (const r of rows) if (!out.has(r.product_id)) out.set(r.product_id, Number(r.cost_minor));
  }
  return out;
}

/**
 * One row per sold order item since `since`, excluding cancelled orders, resolved to the product the listing maps to
 * and both candidate places: the store × region FBA warehouse and the listing's FBM warehouse. The caller picks by
 * who fulfils the order.
 */
export async function salesSince(
  db: Queryable,
  since: string,
): Promise<{ productId: number; kind: 'unit' | 'bundle'; quantity: number; createdTime: string; fulfilledBy: string | null; fbaWarehouseId: number | null; fbmWarehouseId: number | null }[]> {
  const rows = await db('order_items as oi')
    .join('orders as o', 'o.id', 'oi.order_id')
    .join('product_listings as pl', (j) => j.on('pl.store_id', 'o.store_id').andOn('pl.marketplace_id', 'o.marketplace_id').andOn('pl.seller_sku', 'oi.seller_sku'))
    .join('products as p', 'p.id', 'pl.product_id')
    .join('marketplaces as m', 'm.id', 'o.marketplace_id')
    .leftJoin('warehouses as fw', (j) => j.on('fw.store_id', 'o.store_id').andOn('fw.region', 'm.region').andOnVal('fw.kind', '=', 'fba'))
    .whereNot('o.status', 'CANCELLED')
    .where('o.created_time', '>=', since)
    .where('oi.quantity_ordered', '>', 0)
    .select<
      { product_id: number; kind: 'unit' | 'bundle'; quantity: number; created_time: string; fulfilled_by: string | null; fba_warehouse_id: number | null; fbm_warehouse_id: number | null }[]
    >('pl.product_id', 'p.kind', 'oi.quantity_ordered as quantity', 'o.created_time', 'o.fulfilled_by', 'fw.id as fba_warehouse_id', 'pl.fbm_warehouse_id');
  return rows.map((r) => ({
    productId: r.product_id,
    kind: r.kind,
    quantity: Number(r.quantity),
    createdTime: r.created_time,
    fulfilledBy: r.fulfilled_by,
    fbaWarehouseId: r.fba_warehouse_id,
    fbmWarehouseId: r.fbm_warehouse_id,
  }));
}

/** Units still to arrive per product × warehouse on POs that are not received or cancelled. */
export async function openOrderQuantities(db: Queryable, statuses: readonly PurchaseOrderStatus[]): Promise<{ productId: number; warehouseId: number; open: number }[]> {
  const rows = await db('purchase_order_lines as l')
    .join('purchase_orders as po', 'po.id', 'l.purchase_order_id')
    .whereIn('po.status', [...statuses])
    .groupBy('l.product_id', 'po.warehouse_id')
    .select('l.product_id', 'po.warehouse_id', db.raw('sum(?? - ?? - ??) as ??', ['l.quantity', 'l.received_quantity', 'l.rejected_quantity', 'open']));
  return (rows as { product_id: number; warehouse_id: number; open: number | string }[]).map((r) => ({ productId: r.product_id, warehouseId: r.warehouse_id, open: Number(r.open) }));
}

/** On-hand per product × warehouse from ledger rows strictly before `before` (the opening balance of a window). */
export async function onHandBefore(db: Queryable, before: string, filter: { warehouseId?: number } = {}): Promise<{ productId: number; warehouseId: number; onHand: number }[]> {
  const q = db('stock_movements').where('created_at', '<', before);
  if (filter.warehouseId !== undefined) q.where('warehouse_id', filter.warehouseId);
  const rows = await q.groupBy('product_id', 'warehouse_id').select('product_id', 'warehouse_id').sum({ on_hand: 'on_hand_delta' });
  return (rows as { product_id: number; warehouse_id: number; on_hand: number | string }[]).map((r) => ({ productId: r.product_id, warehouseId: r.warehouse_id, onHand: Number(r.on_hand) }));
}

/** The on-hand changes from `since` on, oldest first. */
export async function onHandMovementsSince(db: Queryable, since: string, filter: { warehouseId?: number } = {}): Promise<{ productId: number; warehouseId: number; delta: number; at: string }[]> {
  const q = db('stock_movements');
  if (filter.warehouseId !== undefined) q.where('warehouse_id', filter.warehouseId);
  const rows = await q
    .where('created_at', '>=', since)
    .whereNot('on_hand_delta', 0)
    .orderBy('id')
    .select<{ product_id: number; warehouse_id: number; on_hand_delta: number; created_at: string }[]>('product_id', 'warehouse_id', 'on_hand_delta', 'created_at');
  return rows.map((r) => ({ productId: r.product_id, warehouseId: r.warehouse_id, delta: Number(r.on_hand_delta), at: r.created_at }));
}

export async function insertPurchaseOrder(
  db: Queryable,
  po: { number: string; supplierId: number; warehouseId: number; currency: string; expectedDate: string | null; note: string | null; createdBy: string; now: string },
): Promise<number> {
  const [row] = await db('purchase_orders').insert(
    {
      number: po.number,
      supplier_id: po.supplierId,
      warehouse_id: po.warehouseId,
      currency: po.currency,
      status: 'draft',
      expected_date: po.expectedDate,
      note: po.note,
      created_by: po.createdBy,
      created_at: po.now,
      updated_at: po.now,
    },
    ['id'],
  );
  return insertedId(row);
}

export async function insertPurchaseOrderLines(db: Queryable, purchaseOrderId: number, lines: readonly { productId: number; quantity: number; unitCostMinor: number }[]): Promise<void> {
  for (const part of chunks(lines)) {
    await db('purchase_order_lines').insert(part.map((l) => ({ purchase_order_id: purchaseOrderId, product_id: l.productId, quantity: l.quantity, unit_cost_minor: l.unitCostMinor })));
  }
}

/** PO numbers already used with this prefix (one day's numbers), to pick the next sequence. */
export async function numbersWithPrefix(db: Queryable, prefix: string): Promise<string[]> {
  return db('purchase_orders').where('number', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`).pluck<string[]>('number');
}

export async function findPurchaseOrderRow(db: Queryable, id: number): Promise<PurchaseOrderRow | undefined> {
  return heads(db).where('po.id', id).first<PurchaseOrderRow | undefined>(headColumns);
}

export async function purchaseOrderLines(db: Queryable, purchaseOrderIds: readonly number[]): Promise<PurchaseOrderLineRow[]> {
  const out: PurchaseOrderLineRow[] = [];
  for (const part of chunks([...new Set(purchaseOrderIds)])) {
    const rows = await db('purchase_order_lines as l')
      .join('products as p', 'p.id', 'l.product_id')
      .whereIn('l.purchase_order_id', part)
      .orderBy('l.id')
      .select<PurchaseOrderLineRow[]>('l.id', 'l.purchase_order_id', 'l.product_id', 'p.sku', 'p.name', 'l.quantity', 'l.unit_cost_minor', 'l.received_quantity', 'l.rejected_quantity');
    out.push(...rows.map((r) => ({ ...r, unit_cost_minor: Number(r.unit_cost_minor) })));
  }
  return out;
}

export async function purchaseReceipts(db: Queryable, purchaseOrderId: number): Promise<PurchaseReceiptRow[]> {
  return db('purchase_receipts as r')
    .join('purchase_order_lines as l', 'l.id', 'r.purchase_order_line_id')
    .join('products as p', 'p.id', 'l.product_id')
    .where('l.purchase_order_id', purchaseOrderId)
    .orderBy('r.id')
    .select<PurchaseReceiptRow[]>('r.id', 'r.purchase_order_line_id', 'l.product_id', 'p.sku', 'r.passed_quantity', 'r.failed_quantity', 'r.qc_note', 'r.received_by', 'r.received_at');
}

export async function setPurchaseOrderStatus(db: Queryable, id: number, status: PurchaseOrderStatus, now: string): Promise<void> {
  await db('purchase_orders').where({ id }).update({ status, updated_at: now });
}

/** Adds one delivery to a line's totals in SQL, so the totals stay the sum of the receipts. */
export async function recordReceipt(db: Queryable, r: { lineId: number; passed: number; failed: number; qcNote: string | null; receivedBy: string; receivedAt: string }): Promise<void> {
  await db('purchase_receipts').insert({ purchase_order_line_id: r.lineId, passed_quantity: r.passed, failed_quantity: r.failed, qc_note: r.qcNote, received_by: r.receivedBy, received_at: r.receivedAt });
  await db('purchase_order_lines')
    .where({ id: r.lineId })
    .update({
      received_quantity: db.raw('?? + ?', ['received_quantity', r.passed]),
      rejected_quantity: db.raw('?? + ?', ['rejected_quantity', r.failed]),
    });
}

export async function pagePurchaseOrders(db: Queryable, opts: { status?: PurchaseOrderStatus; supplierId?: number; limit: number; offset: number }): Promise<{ rows: PurchaseOrderRow[]; total: number }> {
  const filtered = () => {
    const q = heads(db);
    if (opts.status !== undefined) q.where('po.status', opts.status);
    if (opts.supplierId !== undefined) q.where('po.supplier_id', opts.supplierId);
    return q;
  };
  const counted = await filtered().count({ n: '*' }).first<{ n: number | string } | undefined>();
  const rows = await filtered()
    .select<PurchaseOrderRow[]>(headColumns)
    .orderBy([{ column: 'po.created_at', order: 'desc' }, { column: 'po.id', order: 'desc' }])
    .limit(opts.limit)
    .offset(opts.offset);
  return { rows, total: Number(counted?.n ?? 0) };
}
