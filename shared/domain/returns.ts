import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';

/**
 * A return (售后 / RMA): open (expected back) → received (units counted at the door, not yet sellable) → inspected
 * (every received unit restocked, scrapped or sent back to its supplier) → closed. A refund is written off against the
 * order's money at any step before closing.
 */
export const returnStatuses = ['open', 'received', 'inspected', 'closed'] as const;
export const returnStatusSchema = z.enum(returnStatuses);
export type ReturnStatus = z.infer<typeof returnStatusSchema>;

/** Why the buyer sent it back; each has a zh/en text (`returns.reason.<code>`). */
export const returnReasonCodes = ['damaged', 'wrong-item', 'not-as-described', 'no-longer-needed', 'undeliverable', 'other'] as const;
export const returnReasonSchema = z.enum(returnReasonCodes);
export type ReturnReason = z.infer<typeof returnReasonSchema>;

export const dispositions = ['restock', 'scrap', 'return-to-supplier'] as const;
export const dispositionSchema = z.enum(dispositions);
export type Disposition = z.infer<typeof dispositionSchema>;

/** What opened the return: an order id, the outbound parcel's tracking number, a product code, or typed by hand. */
export const returnSourceKinds = ['order', 'tracking', 'product', 'manual'] as const;
export const returnSourceKindSchema = z.enum(returnSourceKinds);
export type ReturnSourceKind = z.infer<typeof returnSourceKindSchema>;

const id = z.number().int().positive();
/** Domain limits (over-quantity, a refund of zero or less) are the service's to refuse, with a reason the clerk can read. */
const count = z.number().int().min(-1_000_000).max(1_000_000);
const note = z.string().trim().max(500);
/** Amazon's 3-7-7 order id, as the orders channels use it (not imported: domain types do not depend on channels). */
const orderId = z.string().regex(/^\d{3}-\d{7}-\d{7}$/);

export const newReturnLineSchema = z
  .object({
    /** The order's line being returned (returns from an order). */
    orderItemId: z.string().min(1).max(40).optional(),
    /** The product coming back (a return with no order found). */
    productId: id.optional(),
    quantity: count,
    /** Defaults to the return's reason. */
    reasonCode: returnReasonSchema.optional(),
  })
  .strict();

export const newReturnSchema = z
  .object({
    /** Omitted for a parcel no order could be found for (unlinked return). */
    orderId: orderId.optional(),
    reasonCode: returnReasonSchema,
    note: note.optional(),
    /** Where the parcel comes back to. */
    warehouseId: id.optional(),
    sourceKind: returnSourceKindSchema.optional(),
    sourceCode: z.string().trim().max(100).optional(),
    lines: z.array(newReturnLineSchema).min(1).max(200),
  })
  .strict();
export type NewReturn = z.input<typeof newReturnSchema>;

/** Units counted off the parcel now, per line; added to what earlier parcels of the same return brought. */
export const receiveReturnSchema = z
  .object({ id, warehouseId: id.optional(), lines: z.array(z.object({ lineId: id, quantity: count }).strict()).min(1).max(200) })
  .strict();
export type ReceiveReturn = z.input<typeof receiveReturnSchema>;

/** What happens to the received units of one line; a line's entries must add up to what was received. */
export const inspectionEntrySchema = z
  .object({
    lineId: id,
    disposition: dispositionSchema,
    quantity: count,
    /** restock: the warehouse the units go back on hand in. */
    warehouseId: id.optional(),
    /** return-to-supplier: who takes them back, and why. */
    supplierId: id.optional(),
    reason: z.string().trim().max(200).optional(),
    note: note.optional(),
  })
  .strict();
export type InspectionEntry = z.input<typeof inspectionEntrySchema>;

export const inspectReturnSchema = z.object({ id, entries: z.array(inspectionEntrySchema).min(1).max(600) }).strict();
export type InspectReturn = z.input<typeof inspectReturnSchema>;

export const refundReturnSchema = z
  .object({ id, amountMinor: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), note: note.optional() })
  .strict();
export type RefundReturn = z.input<typeof refundReturnSchema>;

