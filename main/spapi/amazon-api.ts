import type { SpApiClient } from './client';
import { inventorySummariesResponseSchema } from './schemas/inventory';
import { getOrderResponseSchema, searchOrdersResponseSchema, type IncludedData } from './schemas/orders';
import { marketplaceParticipationsSchema } from './schemas/sellers';
import { listFinancialEventGroupsResponseSchema, listTransactionsResponseSchema } from './schemas/finances';
import {
  createInboundPlanResponseSchema,
  getLabelsResponseSchema,
  inboundOperationStatusSchema,
  listDeliveryWindowOptionsResponseSchema,
  listItemsResponseSchema,
  listPackingOptionsResponseSchema,
  listPlacementOptionsResponseSchema,
  listShipmentBoxesResponseSchema,
  listTransportationOptionsResponseSchema,
  operationAcceptedSchema,
  shipmentItemsV0ResponseSchema,
  shipmentSchema,
} from './schemas/inbound';

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

/** Fulfillment Inbound 2024-03-20 request shapes, as the model names them. */
export interface InboundAddressInput {
  name: string;
  companyName?: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrProvinceCode?: string;
  postalCode: string;
  countryCode: string;
  phoneNumber: string;
  email?: string;
}
export interface InboundItemInput {
  msku: string;
  quantity: number;
  prepOwner: 'AMAZON' | 'SELLER' | 'NONE';
  labelOwner: 'AMAZON' | 'SELLER' | 'NONE';
}
export interface InboundBoxInput {
  contentInformationSource: 'BOX_CONTENT_PROVIDED';
  dimensions: { length: number; width: number; height: number; unitOfMeasurement: 'IN' | 'CM' };
  weight: { value: number; unit: 'LB' | 'KG' };
  quantity: number;
  items: InboundItemInput[];
}
/** updateShipmentTrackingDetails: one number per box for small parcel, the freight bill (and BOL) for LTL. */
export type InboundTrackingInput =
  | { spdTrackingDetail: { spdTrackingItems: { boxId: string; trackingId: string }[] } }
  | { ltlTrackingDetail: { freightBillNumber: [string]; billOfLadingNumber?: string } };
export interface ShipmentTransportationConfiguration {
  shipmentId: string;
  readyToShipWindow: { start: string };
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

    /** Fulfillment Inbound 2024-03-20: most writes answer 202 with an operation to poll (getInboundOperationStatus). */
    inbound: inboundApi(client),

    /** Finances: 2024-06-19 transactions by posted date, v0 financial event groups (settlement periods). */
    finances: financesApi(client),

    /** The cheapest call that proves the credentials work: used by "test connection". */
    getMarketplaceParticipations: () => client.call('getMarketplaceParticipations', {}, marketplaceParticipationsSchema),
  };
}

export type AmazonApi = ReturnType<typeof amazonApi>;

/** Posted dates must close at least two minutes before the request; the window is at most 180 days. */
function financesApi(client: SpApiClient) {
  return {
    listTransactions: (params: { postedAfter: string; postedBefore?: string; marketplaceId?: string; nextToken?: string }) =>
      client.call('listTransactions', { query: { ...params }, marketplaceId: params.marketplaceId }, listTransactionsResponseSchema),
    listFinancialEventGroups: (params: { startedAfter: string; startedBefore?: string; nextToken?: string }) =>
      client.call(
        'listFinancialEventGroups',
        {
          query: {
            MaxResultsPerPage: 100,
            FinancialEventGroupStartedAfter: params.startedAfter,
            FinancialEventGroupStartedBefore: params.startedBefore,
            NextToken: params.nextToken,
          },
        },
        listFinancialEventGroupsResponseSchema,
      ),
  };
}

