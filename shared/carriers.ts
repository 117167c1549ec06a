/**
 * Carrier codes as Amazon's confirmShipment (Orders v0 `packageDetail.carrierCode`) and the order-fulfillment feeds
 * accept them. Amazon matches the code exactly (spelling, spaces, case), so a shipment confirmed with "Yun Express" or
 * "ups" is refused or, worse, shown to the buyer without tracking. A carrier missing from the list goes out as
 * "Other" together with its name in `carrierName`.
 *
 * `trackingPattern` is given only where the carrier's number format is well known; a carrier without one accepts any
 * non-blank number. `marketplaces` (marketplace ids) marks carriers that deliver in a few marketplaces only; absent means
 * anywhere.
 */
export interface AmazonCarrier {
  code: string;
  name: string;
  marketplaces?: string[];
  trackingPattern?: RegExp;
}

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const IT = 'APJ6JRA9NG5V4';
const ES = 'A1RKKUPIHCS9HS';
const NL = 'A1805IZSGTT6HS';
const BE = 'AMEN7PMS3EDWL';
const PL = 'A1C3SOZRARQ6R3';
const SE = 'A2NODRKZP88ZB9';
const JP = 'A1VC38T7YXB528';
const AU = 'A39IBJ37TRP1C6';
const EU = [UK, DE, FR, IT, ES, NL, BE, PL, SE];

/** UPU S10: two letters, eight digits and a check digit, the posting country. Every postal operator uses it abroad. */
const S10 = '[A-Z]{2}\\d{9}[A-Z]{2}';
const postal = (country: string, domestic?: string) => new RegExp(`^(?:[A-Z]{2}\\d{9}${country}${domestic ? `|${domestic}` : ''})$`);

