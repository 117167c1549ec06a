import type { Knex } from 'knex';
import type { FbaInventoryRow } from '../../db/repositories/fba-inventory.repo';
import { productsByIds } from '../../db/repositories/stock.repo';
import { ensureFbaWarehouse } from '../../db/repositories/warehouses.repo';
import { postMovements, stockLevels, type MovementInput } from './ledger';

export const FBA_SYNC_ACTOR = 'system:fba-sync';
export const FBA_SYNC_REF_TYPE = 'fba-sync';

/**
 * Marketplaces whose FBA stock Amazon pools (Pan-European FBA and the European Fulfilment Network): getInventorySummaries
 * with Marketplace granularity reports "what can be fulfilled in this marketplace", so the same pooled units appear once
 * per marketplace and must be counted once. The UK and every other marketplace keep a pool of their own. Listed in the
 * order a view is preferred (Germany holds most Pan-EU stock), which keeps the chosen view stable between syncs.
 */
const PAN_EU_PREFERENCE = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'SE', 'BE', 'IE'];

/** Amazon's figures for one product in the FBA warehouse, in the ledger's terms. */
export interface FbaFigures {
  /** In Amazon's buildings: fulfillable + reserved + unfulfillable + researching. */
  onHand: number;
  /** Held for customer orders, transshipment and FC processing. */
  reserved: number;
  /** Shipped to Amazon and not yet received: inbound shipped + inbound receiving (working is still at the seller's). */
  inTransit: number;
}

export interface FbaMirrorResult {
  warehouseId: number | null;
  /** One per product whose ledger level differed from Amazon's figures. */
  corrections: { productId: number; onHand: number; reserved: number; inTransit: number }[];
  /** FBA SKUs no product is mapped to yet (catalog-from-listings maps them); left alone. */
  unmappedSkus: number;
  /** Mapped to a bundle, which holds no stock of its own in the ledger; left alone. */
  bundleSkus: number;
}

interface ViewRow extends FbaInventoryRow {
  country_code: string;
}

const ZERO: FbaFigures = { onHand: 0, reserved: 0, inTransit: 0 };
const nonNegative = (n: number) => Math.max(0, Number(n) || 0);

/**
 * Sets the store × region FBA warehouse's ledger levels to Amazon's figures, after the inventory job replaced (or
 * updated) a marketplace's `fba_inventory` rows, in that job's transaction. Every difference becomes one
 * `sync-correction` movement carrying the deltas (reconciliation reads them); an unchanged level posts nothing.
 *
 * Per SKU, each pool is counted once: the Pan-EU marketplaces' views of the same SKU are one pool (the preferred
 * marketplace's view is taken), and pools that are separate (UK, US, CA, MX, JP…) are added up. A mapped product that
 * Amazon no longer reports anywhere in the region goes to zero.
 */
export async function applyFbaSnapshot(trx: Knex.Transaction, input: { storeId: number; region: string; now: string; actor?: string }): Promise<FbaMirrorResult> {
  const region = input.region.toLowerCase();
  const rows = await trx('fba_inventory as f')
    .join('marketplaces as m', 'm.id', 'f.marketplace_id')
    .where('f.store_id', input.storeId)
    .andWhere('m.region', region)
    .select<ViewRow[]>('f.*', 'm.country_code')
    .orderBy(['f.seller_sku', 'f.marketplace_id']);
  const mapping = await mappingOf(trx, input.storeId);
  const result: FbaMirrorResult = { warehouseId: null, corrections: [], unmappedSkus: 0, bundleSkus: 0 };
  if (rows.length === 0 && mapping.size === 0) return result;

  const store = await trx('stores').where({ id: input.storeId }).first<{ name: string } | undefined>('name');
  const warehouseId = await ensureFbaWarehouse(trx, { storeId: input.storeId, region, name: `FBA ${region.toUpperCase()} · ${store?.name ?? input.storeId}`, now: input.now });
  result.warehouseId = warehouseId;

  const figures = new Map<number, FbaFigures>();
  const notes = new Map<number, string[]>();
  for (const [sku, views] of groupBySku(rows)) {
    const productId = productFor(mapping, sku, views);
    if (productId === undefined) {
      result.unmappedSkus += 1;
      continue;
    }
    for (const view of onePerPool(views)) {
      const f = figuresOf(view);
      const sum = figures.get(productId) ?? ZERO;
      figures.set(productId, { onHand: sum.onHand + f.onHand, reserved: sum.reserved + f.reserved, inTransit: sum.inTransit + f.inTransit });
      notes.set(productId, [...(notes.get(productId) ?? []), describe(view)]);
    }
  }

  const levels = new Map((await stockLevels(trx, { warehouseId })).map((l) => [l.productId, l]));
  // A mapped product with stock here that Amazon no longer reports has none left in the region.
  const mappedIds = new Set([...mapping.values()].flatMap((m) => [...m.values()]));
  for (const productId of levels.keys()) if (mappedIds.has(productId) && !figures.has(productId)) figures.set(productId, ZERO);

  const products = await productsByIds(trx, [...figures.keys()]);
  const movements: MovementInput[] = [];
  for (const [productId, target] of [...figures].sort(([a], [b]) => a - b)) {
    if (products.get(productId)?.kind !== 'unit') {
      result.bundleSkus += 1;
      continue;
    }
    const level = levels.get(productId);
    const delta = { onHand: target.onHand - (level?.onHand ?? 0), reserved: target.reserved - (level?.reserved ?? 0), inTransit: target.inTransit - (level?.inTransit ?? 0) };
    if (delta.onHand === 0 && delta.reserved === 0 && delta.inTransit === 0) continue;
    movements.push({
      productId,
      warehouseId,
      kind: 'sync-correction',
      ...delta,
      reason: 'amazon-figures',
      note: (notes.get(productId) ?? ['not reported by Amazon']).join('; ').slice(0, 1000),
      refType: FBA_SYNC_REF_TYPE,
      refId: `${input.storeId}:${region}:${input.now}`.slice(0, 60),
    });
    result.corrections.push({ productId, ...delta });
  }
  if (movements.length > 0) await postMovements(trx, movements, { actor: input.actor ?? FBA_SYNC_ACTOR, now: input.now });
  return result;
}

