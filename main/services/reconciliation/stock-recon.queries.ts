import type { Queryable } from '../../db/connection';
import { FBA_SYNC_REF_TYPE } from '../inventory/fba-mirror';

/** Where the reconciliation of one product × FBA warehouse counts from: an accepted point, or the opening balance. */
export interface Baseline {
  onHand: number;
  movementId: number;
  snapshotAt: string;
}

export interface FbaPair {
  productId: number;
  warehouseId: number;
  storeId: number;
  region: string;
  sku: string;
  name: string;
  warehouseCode: string;
  onHand: number;
  lastMovementId: number;
  baseline: Baseline;
  /** Units that left in transit since the baseline: each arrived on hand unless Amazon says otherwise. */
  receipts: number;
  /** The first correction since the baseline that took on-hand units away: when a loss would have happened. */
  firstDropAt: string | null;
}

interface PairRow {
  product_id: number;
  warehouse_id: number;
  store_id: number;
  region: string;
  sku: string;
  name: string;
  code: string;
  on_hand: number;
  last_movement_id: number;
}

/**
 * Every unit product × FBA warehouse the mirror has given a figure, with its baseline: the last accepted point, else
 * the mirror's first correction (the opening balance, which is Amazon's word by definition).
 */
export async function fbaPairs(db: Queryable): Promise<FbaPair[]> {
  const rows = (await db('stock_levels as l')
    .join('warehouses as w', 'w.id', 'l.warehouse_id')
    .join('products as p', 'p.id', 'l.product_id')
    .where({ 'w.kind': 'fba', 'p.kind': 'unit' })
    .whereNotNull('w.store_id')
    .select('l.product_id', 'l.warehouse_id', 'w.store_id', 'w.region', 'p.sku', 'p.name', 'w.code', 'l.on_hand', 'l.last_movement_id')
    .orderBy(['p.sku', 'l.warehouse_id'])) as PairRow[];
  const out: FbaPair[] = [];
  for (const r of rows) {
    const baseline = await baselineOf(db, Number(r.product_id), Number(r.warehouse_id));
    if (!baseline) continue;
    const after = db('stock_movements').where({ product_id: r.product_id, warehouse_id: r.warehouse_id }).andWhere('id', '>', baseline.movementId);
    const receipts = await after.clone().where('in_transit_delta', '<', 0).sum<{ n: number | string | null }>({ n: 'in_transit_delta' }).first();
    const drop = await after
      .clone()
      .where({ kind: 'sync-correction', ref_type: FBA_SYNC_REF_TYPE })
      .andWhere('on_hand_delta', '<', 0)
      .orderBy('id')
      .first<{ created_at: string } | undefined>('created_at');
    out.push({
      productId: Number(r.product_id),
      warehouseId: Number(r.warehouse_id),
      storeId: Number(r.store_id),
      region: r.region,
      sku: r.sku,
      name: r.name,
      warehouseCode: r.code,
      onHand: Number(r.on_hand),
      lastMovementId: Number(r.last_movement_id),
      baseline,
      receipts: -Number(receipts?.n ?? 0),
      firstDropAt: drop?.created_at ?? null,
    });
  }
  return out;
}

async function baselineOf(db: Queryable, productId: number, warehouseId: number): Promise<Baseline | null> {
  const accepted = await db('recon_stock_baselines')
    .where({ product_id: productId, warehouse_id: warehouseId })
    .orderBy('id', 'desc')
    .first<{ on_hand: number; movement_id: number; snapshot_at: string } | undefined>('on_hand', 'movement_id', 'snapshot_at');
  if (accepted) return { onHand: Number(accepted.on_hand), movementId: Number(accepted.movement_id), snapshotAt: accepted.snapshot_at };
  const opening = await db('stock_movements')
    .where({ product_id: productId, warehouse_id: warehouseId, kind: 'sync-correction', ref_type: FBA_SYNC_REF_TYPE })
    .orderBy('id')
    .first<{ id: number; created_at: string } | undefined>('id', 'created_at');
  if (!opening) return null;
  const sum = await db('stock_movements')
    .where({ product_id: productId, warehouse_id: warehouseId })
    .andWhere('id', '<=', opening.id)
    .sum<{ n: number | string | null }>({ n: 'on_hand_delta' })
    .first();
  return { onHand: Number(sum?.n ?? 0), movementId: Number(opening.id), snapshotAt: opening.created_at };
}

