import { z } from 'zod';
import { isoDateTime, shortText } from '../ipc/limits';

/** Where stock lives: the seller's own warehouse in China (国内仓), an overseas 3PL (海外仓), or Amazon's pool per store × region. */
export const warehouseKinds = ['domestic', 'overseas', 'fba'] as const;
export const warehouseKindSchema = z.enum(warehouseKinds);
export type WarehouseKind = z.infer<typeof warehouseKindSchema>;

/** Every way stock can move; each posting is one immutable ledger row of one of these kinds. */
export const movementKinds = [
  'receive',
  'putaway',
  'pick',
  'ship',
  'adjust',
  'transfer-out',
  'transfer-in',
  'in-transit',
  'return-restock',
  'scrap',
  'sync-correction',
  'reserve',
  'release',
] as const;
export const movementKindSchema = z.enum(movementKinds);
export type MovementKind = z.infer<typeof movementKindSchema>;

/** Why a clerk changed a count by hand (盘点 count, 报损 damaged, lost, found, samples taken out, other). */
export const adjustmentReasons = ['count', 'damaged', 'lost', 'found', 'sample', 'other'] as const;
export const adjustmentReasonSchema = z.enum(adjustmentReasons);
export type AdjustmentReason = z.infer<typeof adjustmentReasonSchema>;

const id = z.number().int().positive();
const quantity = z.number().int().positive().max(1_000_000);
const note = z.string().trim().max(500);
export const warehouseCodeSchema = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
/** Amazon pools FBA stock per region; kept as a short code (na, eu, fe, or a country where pooling differs). */
export const fbaRegionSchema = z.string().trim().regex(/^[A-Za-z]{2,4}$/).transform((r) => r.toLowerCase());

export const warehouseSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  kind: warehouseKindSchema,
  storeId: id.nullable(),
  region: z.string().nullable(),
  archivedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Warehouse = z.infer<typeof warehouseSchema>;

export const newWarehouseSchema = z
  .object({
    code: warehouseCodeSchema,
    name: shortText,
    kind: warehouseKindSchema,
    storeId: id.optional(),
    region: fbaRegionSchema.optional(),
  })
  .strict();
export type NewWarehouse = z.input<typeof newWarehouseSchema>;

export const warehousePatchSchema = z.object({ code: warehouseCodeSchema.optional(), name: shortText.optional() }).strict();
export type WarehousePatch = z.input<typeof warehousePatchSchema>;

export const binSchema = z.object({ id, warehouseId: id, code: z.string(), pickOrder: z.number().int() });
export type Bin = z.infer<typeof binSchema>;

export const newBinSchema = z
  .object({ warehouseId: id, code: warehouseCodeSchema, pickOrder: z.number().int().min(0).max(1_000_000) })
  .strict();
export type NewBin = z.input<typeof newBinSchema>;

export const productBinSchema = z.object({ productId: id, binId: id }).strict();

export const stockLevelSchema = z.object({
  productId: id,
  warehouseId: id,
  onHand: z.number().int(),
  reserved: z.number().int(),
  inTransit: z.number().int(),
  /** on hand minus reserved: what can still be sold or moved. */
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;

export const adjustInputSchema = z
  .object({
    productId: id,
    warehouseId: id,
    delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'zero'),
    reason: adjustmentReasonSchema,
    note: note.optional(),
  })
  .strict();
export type AdjustInput = z.input<typeof adjustInputSchema>;

export const transferInputSchema = z
  .object({ productId: id, fromWarehouseId: id, toWarehouseId: id, quantity, note: note.optional() })
  .strict()
  .refine((t) => t.fromWarehouseId !== t.toWarehouseId, { path: ['toWarehouseId'], message: 'same-warehouse' });
export type TransferInput = z.input<typeof transferInputSchema>;

export const orderLinesSchema = z.array(z.object({ productId: id, quantity }).strict()).min(1).max(500);
export type OrderLine = z.infer<typeof orderLinesSchema>[number];

export const levelsQuerySchema = z
  .object({
    search: z.string().trim().max(200).optional(),
    warehouseId: id.optional(),
    limit: z.number().int().min(1).max(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type LevelsQuery = z.input<typeof levelsQuerySchema>;

const quantities = { onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int() };

/** One SKU across every place it is stocked, with the virtual total (虚拟总库存) over all of them. */
export const inventoryRowSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  places: z.array(z.object({ warehouseId: id, warehouseCode: z.string(), warehouseKind: warehouseKindSchema, ...quantities })),
  totals: z.object(quantities),
});
export type InventoryRow = z.infer<typeof inventoryRowSchema>;

export const movementsQuerySchema = z
  .object({ warehouseId: id.optional(), beforeId: id.optional(), limit: z.number().int().min(1).max(500) })
  .strict();
export type MovementsQuery = z.input<typeof movementsQuerySchema>;

export const ledgerEntrySchema = z.object({
  id,
  productId: id,
  warehouseId: id,
  warehouseCode: z.string(),
  kind: movementKindSchema,
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  inTransitDelta: z.number().int(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  actor: z.string(),
  createdAt: isoDateTime,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const pickListLineSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  quantity,
  binCode: z.string().nullable(),
  pickOrder: z.number().int().nullable(),
});
export type PickListLine = z.infer<typeof pickListLineSchema>;

/** A balance whose cached figure differs from the sum of its ledger rows (empty list = consistent). */
export const levelDifferenceSchema = z.object({
  productId: id,
  warehouseId: id,
  ledger: z.object({ onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int() }),
  cached: z.object({ onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int() }).nullable(),
});
export type LevelDifference = z.infer<typeof levelDifferenceSchema>;

/** Stock on its way between two places (调拨在途): shipped from one, not yet booked in at the other. */
export const openTransferSchema = z.object({
  transferId: z.string(),
  productId: id,
  sku: z.string(),
  name: z.string(),
  fromWarehouseId: id,
  fromWarehouseCode: z.string(),
  toWarehouseId: id,
  toWarehouseCode: z.string(),
  quantity: z.number().int(),
  shippedAt: isoDateTime,
  shippedBy: z.string(),
  note: z.string().nullable(),
});
export type OpenTransfer = z.infer<typeof openTransferSchema>;
