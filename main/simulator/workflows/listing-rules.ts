import type { InvalidReason } from './listing-messages';
import type { IssueDraft } from './listing-view';
import { currencyOf, fbaChannelCode, languageTag, type AttributeValue, type Attributes, type Listing, type ListingsBook } from './listings-model';

/**
 * What Amazon checks when a listing is submitted through putListingsItem/patchListingsItem or a JSON_LISTINGS_FEED
 * message, for the attributes this simulator understands: the offer (price), the fulfillment availability (FBM
 * quantity), the condition, the title and brand, and the identifiers tying a SKU to an ASIN. Other attributes are kept
 * as sent. Structural problems the models define (required fields, enums) are the caller's 400; everything here comes
 * back as issues with status INVALID, as Amazon does.
 */

export type Requirements = 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
export interface PatchOp {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown;
}

export type Submission =
  | { kind: 'put'; sku: string; productType: string; requirements: Requirements; attributes: Record<string, unknown> }
  | { kind: 'patch'; sku: string; productType: string; patches: PatchOp[] }
  | { kind: 'delete'; sku: string };

export interface ListingState {
  productType: string;
  asin: string;
  fnsku: string;
  attributes: Attributes;
}

export interface Evaluation {
  issues: IssueDraft[];
  /** New state per marketplace; null deletes the listing there. Only meaningful when `issues` has no ERROR. */
  changes: { marketplaceId: string; state: ListingState | null }[];
  identifiers: { marketplaceId: string; asin: string }[];
}

const CONDITIONS = ['new_new', 'new_open_box', 'new_oem', 'refurbished_refurbished', 'used_like_new', 'used_very_good', 'used_good', 'used_acceptable', 'collectible_like_new', 'collectible_very_good', 'collectible_good', 'collectible_acceptable', 'club_club'];
const PRODUCT_FACTS = ['item_name', 'brand', 'externally_assigned_product_identifier', 'merchant_suggested_asin', 'item_package_weight', 'item_package_dimensions'];
const OFFER_TERMS = ['condition_type', 'purchasable_offer', 'fulfillment_availability'];
const REQUIRED: Record<Requirements, string[]> = {
  LISTING: ['item_name', 'brand', ...OFFER_TERMS],
  LISTING_OFFER_ONLY: OFFER_TERMS,
  LISTING_PRODUCT_ONLY: ['item_name', 'brand'],
};
const PATCH_PATH = /^\/attributes\/([a-z][a-z0-9_]*)$/;

export const hasErrors = (issues: readonly IssueDraft[]) => issues.some((i) => i.severity === 'ERROR');

export function evaluate(book: ListingsBook, s: Submission, marketplaceIds: readonly string[]): Evaluation {
  const out: Evaluation = { issues: [], changes: [], identifiers: [] };
  for (const marketplaceId of marketplaceIds) {
    const existing = book.get(s.sku, marketplaceId);
    const issues: IssueDraft[] = [];
    if (s.kind === 'delete') {
      if (existing) out.changes.push({ marketplaceId, state: null });
      continue;
    }
    const state = s.kind === 'put' ? evaluatePut(book, s, marketplaceId, existing, issues) : evaluatePatch(s, marketplaceId, existing, issues);
    for (const i of issues) i.marketplaceIds = [marketplaceId];
    out.issues.push(...issues);
    if (state) {
      out.changes.push({ marketplaceId, state });
      out.identifiers.push({ marketplaceId, asin: state.asin });
    }
  }
  out.issues = mergeAcrossMarketplaces(out.issues);
  return out;
}

/** Writes an accepted evaluation; changes re-evaluated later (at processing time) go through here too. */
export function commit(book: ListingsBook, sku: string, evaluation: Evaluation, at: number): void {
  for (const c of evaluation.changes) book.write(sku, c.marketplaceId, c.state, at);
}

function evaluatePut(book: ListingsBook, s: Extract<Submission, { kind: 'put' }>, marketplaceId: string, existing: Listing | undefined, issues: IssueDraft[]): ListingState | null {
  const attributes = shapeAttributes(s.attributes, issues);
  if (!attributes) return null;
  const catalog = existing ? book.catalogByAsin(existing.asin) : matchCatalog(book, attributes, marketplaceId, issues);
  if (!catalog) return null;
  if (s.productType !== catalog.productType) {
    issues.push({ kind: 'productTypeMismatch', detail: s.productType, expected: catalog.productType, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] });
  }
  const scoped = { marketplaceId, attributes };
  for (const name of REQUIRED[s.requirements]) {
    if (valuesOf(scoped, name).length === 0) issues.push(required(name));
  }
  for (const name of Object.keys(attributes)) issues.push(...valueIssues(name, valuesOf(scoped, name), marketplaceId));

  // A put replaces the listing, but facts Amazon holds elsewhere survive: product facts come from the catalogue item
  // for an offer-only put, and the offer stays for a product-only put.
  const keep = s.requirements === 'LISTING_OFFER_ONLY' ? PRODUCT_FACTS : s.requirements === 'LISTING_PRODUCT_ONLY' ? OFFER_TERMS : [];
  for (const name of keep) {
    const prior = existing?.attributes[name];
    if (!attributes[name] && prior) attributes[name] = structuredClone(prior);
  }
  if (!existing && s.requirements === 'LISTING_OFFER_ONLY') {
    // A new offer on an existing ASIN shows the catalogue's title and brand.
    const language_tag = languageTag(marketplaceId);
    attributes.item_name ??= [{ value: catalog.titles[marketplaceId] ?? catalog.title, language_tag, marketplace_id: marketplaceId }];
    attributes.brand ??= [{ value: catalog.brand, language_tag, marketplace_id: marketplaceId }];
  }
  return { productType: s.productType, asin: catalog.asin, fnsku: catalog.fnsku, attributes };
}

