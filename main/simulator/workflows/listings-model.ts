import { MARKETPLACE_INFO } from '../marketplace-info';
import { marketplaceById, type SimCatalogItem, type SimStore } from '../store';
import { Rng } from '../store/random';
import type { IdFactory } from './ids';

/** Listings Items attributes: every attribute is a list of value objects (`item_name: [{ value, language_tag, marketplace_id }]`). */
export type AttributeValue = Record<string, unknown>;
export type Attributes = Record<string, AttributeValue[]>;

/** One seller listing in one marketplace. The attributes are the truth; price, quantity and title are read from them. */
export interface Listing {
  readonly sku: string;
  readonly marketplaceId: string;
  readonly asin: string;
  readonly fnsku: string;
  productType: string;
  readonly listingId: string;
  readonly createdAt: number;
  updatedAt: number;
  attributes: Attributes;
  /** Amazon's own findings on the listing (not caused by a submission), e.g. incomplete relevant attributes. */
  readonly standingWarnings: readonly string[][];
}

const DAY = 24 * 3600_000;

/** Fulfillment channel code of FBA stock in a marketplace, as Listings Items and the listings reports spell it. */
export function fbaChannelCode(marketplaceId: string): string {
  const region = MARKETPLACE_INFO[marketplaceId]?.region ?? 'na';
  if (region === 'eu') return 'AMAZON_EU';
  if (marketplaceId === 'A1VC38T7YXB528') return 'AMAZON_JP';
  return region === 'fe' ? 'AMAZON_FE' : 'AMAZON_NA';
}

export function currencyOf(marketplaceId: string): { code: string; decimals: 0 | 2 } {
  return marketplaceById(marketplaceId)?.currency ?? { code: 'USD', decimals: 2 };
}

export function languageTag(marketplaceId: string): string {
  return MARKETPLACE_INFO[marketplaceId]?.language ?? 'en_US';
}

/**
 * The seller's listings, seeded from the store's catalogue: a SKU is listed where the catalogue prices it, fulfilled by
 * Amazon where the store keeps FBA stock for it and by the merchant (with a seeded quantity) elsewhere. Listings Items
 * calls and JSON_LISTINGS_FEED messages change this one model, and the listings reports read it.
 */
export class ListingsBook {
  private readonly listings = new Map<string, Listing>();
  private readonly bySku = new Map<string, SimCatalogItem>();
  private readonly byAsin = new Map<string, SimCatalogItem>();
  private readonly byBarcode = new Map<string, SimCatalogItem>();

  constructor(
    readonly store: SimStore,
    readonly marketplaceIds: readonly string[],
    seed: number,
    private readonly ids: IdFactory,
  ) {
    const start = store.now().getTime();
    for (const item of store.catalog) {
      this.bySku.set(item.sellerSku, item);
      this.byAsin.set(item.asin, item);
      this.byBarcode.set(item.barcode.value, item);
    }
    for (const marketplaceId of marketplaceIds) {
      const fba = new Set(store.inventorySummaries({ marketplaceId, details: false }).map((s) => s.sellerSku));
      for (const item of store.catalog) {
        if (!item.prices[marketplaceId]) continue;
        const rng = Rng.derive(seed, 'listing', marketplaceId, item.sellerSku);
        const createdAt = Math.round(start - rng.real(20, 700) * DAY);
        const updatedAt = Math.round(createdAt + rng.real(0, 1) * (start - createdAt));
        const quantity = rng.chance(0.1) ? 0 : rng.int(5, 300);
        const warnings = rng.chance(0.12) ? [rng.pick([['item_weight', 'theme'], ['item_diameter', 'item_dimensions'], ['color', 'material']])] : [];
        const listing: Listing = {
          sku: item.sellerSku,
          marketplaceId,
          asin: item.asin,
          fnsku: item.fnsku,
          productType: item.productType,
          listingId: `${rng.digits(4)}${rng.alnum(7)}`,
          createdAt,
          updatedAt,
          attributes: seedAttributes(item, marketplaceId, fba.has(item.sellerSku) ? null : quantity),
          standingWarnings: warnings,
        };
        this.listings.set(key(item.sellerSku, marketplaceId), listing);
      }
    }
  }

