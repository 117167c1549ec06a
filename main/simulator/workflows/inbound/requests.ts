import { z } from 'zod';
import { invalidInput, type SimResponse } from '../../http-types';

/**
 * Request shapes of Fulfillment Inbound 2024-03-20 as the model defines them. A body that breaks the model is refused
 * at once with 400 InvalidInput; what only Amazon's back end can judge (an MSKU it does not know, a quantity of zero, a
 * box over the limits) passes here and fails the operation later, as the real service does.
 */
const ID = z.string().length(38).regex(/^[a-zA-Z0-9-]*$/);
const OWNER = z.enum(['AMAZON', 'SELLER', 'NONE']);
const DATE_TIME = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/).refine((v) => !Number.isNaN(Date.parse(v)));

const itemInput = z.object({
  msku: z.string().min(1).max(255),
  // No minimum here on purpose: Amazon accepts the request and fails the operation for a quantity below one.
  quantity: z.number().int(),
  labelOwner: OWNER,
  prepOwner: OWNER,
  expiration: z.string().regex(/^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])$/).optional(),
  manufacturingLotCode: z.string().min(1).max(256).optional(),
});

const addressInput = z.object({
  name: z.string().min(1).max(50),
  companyName: z.string().min(1).max(50).optional(),
  addressLine1: z.string().min(1).max(180),
  addressLine2: z.string().min(1).max(60).optional(),
  city: z.string().min(1).max(30),
  districtOrCounty: z.string().min(1).max(50).optional(),
  stateOrProvinceCode: z.string().min(1).max(64).optional(),
  postalCode: z.string().min(1).max(32),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  phoneNumber: z.string().min(1).max(20),
  email: z.string().min(1).max(1024).optional(),
});

export const createInboundPlanBody = z.object({
  destinationMarketplaces: z.array(z.string().min(1)).length(1),
  items: z.array(itemInput).min(1).max(2000),
  name: z.string().min(1).max(40).optional(),
  sourceAddress: addressInput,
});

const boxInput = z.object({
  contentInformationSource: z.enum(['BOX_CONTENT_PROVIDED', 'MANUAL_PROCESS', 'BARCODE_2D']),
  dimensions: z.object({
    length: z.number().min(0).max(100000),
    width: z.number().min(0).max(100000),
    height: z.number().min(0).max(100000),
    unitOfMeasurement: z.enum(['IN', 'CM']),
  }),
  weight: z.object({ value: z.number().min(0).max(100000), unit: z.enum(['LB', 'KG']) }),
  quantity: z.number().int().min(1).max(10000),
  items: z.array(itemInput).optional(),
});

export const setPackingInformationBody = z.object({
  packageGroupings: z
    .array(
      z
        .object({ packingGroupId: ID.optional(), shipmentId: ID.optional(), boxes: z.array(boxInput).min(1).max(5000) })
        .refine((g) => (g.packingGroupId === undefined) !== (g.shipmentId === undefined), 'One of shipmentId or packingGroupId must be provided.'),
    )
    .min(1),
});

export const generatePlacementOptionsBody = z.object({
  customPlacement: z.array(z.object({ warehouseId: z.string().min(1).max(1024), items: z.array(itemInput).min(1).max(2000) })).optional(),
});

const contact = z.object({ name: z.string().min(1).max(50), phoneNumber: z.string().min(1).max(20), email: z.string().min(1).max(1024).optional() });

export const generateTransportationOptionsBody = z.object({
  placementOptionId: ID,
  shipmentTransportationConfigurations: z
    .array(
      z.object({
        shipmentId: ID,
        readyToShipWindow: z.object({ start: DATE_TIME }),
        contactInformation: contact.optional(),
        freightInformation: z.unknown().optional(),
        pallets: z.array(z.unknown()).optional(),
      }),
    )
    .min(1),
});

export const confirmTransportationOptionsBody = z.object({
  transportationSelections: z.array(z.object({ shipmentId: ID, transportationOptionId: ID, contactInformation: contact.optional() })).min(1),
});

export const updateTrackingBody = z.object({
  trackingDetails: z
    .object({
      spdTrackingDetail: z.object({ spdTrackingItems: z.array(z.object({ boxId: z.string().min(1).max(1024), trackingId: z.string().min(1).max(64) })) }).optional(),
      ltlTrackingDetail: z
        .object({ billOfLadingNumber: z.string().min(1).max(1024).optional(), freightBillNumber: z.array(z.string()).length(1) })
        .optional(),
    })
    .refine((t) => t.spdTrackingDetail !== undefined || t.ltlTrackingDetail !== undefined, 'trackingDetails needs spdTrackingDetail or ltlTrackingDetail.'),
});

export type CreateInboundPlanBody = z.infer<typeof createInboundPlanBody>;
export type SetPackingInformationBody = z.infer<typeof setPackingInformationBody>;
export type ItemInputBody = z.infer<typeof itemInput>;

/** Parses a body against one of the schemas above, or answers 400 naming the first offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): { ok: z.output<S> } | { error: SimResponse } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return { error: invalidInput(`Invalid request: ${where}: ${issue?.message ?? 'invalid'}.`) };
}

/** Path ids are 38 characters of letters, digits and hyphens; anything else is a malformed request, not a missing plan. */
export function checkId(name: string, value: string | undefined): SimResponse | null {
  return value !== undefined && ID.safeParse(value).success ? null : invalidInput(`Invalid ${name}: expected 38 letters, digits or hyphens.`);
}

/** `pageSize` within the operation's range (default 10) and an opaque `paginationToken` we issued. */
export function pageQuery(query: URLSearchParams, max: number): { ok: { size: number; offset: number } } | { error: SimResponse } {
  const raw = query.get('pageSize');
  const size = raw === null ? 10 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > max) return { error: invalidInput(`pageSize must be an integer from 1 to ${max}.`) };
  const token = query.get('paginationToken');
  if (token === null) return { ok: { size, offset: 0 } };
  const offset = /^p(\d{1,6})$/.exec(token)?.[1];
  if (offset === undefined) return { error: invalidInput('Invalid paginationToken.') };
  return { ok: { size, offset: Number(offset) } };
}

/** One page of `all` and the model's `pagination` object (present only when more follow). */
export function page<T>(all: readonly T[], p: { size: number; offset: number }): { items: T[]; pagination?: { nextToken: string } } {
  const items = all.slice(p.offset, p.offset + p.size);
  const next = p.offset + p.size;
  return next < all.length ? { items, pagination: { nextToken: `p${next}` } } : { items };
}
