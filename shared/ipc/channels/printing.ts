import { z } from 'zod';
import { localeSchema } from '../../domain/locale';
import { amazonLabelsSchema } from '../../domain/fba-inbound';
import { channel } from '../channel';
import { cartonLabelsInputSchema, fnskuLabelsInputSchema } from './labels';
import { amazonOrderIdSchema } from './orders';

const id = z.number().int().positive();

export const printerSchema = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean(), status: z.string().optional() });
export type PrinterEntry = z.infer<typeof printerSchema>;

/**
 * What to print, named by what it is: main renders the PDF itself from its own data, so a page never hands main a PDF
 * to send to a printer. Each kind takes the same fields as the channel that downloads it.
 */
export const printDocumentSchema = z.discriminatedUnion('kind', [
  fnskuLabelsInputSchema.safeExtend({ kind: z.literal('fnsku-labels') }),
  cartonLabelsInputSchema.extend({ kind: z.literal('carton-labels') }),
  amazonLabelsSchema.omit({ refetch: true }).extend({ kind: z.literal('amazon-labels') }),
  z.object({ kind: z.literal('packing-slip'), orderId: amazonOrderIdSchema, packageNo: z.number().int().min(1).max(100).optional() }).strict(),
  z.object({ kind: z.literal('pick-list'), waveId: id, language: localeSchema }).strict(),
]);
export type PrintDocument = z.output<typeof printDocumentSchema>;
export type PrintDocumentInput = z.input<typeof printDocumentSchema>;
export type PrintDocumentKind = PrintDocument['kind'];

export const printInputSchema = z
  .object({
    document: printDocumentSchema,
    /** The printer's OS name, as `printing:printers` lists it. */
    printer: z.string().trim().min(1).max(200),
    copies: z.number().int().min(1).max(99).default(1),
  })
  .strict();
export type PrintInput = z.input<typeof printInputSchema>;

export const printMediaSchema = z.object({ widthMicrons: z.number().int(), heightMicrons: z.number().int() });

/** What went to the printer: pages per copy, and the paper asked for (null: the printer's own). */
export const printResultSchema = z.object({ printer: z.string(), title: z.string(), pages: z.number().int(), copies: z.number().int(), media: printMediaSchema.nullable() });
export type PrintResult = z.infer<typeof printResultSchema>;

/** Printing to a chosen printer. Without a printer port (a plain browser, the CLI) both answer `printing-unavailable`. */
export const printingChannels = {
  'printing:printers': channel({ input: z.object({}).strict(), output: z.array(printerSchema) }),
  'printing:print': channel({ input: printInputSchema, output: printResultSchema }),
};
