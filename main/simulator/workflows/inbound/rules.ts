import { MARKETPLACE_INFO } from '../../marketplace-info';
import type { FulfillmentCenter } from './records';

/**
 * What differs between Amazon's regions for inbound: box limits, the fulfillment centres shipments go to, the partnered
 * carrier and the money. Simulated figures in the shape of Amazon's published ones, not a copy of its rate cards.
 */
export interface InboundRegionRules {
  /** Box limits in the units Amazon publishes them in for the region. */
  maxBoxWeight: { value: number; unit: 'LB' | 'KG' };
  maxBoxSide: { value: number; unit: 'IN' | 'CM' };
  partneredCarrier: { name: string; alphaCode: string };
  fulfillmentCenters: readonly FulfillmentCenter[];
  /** Local minor units per US cent (USD 1, EUR 0.92, JPY 1.5 — the yen has no minor unit). */
  centFactor: number;
  currency: string;
}

const KG_PER_LB = 0.45359237;
const CM_PER_IN = 2.54;

const fc = (warehouseId: string, addressLine1: string, city: string, stateOrProvinceCode: string, postalCode: string, countryCode: string): FulfillmentCenter => ({
  warehouseId,
  address: { name: `Amazon.com Services ${warehouseId}`.slice(0, 50), addressLine1, city, stateOrProvinceCode, postalCode, countryCode },
});

const US_FCS = [
  fc('ONT8', '24208 San Michele Rd', 'Moreno Valley', 'CA', '92551', 'US'),
  fc('PHX7', '800 N 75th Ave', 'Phoenix', 'AZ', '85043', 'US'),
  fc('LGB8', '1568 N Linden Ave', 'Rialto', 'CA', '92376', 'US'),
  fc('ABE8', '401 Independence Rd', 'Florence', 'NJ', '08518', 'US'),
  fc('TPA1', '3350 Laurel Ridge Ave', 'Ruskin', 'FL', '33570', 'US'),
  fc('MDW2', '250 Emerald Dr', 'Joliet', 'IL', '60433', 'US'),
  fc('DFW7', '700 Westport Pkwy', 'Fort Worth', 'TX', '76177', 'US'),
] as const;

const EU_LIMITS = { maxBoxWeight: { value: 23, unit: 'KG' }, maxBoxSide: { value: 63.5, unit: 'CM' } } as const;
const UPS = { name: 'United Parcel Service Inc.', alphaCode: 'UPSN' };

