import { BRANDS, PRODUCT_CONCEPTS, generationLabel, variantCode, variantLabel, variantPriceFactor, type BrandGroup, type ProductConcept } from './catalog-data';
import { withCheckDigit } from './gtin';
import type { Language, MarketplaceInfo } from './marketplaces';
import { money, type Money } from './money';
import { Rng } from './random';

export interface SimCatalogItem {
  readonly sellerSku: string;
  readonly asin: string;
  readonly fnsku: string;
  readonly barcode: { readonly type: 'UPC' | 'EAN'; readonly value: string };
  /** The English listing title (Amazon.com wording). */
  readonly title: string;
  /** Listing title per marketplace id, in that marketplace's language. */
  readonly titles: Readonly<Record<string, string>>;
  readonly brand: string;
  readonly productType: string;
  readonly weightGrams: number;
  readonly dimensionsCm: { readonly length: number; readonly width: number; readonly height: number };
  /** List price per marketplace id; a marketplace missing here does not list the SKU. */
  readonly prices: Readonly<Record<string, Money>>;
}

/** What the simulation needs besides the public item: relative demand and prices as integer minor units. */
export interface CatalogEntry {
  readonly item: SimCatalogItem;
  readonly popularity: number;
  readonly priceMinor: ReadonlyMap<string, number>;
}

interface Combo {
  concept: ProductConcept;
  conceptRank: number;
  variantIndex: number;
}

const LATIN = /[A-Za-z]+/;

function brandPrefix(brand: string): string {
  return (LATIN.exec(brand)?.[0] ?? 'XX').slice(0, 2).toUpperCase();
}

function title(concept: ProductConcept, brand: string, variant: string, generation: number, lang: Language): string {
  const name = generation > 0 ? `${concept.name[lang]} (${generationLabel(generation, lang)})` : concept.name[lang];
  const feature = concept.feature[lang];
  switch (lang) {
    case 'ja':
      return `${brand} ${name}【${feature}】${variant ? ` ${variant}` : ''}`;
    case 'en':
    case 'es':
      return `${brand} ${name}, ${feature}${variant ? ` (${variant})` : ''}`;
    default:
      return `${brand} ${name}, ${feature}${variant ? ` – ${variant}` : ''}`;
  }
}

/** Local list price with the price endings shoppers expect on each site (19.99, 549.00, 2,980円). */
function localPriceMinor(usd: number, m: MarketplaceInfo): number {
  const local = usd * m.priceFactor;
  switch (m.currency.code) {
    case 'JPY':
      return Math.max(980, Math.ceil(local / 100) * 100 - 20);
    case 'MXN':
      return (Math.ceil(local / 10) * 10 - 1) * 100;
    default:
      return Math.max(1, Math.ceil(local)) * 100 - 1;
  }
}

