import { z } from 'zod';
import { marketplaceTimeZone } from '../marketplace-time';

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

/** `details` is Amazon's pointer to what the problem concerns (an MSKU, a box id), when it gives one. */
export const operationProblemSchema = z.object({ code: z.string(), message: z.string(), severity: z.string(), details: z.string().optional() });
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

/** A delivery window Amazon offers (or confirmed) for an own-carrier shipment: instants in UTC, shown in `timeZone`. */
export const deliveryWindowViewSchema = z.object({ id: z.string(), availabilityType: z.string(), start: z.string(), end: z.string(), validUntil: z.string().nullable() });
export type DeliveryWindowView = z.infer<typeof deliveryWindowViewSchema>;

/** pending: waiting to be sent; in-flight: Amazon's operation runs; done: Amazon took it; failed: Amazon refused it (problems). */
export const trackingStates = ['pending', 'in-flight', 'done', 'failed'] as const;
export type TrackingState = (typeof trackingStates)[number];

/** Small parcel: one tracking number per box; freight (LTL/FTL): one freight bill number (and bill of lading) for all. */
export const trackingModes = ['spd', 'ltl'] as const;
export type TrackingMode = (typeof trackingModes)[number];

export const shipmentBoxViewSchema = z.object({
  /** Amazon's box id, printed on the carton: `<confirmation id>U000001`. */
  boxId: z.string(),
  /** N of the shipment's M boxes. */
  index: z.number().int(),
  /** The packed box it is (its number in the plan's packing). */
  planBoxId: id,
  planBoxNumber: z.number().int(),
  units: z.number().int(),
  trackingId: z.string().nullable(),
  /** Amazon's word on the number (VALIDATED, NOT_VALIDATED, NOT_SUPPORTED) once it has one. */
  trackingStatus: z.string().nullable(),
  /** The problems of a failed tracking upload that name this box. */
  problems: z.array(operationProblemSchema),
});
export type ShipmentBoxView = z.infer<typeof shipmentBoxViewSchema>;

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
  /** The zone the shipment's dates show in: the destination FC's where known, else the marketplace's. */
  timeZone: z.string(),
  /** The chosen option's program: Amazon's partnered carrier, or the seller's own (needs a delivery window and tracking). */
  ownCarrier: z.boolean(),
  trackingMode: z.enum(trackingModes).nullable(),
  deliveryWindows: z.array(deliveryWindowViewSchema),
  deliveryWindowChosenId: z.string().nullable(),
  deliveryWindow: deliveryWindowViewSchema.nullable(),
  /** Amazon's boxes of this shipment, each linked to a packed box; empty until placement is confirmed. */
  boxes: z.array(shipmentBoxViewSchema),
  trackingUpload: z
    .object({
      state: z.enum(trackingStates),
      carrier: z.string().nullable(),
      freightBillNumber: z.string().nullable(),
      billOfLadingNumber: z.string().nullable(),
      sentAt: z.string().nullable(),
      /** Problems of a failed upload that name no box. */
      problems: z.array(operationProblemSchema),
    })
    .nullable(),
  /** Own carrier, transport confirmed, Amazon not yet received it, no upload running: tracking can be (re)sent. */
  trackingEditable: z.boolean(),
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
const amazonId = z.string().min(1).max(38);
export const chooseWindowsSchema = z
  .object({ ...byPlan, selections: z.array(z.object({ shipmentId: amazonId, deliveryWindowOptionId: amazonId }).strict()).min(1).max(50) })
  .strict();
/**
 * Tracking for one own-carrier shipment. Small parcel: `boxes` (Amazon's box id → tracking number, typed or scanned);
 * freight: `freightBillNumber` (and the bill of lading). `sameForAll` is the forwarder's one master number: taken as the
 * freight bill for freight, refused for small parcel, where Amazon needs one number per box. `carrier` (a code of
 * shared/carriers.ts) checks the numbers' format where the format is known.
 */
export const uploadTrackingSchema = z
  .object({
    ...byPlan,
    shipmentId: id,
    carrier: z.string().max(40).optional(),
    boxes: z.array(z.object({ boxId: z.string().min(1).max(60), trackingId: z.string().max(100) }).strict()).max(5000).optional(),
    sameForAll: z.string().max(100).optional(),
    freightBillNumber: z.string().max(100).optional(),
    billOfLadingNumber: z.string().max(200).optional(),
  })
  .strict();
export type UploadTrackingInput = z.input<typeof uploadTrackingSchema>;
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

/** Zones of the states and provinces with several FCs in different zones; elsewhere the marketplace's zone is the FC's. */
const REGION_ZONES: Readonly<Record<string, string>> = {
  'US:AZ': 'America/Phoenix',
  'US:CO': 'America/Denver',
  'US:UT': 'America/Denver',
  'US:NM': 'America/Denver',
  'US:ID': 'America/Boise',
  ...Object.fromEntries(['TX', 'IL', 'MN', 'MO', 'WI', 'TN', 'AL', 'LA', 'OK', 'KS', 'NE', 'IA', 'MS', 'AR'].map((s) => [`US:${s}`, 'America/Chicago'])),
  ...Object.fromEntries(['NJ', 'NY', 'PA', 'FL', 'GA', 'NC', 'SC', 'VA', 'MD', 'DE', 'OH', 'MI', 'IN', 'KY', 'MA', 'CT', 'NH', 'ME', 'RI', 'VT', 'WV', 'DC'].map((s) => [`US:${s}`, 'America/New_York'])),
  'CA:ON': 'America/Toronto',
  'CA:QC': 'America/Toronto',
  'CA:AB': 'America/Edmonton',
  'CA:BC': 'America/Vancouver',
};

/** The zone a shipment's delivery window is read in: the destination FC's (by its state), else the marketplace's. */
export function shipmentTimeZone(marketplaceId: string, destination: { countryCode?: string; stateOrProvinceCode?: string } | null): string {
  const key = destination?.countryCode && destination.stateOrProvinceCode ? `${destination.countryCode}:${destination.stateOrProvinceCode}` : '';
  return REGION_ZONES[key] ?? marketplaceTimeZone(marketplaceId);
}
