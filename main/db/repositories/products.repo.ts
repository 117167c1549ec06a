import type { CodeKind, Cost, ProductCode, ProductKind } from '../../../shared/domain/catalog';
import type { Queryable } from '../connection';

export interface ProductRow {
  id: number;
  sku: string;
  kind: ProductKind;
  name: string;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  weight_g: number | null;
  hs_code: string | null;
  supplier_id: number | null;
  safety_days: number | null;
  allow_backorder: number | boolean;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export type ProductFields = Omit<ProductRow, 'id' | 'created_at' | 'updated_at' | 'archived_at'>;

export interface CodeOwner {
  product_id: number;
  sku: string;
  kind: CodeKind;
  code: string;
  units: number;
}

// Well under SQLite's default limit of bound parameters per statement.
const CHUNK = 400;

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

const insertedId = (row: unknown): number => (typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number));

export async function insertProduct(db: Queryable, fields: ProductFields, now: string): Promise<number> {
  const [row] = await db('products').insert({ ...fields, created_at: now, updated_at: now }, ['id']);
  return insertedId(row);
}

export async function updateProduct(db: Queryable, id: number, fields: Partial<ProductFields> & { archived_at?: string | null }, now: string): Promise<void> {
  await db('products').where({ id }).update({ ...fields, updated_at: now });
}

export async function getProductRow(db: Queryable, id: number): Promise<ProductRow | undefined> {
  return db<ProductRow>('products').where({ id }).first();
}

export async function getProductRowBySku(db: Queryable, sku: string): Promise<ProductRow | undefined> {
  return db<ProductRow>('products').where({ sku }).first();
}

export async function productsBySku(db: Queryable, skus: readonly string[]): Promise<Pick<ProductRow, 'id' | 'sku' | 'kind' | 'name'>[]> {
  return inChunks(skus, (chunk) => db('products').whereIn('sku', chunk).select('id', 'sku', 'kind', 'name'));
}

export async function productRowsByIds(db: Queryable, ids: readonly number[]): Promise<ProductRow[]> {
  return inChunks(ids, (chunk) => db<ProductRow>('products').whereIn('id', chunk).select());
}

/** Every product's id, SKU, kind and name: what an import checks its rows against (20k products are a few hundred kB). */
export async function allProductKeys(db: Queryable): Promise<Pick<ProductRow, 'id' | 'sku' | 'kind' | 'name'>[]> {
  return db('products').select('id', 'sku', 'kind', 'name');
}

export async function allCodes(db: Queryable): Promise<CodeOwner[]> {
  return db('product_codes as c').join('products as p', 'p.id', 'c.product_id').select('c.product_id', 'p.sku', 'c.kind', 'c.code', 'c.units');
}

/** Exact lookups on the unique index of `product_codes.code`; the caller passes every spelling it accepts. */
export async function codeOwners(db: Queryable, codes: readonly string[]): Promise<CodeOwner[]> {
  if (codes.length === 0) return [];
  return inChunks(codes, (chunk) =>
    db('product_codes as c').join('products as p', 'p.id', 'c.product_id').whereIn('c.code', chunk).select('c.product_id', 'p.sku', 'c.kind', 'c.code', 'c.units'),
  );
}

export async function productIdsBySellerSku(db: Queryable, sellerSku: string): Promise<number[]> {
  return db('product_listings').where({ seller_sku: sellerSku }).distinct().pluck<number[]>('product_id');
}

export async function replaceTitles(db: Queryable, productId: number, titles: Record<string, string>): Promise<void> {
  await db('product_titles').where({ product_id: productId }).delete();
  const rows = Object.entries(titles).map(([locale, title]) => ({ product_id: productId, locale, title }));
  if (rows.length) await db('product_titles').insert(rows);
}

export async function replaceCodes(db: Queryable, productId: number, codes: readonly ProductCode[]): Promise<void> {
  await db('product_codes').where({ product_id: productId }).delete();
  if (codes.length) await db('product_codes').insert(codes.map((c) => ({ product_id: productId, kind: c.kind, code: c.code, units: c.units })));
}

export async function replaceComponents(db: Queryable, bundleId: number, components: readonly { componentId: number; quantity: number }[]): Promise<void> {
  await db('bundle_components').where({ bundle_id: bundleId }).delete();
  if (components.length) await db('bundle_components').insert(components.map((c) => ({ bundle_id: bundleId, component_id: c.componentId, quantity: c.quantity })));
}

/** Same day → the figure is corrected; a new day → a new row, and the old one stays as history for past sales. */
export async function upsertCost(db: Queryable, productId: number, cost: Cost): Promise<void> {
  await db('product_costs')
    .insert({ product_id: productId, effective_date: cost.effectiveDate, cost_minor: cost.amountMinor, currency: cost.currency })
    .onConflict(['product_id', 'effective_date'])
    .merge();
}

export async function bundlesUsing(db: Queryable, componentId: number): Promise<string[]> {
  return db('bundle_components as b').join('products as p', 'p.id', 'b.bundle_id').where('b.component_id', componentId).orderBy('p.sku').pluck<string[]>('p.sku');
}

export async function hasStock(db: Queryable, productId: number): Promise<boolean> {
  const row = await db('stock_movements').where({ product_id: productId }).first('id');
  return row !== undefined;
}

export async function titlesOf(db: Queryable, ids: readonly number[]): Promise<{ product_id: number; locale: string; title: string }[]> {
  return inChunks(ids, (chunk) => db('product_titles').whereIn('product_id', chunk).orderBy(['product_id', 'locale']).select('product_id', 'locale', 'title'));
}