export function buildCatalog(seed: number, size: number, marketplaces: readonly MarketplaceInfo[]): CatalogEntry[] {
  const rng = Rng.derive(seed, 'catalog');
  const brandOf = new Map<BrandGroup, string>();
  for (const group of Object.keys(BRANDS) as BrandGroup[]) brandOf.set(group, rng.pick(BRANDS[group]));

  const conceptOrder = rng.shuffle(PRODUCT_CONCEPTS.map((_, i) => i));
  const combos: Combo[] = [];
  conceptOrder.forEach((conceptIndex, rank) => {
    const concept = PRODUCT_CONCEPTS[conceptIndex] as ProductConcept;
    concept.variants.forEach((_, variantIndex) => combos.push({ concept, conceptRank: rank, variantIndex }));
  });
  // First variants of every concept before second variants: a small catalogue still covers many product types.
  combos.sort((a, b) => a.variantIndex - b.variantIndex || a.conceptRank - b.conceptRank);

  const picked: (Combo & { generation: number })[] = [];
  for (let i = 0; i < size; i++) {
    const combo = combos[i % combos.length] as Combo;
    picked.push({ ...combo, generation: Math.floor(i / combos.length) });
  }
  picked.sort((a, b) => a.conceptRank - b.conceptRank || a.generation - b.generation || a.variantIndex - b.variantIndex);

  const used = { sku: new Set<string>(), asin: new Set<string>(), fnsku: new Set<string>(), gtin: new Set<string>() };
  const unique = (set: Set<string>, make: (attempt: number) => string): string => {
    for (let attempt = 0; ; attempt++) {
      const value = make(attempt);
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
  };

  const entries: CatalogEntry[] = [];
  picked.forEach((combo, index) => {
    const { concept, variantIndex, generation } = combo;
    const itemRng = Rng.derive(seed, 'catalog-item', index);
    const brand = brandOf.get(concept.group) ?? 'GENERIC';
    const variant = concept.variants[variantIndex] ?? 'std';
    const firstVariant = concept.variants[0] ?? variant;
    const code = variantCode(concept.variantKind, variant);
    const prefix = brandPrefix(brand);
    const seq = String(generation + 1).padStart(2, '0');

    const style = itemRng.next();
    const sellerSku = unique(used.sku, (attempt) => {
      const again = attempt > 0 ? `-${itemRng.digits(2)}` : '';
      // Real seller catalogues mix their own SKU scheme with Amazon's auto-generated ones and the odd legacy SKU.
      if (style < 0.7) return `${prefix}-${concept.code}${seq}-${code}${again}`;
      if (style < 0.85) return `${itemRng.alnum(2)}-${itemRng.alnum(4)}-${itemRng.alnum(4)}`;
      return `${prefix.toLowerCase()}_${concept.code.toLowerCase()}-${code.toLowerCase()}.${seq}${again}`;
    });
    const asin = unique(used.asin, () => `B0${itemRng.alnum(8)}`);
    const fnsku = unique(used.fnsku, () => `X00${itemRng.alnum(7)}`);
    const barcodeType = itemRng.chance(0.7) ? 'EAN' : 'UPC';
    // EAN-13 with a GS1 China prefix (690–699); UPC-A as bought from GS1 US.
    const barcodeValue = unique(used.gtin, () => (barcodeType === 'EAN' ? withCheckDigit(`69${itemRng.digits(10)}`) : withCheckDigit(`${itemRng.pick(['6', '7', '8'])}${itemRng.digits(10)}`)));

    const factor = variantPriceFactor(concept.variantKind, variant, firstVariant) * (1 + generation * 0.15);
    const usd = concept.baseUsd * factor * itemRng.real(0.92, 1.08);
    const packFactor = concept.variantKind === 'pack' || concept.variantKind === 'pieces' ? factor : 1;
    const weightGrams = Math.round(concept.weightGrams * packFactor * itemRng.real(0.95, 1.05));
    const [length, width, height] = concept.dimensionsCm;
    const dimensionsCm = { length, width, height: Math.round(height * Math.sqrt(packFactor) * 10) / 10 };

    const titles: Record<string, string> = {};
    const prices: Record<string, Money> = {};
    const priceMinor = new Map<string, number>();
    const alwaysListed = concept.popularity >= 6 || variantIndex === 0;
    for (const m of marketplaces) {
      titles[m.id] = title(concept, brand, variantLabel(concept.variantKind, variant, m.language), generation, m.language);
      if (m.countryCode !== 'US' && !alwaysListed && itemRng.chance(0.2)) continue;
      const minor = localPriceMinor(usd, m);
      priceMinor.set(m.id, minor);
      prices[m.id] = money(minor, m.currency);
    }

    const item: SimCatalogItem = deepFreeze({
      sellerSku,
      asin,
      fnsku,
      barcode: { type: barcodeType, value: barcodeValue },
      title: title(concept, brand, variantLabel(concept.variantKind, variant, 'en'), generation, 'en'),
      titles,
      brand,
      productType: concept.productType,
      weightGrams,
      dimensionsCm,
      prices,
    });
    const popularity = (concept.popularity / (1 + variantIndex * 0.6) / (1 + generation)) * itemRng.logNormal(1, 1.4);
    entries.push({ item, popularity, priceMinor });
  });
  return entries;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
