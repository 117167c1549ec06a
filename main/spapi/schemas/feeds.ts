import { z } from 'zod';
import { isoTime } from './common';
import { processingStatusSchema } from './reports';

export const createFeedDocumentResponseSchema = z.looseObject({ feedDocumentId: z.string().min(1), url: z.url() });
export const createFeedResponseSchema = z.looseObject({ feedId: z.string().min(1) });

/** `Feed`: createdTime, feedId, feedType and processingStatus are required by the model. */
export const feedSchema = z.looseObject({
  feedId: z.string().min(1),
  feedType: z.string(),
  createdTime: isoTime,
  processingStatus: processingStatusSchema,
  marketplaceIds: z.array(z.string()).optional(),
  processingStartTime: isoTime.optional(),
  processingEndTime: isoTime.optional(),
  resultFeedDocumentId: z.string().optional(),
});
export type Feed = z.infer<typeof feedSchema>;

export const feedDocumentSchema = z.looseObject({
  feedDocumentId: z.string().min(1),
  url: z.url(),
  compressionAlgorithm: z.enum(['GZIP']).optional(),
});
export type FeedDocument = z.infer<typeof feedDocumentSchema>;

const severity = z.enum(['ERROR', 'WARNING', 'INFO']);
const count = z.number().int().nonnegative();

/**
 * JSON_LISTINGS_FEED processing report (listings-feed-processing-report-schema-v2): header, issues and summary are
 * required; `items` only comes when the feed header asked for `report.includedData`.
 */
export const listingsFeedProcessingReportSchema = z.looseObject({
  header: z.looseObject({ sellerId: z.string(), version: z.literal('2.0'), feedId: z.string() }),
  issues: z.array(
    z.looseObject({
      messageId: z.number().int().min(1).optional(),
      sku: z.string().min(1).optional(),
      code: z.string().min(1).optional(),
      severity,
      message: z.string().min(1),
      attributeName: z.string().optional(),
    }),
  ),
  summary: z.looseObject({
    errors: count,
    warnings: count,
    messagesProcessed: count,
    messagesAccepted: count,
    messagesInvalid: count,
    itemSummary: z.looseObject({ items: count, errors: count, warnings: count }).optional(),
  }),
  items: z.array(z.looseObject({})).optional(),
});
export type ListingsFeedProcessingReport = z.infer<typeof listingsFeedProcessingReportSchema>;