/** Amazon's figures of one marketplace view, in the ledger's terms. */
export function figuresOf(r: Pick<FbaInventoryRow, 'fulfillable' | 'reserved' | 'unfulfillable' | 'researching' | 'inbound_shipped' | 'inbound_receiving'>): FbaFigures {
  const reserved = nonNegative(r.reserved);
  return {
    onHand: nonNegative(r.fulfillable) + reserved + nonNegative(r.unfulfillable) + nonNegative(r.researching),
    reserved,
    inTransit: nonNegative(r.inbound_shipped) + nonNegative(r.inbound_receiving),
  };
}

/** The views to add up for one SKU: every separate pool once, the Pan-EU pool from its preferred marketplace. */
export function onePerPool<T extends { country_code: string }>(views: readonly T[]): T[] {
  const separate = views.filter((v) => !PAN_EU_PREFERENCE.includes(v.country_code));
  const panEu = views
    .filter((v) => PAN_EU_PREFERENCE.includes(v.country_code))
    .sort((a, b) => PAN_EU_PREFERENCE.indexOf(a.country_code) - PAN_EU_PREFERENCE.indexOf(b.country_code));
  return panEu[0] ? [...separate, panEu[0]] : separate;
}

function describe(r: ViewRow): string {
  return `${r.country_code} ${r.seller_sku}: fulfillable ${r.fulfillable}, reserved ${r.reserved}, unfulfillable ${r.unfulfillable}, researching ${r.researching}, inbound shipped ${r.inbound_shipped}, receiving ${r.inbound_receiving}`;
}

function groupBySku(rows: readonly ViewRow[]): Map<string, ViewRow[]> {
  const out = new Map<string, ViewRow[]>();
  for (const r of rows) out.set(r.seller_sku, [...(out.get(r.seller_sku) ?? []), r]);
  return out;
}

/** seller SKU → marketplace → product, for one store. */
async function mappingOf(trx: Knex.Transaction, storeId: number): Promise<Map<string, Map<string, number>>> {
  const rows = await trx('product_listings').where({ store_id: storeId }).select<{ marketplace_id: string; seller_sku: string; product_id: number }[]>('marketplace_id', 'seller_sku', 'product_id');
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const bySku = out.get(r.seller_sku) ?? new Map<string, number>();
    bySku.set(r.marketplace_id, Number(r.product_id));
    out.set(r.seller_sku, bySku);
  }
  return out;
}

/**
 * The product a SKU's FBA stock belongs to: its mapping in a marketplace that reports it, else its mapping anywhere in
 * the store (a seller SKU names one item across an account's marketplaces).
 */
function productFor(mapping: Map<string, Map<string, number>>, sku: string, views: readonly ViewRow[]): number | undefined {
  const byMarketplace = mapping.get(sku);
  if (!byMarketplace) return undefined;
  for (const v of views) {
    const id = byMarketplace.get(v.marketplace_id);
    if (id !== undefined) return id;
  }
  return byMarketplace.values().next().value;
}
