import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';

/**
 * draft (being written) → sent (the supplier has it) → partial (some deliveries checked in) → received (every unit
 * ordered has arrived, passed or failed QC). Cancelled closes a PO at any open stage; what was received stays received.
 */
export const purchaseOrderStatuses = ['draft', 'sent', 'partial', 'received', 'cancelled'] as const;
export const purchaseOrderStatusSchema = z.enum(purchaseOrderStatuses);
export type PurchaseOrderStatus = z.infer<typeof purchaseOrderStatusSchema>;

/** Statuses whose unreceived units still count as "on order" in the cover report. */
export const openPurchaseOrderStatuses = ['draft', 'sent', 'partial'] as const satisfies readonly PurchaseOrderStatus[];

/**
 * no-sales: nothing sold in 90 days, so cover is unknown. stockout-risk: the stock position lasts less than the lead
 * time, so even an order placed today arrives after the shelf is empty. reorder: the position is at or below the
 * reorder point. ok: above it.
 */
export const coverStatuses = ['ok', 'reorder', 'stockout-risk', 'no-sales'] as const;
export const coverStatusSchema = z.enum(coverStatuses);
export type CoverStatus = z.infer<typeof coverStatusSchema>;

const id = z.number().int().positive();
const units = z.number().int().min(0);
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'currency');
/** A calendar day (the supplier promises a date, not an instant). */
export const isoDateSchema = z.iso.date();
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const newPurchaseOrderLineSchema = z
  .object({ productId: id, quantity: z.number().int().positive().max(1_000_000), unitCostMinor: z.number().int().min(0).max(1_000_000_000_000) })
  .strict();

export const newPurchaseOrderSchema = z
  .object({
    supplierId: id,
    warehouseId: id,
    /** Defaults to the supplier's currency. */
    currency: currencyCodeSchema.optional(),
    expectedDate: isoDateSchema.optional(),
    note: z.string().trim().max(500).optional(),
    lines: z.array(newPurchaseOrderLineSchema).min(1).max(500),
  })
  .strict()
  .refine((po) => new Set(po.lines.map((l) => l.productId)).size === po.lines.length, { path: ['lines'], message: 'duplicate-product' });
export type NewPurchaseOrder = z.input<typeof newPurchaseOrderSchema>;

/** Builds a draft from the plan's suggestions for one supplier; `productIds` keeps only the lines the buyer ticked. */
export const orderFromPlanSchema = z
  .object({
    warehouseId: id,
    supplierId: id,
    expectedDate: isoDateSchema.optional(),
    note: z.string().trim().max(500).optional(),
    productIds: z.array(id).min(1).max(500).optional(),
  })
  .strict();
export type OrderFromPlan = z.input<typeof orderFromPlanSchema>;