export const amazonCarriers: readonly AmazonCarrier[] = Object.freeze([
  { code: 'UPS', name: 'UPS', trackingPattern: /^(?:1Z[0-9A-Z]{16}|T\d{10}|\d{9})$/ },
  { code: 'UPS Mail Innovations', name: 'UPS Mail Innovations', marketplaces: [US] },
  // Impb barcodes (20–22 digits, optionally behind the 420+ZIP routing prefix) and S10 for international mail.
  { code: 'USPS', name: 'USPS', marketplaces: [US], trackingPattern: /^(?:(?:420\d{5}(?:\d{4})?)?\d{20,22}|[A-Z]{2}\d{9}US)$/ },
  { code: 'FedEx', name: 'FedEx', trackingPattern: /^(?:\d{12}|\d{15}|\d{20}|\d{22})$/ },
  { code: 'FedEx SmartPost', name: 'FedEx SmartPost', marketplaces: [US] },
  { code: 'DHL', name: 'DHL Express', trackingPattern: new RegExp(`^(?:\\d{10,20}|JJD\\d{18,20}|${S10})$`) },
  { code: 'DHL eCommerce', name: 'DHL eCommerce' },
  { code: 'OnTrac', name: 'OnTrac', marketplaces: [US] },
  { code: 'Lasership', name: 'LaserShip', marketplaces: [US] },
  { code: 'OSM', name: 'OSM Worldwide', marketplaces: [US] },
  { code: 'Amazon Shipping', name: 'Amazon Shipping', trackingPattern: /^TBA\d{12}$/ },
  { code: 'Canada Post', name: 'Canada Post', marketplaces: [CA], trackingPattern: postal('CA', '\\d{12}|\\d{16}') },
  { code: 'Purolator', name: 'Purolator', marketplaces: [CA] },
  { code: 'Estafeta', name: 'Estafeta', marketplaces: [MX] },
  // China export lines, the usual way a cross-border seller's parcel leaves Shenzhen or Yiwu.
  { code: 'YunExpress', name: 'Yun Express', trackingPattern: /^YT\d{16}$/ },
  { code: '4PX', name: '4PX', trackingPattern: new RegExp(`^(?:4PX\\d{13,15}CN|${S10})$`) },
  { code: 'Yanwen', name: 'Yanwen', trackingPattern: new RegExp(`^${S10}$`) },
  { code: 'China Post', name: 'China Post', trackingPattern: postal('CN') },
  { code: 'China EMS', name: 'China EMS', trackingPattern: postal('CN') },
  { code: 'SF Express', name: 'SF Express', trackingPattern: /^(?:SF\d{13}|\d{12})$/ },
  { code: 'Cainiao', name: 'Cainiao' },
  { code: 'CNE', name: 'CNE Express' },
  { code: 'Sunyou', name: 'Sunyou' },
  { code: 'WanbExpress', name: 'Wanb Express' },
  // Japan: domestic numbers are 12 digits (Japan Post 11–12), abroad Japan Post uses S10.
  { code: 'Japan Post', name: 'Japan Post', marketplaces: [JP], trackingPattern: postal('JP', '\\d{11,12}') },
  { code: 'Yamato Transport', name: 'Yamato Transport', marketplaces: [JP], trackingPattern: /^\d{12}$/ },
  { code: 'Sagawa Express', name: 'Sagawa Express', marketplaces: [JP], trackingPattern: /^\d{12}$/ },
  { code: 'Nippon Express', name: 'Nippon Express', marketplaces: [JP] },
  // Europe.
  { code: 'Royal Mail', name: 'Royal Mail', marketplaces: [UK], trackingPattern: postal('GB') },
  { code: 'Parcelforce', name: 'Parcelforce', marketplaces: [UK] },
  { code: 'Yodel', name: 'Yodel', marketplaces: [UK] },
  { code: 'Evri', name: 'Evri', marketplaces: [UK] },
  { code: 'Hermes', name: 'Hermes', marketplaces: EU },
  { code: 'Deutsche Post', name: 'Deutsche Post', marketplaces: EU, trackingPattern: postal('DE', '\\d{12}|\\d{20}') },
  { code: 'DPD', name: 'DPD', marketplaces: EU },
  { code: 'GLS', name: 'GLS', marketplaces: EU },
  { code: 'La Poste', name: 'La Poste', marketplaces: [FR] },
  { code: 'Colissimo', name: 'Colissimo', marketplaces: [FR] },
  { code: 'Chronopost', name: 'Chronopost', marketplaces: [FR] },
  { code: 'Correos', name: 'Correos', marketplaces: [ES] },
  { code: 'SEUR', name: 'SEUR', marketplaces: [ES] },
  { code: 'Poste Italiane', name: 'Poste Italiane', marketplaces: [IT] },
  { code: 'BRT', name: 'BRT', marketplaces: [IT] },
  { code: 'PostNL', name: 'PostNL', marketplaces: [NL, BE] },
  { code: 'Bpost', name: 'bpost', marketplaces: [BE] },
  { code: 'PostNord', name: 'PostNord', marketplaces: [SE] },
  { code: 'InPost', name: 'InPost', marketplaces: [PL] },
  { code: 'Asendia', name: 'Asendia' },
  { code: 'Australia Post', name: 'Australia Post', marketplaces: [AU] },
  { code: 'Other', name: 'Other' },
] satisfies AmazonCarrier[]);

/** Needs `carrierName` next to it: Amazon refuses "Other" alone. */
export const OTHER_CARRIER = 'Other';

const byCode = new Map(amazonCarriers.map((c) => [c.code, c]));

export function findAmazonCarrier(code: string): AmazonCarrier | undefined {
  return byCode.get(code);
}

export function isAmazonCarrierCode(code: string): boolean {
  return byCode.has(code);
}

/**
 * Whether a code (and name) can go to Amazon as they are: a listed code, and "Other" only with a carrier name.
 * 'name-required' also covers a blank name.
 */
export function validateCarrierChoice(code: string, carrierName?: string | null): 'ok' | 'unknown-carrier' | 'name-required' {
  if (!byCode.has(code)) return 'unknown-carrier';
  if (code === OTHER_CARRIER && !carrierName?.trim()) return 'name-required';
  return 'ok';
}

/**
 * Checks a tracking number against the carrier's format where one is known. A number must be non-blank and carry no
 * whitespace (Amazon shows it to the buyer as a link), whatever the carrier.
 */
export function validateTracking(code: string, trackingNumber: string): 'ok' | 'format' | 'unknown-carrier' {
  const carrier = byCode.get(code);
  if (!carrier) return 'unknown-carrier';
  if (trackingNumber.length === 0 || trackingNumber.length > 100 || /\s/.test(trackingNumber)) return 'format';
  if (carrier.trackingPattern && !carrier.trackingPattern.test(trackingNumber)) return 'format';
  return 'ok';
}
