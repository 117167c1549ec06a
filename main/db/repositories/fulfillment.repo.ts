import type {
  AllocationRule,
  AuditRuleCode,
  CarrierConditions,
  CarrierRule,
  ExceptionReason,
  ExceptionResolution,
  OrderException,
  OpenException,
  WorkflowState,
} from '../../../shared/domain/fulfillment';
import type { Queryable } from '../connection';

/** Keeps every IN (…) list far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? Number((row as { id: number }).id) : Number(row));

// ---------------------------------------------------------------- workflow

export interface WorkflowRow {
  order_id: string;
  state: WorkflowState;
  warehouse_id: number | null;
  carrier_code: string | null;
  carrier_name: string | null;
  shipping_service: string | null;
  label_template: string | null;
  wave_id: number | null;
  tote: string | null;
  weight_g: number | null;
  version: number;
  state_changed_at: string;
  updated_at: string;
  buyer_hash: string | null;
  address_hash: string | null;
}

export async function getWorkflowRow(db: Queryable, orderId: string): Promise<WorkflowRow | undefined> {
  return db<WorkflowRow>('order_workflow').where({ order_id: orderId }).first();
}

export async function workflowIds(db: Queryable, orderIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(orderIds)])) for (const id of await db('order_workflow').whereIn('order_id', part).pluck<string[]>('order_id')) out.add(id);
  return out;
}

export async function insertWorkflow(db: Queryable, orderId: string, now: string): Promise<void> {
  await db('order_workflow').insert({ order_id: orderId, state: 'new', version: 1, state_changed_at: now, updated_at: now });
}

export type WorkflowPatch = Partial<Omit<WorkflowRow, 'order_id' | 'version'>>;

/** Applies the patch only if nobody moved the order since `version` was read; bumps the version. Returns whether it did. */
export async function updateWorkflow(db: Queryable, orderId: string, version: number, patch: WorkflowPatch): Promise<boolean> {
  const n = await db('order_workflow')
    .where({ order_id: orderId, version })
    .update({ ...patch, version: version + 1 });
  return n === 1;
}

// ---------------------------------------------------------------- orders as fulfilment sees them

export interface OrderHeadRow {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  fulfilled_by: string | null;
  service_level: string | null;
  created_time: string;
  ship_by_latest: string | null;
  programs_json: string | null;
  currency: string | null;
  grand_total_minor: number | null;
  ship_country: string | null;
  buyer_enc: string | null;
  recipient_enc: string | null;
}

export async function orderHeads(db: Queryable, ids: readonly string[]): Promise<Map<string, OrderHeadRow>> {
  const out = new Map<string, OrderHeadRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db('orders')
      .whereIn('id', part)
      .select<OrderHeadRow[]>('id', 'store_id', 'marketplace_id', 'status', 'fulfilled_by', 'service_level', 'created_time', 'ship_by_latest', 'programs_json', 'currency', 'grand_total_minor', 'ship_country', 'buyer_enc', 'recipient_enc');
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export interface OrderLineRow {
  order_item_id: string;
  seller_sku: string | null;
  quantity_ordered: number;
  quantity_shipped: number;
  quantity_cancelled: number;
}

export async function orderLines(db: Queryable, orderId: string): Promise<OrderLineRow[]> {
  return db('order_items').where({ order_id: orderId }).orderBy('order_item_id').select<OrderLineRow[]>('order_item_id', 'seller_sku', 'quantity_ordered', 'quantity_shipped', 'quantity_cancelled');
}

/** Units of a line the warehouse still owes the buyer. */
export const openQuantity = (l: Pick<OrderLineRow, 'quantity_ordered' | 'quantity_shipped' | 'quantity_cancelled'>): number => l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled;

/**
 * Products sold under these seller SKUs in a store: the marketplace's own mapping first; a SKU mapped only in another
 * marketplace of the same store (the same offer listed in US and CA) counts when it names one product.
 */
export async function productsForSellerSkus(db: Queryable, storeId: number, marketplaceId: string, sellerSkus: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks([...new Set(sellerSkus)])) {
    const rows = await db('product_listings')
      .where({ store_id: storeId })
      .whereIn('seller_sku', part)
      .select<{ marketplace_id: string; seller_sku: string; product_id: number }[]>('marketplace_id', 'seller_sku', 'product_id');
    for (const sku of part) {
      const mine = rows.filter((r) => r.seller_sku === sku);
      const exact = mine.find((r) => r.marketplace_id === marketplaceId);
      const others = new Set(mine.map((r) => r.product_id));
      if (exact) out.set(sku, exact.product_id);
      else if (others.size === 1) out.set(sku, [...others][0] as number);
    }
  }
  return out;
}

