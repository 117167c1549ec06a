import { z } from 'zod';
import { isoTime } from './common';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

/** Listings Items 2021-08-01 `Issue`: code, message, severity and categories are required. */
export const listingIssueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  categories: z.array(z.string()),
  attributeNames: z.array(z.string()).optional(),
  marketplaceIds: z.array(z.string()).optional(),
  enforcements: z
    .looseObject({ actions: z.array(z.looseObject({ action: z.string() })), exemption: z.looseObject({ status: z.string(), expiryDate: isoTime.optional() }) })
    .optional(),
});
export type ListingIssue = z.infer<typeof listingIssueSchema>;

export const listingSummarySchema = z.looseObject({
  marketplaceId: z.string(),
  productType: z.string(),
  status: z.array(z.enum(['BUYABLE', 'DISCOVERABLE'])),
  createdDate: isoTime,
  lastUpdatedDate: isoTime,
  asin: z.string().optional(),
  conditionType: z.string().optional(),
  fnSku: z.string().optional(),
  itemName: z.string().optional(),
});

/** `Item` of getListingsItem: only `sku` is required; each data set comes when asked for in includedData. */
export const listingsItemSchema = z.looseObject({
  sku: z.string(),
  summaries: z.array(listingSummarySchema).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(listingIssueSchema).optional(),
  offers: z
    .array(
      z.looseObject({
        marketplaceId: z.string(),
        offerType: z.enum(['B2C', 'B2B']),
        price: z.looseObject({ currencyCode: z.string(), amount: decimal }),
        audience: z.looseObject({ value: z.string().optional(), displayName: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  fulfillmentAvailability: z.array(z.looseObject({ fulfillmentChannelCode: z.string(), quantity: z.number().int().nonnegative().optional() })).optional(),
  productTypes: z.array(z.looseObject({ marketplaceId: z.string(), productType: z.string() })).optional(),
});
export type ListingsItem = z.infer<typeof listingsItemSchema>;

/** `ListingsItemSubmissionResponse` of put/patch: sku, status and submissionId are required. */
export const listingsSubmissionResponseSchema = z.looseObject({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(listingIssueSchema).optional(),
  identifiers: z.array(z.looseObject({ marketplaceId: z.string().optional(), asin: z.string().optional() })).optional(),
});
export type ListingsSubmissionResponse = z.infer<typeof listingsSubmissionResponseSchema>;
