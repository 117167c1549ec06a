import type { Core } from '../../main/core';
import { expandBundles } from '../../main/services/inventory/bundles';
import type { SpOrder } from '../../main/spapi/schemas/orders';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';

/** A few lines of an FBM order as Amazon lists them: the seller SKU and how many. */
export interface OrderLineSeed {
  orderItemId: string;
  sellerSku: string;
  quantity: number;
}

/** An FBM order as the orders sync would store it, written directly: Amazon is the master of orders. */
export async function insertFbmOrder(core: Core, o: { id: string; storeId: number; marketplaceId?: string; status?: string; fulfilledBy?: 'MERCHANT' | 'AMAZON'; shipBy?: string; lines: OrderLineSeed[] }): Promise<void> {
  const now = core.clock.now().toISOString();
  await core.db('orders').insert({
    id: o.id,
    store_id: o.storeId,
    marketplace_id: o.marketplaceId ?? 'ATVPDKIKX0DER',
    status: o.status ?? 'UNSHIPPED',
    fulfilled_by: o.fulfilledBy ?? 'MERCHANT',
    created_time: now,
    last_updated_time: now,
    ship_by_latest: o.shipBy ?? new Date(core.clock.now().getTime() + 30 * 3600_000).toISOString(),
    synced_at: now,
  });
  await core.db('order_items').insert(o.lines.map((l) => ({ order_id: o.id, order_item_id: l.orderItemId, seller_sku: l.sellerSku, quantity_ordered: l.quantity, quantity_shipped: 0 })));
}

/**
 * Allocates an order to one warehouse the way the fulfillment workflow leaves it: a workflow row in `allocated`, one
 * allocation row per order item × product (bundles expanded), and the units reserved through the inventory service.
 * Used where the workflow's own process() is not the subject of the test.
 */
export async function allocateByHand(core: Core, orderId: string, warehouseId: number, carrier: { code: string; name?: string; service?: string } | null = { code: 'UPS' }): Promise<void> {
  await core.db.transaction(async (trx) => {
    const order = await trx('orders').where({ id: orderId }).first<{ store_id: number; marketplace_id: string }>('store_id', 'marketplace_id');
    const items = await trx('order_items').where({ order_id: orderId }).select<{ order_item_id: string; seller_sku: string; quantity_ordered: number }[]>('order_item_id', 'seller_sku', 'quantity_ordered');
    const allocations: { order_id: string; order_item_id: string; package_no: number; warehouse_id: number; product_id: number; quantity: number }[] = [];
    for (const item of items) {
      const listing = await trx('product_listings').where({ store_id: order.store_id, marketplace_id: order.marketplace_id, seller_sku: item.seller_sku }).first<{ product_id: number }>('product_id');
      if (!listing) throw new Error(`seller SKU ${item.seller_sku} is not mapped to a product`);
      for (const unit of await expandBundles(trx, [{ productId: listing.product_id, quantity: item.quantity_ordered }])) {
        allocations.push({ order_id: orderId, order_item_id: item.order_item_id, package_no: 1, warehouse_id: warehouseId, product_id: unit.productId, quantity: unit.quantity });
      }
    }
    const now = core.clock.now().toISOString();
    await trx('order_workflow')
      .insert({ order_id: orderId, state: 'allocated', warehouse_id: warehouseId, carrier_code: carrier?.code ?? null, carrier_name: carrier?.name ?? null, shipping_service: carrier?.service ?? null, version: 1, state_changed_at: now, updated_at: now })
      .onConflict('order_id')
      .merge();
    await trx('order_allocations').insert(allocations);
    const perProduct = new Map<number, number>();
    for (const a of allocations) perProduct.set(a.product_id, (perProduct.get(a.product_id) ?? 0) + a.quantity);
    await core.inventory.reserveForOrder(trx, { orderId, warehouseId, lines: [...perProduct].map(([productId, quantity]) => ({ productId, quantity })) });
  });
}

/** A unit product with a barcode, sold under `sellerSku` on the store's marketplace, with stock in `warehouseId`. */
export async function stockedProduct(core: Core, p: { sku: string; name: string; gtin?: string; caseCode?: { code: string; units: number }; storeId: number; marketplaceId?: string; sellerSku?: string; warehouseId: number; onHand: number }): Promise<number> {
  const codes = [...(p.gtin ? [{ kind: 'gtin' as const, code: p.gtin }] : []), ...(p.caseCode ? [{ kind: 'case' as const, code: p.caseCode.code, units: p.caseCode.units }] : [])];
  const product = await core.catalog.create({ sku: p.sku, name: p.name, kind: 'unit', codes });
  await core.catalog.mapListing({ storeId: p.storeId, marketplaceId: p.marketplaceId ?? 'ATVPDKIKX0DER', sellerSku: p.sellerSku ?? p.sku, productId: product.id });
  if (p.onHand > 0) await core.inventory.adjust({ productId: product.id, warehouseId: p.warehouseId, delta: p.onHand, reason: 'found', note: 'opening stock' });
  return product.id;
}

/** On hand and reserved of a product in a warehouse, from the cached balances. */
export async function level(core: Core, productId: number, warehouseId: number): Promise<{ onHand: number; reserved: number }> {
  const row = await core.db('stock_levels').where({ product_id: productId, warehouse_id: warehouseId }).first<{ on_hand: number; reserved: number } | undefined>('on_hand', 'reserved');
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0 };
}

/** A recipient as Amazon sends it: sealed at rest by the orders sync, opened only for a packing slip. */
export interface AddressSeed {
  name: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrRegion?: string;
  postalCode: string;
  countryCode: string;
}

/**
 * An FBM order arriving through the orders sync's own storage path (PII sealed with the core's secret box) and the
 * fulfillment hook that audits and allocates it, in one transaction as the orders job does.
 */
export async function syncFbmOrder(
  core: Core,
  o: { id: string; storeId: number; marketplaceId?: string; createdTime?: string; address: AddressSeed; lines: (OrderLineSeed & { title?: string })[] },
): Promise<void> {
  const store = (await core.stores.list()).find((s) => s.id === o.storeId);
  if (!store) throw new Error(`no store ${o.storeId}`);
  const now = core.clock.now().toISOString();
  const order = {
    orderId: o.id,
    createdTime: o.createdTime ?? now,
    lastUpdatedTime: now,
    salesChannel: { channelName: 'Amazon', marketplaceId: o.marketplaceId ?? 'ATVPDKIKX0DER' },
    buyer: { buyerName: o.address.name, buyerEmail: `${o.id}@marketplace.amazon.com` },
    recipient: { deliveryAddress: o.address },
    fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD', shipByWindow: { latestDateTime: new Date(core.clock.now().getTime() + 48 * 3600_000).toISOString() } },
    orderItems: o.lines.map((l) => ({ orderItemId: l.orderItemId, quantityOrdered: l.quantity, product: { sellerSku: l.sellerSku, title: l.title ?? l.sellerSku } })),
  } as unknown as SpOrder;
  await core.db.transaction(async (trx) => {
    const ids = await storeOrderPage({ clock: core.clock, store, secretBox: core.secretBox }, trx, [order]);
    await core.fulfillment.onOrdersSynced(trx, ids);
  });
}

/** The audit rules a bench test does not exercise, off: only the two that can never be switched off stay on. */
export async function onlyBlockingAuditRules(core: Core): Promise<void> {
  const audit = await core.fulfillment.rules.audit.get();
  await core.fulfillment.rules.audit.set(audit.map((r) => ({ ...r, enabled: r.code === 'sku-unmapped' || r.code === 'stock-insufficient' })));
}
