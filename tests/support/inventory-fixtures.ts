import type { Db } from '../../main/db/connection';
import { createAudit } from '../../main/services/audit.service';
import { createInventoryService, type StockChangedHook } from '../../main/services/inventory/inventory.service';
import { postMovements, type MovementInput } from '../../main/services/inventory/ledger';
import { createWarehousesService } from '../../main/services/inventory/warehouses.service';

export const NOW = '2026-11-20T08:00:00.000Z';
export const fixedClock = { now: () => new Date(NOW) };

/** Catalog rows written directly: the catalog service is another module's job. */
export async function insertProduct(db: Db, sku: string, opts: { name?: string; kind?: 'unit' | 'bundle'; backorder?: boolean } = {}): Promise<number> {
  const [row] = await db('products').insert({ sku, kind: opts.kind ?? 'unit', name: opts.name ?? sku, allow_backorder: opts.backorder ?? false, created_at: NOW, updated_at: NOW }, ['id']);
  return typeof row === 'object' ? (row as { id: number }).id : (row as number);
}

export async function insertBundle(db: Db, sku: string, components: [componentId: number, quantity: number][], name?: string): Promise<number> {
  const id = await insertProduct(db, sku, { kind: 'bundle', ...(name ? { name } : {}) });
  await db('bundle_components').insert(components.map(([componentId, quantity]) => ({ bundle_id: id, component_id: componentId, quantity })));
  return id;
}

/** Goods arriving from a supplier, as purchasing will post them. */
export async function receive(db: Db, lines: Omit<MovementInput, 'kind'>[]): Promise<void> {
  await db.transaction((trx) => postMovements(trx, lines.map((l) => ({ ...l, kind: 'receive' as const, refType: 'po', refId: 'PO-20261101' })), { actor: 'system:test', now: NOW }));
}

export function inventoryServices(db: Db, opts: { actor?: string; onStockChanged?: StockChangedHook } = {}) {
  const actor = opts.actor ?? '仓管 李';
  const audit = createAudit({ name: actor }, fixedClock);
  return {
    warehouses: createWarehousesService({ db, clock: fixedClock, audit }),
    inventory: createInventoryService({ db, clock: fixedClock, audit, actor, ...(opts.onStockChanged ? { onStockChanged: opts.onStockChanged } : {}) }),
  };
}
