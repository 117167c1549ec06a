import type { Knex } from 'knex';
import { AppError } from '../../../shared/ipc/errors';
import { appendAudit } from '../../db/repositories/audit.repo';
import { codeOwners, getProductRowBySku, insertProduct, mapListing } from '../../db/repositories/products.repo';
import { productsByIds } from '../../db/repositories/stock.repo';
import { findWarehouse, findWarehouseByCode, insertWarehouse } from '../../db/repositories/warehouses.repo';
import { applyFbaSnapshot } from '../inventory/fba-mirror';
import { queueFbmQuantities, type QueuedFbmQuantity } from '../inventory/fbm-push';
import { postMovements, stockLevels } from '../inventory/ledger';

/** The warehouse created when a seller with merchant-fulfilled offers has none yet: most ship from Shenzhen. */
export const DEFAULT_DOMESTIC_WAREHOUSE = { code: 'CN-SZ', name: '深圳仓 Shenzhen' } as const;

/** A product created from several marketplaces' offers is named after the first of these that lists it. */
const NAME_PREFERENCE = ['US', 'GB', 'CA', 'AU', 'SG', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE', 'IE', 'JP', 'MX', 'BR'];
/** Title language per marketplace country, in the catalog's locale codes. */
const TITLE_LOCALE: Record<string, string> = { US: 'en', GB: 'en', CA: 'en', AU: 'en', SG: 'en', IE: 'en', IN: 'en', AE: 'en', ZA: 'en', DE: 'de', FR: 'fr', BE: 'fr', IT: 'it', ES: 'es', MX: 'es', NL: 'nl', SE: 'sv', PL: 'pl', TR: 'tr', JP: 'ja', BR: 'pt' };
/** products.sku is 100 characters; Amazon allows 40 for a seller SKU in practice, 200 in the listings table. */
const MAX_SKU = 100;

export interface CatalogFromListingsResult {
  /** Offers newly mapped to a product (existing or created). */
  mapped: number;
  /** Unit products created for seller SKUs the catalog did not know. */
  created: number;
  createdProductIds: number[];
  /** Of the mapped offers, those fulfilled by the merchant, now pushed from `fbmWarehouseId`. */
  fbm: number;
  /** The products those merchant-fulfilled offers sell. */
  fbmProductIds: number[];
  /** Offers left unmapped: a seller SKU longer than a catalog SKU may be. */
  skipped: number;
  fbmWarehouseId: number | null;
}

interface UnmappedListing {
  marketplace_id: string;
  seller_sku: string;
  asin: string | null;
  item_name: string | null;
  quantity: number | null;
  fulfillment_channel: string | null;
  country_code: string | null;
}

/** The listings report says DEFAULT for merchant-fulfilled offers; without the column, only those carry a quantity. */
export function isMerchantFulfilled(l: { fulfillment_channel: string | null; quantity: number | null }): boolean {
  const channel = l.fulfillment_channel?.trim();
  if (!channel) return l.quantity !== null;
  return channel.toUpperCase() === 'DEFAULT' || /^merchant/i.test(channel);
}

/**
 * Builds the catalog from a store's Amazon offers: every `listings` row without a `product_listings` mapping is mapped to
 * the product that already sells the same seller SKU in another marketplace of the store, else to the product whose
 * master SKU is the seller SKU, else to a new unit product named after the listing (ASIN and FNSKU as its codes where
 * no other product holds them). The product gains the offer's title in the marketplace's language where it has none.
 * Merchant-fulfilled offers get the default domestic warehouse, created as 深圳仓 when the seller has none, and start
 * with Amazon's current quantity as the last pushed figure, so nothing is sent to Amazon until the ledger says
 * otherwise. Idempotent: a second run finds nothing unmapped and writes nothing.
 */
export async function importCatalogFromListings(
  trx: Knex.Transaction,
  input: { storeId: number; now: string; actor: string; defaultFbmWarehouseId?: number },
): Promise<CatalogFromListingsResult> {
  const result: CatalogFromListingsResult = { mapped: 0, created: 0, createdProductIds: [], fbm: 0, fbmProductIds: [], skipped: 0, fbmWarehouseId: null };
  const rows = sortForNaming(await unmappedListingsOf(trx, input.storeId));
  if (rows.length === 0) return result;

  let fbmWarehouseId: number | null = null;
  const fbmWarehouse = async (): Promise<number> => (fbmWarehouseId ??= await defaultFbmWarehouse(trx, input));
  const fnskus = await fnskusOf(trx, input.storeId);

  for (const l of rows) {
    let productId = await productSellingSku(trx, input.storeId, l.seller_sku);
    productId ??= (await getProductRowBySku(trx, l.seller_sku.trim()))?.id;
    if (productId === undefined) {
      if (l.seller_sku.trim().length === 0 || l.seller_sku.trim().length > MAX_SKU) {
        result.skipped += 1;
        continue;
      }
      productId = await createProduct(trx, l, fnskus.get(l.seller_sku) ?? null, input.now);
      result.createdProductIds.push(productId);
      result.created += 1;
    }
    await addTitle(trx, productId, l);
    const ref = { storeId: input.storeId, marketplaceId: l.marketplace_id, sellerSku: l.seller_sku };
    await mapListing(trx, ref, productId);
    if (isMerchantFulfilled(l)) {
      await trx('product_listings')
        .where({ store_id: ref.storeId, marketplace_id: ref.marketplaceId, seller_sku: ref.sellerSku })
        .update({ fbm_warehouse_id: await fbmWarehouse(), fbm_pushed_quantity: l.quantity, fbm_pushed_at: l.quantity === null ? null : input.now });
      result.fbm += 1;
      if (!result.fbmProductIds.includes(productId)) result.fbmProductIds.push(productId);
    }
    result.mapped += 1;
  }
  result.fbmWarehouseId = fbmWarehouseId;
  if (result.mapped > 0) {
    await appendAudit(trx, {
      at: input.now,
      actor: input.actor,
      action: 'catalog.import-listings',
      entity: 'store',
      entityId: String(input.storeId),
      detail: { mapped: result.mapped, created: result.created, fbm: result.fbm, skipped: result.skipped },
    });
  }
  return result;
}

/**
 * Demo mode: gives each demo product sold by the merchant that has no stock history in the warehouse yet a domestic stock
 * as large as the largest quantity its offers show on Amazon, posted as a receipt by `system:demo`, so the Inventory
 * screen and the FBM push have something real to work from. Returns the products that received stock.
 */
export async function seedDemoDomesticStock(trx: Knex.Transaction, input: { storeId: number; productIds: readonly number[]; warehouseId: number; now: string }): Promise<number[]> {
  if (input.productIds.length === 0) return [];
  const offers = await trx('product_listings as pl')
    .join('listings as l', (j) => {
      j.on('l.store_id', 'pl.store_id').andOn('l.marketplace_id', 'pl.marketplace_id').andOn('l.seller_sku', 'pl.seller_sku');
    })
    .where('pl.store_id', input.storeId)
    .andWhere('pl.fbm_warehouse_id', input.warehouseId)
    .whereIn('pl.product_id', [...input.productIds])
    .select<{ product_id: number; quantity: number | null }[]>('pl.product_id', 'l.quantity');
  const largest = new Map<number, number>();
  for (const o of offers) largest.set(o.product_id, Math.max(largest.get(o.product_id) ?? 0, o.quantity ?? 0));
  const stocked = new Set((await stockLevels(trx, { productIds: [...largest.keys()], warehouseId: input.warehouseId })).map((l) => l.productId));
  const products = await productsByIds(trx, [...largest.keys()]);
  const seeded = [...largest].filter(([id, q]) => q > 0 && !stocked.has(id) && products.get(id)?.kind === 'unit').sort(([a], [b]) => a - b);
  if (seeded.length === 0) return [];
  await postMovements(
    trx,
    seeded.map(([productId, quantity]) => ({ productId, warehouseId: input.warehouseId, kind: 'receive' as const, onHand: quantity, reason: 'demo-opening-stock', refType: 'demo' })),
    { actor: 'system:demo', now: input.now },
  );
  return seeded.map(([productId]) => productId);
}

/**
 * What demo mode does after a demo store's listings arrive: the catalog from its offers, opening domestic stock for the
 * new merchant-fulfilled products (pushed to the simulated Amazon like any stock change), and the FBA warehouse's
 * stock from the FBA figures already synced, so a first look at the Inventory screen shows every place stocked.
 */
export async function bootstrapDemoCatalog(trx: Knex.Transaction, input: { storeId: number; region: string; now: string }): Promise<{ catalog: CatalogFromListingsResult; queued: QueuedFbmQuantity[] }> {
  const catalog = await importCatalogFromListings(trx, { storeId: input.storeId, now: input.now, actor: 'system:demo' });
  let queued: QueuedFbmQuantity[] = [];
  if (catalog.fbmWarehouseId !== null) {
    const seeded = await seedDemoDomesticStock(trx, { storeId: input.storeId, productIds: catalog.fbmProductIds, warehouseId: catalog.fbmWarehouseId, now: input.now });
    queued = await queueFbmQuantities(trx, seeded, { now: input.now });
  }
  if (catalog.mapped > 0) await applyFbaSnapshot(trx, { storeId: input.storeId, region: input.region, now: input.now });
  return { catalog, queued };
}

async function unmappedListingsOf(trx: Knex.Transaction, storeId: number): Promise<UnmappedListing[]> {
  return trx('listings as l')
    .leftJoin('product_listings as pl', (j) => {
      j.on('pl.store_id', 'l.store_id').andOn('pl.marketplace_id', 'l.marketplace_id').andOn('pl.seller_sku', 'l.seller_sku');
    })
    .leftJoin('marketplaces as m', 'm.id', 'l.marketplace_id')
    .where('l.store_id', storeId)
    .whereNull('pl.product_id')
    .select<UnmappedListing[]>('l.marketplace_id', 'l.seller_sku', 'l.asin', 'l.item_name', 'l.quantity', 'l.fulfillment_channel', 'm.country_code')
    .orderBy(['l.marketplace_id', 'l.seller_sku']);
}

function sortForNaming(rows: UnmappedListing[]): UnmappedListing[] {
  const rank = (c: string | null) => {
    const i = c ? NAME_PREFERENCE.indexOf(c) : -1;
    return i < 0 ? NAME_PREFERENCE.length : i;
  };
  return [...rows].sort((a, b) => rank(a.country_code) - rank(b.country_code) || cmp(a.marketplace_id, b.marketplace_id) || cmp(a.seller_sku, b.seller_sku));
}

/** The same seller SKU already mapped in another marketplace of the store names the same item. */
async function productSellingSku(trx: Knex.Transaction, storeId: number, sellerSku: string): Promise<number | undefined> {
  const row = await trx('product_listings').where({ store_id: storeId, seller_sku: sellerSku }).orderBy('marketplace_id').first<{ product_id: number } | undefined>('product_id');
  return row ? Number(row.product_id) : undefined;
}

async function createProduct(trx: Knex.Transaction, l: UnmappedListing, fnsku: string | null, now: string): Promise<number> {
  const sku = l.seller_sku.trim();
  const id = await insertProduct(
    trx,
    {
      sku,
      kind: 'unit',
      name: l.item_name?.trim() || sku,
      length_mm: null,
      width_mm: null,
      height_mm: null,
      weight_g: null,
      hs_code: null,
      supplier_id: null,
      safety_days: null,
      allow_backorder: false,
    },
    now,
  );
  const wanted = [
    ...(l.asin ? [{ kind: 'asin', code: l.asin.trim().toUpperCase() }] : []),
    ...(fnsku ? [{ kind: 'fnsku', code: fnsku.trim().toUpperCase() }] : []),
  ].filter((c) => c.code.length > 0 && c.code.length <= 60);
  // One code names one product: a code another product holds (the same ASIN sold under two SKUs) stays with it.
  const taken = new Set((await codeOwners(trx, wanted.map((c) => c.code))).map((o) => o.code));
  const free = wanted.filter((c) => !taken.has(c.code));
  if (free.length > 0) await trx('product_codes').insert(free.map((c) => ({ product_id: id, kind: c.kind, code: c.code, units: 1 })));
  return id;
}

/** The offer's title in its marketplace's language, unless the product already has one in that language. */
async function addTitle(trx: Knex.Transaction, productId: number, l: UnmappedListing): Promise<void> {
  const locale = l.country_code ? TITLE_LOCALE[l.country_code] : undefined;
  const title = l.item_name?.trim();
  if (!locale || !title) return;
  await trx('product_titles').insert({ product_id: productId, locale, title }).onConflict(['product_id', 'locale']).ignore();
}

/** seller SKU → FNSKU from the store's FBA view, for the label barcode a scanner will read. */
async function fnskusOf(trx: Knex.Transaction, storeId: number): Promise<Map<string, string>> {
  const rows = await trx('fba_inventory').where({ store_id: storeId }).whereNotNull('fnsku').orderBy(['seller_sku', 'marketplace_id']).select<{ seller_sku: string; fnsku: string }[]>('seller_sku', 'fnsku');
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.seller_sku)) out.set(r.seller_sku, r.fnsku);
  return out;
}