export const returnsListQuerySchema = z
  .object({
    status: returnStatusSchema.optional(),
    /** An RMA number or order id (or its start). */
    search: z.string().trim().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(200),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ReturnsListQuery = z.output<typeof returnsListQuerySchema>;
export type ReturnsListInput = z.input<typeof returnsListQuerySchema>;

export const returnSummarySchema = z.object({
  id,
  rmaNumber: z.string(),
  orderId: z.string().nullable(),
  status: returnStatusSchema,
  reasonCode: z.string().nullable(),
  /** Units expected back, and counted in so far. */
  units: z.number().int(),
  receivedUnits: z.number().int(),
  refundMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type ReturnSummary = z.infer<typeof returnSummarySchema>;

export const returnDispositionSchema = z.object({
  disposition: dispositionSchema,
  quantity: z.number().int(),
  warehouseCode: z.string().nullable(),
  supplierName: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  unitCostMinor: z.number().int().nullable(),
  costCurrency: z.string().nullable(),
});
export type ReturnDisposition = z.infer<typeof returnDispositionSchema>;

export const returnLineSchema = z.object({
  id,
  productId: id,
  sku: z.string(),
  name: z.string(),
  orderItemId: z.string().nullable(),
  quantity: z.number().int(),
  receivedQuantity: z.number().int(),
  reasonCode: z.string().nullable(),
  /** Every code a scanner may read off the unit (with the units one scan counts), for counting at the door. */
  codes: z.array(z.object({ code: z.string(), units: z.number().int().positive() })),
  dispositions: z.array(returnDispositionSchema),
});
export type ReturnLine = z.infer<typeof returnLineSchema>;

export const returnDetailSchema = returnSummarySchema.extend({
  note: z.string().nullable(),
  warehouseId: id.nullable(),
  warehouseCode: z.string().nullable(),
  sourceKind: z.string().nullable(),
  sourceCode: z.string().nullable(),
  createdBy: z.string(),
  receivedAt: isoDateTime.nullable(),
  inspectedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  refundedAt: isoDateTime.nullable(),
  /** The order's money: its total, what other returns refunded, and the most this return may still refund. */
  orderTotalMinor: z.number().int().nullable(),
  otherRefundsMinor: z.number().int(),
  refundCapMinor: z.number().int().nullable(),
  lines: z.array(returnLineSchema),
});
export type ReturnDetail = z.infer<typeof returnDetailSchema>;

/** An order line as a return sees it: shipped, already on a return, still returnable. */
export const returnableLineSchema = z.object({
  orderItemId: z.string(),
  sellerSku: z.string().nullable(),
  title: z.string().nullable(),
  productId: id.nullable(),
  productSku: z.string().nullable(),
  productName: z.string().nullable(),
  shipped: z.number().int(),
  returned: z.number().int(),
  returnable: z.number().int(),
});
export type ReturnableLine = z.infer<typeof returnableLineSchema>;

export const returnableOrderSchema = z.object({
  orderId: z.string(),
  marketplaceId: z.string(),
  amazonStatus: z.string(),
  createdAt: isoDateTime,
  totalMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  refundedMinor: z.number().int(),
  trackingNumbers: z.array(z.string()),
  lines: z.array(returnableLineSchema),
  returns: z.array(z.object({ id, rmaNumber: z.string(), status: returnStatusSchema })),
});
export type ReturnableOrder = z.infer<typeof returnableOrderSchema>;

/** What a scanned or typed code leads to on the Returns screen. */
export const returnLookupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('return'), detail: returnDetailSchema }),
  z.object({ kind: z.literal('order'), matchedBy: z.enum(['order', 'tracking']), order: returnableOrderSchema }),
  z.object({
    kind: z.literal('product'),
    product: z.object({ id, sku: z.string(), name: z.string() }),
    /** Recent shipped orders with this product still returnable, newest first; empty → an unlinked return. */
    orders: z.array(returnableOrderSchema),
  }),
]);
export type ReturnLookup = z.infer<typeof returnLookupSchema>;

/** A return as the order's detail shows it. */
export const orderReturnSchema = z.object({ id, rmaNumber: z.string(), status: returnStatusSchema, refundMinor: z.number().int().nullable(), currency: z.string().nullable() });
export type OrderReturn = z.infer<typeof orderReturnSchema>;
