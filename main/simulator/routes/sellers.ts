import type { RouteContext, SimResponse } from '../http-types';
import { MARKETPLACE_INFO } from '../marketplace-info';

export function getMarketplaceParticipations(ctx: RouteContext): SimResponse {
  const payload = ctx.marketplaceIds.flatMap((id) => {
    const m = MARKETPLACE_INFO[id];
    if (!m) return [];
    return [
      {
        marketplace: { id, name: m.name, countryCode: m.countryCode, defaultCurrencyCode: m.currency, defaultLanguageCode: m.language, domainName: m.domain },
        participation: { isParticipating: true, hasSuspendedListings: false },
        storeName: ctx.seller.storeName,
      },
    ];
  });
  return { status: 200, body: { payload } };
}
