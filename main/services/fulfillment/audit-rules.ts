import {
  auditRuleCodes,
  blockingReasons,
  type AddressField,
  type AuditRuleCode,
  type AuditRuleParams,
  type AuditRuleSet,
  type ExceptionParams,
  type ExceptionReason,
  type Finding,
} from '../../../shared/domain/fulfillment';

/** The delivery address as Amazon sends it; held in memory only, after decrypting, for the length of one audit. */
export interface AuditAddress {
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  stateOrRegion?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
}

export interface AuditLine {
  orderItemId: string;
  sellerSku: string | null;
  quantity: number;
  /** The product the seller SKU maps to through product_listings; null when unmapped. */
  productId: number | null;
}

export interface AuditOrderView {
  orderId: string;
  /** orders.ship_country: known even when the sealed address is gone or unreadable. */
  country: string | null;
  /** null: Amazon sent none, it was purged, or it could not be unsealed. */
  address: AuditAddress | null;
  currency: string | null;
  totalMinor: number | null;
  lines: AuditLine[];
}

/**
 * What the service worked out before the rules run, from the database: the carrier the channel rules would choose,
 * whether allocation can find the stock, which products lack a weight, and a possible duplicate. The rules themselves
 * stay pure functions of the view, this context and their parameters.
 */
export interface AuditContext {
  carrierCode: string | null;
  /** null when allocation could not be planned (unmapped lines). */
  stockShortage: ExceptionParams<'stock-insufficient'> | null;
  /** SKUs (expanded to what is shipped) without a weight, in order. */
  skusWithoutWeight: string[];
  /** Some enabled carrier rule decides by weight. */
  weightNeeded: boolean;
  duplicate: { orderId: string; match: 'buyer' | 'address' } | null;
}

type Rule<C extends AuditRuleCode> = (view: AuditOrderView, ctx: AuditContext, params: AuditRuleParams<C>) => Finding[];

const blank = (s: string | undefined): boolean => !s || s.trim().length === 0;

/** Places whose addresses work without a city: the city-state, or Japan where the prefecture and town are the address lines. */
const CITY_OPTIONAL = new Set(['HK', 'SG', 'MO', 'JP']);

export const addressIncomplete: Rule<'address-incomplete'> = (view, ctx, p) => {
  const a = view.address;
  const country = (a?.countryCode?.trim() || view.country)?.toUpperCase() ?? null;
  if (!a) return [{ code: 'address-incomplete', params: { fields: ['address'], country, requiredBy: 'country', carrierCode: ctx.carrierCode } }];
  const byCountry: AddressField[] = [];
  if (!country) byCountry.push('countryCode');
  if (blank(a.addressLine1)) byCountry.push('addressLine1');
  if (blank(a.city) && !(country && CITY_OPTIONAL.has(country))) byCountry.push('city');
  if (blank(a.postalCode) && !(country && p.noPostcodeCountries.includes(country))) byCountry.push('postalCode');
  const noPhone = !/\d/.test(a.phone ?? '');
  const phoneByCountry = noPhone && country !== null && p.phoneCountries.includes(country);
  const phoneByCarrier = noPhone && ctx.carrierCode !== null && p.phoneCarriers.includes(ctx.carrierCode);
  if (phoneByCountry) byCountry.push('phone');
  const fields: AddressField[] = phoneByCarrier && !phoneByCountry ? [...byCountry, 'phone'] : byCountry;
  if (fields.length === 0) return [];
  return [{ code: 'address-incomplete', params: { fields, country, requiredBy: byCountry.length > 0 ? 'country' : 'carrier', carrierCode: ctx.carrierCode } }];
};

/**
 * Post-office boxes as buyers write them across Amazon's marketplaces. Each needs a word boundary (or a number right
 * after), so "Boxford Road", "Postfachweg", "Box Hill" or "Depot Boxes" are streets, not boxes.
 */
