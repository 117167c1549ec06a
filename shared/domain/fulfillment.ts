import { z } from 'zod';
import { isAmazonCarrierCode, validateCarrierChoice } from '../carriers';

/**
 * The warehouse's side of an FBM order (运营转跟单). Amazon's status stays in `orders`; this is where the order is in
 * the building. FBA orders never get one.
 */
export const workflowStates = ['new', 'audited', 'exception', 'allocated', 'picking', 'packed', 'shipped', 'delivered', 'cancelled'] as const;
export const workflowStateSchema = z.enum(workflowStates);
export type WorkflowState = (typeof workflowStates)[number];

/** Every move the workflow allows; anything else is refused with reason 'illegal-transition'. */
export const allowedTransitions: Readonly<Record<WorkflowState, readonly WorkflowState[]>> = {
  new: ['audited', 'exception', 'cancelled'],
  exception: ['audited', 'cancelled'],
  audited: ['allocated', 'exception', 'cancelled'],
  allocated: ['picking', 'packed', 'exception', 'cancelled'],
  picking: ['packed', 'allocated', 'cancelled'],
  packed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** States in which the order holds reserved stock. */
export const reservingStates: readonly WorkflowState[] = ['allocated', 'picking', 'packed'];
/** States from which an Amazon cancellation still stops the order. */
export const cancellableStates: readonly WorkflowState[] = ['new', 'audited', 'exception', 'allocated', 'picking', 'packed'];

// ---------------------------------------------------------------- exception reasons

/** The audit rules (审单) a seller configures in `audit_rules`. */
export const auditRuleCodes = ['address-incomplete', 'po-box', 'stock-insufficient', 'high-value', 'duplicate-order', 'sku-unmapped', 'weight-unknown'] as const;
export type AuditRuleCode = (typeof auditRuleCodes)[number];

/**
 * Why an order sits in the exception pool: the audit rules, the carrier rules finding no channel, and Amazon changing
 * an order after its units were picked (a partial cancellation, units shipped from elsewhere).
 */
export const exceptionReasonCodes = [...auditRuleCodes, 'no-carrier-rule', 'order-changed'] as const;
export const exceptionReasonSchema = z.enum(exceptionReasonCodes);
export type ExceptionReason = (typeof exceptionReasonCodes)[number];

/**
 * Reasons a person cannot wave through: nothing can be reserved for a line without a product, nor from stock that is
 * not there. Fix the cause (map the SKU, receive stock) and recheck, or cancel. They cannot be switched off either.
 */
export const blockingReasons: readonly ExceptionReason[] = ['sku-unmapped', 'stock-insufficient'];

export const addressFields = ['address', 'countryCode', 'addressLine1', 'city', 'postalCode', 'phone'] as const;
export type AddressField = (typeof addressFields)[number];

/**
 * What the renderer's message for each reason needs (zh-CN/en). Counts like `otherSkus` say how many more lines share
 * the problem beyond the one named. Nothing here is PII: no names, addresses or phone numbers.
 */
export const exceptionParamsSchemas = {
  'address-incomplete': z.object({
    fields: z.array(z.enum(addressFields)).min(1),
    country: z.string().nullable(),
    /** Who needs the field: the destination country, or the chosen carrier (then carrierCode is set). */
    requiredBy: z.enum(['country', 'carrier']),
    carrierCode: z.string().nullable(),
  }),
  'po-box': z.object({ field: z.enum(['addressLine1', 'addressLine2', 'addressLine3']), carrierCode: z.string().nullable() }),
  'stock-insufficient': z.object({
    sku: z.string(),
    needed: z.number().int(),
    /** Best single warehouse when split shipments are off; all allocatable warehouses together when on. */
    available: z.number().int(),
    otherSkus: z.number().int(),
    /** short: not enough anywhere; split-off: enough across warehouses but split shipments are off; no-warehouse: no allocation rule serves the country. */
    cause: z.enum(['short', 'split-off', 'no-warehouse']),
  }),
  'high-value': z.object({ totalMinor: z.number().int(), currency: z.string(), thresholdMinor: z.number().int() }),
  'duplicate-order': z.object({ otherOrderId: z.string(), match: z.enum(['buyer', 'address']), windowHours: z.number().int() }),
  'sku-unmapped': z.object({ sellerSku: z.string(), otherSkus: z.number().int() }),
  'weight-unknown': z.object({ sku: z.string(), otherSkus: z.number().int() }),
  'no-carrier-rule': z.object({ country: z.string().nullable(), weightG: z.number().int().nullable(), rules: z.number().int() }),
  /** `units` the warehouse set aside that Amazon no longer wants shipped; `state` where the order was (picking, packed). */
  'order-changed': z.object({ units: z.number().int(), state: z.enum(workflowStates) }),
} satisfies Record<ExceptionReason, z.ZodType>;
export type ExceptionParams<R extends ExceptionReason = ExceptionReason> = z.infer<(typeof exceptionParamsSchemas)[R]>;

/** One reason an audit found, before it becomes an exception row. */
export type Finding = { [R in ExceptionReason]: { code: R; params: ExceptionParams<R> } }[ExceptionReason];

export const exceptionResolutions = ['edited', 'overridden', 'cancelled', 'cleared'] as const;
export type ExceptionResolution = (typeof exceptionResolutions)[number];

export interface OrderException {
  id: number;
  orderId: string;
  reasonCode: ExceptionReason;
  params: Record<string, unknown>;
  raisedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: ExceptionResolution | null;
  note: string | null;
}

/** An open exception with what the pool screen shows next to it. */
export interface OpenException extends OrderException {
  marketplaceId: string;
  state: WorkflowState;
  version: number;
  shipByLatest: string | null;
}

const id = z.number().int().positive();
const note = z.string().trim().min(1).max(500);

export const exceptionsQuerySchema = z
  .object({ reason: exceptionReasonSchema.optional(), limit: z.number().int().min(1).max(500), offset: z.number().int().min(0).default(0) })
  .strict();
export type ExceptionsQuery = z.input<typeof exceptionsQuerySchema>;

export interface ExceptionsPage {
  rows: OpenException[];
  total: number;
  /** Orders with an open exception, per reason, over the whole pool (not just this page). */
  countsByReason: Record<ExceptionReason, number>;
}

/** override: wave this reason through (a note says why); recheck: the order was fixed, audit it again; cancel. */
export const resolveActions = ['override', 'recheck', 'cancel'] as const;
export const resolveInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('override'), note }).strict(),
  z.object({ action: z.literal('recheck'), note: note.optional() }).strict(),
  z.object({ action: z.literal('cancel'), note }).strict(),
]);
export type ResolveInput = z.input<typeof resolveInputSchema>;