async function defaultFbmWarehouse(trx: Knex.Transaction, input: { defaultFbmWarehouseId?: number; now: string }): Promise<number> {
  if (input.defaultFbmWarehouseId !== undefined) {
    const chosen = await findWarehouse(trx, input.defaultFbmWarehouseId);
    if (!chosen) throw new AppError('not-found', { entity: 'warehouse', id: input.defaultFbmWarehouseId });
    // Amazon ships FBA stock itself; an FBM offer counts the seller's own shelves.
    if (chosen.kind === 'fba' || chosen.archivedAt !== null) throw new AppError('invalid-input', { field: 'defaultFbmWarehouseId', reason: chosen.kind === 'fba' ? 'fba-warehouse' : 'archived' });
    return chosen.id;
  }
  const domestic = await trx('warehouses').where({ kind: 'domestic' }).whereNull('archived_at').orderBy('id').first<{ id: number } | undefined>('id');
  if (domestic) return Number(domestic.id);
  let code: string = DEFAULT_DOMESTIC_WAREHOUSE.code;
  for (let n = 2; await findWarehouseByCode(trx, code); n++) code = `${DEFAULT_DOMESTIC_WAREHOUSE.code}-${n}`;
  return insertWarehouse(trx, { code, name: DEFAULT_DOMESTIC_WAREHOUSE.name, kind: 'domestic', storeId: null, region: null, createdAt: input.now });
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
