import { z } from 'zod';
import { idText, isoDateTime, shortText } from '../ipc/limits';

export const regions = ['na', 'eu', 'fe'] as const;
export const regionSchema = z.enum(regions);
export type Region = z.infer<typeof regionSchema>;

/** Amazon marketplace ids are 10–14 upper-case alphanumerics (ATVPDKIKX0DER, A1PA6795UKMFR9). */
export const marketplaceIdSchema = z.string().regex(/^[A-Z0-9]{10,14}$/);

export const marketplaceSchema = z.object({
  id: marketplaceIdSchema,
  countryCode: z.string().length(2),
  region: regionSchema,
  currency: z.string().length(3),
  timeZone: z.string(),
  domain: z.string(),
});
export type Marketplace = z.infer<typeof marketplaceSchema>;

export const storeSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  sellerId: z.string().nullable(),
  region: regionSchema,
  marketplaceIds: z.array(marketplaceIdSchema),
  /** Backed by the built-in SP-API simulator, not a real Amazon account. */
  isDemo: z.boolean(),
  createdAt: isoDateTime,
});
export type Store = z.infer<typeof storeSchema>;

export const newStoreSchema = z
  .object({
    name: shortText,
    sellerId: idText.regex(/^[A-Z0-9]+$/).optional(),
    region: regionSchema,
    marketplaceIds: z.array(marketplaceIdSchema).min(1).max(25),
  })
  .strict();
export type NewStore = z.infer<typeof newStoreSchema>;
