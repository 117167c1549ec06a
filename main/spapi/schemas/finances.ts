import { z } from 'zod';
import { isoTime } from './common';

/**
 * Finances 2024-06-19 (listTransactions) and v0 (listFinancialEventGroups), the fields the app reads. Amazon sends
 * amounts here as JSON numbers (BigDecimal), not strings: they are turned into minor units on their decimal digits
 * (see transaction-mapping.ts), never added as floats.
 */
const amount = z.looseObject({ currencyCode: z.string().length(3), currencyAmount: z.number() });

export interface SpBreakdown {
  breakdownType?: string | undefined;
  breakdownAmount?: z.infer<typeof amount> | undefined;
  breakdowns?: SpBreakdown[] | undefined;
}
const breakdown: z.ZodType<SpBreakdown> = z.lazy(() =>
  z.looseObject({ breakdownType: z.string().optional(), breakdownAmount: amount.optional(), breakdowns: z.array(breakdown).optional() }),
);

// Context is an allOf of several shapes keyed by contextType; only the product context's fields are read.
const context = z.looseObject({
  contextType: z.string().optional(),
  sku: z.string().optional(),
  asin: z.string().optional(),
  quantityShipped: z.number().int().optional(),
  fulfillmentNetwork: z.string().optional(),
});

const item = z.looseObject({
  description: z.string().optional(),
  totalAmount: amount.optional(),
  relatedIdentifiers: z.array(z.looseObject({ itemRelatedIdentifierName: z.string().optional(), itemRelatedIdentifierValue: z.string().optional() })).optional(),
  breakdowns: z.array(breakdown).optional(),
  contexts: z.array(context).optional(),
});

export const transactionSchema = z.looseObject({
  transactionId: z.string().optional(),
  transactionType: z.string().optional(),
  transactionStatus: z.string().optional(),
  description: z.string().optional(),
  postedDate: isoTime,
  totalAmount: amount,
  sellingPartnerMetadata: z.looseObject({ marketplaceId: z.string().optional() }).optional(),
  marketplaceDetails: z.looseObject({ marketplaceId: z.string().optional() }).optional(),
  relatedIdentifiers: z.array(z.looseObject({ relatedIdentifierName: z.string().optional(), relatedIdentifierValue: z.string().optional() })).optional(),
  items: z.array(item).optional(),
  breakdowns: z.array(breakdown).optional(),
  contexts: z.array(context).optional(),
});
export type SpTransaction = z.infer<typeof transactionSchema>;

export const listTransactionsResponseSchema = z.looseObject({
  payload: z.looseObject({ nextToken: z.string().optional(), transactions: z.array(transactionSchema).optional() }).optional(),
});

const v0Amount = z.looseObject({ CurrencyCode: z.string().length(3).optional(), CurrencyAmount: z.number().optional() });

export const financialEventGroupSchema = z.looseObject({
  FinancialEventGroupId: z.string().min(1),
  ProcessingStatus: z.string().optional(),
  FundTransferStatus: z.string().optional(),
  OriginalTotal: v0Amount.optional(),
  ConvertedTotal: v0Amount.optional(),
  FundTransferDate: isoTime.optional(),
  BeginningBalance: v0Amount.optional(),
  FinancialEventGroupStart: isoTime.optional(),
  FinancialEventGroupEnd: isoTime.optional(),
});
export type SpFinancialEventGroup = z.infer<typeof financialEventGroupSchema>;

export const listFinancialEventGroupsResponseSchema = z.looseObject({
  payload: z.looseObject({ NextToken: z.string().optional(), FinancialEventGroupList: z.array(financialEventGroupSchema).optional() }).optional(),
});
