import { z } from 'zod';
import { localeSchema } from '../../domain/locale';
import { channel } from '../channel';
import { amazonOrderIdSchema } from './orders';
import { scannedCodeSchema } from './packing';

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
  /** Units the picker found missing on the shelf when the wave was picked: the wave is flagged while this is > 0. */
  shortUnits: z.number().int().min(0),
});
export type Wave = z.infer<typeof waveSchema>;

/** `short`: of `quantity`, the units reported missing on the shelf for this order (0 until the wave is picked). */
export const pickOrderShareSchema = z.object({ orderId: z.string(), tote: z.string().nullable(), quantity: z.number().int().positive(), short: z.number().int().min(0) });

/** One product to take off the shelf for the whole wave, and where each unit goes. */
export const pickLineSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  binCode: z.string().nullable(),
  pickOrder: z.number().int().nullable(),
  total: z.number().int().positive(),
  short: z.number().int().min(0),
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

/** What a code scanned in scan-picking mode is, in the wave's warehouse: a bin label, a product (case codes count N), or nothing known. */
export const pickScanAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bin'), code: z.string() }),
  z.object({ kind: z.literal('item'), productId: id, sku: z.string(), units: z.number().int().positive() }),
  z.object({ kind: z.literal('unknown') }),
]);
export type PickScanAnswer = z.infer<typeof pickScanAnswerSchema>;

/** One stop's outcome: `picked` + `short` must equal the line's total on the wave's current pick list. */
export const stopResultSchema = z.object({ productId: id, picked: z.number().int().min(0).max(1_000_000), short: z.number().int().min(0).max(1_000_000) }).strict();
export type StopResult = z.infer<typeof stopResultSchema>;

export const completeWaveInputSchema = z.object({ waveId: id, stops: z.array(stopResultSchema).max(10_000) }).strict();
export type CompleteWaveInput = z.infer<typeof completeWaveInputSchema>;

/**
 * How a stop's units go into the totes: each share in the list's order (earliest ship-by first) is filled before the
 * next, so after `picked` units the last shares are the ones left short. Main records shorts per order by this rule
 * and the scan screen shows the totes the same way.
 */
export function fillShares<S extends { quantity: number }>(shares: readonly S[], picked: number): (S & { filled: number })[] {
  let left = Math.max(0, picked);
  return shares.map((s) => {
    const filled = Math.min(s.quantity, left);
    left -= filled;
    return { ...s, filled };
  });
}

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
  /** Scan-picking: what a scanned code is in the wave's warehouse. Refused once the wave is no longer open. */
  'picking:identify': channel({ input: z.object({ waveId: id, code: scannedCodeSchema }).strict(), output: pickScanAnswerSchema }),
  /** Scan-picking finished: every stop picked or reported short → the wave is picked, its shorts recorded per order. */
  'picking:complete': channel({ input: completeWaveInputSchema, output: waveSchema }),
};