export interface ProductFactRow {
  id: number;
  sku: string;
  kind: 'unit' | 'bundle';
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  weight_g: number | null;
  allow_backorder: number | boolean;
}

export async function productFacts(db: Queryable, ids: readonly number[]): Promise<Map<number, ProductFactRow>> {
  const out = new Map<number, ProductFactRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db('products').whereIn('id', part).select<ProductFactRow[]>('id', 'sku', 'kind', 'length_mm', 'width_mm', 'height_mm', 'weight_g', 'allow_backorder');
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Warehouses an FBM order can ship from: the seller's own and overseas 3PLs in use, never an FBA pool. */
export async function allocatableWarehouses(db: Queryable): Promise<{ id: number; kind: 'domestic' | 'overseas' }[]> {
  return db('warehouses').whereIn('kind', ['domestic', 'overseas']).whereNull('archived_at').orderBy('id').select<{ id: number; kind: 'domestic' | 'overseas' }[]>('id', 'kind');
}

/** Available (on hand − reserved) per warehouse × product; pairs without a balance are absent (zero). */
export async function availableUnits(db: Queryable, productIds: readonly number[], warehouseIds: readonly number[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (warehouseIds.length === 0) return out;
  for (const part of chunks([...new Set(productIds)])) {
    const rows = await db('stock_levels')
      .whereIn('product_id', part)
      .whereIn('warehouse_id', [...warehouseIds])
      .select<{ product_id: number; warehouse_id: number; on_hand: number; reserved: number }[]>('product_id', 'warehouse_id', 'on_hand', 'reserved');
    for (const r of rows) out.set(`${r.warehouse_id}:${r.product_id}`, Number(r.on_hand) - Number(r.reserved));
  }
  return out;
}

export async function setPiiHashes(db: Queryable, orderId: string, hashes: { buyer: string | null; address: string | null }): Promise<void> {
  await db('order_workflow').where({ order_id: orderId }).update({ buyer_hash: hashes.buyer, address_hash: hashes.address });
}

/**
 * The earliest other live FBM order placed within `windowMs` of this one with the same buyer or address hash.
 * Cancelled orders are not duplicates: a buyer who cancels and orders again meant it.
 */
export async function findDuplicate(
  db: Queryable,
  q: { orderId: string; createdTime: string; windowMs: number; buyerHash: string | null; addressHash: string | null },
): Promise<{ orderId: string; match: 'buyer' | 'address' } | null> {
  if (!q.buyerHash && !q.addressHash) return null;
  const t = Date.parse(q.createdTime);
  const from = new Date(t - q.windowMs).toISOString();
  const to = new Date(t + q.windowMs).toISOString();
  const rows = await db('order_workflow as w')
    .join('orders as o', 'o.id', 'w.order_id')
    .whereNot('w.order_id', q.orderId)
    .whereNot('w.state', 'cancelled')
    .whereBetween('o.created_time', [from, to])
    .where((w) => {
      if (q.buyerHash) w.orWhere('w.buyer_hash', q.buyerHash);
      if (q.addressHash) w.orWhere('w.address_hash', q.addressHash);
    })
    .orderBy('o.created_time')
    .orderBy('w.order_id')
    .limit(1)
    .select<{ order_id: string; buyer_hash: string | null }[]>('w.order_id', 'w.buyer_hash');
  const hit = rows[0];
  if (!hit) return null;
  return { orderId: hit.order_id, match: q.buyerHash && hit.buyer_hash === q.buyerHash ? 'buyer' : 'address' };
}

// ---------------------------------------------------------------- exceptions

interface ExceptionRow {
  id: number;
  order_id: string;
  reason_code: ExceptionReason;
  params_json: string | null;
  raised_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: ExceptionResolution | null;
  note: string | null;
}

const toException = (r: ExceptionRow): OrderException => ({
  id: r.id,
  orderId: r.order_id,
  reasonCode: r.reason_code,
  params: r.params_json ? (JSON.parse(r.params_json) as Record<string, unknown>) : {},
  raisedAt: r.raised_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
  note: r.note,
});

export async function openExceptionsOf(db: Queryable, orderId: string): Promise<OrderException[]> {
  return (await db<ExceptionRow>('order_exceptions').where({ order_id: orderId }).whereNull('resolved_at').orderBy('id')).map(toException);
}

export async function getException(db: Queryable, id: number): Promise<OrderException | undefined> {
  const row = await db<ExceptionRow>('order_exceptions').where({ id }).first();
  return row ? toException(row) : undefined;
}

/** Reasons a person waved through for this order: later audits of it skip them. */
export async function overriddenReasons(db: Queryable, orderId: string): Promise<Set<ExceptionReason>> {
  return new Set(await db('order_exceptions').where({ order_id: orderId, resolution: 'overridden' }).pluck<ExceptionReason[]>('reason_code'));
}

export async function insertException(db: Queryable, e: { orderId: string; reasonCode: ExceptionReason; params: Record<string, unknown>; raisedAt: string }): Promise<number> {
  const [row] = await db('order_exceptions').insert({ order_id: e.orderId, reason_code: e.reasonCode, params_json: JSON.stringify(e.params), raised_at: e.raisedAt }, ['id']);
  return insertedId(row);
}

export async function updateExceptionParams(db: Queryable, id: number, params: Record<string, unknown>): Promise<void> {
  await db('order_exceptions').where({ id }).whereNull('resolved_at').update({ params_json: JSON.stringify(params) });
}

export async function resolveExceptions(db: Queryable, ids: readonly number[], r: { resolution: ExceptionResolution; by: string; at: string; note: string | null }): Promise<number> {
  let n = 0;
  for (const part of chunks(ids)) {
    n += await db('order_exceptions').whereIn('id', part).whereNull('resolved_at').update({ resolved_at: r.at, resolved_by: r.by, resolution: r.resolution, note: r.note });
  }
  return n;
}

export async function pageOpenExceptions(db: Queryable, q: { reason?: ExceptionReason; limit: number; offset: number }): Promise<{ rows: OpenException[]; total: number }> {
  const base = () => {
    const b = db('order_exceptions as e').join('order_workflow as w', 'w.order_id', 'e.order_id').join('orders as o', 'o.id', 'e.order_id').whereNull('e.resolved_at');
    if (q.reason) b.where('e.reason_code', q.reason);
    return b;
  };
  const counted = await base().count({ n: '*' }).first<{ n: number | string } | undefined>();
  // The oldest ship-by first: what is late soonest gets looked at first.
  const rows = await base()
    .select<(ExceptionRow & { marketplace_id: string; state: WorkflowState; version: number; ship_by_latest: string | null })[]>('e.*', 'o.marketplace_id', 'w.state', 'w.version', 'o.ship_by_latest')
    .orderByRaw('case when ?? is null then 1 else 0 end', ['o.ship_by_latest'])
    .orderBy('o.ship_by_latest')
    .orderBy('e.id')
    .limit(q.limit)
    .offset(q.offset);
  return {
    rows: rows.map((r) => ({ ...toException(r), marketplaceId: r.marketplace_id, state: r.state, version: r.version, shipByLatest: r.ship_by_latest })),
    total: Number(counted?.n ?? 0),
  };
}

export async function openCountsByReason(db: Queryable): Promise<Map<ExceptionReason, number>> {
  const rows = await db('order_exceptions').whereNull('resolved_at').select('reason_code').countDistinct({ n: 'order_id' }).groupBy('reason_code');
  return new Map((rows as { reason_code: ExceptionReason; n: number | string }[]).map((r) => [r.reason_code, Number(r.n)]));
}

// ---------------------------------------------------------------- rules

export async function auditRuleRows(db: Queryable): Promise<{ code: AuditRuleCode; enabled: boolean; params: unknown }[]> {
  const rows = await db('audit_rules').select<{ code: AuditRuleCode; enabled: number | boolean; params_json: string | null }[]>('code', 'enabled', 'params_json');
  return rows.map((r) => ({ code: r.code, enabled: Boolean(r.enabled), params: r.params_json ? (JSON.parse(r.params_json) as unknown) : {} }));
}

export async function putAuditRule(db: Queryable, rule: { code: AuditRuleCode; enabled: boolean; params: unknown }, now: string): Promise<void> {
  await db('audit_rules')
    .insert({ code: rule.code, enabled: rule.enabled, params_json: JSON.stringify(rule.params), updated_at: now })
    .onConflict('code')
    .merge(['enabled', 'params_json', 'updated_at']);
}

export async function allocationRuleRows(db: Queryable): Promise<AllocationRule[]> {
  const rows = await db('allocation_rules')
    .orderBy('priority')
    .orderBy('id')
    .select<{ id: number; priority: number; warehouse_id: number; countries_json: string | null; enabled: number | boolean }[]>('id', 'priority', 'warehouse_id', 'countries_json', 'enabled');
  return rows.map((r) => ({ id: r.id, priority: r.priority, warehouseId: r.warehouse_id, countries: r.countries_json ? (JSON.parse(r.countries_json) as string[]) : null, enabled: Boolean(r.enabled) }));
}

export async function replaceAllocationRules(db: Queryable, rules: readonly Omit<AllocationRule, 'id'>[]): Promise<void> {
  await db('allocation_rules').delete();
  for (const r of rules) await db('allocation_rules').insert({ priority: r.priority, warehouse_id: r.warehouseId, countries_json: r.countries ? JSON.stringify(r.countries) : null, enabled: r.enabled });
}

export async function carrierRuleRows(db: Queryable): Promise<CarrierRule[]> {
  const rows = await db('carrier_rules')
    .orderBy('priority')
    .orderBy('id')
    .select<
      { id: number; priority: number; name: string; conditions_json: string; carrier_code: string; carrier_name: string | null; shipping_service: string | null; label_template: string | null; enabled: number | boolean }[]
    >('id', 'priority', 'name', 'conditions_json', 'carrier_code', 'carrier_name', 'shipping_service', 'label_template', 'enabled');
  return rows.map((r) => ({
    id: r.id,
    priority: r.priority,
    name: r.name,
    conditions: JSON.parse(r.conditions_json) as CarrierConditions,
    carrierCode: r.carrier_code,
    carrierName: r.carrier_name,
    shippingService: r.shipping_service,
    labelTemplate: r.label_template,
    enabled: Boolean(r.enabled),
  }));
}

export async function replaceCarrierRules(db: Queryable, rules: readonly Omit<CarrierRule, 'id'>[]): Promise<void> {
  await db('carrier_rules').delete();
  for (const r of rules) {
    await db('carrier_rules').insert({
      priority: r.priority,
      name: r.name,
      conditions_json: JSON.stringify(r.conditions),
      carrier_code: r.carrierCode,
      carrier_name: r.carrierName,
      shipping_service: r.shippingService,
      label_template: r.labelTemplate,
      enabled: r.enabled,
    });
  }
}

// ---------------------------------------------------------------- allocations

export interface AllocationRow {
  order_id: string;
  order_item_id: string;
  package_no: number;
  warehouse_id: number;
  product_id: number;
  quantity: number;
}

export async function insertAllocations(db: Queryable, rows: readonly AllocationRow[]): Promise<void> {
  for (const part of chunks(rows)) await db('order_allocations').insert(part);
}

export async function deleteAllocations(db: Queryable, orderId: string): Promise<void> {
  await db('order_allocations').where({ order_id: orderId }).delete();
}

export async function allocationsOf(db: Queryable, orderId: string): Promise<AllocationRow[]> {
  return db('order_allocations').where({ order_id: orderId }).orderBy(['package_no', 'order_item_id', 'product_id']).select<AllocationRow[]>('*');
}
