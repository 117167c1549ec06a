import type { SimCatalogItem } from '../../store/catalog';
import type { MarketplaceInfo } from '../../store/marketplaces';
import { roundMinor } from '../../store/money';

/**
 * Amazon's seller fees as the simulator charges them. Rates are the US schedule in US cents, converted to each site's
 * currency with the marketplace's price factor (the same factor the catalogue prices use), so fees stay in proportion
 * to prices everywhere. Close to Amazon's published figures, simplified to what a reconciliation test needs.
 */

/** Referral fee share of the sales price per product type; anything not listed pays the 15 % most categories pay. */
const REFERRAL_RATES: Readonly<Record<string, number>> = {
  HEADPHONES: 0.08,
  CAMERA_ACCESSORY: 0.08,
  SMART_PLUG: 0.08,
  BEAUTY: 0.08,
  PET_SUPPLIES: 0.15,
  TOOLS: 0.15,
};
const DEFAULT_REFERRAL_RATE = 0.15;
/** The per-unit minimum referral fee ($0.30). */
const MIN_REFERRAL_CENTS = 30;
/** On a refund Amazon keeps 20 % of the referral fee, at most $5.00 per unit, as its refund administration fee. */
const REFUND_ADMIN_SHARE = 0.2;
const REFUND_ADMIN_CAP_CENTS = 500;

/** FBA fulfillment fee per unit by shipping weight (grams → US cents), then 40 cents per further 500 g. */
const FBA_BANDS: readonly (readonly [number, number])[] = [
  [100, 306],
  [250, 340],
  [500, 375],
  [1000, 460],
  [2000, 610],
];

/** Monthly storage per cubic foot: January–September and the October–December peak. */
const STORAGE_CENTS_PER_FT3 = { offPeak: 78, peak: 240 };
const CM3_PER_FT3 = 28316.846592;

/** US cents → the marketplace's minor units. */
export function localMinor(usdCents: number, m: MarketplaceInfo): number {
  return roundMinor(m.currency.decimals === 0 ? (usdCents * m.priceFactor) / 100 : usdCents * m.priceFactor);
}

export function referralRate(item: SimCatalogItem | undefined): number {
  return (item && REFERRAL_RATES[item.productType]) ?? DEFAULT_REFERRAL_RATE;
}

/** Referral fee (positive) on what the buyer paid for the units, never less than the per-unit minimum. */
export function referralFee(item: SimCatalogItem | undefined, salesMinor: number, units: number, m: MarketplaceInfo): number {
  return Math.max(roundMinor(Math.max(0, salesMinor) * referralRate(item)), localMinor(MIN_REFERRAL_CENTS, m) * units);
}

/** What Amazon keeps of a referral fee it returns on a refund (positive). */
export function refundAdminFee(referral: number, units: number, m: MarketplaceInfo): number {
  return Math.min(roundMinor(referral * REFUND_ADMIN_SHARE), localMinor(REFUND_ADMIN_CAP_CENTS, m) * units);
}

/** FBA fulfillment fee for the units (positive). */
export function fbaFee(item: SimCatalogItem | undefined, units: number, m: MarketplaceInfo): number {
  const grams = item?.weightGrams ?? 500;
  const band = FBA_BANDS.find(([max]) => grams <= max);
  const cents = band ? band[1] : 610 + Math.ceil((grams - 2000) / 500) * 40;
  return localMinor(cents, m) * units;
}

/** A month's storage fee (positive) for an average of `units` on hand; October–December is peak season. */
export function storageFee(item: SimCatalogItem, units: number, monthIndex: number, m: MarketplaceInfo): number {
  const d = item.dimensionsCm;
  const ft3 = (d.length * d.width * d.height) / CM3_PER_FT3;
  const rate = monthIndex >= 9 ? STORAGE_CENTS_PER_FT3.peak : STORAGE_CENTS_PER_FT3.offPeak;
  return roundMinor(localMinor(rate, m) * ft3 * units);
}