// ---------------------------------------------------------------- rules

const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/);
const currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/);
const carrierCode = z.string().trim().min(1).max(60);

export const auditRuleParamsSchemas = {
  'address-incomplete': z
    .object({
      /** Destinations whose carriers all print the recipient's phone on the label (Japan's do). */
      phoneCountries: z.array(country).max(250),
      /** Carriers that refuse a parcel without the recipient's phone, wherever it goes. */
      phoneCarriers: z.array(carrierCode).max(100),
      /** Countries without postcodes (Hong Kong, the Emirates…); a postcode is required everywhere else. */
      noPostcodeCountries: z.array(country).max(250),
    })
    .strict(),
  'po-box': z
    .object({
      refusingCarriers: z.array(carrierCode).max(100),
      /** Before a carrier is chosen nobody knows whether it takes PO boxes: flag them so a person decides. */
      flagWithoutCarrier: z.boolean(),
    })
    .strict(),
  'stock-insufficient': z.object({}).strict(),
  'high-value': z
    .object({ thresholdsMinor: z.record(currency, z.number().int().positive().max(1e12)) })
    .strict(),
  'duplicate-order': z
    .object({ windowHours: z.number().int().min(1).max(720), match: z.enum(['buyer', 'address', 'either']) })
    .strict(),
  'sku-unmapped': z.object({}).strict(),
  'weight-unknown': z.object({}).strict(),
} satisfies Record<AuditRuleCode, z.ZodType>;
export type AuditRuleParams<C extends AuditRuleCode = AuditRuleCode> = z.infer<(typeof auditRuleParamsSchemas)[C]>;

