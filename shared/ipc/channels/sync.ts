import { z } from 'zod';
import { channel } from '../channel';
import { syncStatusSchema } from '../../domain/sync';

const empty = z.object({}).strict();

export const syncChannels = {
  'sync:status': channel({ input: empty, output: syncStatusSchema }),
  /** Starts the runs at once and answers without waiting for them (a backfill can take hours under Amazon's plan). */
  'sync:run-now': channel({ input: z.object({ storeId: z.number().int().positive().optional() }).strict(), output: syncStatusSchema }),
  'sync:pause': channel({ input: empty, output: syncStatusSchema }),
  'sync:resume': channel({ input: empty, output: syncStatusSchema }),
};
