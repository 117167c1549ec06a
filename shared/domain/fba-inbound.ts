import { z } from 'zod';

/**
 * The FBA inbound plan workflow (Fulfillment Inbound 2024-03-20) as the FBA Shipments screen sees it. A plan walks
 * through `planSteps` in order; at each step either the app calls Amazon (the step driver) or the user decides
 * (choose an option, pack boxes). `status` says who acts next.
 */
export const planSteps = [
  'create',
  'generate-packing',
  'choose-packing',
  'confirm-packing',
  'pack-boxes',
  'send-packing',
  'generate-placement',
  'choose-placement',
  'confirm-placement',
  'generate-transport',
  'choose-transport',
  'confirm-transport',
  'receiving',
  'closed',
  'cancelling',
  'cancelled',
] as const;
export type PlanStep = (typeof planSteps)[number];

/** Steps where the user acts; the driver waits. */
export const userSteps: readonly PlanStep[] = ['choose-packing', 'pack-boxes', 'choose-placement', 'choose-transport'];

/**
 * ready: the driver has a call to make; in-flight: an Amazon operation is running (its id is stored, a restart polls
 * it); waiting: the user's turn; failed: Amazon refused the step (problems shown), the user fixes and retries it;
 * done: closed or cancelled.
 */
export const planStatuses = ['ready', 'in-flight', 'waiting', 'failed', 'done'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const ownerSchema = z.enum(['AMAZON', 'SELLER', 'NONE']);
export type Owner = z.infer<typeof ownerSchema>;

const id = z.number().int().positive();
const quantity = z.number().int().min(1).max(100_000);
const mm = z.number().int().min(1).max(10_000);

/** Where the goods leave from: Amazon requires a ship-from address with a phone number on every plan. */
export const sourceAddressSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    companyName: z.string().trim().min(1).max(50).optional(),
    addressLine1: z.string().trim().min(1).max(180),
    addressLine2: z.string().trim().min(1).max(60).optional(),
    city: z.string().trim().min(1).max(30),
    stateOrProvinceCode: z.string().trim().min(1).max(64).optional(),
    postalCode: z.string().trim().min(1).max(32),
    countryCode: z.string().regex(/^[A-Z]{2}$/),
    phoneNumber: z.string().trim().min(1).max(20),
  })
  .strict();
export type SourceAddress = z.infer<typeof sourceAddressSchema>;

export const planLineInputSchema = z.object({ productId: id, quantity }).strict();

export const createPlanInputSchema = z
  .object({
    storeId: id,
    marketplaceId: z.string().min(1).max(20),
    sourceWarehouseId: id,
    name: z.string().trim().min(1).max(40).optional(),
    /** Omitted: the address of this warehouse's previous plan. */
    sourceAddress: sourceAddressSchema.optional(),
    lines: z.array(planLineInputSchema).min(1).max(200),
    prepOwner: ownerSchema.default('NONE'),
    labelOwner: ownerSchema.default('SELLER'),
  })
  .strict();
export type CreatePlanInput = z.input<typeof createPlanInputSchema>;

export const suggestionsInputSchema = z.object({ storeId: id, marketplaceId: z.string().min(1).max(20), sourceWarehouseId: id }).strict();

/** A line the plan builder can take as it is: the FBA warehouse's reorder suggestion, capped by the source's stock. */
export const fbaSuggestionSchema = z.object({
  productId: id,
  sku: z.string(),
  name: z.string(),
  msku: z.string(),
  fnsku: z.string(),
  /** Units per day sold from FBA, and days the FBA stock (with what is on its way) lasts. */
  velocity: z.number(),
  daysOfCover: z.number().nullable(),
  fbaAvailable: z.number().int(),
  fbaInTransit: z.number().int(),
  sourceAvailable: z.number().int(),
  suggestedQuantity: z.number().int().min(0),
});
export type FbaSuggestion = z.infer<typeof fbaSuggestionSchema>;

export const operationProblemSchema = z.object({ code: z.string(), message: z.string(), severity: z.string() });
export type OperationProblem = z.infer<typeof operationProblemSchema>;

export const moneySchema = z.object({ minor: z.number().int(), currency: z.string().length(3) });