export type AuditRuleConfig = { [C in AuditRuleCode]: { code: C; enabled: boolean; params: AuditRuleParams<C> } }[AuditRuleCode];
export type AuditRuleSet = { [C in AuditRuleCode]: { enabled: boolean; params: AuditRuleParams<C> } };

const ruleConfig = <C extends AuditRuleCode>(code: C) => z.object({ code: z.literal(code), enabled: z.boolean(), params: auditRuleParamsSchemas[code] }).strict();
export const auditRuleConfigSchema = z.discriminatedUnion('code', [
  ruleConfig('address-incomplete'),
  ruleConfig('po-box'),
  ruleConfig('stock-insufficient'),
  ruleConfig('high-value'),
  ruleConfig('duplicate-order'),
  ruleConfig('sku-unmapped'),
  ruleConfig('weight-unknown'),
]);
export const auditRuleConfigsSchema = z.array(auditRuleConfigSchema).min(1).max(auditRuleCodes.length);

/** What a store starts with; each seller tunes them. */
export const defaultAuditRules: AuditRuleSet = {
  'address-incomplete': {
    enabled: true,
    params: {
      phoneCountries: ['JP', 'CN', 'KR', 'BR', 'IN', 'SA', 'AE', 'TR'],
      phoneCarriers: ['DHL', 'FedEx', 'SF Express', 'YunExpress', '4PX', 'Yanwen', 'Yamato Transport', 'Sagawa Express', 'Japan Post'],
      noPostcodeCountries: ['AE', 'AG', 'AO', 'AW', 'BS', 'BZ', 'BJ', 'BW', 'BF', 'BI', 'CM', 'CF', 'KM', 'CG', 'CD', 'CK', 'CI', 'DJ', 'DM', 'GQ', 'ER', 'FJ', 'GM', 'GH', 'GD', 'GY', 'HK', 'IE', 'JM', 'KI', 'KP', 'MO', 'MW', 'ML', 'MR', 'MU', 'NR', 'NU', 'QA', 'RW', 'KN', 'LC', 'ST', 'SC', 'SL', 'SB', 'SO', 'SR', 'TZ', 'TL', 'TK', 'TO', 'TT', 'TV', 'UG', 'VU', 'YE', 'ZW'],
    },
  },
  'po-box': { enabled: true, params: { refusingCarriers: ['UPS', 'FedEx', 'DHL', 'DHL eCommerce', 'Amazon Shipping', 'OnTrac', 'Lasership', 'Purolator', 'DPD', 'GLS', 'Yamato Transport', 'Sagawa Express'], flagWithoutCarrier: true } },
  'stock-insufficient': { enabled: true, params: {} },
  'high-value': { enabled: true, params: { thresholdsMinor: { USD: 50_000, CAD: 65_000, MXN: 1_000_000, GBP: 40_000, EUR: 50_000, SEK: 550_000, PLN: 200_000, JPY: 70_000, AUD: 75_000 } } },
  'duplicate-order': { enabled: true, params: { windowHours: 24, match: 'either' } },
  'sku-unmapped': { enabled: true, params: {} },
  'weight-unknown': { enabled: true, params: {} },
};