/** When each marketplace's FBA figures were last read (the inventory job's commit time), per store. */
export async function inventorySnapshots(db: Queryable): Promise<Map<number, Map<string, string>>> {
  const rows = await db('sync_watermarks').where('job', 'like', 'inventory:%').select<{ store_id: number; job: string; updated_at: string }[]>('store_id', 'job', 'updated_at');
  const out = new Map<number, Map<string, string>>();
  for (const r of rows) {
    const byMarketplace = out.get(Number(r.store_id)) ?? new Map<string, string>();
    byMarketplace.set(r.job.slice('inventory:'.length), r.updated_at);
    out.set(Number(r.store_id), byMarketplace);
  }
  return out;
}

/** How far each store's orders mirror reaches: the end of the last window the orders job committed. */
export async function ordersCoveredUntil(db: Queryable): Promise<Map<number, string>> {
  const rows = await db('sync_watermarks').where({ job: 'orders' }).whereNotNull('watermark').select<{ store_id: number; watermark: string }[]>('store_id', 'watermark');
  return new Map(rows.map((r) => [Number(r.store_id), r.watermark]));
}

export interface AfnShipment {
  storeId: number;
  marketplaceId: string;
  productId: number;
  quantity: number;
  shippedAt: string;
}

/**
 * Units Amazon shipped from its warehouses per the orders mirror, dated by when the order turned shipped (Amazon's
 * last-updated time at that change), mapped to products the way the FBA mirror maps SKUs.
 */
export async function afnShipments(db: Queryable, since: string): Promise<AfnShipment[]> {
  const rows = (await db('orders as o')
    .join('order_items as i', 'i.order_id', 'o.id')
    .where({ 'o.fulfilled_by': 'AMAZON' })
    .whereIn('o.status', ['SHIPPED', 'PARTIALLY_SHIPPED'])
    .andWhere('i.quantity_shipped', '>', 0)
    .whereNotNull('i.seller_sku')
    .select('o.store_id', 'o.marketplace_id', 'i.seller_sku', 'i.quantity_shipped')
    .select(db.raw("(select min(h.changed_at) from order_status_history h where h.order_id = o.id and h.to_status in ('SHIPPED', 'PARTIALLY_SHIPPED')) as shipped_at"))) as {
    store_id: number;
    marketplace_id: string;
    seller_sku: string;
    quantity_shipped: number;
    shipped_at: string | null;
  }[];
  const mapping = await db('product_listings').select<{ store_id: number; marketplace_id: string; seller_sku: string; product_id: number }[]>('store_id', 'marketplace_id', 'seller_sku', 'product_id');
  const exact = new Map(mapping.map((m) => [`${m.store_id}\u0000${m.marketplace_id}\u0000${m.seller_sku}`, Number(m.product_id)]));
  const anywhere = new Map(mapping.map((m) => [`${m.store_id}\u0000${m.seller_sku}`, Number(m.product_id)]));
  const out: AfnShipment[] = [];
  for (const r of rows) {
    if (!r.shipped_at || r.shipped_at <= since) continue;
    const productId = exact.get(`${r.store_id}\u0000${r.marketplace_id}\u0000${r.seller_sku}`) ?? anywhere.get(`${r.store_id}\u0000${r.seller_sku}`);
    if (productId === undefined) continue;
    out.push({ storeId: Number(r.store_id), marketplaceId: r.marketplace_id, productId, quantity: Number(r.quantity_shipped), shippedAt: r.shipped_at });
  }
  return out;
}

export interface FbaBreakdownRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
  fnsku: string | null;
  fulfillable: number;
  inbound_shipped: number;
  inbound_receiving: number;
  reserved: number;
  unfulfillable: number;
  researching: number;
  region: string;
  country_code: string;
}