const PO_BOX_PATTERNS: readonly RegExp[] = [
  /\bP\.?\s?O\.?\s?Box\b/i, // PO Box, P.O. Box, P O Box, POBox
  /\bPost\s+Office\s+Box\b/i,
  /\bP\.?\s?O\.?\s?B\.?\s*\d/i, // POB 123
  /\bGPO\s+Box\s+\d/i, // AU
  /\bLocked\s+Bag\s+\d/i,
  /\bPostfach\b/i, // DE/AT/CH
  /\bPostbus\s+\d/i, // NL
  /\bBo[iî]te\s+postale\b/i,
  /\bB\.?P\.?\s+\d{1,5}\b/, // FR "BP 123", upper case only: "bp" alone is not a box
  /\bCasella\s+postale\b/i,
  /\bApartado\s+(?:de\s+correos\s+)?\d/i,
  /\bApdo\.?\s*\d/i,
  /\bCaixa\s+postal\b/i,
  /\bSkrytka\s+pocztowa\b/i,
  /^\s*Box\s+\d+\b/i, // SE "Box 123" opens the line
  /私書箱/, // JP/CN/TW
  /郵便局留/, // JP poste restante
];

export function poBoxField(a: AuditAddress): 'addressLine1' | 'addressLine2' | 'addressLine3' | null {
  for (const field of ['addressLine1', 'addressLine2', 'addressLine3'] as const) {
    const text = a[field];
    if (text && PO_BOX_PATTERNS.some((re) => re.test(text))) return field;
  }
  return null;
}

export const poBox: Rule<'po-box'> = (view, ctx, p) => {
  if (!view.address) return [];
  const field = poBoxField(view.address);
  if (!field) return [];
  const refused = ctx.carrierCode === null ? p.flagWithoutCarrier : p.refusingCarriers.includes(ctx.carrierCode);
  return refused ? [{ code: 'po-box', params: { field, carrierCode: ctx.carrierCode } }] : [];
};

export const stockInsufficient: Rule<'stock-insufficient'> = (_view, ctx) => (ctx.stockShortage ? [{ code: 'stock-insufficient', params: ctx.stockShortage }] : []);

export const highValue: Rule<'high-value'> = (view, _ctx, p) => {
  if (view.totalMinor === null || !view.currency) return [];
  const threshold = p.thresholdsMinor[view.currency];
  if (threshold === undefined || view.totalMinor < threshold) return [];
  return [{ code: 'high-value', params: { totalMinor: view.totalMinor, currency: view.currency, thresholdMinor: threshold } }];
};

export const duplicateOrder: Rule<'duplicate-order'> = (_view, ctx, p) => {
  const d = ctx.duplicate;
  if (!d || (p.match !== 'either' && p.match !== d.match)) return [];
  return [{ code: 'duplicate-order', params: { otherOrderId: d.orderId, match: d.match, windowHours: p.windowHours } }];
};

export const skuUnmapped: Rule<'sku-unmapped'> = (view) => {
  const unmapped = view.lines.filter((l) => l.productId === null);
  const first = unmapped[0];
  if (!first) return [];
  return [{ code: 'sku-unmapped', params: { sellerSku: first.sellerSku ?? '', otherSkus: new Set(unmapped.map((l) => l.sellerSku)).size - 1 } }];
};

export const weightUnknown: Rule<'weight-unknown'> = (_view, ctx) => {
  const [first, ...rest] = ctx.skusWithoutWeight;
  if (!ctx.weightNeeded || first === undefined) return [];
  return [{ code: 'weight-unknown', params: { sku: first, otherSkus: rest.length } }];
};

const rules: { [C in AuditRuleCode]: Rule<C> } = {
  'address-incomplete': addressIncomplete,
  'po-box': poBox,
  'stock-insufficient': stockInsufficient,
  'high-value': highValue,
  'duplicate-order': duplicateOrder,
  'sku-unmapped': skuUnmapped,
  'weight-unknown': weightUnknown,
};

function runOne<C extends AuditRuleCode>(code: C, view: AuditOrderView, ctx: AuditContext, set: AuditRuleSet): Finding[] {
  const config = set[code];
  if (!config.enabled && !blockingReasons.includes(code)) return [];
  return rules[code](view, ctx, config.params);
}

/**
 * Every enabled rule over one order, in a fixed order, minus the reasons a person already waved through for it. The
 * blocking rules run even when switched off: without a product or stock nothing can be reserved.
 */
export function runAuditRules(view: AuditOrderView, ctx: AuditContext, set: AuditRuleSet, overridden: ReadonlySet<ExceptionReason> = new Set()): Finding[] {
  return auditRuleCodes.flatMap((code) => runOne(code, view, ctx, set)).filter((f) => !overridden.has(f.code) || blockingReasons.includes(f.code));
}
