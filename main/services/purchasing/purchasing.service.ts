import type { Knex } from 'knex';
import { z } from 'zod';
import {
  coverQuerySchema,
  newPurchaseOrderSchema,
  orderFromPlanSchema,
  purchaseOrderListQuerySchema,
  receiveInputSchema,
  type CoverQuery,
  type CoverRow,
  type NewPurchaseOrder,
  type OrderFromPlan,
  type PurchaseOrder,
  type PurchaseOrderListQuery,
  type PurchaseOrderPage,
  type PurchaseOrderStatus,
  type PurchaseOrderSummary,
  type PurchasePlanGroup,
  type ReceiveInput,
  type TurnoverRow,
} from '../../../shared/domain/purchasing';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import {
  findPurchaseOrderRow,
  findSupplier,
  insertPurchaseOrder,
  insertPurchaseOrderLines,
  numbersWithPrefix,
  pagePurchaseOrders,
  purchaseOrderLines,
  purchaseReceipts,
  recordReceipt,
  replenishmentProducts,
  setPurchaseOrderStatus,
  type PurchaseOrderLineRow,
  type PurchaseOrderRow,
} from '../../db/repositories/purchasing.repo';
import { findWarehouse } from '../../db/repositories/warehouses.repo';
import type { AuditFn } from '../audit.service';
import { parseInput } from '../validate';
import { postMovements } from '../inventory/ledger';
import { renderPurchaseOrderPdf, type PdfOptions } from './po-pdf';
import { coverReport, DAY_MS, purchasePlan, turnoverReport } from './replenishment';

export interface PurchasingDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  /** Who is at the keyboard; written on POs, receipts and ledger rows. */
  actor: string;
  /** Runs inside the receipt's transaction with the products whose stock changed (FBM offers are re-queued there). */
  onStockChanged?: (trx: Knex.Transaction, productIds: number[]) => Promise<void>;
}

const idSchema = z.number().int().positive();
const planQuerySchema = z.object({ warehouseId: idSchema, reviewDays: z.number().int().min(0).max(365).optional() }).strict();
const turnoverQuerySchema = z.object({ productIds: z.array(idSchema).max(500).optional() }).strict();

const openQuantity = (l: PurchaseOrderLineRow): number => l.quantity - l.received_quantity - l.rejected_quantity;

function toOrder(head: PurchaseOrderRow, lines: PurchaseOrderLineRow[]): Omit<PurchaseOrder, 'receipts'> {
  const mapped = lines.map((l) => ({
    id: l.id,
    productId: l.product_id,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitCostMinor: l.unit_cost_minor,
    amountMinor: l.quantity * l.unit_cost_minor,
    receivedQuantity: l.received_quantity,
    rejectedQuantity: l.rejected_quantity,
    openQuantity: openQuantity(l),
  }));
  return {
    id: head.id,
    number: head.number,
    supplierId: head.supplier_id,
    supplierName: head.supplier_name,
    warehouseId: head.warehouse_id,
    warehouseCode: head.warehouse_code,
    warehouseName: head.warehouse_name,
    currency: head.currency,
    status: head.status,
    expectedDate: head.expected_date,
    note: head.note,
    createdBy: head.created_by,
    createdAt: head.created_at,
    updatedAt: head.updated_at,
    totalMinor: mapped.reduce((sum, l) => sum + l.amountMinor, 0),
    lines: mapped,
  };
}

async function loadOrder(db: Queryable, id: number): Promise<PurchaseOrder> {
  const head = await findPurchaseOrderRow(db, id);
  if (!head) throw new AppError('not-found', { entity: 'purchase-order', id });
  const order = toOrder(head, await purchaseOrderLines(db, [id]));
  const receipts = (await purchaseReceipts(db, id)).map((r) => ({
    id: r.id,
    lineId: r.purchase_order_line_id,
    productId: r.product_id,
    sku: r.sku,
    passedQuantity: r.passed_quantity,
    failedQuantity: r.failed_quantity,
    qcNote: r.qc_note,
    receivedBy: r.received_by,
    receivedAt: r.received_at,
  }));
  return { ...order, receipts };
}

/** PO-YYYYMMDD-NNN by the clock's UTC day; the sequence restarts daily and grows past 999 if a day needs it. */
async function nextNumber(db: Queryable, now: Date): Promise<string> {
  const prefix = `PO-${now.toISOString().slice(0, 10).replaceAll('-', '')}-`;
  const used = (await numbersWithPrefix(db, prefix)).map((n) => Number(n.slice(prefix.length))).filter(Number.isSafeInteger);
  return `${prefix}${String(Math.max(0, ...used) + 1).padStart(3, '0')}`;
}

const addDays = (now: Date, days: number): string => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Purchasing: the plan from days of cover, purchase orders (draft → sent → partial → received, or cancelled), and
 * receiving with QC, where units that pass go on hand through the ledger in the same transaction as the receipt.
 * Nothing reaches the ledger before receipt: "on order" is derived from open PO lines.
 */
