import { z } from 'zod';
import { workflowStates } from '../../domain/fulfillment';
import { channel } from '../channel';
import { shortText } from '../limits';
import { amazonOrderIdSchema } from './orders';

const id = z.number().int().positive();

/** What a scanner may send: a code plus noise (the scanner's suffix, stray spaces); bounded so junk cannot flood main. */
export const scannedCodeSchema = z.string().min(1).max(100);

export const packingCodeSchema = z.object({ code: z.string(), kind: z.string(), units: z.number().int().positive() });

/** One product to put in the box for one Amazon order line (a bundle line gives one entry per component). */
export const packingLineSchema = z.object({
  orderItemId: z.string(),
  productId: id,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  /** Every code that identifies the product at the scanner, with the units one scan of it counts (case codes > 1). */
  codes: z.array(packingCodeSchema),
});

export const packingOrderSchema = z.object({
  orderId: z.string(),
  storeId: id,
  marketplaceId: z.string(),
  /** Amazon's status (UNSHIPPED…), next to the warehouse's own workflow state. */
  amazonStatus: z.string(),
  state: z.enum(workflowStates),
  /** The workflow version the station packs against: any change under it refuses the next scan. */
  version: z.number().int(),
  shipByLatest: z.string().nullable(),
  warehouseId: id.nullable(),
  warehouseCode: z.string().nullable(),
  carrier: z.object({ code: z.string(), name: z.string().nullable(), service: z.string().nullable() }).nullable(),
  /** What goes in this box: the open package's units only, when the order ships as several packages. */
  lines: z.array(packingLineSchema),
  /**
   * The package on the bench (`order_allocations.package_no`) and how many the order ships as; `packagesLeft` counts the
   * packages not yet shipped, this one included. Absent in sessions journaled before split packages: one package.
   */
  packageNo: z.number().int().positive().optional(),
  packageCount: z.number().int().positive().optional(),
  packagesLeft: z.number().int().positive().optional(),
  /** The box's weight when it was packed to ship later (state packed); the station offers it again. */
  weightG: z.number().int().positive().nullable().optional(),
});

/** Main's refusals of a scan; the station adds its own two (over-quantity, double scan) from its journal. */
/** other-package: the item belongs to the order, but to another package of its split shipment (another warehouse's box). */
export const scanRefusals = ['unknown-code', 'wrong-item', 'bundle-code', 'cancelled', 'state-changed', 'other-package'] as const;
export const stationRefusals = ['over-quantity', 'double-scan'] as const;
export type ScanRefusal = (typeof scanRefusals)[number] | (typeof stationRefusals)[number];

export const scanVerdictSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('ok'), productId: id, sku: z.string(), units: z.number().int().positive() }),
  z.object({ verdict: z.literal('error'), reason: z.enum(scanRefusals), sku: z.string().optional(), state: z.string().optional() }),
]);

export const packedLineSchema = z.object({ productId: id, quantity: z.number().int().min(1).max(100_000) }).strict();
const packageNoSchema = z.number().int().min(1).max(100);
const weightSchema = z.number().int().min(1).max(150_000);

export const packingChannels = {
  /** An order id, a tote or a wave's pick-list code → the order to pack; refused (with a reason) when it cannot be packed. */
  'packing:open': channel({ input: z.object({ code: scannedCodeSchema, packageNo: packageNoSchema.optional() }).strict(), output: packingOrderSchema }),
  /** What a scanned code is and whether the order may still be packed; counting is the station's. */
  'packing:scan': channel({
    input: z.object({ orderId: amazonOrderIdSchema, version: z.number().int().min(0), code: scannedCodeSchema, packageNo: packageNoSchema.optional() }).strict(),
    output: scanVerdictSchema,
  }),
  /** Packed → shipped in one transaction: stock leaves the ledger and Amazon's confirmation is queued. */
  'packing:ship': channel({
    input: z
      .object({
        orderId: amazonOrderIdSchema,
        version: z.number().int().min(0),
        /** The package on the bench; without it, the order's first package not yet shipped. */
        packageNo: packageNoSchema.optional(),
        weightG: weightSchema,
        carrierCode: shortText.max(60),
        carrierName: shortText.max(100).optional(),
        shippingService: shortText.max(100).optional(),
        trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/),
        packed: z.array(packedLineSchema).min(1).max(500),
      })
      .strict(),
    output: z.object({
      state: z.enum(workflowStates),
      version: z.number().int(),
      packageReferenceId: z.string(),
      outboxSeq: z.number().int(),
      packageNo: z.number().int(),
      packageCount: z.number().int(),
      /** Packages of the order still to ship after this one (0: the order is shipped). */
      packagesLeft: z.number().int(),
    }),
  }),
  /**
   * Pack now, ship later: the box is closed and weighed, the carrier collects it and its tracking number arrives later
   * (the carrier's CSV). The order becomes packed with its weight; stock stays reserved and Amazon hears nothing yet.
   */
  'packing:pack': channel({
    input: z
      .object({ orderId: amazonOrderIdSchema, version: z.number().int().min(0), packageNo: packageNoSchema.optional(), weightG: weightSchema, packed: z.array(packedLineSchema).min(1).max(500) })
      .strict(),
    output: z.object({ state: z.enum(workflowStates), version: z.number().int(), packageNo: z.number().int(), packageCount: z.number().int() }),
  }),
  /** The packing slip (装箱单) for the buyer, in the marketplace's language, as a PDF in base64. */
  'packing:slip': channel({
    input: z.object({ orderId: amazonOrderIdSchema, packageNo: packageNoSchema.optional() }).strict(),
    output: z.object({ fileName: z.string().min(1), base64: z.string() }),
  }),
};

export type PackingOrder = z.infer<typeof packingOrderSchema>;
export type PackingLine = z.infer<typeof packingLineSchema>;
export type ScanVerdict = z.infer<typeof scanVerdictSchema>;
export type PackedLine = z.infer<typeof packedLineSchema>;
