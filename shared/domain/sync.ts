import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';

export const jobStateSchema = z.enum(['idle', 'running', 'paused', 'error', 'no-credentials']);

export const jobStatusSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  job: z.string(),
  state: jobStateSchema,
  lastSuccessAt: isoDateTime.nullable(),
  nextRunAt: isoDateTime.nullable(),
  lastError: z.object({ kind: z.string(), message: z.string() }).nullable(),
  progress: z
    .object({ mode: z.string(), pages: z.number().int(), items: z.number().int(), etaSeconds: z.number().nullable() })
    .nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const syncStatusSchema = z.object({ paused: z.boolean(), jobs: z.array(jobStatusSchema) });
export type SyncStatus = z.infer<typeof syncStatusSchema>;
