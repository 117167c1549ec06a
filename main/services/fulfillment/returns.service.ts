import { z } from 'zod';
import { cleanScan } from '../../../shared/barcodes';
import { minorToDecimal } from '../../../shared/money';
import {
  inspectReturnSchema,
  newReturnSchema,
  receiveReturnSchema,
  refundReturnSchema,
  returnsListQuerySchema,
  returnStatuses,
  type Disposition,
  type InspectReturn,
  type NewReturn,
  type OrderReturn,
  type ReceiveReturn,
  type RefundReturn,
  type ReturnableOrder,
  type ReturnDetail,
  type ReturnLookup,
  type ReturnsListInput,
  type ReturnStatus,
  type ReturnSummary,
} from '../../../shared/domain/returns';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { getSupplier } from '../../db/repositories/suppliers.repo';
import { findWarehouse } from '../../db/repositories/warehouses.repo';
import {
  dispositionsOf,
  findReturn,
  findReturnByRma,
  insertDispositions,
  insertReturn,
  insertReturnLines,
  locallyShipped,
  orderForReturn,
  orderItemsForReturn,
  ordersByTracking,
  ordersForReturn,
  pageReturns,
  refundedForOrder,
  returnedPerItem,
  returnLines,
  returnsOfOrders,
  rmaNumbersWithPrefix,
  scanCodesOf,
  setLineInspection,
  setLineReceived,
  shippedOrdersWithProduct,
  trackingNumbersOf,
  unitCostOn,
  updateReturn,
  type ReturnLineRow,
  type ReturnRow,
} from '../../db/repositories/returns.repo';
import type { AuditFn } from '../audit.service';
import type { CatalogService } from '../catalog/catalog.service';
import { expandBundles } from '../inventory/bundles';
import type { StockChangedHook } from '../inventory/inventory.service';
import { recordMovements, type MovementInput } from '../inventory/ledger';
import { parseInput } from '../validate';

const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
const RMA_NUMBER = /^RMA-\d{8}-\d{4,}$/i;
/** Candidate orders offered for a scanned product: enough to find last week's buyer, few enough to read. */
const CANDIDATE_ORDERS = 10;
const idSchema = z.number().int().positive();

export interface ReturnsDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  /** Who is at the keyboard; written on returns, inspections and ledger rows. */
  actor: string;
  catalog: Pick<CatalogService, 'resolveScan'>;
  /** Runs inside the inspection's transaction with the restocked products (FBM offers are re-queued there). */
  onStockChanged?: StockChangedHook;
}

const isStatus = (s: string): s is ReturnStatus => (returnStatuses as readonly string[]).includes(s);
const statusOf = (r: { status: string }): ReturnStatus => (isStatus(r.status) ? r.status : 'open');
const invalid = (field: string, reason: string, extra: Record<string, string | number> = {}) => new AppError('invalid-input', { field, reason, ...extra });
const wrongState = (r: ReturnRow) => new AppError('conflict', { reason: 'return-state', rma: r.rma_number, status: r.status });

/** RMA-YYYYMMDD-NNNN by the clock's UTC day; the sequence restarts daily and grows past 9999 if a day needs it. */
async function nextRmaNumber(db: Queryable, now: Date): Promise<string> {
  const prefix = `RMA-${now.toISOString().slice(0, 10).replaceAll('-', '')}-`;
  const used = (await rmaNumbersWithPrefix(db, prefix)).map((n) => Number(n.slice(prefix.length))).filter(Number.isSafeInteger);
  return `${prefix}${String(Math.max(0, ...used) + 1).padStart(4, '0')}`;
}

/** The order detail's 售后 section: every return of the order with its status and refund. */
export async function returnsForOrder(q: Queryable, orderId: string): Promise<OrderReturn[]> {
  return (await returnsOfOrders(q, [orderId])).map((r) => ({ id: r.id, rmaNumber: r.rma_number, status: statusOf(r), refundMinor: r.refund_minor === null ? null : Number(r.refund_minor), currency: r.currency }));
}

/**
 * Returns (售后 / RMA). A return is opened from an order or from whatever the clerk scans off the parcel; units are
 * counted in at the door but stay off the shelf until inspected; inspection restocks (ledger `return-restock`, +on hand,
 * FBM offers re-pushed), scraps or sends units back to their supplier; a refund is written off against the order.
 *
 * Scrapped and supplier-bound units post no ledger row: they never went back on hand, so there is no stock to take
 * away, and a `scrap` movement here would drive on hand below what is really there. They are recorded per line in
 * `return_dispositions` with the unit cost valid on the inspection day, which is what finance books as the write-off.
 */
