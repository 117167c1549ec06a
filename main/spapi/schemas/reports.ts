import { z } from 'zod';
import { isoTime } from './common';

/** Reports 2021-06-30 `processingStatus` (also the Feeds 2021-06-30 enum). */
export const processingStatusSchema = z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']);
export type ProcessingStatus = z.infer<typeof processingStatusSchema>;

export const createReportResponseSchema = z.looseObject({ reportId: z.string().min(1) });

/** `Report`: processingStatus, reportId, reportType and createdTime are required by the model. */
export const reportSchema = z.looseObject({
  reportId: z.string().min(1),
  reportType: z.string(),
  createdTime: isoTime,
  processingStatus: processingStatusSchema,
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: isoTime.optional(),
  dataEndTime: isoTime.optional(),
  reportScheduleId: z.string().optional(),
  processingStartTime: isoTime.optional(),
  processingEndTime: isoTime.optional(),
  reportDocumentId: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** `ReportDocument`: the URL is pre-signed and expires after five minutes; GZIP is the only compression the model names. */
export const reportDocumentSchema = z.looseObject({
  reportDocumentId: z.string().min(1),
  url: z.url(),
  compressionAlgorithm: z.enum(['GZIP']).optional(),
});
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