const RULES: Record<string, InboundRegionRules> = {
  US: { maxBoxWeight: { value: 50, unit: 'LB' }, maxBoxSide: { value: 25, unit: 'IN' }, partneredCarrier: UPS, fulfillmentCenters: US_FCS, centFactor: 1, currency: 'USD' },
  CA: {
    maxBoxWeight: { value: 50, unit: 'LB' },
    maxBoxSide: { value: 25, unit: 'IN' },
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('YYZ4', '8050 Heritage Rd', 'Brampton', 'ON', 'L6Y 0C9', 'CA'), fc('YVR2', '450 Derwent Pl', 'Delta', 'BC', 'V3M 5Y9', 'CA'), fc('YYC1', '293069 Colonel Robertson Way', 'Rocky View', 'AB', 'T4A 0E2', 'CA')],
    centFactor: 1.35,
    currency: 'CAD',
  },
  MX: {
    maxBoxWeight: { value: 50, unit: 'LB' },
    maxBoxSide: { value: 25, unit: 'IN' },
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('MEX1', 'Av. Mexiquense 1', 'Tepotzotlan', 'MEX', '54605', 'MX'), fc('MEX2', 'Carretera Tlalnepantla-Cuautitlan 14', 'Cuautitlan', 'MEX', '54730', 'MX')],
    centFactor: 17,
    currency: 'MXN',
  },
  GB: {
    ...EU_LIMITS,
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('LTN1', 'Marston Gate, Ridgmont', 'Bedford', 'BDF', 'MK43 0ZA', 'GB'), fc('BHX4', 'Plot 4 Core 42, Coleshill', 'Birmingham', 'WAR', 'B46 1AL', 'GB'), fc('MAN1', 'Airport City, Manchester', 'Manchester', 'LAN', 'M90 5AA', 'GB')],
    centFactor: 0.8,
    currency: 'GBP',
  },
  DE: {
    ...EU_LIMITS,
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('FRA7', 'Amazonstrasse 1', 'Frankenthal', 'RP', '67227', 'DE'), fc('DTM2', 'Kaltbandstrasse 4', 'Dortmund', 'NW', '44145', 'DE'), fc('MUC3', 'Zeppelinstrasse 2', 'Graben', 'BY', '86836', 'DE')],
    centFactor: 0.92,
    currency: 'EUR',
  },
  FR: {
    ...EU_LIMITS,
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('ORY1', '1401 Rue du Champ Rouge', 'Saran', 'CVL', '45770', 'FR'), fc('LYS1', 'ZAC Les Portes de Provence', 'Montelimar', 'ARA', '26200', 'FR')],
    centFactor: 0.92,
    currency: 'EUR',
  },
  IT: {
    ...EU_LIMITS,
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('MXP5', 'Strada Dogana Po 2U', 'Castel San Giovanni', 'PC', '29015', 'IT'), fc('FCO1', 'Via della Meccanica 2', 'Passo Corese', 'RI', '02032', 'IT')],
    centFactor: 0.92,
    currency: 'EUR',
  },
  ES: {
    ...EU_LIMITS,
    partneredCarrier: UPS,
    fulfillmentCenters: [fc('MAD4', 'Avenida de la Astronomia 24', 'San Fernando de Henares', 'M', '28830', 'ES'), fc('BCN1', 'Calle Comerc 2', 'El Prat de Llobregat', 'B', '08820', 'ES')],
    centFactor: 0.92,
    currency: 'EUR',
  },
  // Amazon.co.jp publishes its own box rules; the EU figures stand in for them here.
  JP: {
    ...EU_LIMITS,
    partneredCarrier: { name: 'Yamato Transport', alphaCode: 'YMTO' },
    fulfillmentCenters: [fc('NRT5', '2-13-1 Shiohama', 'Ichikawa', 'Chiba', '272-0127', 'JP'), fc('KIX4', '1-1 Chikko Shinmachi', 'Sakai', 'Osaka', '592-8331', 'JP')],
    centFactor: 1.5,
    currency: 'JPY',
  },
};

export function rulesFor(marketplaceId: string): InboundRegionRules | undefined {
  const country = MARKETPLACE_INFO[marketplaceId]?.countryCode;
  return country ? RULES[country] : undefined;
}

export const toKg = (w: { value: number; unit: 'LB' | 'KG' }): number => (w.unit === 'KG' ? w.value : w.value * KG_PER_LB);
export const toCm = (value: number, unit: 'IN' | 'CM'): number => (unit === 'CM' ? value : value * CM_PER_IN);
export const kgIn = (kg: number, unit: 'LB' | 'KG'): number => (unit === 'KG' ? kg : kg / KG_PER_LB);
export const cmIn = (cm: number, unit: 'IN' | 'CM'): number => (unit === 'CM' ? cm : cm / CM_PER_IN);

/** Minor units to the decimal amount the model's `Currency.amount` carries. */
export function amountOf(minor: number, currency: string): number {
  return currency === 'JPY' ? minor : Math.round(minor) / 100;
}

/**
 * Inbound placement service fee per unit in US cents by the unit's shipping weight, for a placement that splits into
 * `shipments` destinations. Amazon charges nothing when it chooses the split itself.
 */
export function placementCentsPerUnit(shipments: number, unitGrams: number): number {
  const lb = unitGrams / 1000 / KG_PER_LB;
  const tier = lb <= 1 ? 0 : lb <= 3 ? 1 : 2;
  if (shipments >= 3) return 0;
  return shipments === 2 ? ([6, 10, 16][tier] ?? 16) : ([21, 31, 46][tier] ?? 46);
}

/** A partnered small-parcel quote: a charge per box and per pound, in US cents. */
export function partneredQuoteCents(boxes: number, totalKg: number): number {
  return boxes * 550 + Math.ceil(totalKg / KG_PER_LB) * 45;
}
