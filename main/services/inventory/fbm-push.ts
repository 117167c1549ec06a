import type { Queryable } from '../../db/connection';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import { bundleComponents, productsByIds } from '../../db/repositories/stock.repo';
import { AppError } from '../../../shared/ipc/errors';
import { enqueue } from '../../sync/outbox/outbox';
import { listOutboxRows, supersedePendingOutboxRows } from '../../sync/outbox/outbox.repo';
import { fbmQuantityIdempotencyKey, fbmQuantityPayloadSchema, type FbmQuantityPayload } from '../../sync/outbox/handlers/fbm-quantity.outbox';
import { stockLevels } from './ledger';

/**
 * Units kept back from every merchant-fulfilled offer: Amazon is told `available − buffer`, so a sale in the shop, a
 * miscount or a slow sync does not oversell. A plain setting (not a contract entry yet), default 0.
 */
export const FBM_SAFETY_BUFFER_KEY = 'inventory.fbmSafetyBuffer';
const MAX_BUFFER = 100_000;
/** Kits of kits are allowed by the catalog; the walk up and down is bounded like the ledger's bundle expansion. */
const MAX_NESTING = 4;
const CHUNK = 400;

export interface FbmPushContext {
  now: string;
}

export interface QueuedFbmQuantity {
  storeId: number;
  marketplaceId: string;
  sellerSku: string;
  quantity: number;
  outboxSeq: number;
}

interface FbmListingRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
  product_id: number;
  fbm_warehouse_id: number;
  fbm_pushed_quantity: number | null;
}

export async function getFbmSafetyBuffer(db: Queryable): Promise<number> {
  const value = await getSetting(db, FBM_SAFETY_BUFFER_KEY);
  // A value this build cannot read (hand-edited, newer format) must not block stock changes: fall back to none.
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_BUFFER ? value : 0;
}

/**
 * Changes the buffer and re-queues, in the same transaction, every merchant-fulfilled offer whose figure it changes, so
 * Amazon never keeps quantities computed with the old buffer. Offers whose stock the ledger has never counted are left
 * as Amazon has them, as at mapping.
 */
export async function setFbmSafetyBuffer(trx: Queryable, buffer: number, ctx: FbmPushContext): Promise<QueuedFbmQuantity[]> {
  if (!Number.isSafeInteger(buffer) || buffer < 0 || buffer > MAX_BUFFER) throw new AppError('invalid-input', { field: 'fbmSafetyBuffer', reason: 'out-of-range', max: MAX_BUFFER });
  await putSetting(trx, FBM_SAFETY_BUFFER_KEY, buffer, ctx.now);
  const counted: FbmListingRow[] = [];
  for (const l of await allFbmListings(trx)) if ((await lastMovementAt(trx, l)) !== null) counted.push(l);
  return queueListings(trx, counted, ctx);
}

/**
 * Queues the Amazon quantity of every merchant-fulfilled offer (a `product_listings` row with an FBM warehouse) that sells
 * one of these products, directly or as a bundle containing it: `max(0, available − buffer)` at the offer's warehouse,
 * a bundle counting how many whole sets its components make. Only figures that differ from what was last queued are
 * sent; each one is an outbox row written in the caller's transaction, so it commits with the stock change or not at all.
 */
export async function queueFbmQuantities(trx: Queryable, productIds: readonly number[], ctx: FbmPushContext): Promise<QueuedFbmQuantity[]> {
  if (productIds.length === 0) return [];
  const affected = await withBundlesAbove(trx, productIds);
  return queueListings(trx, await fbmListingsOf(trx, affected), ctx);
}

/**
 * The safety net behind `queueFbmQuantities`: re-checks one marketplace's merchant-fulfilled offers of a store whose stock
 * moved after their figure was last queued, for postings that did not go through a service calling the hook. Run by
 * each sync cycle, so such a change still reaches Amazon within one cycle. Offers whose stock has not moved since they
 * were mapped or last pushed are left alone (a new seller's uncounted warehouse does not zero their offers).
 */
