import { z } from 'zod';
import { localeSchema } from '../../domain/locale';
import { channel } from '../channel';
import { isoDateTime } from '../limits';

/** One batch is one working day of a busy warehouse, several times over; a carrier file holds one row per parcel. */
export const MAX_BATCH_ORDERS = 5000;
/** 4 MB of base64 (3 MB of file): about 30,000 rows of a carrier's CSV, far beyond one batch. */
export const MAX_CARRIER_FILE_BASE64 = 4 * 1024 * 1024;

const orderIdText = z.string().trim().min(1).max(40);

/**
 * Why a row of a carrier file (or of a confirm call) does not ship. Each has a zh/en sentence under
 * `shipping.verdict.<reason>`; `state`, `otherOrderId` and `otherLine` complete the sentence where it needs them.
 */
export const batchRefusals = [
  'order-id-missing',
  'unknown-order',
  'fulfilled-by-amazon',
  'already-shipped',
  'cancelled',
  'not-packed',
  'carrier-missing',
  'carrier-not-amazon',
  'carrier-name-required',
  'tracking-missing',
  'tracking-format',
  'tracking-scientific',
  'tracking-duplicate',
  'tracking-used',
  'duplicate-row',
  'order-conflict',
  'unreadable-line',
  'stock-not-reserved',
  'split-packages',
  'order-changed',
] as const;
export type BatchRefusal = (typeof batchRefusals)[number];

export const packedOrderSchema = z.object({
  orderId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  shipByLatest: isoDateTime.nullable(),
  packedAt: isoDateTime,
  warehouseCode: z.string().nullable(),
  /** The carrier/channel rule's choice (or a person's): what a row without a carrier ships with. */
  carrierCode: z.string().nullable(),
  carrierName: z.string().nullable(),
  shippingService: z.string().nullable(),
  weightG: z.number().int().nullable(),
  units: z.number().int(),
  firstSku: z.string().nullable(),
  lineCount: z.number().int(),
});
export type PackedOrder = z.infer<typeof packedOrderSchema>;

export const batchRowVerdictSchema = z.enum(['ok', ...batchRefusals]);

export const batchPreviewRowSchema = z.object({
  /** Where the row is in the file (CSV physical line, XLSX row number), so the clerk can find it. */
  line: z.number().int(),
  orderId: z.string(),
  /** As it will go to Amazon: a carrier written differently in the file ("ups", "Yun Express") becomes Amazon's code. */
  carrierCode: z.string().nullable(),
  carrierName: z.string().nullable(),
  shippingService: z.string().nullable(),
  trackingNumber: z.string(),
  /** Whether the carrier came from the file or from the order's carrier choice. */
  carrierFrom: z.enum(['file', 'order']).nullable(),
  verdict: batchRowVerdictSchema,
  /** The order's workflow state, for `not-packed`. */
  state: z.string().nullable(),
  otherOrderId: z.string().nullable(),
  otherLine: z.number().int().nullable(),
});
export type BatchPreviewRow = z.infer<typeof batchPreviewRowSchema>;

export const batchPreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  /** The headers the file's columns were read from; carrier columns are optional. */
  columns: z.object({
    orderId: z.string(),
    trackingNumber: z.string(),
    carrierCode: z.string().nullable(),
    carrierName: z.string().nullable(),
    shippingService: z.string().nullable(),
  }),
  rows: z.array(batchPreviewRowSchema),
  ok: z.number().int(),
  refused: z.number().int(),
});
export type BatchPreview = z.infer<typeof batchPreviewSchema>;

export const batchConfirmRowSchema = z
  .object({
    line: z.number().int().min(0).optional(),
    orderId: orderIdText,
    carrierCode: z.string().trim().min(1).max(60),
    carrierName: z.string().trim().min(1).max(100).optional(),
    shippingService: z.string().trim().min(1).max(100).optional(),
    /** Checked per row by the service (format per carrier), so one bad number refuses its row, not the batch. */
    trackingNumber: z.string().trim().max(100),
  })
  .strict();
export type BatchConfirmRow = z.infer<typeof batchConfirmRowSchema>;

export const batchResultSchema = z.object({
  line: z.number().int().nullable(),
  orderId: z.string(),
  trackingNumber: z.string(),
  outcome: z.enum(['shipped', ...batchRefusals]),
  state: z.string().nullable(),
  otherOrderId: z.string().nullable(),
  packageReferenceId: z.string().nullable(),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const shippingChannels = {
  /** Orders packed and waiting for a tracking number (all of them, or the ones named), soonest ship-by first. */
  'shipping:packed-orders': channel({
    input: z.object({ orderIds: z.array(orderIdText).max(MAX_BATCH_ORDERS).optional() }).strict(),
    output: z.object({ rows: z.array(packedOrderSchema), total: z.number().int() }),
  }),
  /** The file a carrier or freight forwarder fills in: one row per packed order, carrier prefilled, tracking blank. */
  'shipping:export-template': channel({
    input: z.object({ orderIds: z.array(orderIdText).min(1).max(MAX_BATCH_ORDERS), locale: localeSchema.default('zh-CN') }).strict(),
    output: z.object({ fileName: z.string().min(1), base64: z.string() }),
  }),
  /** Reads a carrier's file (CSV in any encoding Excel/WPS write, or XLSX) and gives each row its verdict; changes nothing. */
  'shipping:batch-preview': channel({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        fileBase64: z
          .string()
          .max(MAX_CARRIER_FILE_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    output: batchPreviewSchema,
  }),
  /**
   * Ships every row that passes, each order in its own transaction (ledger, local shipment, Amazon's confirmation in the
   * outbox, workflow, audit); the rest come back with their reason. Confirming the same rows again ships nothing twice.
   */
  'shipping:batch-confirm': channel({
    input: z.object({ rows: z.array(batchConfirmRowSchema).min(1).max(MAX_BATCH_ORDERS) }).strict(),
    output: z.object({ results: z.array(batchResultSchema), shipped: z.number().int(), refused: z.number().int() }),
  }),
};
