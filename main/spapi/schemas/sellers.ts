import { z } from 'zod';

export const marketplaceParticipationsSchema = z.looseObject({
  payload: z.array(
    z.looseObject({
      marketplace: z.looseObject({ id: z.string(), name: z.string(), countryCode: z.string(), defaultCurrencyCode: z.string(), defaultLanguageCode: z.string(), domainName: z.string() }),
      participation: z.looseObject({ isParticipating: z.boolean(), hasSuspendedListings: z.boolean() }),
      storeName: z.string(),
    }),
  ),
});
export type MarketplaceParticipations = z.infer<typeof marketplaceParticipationsSchema>;
