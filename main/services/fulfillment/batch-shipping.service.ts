import type { Knex } from 'knex';
import { amazonCarriers, isAmazonCarrierCode, OTHER_CARRIER, validateTracking } from '../../../shared/carriers';
import type { Locale } from '../../../shared/domain/locale';
import type { AllocationPackage, WorkflowState } from '../../../shared/domain/fulfillment';
import { MAX_BATCH_ORDERS, type BatchConfirmRow, type BatchPreview, type BatchPreviewRow, type BatchRefusal, type BatchResult, type PackedOrder } from '../../../shared/ipc/channels/shipping';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { readSheet, type ImportFile } from '../catalog/import/catalog-import';
import { guardCell, normaliseHeader, unguard } from '../catalog/import/columns';
import type { SheetRecord } from '../catalog/import/csv';
import { packagesOf } from './fulfillment.service';
import { shipPackage, type ShipPackageDeps } from './ship-order';
import { transition } from './workflow';

export interface BatchShippingDeps extends ShipPackageDeps {
  db: Db;
  clock: Clock;
  actor: string;
  /** Called once after a batch shipped at least one order: the confirmations wait in the outbox. */
  onQueued: () => void;
}

type Column = 'orderId' | 'trackingNumber' | 'carrierCode' | 'carrierName' | 'shippingService';

/**
 * Headers carriers, freight forwarders (货代) and ERPs write, compared after `normaliseHeader`. Earlier entries win when a
 * file has several: a forwarder's file carries its own waybill (运单号) and the last-mile carrier's number (转单号), and
 * Amazon wants the one the buyer can track.
 */
const HEADERS: Record<Column, readonly string[]> = {
  orderId: ['订单号', '亚马逊订单号', '平台订单号', '订单编号', 'order-id', 'order id', 'amazon order id', 'order number', 'order no', '客户单号', '客户订单号', '参考号', 'reference', 'customer reference'],
  trackingNumber: ['追踪号', '跟踪号', 'tracking-number', 'tracking number', 'tracking no', 'tracking', 'tracking id', '转单号', '物流跟踪号', '运单号', '物流单号', '快递单号', 'waybill', 'waybill no', 'awb'],
  carrierCode: ['承运商代码', 'carrier-code', 'carrier code', '承运商', '物流商', '物流公司', '快递公司', 'carrier'],
  carrierName: ['承运商名称', '物流商名称', 'carrier-name', 'carrier name'],
  shippingService: ['运输方式', '物流渠道', '物流方式', '渠道', '配送服务', 'ship-method', 'shipping method', 'shipping service', 'service', 'method'],
};
const headerRank = new Map<string, { column: Column; rank: number }>();
for (const column of Object.keys(HEADERS) as Column[]) HEADERS[column].forEach((h, rank) => headerRank.set(normaliseHeader(h), { column, rank }));

/** The template's headers per language: the English ones are those of Amazon's own shipping-confirmation file. */
const TEMPLATE_HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['订单号', '承运商代码', '承运商名称', '运输方式', '追踪号', '重量(g)', '发货仓', '商品', '站点', '最晚发货(UTC)'],
  en: ['order-id', 'carrier-code', 'carrier-name', 'ship-method', 'tracking-number', 'weight-g', 'warehouse', 'items', 'marketplace', 'ship-by (UTC)'],
};
const TEMPLATE_NAME: Record<Locale, string> = { 'zh-CN': '批量发货', en: 'batch-ship' };

/** A title line or two above the header is common in forwarders' exports. */
const HEADER_SEARCH_ROWS = 10;
const MAX_SERVICE = 100;
const CHUNK = 500;

/** Spelling variants of Amazon's carriers ("ups", "Yun Express", "DHL Express") → the exact code Amazon matches. */
const carrierKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s._-]/g, '');
const carrierByKey = new Map<string, string>();
for (const c of amazonCarriers) {
  carrierByKey.set(carrierKey(c.name), c.code);
  carrierByKey.set(carrierKey(c.code), c.code);
}
function amazonCode(raw: string): string {
  return isAmazonCarrierCode(raw) ? raw : (carrierByKey.get(carrierKey(raw)) ?? raw);
}