function inboundApi(client: SpApiClient) {
  const page = { pageSize: 20 };
  return {
    createInboundPlan: (body: { name: string; destinationMarketplaces: string[]; sourceAddress: InboundAddressInput; items: InboundItemInput[] }) =>
      client.call('createInboundPlan', { body, marketplaceId: body.destinationMarketplaces[0] }, createInboundPlanResponseSchema),
    getInboundOperationStatus: (operationId: string) => client.call('getInboundOperationStatus', { path: { operationId } }, inboundOperationStatusSchema),
    cancelInboundPlan: (inboundPlanId: string) => client.call('cancelInboundPlan', { path: { inboundPlanId } }, operationAcceptedSchema),

    generatePackingOptions: (inboundPlanId: string) => client.call('generatePackingOptions', { path: { inboundPlanId } }, operationAcceptedSchema),
    listPackingOptions: (inboundPlanId: string, paginationToken?: string) =>
      client.call('listPackingOptions', { path: { inboundPlanId }, query: { ...page, paginationToken } }, listPackingOptionsResponseSchema),
    confirmPackingOption: (inboundPlanId: string, packingOptionId: string) =>
      client.call('confirmPackingOption', { path: { inboundPlanId, packingOptionId } }, operationAcceptedSchema),
    listPackingGroupItems: (inboundPlanId: string, packingGroupId: string, paginationToken?: string) =>
      client.call('listPackingGroupItems', { path: { inboundPlanId, packingGroupId }, query: { pageSize: 100, paginationToken } }, listItemsResponseSchema),
    setPackingInformation: (inboundPlanId: string, body: { packageGroupings: { packingGroupId: string; boxes: InboundBoxInput[] }[] }) =>
      client.call('setPackingInformation', { path: { inboundPlanId }, body }, operationAcceptedSchema),

    generatePlacementOptions: (inboundPlanId: string) => client.call('generatePlacementOptions', { path: { inboundPlanId }, body: {} }, operationAcceptedSchema),
    listPlacementOptions: (inboundPlanId: string, paginationToken?: string) =>
      client.call('listPlacementOptions', { path: { inboundPlanId }, query: { ...page, paginationToken } }, listPlacementOptionsResponseSchema),
    confirmPlacementOption: (inboundPlanId: string, placementOptionId: string) =>
      client.call('confirmPlacementOption', { path: { inboundPlanId, placementOptionId } }, operationAcceptedSchema),

    getShipment: (inboundPlanId: string, shipmentId: string) => client.call('getShipment', { path: { inboundPlanId, shipmentId } }, shipmentSchema),
    listShipmentItems: (inboundPlanId: string, shipmentId: string, paginationToken?: string) =>
      client.call('listShipmentItems', { path: { inboundPlanId, shipmentId }, query: { pageSize: 1000, paginationToken } }, listItemsResponseSchema),

    listShipmentBoxes: (inboundPlanId: string, shipmentId: string, paginationToken?: string) =>
      client.call('listShipmentBoxes', { path: { inboundPlanId, shipmentId }, query: { pageSize: 1000, paginationToken } }, listShipmentBoxesResponseSchema),

    generateTransportationOptions: (inboundPlanId: string, body: { placementOptionId: string; shipmentTransportationConfigurations: ShipmentTransportationConfiguration[] }) =>
      client.call('generateTransportationOptions', { path: { inboundPlanId }, body }, operationAcceptedSchema),
    listTransportationOptions: (inboundPlanId: string, filter: { placementOptionId?: string; shipmentId?: string }, paginationToken?: string) =>
      client.call('listTransportationOptions', { path: { inboundPlanId }, query: { ...page, ...filter, paginationToken } }, listTransportationOptionsResponseSchema),
    confirmTransportationOptions: (inboundPlanId: string, body: { transportationSelections: { shipmentId: string; transportationOptionId: string }[] }) =>
      client.call('confirmTransportationOptions', { path: { inboundPlanId }, body }, operationAcceptedSchema),

    generateDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string) =>
      client.call('generateDeliveryWindowOptions', { path: { inboundPlanId, shipmentId } }, operationAcceptedSchema),
    listDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string) =>
      client.call('listDeliveryWindowOptions', { path: { inboundPlanId, shipmentId }, query: { ...page } }, listDeliveryWindowOptionsResponseSchema),
    confirmDeliveryWindowOptions: (inboundPlanId: string, shipmentId: string, deliveryWindowOptionId: string) =>
      client.call('confirmDeliveryWindowOptions', { path: { inboundPlanId, shipmentId, deliveryWindowOptionId } }, operationAcceptedSchema),

    updateShipmentTrackingDetails: (inboundPlanId: string, shipmentId: string, trackingDetails: InboundTrackingInput) =>
      client.call('updateShipmentTrackingDetails', { path: { inboundPlanId, shipmentId }, body: { trackingDetails } }, operationAcceptedSchema),

    /** v0, with the shipment confirmation id (FBA…): receiving progress per SKU. */
    getShipmentItemsByShipmentId: (shipmentConfirmationId: string, marketplaceId: string) =>
      client.call('getShipmentItemsByShipmentId', { path: { shipmentId: shipmentConfirmationId }, query: { MarketplaceId: marketplaceId }, marketplaceId }, shipmentItemsV0ResponseSchema),
    /** v0, with the shipment confirmation id: Amazon's carton labels; the URL it answers is valid for 15 seconds. */
    getLabels: (shipmentConfirmationId: string, opts: { pageType: string; numberOfPackages: number }) =>
      client.call(
        'getLabels',
        { path: { shipmentId: shipmentConfirmationId }, query: { PageType: opts.pageType, LabelType: 'UNIQUE', NumberOfPackages: opts.numberOfPackages } },
        getLabelsResponseSchema,
      ),
  };
}
