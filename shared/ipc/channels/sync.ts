import { z } from 'zod';
import { channel } from '../channel';
import { syncStatusSchema } from '../../domain/sync';
import { healthInputSchema, syncHealthSchema } from '../../domain/sync-health';

const empty = z.object({}).strict();

export const syncChannels = {
  'sync:status': channel({ input: empty, output: syncStatusSchema }),
  /** Starts the runs at once and answers without waiting for them (a backfill can take hours under Amazon's plan). */
  'sync:run-now': channel({ input: z.object({ storeId: z.number().int().positive().optional() }).strict(), output: syncStatusSchema }),
  'sync:pause': channel({ input: empty, output: syncStatusSchema }),
  'sync:resume': channel({ input: empty, output: syncStatusSchema }),
  /** The morning check: per-job call metrics, outbox queues and dead letters, hourly series, findings as codes. */
  'sync:health': channel({ input: healthInputSchema, output: syncHealthSchema }),
  /** Puts one dead write back in its store's queue; unknown seq → not-found, a row that is not dead → conflict. */
  'outbox:retry-dead': channel({ input: z.object({ seq: z.number().int().positive() }).strict(), output: z.object({ ok: z.literal(true) }) }),
};