/** A cell as people leave it: full-width characters from a Chinese IME, Excel's `="…"` and `'` text markers, spaces. */
function cleanCell(raw: string | undefined): string {
  let s = unguard((raw ?? '').normalize('NFKC').trim());
  const excelText = /^="(.*)"$/.exec(s);
  if (excelText) s = excelText[1] ?? '';
  if (s.startsWith("'")) s = s.slice(1);
  return s.trim();
}

/** Excel shows a long all-digit number as 1.23457E+11 and saves it that way: the digits are gone. */
const SCIENTIFIC = /^\d+(?:\.\d+)?E\+?\d+$/i;

interface Candidate {
  line: number | null;
  orderId: string;
  /** From the file or the call; null = take the order's carrier choice. */
  carrierCode: string | null;
  carrierName: string | null;
  shippingService: string | null;
  trackingNumber: string;
  unreadable?: boolean;
}

interface OrderFacts {
  id: string;
  status: string;
  fulfilled_by: string | null;
  state: WorkflowState | null;
  warehouse_id: number | null;
  carrier_code: string | null;
  carrier_name: string | null;
  shipping_service: string | null;
  weight_g: number | null;
}

interface Judged {
  row: Candidate;
  verdict: 'ok' | BatchRefusal;
  carrierCode: string | null;
  carrierName: string | null;
  shippingService: string | null;
  carrierFrom: 'file' | 'order' | null;
  state: string | null;
  otherOrderId: string | null;
  otherLine: number | null;
  order: OrderFacts | undefined;
}

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

async function orderFacts(q: Queryable, ids: string[]): Promise<Map<string, OrderFacts>> {
  const rows = await inChunks([...new Set(ids)], (chunk) =>
    q('orders as o')
      .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
      .whereIn('o.id', chunk)
      .select<OrderFacts[]>('o.id', 'o.status', 'o.fulfilled_by', 'w.state', 'w.warehouse_id', 'w.carrier_code', 'w.carrier_name', 'w.shipping_service', 'w.weight_g'),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Tracking numbers already on a package of some order, here or at Amazon, by upper-cased number. */
async function trackingOwners(q: Queryable, numbers: string[]): Promise<Map<string, string[]>> {
  const wanted = [...new Set(numbers.filter((n) => n !== ''))];
  const variants = [...new Set(wanted.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase()]))];
  const local = await inChunks(variants, (chunk) => q('local_shipments').whereIn('tracking_number', chunk).select<{ order_id: string; tracking_number: string }[]>('order_id', 'tracking_number'));
  const amazon = await inChunks(variants, (chunk) => q('order_packages').whereIn('tracking_number', chunk).select<{ order_id: string; tracking_number: string }[]>('order_id', 'tracking_number'));
  const owners = new Map<string, string[]>();
  for (const r of [...local, ...amazon]) {
    const key = r.tracking_number.toUpperCase();
    owners.set(key, [...new Set([...(owners.get(key) ?? []), r.order_id])]);
  }
  return owners;
}

/** The order's own state, most final first: a re-imported file says "already shipped" for every row it shipped. */
function stateRefusal(order: OrderFacts | undefined): { verdict: BatchRefusal; state: string | null } | null {
  if (!order) return { verdict: 'unknown-order', state: null };
  if (order.fulfilled_by !== 'MERCHANT') return { verdict: 'fulfilled-by-amazon', state: null };
  if (order.status === 'CANCELLED' || order.state === 'cancelled') return { verdict: 'cancelled', state: order.state };
  if (order.status === 'SHIPPED' || order.state === 'shipped' || order.state === 'delivered') return { verdict: 'already-shipped', state: order.state };
  if (order.state !== 'packed') return { verdict: 'not-packed', state: order.state ?? 'new' };
  return null;
}

/** The carrier a row ships with: the file's (as Amazon's code), else the order's choice; the order's name and service fill gaps. */
function carrierOf(row: Candidate, order: OrderFacts): Pick<Judged, 'carrierCode' | 'carrierName' | 'shippingService' | 'carrierFrom'> {
  const service = row.shippingService?.slice(0, MAX_SERVICE) || null;
  if (row.carrierCode) {
    const code = amazonCode(row.carrierCode);
    const same = code === order.carrier_code;
    return { carrierCode: code, carrierName: row.carrierName || (same ? order.carrier_name : null), shippingService: service ?? (same ? order.shipping_service : null), carrierFrom: 'file' };
  }
  if (!order.carrier_code) return { carrierCode: null, carrierName: row.carrierName, shippingService: service, carrierFrom: null };
  return { carrierCode: order.carrier_code, carrierName: row.carrierName || order.carrier_name, shippingService: service ?? order.shipping_service, carrierFrom: 'order' };
}

