import { z } from 'zod';
import { isAsin, isFnsku } from '../../shared/barcodes';
import { localeSchema } from '../../shared/domain/locale';
import { MAX_BOX_NUMBER, isShipmentConfirmationId } from '../../shared/fba-box-rules';
import { CARTON_LAYOUTS, FNSKU_LAYOUTS } from './label-layouts';

/**
 * What the label renderers accept: plain data (zod only, no Node), so the same schemas can sit behind IPC channels
 * or the CLI unchanged. Limits keep one call to a size a printer spool and the main process handle comfortably.
 */

export const LABEL_CONDITIONS = ['new', 'refurbished', 'used-like-new', 'used-very-good', 'used-good', 'used-acceptable'] as const;
export type LabelCondition = (typeof LABEL_CONDITIONS)[number];

export const MAX_LABELS_PER_CALL = 10_000;
export const MAX_CARTONS_PER_CALL = 5_000;

/** Amazon prints its FNSKU (X00…) on unit labels, or the ASIN/ISBN when that is the product's FNSKU. */
export const fnskuSchema = z.string().refine((s) => isFnsku(s) || isAsin(s), 'fnsku-shape');

export const fnskuLabelItemSchema = z.object({
  fnsku: fnskuSchema,
  title: z.string().max(2000),
  condition: z.enum(LABEL_CONDITIONS).default('new'),
  copies: z.number().int().min(1).max(MAX_LABELS_PER_CALL),
});
export type FnskuLabelItem = z.input<typeof fnskuLabelItemSchema>;

export const fnskuLabelOptionsSchema = z.object({
  layout: z.enum(FNSKU_LAYOUTS),
  language: localeSchema,
  /** 1-based cell of the first sheet to print on, so a partly used sheet can go through the printer again. */
  startPosition: z.number().int().min(1).optional(),
});
export type FnskuLabelOptions = z.input<typeof fnskuLabelOptionsSchema>;

export const fnskuLabelItemsSchema = z
  .array(fnskuLabelItemSchema)
  .min(1)
  .refine((items) => items.reduce((n, i) => n + i.copies, 0) <= MAX_LABELS_PER_CALL, 'too-many-labels');

const addressLines = z.array(z.string().max(200)).max(8);
const weightSchema = z.object({ value: z.number().positive().finite(), unit: z.enum(['LB', 'KG']) });

export const cartonLabelBoxSchema = z
  .object({
    /** Amazon's shipment confirmation id (FBA15ABCDEFG); the box id is this, `U` and the 6-digit box number. */
    shipmentId: z.string().refine(isShipmentConfirmationId, 'shipment-id-shape'),
    shipmentName: z.string().max(200).optional(),
    boxNumber: z.number().int().min(1).max(MAX_BOX_NUMBER),
    boxCount: z.number().int().min(1).max(MAX_BOX_NUMBER),
    shipFrom: addressLines.default([]),
    /** The FBA fulfilment centre (code such as FTW1 or LEJ1) and its address lines. */
    shipTo: z.object({ fulfillmentCenterId: z.string().regex(/^[A-Z0-9]{3,6}$/, 'fulfillment-center-shape').optional(), lines: addressLines.default([]) }).default({ lines: [] }),
    /** The marketplace whose packaging rules apply (team lift in NA, heavy package in Europe). */
    marketplaceId: z.string().regex(/^[A-Z0-9]{10,14}$/).optional(),
    weight: weightSchema.optional(),
  })
  .refine((b) => b.boxNumber <= b.boxCount, { message: 'box-number-over-count', path: ['boxNumber'] });
export type CartonLabelBox = z.input<typeof cartonLabelBoxSchema>;

export const cartonLabelOptionsSchema = z.object({ layout: z.enum(CARTON_LAYOUTS) });
export type CartonLabelOptions = z.input<typeof cartonLabelOptionsSchema>;

export const cartonLabelBoxesSchema = z.array(cartonLabelBoxSchema).min(1).max(MAX_CARTONS_PER_CALL);
