import type { CurrencyInfo } from './money';

export type Language = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja';

export interface MarketplaceInfo {
  id: string;
  /** As in the Orders API `salesChannel.marketplaceName`. */
  name: string;
  countryCode: string;
  currency: CurrencyInfo;
  language: Language;
  /** Fixed offset (no DST): only used to shape daily order peaks and local ship-by days. */
  utcOffsetHours: number;
  /** Relative share of the seller's orders. */
  orderWeight: number;
  buyerEmailDomain: string;
  /** First block of the 3-7-7 order id as seen on real orders of that site. */
  orderIdPrefixes: readonly string[];
  /** Local currency units per US dollar of list price, including the usual market premium. */
  priceFactor: number;
  /** Listed prices include VAT/consumption tax (EU, UK, JP, MX); in US/CA sales tax is added at checkout. */
  taxIncluded: boolean;
  /** Standard VAT rate when `taxIncluded`; US/CA rates come from the delivery address. */
  vatRate: number;
  /** EU VAT one-stop-shop rules (UOSS from EU stock, IOSS for parcels from China) apply. */
  euVat: boolean;
  /** Who withholds and remits tax as marketplace facilitator; absent where the seller remits itself. */
  taxCollector?: string;
  /** Charged on non-Prime merchant-fulfilled orders that carry a shipping fee (minor units). */
  shippingFeeMinor: number;
  giftWrapFeeMinor: number;
}

const USD: CurrencyInfo = { code: 'USD', decimals: 2 };
const CAD: CurrencyInfo = { code: 'CAD', decimals: 2 };
const MXN: CurrencyInfo = { code: 'MXN', decimals: 2 };
const GBP: CurrencyInfo = { code: 'GBP', decimals: 2 };
const EUR: CurrencyInfo = { code: 'EUR', decimals: 2 };
const JPY: CurrencyInfo = { code: 'JPY', decimals: 0 };

const EU_PREFIXES = ['402', '403', '404', '405', '406', '407', '408'] as const;
const EU_COLLECTOR = 'Amazon Services Europe S.a.r.L.';

export const ALL_MARKETPLACES: readonly MarketplaceInfo[] = [
  { id: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currency: USD, language: 'en', utcOffsetHours: -6, orderWeight: 40, buyerEmailDomain: 'marketplace.amazon.com', orderIdPrefixes: ['111', '112', '113', '114'], priceFactor: 1, taxIncluded: false, vatRate: 0, euVat: false, taxCollector: 'Amazon Services LLC', shippingFeeMinor: 599, giftWrapFeeMinor: 499 },
  { id: 'A2EUQ1WTGCTBG2', name: 'Amazon.ca', countryCode: 'CA', currency: CAD, language: 'en', utcOffsetHours: -5, orderWeight: 6, buyerEmailDomain: 'marketplace.amazon.ca', orderIdPrefixes: ['701', '702'], priceFactor: 1.4, taxIncluded: false, vatRate: 0, euVat: false, taxCollector: 'Amazon.com.ca ULC', shippingFeeMinor: 799, giftWrapFeeMinor: 599 },
  { id: 'A1AM78C64UM0Y8', name: 'Amazon.com.mx', countryCode: 'MX', currency: MXN, language: 'es', utcOffsetHours: -6, orderWeight: 3, buyerEmailDomain: 'marketplace.amazon.com.mx', orderIdPrefixes: ['701', '702'], priceFactor: 19, taxIncluded: true, vatRate: 0.16, euVat: false, taxCollector: 'Servicios Comerciales Amazon México S. de R.L. de C.V.', shippingFeeMinor: 9900, giftWrapFeeMinor: 6900 },
  { id: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', countryCode: 'GB', currency: GBP, language: 'en', utcOffsetHours: 0, orderWeight: 12, buyerEmailDomain: 'marketplace.amazon.co.uk', orderIdPrefixes: ['202', '203', '204', '205', '206'], priceFactor: 0.88, taxIncluded: true, vatRate: 0.2, euVat: false, taxCollector: 'Amazon EU S.à r.l., UK Branch', shippingFeeMinor: 399, giftWrapFeeMinor: 399 },
  { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currency: EUR, language: 'de', utcOffsetHours: 1, orderWeight: 15, buyerEmailDomain: 'marketplace.amazon.de', orderIdPrefixes: ['302', '303', '304', '305', '306'], priceFactor: 1.02, taxIncluded: true, vatRate: 0.19, euVat: true, taxCollector: EU_COLLECTOR, shippingFeeMinor: 499, giftWrapFeeMinor: 399 },
  { id: 'A13V1IB3VIYZZH', name: 'Amazon.fr', countryCode: 'FR', currency: EUR, language: 'fr', utcOffsetHours: 1, orderWeight: 8, buyerEmailDomain: 'marketplace.amazon.fr', orderIdPrefixes: EU_PREFIXES, priceFactor: 1.04, taxIncluded: true, vatRate: 0.2, euVat: true, taxCollector: EU_COLLECTOR, shippingFeeMinor: 499, giftWrapFeeMinor: 399 },
  { id: 'APJ6JRA9NG5V4', name: 'Amazon.it', countryCode: 'IT', currency: EUR, language: 'it', utcOffsetHours: 1, orderWeight: 5, buyerEmailDomain: 'marketplace.amazon.it', orderIdPrefixes: EU_PREFIXES, priceFactor: 1.05, taxIncluded: true, vatRate: 0.22, euVat: true, taxCollector: EU_COLLECTOR, shippingFeeMinor: 499, giftWrapFeeMinor: 399 },
  { id: 'A1RKKUPIHCS9HS', name: 'Amazon.es', countryCode: 'ES', currency: EUR, language: 'es', utcOffsetHours: 1, orderWeight: 5, buyerEmailDomain: 'marketplace.amazon.es', orderIdPrefixes: EU_PREFIXES, priceFactor: 1.03, taxIncluded: true, vatRate: 0.21, euVat: true, taxCollector: EU_COLLECTOR, shippingFeeMinor: 499, giftWrapFeeMinor: 399 },
  // JP has no marketplace-facilitator regime for goods: the seller files consumption tax itself.
  { id: 'A1VC38T7YXB528', name: 'Amazon.co.jp', countryCode: 'JP', currency: JPY, language: 'ja', utcOffsetHours: 9, orderWeight: 10, buyerEmailDomain: 'marketplace.amazon.co.jp', orderIdPrefixes: ['249', '250', '503'], priceFactor: 155, taxIncluded: true, vatRate: 0.1, euVat: false, shippingFeeMinor: 500, giftWrapFeeMinor: 330 },
];

export const DEFAULT_MARKETPLACE_IDS: readonly string[] = ALL_MARKETPLACES.map((m) => m.id);

const BY_ID = new Map(ALL_MARKETPLACES.map((m) => [m.id, m]));

export function marketplaceById(id: string): MarketplaceInfo | undefined {
  return BY_ID.get(id);
}