function rowRefusal(row: Candidate, carrier: Pick<Judged, 'carrierCode' | 'carrierName'>): BatchRefusal | null {
  if (!carrier.carrierCode) return 'carrier-missing';
  if (!isAmazonCarrierCode(carrier.carrierCode)) return 'carrier-not-amazon';
  if (carrier.carrierCode === OTHER_CARRIER && !carrier.carrierName?.trim()) return 'carrier-name-required';
  if (row.trackingNumber === '') return 'tracking-missing';
  if (SCIENTIFIC.test(row.trackingNumber)) return 'tracking-scientific';
  if (validateTracking(carrier.carrierCode, row.trackingNumber) !== 'ok') return 'tracking-format';
  return null;
}

/**
 * Every row's verdict, the same for a preview and a confirm: the order (exists, FBM, packed), the carrier (Amazon's code,
 * "Other" with a name), the tracking number (present, in the carrier's format), and clashes — an order twice in the
 * file, one number on two orders, a number another shipment already carries.
 */
async function judge(q: Queryable, rows: Candidate[]): Promise<Judged[]> {
  const orders = await orderFacts(q, rows.map((r) => r.orderId).filter((id) => id !== ''));
  const owners = await trackingOwners(q, rows.map((r) => r.trackingNumber));
  const judged = rows.map((row): Judged => {
    const order = orders.get(row.orderId);
    const base = { row, order, carrierCode: row.carrierCode, carrierName: row.carrierName, shippingService: row.shippingService, carrierFrom: row.carrierCode ? ('file' as const) : null, state: null, otherOrderId: null, otherLine: null };
    if (row.unreadable) return { ...base, verdict: 'unreadable-line' };
    if (row.orderId === '') return { ...base, verdict: 'order-id-missing' };
    const refusal = stateRefusal(order);
    if (refusal || !order) return { ...base, verdict: refusal?.verdict ?? 'unknown-order', state: refusal?.state ?? null };
    const carrier = carrierOf(row, order);
    return { ...base, ...carrier, verdict: rowRefusal(row, carrier) ?? 'ok', state: order.state };
  });

  // An order twice: the same number again is a harmless repeat; two different numbers cannot both be right.
  const byOrder = new Map<string, Judged[]>();
  for (const j of judged) if (j.verdict !== 'unreadable-line' && j.row.orderId !== '') byOrder.set(j.row.orderId, [...(byOrder.get(j.row.orderId) ?? []), j]);
  for (const group of byOrder.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = group as [Judged, ...Judged[]];
    const sameNumber = rest.every((j) => j.row.trackingNumber.toUpperCase() === first.row.trackingNumber.toUpperCase());
    for (const j of group) {
      if (!isOpenVerdict(j.verdict)) continue;
      if (sameNumber && j !== first) Object.assign(j, { verdict: 'duplicate-row', otherLine: first.row.line });
      else if (!sameNumber) Object.assign(j, { verdict: 'order-conflict', otherLine: (j === first ? rest[0] : first)?.row.line ?? null });
    }
  }

  // One number on two orders of the file: a copy-paste slip in one of them, and nothing tells which.
  const byNumber = new Map<string, Judged[]>();
  for (const j of judged) if (j.verdict === 'ok') byNumber.set(j.row.trackingNumber.toUpperCase(), [...(byNumber.get(j.row.trackingNumber.toUpperCase()) ?? []), j]);
  for (const group of byNumber.values()) {
    const orderIds = new Set(group.map((j) => j.row.orderId));
    if (orderIds.size < 2) continue;
    for (const j of group) {
      const other = group.find((o) => o.row.orderId !== j.row.orderId);
      Object.assign(j, { verdict: 'tracking-duplicate', otherOrderId: other?.row.orderId ?? null, otherLine: other?.row.line ?? null });
    }
  }

  for (const j of judged) {
    if (j.verdict !== 'ok') continue;
    const other = owners.get(j.row.trackingNumber.toUpperCase())?.find((id) => id !== j.row.orderId);
    if (other) Object.assign(j, { verdict: 'tracking-used', otherOrderId: other });
  }
  return judged;
}