function evaluatePatch(s: Extract<Submission, { kind: 'patch' }>, marketplaceId: string, existing: Listing | undefined, issues: IssueDraft[]): ListingState | null {
  if (!existing) {
    issues.push({ kind: 'skuNotFound', detail: s.sku, expected: marketplaceId, severity: 'ERROR', categories: [] });
    return null;
  }
  if (s.productType !== existing.productType) {
    issues.push({ kind: 'productTypeMismatch', detail: s.productType, expected: existing.productType, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] });
  }
  const attributes = structuredClone(existing.attributes);
  const touched = new Set<string>();
  for (const p of s.patches) {
    const name = PATCH_PATH.exec(p.path)?.[1];
    if (!name) {
      issues.push({ kind: 'invalidValue', attribute: p.path, reason: 'patchPath', severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] });
      continue;
    }
    if (p.op !== 'delete' && p.value === undefined) {
      issues.push({ kind: 'invalidValue', attribute: name, reason: 'needsValue', detail: p.op, severity: 'ERROR', attributeNames: [name], categories: ['INVALID_ATTRIBUTE'] });
      continue;
    }
    const given = p.value === undefined ? [] : p.value;
    if (!isValueList(given)) {
      issues.push(invalidAttributes(name));
      continue;
    }
    // Values for other marketplaces of the same request leave this marketplace's listing alone.
    const mine = given.filter((v) => v.marketplace_id === undefined || v.marketplace_id === marketplaceId);
    if (given.length > 0 && mine.length === 0) continue;
    const current = attributes[name] ?? [];
    switch (p.op) {
      case 'add':
      case 'replace':
        attributes[name] = structuredClone(mine);
        break;
      case 'merge': {
        const merged = structuredClone(current);
        for (const v of mine) {
          const at = merged.findIndex((c) => sameEntry(c, v));
          if (at >= 0) merged[at] = deepMerge(merged[at] ?? {}, v);
          else merged.push(structuredClone(v));
        }
        attributes[name] = merged;
        break;
      }
      case 'delete':
        if (mine.length === 0) delete attributes[name];
        else attributes[name] = current.filter((c) => !mine.some((v) => sameEntry(c, v)));
        break;
    }
    touched.add(name);
  }
  const scoped = { marketplaceId, attributes };
  for (const name of touched) issues.push(...valueIssues(name, valuesOf(scoped, name), marketplaceId));
  return { productType: existing.productType, asin: existing.asin, fnsku: existing.fnsku, attributes };
}

function matchCatalog(book: ListingsBook, attributes: Attributes, marketplaceId: string, issues: IssueDraft[]) {
  const scoped = { marketplaceId, attributes };
  const asin = valuesOf(scoped, 'merchant_suggested_asin')[0]?.value;
  const code = valuesOf(scoped, 'externally_assigned_product_identifier')[0]?.value;
  if (typeof asin === 'string') {
    const item = book.catalogByAsin(asin);
    if (!item) issues.push({ kind: 'asinNotFound', detail: asin, severity: 'ERROR', attributeNames: ['merchant_suggested_asin'], categories: ['INVALID_ATTRIBUTE'] });
    return item;
  }
  if (typeof code === 'string') {
    const item = book.catalogByBarcode(code);
    if (!item) issues.push({ kind: 'asinNotFound', detail: code, severity: 'ERROR', attributeNames: ['externally_assigned_product_identifier'], categories: ['INVALID_ATTRIBUTE'] });
    return item;
  }
  issues.push(required('merchant_suggested_asin'));
  return undefined;
}

/** Every attribute must be a list of objects; the first that is not makes the whole submission invalid. */
function shapeAttributes(input: Record<string, unknown>, issues: IssueDraft[]): Attributes | null {
  const out: Attributes = {};
  let ok = true;
  for (const [name, value] of Object.entries(input)) {
    if (!isValueList(value)) {
      issues.push(invalidAttributes(name));
      ok = false;
      continue;
    }
    out[name] = structuredClone(value);
  }
  return ok ? out : null;
}

