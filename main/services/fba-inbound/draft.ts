import type { Knex } from 'knex';
import { createPlanInputSchema, suggestionsInputSchema, type CreatePlanInput, type FbaSuggestion } from '../../../shared/domain/fba-inbound';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { productsByIds } from '../../db/repositories/stock.repo';
import { findFbaWarehouse, findWarehouse } from '../../db/repositories/warehouses.repo';
import { recordMovements } from '../inventory/ledger';
import { coverReport } from '../purchasing/replenishment';
import { parseInput } from '../validate';
import { insertPlan, insertPlanItems, lastSourceAddress } from './plans.repo';

export const PLAN_REF_TYPE = 'fba-plan';

/** How a product is known in one marketplace of a store: its seller SKU and the FNSKU Amazon labels it with. */
export interface MarketplaceIdentity {
  msku: string;
  fnsku: string | null;
}

/**
 * The seller SKU a product sells under in the marketplace (its mapped listing) and its FNSKU: Amazon's inventory view
 * of that SKU first (it is Amazon's own figure), the product's FNSKU code otherwise.
 */
export async function identitiesIn(db: Queryable, storeId: number, marketplaceId: string, productIds: readonly number[]): Promise<Map<number, MarketplaceIdentity>> {
  if (productIds.length === 0) return new Map();
  const listings = await db('product_listings as pl')
    .leftJoin('fba_inventory as f', function () {
      this.on('f.store_id', 'pl.store_id').andOn('f.marketplace_id', 'pl.marketplace_id').andOn('f.seller_sku', 'pl.seller_sku');
    })
    .where({ 'pl.store_id': storeId, 'pl.marketplace_id': marketplaceId })
    .whereIn('pl.product_id', [...productIds])
    .orderBy(['pl.product_id', 'pl.seller_sku'])
    .select<{ product_id: number; seller_sku: string; fnsku: string | null }[]>('pl.product_id', 'pl.seller_sku', 'f.fnsku');
  const codes = await db('product_codes').where({ kind: 'fnsku' }).whereIn('product_id', [...productIds]).orderBy('id').select<{ product_id: number; code: string }[]>('product_id', 'code');
  const out = new Map<number, MarketplaceIdentity>();
  for (const l of listings) {
    const known = out.get(l.product_id);
    // A product listed under several SKUs: the one Amazon already stocks as FBA wins.
    if (known && (known.fnsku !== null || l.fnsku === null)) continue;
    out.set(l.product_id, { msku: l.seller_sku, fnsku: l.fnsku ?? null });
  }
  for (const [productId, identity] of out) {
    if (identity.fnsku === null) identity.fnsku = codes.find((c) => c.product_id === productId)?.code ?? null;
  }
  return out;
}

async function storeWithMarketplace(db: Queryable, storeId: number, marketplaceId: string) {
  const store = await db('stores').where({ id: storeId }).first<{ id: number; name: string; region: string } | undefined>('id', 'name', 'region');
  if (!store) throw new AppError('not-found', { entity: 'store', id: storeId });
  const sells = await db('store_marketplaces').where({ store_id: storeId, marketplace_id: marketplaceId }).first('marketplace_id');
  if (!sells) throw new AppError('invalid-input', { field: 'marketplaceId', reason: 'marketplace-not-in-store' });
  return store;
}

async function sourceWarehouse(db: Queryable, id: number) {
  const w = await findWarehouse(db, id);
  if (!w) throw new AppError('not-found', { entity: 'warehouse', id });
  if (w.archivedAt) throw new AppError('invalid-input', { field: 'sourceWarehouseId', reason: 'warehouse-archived' });
  if (w.kind === 'fba') throw new AppError('invalid-input', { field: 'sourceWarehouseId', reason: 'source-is-fba' });
  return w;
}

/**
 * A new plan: every line must sell in the marketplace under a mapped seller SKU with an FNSKU, and the source must have
 * the units available. The units are reserved at the source in the same transaction, so they cannot be sold or sent
 * twice while the plan is worked through with Amazon. Returns the plan id; the step driver sends it to Amazon.
 */