/** Verdicts a clash between rows may still override: the row itself was fine, or failed only on its own cells. */
function isOpenVerdict(v: Judged['verdict']): boolean {
  return !['unknown-order', 'fulfilled-by-amazon', 'already-shipped', 'cancelled', 'not-packed', 'order-id-missing', 'unreadable-line'].includes(v);
}

/** The record holding the header: the first of the top rows naming an order id and a tracking number column. */
function findHeader(records: SheetRecord[]): { index: number; columns: Map<Column, { index: number; header: string }> } {
  let best: { index: number; columns: Map<Column, { index: number; header: string; rank: number }> } | null = null;
  for (const [index, record] of records.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns = new Map<Column, { index: number; header: string; rank: number }>();
    record.fields.forEach((raw, i) => {
      const header = cleanCell(raw);
      const hit = headerRank.get(normaliseHeader(header));
      if (!hit) return;
      const seen = columns.get(hit.column);
      if (!seen || hit.rank < seen.rank) columns.set(hit.column, { index: i, header, rank: hit.rank });
    });
    if (columns.has('orderId') && columns.has('trackingNumber')) return { index, columns };
    if (!best || columns.size > best.columns.size) best = { index, columns };
  }
  const missing = best?.columns.has('orderId') ? 'trackingNumber' : 'orderId';
  throw new AppError('invalid-input', { field: 'file', reason: 'carrier-file-column-missing', column: missing });
}

