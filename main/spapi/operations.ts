/**
 * Every SP-API operation the app calls: where the `amazon-sp-api` package finds it (endpoint + pinned version) and
 * its default usage plan from Amazon's models (rate in requests/second, token-bucket burst). The real limit comes back
 * in `x-amzn-RateLimit-Limit` and corrects the rate at run time. tests/unit/spapi-usage-plans.test.ts checks this table
 * against the official model files.
 */
export interface SpApiOperation {
  endpoint: string;
  operation: string;
  version: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template as in the model; used by the simulator to route. */
  path: string;
  /** The model file (in Amazon's selling-partner-api-models) that defines it. */
  model: string;
  rate: number;
  burst: number;
}

const op = (o: SpApiOperation) => o;

export const operations = {
  searchOrders: op({ endpoint: 'orders', operation: 'searchOrders', version: '2026-01-01', method: 'GET', path: '/orders/2026-01-01/orders', model: 'orders-2026-01-01.json', rate: 0.0056, burst: 20 }),
  getOrder: op({ endpoint: 'orders', operation: 'getOrder', version: '2026-01-01', method: 'GET', path: '/orders/2026-01-01/orders/{orderId}', model: 'orders-2026-01-01.json', rate: 0.5, burst: 30 }),
  confirmShipment: op({ endpoint: 'orders', operation: 'confirmShipment', version: 'v0', method: 'POST', path: '/orders/v0/orders/{orderId}/shipmentConfirmation', model: 'orders-v0.json', rate: 2, burst: 10 }),
  updateShipmentStatus: op({ endpoint: 'orders', operation: 'updateShipmentStatus', version: 'v0', method: 'POST', path: '/orders/v0/orders/{orderId}/shipment', model: 'orders-v0.json', rate: 5, burst: 15 }),
  getInventorySummaries: op({ endpoint: 'fbaInventory', operation: 'getInventorySummaries', version: 'v1', method: 'GET', path: '/fba/inventory/v1/summaries', model: 'fba-inventory-v1.json', rate: 2, burst: 2 }),
  getListingsItem: op({ endpoint: 'listingsItems', operation: 'getListingsItem', version: '2021-08-01', method: 'GET', path: '/listings/2021-08-01/items/{sellerId}/{sku}', model: 'listings-items-2021-08-01.json', rate: 5, burst: 10 }),
  putListingsItem: op({ endpoint: 'listingsItems', operation: 'putListingsItem', version: '2021-08-01', method: 'PUT', path: '/listings/2021-08-01/items/{sellerId}/{sku}', model: 'listings-items-2021-08-01.json', rate: 5, burst: 10 }),
  patchListingsItem: op({ endpoint: 'listingsItems', operation: 'patchListingsItem', version: '2021-08-01', method: 'PATCH', path: '/listings/2021-08-01/items/{sellerId}/{sku}', model: 'listings-items-2021-08-01.json', rate: 5, burst: 5 }),
  createReport: op({ endpoint: 'reports', operation: 'createReport', version: '2021-06-30', method: 'POST', path: '/reports/2021-06-30/reports', model: 'reports-2021-06-30.json', rate: 0.0167, burst: 15 }),
  getReport: op({ endpoint: 'reports', operation: 'getReport', version: '2021-06-30', method: 'GET', path: '/reports/2021-06-30/reports/{reportId}', model: 'reports-2021-06-30.json', rate: 2, burst: 15 }),
  getReportDocument: op({ endpoint: 'reports', operation: 'getReportDocument', version: '2021-06-30', method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}', model: 'reports-2021-06-30.json', rate: 0.0167, burst: 15 }),
  createFeedDocument: op({ endpoint: 'feeds', operation: 'createFeedDocument', version: '2021-06-30', method: 'POST', path: '/feeds/2021-06-30/documents', model: 'feeds-2021-06-30.json', rate: 0.5, burst: 15 }),
  createFeed: op({ endpoint: 'feeds', operation: 'createFeed', version: '2021-06-30', method: 'POST', path: '/feeds/2021-06-30/feeds', model: 'feeds-2021-06-30.json', rate: 0.0083, burst: 15 }),
  getFeed: op({ endpoint: 'feeds', operation: 'getFeed', version: '2021-06-30', method: 'GET', path: '/feeds/2021-06-30/feeds/{feedId}', model: 'feeds-2021-06-30.json', rate: 2, burst: 15 }),
  getFeedDocument: op({ endpoint: 'feeds', operation: 'getFeedDocument', version: '2021-06-30', method: 'GET', path: '/feeds/2021-06-30/documents/{feedDocumentId}', model: 'feeds-2021-06-30.json', rate: 0.0222, burst: 10 }),
  createRestrictedDataToken: op({ endpoint: 'tokens', operation: 'createRestrictedDataToken', version: '2021-03-01', method: 'POST', path: '/tokens/2021-03-01/restrictedDataToken', model: 'tokens-2021-03-01.json', rate: 1, burst: 10 }),
  getCatalogItem: op({ endpoint: 'catalogItems', operation: 'getCatalogItem', version: '2022-04-01', method: 'GET', path: '/catalog/2022-04-01/items/{asin}', model: 'catalog-items-2022-04-01.json', rate: 2, burst: 2 }),
  searchCatalogItems: op({ endpoint: 'catalogItems', operation: 'searchCatalogItems', version: '2022-04-01', method: 'GET', path: '/catalog/2022-04-01/items', model: 'catalog-items-2022-04-01.json', rate: 2, burst: 2 }),
  listTransactions: op({ endpoint: 'finances', operation: 'listTransactions', version: '2024-06-19', method: 'GET', path: '/finances/2024-06-19/transactions', model: 'finances-2024-06-19.json', rate: 0.5, burst: 10 }),
  listFinancialEvents: op({ endpoint: 'finances', operation: 'listFinancialEvents', version: 'v0', method: 'GET', path: '/finances/v0/financialEvents', model: 'finances-v0.json', rate: 0.5, burst: 30 }),
  listFinancialEventsByOrderId: op({ endpoint: 'finances', operation: 'listFinancialEventsByOrderId', version: 'v0', method: 'GET', path: '/finances/v0/orders/{orderId}/financialEvents', model: 'finances-v0.json', rate: 0.5, burst: 30 }),
  createInboundPlan: op({ endpoint: 'fulfillmentInbound', operation: 'createInboundPlan', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listInboundPlans: op({ endpoint: 'fulfillmentInbound', operation: 'listInboundPlans', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  getInboundOperationStatus: op({ endpoint: 'fulfillmentInbound', operation: 'getInboundOperationStatus', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/operations/{operationId}', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  getInboundPlan: op({ endpoint: 'fulfillmentInbound', operation: 'getInboundPlan', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  listInboundPlanItems: op({ endpoint: 'fulfillmentInbound', operation: 'listInboundPlanItems', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/items', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  cancelInboundPlan: op({ endpoint: 'fulfillmentInbound', operation: 'cancelInboundPlan', version: '2024-03-20', method: 'PUT', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/cancellation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  generatePackingOptions: op({ endpoint: 'fulfillmentInbound', operation: 'generatePackingOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listPackingOptions: op({ endpoint: 'fulfillmentInbound', operation: 'listPackingOptions', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  confirmPackingOption: op({ endpoint: 'fulfillmentInbound', operation: 'confirmPackingOption', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingOptions/{packingOptionId}/confirmation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listPackingGroupItems: op({ endpoint: 'fulfillmentInbound', operation: 'listPackingGroupItems', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingGroups/{packingGroupId}/items', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  listPackingGroupBoxes: op({ endpoint: 'fulfillmentInbound', operation: 'listPackingGroupBoxes', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingGroups/{packingGroupId}/boxes', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  setPackingInformation: op({ endpoint: 'fulfillmentInbound', operation: 'setPackingInformation', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/packingInformation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listInboundPlanBoxes: op({ endpoint: 'fulfillmentInbound', operation: 'listInboundPlanBoxes', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/boxes', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  generatePlacementOptions: op({ endpoint: 'fulfillmentInbound', operation: 'generatePlacementOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/placementOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listPlacementOptions: op({ endpoint: 'fulfillmentInbound', operation: 'listPlacementOptions', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/placementOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  confirmPlacementOption: op({ endpoint: 'fulfillmentInbound', operation: 'confirmPlacementOption', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/placementOptions/{placementOptionId}/confirmation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  getShipment: op({ endpoint: 'fulfillmentInbound', operation: 'getShipment', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  listShipmentItems: op({ endpoint: 'fulfillmentInbound', operation: 'listShipmentItems', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/items', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  listShipmentBoxes: op({ endpoint: 'fulfillmentInbound', operation: 'listShipmentBoxes', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/boxes', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  generateTransportationOptions: op({ endpoint: 'fulfillmentInbound', operation: 'generateTransportationOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/transportationOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  listTransportationOptions: op({ endpoint: 'fulfillmentInbound', operation: 'listTransportationOptions', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/transportationOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 6 }),
  confirmTransportationOptions: op({ endpoint: 'fulfillmentInbound', operation: 'confirmTransportationOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/transportationOptions/confirmation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  generateDeliveryWindowOptions: op({ endpoint: 'fulfillmentInbound', operation: 'generateDeliveryWindowOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/deliveryWindowOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  listDeliveryWindowOptions: op({ endpoint: 'fulfillmentInbound', operation: 'listDeliveryWindowOptions', version: '2024-03-20', method: 'GET', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/deliveryWindowOptions', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  confirmDeliveryWindowOptions: op({ endpoint: 'fulfillmentInbound', operation: 'confirmDeliveryWindowOptions', version: '2024-03-20', method: 'POST', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/deliveryWindowOptions/{deliveryWindowOptionId}/confirmation', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 30 }),
  updateShipmentTrackingDetails: op({ endpoint: 'fulfillmentInbound', operation: 'updateShipmentTrackingDetails', version: '2024-03-20', method: 'PUT', path: '/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}/trackingDetails', model: 'fulfillment-inbound-2024-03-20.json', rate: 2, burst: 2 }),
  /** Receiving progress (QuantityShipped / QuantityReceived per SKU); 2024-03-20 has no received quantities. */
  getShipmentItemsByShipmentId: op({ endpoint: 'fulfillmentInbound', operation: 'getShipmentItemsByShipmentId', version: 'v0', method: 'GET', path: '/fba/inbound/v0/shipments/{shipmentId}/items', model: 'fulfillment-inbound-v0.json', rate: 2, burst: 30 }),
  /** Carton and pallet labels still come from v0, called with the 2024-03-20 shipment's confirmation id. */
  getLabels: op({ endpoint: 'fulfillmentInbound', operation: 'getLabels', version: 'v0', method: 'GET', path: '/fba/inbound/v0/shipments/{shipmentId}/labels', model: 'fulfillment-inbound-v0.json', rate: 2, burst: 30 }),
  getMarketplaceParticipations: op({ endpoint: 'sellers', operation: 'getMarketplaceParticipations', version: 'v1', method: 'GET', path: '/sellers/v1/marketplaceParticipations', model: 'sellers-v1.json', rate: 0.016, burst: 15 }),
} as const;

export type OperationName = keyof typeof operations;
export const operationNames = Object.keys(operations) as OperationName[];

/** The API host of each SP-API region; the LWA token host is the same everywhere. */
export const REGION_HOSTS = {
  na: 'sellingpartnerapi-na.amazon.com',
  eu: 'sellingpartnerapi-eu.amazon.com',
  fe: 'sellingpartnerapi-fe.amazon.com',
} as const;
export const LWA_HOST = 'api.amazon.com';