  get(sku: string, marketplaceId: string): Listing | undefined {
    return this.listings.get(key(sku, marketplaceId));
  }

  /** Listings of one marketplace, by seller SKU. */
  inMarketplace(marketplaceId: string): Listing[] {
    return [...this.listings.values()].filter((l) => l.marketplaceId === marketplaceId).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }

  catalogBySku(sku: string): SimCatalogItem | undefined {
    return this.bySku.get(sku);
  }

  catalogByAsin(asin: string): SimCatalogItem | undefined {
    return this.byAsin.get(asin);
  }

  catalogByBarcode(code: string): SimCatalogItem | undefined {
    return this.byBarcode.get(code);
  }

  /**
   * The seller types a new quantity into Seller Central for a merchant-fulfilled offer (not through the API): the
   * listing changes at once and nothing tells the ERP. Refuses an FBA offer, whose quantity Amazon's warehouse sets.
   */
  setQuantityInSellerCentral(sku: string, marketplaceId: string, quantity: number, at: number): void {
    const listing = this.get(sku, marketplaceId);
    if (!listing) throw new RangeError(`no listing ${sku} in ${marketplaceId}`);
    if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`quantity ${quantity}`);
    const availability = listing.attributes.fulfillment_availability ?? [];
    if (!availability.some((a) => a.fulfillment_channel_code === 'DEFAULT')) throw new RangeError(`${sku} in ${marketplaceId} is fulfilled by Amazon`);
    listing.attributes = { ...listing.attributes, fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity }] };
    listing.updatedAt = at;
  }

  /** Writes a listing's new state (creating it when it did not exist), or removes it when `attributes` is null. */
  write(sku: string, marketplaceId: string, change: { productType: string; asin: string; fnsku: string; attributes: Attributes } | null, at: number): void {
    const k = key(sku, marketplaceId);
    if (change === null) {
      this.listings.delete(k);
      return;
    }
    const existing = this.listings.get(k);
    if (existing) {
      existing.attributes = change.attributes;
      existing.productType = change.productType;
      existing.updatedAt = at;
      return;
    }
    this.listings.set(k, {
      sku,
      marketplaceId,
      asin: change.asin,
      fnsku: change.fnsku,
      productType: change.productType,
      listingId: this.ids.listingId(),
      createdAt: at,
      updatedAt: at,
      attributes: change.attributes,
      standingWarnings: [],
    });
  }
}

function key(sku: string, marketplaceId: string): string {
  return `${marketplaceId}\u0000${sku}`;
}

function seedAttributes(item: SimCatalogItem, marketplaceId: string, fbmQuantity: number | null): Attributes {
  const language_tag = languageTag(marketplaceId);
  const price = item.prices[marketplaceId];
  const marketplace_id = marketplaceId;
  const { length, width, height } = item.dimensionsCm;
  return {
    item_name: [{ value: item.titles[marketplaceId] ?? item.title, language_tag, marketplace_id }],
    brand: [{ value: item.brand, language_tag, marketplace_id }],
    condition_type: [{ value: 'new_new', marketplace_id }],
    externally_assigned_product_identifier: [{ type: item.barcode.type.toLowerCase(), value: item.barcode.value, marketplace_id }],
    merchant_suggested_asin: [{ value: item.asin, marketplace_id }],
    purchasable_offer: price
      ? [{ marketplace_id, currency: price.currencyCode, audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: Number(price.amount) }] }] }]
      : [],
    fulfillment_availability:
      fbmQuantity === null ? [{ fulfillment_channel_code: fbaChannelCode(marketplaceId) }] : [{ fulfillment_channel_code: 'DEFAULT', quantity: fbmQuantity }],
    item_package_weight: [{ value: item.weightGrams / 1000, unit: 'kilograms', marketplace_id }],
    item_package_dimensions: [
      { length: { value: length, unit: 'centimeters' }, width: { value: width, unit: 'centimeters' }, height: { value: height, unit: 'centimeters' }, marketplace_id },
    ],
  };
}
