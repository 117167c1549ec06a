/**
 * Wave creation plus its pick list for 1,000 allocated orders, on a real SQLite file: the orders move to picking one
 * by one (workflow, version check, audit row each) in one transaction, then the list is grouped and sorted by bin.
 */
import { tempCore } from '../support/temp-core';

type Emit = (bench: string, figures: Record<string, number>) => void;

const ORDERS = 1000;
const PRODUCTS = 200;
const round = (x: number) => Math.round(x * 100) / 100;

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function benchWaveCreate(emit: Emit): Promise<void> {
  const core = await tempCore({ sync: { autoStart: false } });
  try {
    const store = await core.stores.create({ name: 'Bench US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
    const wh = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
    const productIds: number[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const p = await core.catalog.create({ sku: `WAVE-${String(i).padStart(3, '0')}`, name: `Wave item ${i}`, kind: 'unit' });
      // Bins in a different order than SKUs, so the sort has work to do.
      const bin = await core.warehouses.createBin({ warehouseId: wh.id, code: `R${String((i * 37) % PRODUCTS).padStart(3, '0')}`, pickOrder: (i * 37) % PRODUCTS });
      await core.warehouses.assignBin({ productId: p.id, binId: bin.id });
      productIds.push(p.id);
    }
    // Seeded straight into the tables: the allocation path is not what is measured.
    const now = core.clock.now();
    const orders = [];
    const items = [];
    const workflow = [];
    const allocations = [];
    for (let n = 0; n < ORDERS; n++) {
      const id = `114-${String(n).padStart(7, '0')}-${String(n * 7).padStart(7, '0')}`;
      orders.push({ id, store_id: store.id, marketplace_id: 'ATVPDKIKX0DER', status: 'UNSHIPPED', fulfilled_by: 'MERCHANT', created_time: now.toISOString(), last_updated_time: now.toISOString(), ship_by_latest: new Date(now.getTime() + ((n * 7919) % 4000) * 60_000).toISOString(), synced_at: now.toISOString() });
      workflow.push({ order_id: id, state: 'allocated', warehouse_id: wh.id, carrier_code: 'UPS', version: 1, state_changed_at: now.toISOString(), updated_at: now.toISOString() });
      for (let l = 0; l <= n % 3; l++) {
        const productId = productIds[(n * 13 + l * 71) % PRODUCTS]!;
        items.push({ order_id: id, order_item_id: `${n}-${l}`, seller_sku: `WAVE-${l}`, quantity_ordered: 1 + (l % 2), quantity_shipped: 0 });
        allocations.push({ order_id: id, order_item_id: `${n}-${l}`, package_no: 1, warehouse_id: wh.id, product_id: productId, quantity: 1 + (l % 2) });
      }
    }
    await chunked(orders, 50, (c) => core.db('orders').insert(c));
    await chunked(items, 100, (c) => core.db('order_items').insert(c));
    await chunked(workflow, 100, (c) => core.db('order_workflow').insert(c));
    await chunked(allocations, 100, (c) => core.db('order_allocations').insert(c));

    const t0 = performance.now();
    const wave = await core.picking.createWave({ warehouseId: wh.id, maxOrders: ORDERS });
    const created = performance.now() - t0;
    const list = await core.picking.pickList(wave.id);
    const wall = performance.now() - t0;
    if (wave.orders !== ORDERS || list.totals.orders !== ORDERS) throw new Error(`wave holds ${wave.orders} orders, expected ${ORDERS}`);
    emit('wave-create', { orders: wave.orders, lines: list.lines.length, units: list.totals.units, create_ms: round(created), pick_list_ms: round(wall - created), wall_ms: round(wall) });
  } finally {
    await core.dispose();
  }
}