export async function queueStaleFbmQuantities(trx: Queryable, input: { storeId: number; marketplaceId: string; now: string }): Promise<QueuedFbmQuantity[]> {
  const listings: FbmListingRow[] = await trx('product_listings')
    .where({ store_id: input.storeId, marketplace_id: input.marketplaceId })
    .whereNotNull('fbm_warehouse_id')
    .select<(FbmListingRow & { fbm_pushed_at: string | null })[]>(...FBM_COLUMNS, 'fbm_pushed_at')
    .orderBy(ORDER);
  if (listings.length === 0) return [];
  const stale: FbmListingRow[] = [];
  for (const l of listings as (FbmListingRow & { fbm_pushed_at: string | null })[]) {
    const last = await lastMovementAt(trx, l);
    // Same instant counts as after: a figure queued then is re-checked, which costs a read, never a wrong push.
    if (last !== null && (l.fbm_pushed_at === null || last >= l.fbm_pushed_at)) stale.push(l);
  }
  return queueListings(trx, stale, input);
}

/** When the stock behind an offer last moved at its warehouse (its product, or a bundle's components); null: never. */
async function lastMovementAt(trx: Queryable, l: FbmListingRow): Promise<string | null> {
  const products = await withBundlesBelow(trx, l.product_id);
  const last = await trx('stock_movements').where({ warehouse_id: l.fbm_warehouse_id }).whereIn('product_id', products).max<{ at: string | null }>({ at: 'created_at' }).first();
  return last?.at ?? null;
}

/** A product and, for a bundle, every component down the kit tree: whose stock decides the offer's quantity. */
async function withBundlesBelow(db: Queryable, productId: number): Promise<number[]> {
  const all = new Set([productId]);
  let frontier = [productId];
  for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
    const parts = await bundleComponents(db, frontier);
    frontier = parts.map((p) => p.componentId).filter((id) => !all.has(id));
    for (const id of frontier) all.add(id);
  }
  return [...all];
}

async function queueListings(trx: Queryable, listings: FbmListingRow[], ctx: FbmPushContext): Promise<QueuedFbmQuantity[]> {
  if (listings.length === 0) return [];
  const buffer = await getFbmSafetyBuffer(trx);
  const availability = await availabilityReader(trx);
  const pending = pendingQuantityRows(trx);
  const queued: QueuedFbmQuantity[] = [];
  const clock = { now: () => new Date(ctx.now) };
  for (const l of listings) {
    const quantity = Math.max(0, (await availability(l.product_id, l.fbm_warehouse_id)) - buffer);
    if (quantity === l.fbm_pushed_quantity) continue;
    // Read before enqueueing, so the new row is not among the ones it retires.
    const waiting = await pending(l);
    const payload: FbmQuantityPayload = { marketplaceId: l.marketplace_id, sellerSku: l.seller_sku, quantity };
    const { seq } = await enqueue(trx, { storeId: l.store_id, kind: 'fbm-quantity', payload, idempotencyKey: fbmQuantityIdempotencyKey(l.store_id, payload) }, clock);
    // The worker sends a store's rows in order, so an older figure still waiting would be sent first and then
    // overwritten: retiring it saves Amazon a write and keeps a stale figure off the listing even for a moment.
    await supersedePendingOutboxRows(trx, waiting.splice(0), seq);
    waiting.push(seq);
    await trx('product_listings')
      .where({ store_id: l.store_id, marketplace_id: l.marketplace_id, seller_sku: l.seller_sku })
      .update({ fbm_pushed_quantity: quantity, fbm_pushed_at: ctx.now });
    queued.push({ storeId: l.store_id, marketplaceId: l.marketplace_id, sellerSku: l.seller_sku, quantity, outboxSeq: seq });
  }
  return queued;
}

