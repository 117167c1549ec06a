import { z } from 'zod';
import { channel } from '../channel';
import {
  adjustInputSchema,
  binSchema,
  newBinSchema,
  newWarehouseSchema,
  openTransferSchema,
  productBinSchema,
  transferInputSchema,
  warehousePatchSchema,
  inventoryRowSchema,
  ledgerEntrySchema,
  levelsQuerySchema,
  movementsQuerySchema,
  stockLevelSchema,
  warehouseSchema,
} from '../../domain/inventory';

const id = z.number().int().positive();

export const inventoryChannels = {
  'warehouses:list': channel({ input: z.object({ includeArchived: z.boolean().optional() }).strict(), output: z.array(warehouseSchema) }),
  'warehouses:create': channel({ input: newWarehouseSchema, output: warehouseSchema }),
  'warehouses:update': channel({ input: z.object({ id, patch: warehousePatchSchema }).strict(), output: warehouseSchema }),
  /** Refused while the place holds, reserves or expects stock. */
  'warehouses:archive': channel({ input: z.object({ id }).strict(), output: warehouseSchema }),
  'warehouses:bins': channel({ input: z.object({ warehouseId: id }).strict(), output: z.array(binSchema) }),
  'warehouses:create-bin': channel({ input: newBinSchema, output: binSchema }),
  'warehouses:assign-bin': channel({ input: productBinSchema, output: z.object({ changed: z.boolean() }) }),
  'warehouses:unassign-bin': channel({ input: productBinSchema, output: z.object({ changed: z.boolean() }) }),
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
  /** Ships units from one place to another (调拨): they leave the source now and show in transit until received. */
  'inventory:transfer': channel({ input: transferInputSchema, output: z.object({ transferId: z.string() }) }),
  /** Books a transfer in at its destination; a second call changes nothing (`received: false`). */
  'inventory:receive-transfer': channel({ input: z.object({ transferId: z.uuid() }).strict(), output: z.object({ received: z.boolean() }) }),
  'inventory:transfers': channel({ input: z.object({ warehouseId: id.optional() }).strict(), output: z.array(openTransferSchema) }),
};