function csvField(value: string): string {
  const guarded = guardCell(value);
  return /[",\r\n]|^\s|\s$/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * Batch shipping (批量发货 / 导入运单号): packed orders go out as a file the carrier or forwarder fills in, the filled file
 * comes back with a verdict per row before anything changes, and the confirmed rows ship one order per transaction.
 */
export function createBatchShippingService(deps: BatchShippingDeps) {
  const { db } = deps;

  async function itemsOf(orderIds: string[]): Promise<Map<string, { seller_sku: string | null; quantity_ordered: number }[]>> {
    const items = await inChunks(orderIds, (chunk) =>
      db('order_items').whereIn('order_id', chunk).orderBy(['order_id', 'order_item_id']).select<{ order_id: string; seller_sku: string | null; quantity_ordered: number }[]>('order_id', 'seller_sku', 'quantity_ordered'),
    );
    const byOrder = new Map<string, { seller_sku: string | null; quantity_ordered: number }[]>();
    for (const i of items) byOrder.set(i.order_id, [...(byOrder.get(i.order_id) ?? []), i]);
    return byOrder;
  }

  async function packedOrders(input: { orderIds?: string[] | undefined } = {}): Promise<{ rows: PackedOrder[]; total: number }> {
    const query = (ids: string[] | null) => {
      const q = db('order_workflow as w')
        .join('orders as o', 'o.id', 'w.order_id')
        .join('stores as s', 's.id', 'o.store_id')
        .leftJoin('warehouses as h', 'h.id', 'w.warehouse_id')
        .where('w.state', 'packed');
      if (ids) q.whereIn('w.order_id', ids);
      return q
        .orderBy([{ column: 'o.ship_by_latest', order: 'asc' }, { column: 'o.id' }])
        .limit(MAX_BATCH_ORDERS)
        .select<
          {
            order_id: string;
            store_name: string;
            marketplace_id: string;
            ship_by_latest: string | null;
            state_changed_at: string;
            warehouse_code: string | null;
            carrier_code: string | null;
            carrier_name: string | null;
            shipping_service: string | null;
            weight_g: number | null;
          }[]
        >('w.order_id', 's.name as store_name', 'o.marketplace_id', 'o.ship_by_latest', 'w.state_changed_at', 'h.code as warehouse_code', 'w.carrier_code', 'w.carrier_name', 'w.shipping_service', 'w.weight_g');
    };
    const found = input.orderIds ? await inChunks([...new Set(input.orderIds)], (chunk) => query(chunk)) : await query(null);
    found.sort((a, b) => (a.ship_by_latest ?? '9').localeCompare(b.ship_by_latest ?? '9') || a.order_id.localeCompare(b.order_id));
    const byOrder = await itemsOf(found.map((r) => r.order_id));
    const rows = found.map((r): PackedOrder => {
      const lines = byOrder.get(r.order_id) ?? [];
      return {
        orderId: r.order_id,
        storeName: r.store_name,
        marketplaceId: r.marketplace_id,
        shipByLatest: r.ship_by_latest,
        packedAt: r.state_changed_at,
        warehouseCode: r.warehouse_code,
        carrierCode: r.carrier_code,
        carrierName: r.carrier_name,
        shippingService: r.shipping_service,
        weightG: r.weight_g,
        units: lines.reduce((n, l) => n + Number(l.quantity_ordered), 0),
        firstSku: lines[0]?.seller_sku ?? null,
        lineCount: lines.length,
      };
    });
    return { rows, total: rows.length };
  }

  /** CSV, UTF-8 with a BOM and CRLF: Excel and WPS open it with the Chinese intact, and the import reads it back. */
  async function exportTemplate(input: { orderIds: string[]; locale: Locale }): Promise<{ fileName: string; base64: string }> {
    const ids = [...new Set(input.orderIds)];
    const facts = await orderFacts(db, ids);
    for (const id of ids) {
      const refusal = stateRefusal(facts.get(id));
      if (refusal?.verdict === 'unknown-order') throw new AppError('not-found', { entity: 'order', reason: 'batch-unknown-order', orderId: id });
      if (refusal) throw new AppError('conflict', { reason: 'batch-not-packed', orderId: id, state: refusal.state ?? refusal.verdict });
    }
    const { rows } = await packedOrders({ orderIds: ids });
    const items = await itemsOf(ids);
    const lines = rows.map((r) => [
      r.orderId,
      r.carrierCode ?? '',
      r.carrierName ?? '',
      r.shippingService ?? '',
      '',
      r.weightG === null ? '' : String(r.weightG),
      r.warehouseCode ?? '',
      (items.get(r.orderId) ?? []).map((i) => `${i.seller_sku ?? '?'}×${i.quantity_ordered}`).join('; '),
      r.marketplaceId,
      r.shipByLatest ?? '',
    ]);
    const text = [TEMPLATE_HEADERS[input.locale], ...lines].map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
    const day = deps.clock.now().toISOString().slice(0, 10);
    return { fileName: `${TEMPLATE_NAME[input.locale]}-${day}.csv`, base64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]).toString('base64') };
  }

  async function preview(file: ImportFile): Promise<BatchPreview> {
    const sheet = await readSheet(file);
    const { index, columns } = findHeader(sheet.records);
    const body = sheet.records.slice(index + 1);
    if (body.length === 0) throw new AppError('invalid-input', { field: 'file', reason: 'empty-file' });
    if (body.length > MAX_BATCH_ORDERS) throw new AppError('invalid-input', { field: 'file', reason: 'carrier-file-too-many-rows', rows: body.length, max: MAX_BATCH_ORDERS });
    const bad = new Set(sheet.badLines);
    const cell = (r: SheetRecord, c: Column) => {
      const col = columns.get(c);
      return col ? cleanCell(r.fields[col.index]) : '';
    };
    const candidates = body.map((r): Candidate => {
      let unreadable = sheet.unterminatedQuoteLine !== null && r.line >= sheet.unterminatedQuoteLine;
      for (let l = r.line; l <= r.endLine && !unreadable; l++) unreadable = bad.has(l);
      return {
        line: r.line,
        orderId: cell(r, 'orderId'),
        carrierCode: cell(r, 'carrierCode') || null,
        carrierName: cell(r, 'carrierName') || null,
        shippingService: cell(r, 'shippingService') || null,
        trackingNumber: cell(r, 'trackingNumber'),
        unreadable,
      };
    });
    const judged = await judge(db, candidates);
    const rows = judged.map(
      (j): BatchPreviewRow => ({
        line: j.row.line ?? 0,
        orderId: j.row.orderId,
        carrierCode: j.carrierCode,
        carrierName: j.carrierName,
        shippingService: j.shippingService,
        trackingNumber: j.row.trackingNumber,
        carrierFrom: j.carrierFrom,
        verdict: j.verdict,
        state: j.state,
        otherOrderId: j.otherOrderId,
        otherLine: j.otherLine,
      }),
    );
    const header = (c: Column) => columns.get(c)?.header ?? null;
    const ok = rows.filter((r) => r.verdict === 'ok').length;
    return {
      fileName: file.name,
      format: sheet.format,
      encoding: sheet.encoding,
      columns: { orderId: header('orderId') ?? '', trackingNumber: header('trackingNumber') ?? '', carrierCode: header('carrierCode'), carrierName: header('carrierName'), shippingService: header('shippingService') },
      rows,
      ok,
      refused: rows.length - ok,
    };
  }

  /**
   * The package a carrier's row ships: a packed order's last one. The packing station ships a split order's earlier
   * packages with their own tracking, since a carrier's file gives one number per order.
   */
  async function lastPackage(trx: Knex.Transaction, orderId: string): Promise<{ pkg: AllocationPackage; count: number } | BatchRefusal> {
    const packages = await packagesOf(trx, orderId);
    if (packages.length === 0) return 'stock-not-reserved';
    const shipped = new Set((await trx('local_shipments').where({ order_id: orderId }).whereNotNull('package_no').pluck<number[]>('package_no')).map(Number));
    const open = packages.filter((p) => !shipped.has(p.packageNo));
    const [pkg] = open;
    if (!pkg) return 'order-changed';
    if (open.length > 1) return 'split-packages';
    return { pkg, count: packages.length };
  }

  /** One order, in its own transaction, judged again inside it: a cancellation synced since the preview wins. */
  async function shipOne(row: Candidate): Promise<BatchResult> {
    const result = (outcome: BatchResult['outcome'], extra: Partial<BatchResult> = {}): BatchResult => ({ line: row.line, orderId: row.orderId, trackingNumber: row.trackingNumber, outcome, state: null, otherOrderId: null, packageReferenceId: null, ...extra });
    try {
      return await db.transaction(async (trx) => {
        const [j] = await judge(trx, [row]);
        if (!j) throw new Error('unreachable: judge answers every row');
        if (j.verdict !== 'ok') return result(j.verdict, { state: j.state, otherOrderId: j.otherOrderId });
        if (!j.order || !j.carrierCode) throw new Error('unreachable: an ok row has its order and carrier');
        const plan = await lastPackage(trx, row.orderId);
        if (typeof plan === 'string') return result(plan, { state: j.state });
        const weightG = j.order.weight_g;
        const moved = await transition(trx, row.orderId, 'shipped', { actor: deps.actor, now: deps.clock.now().toISOString() });
        const confirmation = await shipPackage(trx, deps, {
          orderId: row.orderId,
          warehouseId: plan.pkg.warehouseId,
          packageNo: plan.pkg.packageNo,
          ...(plan.count > 1 ? { items: plan.pkg.items } : {}),
          weightG,
          carrierCode: j.carrierCode,
          carrierName: j.carrierName ?? undefined,
          shippingService: j.shippingService ?? undefined,
          trackingNumber: row.trackingNumber,
          contents: plan.pkg.units,
          auditAction: 'order.batch-ship',
          auditDetail: { carrierCode: j.carrierCode, weightG, line: row.line },
        });
        return result('shipped', { state: moved.state, packageReferenceId: confirmation.packageReferenceId });
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.params.reason === 'stock-not-reserved') return result('stock-not-reserved');
      // The workflow or Amazon's status moved between the check and the write (another station shipped it).
      if (err.code === 'conflict') return result('order-changed');
      throw err;
    }
  }

  async function confirm(input: { rows: BatchConfirmRow[] }): Promise<{ results: BatchResult[]; shipped: number; refused: number }> {
    const candidates = input.rows.map(
      (r): Candidate => ({
        line: r.line ?? null,
        orderId: r.orderId,
        carrierCode: r.carrierCode,
        carrierName: r.carrierName ?? null,
        shippingService: r.shippingService ?? null,
        trackingNumber: cleanCell(r.trackingNumber),
      }),
    );
    // Clashes between rows are judged over the whole batch first; each order is then judged again as it ships.
    const judged = await judge(db, candidates);
    const results: BatchResult[] = [];
    let shipped = 0;
    try {
      for (const j of judged) {
        if (j.verdict !== 'ok') {
          results.push({ line: j.row.line, orderId: j.row.orderId, trackingNumber: j.row.trackingNumber, outcome: j.verdict, state: j.state, otherOrderId: j.otherOrderId, packageReferenceId: null });
          continue;
        }
        const r = await shipOne(j.row);
        if (r.outcome === 'shipped') shipped++;
        results.push(r);
      }
    } finally {
      if (shipped > 0) deps.onQueued();
    }
    return { results, shipped, refused: results.length - shipped };
  }

  return { packedOrders, exportTemplate, preview, confirm };
}

export type BatchShippingService = ReturnType<typeof createBatchShippingService>;