/** The still-pending quantity rows per offer, read once per store for the whole pass. */
function pendingQuantityRows(trx: Queryable): (l: FbmListingRow) => Promise<number[]> {
  const byStore = new Map<number, Promise<Map<string, number[]>>>();
  const offerKey = (marketplaceId: string, sellerSku: string) => `${marketplaceId}\u0000${sellerSku}`;
  const load = async (storeId: number): Promise<Map<string, number[]>> => {
    const out = new Map<string, number[]>();
    for (const r of await listOutboxRows(trx, { storeId, status: 'pending' })) {
      if (r.kind !== 'fbm-quantity') continue;
      const parsed = fbmQuantityPayloadSchema.safeParse(safeJson(r.payloadJson));
      if (!parsed.success) continue;
      const k = offerKey(parsed.data.marketplaceId, parsed.data.sellerSku);
      out.set(k, [...(out.get(k) ?? []), r.seq]);
    }
    return out;
  };
  return async (l) => {
    let store = byStore.get(l.store_id);
    if (!store) {
      store = load(l.store_id);
      byStore.set(l.store_id, store);
    }
    const rows = await store;
    const k = offerKey(l.marketplace_id, l.seller_sku);
    let seqs = rows.get(k);
    if (!seqs) {
      seqs = [];
      rows.set(k, seqs);
    }
    return seqs;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The products themselves plus every bundle that (through up to MAX_NESTING levels of kits) contains one of them. */
async function withBundlesAbove(db: Queryable, productIds: readonly number[]): Promise<number[]> {
  const all = new Set(productIds);
  let frontier = [...all];
  for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const part of chunks(frontier)) {
      const bundles = await db('bundle_components').whereIn('component_id', part).distinct().pluck<number[]>('bundle_id');
      for (const id of bundles) {
        if (all.has(Number(id))) continue;
        all.add(Number(id));
        next.push(Number(id));
      }
    }
    frontier = next;
  }
  return [...all];
}

const FBM_COLUMNS = ['store_id', 'marketplace_id', 'seller_sku', 'product_id', 'fbm_warehouse_id', 'fbm_pushed_quantity'] as const;
const ORDER = ['store_id', 'marketplace_id', 'seller_sku'];

async function fbmListingsOf(db: Queryable, productIds: readonly number[]): Promise<FbmListingRow[]> {
  const out: FbmListingRow[] = [];
  for (const part of chunks(productIds)) {
    out.push(...(await db('product_listings').whereIn('product_id', part).whereNotNull('fbm_warehouse_id').select<FbmListingRow[]>(...FBM_COLUMNS).orderBy(ORDER)));
  }
  return out.sort((a, b) => a.store_id - b.store_id || cmp(a.marketplace_id, b.marketplace_id) || cmp(a.seller_sku, b.seller_sku));
}

async function allFbmListings(db: Queryable): Promise<FbmListingRow[]> {
  return db('product_listings').whereNotNull('fbm_warehouse_id').select<FbmListingRow[]>(...FBM_COLUMNS).orderBy(ORDER);
}

/**
 * Available units of a product at a warehouse, a bundle counting whole sets: min over its components of
 * floor(available / units per set). Memoised for one queueing pass, which runs inside one transaction.
 */
async function availabilityReader(db: Queryable): Promise<(productId: number, warehouseId: number) => Promise<number>> {
  const memo = new Map<string, Promise<number>>();
  const read = (productId: number, warehouseId: number, depth: number): Promise<number> => {
    const key = `${productId}:${warehouseId}`;
    let found = memo.get(key);
    if (!found) {
      found = compute(productId, warehouseId, depth);
      memo.set(key, found);
    }
    return found;
  };
  const compute = async (productId: number, warehouseId: number, depth: number): Promise<number> => {
    const product = (await productsByIds(db, [productId])).get(productId);
    if (!product) return 0;
    if (product.kind !== 'bundle') {
      const [level] = await stockLevels(db, { productIds: [productId], warehouseId });
      return level?.available ?? 0;
    }
    const parts = await bundleComponents(db, [productId]);
    // A kit without components, or nested past the limit, is a catalog error: offer none rather than guess.
    if (parts.length === 0 || depth >= MAX_NESTING) return 0;
    let sets = Number.POSITIVE_INFINITY;
    for (const p of parts) sets = Math.min(sets, Math.floor((await read(p.componentId, warehouseId, depth + 1)) / p.quantity));
    return Math.max(0, sets);
  };
  return (productId, warehouseId) => read(productId, warehouseId, 0);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
