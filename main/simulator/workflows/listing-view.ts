import type { SimStore } from '../store';
import { ISSUE_CODES, issueMessage, type IssueLocale, type IssueText } from './listing-messages';
import { currencyOf, type AttributeValue, type Listing } from './listings-model';

/** Listings Items `Issue` (listings-items-2021-08-01.json). */
export interface ApiIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
  enforcements?: { actions: { action: string }[]; exemption: { status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT'; expiryDate?: string } };
  marketplaceIds?: string[];
}

/** A problem found in a submission or on a listing, before it is written in a locale. */
export interface IssueDraft extends IssueText {
  severity: 'ERROR' | 'WARNING';
  attributeNames?: string[];
  categories: string[];
  marketplaceIds?: string[];
  enforcement?: string;
}

export function renderIssue(d: IssueDraft, locale: IssueLocale): ApiIssue {
  return {
    code: ISSUE_CODES[d.kind],
    message: issueMessage(d, locale),
    severity: d.severity,
    ...(d.attributeNames?.length ? { attributeNames: d.attributeNames } : {}),
    categories: d.categories,
    ...(d.enforcement ? { enforcements: { actions: [{ action: d.enforcement }], exemption: { status: 'NOT_EXEMPT' as const } } } : {}),
    ...(d.marketplaceIds?.length ? { marketplaceIds: d.marketplaceIds } : {}),
  };
}

/** Values of an attribute that apply to the listing's marketplace (no marketplace_id means all). */
export function valuesFor(listing: Pick<Listing, 'marketplaceId' | 'attributes'>, name: string): AttributeValue[] {
  return (listing.attributes[name] ?? []).filter((v) => v.marketplace_id === undefined || v.marketplace_id === listing.marketplaceId);
}

/** The B2C price shoppers see, from `purchasable_offer[].our_price[0].schedule[0].value_with_tax`, in minor units. */
export function offerPrice(listing: Pick<Listing, 'marketplaceId' | 'attributes'>): { minor: number; amount: string; currencyCode: string } | undefined {
  const currency = currencyOf(listing.marketplaceId);
  for (const offer of valuesFor(listing, 'purchasable_offer')) {
    if (offer.audience !== undefined && offer.audience !== 'ALL') continue;
    const ourPrice = Array.isArray(offer.our_price) ? (offer.our_price[0] as Record<string, unknown> | undefined) : undefined;
    const schedule = Array.isArray(ourPrice?.schedule) ? (ourPrice.schedule[0] as Record<string, unknown> | undefined) : undefined;
    const value = schedule?.value_with_tax;
    if (typeof value !== 'number' || !(value > 0)) continue;
    const minor = Math.round(value * 10 ** currency.decimals);
    return { minor, amount: formatMinor(minor, currency.decimals), currencyCode: currency.code };
  }
  return undefined;
}

export function formatMinor(minor: number, decimals: 0 | 2): string {
  return decimals === 0 ? String(minor) : `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** Channel and, for merchant-fulfilled listings, the quantity the seller declared. */
export function fulfillment(listing: Pick<Listing, 'marketplaceId' | 'attributes'>): { channel: string; quantity: number | undefined } {
  const first = valuesFor(listing, 'fulfillment_availability')[0];
  const channel = typeof first?.fulfillment_channel_code === 'string' ? first.fulfillment_channel_code : 'DEFAULT';
  const quantity = typeof first?.quantity === 'number' ? first.quantity : undefined;
  return { channel, quantity: channel === 'DEFAULT' ? (quantity ?? 0) : undefined };
}

export function itemName(listing: Pick<Listing, 'marketplaceId' | 'attributes'>): string | undefined {
  const v = valuesFor(listing, 'item_name')[0]?.value;
  return typeof v === 'string' ? v : undefined;
}

export function conditionType(listing: Pick<Listing, 'marketplaceId' | 'attributes'>): string {
  const v = valuesFor(listing, 'condition_type')[0]?.value;
  return typeof v === 'string' ? v : 'new_new';
}

/** FBA units Amazon can sell now, or 0 when the store has no pool for the SKU there. */
export function fbaFulfillable(store: SimStore, listing: Pick<Listing, 'sku' | 'marketplaceId'>): number {
  const [summary] = store.inventorySummaries({ marketplaceId: listing.marketplaceId, details: true, sellerSkus: [listing.sku] });
  return summary?.inventoryDetails?.fulfillableQuantity ?? 0;
}

/** Issues Amazon reports on a listing as it stands: standing warnings, and errors for what makes it unsellable. */
export function listingIssues(listing: Listing): IssueDraft[] {
  const out: IssueDraft[] = [];
  if (!offerPrice(listing)) {
    out.push({ kind: 'required', attribute: 'purchasable_offer', severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['MISSING_ATTRIBUTE'], marketplaceIds: [listing.marketplaceId], enforcement: 'LISTING_SUPPRESSED' });
  }
  for (const names of listing.standingWarnings) {
    out.push({ kind: 'relevantAttributes', detail: names.join(', '), severity: 'WARNING', attributeNames: names, categories: ['MISSING_ATTRIBUTE'], marketplaceIds: [listing.marketplaceId] });
  }
  return out;
}

/**
 * BUYABLE needs a price and stock; a listing with an ERROR is suppressed and shows no status at all. `fbaStock` gives
 * the FBA units of an Amazon-fulfilled listing (reports pass a precomputed lookup instead of asking the store per SKU).
 */
export function listingStatus(listing: Listing, fbaStock: (l: Listing) => number): ('BUYABLE' | 'DISCOVERABLE')[] {
  if (listingIssues(listing).some((i) => i.severity === 'ERROR')) return [];
  const f = fulfillment(listing);
  const stock = f.channel === 'DEFAULT' ? (f.quantity ?? 0) : fbaStock(listing);
  return stock > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Listings Items `Item` for one SKU over the marketplaces it is listed in, with the requested data sets. */
export function itemView(store: SimStore, listings: readonly Listing[], included: ReadonlySet<string>, locale: IssueLocale): Record<string, unknown> {
  const first = listings[0];
  const item: Record<string, unknown> = { sku: first?.sku ?? '' };
  if (!first) return item;
  if (included.has('summaries')) {
    item.summaries = listings.map((l) => {
      const f = fulfillment(l);
      const name = itemName(l);
      return {
        marketplaceId: l.marketplaceId,
        asin: l.asin,
        productType: l.productType,
        conditionType: conditionType(l),
        status: listingStatus(l, (x) => fbaFulfillable(store, x)),
        ...(f.channel !== 'DEFAULT' ? { fnSku: l.fnsku } : {}),
        ...(name !== undefined ? { itemName: name } : {}),
        createdDate: iso(l.createdAt),
        lastUpdatedDate: iso(l.updatedAt),
        mainImage: { link: `https://m.media-amazon.com/images/I/${l.asin.slice(2)}L._SL1500_.jpg`, height: 1500, width: 1500 },
      };
    });
  }
  if (included.has('attributes')) {
    const merged: Record<string, AttributeValue[]> = {};
    for (const l of listings) {
      for (const [name, values] of Object.entries(l.attributes)) {
        // fulfillment_availability carries no marketplace_id, so only the first marketplace's entry is shown.
        if (name === 'fulfillment_availability' && l !== first) continue;
        merged[name] = [...(merged[name] ?? []), ...structuredClone(values)];
      }
    }
    item.attributes = merged;
  }
  if (included.has('issues')) item.issues = listings.flatMap((l) => listingIssues(l).map((d) => renderIssue(d, locale)));
  if (included.has('offers')) {
    item.offers = listings.flatMap((l) => {
      const price = offerPrice(l);
      return price
        ? [{ marketplaceId: l.marketplaceId, offerType: 'B2C', price: { currencyCode: price.currencyCode, amount: price.amount }, audience: { value: 'ALL', displayName: 'Sell on Amazon' } }]
        : [];
    });
  }
  if (included.has('fulfillmentAvailability')) {
    const f = fulfillment(first);
    item.fulfillmentAvailability = [{ fulfillmentChannelCode: f.channel, ...(f.quantity !== undefined ? { quantity: f.quantity } : {}) }];
  }
  if (included.has('relationships')) item.relationships = listings.map((l) => ({ marketplaceId: l.marketplaceId, relationships: [] }));
  if (included.has('productTypes')) item.productTypes = listings.map((l) => ({ marketplaceId: l.marketplaceId, productType: l.productType }));
  // `procurement` is vendor cost data; a seller's listing has none, so the key stays out.
  return item;
}