export function createReturnsService(deps: ReturnsDeps) {
  const { db, clock, audit, actor } = deps;
  const now = () => clock.now().toISOString();

  async function usableWarehouse(q: Queryable, id: number, field: string) {
    const w = await findWarehouse(q, id);
    if (!w) throw new AppError('not-found', { entity: 'warehouse', id });
    if (w.archivedAt) throw invalid(field, 'warehouse-archived');
    // FBA stock is Amazon's mirror: a seller cannot put a returned unit there by hand.
    if (w.kind === 'fba') throw invalid(field, 'return-fba-warehouse');
    return w;
  }

  async function requireReturn(q: Queryable, id: number): Promise<ReturnRow> {
    const r = await findReturn(q, parseInput(idSchema, id));
    if (!r) throw new AppError('not-found', { entity: 'return', id });
    return r;
  }

  /** Shipped, already returned and still returnable units of each line of these orders, with the orders' money. */
  async function returnableOrders(q: Queryable, orderIds: readonly string[]): Promise<ReturnableOrder[]> {
    const [heads, items, local, returns, tracking] = await Promise.all([ordersForReturn(q, orderIds), orderItemsForReturn(q, orderIds), locallyShipped(q, orderIds), returnsOfOrders(q, orderIds), trackingNumbersOf(q, orderIds)]);
    const out: ReturnableOrder[] = [];
    for (const id of orderIds) {
      const o = heads.find((h) => h.id === id);
      if (!o) continue;
      const returned = await returnedPerItem(q, id);
      const lines = items
        .filter((i) => i.order_id === id)
        .map((i) => {
          const shipped = Math.max(Number(i.quantity_shipped), local.get(id)?.get(i.order_item_id) ?? 0);
          const back = returned.get(i.order_item_id) ?? 0;
          return { orderItemId: i.order_item_id, sellerSku: i.seller_sku, title: i.title, productId: i.product_id, productSku: i.product_sku, productName: i.product_name, shipped, returned: back, returnable: Math.max(0, shipped - back) };
        });
      out.push({
        orderId: o.id,
        marketplaceId: o.marketplace_id,
        amazonStatus: o.status,
        createdAt: o.created_time,
        totalMinor: o.grand_total_minor === null ? null : Number(o.grand_total_minor),
        currency: o.currency,
        refundedMinor: await refundedForOrder(q, id),
        trackingNumbers: tracking.get(id) ?? [],
        lines,
        returns: returns.filter((r) => r.order_id === id).map((r) => ({ id: r.id, rmaNumber: r.rma_number, status: statusOf(r) })),
      });
    }
    return out;
  }

  async function detail(q: Queryable, head: ReturnRow): Promise<ReturnDetail> {
    const lines = await returnLines(q, head.id);
    const [dispositions, codes] = await Promise.all([dispositionsOf(q, lines.map((l) => l.id)), scanCodesOf(q, lines.map((l) => l.product_id))]);
    const order = head.order_id ? await orderForReturn(q, head.order_id) : undefined;
    const total = order?.grand_total_minor === null || order?.grand_total_minor === undefined ? null : Number(order.grand_total_minor);
    const others = head.order_id ? await refundedForOrder(q, head.order_id, head.id) : 0;
    const refund = head.refund_minor === null ? null : Number(head.refund_minor);
    return {
      ...summary(head, lines),
      note: head.note,
      warehouseId: head.warehouse_id,
      warehouseCode: head.warehouse_code,
      sourceKind: head.source_kind,
      sourceCode: head.source_code,
      createdBy: head.created_by,
      receivedAt: head.received_at,
      inspectedAt: head.inspected_at,
      closedAt: head.closed_at,
      refundedAt: head.refunded_at,
      orderTotalMinor: total,
      otherRefundsMinor: others,
      refundCapMinor: total === null ? null : refund !== null ? 0 : Math.max(0, total - others),
      lines: lines.map((l) => ({
        id: l.id,
        productId: l.product_id,
        sku: l.sku,
        name: l.name,
        orderItemId: l.order_item_id,
        quantity: Number(l.quantity),
        receivedQuantity: Number(l.received_quantity),
        reasonCode: l.reason_code,
        codes: [...codes.filter((c) => c.product_id === l.product_id).map((c) => ({ code: c.code, units: Number(c.units) })), { code: l.sku, units: 1 }],
        dispositions: dispositions
          .filter((d) => d.return_line_id === l.id)
          .map((d) => ({
            disposition: d.disposition as Disposition,
            quantity: Number(d.quantity),
            warehouseCode: d.warehouse_code,
            supplierName: d.supplier_name,
            reason: d.reason,
            note: d.note,
            unitCostMinor: d.unit_cost_minor === null ? null : Number(d.unit_cost_minor),
            costCurrency: d.cost_currency,
          })),
      })),
    };
  }

  function summary(head: ReturnRow, lines: Pick<ReturnLineRow, 'quantity' | 'received_quantity'>[] | { units: number; received: number }): ReturnSummary {
    const totals = Array.isArray(lines) ? { units: lines.reduce((n, l) => n + Number(l.quantity), 0), received: lines.reduce((n, l) => n + Number(l.received_quantity), 0) } : lines;
    return {
      id: head.id,
      rmaNumber: head.rma_number,
      orderId: head.order_id,
      status: statusOf(head),
      reasonCode: head.reason,
      units: totals.units,
      receivedUnits: totals.received,
      refundMinor: head.refund_minor === null ? null : Number(head.refund_minor),
      currency: head.currency,
      createdAt: head.created_at,
      updatedAt: head.updated_at,
    };
  }

  async function detailById(q: Queryable, id: number): Promise<ReturnDetail> {
    return detail(q, await requireReturn(q, id));
  }

  /** What the code names, tried in order: an RMA, an Amazon order id, an outbound tracking number, a product code. */
  async function lookup(raw: string): Promise<ReturnLookup> {
    const code = cleanScan(raw);
    const unknown = () => new AppError('not-found', { entity: 'code', reason: 'unknown-return-code', code: code.slice(0, 100) });
    if (code === '') throw unknown();
    if (RMA_NUMBER.test(code)) {
      const r = await findReturnByRma(db, code);
      if (!r) throw unknown();
      return { kind: 'return', detail: await detail(db, r) };
    }
    if (AMAZON_ORDER_ID.test(code)) {
      const [order] = await returnableOrders(db, [code]);
      if (!order) throw unknown();
      return { kind: 'order', matchedBy: 'order', order };
    }
    const byTracking = await ordersByTracking(db, code);
    if (byTracking.length === 0 && code !== code.toUpperCase()) byTracking.push(...(await ordersByTracking(db, code.toUpperCase())));
    if (byTracking.length > 0) {
      const [order] = (await returnableOrders(db, byTracking)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      if (order) return { kind: 'order', matchedBy: 'tracking', order };
    }
    let product: { productId: number; sku: string };
    try {
      product = await deps.catalog.resolveScan(code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') throw unknown();
      throw err;
    }
    const row = await db('products').where({ id: product.productId }).first<{ name: string }>('name');
    const candidates = await returnableOrders(db, await shippedOrdersWithProduct(db, product.productId, CANDIDATE_ORDERS * 2));
    const orders = candidates.filter((o) => o.lines.some((l) => l.returnable > 0)).slice(0, CANDIDATE_ORDERS);
    return { kind: 'product', product: { id: product.productId, sku: product.sku, name: row?.name ?? product.sku }, orders };
  }

  async function create(input: NewReturn): Promise<ReturnDetail> {
    const r = parseInput(newReturnSchema, input);
    r.lines.forEach((l, index) => {
      if (l.quantity < 1) throw invalid('lines', 'return-quantity', { index });
    });
    return db.transaction(async (trx) => {
      let lines: { product_id: number; order_item_id: string | null; quantity: number; reason_code: string | null }[];
      let currency: string | null = null;
      if (r.orderId) {
        const order = await orderForReturn(trx, r.orderId);
        if (!order) throw new AppError('not-found', { entity: 'order', id: r.orderId });
        if (order.fulfilled_by !== 'MERCHANT') throw invalid('orderId', 'return-fba-order');
        currency = order.currency;
        if (new Set(r.lines.map((l) => l.orderItemId)).size !== r.lines.length) throw invalid('lines', 'return-duplicate-line');
        const [returnable] = await returnableOrders(trx, [order.id]);
        const items = await orderItemsForReturn(trx, [order.id]);
        lines = r.lines.map((l, index) => {
          if (!l.orderItemId) throw invalid('lines', 'return-line-needs-item', { index });
          const item = items.find((i) => i.order_item_id === l.orderItemId);
          const line = returnable?.lines.find((x) => x.orderItemId === l.orderItemId);
          if (!item || !line) throw new AppError('not-found', { entity: 'order-item', id: l.orderItemId });
          if (item.product_id === null) throw new AppError('conflict', { reason: 'return-sku-unmapped', sku: item.seller_sku ?? l.orderItemId });
          if (l.quantity > line.returnable) throw invalid('lines', 'return-over-quantity', { sku: item.product_sku ?? item.seller_sku ?? '', returnable: line.returnable, requested: l.quantity });
          return { product_id: item.product_id, order_item_id: item.order_item_id, quantity: l.quantity, reason_code: l.reasonCode ?? r.reasonCode };
        });
      } else {
        if (new Set(r.lines.map((l) => l.productId)).size !== r.lines.length) throw invalid('lines', 'return-duplicate-line');
        lines = [];
        for (const [index, l] of r.lines.entries()) {
          if (l.productId === undefined || l.orderItemId !== undefined) throw invalid('lines', 'return-line-needs-product', { index });
          if (!(await trx('products').where({ id: l.productId }).first('id'))) throw new AppError('not-found', { entity: 'product', id: l.productId });
          lines.push({ product_id: l.productId, order_item_id: null, quantity: l.quantity, reason_code: l.reasonCode ?? r.reasonCode });
        }
      }
      if (r.warehouseId !== undefined) await usableWarehouse(trx, r.warehouseId, 'warehouseId');
      const at = clock.now();
      const rmaNumber = await nextRmaNumber(trx, at);
      const id = await insertReturn(trx, {
        rma_number: rmaNumber,
        order_id: r.orderId ?? null,
        reason: r.reasonCode,
        currency,
        warehouse_id: r.warehouseId ?? null,
        source_kind: r.sourceKind ?? (r.orderId ? 'order' : 'manual'),
        source_code: r.sourceCode ? r.sourceCode.slice(0, 100) : null,
        note: r.note || null,
        created_by: actor,
        now: at.toISOString(),
      });
      await insertReturnLines(trx, id, lines);
      await audit(trx, {
        action: 'return.create',
        entity: 'return',
        entityId: String(id),
        detail: { rmaNumber, orderId: r.orderId ?? null, reason: r.reasonCode, lines: lines.length, units: lines.reduce((n, l) => n + l.quantity, 0) },
      });
      return detailById(trx, id);
    });
  }

  async function receive(input: ReceiveReturn): Promise<ReturnDetail> {
    const r = parseInput(receiveReturnSchema, input);
    return db.transaction(async (trx) => {
      const head = await requireReturn(trx, r.id);
      const status = statusOf(head);
      if (status !== 'open' && status !== 'received') throw wrongState(head);
      const lines = await returnLines(trx, head.id);
      if (new Set(r.lines.map((l) => l.lineId)).size !== r.lines.length) throw invalid('lines', 'return-duplicate-line');
      let units = 0;
      const updates: { line: ReturnLineRow; received: number }[] = [];
      for (const [index, entry] of r.lines.entries()) {
        const line = lines.find((l) => l.id === entry.lineId);
        if (!line) throw new AppError('not-found', { entity: 'return-line', id: entry.lineId });
        if (entry.quantity < 0) throw invalid('lines', 'return-quantity', { index });
        const open = Number(line.quantity) - Number(line.received_quantity);
        if (entry.quantity > open) throw invalid('lines', 'return-over-quantity', { sku: line.sku, returnable: open, requested: entry.quantity });
        units += entry.quantity;
        if (entry.quantity > 0) updates.push({ line, received: Number(line.received_quantity) + entry.quantity });
      }
      if (units === 0) throw invalid('lines', 'return-nothing-received');
      if (r.warehouseId !== undefined) await usableWarehouse(trx, r.warehouseId, 'warehouseId');
      for (const u of updates) await setLineReceived(trx, u.line.id, u.received);
      const at = now();
      await updateReturn(trx, head.id, { status: 'received', received_at: head.received_at ?? at, updated_at: at, ...(r.warehouseId !== undefined ? { warehouse_id: r.warehouseId } : {}) });
      await audit(trx, { action: 'return.receive', entity: 'return', entityId: String(head.id), detail: { rmaNumber: head.rma_number, units, lines: updates.length } });
      return detailById(trx, head.id);
    });
  }

  /** One unit's cost on `day`; a bundle costs its components' sum when they all have one, in one currency. */
  async function unitCost(q: Queryable, productId: number, kind: string, day: string): Promise<{ minor: number; currency: string } | null> {
    if (kind !== 'bundle') {
      const c = await unitCostOn(q, productId, day);
      return c ? { minor: Number(c.cost_minor), currency: c.currency } : null;
    }
    let total = 0;
    let currency: string | null = null;
    for (const part of await expandBundles(q, [{ productId, quantity: 1 }])) {
      const c = await unitCostOn(q, part.productId, day);
      if (!c || (currency !== null && c.currency !== currency)) return null;
      currency = c.currency;
      total += Number(c.cost_minor) * part.quantity;
    }
    return currency === null ? null : { minor: total, currency };
  }

  async function inspect(input: InspectReturn): Promise<ReturnDetail> {
    const r = parseInput(inspectReturnSchema, input);
    return db.transaction(async (trx) => {
      const head = await requireReturn(trx, r.id);
      if (statusOf(head) !== 'received') throw wrongState(head);
      const lines = await returnLines(trx, head.id);
      const assigned = new Map<number, number>();
      for (const [index, e] of r.entries.entries()) {
        const line = lines.find((l) => l.id === e.lineId);
        if (!line) throw new AppError('not-found', { entity: 'return-line', id: e.lineId });
        if (e.quantity < 1) throw invalid('entries', 'return-quantity', { index });
        if (e.disposition === 'restock') {
          if (e.warehouseId === undefined) throw invalid('warehouseId', 'return-warehouse-required', { index });
          await usableWarehouse(trx, e.warehouseId, 'warehouseId');
        }
        if (e.disposition === 'return-to-supplier') {
          if (e.supplierId === undefined) throw invalid('supplierId', 'return-supplier-required', { index });
          if (!(await getSupplier(trx, e.supplierId))) throw invalid('supplierId', 'unknown-supplier', { index });
          if (!e.reason) throw invalid('reason', 'return-supplier-reason-required', { index });
        }
        assigned.set(line.id, (assigned.get(line.id) ?? 0) + e.quantity);
      }
      // Every unit counted in gets exactly one fate: none left in limbo, none invented.
      for (const line of lines) {
        const n = assigned.get(line.id) ?? 0;
        if (n !== Number(line.received_quantity)) throw invalid('entries', 'return-inspection-mismatch', { sku: line.sku, received: Number(line.received_quantity), assigned: n });
      }

      const at = now();
      const day = at.slice(0, 10);
      const movements: MovementInput[] = [];
      const rows: Parameters<typeof insertDispositions>[1][number][] = [];
      const totals = { restock: 0, scrap: 0, 'return-to-supplier': 0 } satisfies Record<Disposition, number>;
      for (const e of r.entries) {
        const line = lines.find((l) => l.id === e.lineId) as ReturnLineRow;
        totals[e.disposition] += e.quantity;
        let cost: { minor: number; currency: string } | null = null;
        if (e.disposition === 'restock' && e.warehouseId !== undefined) {
          // A bundle comes back as its components: they are what the shelf holds.
          for (const unit of await expandBundles(trx, [{ productId: line.product_id, quantity: e.quantity }])) {
            movements.push({ productId: unit.productId, warehouseId: e.warehouseId, kind: 'return-restock', onHand: unit.quantity, reason: line.reason_code ?? head.reason ?? undefined, refType: 'return', refId: head.rma_number });
          }
        } else {
          cost = await unitCost(trx, line.product_id, line.kind, day);
        }
        rows.push({
          return_line_id: line.id,
          disposition: e.disposition,
          quantity: e.quantity,
          warehouse_id: e.disposition === 'restock' ? (e.warehouseId ?? null) : null,
          supplier_id: e.disposition === 'return-to-supplier' ? (e.supplierId ?? null) : null,
          reason: e.reason || null,
          note: e.note || null,
          unit_cost_minor: cost?.minor ?? null,
          cost_currency: cost?.currency ?? null,
          created_by: actor,
          created_at: at,
        });
      }
      const { movementIds } = await recordMovements(trx, movements, { actor, now: at });
      if (movements.length > 0) await deps.onStockChanged?.(trx, [...new Set(movements.map((m) => m.productId))]);
      await insertDispositions(trx, rows);
      for (const line of lines) {
        const mine = rows.filter((d) => d.return_line_id === line.id);
        if (mine.length === 0) continue;
        const kinds = new Set(mine.map((d) => d.disposition));
        await setLineInspection(trx, line.id, {
          disposition: kinds.size === 1 ? (mine[0]?.disposition ?? null) : 'mixed',
          warehouse_id: mine.find((d) => d.warehouse_id !== null)?.warehouse_id ?? null,
          inspection_note: mine.map((d) => d.note).filter(Boolean).join(' / ').slice(0, 1000) || null,
        });
      }
      await updateReturn(trx, head.id, { status: 'inspected', inspected_at: at, updated_at: at });
      const writtenOff = rows.filter((d) => d.disposition === 'scrap' && d.unit_cost_minor !== null);
      await audit(trx, {
        action: 'return.inspect',
        entity: 'return',
        entityId: String(head.id),
        detail: {
          rmaNumber: head.rma_number,
          restocked: totals.restock,
          scrapped: totals.scrap,
          toSupplier: totals['return-to-supplier'],
          scrapValue: writtenOff.map((d) => `${(d.unit_cost_minor ?? 0) * d.quantity} ${d.cost_currency ?? ''}`.trim()).join(', ') || null,
          movementIds,
        },
      });
      return detailById(trx, head.id);
    });
  }

  async function refund(input: RefundReturn): Promise<ReturnDetail> {
    const r = parseInput(refundReturnSchema, input);
    if (r.amountMinor <= 0) throw invalid('amountMinor', 'refund-not-positive');
    return db.transaction(async (trx) => {
      const head = await requireReturn(trx, r.id);
      if (statusOf(head) === 'closed') throw wrongState(head);
      if (!head.order_id) throw new AppError('conflict', { reason: 'return-no-order', rma: head.rma_number });
      if (head.refund_minor !== null) throw new AppError('conflict', { reason: 'return-already-refunded', rma: head.rma_number });
      const order = await orderForReturn(trx, head.order_id);
      if (!order || order.grand_total_minor === null || !order.currency) throw new AppError('conflict', { reason: 'return-order-total-unknown', orderId: head.order_id });
      const cap = Number(order.grand_total_minor) - (await refundedForOrder(trx, head.order_id, head.id));
      if (r.amountMinor > cap) throw invalid('amountMinor', 'refund-over-cap', { max: minorToDecimal(Math.max(0, cap), order.currency), currency: order.currency });
      const at = now();
      await updateReturn(trx, head.id, { refund_minor: r.amountMinor, currency: order.currency, refunded_at: at, refunded_by: actor, updated_at: at, ...(r.note ? { note: head.note ? `${head.note}\n${r.note}`.slice(0, 2000) : r.note } : {}) });
      await audit(trx, { action: 'return.refund', entity: 'return', entityId: String(head.id), detail: { rmaNumber: head.rma_number, orderId: head.order_id, amountMinor: r.amountMinor, currency: order.currency } });
      return detailById(trx, head.id);
    });
  }

  /** Inspected returns close; so does a refund-only return (the buyer keeps the item) that never received a unit. */
  async function close(id: number): Promise<ReturnDetail> {
    return db.transaction(async (trx) => {
      const head = await requireReturn(trx, id);
      const status = statusOf(head);
      const refundOnly = status === 'open' && head.refund_minor !== null && (await returnLines(trx, head.id)).every((l) => Number(l.received_quantity) === 0);
      if (status !== 'inspected' && !refundOnly) throw wrongState(head);
      const at = now();
      await updateReturn(trx, head.id, { status: 'closed', closed_at: at, updated_at: at });
      await audit(trx, { action: 'return.close', entity: 'return', entityId: String(head.id), detail: { rmaNumber: head.rma_number, from: status } });
      return detailById(trx, head.id);
    });
  }

  async function list(query: ReturnsListInput): Promise<{ rows: ReturnSummary[]; total: number }> {
    const q = parseInput(returnsListQuerySchema, query);
    const page = await pageReturns(db, { limit: q.limit, offset: q.offset, ...(q.status ? { status: q.status } : {}), ...(q.search ? { search: q.search } : {}) });
    return { rows: page.rows.map((r) => summary(r, { units: Number(r.units ?? 0), received: Number(r.received_units ?? 0) })), total: page.total };
  }

  return { lookup, create, receive, inspect, refund, close, get: (id: number) => detailById(db, id), list, ofOrder: (orderId: string) => returnsForOrder(db, orderId) };
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
