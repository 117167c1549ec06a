import { z } from 'zod';
import { isoTime } from './common';

export const inventorySummarySchema = z.looseObject({
  asin: z.string().optional(),
  fnSku: z.string().optional(),
  sellerSku: z.string().optional(),
  condition: z.string().optional(),
  lastUpdatedTime: isoTime.optional(),
  productName: z.string().optional(),
  totalQuantity: z.number().int().optional(),
  inventoryDetails: z
    .looseObject({
      fulfillableQuantity: z.number().int().optional(),
      inboundWorkingQuantity: z.number().int().optional(),
      inboundShippedQuantity: z.number().int().optional(),
      inboundReceivingQuantity: z.number().int().optional(),
    })
    .optional(),
});

/** The model puts pagination beside `payload`, and `granularity` + `inventorySummaries` inside it. */
export const inventorySummariesResponseSchema = z.looseObject({
  payload: z.looseObject({
    granularity: z.looseObject({ granularityType: z.string().optional(), granularityId: z.string().optional() }),
    inventorySummaries: z.array(inventorySummarySchema),
  }),
  pagination: z.looseObject({ nextToken: z.string().optional() }).optional(),
});
export type InventorySummariesResponse = z.infer<typeof inventorySummariesResponseSchema>;