export const receiptLineInputSchema = z
  .object({
    lineId: id,
    passed: units.max(1_000_000),
    failed: units.max(1_000_000),
    qcNote: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((l) => l.passed + l.failed > 0, { path: ['passed'], message: 'nothing-received' });

/** One delivery at the door: per PO line, how many units passed QC (stocked) and how many failed (not stocked). */
export const receiveInputSchema = z
  .object({ lines: z.array(receiptLineInputSchema).min(1).max(500) })
  .strict()
  .refine((r) => new Set(r.lines.map((l) => l.lineId)).size === r.lines.length, { path: ['lines'], message: 'duplicate-line' });
export type ReceiveInput = z.input<typeof receiveInputSchema>;

export const purchaseOrderListQuerySchema = z
  .object({
    status: purchaseOrderStatusSchema.optional(),
    supplierId: id.optional(),
    limit: z.number().int().min(1).max(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type PurchaseOrderListQuery = z.input<typeof purchaseOrderListQuerySchema>;

export const purchaseOrderLineSchema = z.object({
  id,
  productId: id,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitCostMinor: minor,
  /** quantity × unit cost, in the PO's currency. */
  amountMinor: minor,
  /** Units that passed QC and went on hand. */
  receivedQuantity: units,
  /** Units that arrived and failed QC. */
  rejectedQuantity: units,
  /** Units still to arrive: ordered − received − rejected (rejects are not re-expected on this PO). */
  openQuantity: units,
});
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;

export const purchaseReceiptSchema = z.object({
  id,
  lineId: id,
  productId: id,
  sku: z.string(),
  passedQuantity: units,
  failedQuantity: units,
  qcNote: z.string().nullable(),
  receivedBy: z.string(),
  receivedAt: isoDateTime,
});
export type PurchaseReceipt = z.infer<typeof purchaseReceiptSchema>;

const purchaseOrderHead = {
  id,
  number: z.string(),
  supplierId: id,
  supplierName: z.string(),
  warehouseId: id,
  warehouseCode: z.string(),
  warehouseName: z.string(),
  currency: z.string(),
  status: purchaseOrderStatusSchema,
  expectedDate: isoDateSchema.nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  totalMinor: minor,
};

export const purchaseOrderSummarySchema = z.object({
  ...purchaseOrderHead,
  lineCount: z.number().int().min(0),
  orderedUnits: units,
  receivedUnits: units,
  rejectedUnits: units,
});
export type PurchaseOrderSummary = z.infer<typeof purchaseOrderSummarySchema>;

export const purchaseOrderSchema = z.object({
  ...purchaseOrderHead,
  lines: z.array(purchaseOrderLineSchema),
  receipts: z.array(purchaseReceiptSchema),
});
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;

export const purchaseOrderPageSchema = z.object({ rows: z.array(purchaseOrderSummarySchema), total: z.number().int().min(0) });
export type PurchaseOrderPage = z.infer<typeof purchaseOrderPageSchema>;

export const coverQuerySchema = z
  .object({ warehouseId: id.optional(), productIds: z.array(id).max(500).optional(), reviewDays: z.number().int().min(0).max(365).optional() })
  .strict();
export type CoverQuery = z.input<typeof coverQuerySchema>;

/** One SKU at one place: how fast it sells, what is there and coming, how long that lasts, and what to order. */
export const coverRowSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  warehouseId: id,
  warehouseCode: z.string(),
  /** Units sold (bundles counted as their components) in the last 7, 30 and 90 days, cancelled orders excluded. */
  sold7: units,
  sold30: units,
  sold90: units,
  /** Units per day used for every figure below (see replenishment.ts for how the windows are blended). */
  velocity: z.number().min(0),
  available: z.number().int(),
  inTransit: z.number().int(),
  /** Open purchase order units still to arrive at this place. */
  onOrder: units,
  /** (available + in transit + on order) ÷ velocity; null when nothing sold. */
  daysOfCover: z.number().nullable(),
  supplierId: id.nullable(),
  supplierName: z.string().nullable(),
  leadTimeDays: z.number().int().min(0),
  safetyDays: z.number().int().min(0),
  /** Units: velocity × (lead time + safety days), rounded up. */
  reorderPoint: units,
  /** Units to order now (0 unless status is reorder or stockout-risk), rounded up to whole cases. */
  suggestedQuantity: units,
  casePack: z.number().int().positive(),
  status: coverStatusSchema,
  /** Units sold in 90 days ÷ average on hand over those days (from the ledger); null when nothing was on hand. */
  turnover90: z.number().nullable(),
});
export type CoverRow = z.infer<typeof coverRowSchema>;

export const turnoverRowSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  sold90: units,
  averageOnHand: z.number(),
  turnover90: z.number().nullable(),
});
export type TurnoverRow = z.infer<typeof turnoverRowSchema>;

export const planLineSchema = coverRowSchema.extend({
  /** The latest known cost in the supplier's currency; null when none is recorded in that currency. */
  unitCostMinor: minor.nullable(),
});
export type PlanLine = z.infer<typeof planLineSchema>;

/** What to buy, one group per supplier (products without a supplier are grouped under null). */
export const purchasePlanGroupSchema = z.object({
  supplierId: id.nullable(),
  supplierName: z.string().nullable(),
  currency: z.string().nullable(),
  leadTimeDays: z.number().int().min(0),
  lines: z.array(planLineSchema),
  /** Sum of suggested quantity × known unit cost, in the supplier's currency. */
  estimatedTotalMinor: minor,
});
export type PurchasePlanGroup = z.infer<typeof purchasePlanGroupSchema>;
