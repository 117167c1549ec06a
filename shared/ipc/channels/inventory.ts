import { z } from 'zod';
import { channel } from '../channel';
import {
  adjustInputSchema,
  inventoryRowSchema,
  ledgerEntrySchema,
  levelsQuerySchema,
  movementsQuerySchema,
  stockLevelSchema,
  warehouseSchema,
} from '../../domain/inventory';

const id = z.number().int().positive();

export const inventoryChannels = {
  'warehouses:list': channel({ input: z.object({}).strict(), output: z.array(warehouseSchema) }),
  /** Stock per product across every place, for the Inventory screen; search matches SKU, name or any product code. */
  'inventory:levels': channel({
    input: levelsQuerySchema,
    output: z.object({ rows: z.array(inventoryRowSchema), total: z.number().int() }),
  }),
  /** The ledger of one product, newest first; `beforeId` pages back. */
  'inventory:movements': channel({
    input: movementsQuerySchema.extend({ productId: id }).strict(),
    output: z.object({ rows: z.array(ledgerEntrySchema), hasMore: z.boolean() }),
  }),
  /** A clerk's count correction or write-off (盘点/报损): a reason is required; the ledger row is the record. */
  'inventory:adjust': channel({ input: adjustInputSchema, output: z.object({ movementId: id, level: stockLevelSchema }) }),
};