export async function codesOf(db: Queryable, ids: readonly number[]): Promise<(ProductCode & { product_id: number })[]> {
  return inChunks(ids, (chunk) => db('product_codes').whereIn('product_id', chunk).orderBy(['product_id', 'id']).select('product_id', 'kind', 'code', 'units'));
}

export async function componentsOf(db: Queryable, bundleIds: readonly number[]): Promise<{ bundle_id: number; component_id: number; sku: string; name: string; quantity: number }[]> {
  return inChunks(bundleIds, (chunk) =>
    db('bundle_components as b')
      .join('products as p', 'p.id', 'b.component_id')
      .whereIn('b.bundle_id', chunk)
      .orderBy(['b.bundle_id', 'p.sku'])
      .select('b.bundle_id', 'b.component_id', 'p.sku', 'p.name', 'b.quantity'),
  );
}

/** Newest effective date first. */
export async function costsOf(db: Queryable, ids: readonly number[]): Promise<{ product_id: number; effective_date: string; cost_minor: number; currency: string }[]> {
  return inChunks(ids, (chunk) =>
    db('product_costs').whereIn('product_id', chunk).orderBy([{ column: 'product_id' }, { column: 'effective_date', order: 'desc' }]).select('product_id', 'effective_date', 'cost_minor', 'currency'),
  );
}

export async function binsOf(db: Queryable, productId: number): Promise<{ bin_id: number; bin_code: string; warehouse_id: number; warehouse_code: string }[]> {
  return db('product_bins as pb')
    .join('bins as b', 'b.id', 'pb.bin_id')
    .join('warehouses as w', 'w.id', 'b.warehouse_id')
    .where('pb.product_id', productId)
    .orderBy(['w.code', 'b.pick_order', 'b.code'])
    .select('b.id as bin_id', 'b.code as bin_code', 'w.id as warehouse_id', 'w.code as warehouse_code');
}

export async function listingsOf(db: Queryable, productId: number): Promise<{ store_id: number; marketplace_id: string; seller_sku: string }[]> {
  return db('product_listings').where({ product_id: productId }).orderBy(['store_id', 'marketplace_id', 'seller_sku']).select('store_id', 'marketplace_id', 'seller_sku');
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Products whose SKU, name or any title contains `text` (case-insensitive for Latin letters; CJK compares as is),
 * ordered by SKU. A scan of every product: fine for tens of thousands, and only reached after the exact-code lookups.
 */
export async function productIdsContaining(db: Queryable, text: string, includeArchived: boolean): Promise<number[]> {
  const pattern = likePattern(text);
  const q = db('products')
    .where((w) => {
      w.whereRaw("sku LIKE ? ESCAPE '\\'", [pattern])
        .orWhereRaw("name LIKE ? ESCAPE '\\'", [pattern])
        .orWhereIn('id', db('product_titles').whereRaw("title LIKE ? ESCAPE '\\'", [pattern]).select('product_id'));
    })
    .orderBy('sku');
  if (!includeArchived) q.whereNull('archived_at');
  return q.pluck<number[]>('id');
}

export async function pageOfProductIds(db: Queryable, opts: { includeArchived: boolean; limit: number; offset: number }): Promise<{ ids: number[]; total: number }> {
  const base = () => {
    const q = db('products');
    if (!opts.includeArchived) q.whereNull('archived_at');
    return q;
  };
  const ids = await base().orderBy('sku').limit(opts.limit).offset(opts.offset).pluck<number[]>('id');
  const row = await base().count<{ n: number | string }[]>({ n: '*' }).first();
  return { ids, total: Number(row?.n ?? 0) };
}

export async function mapListing(db: Queryable, ref: { storeId: number; marketplaceId: string; sellerSku: string }, productId: number): Promise<void> {
  await db('product_listings')
    .insert({ store_id: ref.storeId, marketplace_id: ref.marketplaceId, seller_sku: ref.sellerSku, product_id: productId })
    .onConflict(['store_id', 'marketplace_id', 'seller_sku'])
    .merge(['product_id']);
}

export async function listingMapping(db: Queryable, ref: { storeId: number; marketplaceId: string; sellerSku: string }): Promise<{ product_id: number } | undefined> {
  return db('product_listings').where({ store_id: ref.storeId, marketplace_id: ref.marketplaceId, seller_sku: ref.sellerSku }).first('product_id');
}

export async function unmapListing(db: Queryable, ref: { storeId: number; marketplaceId: string; sellerSku: string }): Promise<number> {
  return db('product_listings').where({ store_id: ref.storeId, marketplace_id: ref.marketplaceId, seller_sku: ref.sellerSku }).delete();
}

export async function unmappedListings(
  db: Queryable,
  storeId?: number,
): Promise<{ store_id: number; marketplace_id: string; seller_sku: string; asin: string | null; item_name: string | null; fulfillment_channel: string | null }[]> {
  const q = db('listings as l')
    .leftJoin('product_listings as pl', (j) => {
      j.on('pl.store_id', 'l.store_id').andOn('pl.marketplace_id', 'l.marketplace_id').andOn('pl.seller_sku', 'l.seller_sku');
    })
    .whereNull('pl.product_id')
    .orderBy(['l.store_id', 'l.marketplace_id', 'l.seller_sku'])
    .select('l.store_id', 'l.marketplace_id', 'l.seller_sku', 'l.asin', 'l.item_name', 'l.fulfillment_channel');
  if (storeId !== undefined) q.where('l.store_id', storeId);
  return q;
}