function valueIssues(name: string, values: AttributeValue[], marketplaceId: string): IssueDraft[] {
  const out: IssueDraft[] = [];
  const bad = (attribute: string, reason: InvalidReason, value?: unknown, extra: { expected?: string; limit?: number } = {}) => {
    const detail = value === undefined ? undefined : typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    out.push({ kind: 'invalidValue', attribute, reason, ...(detail !== undefined ? { detail } : {}), ...extra, severity: 'ERROR', attributeNames: [name], categories: ['INVALID_ATTRIBUTE'] });
  };
  switch (name) {
    case 'purchasable_offer': {
      const currency = currencyOf(marketplaceId);
      for (const offer of values) {
        if (offer.currency !== undefined && offer.currency !== currency.code) bad('purchasable_offer.currency', 'currency', offer.currency, { expected: currency.code });
        const ourPrice = Array.isArray(offer.our_price) ? (offer.our_price[0] as Record<string, unknown> | undefined) : undefined;
        const schedule = Array.isArray(ourPrice?.schedule) ? (ourPrice.schedule[0] as Record<string, unknown> | undefined) : undefined;
        if (!schedule) {
          out.push({ kind: 'notEnoughValues', attribute: 'purchasable_offer.our_price', severity: 'ERROR', attributeNames: [name], categories: ['MISSING_ATTRIBUTE'] });
          continue;
        }
        const value = schedule.value_with_tax;
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
          bad('purchasable_offer.our_price', 'price', value ?? null);
        } else if (Math.abs(value * 10 ** currency.decimals - Math.round(value * 10 ** currency.decimals)) > 1e-6) {
          bad('purchasable_offer.our_price', 'priceDecimals', value, { expected: currency.code, limit: currency.decimals });
        }
      }
      break;
    }
    case 'fulfillment_availability':
      for (const entry of values) {
        const code = entry.fulfillment_channel_code;
        if (typeof code !== 'string') {
          out.push(required('fulfillment_availability.fulfillment_channel_code', name));
        } else if (code === 'DEFAULT') {
          const quantity = entry.quantity;
          if (quantity === undefined) out.push(required('fulfillment_availability.quantity', name));
          else if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) bad('fulfillment_availability.quantity', 'quantity', quantity);
        } else if (code === fbaChannelCode(marketplaceId)) {
          if (entry.quantity !== undefined) bad('fulfillment_availability.quantity', 'fbaQuantity', undefined, { expected: code });
        } else {
          bad('fulfillment_availability.fulfillment_channel_code', 'channel', code);
        }
      }
      break;
    case 'condition_type':
      for (const v of values) if (typeof v.value !== 'string' || !CONDITIONS.includes(v.value)) bad('condition_type', 'condition', v.value ?? null);
      break;
    case 'item_name':
    case 'brand':
      for (const v of values) {
        if (typeof v.value !== 'string' || v.value.trim() === '') bad(name, 'emptyText');
        else if (name === 'item_name' && [...v.value].length > 200) bad(name, 'tooLong', String([...v.value].length), { limit: 200 });
      }
      break;
    case 'merchant_suggested_asin':
      for (const v of values) if (typeof v.value !== 'string' || !/^[A-Z0-9]{10}$/.test(v.value)) bad(name, 'asin', v.value ?? null);
      break;
  }
  return out;
}

function valuesOf(listing: { marketplaceId: string; attributes: Attributes }, name: string): AttributeValue[] {
  return (listing.attributes[name] ?? []).filter((v) => v.marketplace_id === undefined || v.marketplace_id === listing.marketplaceId);
}

function isValueList(v: unknown): v is AttributeValue[] {
  return Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
}

/** Entries of an attribute are told apart by marketplace, language, audience and (for availability) channel. */
function sameEntry(a: AttributeValue, b: AttributeValue): boolean {
  return ['marketplace_id', 'language_tag', 'audience', 'fulfillment_channel_code'].every((k) => b[k] === undefined || a[k] === b[k]);
}

function deepMerge(a: AttributeValue, b: AttributeValue): AttributeValue {
  const out: AttributeValue = structuredClone(a);
  for (const [k, v] of Object.entries(b)) {
    const prior = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prior && typeof prior === 'object' && !Array.isArray(prior) ? deepMerge(prior as AttributeValue, v as AttributeValue) : structuredClone(v);
  }
  return out;
}

const required = (attribute: string, name = attribute): IssueDraft => ({ kind: 'required', attribute, severity: 'ERROR', attributeNames: [name], categories: ['MISSING_ATTRIBUTE'] });
const invalidAttributes = (name: string): IssueDraft => ({ kind: 'invalidAttributes', attribute: name, severity: 'ERROR', attributeNames: [name], categories: ['INVALID_ATTRIBUTE'] });

/** The same finding in several marketplaces is one issue listing them all, as Amazon reports it. */
function mergeAcrossMarketplaces(issues: IssueDraft[]): IssueDraft[] {
  const byKey = new Map<string, IssueDraft>();
  for (const i of issues) {
    const k = JSON.stringify([i.kind, i.attribute, i.reason, i.detail, i.expected, i.limit, i.severity]);
    const seen = byKey.get(k);
    if (seen) seen.marketplaceIds = [...(seen.marketplaceIds ?? []), ...(i.marketplaceIds ?? [])];
    else byKey.set(k, { ...i });
  }
  return [...byKey.values()];
}
