import { z } from 'zod';

/**
 * Response schemas for the fields the app reads, following Amazon's models (required fields required, types exact).
 * Objects are loose: Amazon adds fields over time and we must not reject a response for a field we don't use.
 */
export const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 time');
export const money = z.looseObject({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string().length(3) });
export const timeRange = z.looseObject({ earliestDateTime: isoTime.optional(), latestDateTime: isoTime.optional() });

export const amazonError = z.looseObject({ code: z.string(), message: z.string(), details: z.string().optional() });
export const errorList = z.looseObject({ errors: z.array(amazonError) });
