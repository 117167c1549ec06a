export { SimStore } from './sim-store';
export type { OrderQuery, SimStoreOptions, StoreResult } from './sim-store';
export type { SimCatalogItem } from './catalog';
export type * from './orders-api-types';
export type * from './fba-inventory-types';
export type { InventorySummaryQuery } from './inventory';
export { ALL_MARKETPLACES, DEFAULT_MARKETPLACE_IDS, marketplaceById, type MarketplaceInfo } from './marketplaces';
export { isValidGtin } from './gtin';
export { seededRandom } from './random';