export async function fbaBreakdowns(db: Queryable): Promise<FbaBreakdownRow[]> {
  return db('fba_inventory as f')
    .join('marketplaces as m', 'm.id', 'f.marketplace_id')
    .select<FbaBreakdownRow[]>('f.store_id', 'f.marketplace_id', 'f.seller_sku', 'f.fnsku', 'f.fulfillable', 'f.inbound_shipped', 'f.inbound_receiving', 'f.reserved', 'f.unfulfillable', 'f.researching', 'm.region', 'm.country_code');
}

export interface ShortageRow {
  amazon_shipment_id: string;
  shipment_id: number;
  product_id: number;
  quantity_shipped: number;
  quantity_received: number;
  discrepancy: number;
  closed_at: string | null;
}

/** Inbound shipment items Amazon closed short, per product: the evidence an inbound-shortage claim carries. */
export async function inboundShortages(db: Queryable, productId: number): Promise<ShortageRow[]> {
  return db('fba_inbound_shipment_items as i')
    .join('fba_inbound_shipments as s', 's.id', 'i.shipment_id')
    .where({ 'i.product_id': productId })
    .andWhere('i.discrepancy', '<', 0)
    .select<ShortageRow[]>('s.amazon_shipment_id', 's.id as shipment_id', 'i.product_id', 'i.quantity_shipped', 'i.quantity_received', 'i.discrepancy', 's.closed_at')
    .orderBy('s.id');
}

export async function shipmentBoxes(db: Queryable, shipmentId: number): Promise<string[]> {
  return db('fba_inbound_shipment_boxes').where({ shipment_id: shipmentId }).orderBy('box_index').pluck('amazon_box_id');
}

export interface FbmOfferRow {
  store_id: number;
  marketplace_id: string;
  seller_sku: string;
  product_id: number;
  sku: string;
  name: string;
  fbm_warehouse_id: number;
  warehouse_code: string;
  fbm_pushed_quantity: number;
  fbm_pushed_at: string | null;
  quantity: number;
  synced_at: string;
}

/** Merchant-fulfilled offers the ledger counts, beside the listings mirror's quantity for them. */
export async function fbmOffers(db: Queryable): Promise<FbmOfferRow[]> {
  return db('product_listings as pl')
    .join('listings as l', (j) => {
      j.on('l.store_id', 'pl.store_id').andOn('l.marketplace_id', 'pl.marketplace_id').andOn('l.seller_sku', 'pl.seller_sku');
    })
    .join('products as p', 'p.id', 'pl.product_id')
    .join('warehouses as w', 'w.id', 'pl.fbm_warehouse_id')
    .whereNotNull('pl.fbm_pushed_quantity')
    .whereNotNull('l.quantity')
    .select<FbmOfferRow[]>(
      'pl.store_id',
      'pl.marketplace_id',
      'pl.seller_sku',
      'pl.product_id',
      'p.sku',
      'p.name',
      'pl.fbm_warehouse_id',
      'w.code as warehouse_code',
      'pl.fbm_pushed_quantity',
      'pl.fbm_pushed_at',
      'l.quantity',
      'l.synced_at',
    )
    .orderBy(['p.sku', 'pl.store_id', 'pl.marketplace_id']);
}

export interface LastPush {
  status: string;
  sentAt: string | null;
}

/** The newest FBM quantity write queued per offer (`store\0marketplace\0sku`). */
export async function lastFbmPushes(db: Queryable): Promise<Map<string, LastPush>> {
  const rows = await db('outbox').where({ kind: 'fbm-quantity' }).orderBy('seq').select<{ store_id: number; payload_json: string; status: string; sent_at: string | null }[]>('store_id', 'payload_json', 'status', 'sent_at');
  const out = new Map<string, LastPush>();
  for (const r of rows) {
    let payload: { marketplaceId?: unknown; sellerSku?: unknown } = {};
    try {
      payload = JSON.parse(r.payload_json) as typeof payload;
    } catch {
      continue;
    }
    if (typeof payload.marketplaceId !== 'string' || typeof payload.sellerSku !== 'string') continue;
    out.set(`${r.store_id}\u0000${payload.marketplaceId}\u0000${payload.sellerSku}`, { status: r.status, sentAt: r.sent_at });
  }
  return out;
}
