import { z } from 'zod';
import { channel } from '../channel';
import { localeSchema } from '../../domain/locale';

/** A null locale means "follow the OS language". */
export const preferencesSchema = z.object({ locale: localeSchema.nullable() });
export type Preferences = z.infer<typeof preferencesSchema>;

export const settingsChannels = {
  'settings:get-preferences': channel({ input: z.object({}).strict(), output: preferencesSchema }),
  'settings:update-preferences': channel({
    input: z.object({ locale: localeSchema.nullable() }).strict(),
    output: preferencesSchema,
  }),
};
