import { z } from 'zod';
import { localeSchema } from '../../domain/locale';
import { channel } from '../channel';
import { amazonOrderIdSchema } from './orders';

const id = z.number().int().positive();

/** A wave holds at most this many orders: one picker's cart, and a bound on one transaction. */
export const MAX_WAVE_ORDERS = 2000;
export const DEFAULT_WAVE_ORDERS = 200;

export const waveStatuses = ['open', 'picked', 'closed'] as const;

export const createWaveInputSchema = z
  .object({
    warehouseId: id,
    /** Picked by hand; without them the rule picks the warehouse's allocated orders, earliest ship-by first. */
    orderIds: z.array(amazonOrderIdSchema).min(1).max(MAX_WAVE_ORDERS).optional(),
    maxOrders: z.number().int().min(1).max(MAX_WAVE_ORDERS).optional(),
  })
  .strict();
export type CreateWaveInput = z.input<typeof createWaveInputSchema>;

export const waveSchema = z.object({
  id,
  number: z.string(),
  warehouseId: id,
  warehouseCode: z.string(),
  status: z.enum(waveStatuses),
  createdBy: z.string(),
  createdAt: z.string(),
  orders: z.number().int().min(0),
});
export type Wave = z.infer<typeof waveSchema>;

export const pickOrderShareSchema = z.object({ orderId: z.string(), tote: z.string().nullable(), quantity: z.number().int().positive() });

/** One product to take off the shelf for the whole wave, and where each unit goes. */
export const pickLineSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  binCode: z.string().nullable(),
  pickOrder: z.number().int().nullable(),
  total: z.number().int().positive(),
  orders: z.array(pickOrderShareSchema),
});
export type PickLine = z.infer<typeof pickLineSchema>;

export const pickListSchema = z.object({
  wave: waveSchema,
  orders: z.array(z.object({ orderId: z.string(), tote: z.string().nullable(), state: z.string() })),
  lines: z.array(pickLineSchema),
  totals: z.object({ orders: z.number().int(), skus: z.number().int(), units: z.number().int() }),
});
export type PickList = z.infer<typeof pickListSchema>;

export const waveCandidateSchema = z.object({ orderId: z.string(), shipByLatest: z.string().nullable(), units: z.number().int() });

const byWave = z.object({ waveId: id }).strict();

export const pickingChannels = {
  /** Allocated orders of a warehouse not yet in a wave, earliest ship-by first: what "create wave" would take. */
  'picking:candidates': channel({ input: z.object({ warehouseId: id }).strict(), output: z.array(waveCandidateSchema) }),
  'picking:create-wave': channel({ input: createWaveInputSchema, output: waveSchema }),
  'picking:list-waves': channel({ input: z.object({ warehouseId: id.optional() }).strict(), output: z.array(waveSchema) }),
  'picking:pick-list': channel({ input: byWave, output: pickListSchema }),
  /** The pick list as a PDF with order, tote and SKU barcodes, base64 so it crosses IPC as plain JSON. */
  'picking:pdf': channel({
    input: z.object({ waveId: id, locale: localeSchema }).strict(),
    output: z.object({ fileName: z.string().min(1), base64: z.string() }),
  }),
  /** Ends a wave; its orders still in picking go back to allocated (and free their totes) for the next wave. */
  'picking:close-wave': channel({ input: byWave, output: waveSchema }),
};