export async function createPlanIn(trx: Knex.Transaction, raw: CreatePlanInput, ctx: { actor: string; now: string }): Promise<{ planId: number; productIds: number[] }> {
  const input = parseInput(createPlanInputSchema, raw);
  await storeWithMarketplace(trx, input.storeId, input.marketplaceId);
  const warehouse = await sourceWarehouse(trx, input.sourceWarehouseId);

  const seen = new Set<number>();
  input.lines.forEach((l, index) => {
    if (seen.has(l.productId)) throw new AppError('invalid-input', { field: 'lines', index, reason: 'duplicate-line' });
    seen.add(l.productId);
  });
  const productIds = input.lines.map((l) => l.productId);
  const products = await productsByIds(trx, productIds);
  const identities = await identitiesIn(trx, input.storeId, input.marketplaceId, productIds);
  const items = input.lines.map((l, index) => {
    const product = products.get(l.productId);
    if (!product) throw new AppError('not-found', { entity: 'product', id: l.productId });
    if (product.kind === 'bundle') throw new AppError('invalid-input', { field: 'lines', index, reason: 'bundle-holds-no-stock', sku: product.sku });
    const identity = identities.get(l.productId);
    if (!identity) throw new AppError('invalid-input', { field: 'lines', index, reason: 'no-listing-in-marketplace', sku: product.sku });
    if (!identity.fnsku) throw new AppError('invalid-input', { field: 'lines', index, reason: 'no-fnsku', sku: product.sku });
    return { productId: l.productId, msku: identity.msku, fnsku: identity.fnsku, quantity: l.quantity, prepOwner: input.prepOwner, labelOwner: input.labelOwner };
  });

  const sourceAddress = input.sourceAddress ?? (await lastSourceAddress(trx, warehouse.id));
  if (!sourceAddress) throw new AppError('invalid-input', { field: 'sourceAddress', reason: 'required' });
  const country = await trx('marketplaces').where({ id: input.marketplaceId }).first<{ country_code: string } | undefined>('country_code');
  const name = input.name ?? `${warehouse.code} → FBA ${country?.country_code ?? ''} ${ctx.now.slice(0, 10)}`.slice(0, 40);

  const planId = await insertPlan(trx, { storeId: input.storeId, marketplaceId: input.marketplaceId, sourceWarehouseId: warehouse.id, name, sourceAddress, createdBy: ctx.actor, now: ctx.now });
  await insertPlanItems(trx, planId, items);
  // The ledger refuses (insufficient-stock, with the SKU and what is available) before any row is written.
  await recordMovements(
    trx,
    items.map((i) => ({ productId: i.productId, warehouseId: warehouse.id, kind: 'reserve' as const, reserved: i.quantity, refType: PLAN_REF_TYPE, refId: String(planId) })),
    ctx,
  );
  return { planId, productIds };
}

/**
 * What the FBA warehouse of the store's region needs, from the replenishment cover report, as lines a plan can take:
 * only products that sell in the marketplace with an FNSKU, capped at what the source warehouse has available.
 */
export async function suggestions(db: Queryable, raw: unknown, now: Date): Promise<FbaSuggestion[]> {
  const input = parseInput(suggestionsInputSchema, raw);
  const store = await storeWithMarketplace(db, input.storeId, input.marketplaceId);
  await sourceWarehouse(db, input.sourceWarehouseId);
  const fba = await findFbaWarehouse(db, store.id, store.region);
  if (!fba) return [];
  const rows = (await coverReport(db, { now, warehouseId: fba.id })).filter((r) => r.suggestedQuantity > 0);
  const productIds = rows.map((r) => r.productId);
  const identities = await identitiesIn(db, store.id, input.marketplaceId, productIds);
  const source = new Map((await coverReport(db, { now, warehouseId: input.sourceWarehouseId, productIds })).map((r) => [r.productId, r.available]));
  const out: FbaSuggestion[] = [];
  for (const r of rows) {
    const identity = identities.get(r.productId);
    const sourceAvailable = source.get(r.productId) ?? 0;
    if (!identity?.fnsku || sourceAvailable <= 0) continue;
    out.push({
      productId: r.productId,
      sku: r.sku,
      name: r.name,
      msku: identity.msku,
      fnsku: identity.fnsku,
      velocity: r.velocity,
      daysOfCover: r.daysOfCover,
      fbaAvailable: r.available,
      fbaInTransit: r.inTransit,
      sourceAvailable,
      suggestedQuantity: Math.min(r.suggestedQuantity, sourceAvailable),
    });
  }
  return out;
}
