import type { SpApiClient } from './client';
import { inventorySummariesResponseSchema } from './schemas/inventory';
import { getOrderResponseSchema, searchOrdersResponseSchema, type IncludedData } from './schemas/orders';
import { marketplaceParticipationsSchema } from './schemas/sellers';

export type SearchOrdersParams = (
  | { createdAfter: string; createdBefore?: string }
  | { lastUpdatedAfter: string; lastUpdatedBefore?: string }
) & {
  marketplaceIds?: string[];
  fulfillmentStatuses?: string[];
  fulfilledBy?: ('MERCHANT' | 'AMAZON')[];
  includedData?: IncludedData[];
  maxResultsPerPage?: number;
  paginationToken?: string;
};

export interface ConfirmShipmentBody {
  marketplaceId: string;
  packageDetail: {
    packageReferenceId: string;
    carrierCode: string;
    carrierName?: string;
    shippingMethod?: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: { orderItemId: string; quantity: number }[];
  };
}

/** The operations the app uses, typed, at the versions the issue pins (Orders 2026-01-01 for reading, v0 for writes). */
export function amazonApi(client: SpApiClient) {
  return {
    searchOrders: (params: SearchOrdersParams) =>
      client.call('searchOrders', { query: { ...params }, marketplaceId: params.marketplaceIds?.length === 1 ? params.marketplaceIds[0] : undefined }, searchOrdersResponseSchema),

    getOrder: (orderId: string, includedData?: IncludedData[]) =>
      client.call('getOrder', { path: { orderId }, query: { includedData } }, getOrderResponseSchema),

    confirmShipment: (orderId: string, body: ConfirmShipmentBody) =>
      client.call('confirmShipment', { path: { orderId }, body, marketplaceId: body.marketplaceId }, null),

    updateShipmentStatus: (orderId: string, body: { marketplaceId: string; shipmentStatus: 'ReadyForPickup' | 'PickedUp' | 'RefusedPickup'; orderItems?: { orderItemId: string; quantity: number }[] }) =>
      client.call('updateShipmentStatus', { path: { orderId }, body, marketplaceId: body.marketplaceId }, null),

    getInventorySummaries: (marketplaceId: string, opts: { details?: boolean; startDateTime?: string; sellerSkus?: string[]; nextToken?: string } = {}) =>
      client.call(
        'getInventorySummaries',
        {
          query: {
            details: opts.details ?? true,
            granularityType: 'Marketplace',
            granularityId: marketplaceId,
            marketplaceIds: [marketplaceId],
            startDateTime: opts.startDateTime,
            sellerSkus: opts.sellerSkus,
            nextToken: opts.nextToken,
          },
          marketplaceId,
        },
        inventorySummariesResponseSchema,
      ),

    /** The cheapest call that proves the credentials work: used by "test connection". */
    getMarketplaceParticipations: () => client.call('getMarketplaceParticipations', {}, marketplaceParticipationsSchema),
  };
}

export type AmazonApi = ReturnType<typeof amazonApi>;