/** A warehouse serves these destinations (null: everywhere), tried by ascending priority. */
export const allocationRuleSchema = z
  .object({
    priority: z.number().int().min(0).max(1_000_000),
    warehouseId: id,
    countries: z.array(country).min(1).max(250).nullable(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type AllocationRuleInput = z.input<typeof allocationRuleSchema>;
export type AllocationRule = z.infer<typeof allocationRuleSchema> & { id: number };
export const allocationRulesSchema = z.array(allocationRuleSchema).max(200);

const range = (max: number) =>
  z
    .object({ min: z.number().int().min(0).max(max).optional(), max: z.number().int().min(0).max(max).optional() })
    .strict()
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min-above-max' });

/**
 * Conditions of a carrier/channel rule (物流渠道匹配); every condition given must hold. Ranges are inclusive at both
 * ends: weight 0–500 g and 501–2000 g leave no gap and no overlap. Money is compared in the order's currency.
 */
export const carrierConditionsSchema = z
  .object({
    countries: z.array(country).min(1).max(250).optional(),
    /** Destination state/prefecture/region as Amazon sends it (CA, 北海道, Bayern), compared case-insensitively. */
    regions: z.array(z.string().trim().min(1).max(60)).min(1).max(200).optional(),
    warehouseIds: z.array(id).min(1).max(100).optional(),
    weightG: range(1_000_000).optional(),
    /** Longest side of the largest item, in mm. */
    maxSideMm: range(10_000).optional(),
    value: z.object({ currency, min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict().optional(),
    /** true: only Prime / premium shipping orders; false: only the others. */
    premium: z.boolean().optional(),
    /** Hours left until the ship-by date, when the rule is evaluated. */
    hoursToShipBy: range(10_000).optional(),
  })
  .strict();
export type CarrierConditions = z.infer<typeof carrierConditionsSchema>;

export const carrierRuleSchema = z
  .object({
    priority: z.number().int().min(0).max(1_000_000),
    name: z.string().trim().min(1).max(100),
    conditions: carrierConditionsSchema,
    // Checked on the field itself so the error names it even inside a list of rules.
    carrierCode: carrierCode.refine(isAmazonCarrierCode, { message: 'unknown-carrier' }),
    carrierName: z.string().trim().min(1).max(100).nullable().default(null),
    shippingService: z.string().trim().min(1).max(100).nullable().default(null),
    labelTemplate: z.string().trim().min(1).max(40).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (validateCarrierChoice(r.carrierCode, r.carrierName) === 'name-required') ctx.addIssue({ code: 'custom', path: ['carrierName'], message: 'name-required' });
  });
export type CarrierRuleInput = z.input<typeof carrierRuleSchema>;
export type CarrierRule = z.infer<typeof carrierRuleSchema> & { id: number };
export const carrierRulesSchema = z.array(carrierRuleSchema).max(500);

/** The settings key that lets one order ship from several warehouses, one Amazon package each. */
export const ALLOW_SPLIT_SETTING = 'fulfillment.allowSplit';

// ---------------------------------------------------------------- views

export interface CarrierChoice {
  carrierCode: string;
  carrierName: string | null;
  shippingService: string | null;
  labelTemplate: string | null;
  /** The rule that chose it; null when a person did. */
  ruleId: number | null;
}

export interface AllocationPackage {
  packageNo: number;
  warehouseId: number;
  /** Order items and how many of each go in this package (what confirmShipment lists for it). */
  items: { orderItemId: string; quantity: number }[];
  /** The units picked for it, bundles expanded to their components. */
  units: { productId: number; quantity: number }[];
}

export interface OrderWorkflow {
  orderId: string;
  state: WorkflowState;
  version: number;
  warehouseId: number | null;
  carrierCode: string | null;
  carrierName: string | null;
  shippingService: string | null;
  labelTemplate: string | null;
  waveId: number | null;
  tote: string | null;
  weightG: number | null;
  stateChangedAt: string;
}

/** What the orders and exceptions screens show of an order's fulfilment. */
export interface OrderFulfillmentView extends OrderWorkflow {
  packages: AllocationPackage[];
  openExceptions: OrderException[];
}

/** What process() did with each order, for the caller's summary. */
export type ProcessOutcome = 'skipped' | 'exception' | 'allocated' | 'cancelled' | 'shipped' | 'unchanged';
