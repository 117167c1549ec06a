import { z } from 'zod';

/** Why Amazon's figure and the ledger's expectation differ, as far as the app can tell. */
export const stockCauses = ['unsynced-sale', 'inbound-shortage', 'lost-damaged', 'seller-central-change', 'dead-lettered-push', 'unexplained'] as const;
export type StockCause = (typeof stockCauses)[number];

/** What the clerk may do about a row: accept Amazon's figure, send ours, or draft a reimbursement claim. */
export const stockActions = ['accept-amazon', 'push-ours', 'open-case'] as const;
export type StockAction = (typeof stockActions)[number];

export const reconStockRowSchema = z.object({
  /** `fba:<productId>:<warehouseId>` or `fbm:<storeId>:<marketplaceId>:<sellerSku>`: what the actions name. */
  key: z.string(),
  channel: z.enum(['fba', 'fbm']),
  productId: z.number().int(),
  sku: z.string(),
  name: z.string(),
  /** The FBA warehouse, or the offer's FBM warehouse. */
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  storeId: z.number().int().nullable(),
  marketplaceId: z.string().nullable(),
  sellerSku: z.string().nullable(),
  /** FBA: on hand in Amazon's buildings the ledger expects; FBM: the quantity we last pushed. */
  expected: z.number().int(),
  /** FBA: fulfillable + reserved + unfulfillable + researching; FBM: the listing's quantity. */
  amazon: z.number().int(),
  /** Amazon − expected. */
  deviation: z.number().int(),
  /** |deviation| / max(expected, 1), one decimal. */
  deviationPct: z.number(),
  /** Amazon's breakdown, for FBA rows: what the clerk compares with Seller Central. */
  breakdown: z.object({ fulfillable: z.number().int(), inbound: z.number().int(), reserved: z.number().int(), unfulfillable: z.number().int(), researching: z.number().int() }).nullable(),
  cause: z.enum(stockCauses),
  actions: z.array(z.enum(stockActions)),
  /** When the difference first showed (the correction or the listing sync that carried it). */
  since: z.string().nullable(),
});
export type ReconStockRow = z.infer<typeof reconStockRowSchema>;

export const reconStockSchema = z.object({
  rows: z.array(reconStockRowSchema),
  /** Pairs and offers compared. */
  checked: z.number().int(),
  /** Σ |deviation| / Σ expected units, in %, one decimal (target ≤ 0.5 %). */
  inventoryDeviationPct: z.number(),
  /** Rows with a deviation / rows compared, in %, one decimal (target < 0.5 %). */
  skuErrorPct: z.number(),
});
export type ReconStock = z.infer<typeof reconStockSchema>;

const keySchema = z.string().trim().min(5).max(300);
const reasonSchema = z.string().trim().min(1).max(200);

export const reconActionInputSchema = z.object({ key: keySchema, reason: reasonSchema }).strict();
export type ReconActionInput = z.infer<typeof reconActionInputSchema>;

export const reconPushInputSchema = z.object({ key: keySchema }).strict();
export type ReconPushInput = z.infer<typeof reconPushInputSchema>;

export const reconClaimSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  sku: z.string(),
  warehouseCode: z.string(),
  cause: z.enum(stockCauses),
  quantity: z.number().int(),
  eventAt: z.string(),
  deadlineAt: z.string(),
  /** Whole days until the deadline; negative once it passed. */
  daysLeft: z.number().int(),
  status: z.enum(['draft', 'filed', 'closed']),
  reason: z.string(),
  evidence: z.object({
    sellerSku: z.string().nullable(),
    fnsku: z.string().nullable(),
    marketplaceId: z.string().nullable(),
    expected: z.number().int(),
    amazon: z.number().int(),
    shipments: z.array(z.object({ shipmentId: z.string(), boxes: z.array(z.string()), shipped: z.number().int(), received: z.number().int(), closedAt: z.string().nullable() })),
  }),
  createdAt: z.string(),
});
export type ReconClaim = z.infer<typeof reconClaimSchema>;

/** Amazon's window for claims on units lost in inbound or in its fulfilment centres: 60 days from the event. */
export const CLAIM_WINDOW_DAYS = 60;