export function createPurchasingService(deps: PurchasingDeps) {
  const { db, clock, audit, actor } = deps;

  function requireId(id: unknown, field = 'id'): number {
    const parsed = idSchema.safeParse(id);
    if (!parsed.success) throw new AppError('invalid-input', { field, reason: 'not-an-id' });
    return parsed.data;
  }

  async function create(trx: Queryable, input: z.output<typeof newPurchaseOrderSchema>, source: 'manual' | 'plan'): Promise<PurchaseOrder> {
    const supplier = await findSupplier(trx, input.supplierId);
    if (!supplier) throw new AppError('not-found', { entity: 'supplier', id: input.supplierId });
    const warehouse = await findWarehouse(trx, input.warehouseId);
    if (!warehouse) throw new AppError('not-found', { entity: 'warehouse', id: input.warehouseId });
    if (warehouse.archivedAt) throw new AppError('invalid-input', { field: 'warehouseId', reason: 'archived' });
    const products = await replenishmentProducts(trx, input.lines.map((l) => l.productId));
    for (const [index, l] of input.lines.entries()) {
      const product = products.get(l.productId);
      if (!product) throw new AppError('not-found', { entity: 'product', id: l.productId });
      if (product.kind === 'bundle') throw new AppError('invalid-input', { field: `lines.${index}.productId`, reason: 'bundle-holds-no-stock', sku: product.sku });
    }
    const totalMinor = input.lines.reduce((sum, l) => sum + l.quantity * l.unitCostMinor, 0);
    if (!Number.isSafeInteger(totalMinor)) throw new AppError('invalid-input', { field: 'lines', reason: 'total-too-large' });

    const now = clock.now();
    const number = await nextNumber(trx, now);
    const currency = input.currency ?? supplier.currency;
    const id = await insertPurchaseOrder(trx, {
      number,
      supplierId: supplier.id,
      warehouseId: warehouse.id,
      currency,
      // Our expectation when the buyer gives none: the supplier's usual lead time from today.
      expectedDate: input.expectedDate ?? addDays(now, supplier.leadTimeDays),
      note: input.note || null,
      createdBy: actor,
      now: now.toISOString(),
    });
    await insertPurchaseOrderLines(trx, id, input.lines);
    await audit(trx, {
      action: 'purchase-order.create',
      entity: 'purchase-order',
      entityId: number,
      detail: { source, supplierId: supplier.id, warehouseId: warehouse.id, currency, lines: input.lines.length, totalMinor },
    });
    return loadOrder(trx, id);
  }

  /** Moves a PO between statuses; `from` lists the statuses the move is allowed from. */
  async function transition(rawId: unknown, to: PurchaseOrderStatus, from: readonly PurchaseOrderStatus[], action: string): Promise<PurchaseOrder> {
    const id = requireId(rawId);
    return db.transaction(async (trx) => {
      const head = await findPurchaseOrderRow(trx, id);
      if (!head) throw new AppError('not-found', { entity: 'purchase-order', id });
      if (!from.includes(head.status)) throw new AppError('conflict', { reason: 'status', status: head.status, number: head.number });
      await setPurchaseOrderStatus(trx, id, to, clock.now().toISOString());
      await audit(trx, { action, entity: 'purchase-order', entityId: head.number, detail: { from: head.status, to } });
      return loadOrder(trx, id);
    });
  }

  return {
    async coverReport(query: CoverQuery = {}): Promise<CoverRow[]> {
      const q = parseInput(coverQuerySchema, query);
      return coverReport(db, { now: clock.now(), ...q });
    },

    async turnover(query: { productIds?: number[] } = {}): Promise<TurnoverRow[]> {
      const q = parseInput(turnoverQuerySchema, query);
      return turnoverReport(db, { now: clock.now(), ...q });
    },

    /** Cover rows at one warehouse that need an order (reorder or stockout-risk), grouped by supplier. */
    async plan(query: { warehouseId: number; reviewDays?: number }): Promise<PurchasePlanGroup[]> {
      const q = parseInput(planQuerySchema, query);
      return purchasePlan(db, { now: clock.now(), ...q });
    },

    async createOrder(input: NewPurchaseOrder): Promise<PurchaseOrder> {
      const parsed = parseInput(newPurchaseOrderSchema, input);
      return db.transaction((trx) => create(trx, parsed, 'manual'));
    },

    /**
     * A draft PO from the plan's suggestions for one supplier at one warehouse, priced at the latest known costs
     * (0 where none is recorded in the supplier's currency, for the buyer to fill in).
     */
    async createFromPlan(input: OrderFromPlan): Promise<PurchaseOrder> {
      const q = parseInput(orderFromPlanSchema, input);
      const supplier = await findSupplier(db, q.supplierId);
      if (!supplier) throw new AppError('not-found', { entity: 'supplier', id: q.supplierId });
      const group = (await purchasePlan(db, { now: clock.now(), warehouseId: q.warehouseId })).find((g) => g.supplierId === q.supplierId);
      const lines = (group?.lines ?? []).filter((l) => !q.productIds || q.productIds.includes(l.productId));
      if (lines.length === 0) throw new AppError('invalid-input', { field: 'supplierId', reason: 'nothing-to-order' });
      const order = {
        supplierId: q.supplierId,
        warehouseId: q.warehouseId,
        currency: supplier.currency,
        ...(q.expectedDate !== undefined ? { expectedDate: q.expectedDate } : {}),
        ...(q.note !== undefined ? { note: q.note } : {}),
        lines: lines.map((l) => ({ productId: l.productId, quantity: l.suggestedQuantity, unitCostMinor: l.unitCostMinor ?? 0 })),
      };
      return db.transaction((trx) => create(trx, parseInput(newPurchaseOrderSchema, order), 'plan'));
    },

    /** The supplier has the PO. Nothing is posted to the ledger: on order is derived from the open lines. */
    send(id: number): Promise<PurchaseOrder> {
      return transition(id, 'sent', ['draft'], 'purchase-order.send');
    },

    /** Closes an open PO; units already received stay on hand, the rest stop counting as on order. */
    cancel(id: number): Promise<PurchaseOrder> {
      return transition(id, 'cancelled', ['draft', 'sent', 'partial'], 'purchase-order.cancel');
    },

    get(id: number): Promise<PurchaseOrder> {
      return loadOrder(db, requireId(id));
    },

    async list(query: PurchaseOrderListQuery): Promise<PurchaseOrderPage> {
      const q = parseInput(purchaseOrderListQuerySchema, query);
      const page = await pagePurchaseOrders(db, q);
      const lines = await purchaseOrderLines(db, page.rows.map((r) => r.id));
      const rows = page.rows.map((head): PurchaseOrderSummary => {
        const own = lines.filter((l) => l.purchase_order_id === head.id);
        const { lines: mapped, ...order } = toOrder(head, own);
        return {
          ...order,
          lineCount: mapped.length,
          orderedUnits: mapped.reduce((s, l) => s + l.quantity, 0),
          receivedUnits: mapped.reduce((s, l) => s + l.receivedQuantity, 0),
          rejectedUnits: mapped.reduce((s, l) => s + l.rejectedQuantity, 0),
        };
      });
      return { rows, total: page.total };
    },

    /**
     * One delivery checked in, all in one transaction: a receipt row per line, the lines' received/rejected totals,
     * a 'receive' ledger row per line putting the passed units on hand (ref 'po' + the PO number), the PO's new
     * status and the audit row. A line may not take more units (passed + failed) than it still has open.
     */
    async receive(rawId: number, input: ReceiveInput): Promise<PurchaseOrder> {
      const id = requireId(rawId);
      const parsed = parseInput(receiveInputSchema, input);
      return db.transaction(async (trx) => {
        const head = await findPurchaseOrderRow(trx, id);
        if (!head) throw new AppError('not-found', { entity: 'purchase-order', id });
        if (head.status !== 'sent' && head.status !== 'partial') throw new AppError('conflict', { reason: 'not-receivable', status: head.status, number: head.number });
        const lines = new Map((await purchaseOrderLines(trx, [id])).map((l) => [l.id, l]));
        for (const [index, r] of parsed.lines.entries()) {
          const line = lines.get(r.lineId);
          if (!line) throw new AppError('not-found', { entity: 'purchase-order-line', id: r.lineId });
          const open = openQuantity(line);
          if (r.passed + r.failed > open) {
            throw new AppError('invalid-input', { field: `lines.${index}`, reason: 'over-receipt', sku: line.sku, open, requested: r.passed + r.failed });
          }
        }

        const now = clock.now().toISOString();
        for (const r of parsed.lines) await recordReceipt(trx, { lineId: r.lineId, passed: r.passed, failed: r.failed, qcNote: r.qcNote || null, receivedBy: actor, receivedAt: now });
        const received = parsed.lines.filter((r) => r.passed > 0);
        await postMovements(
          trx,
          received
            .map((r) => ({
              productId: (lines.get(r.lineId) as PurchaseOrderLineRow).product_id,
              warehouseId: head.warehouse_id,
              kind: 'receive' as const,
              onHand: r.passed,
              refType: 'po',
              refId: head.number,
              ...(r.qcNote ? { note: r.qcNote } : {}),
            })),
          { actor, now },
        );
        if (received.length > 0) await deps.onStockChanged?.(trx, [...new Set(received.map((r) => (lines.get(r.lineId) as PurchaseOrderLineRow).product_id))]);
        const after = await purchaseOrderLines(trx, [id]);
        const status: PurchaseOrderStatus = after.every((l) => openQuantity(l) === 0) ? 'received' : 'partial';
        await setPurchaseOrderStatus(trx, id, status, now);
        await audit(trx, {
          action: 'purchase-order.receive',
          entity: 'purchase-order',
          entityId: head.number,
          detail: { status, lines: parsed.lines.map((r) => ({ lineId: r.lineId, passed: r.passed, failed: r.failed })) },
        });
        return loadOrder(trx, id);
      });
    },

    /** The PO as an A4 PDF to send to the supplier. */
    async pdf(id: number, options: PdfOptions): Promise<Uint8Array> {
      return renderPurchaseOrderPdf(await loadOrder(db, requireId(id)), options);
    },
  };
}

export type PurchasingService = ReturnType<typeof createPurchasingService>;
