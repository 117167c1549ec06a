import { z } from 'zod';
import { channel } from '../channel';
import { localeSchema } from '../../domain/locale';

/** A null locale means "follow the OS language". */
export const preferencesSchema = z.object({ locale: localeSchema.nullable() });
export type Preferences = z.infer<typeof preferencesSchema>;

/** How many units of each FBM offer's available stock are kept back from Amazon (against overselling on a miscount). */
export const inventorySettingsSchema = z.object({ fbmSafetyBuffer: z.number().int().min(0).max(100_000) });
export type InventorySettings = z.infer<typeof inventorySettingsSchema>;

export const settingsChannels = {
  'settings:get-preferences': channel({ input: z.object({}).strict(), output: preferencesSchema }),
  'settings:update-preferences': channel({
    input: z.object({ locale: localeSchema.nullable() }).strict(),
    output: preferencesSchema,
  }),
  'settings:get-inventory': channel({ input: z.object({}).strict(), output: inventorySettingsSchema }),
  /** A new buffer re-queues the quantity of every counted FBM offer. */
  'settings:update-inventory': channel({ input: inventorySettingsSchema.strict(), output: inventorySettingsSchema }),
};
