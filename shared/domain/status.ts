import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';
import { regionSchema } from './store';

export const networkStateSchema = z.enum(['online', 'offline', 'unknown']);
export type NetworkState = z.infer<typeof networkStateSchema>;

/** 'never' until the first sync run of any store has finished. */
export const syncStateSchema = z.enum(['never', 'idle', 'running', 'paused', 'error']);
export type SyncState = z.infer<typeof syncStateSchema>;

export const appStatusSchema = z.object({
  appVersion: z.string(),
  store: z
    .object({ id: z.number().int(), name: z.string(), region: regionSchema, marketplaceCount: z.number().int(), isDemo: z.boolean() })
    .nullable(),
  /** True while any store is a demo store: the renderer shows the demo banner. */
  demo: z.boolean(),
  storeCount: z.number().int().nonnegative(),
  network: z.object({ state: networkStateSchema, checkedAt: isoDateTime.nullable() }),
  sync: z.object({ state: syncStateSchema, lastSuccessAt: isoDateTime.nullable() }),
  /** Writes to Amazon waiting in the outbox (they drain on reconnect) and those that gave up (need a person). */
  outbox: z.object({ pending: z.number().int().nonnegative(), dead: z.number().int().nonnegative() }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;