export const planSummarySchema = z.object({
  id,
  storeId: id,
  storeName: z.string(),
  marketplaceId: z.string(),
  name: z.string(),
  sourceWarehouseId: id,
  sourceWarehouseCode: z.string(),
  amazonPlanId: z.string().nullable(),
  step: z.enum(planSteps),
  status: z.enum(planStatuses),
  /** The step Amazon refused, with Amazon's own codes and messages; empty otherwise. */
  problems: z.array(operationProblemSchema),
  skus: z.number().int(),
  units: z.number().int(),
  packedUnits: z.number().int(),
  boxes: z.number().int(),
  shipments: z.number().int(),
  shippedUnits: z.number().int(),
  receivedUnits: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planItemSchema = z.object({
  id,
  productId: id,
  sku: z.string(),
  name: z.string(),
  msku: z.string(),
  fnsku: z.string(),
  quantity: z.number().int(),
  packed: z.number().int(),
  prepOwner: ownerSchema,
  labelOwner: ownerSchema,
});

export const boxMarkSchema = z.enum(['team-lift', 'mechanical-lift', 'heavy-package']);

export const boxSchema = z.object({
  id,
  number: z.number().int(),
  packingGroupId: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  lengthMm: z.number().int().nullable(),
  widthMm: z.number().int().nullable(),
  heightMm: z.number().int().nullable(),
  weightG: z.number().int().nullable(),
  marks: z.array(boxMarkSchema),
  units: z.number().int(),
  items: z.array(z.object({ planItemId: id, sku: z.string(), fnsku: z.string(), quantity: z.number().int() })),
});
export type FbaBox = z.infer<typeof boxSchema>;

export const packingOptionViewSchema = z.object({
  id: z.string(),
  packingGroups: z.array(z.string()),
  fee: moneySchema.nullable(),
  discount: moneySchema.nullable(),
  expiration: z.string().nullable(),
  status: z.string(),
});

export const placementOptionViewSchema = z.object({
  id: z.string(),
  shipmentCount: z.number().int(),
  fee: moneySchema.nullable(),
  discount: moneySchema.nullable(),
  expiration: z.string().nullable(),
  status: z.string(),
});

export const transportOptionViewSchema = z.object({
  id: z.string(),
  carrier: z.string().nullable(),
  shippingMode: z.string(),
  shippingSolution: z.string(),
  quote: moneySchema.nullable(),
  expiration: z.string().nullable(),
});

export const shipmentViewSchema = z.object({
  id,
  amazonShipmentId: z.string(),
  confirmationId: z.string().nullable(),
  name: z.string().nullable(),
  destinationFc: z.string().nullable(),
  destinationAddress: z.array(z.string()),
  status: z.string().nullable(),
  transportOptionId: z.string().nullable(),
  transportOptions: z.array(transportOptionViewSchema),
  tracking: z.array(z.string()),
  /** Amazon's carton label PDF is stored and can be reprinted without asking Amazon again. */
  labelStored: z.boolean(),
  items: z.array(
    z.object({
      productId: id.nullable(),
      msku: z.string(),
      fnsku: z.string().nullable(),
      shipped: z.number().int(),
      received: z.number().int(),
      /** received − shipped once Amazon closed the shipment (negative: shortage); null while receiving. */
      discrepancy: z.number().int().nullable(),
    }),
  ),
});

export const planDetailSchema = planSummarySchema.extend({
  operation: z.object({ kind: z.string(), startedAt: z.string() }).nullable(),
  items: z.array(planItemSchema),
  packingOptions: z.array(packingOptionViewSchema),
  packingOptionId: z.string().nullable(),
  packingGroups: z.array(z.object({ id: z.string(), items: z.array(z.object({ msku: z.string(), fnsku: z.string(), quantity: z.number().int() })) })),
  boxList: z.array(boxSchema),
  placementOptions: z.array(placementOptionViewSchema),
  placementOptionId: z.string().nullable(),
  shipmentList: z.array(shipmentViewSchema),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const plansQuerySchema = z.object({ storeId: id.optional(), includeDone: z.boolean().default(false) }).strict();

const byPlan = { planId: id };
export const planRefSchema = z.object(byPlan).strict();
export const choosePackingSchema = z.object({ ...byPlan, packingOptionId: z.string().min(1).max(38) }).strict();
export const choosePlacementSchema = z.object({ ...byPlan, placementOptionId: z.string().min(1).max(38) }).strict();
export const chooseTransportSchema = z
  .object({ ...byPlan, selections: z.array(z.object({ shipmentId: z.string().min(1).max(38), transportOptionId: z.string().min(1).max(38) }).strict()).min(1).max(50) })
  .strict();
export const scanIntoBoxSchema = z.object({ ...byPlan, boxId: id, code: z.string().min(1).max(100), quantity: z.number().int().min(1).max(10_000).default(1) }).strict();
export const closeBoxSchema = z
  .object({
    ...byPlan,
    boxId: id,
    weightG: z.number().int().min(1).max(1_000_000),
    lengthMm: mm,
    widthMm: mm,
    heightMm: mm,
    /** The clerk confirms the marks the box needs (team lift, heavy package) are on it. */
    marksConfirmed: z.boolean().default(false),
  })
  .strict();
export const removeFromBoxSchema = z.object({ ...byPlan, boxId: id, planItemId: id, quantity: z.number().int().min(1).max(10_000).default(1) }).strict();
export const boxRefSchema = z.object({ ...byPlan, boxId: id }).strict();
export const amazonLabelsSchema = z
  .object({ ...byPlan, shipmentId: id, pageType: z.enum(['PackageLabel_Thermal', 'PackageLabel_Letter_2', 'PackageLabel_A4_2', 'PackageLabel_Plain_Paper']).default('PackageLabel_Thermal'), refetch: z.boolean().default(false) })
  .strict();
