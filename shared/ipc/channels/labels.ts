import { z } from 'zod';
import { localeSchema } from '../../domain/locale';
import { channel } from '../channel';

const id = z.number().int().positive();
const size = z.object({ width: z.number(), height: z.number() });
const point = z.object({ x: z.number(), y: z.number() });

/**
 * A label stock as a printing screen needs it: page and label sizes and the cell grid in PDF points (1/72 in), so the
 * preview can draw a label at its physical aspect ratio and show where on a sheet printing starts.
 */
export const labelLayoutSchema = z.object({
  name: z.string(),
  kind: z.enum(['fnsku', 'carton']),
  media: z.enum(['roll', 'sheet']),
  description: z.string(),
  page: size,
  label: size,
  columns: z.number().int(),
  rows: z.number().int(),
  origin: point,
  pitch: point,
  /** Width of one barcode module in points. */
  module: z.number(),
  cells: z.number().int(),
});
export type LabelLayoutInfo = z.infer<typeof labelLayoutSchema>;

/**
 * Items printed without a plan. Their shapes (FNSKU, condition, copies) are checked in main by the renderers' own
 * schemas, so one set of rules decides for the CLI and the screen alike.
 */
const labelItemSchema = z.object({ fnsku: z.string().min(1).max(20), title: z.string().max(2000), condition: z.string().max(40).optional(), copies: z.number().int().min(1) }).strict();

export const fnskuLabelsInputSchema = z
  .object({
    /** A plan's lines, one label per planned unit… */
    planId: id.optional(),
    /** …or items given by hand. */
    items: z.array(labelItemSchema).min(1).max(200).optional(),
    layout: z.string().min(1).max(40),
    language: localeSchema,
    startPosition: z.number().int().min(1).max(200).optional(),
  })
  .strict()
  .refine((i) => (i.planId === undefined) !== (i.items === undefined), { message: 'plan-or-items', path: ['planId'] });
export type FnskuLabelsInput = z.input<typeof fnskuLabelsInputSchema>;

export const cartonLabelsInputSchema = z.object({ planId: id, shipmentId: id, layout: z.string().min(1).max(40) }).strict();
export type CartonLabelsInput = z.input<typeof cartonLabelsInputSchema>;

/** One carton of a shipment as its mark will print it (the preview draws the first; the dialog lists the box ids). */
export const cartonSchema = z.object({
  boxId: z.string(),
  boxNumber: z.number().int(),
  boxCount: z.number().int(),
  shipmentName: z.string().nullable(),
  shipFrom: z.array(z.string()),
  shipTo: z.object({ fulfillmentCenterId: z.string().nullable(), lines: z.array(z.string()) }),
  weightG: z.number().int().nullable(),
  marks: z.array(z.enum(['team-lift', 'mechanical-lift', 'heavy-package'])),
});
export type Carton = z.infer<typeof cartonSchema>;

/** `labels`: how many labels the PDF holds; `pages`: how many pages (sheets or roll labels) that takes. */
export const labelFileSchema = z.object({ fileName: z.string().min(1), base64: z.string(), pages: z.number().int(), labels: z.number().int() });
export type LabelFile = z.infer<typeof labelFileSchema>;

/** FNSKU unit labels and carton marks (箱唛) rendered to PDF at the stock's exact size, for a plan or by hand. */
export const labelsChannels = {
  'labels:layouts': channel({ input: z.object({}).strict(), output: z.array(labelLayoutSchema) }),
  'labels:fnsku': channel({ input: fnskuLabelsInputSchema, output: labelFileSchema }),
  /** The carton marks of one shipment of a plan: its boxes numbered 1…M with ids `<confirmation id>U<6 digits>`. */
  'labels:carton': channel({ input: cartonLabelsInputSchema, output: labelFileSchema }),
  /** What `labels:carton` would print, without the PDF. */
  'labels:cartons': channel({ input: cartonLabelsInputSchema.omit({ layout: true }), output: z.array(cartonSchema) }),
};
