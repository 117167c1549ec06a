import {
  newBinSchema,
  newWarehouseSchema,
  productBinSchema,
  warehousePatchSchema,
  type Bin,
  type NewBin,
  type NewWarehouse,
  type Warehouse,
  type WarehousePatch,
} from '../../../shared/domain/inventory';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { hasStock } from '../../db/repositories/stock.repo';
import {
  assignProductBin,
  findBin,
  findBinByCode,
  findFbaWarehouse,
  findWarehouse,
  findWarehouseByCode,
  insertBin,
  insertWarehouse,
  listBins,
  listWarehouses,
  unassignProductBin,
  updateWarehouse,
} from '../../db/repositories/warehouses.repo';
import type { AuditFn } from '../audit.service';
import { parseInput } from '../validate';

async function existingWarehouse(db: Queryable, id: number): Promise<Warehouse> {
  const warehouse = await findWarehouse(db, id);
  if (!warehouse) throw new AppError('not-found', { entity: 'warehouse', id });
  return warehouse;
}

/** The places stock lives and the bins inside them. Every change is audited in its own transaction. */
export function createWarehousesService(deps: { db: Db; clock: Clock; audit: AuditFn }) {
  const now = () => deps.clock.now().toISOString();

  async function create(input: NewWarehouse): Promise<Warehouse> {
    const w = parseInput(newWarehouseSchema, input);
    // Amazon pools FBA stock per store and region, so those two say which pool this is; other kinds have neither.
    if (w.kind === 'fba') {
      if (w.storeId === undefined) throw new AppError('invalid-input', { field: 'storeId', reason: 'required' });
      if (w.region === undefined) throw new AppError('invalid-input', { field: 'region', reason: 'required' });
    } else if (w.storeId !== undefined || w.region !== undefined) {
      throw new AppError('invalid-input', { field: w.storeId !== undefined ? 'storeId' : 'region', reason: 'fba-only' });
    }
    return deps.db.transaction(async (trx) => {
      if (await findWarehouseByCode(trx, w.code)) throw new AppError('conflict', { field: 'code', reason: 'taken', code: w.code });
      if (w.storeId !== undefined) {
        if (!(await trx('stores').where({ id: w.storeId }).first('id'))) throw new AppError('not-found', { entity: 'store', id: w.storeId });
        if (w.region !== undefined && (await findFbaWarehouse(trx, w.storeId, w.region))) throw new AppError('conflict', { field: 'region', reason: 'taken', region: w.region });
      }
      const id = await insertWarehouse(trx, { code: w.code, name: w.name, kind: w.kind, storeId: w.storeId ?? null, region: w.region ?? null, createdAt: now() });
      await deps.audit(trx, { action: 'warehouse.create', entity: 'warehouse', entityId: String(id), detail: { code: w.code, kind: w.kind } });
      return existingWarehouse(trx, id);
    });
  }

  async function list(opts: { includeArchived?: boolean } = {}): Promise<Warehouse[]> {
    return listWarehouses(deps.db, opts);
  }

  async function update(id: number, patch: WarehousePatch): Promise<Warehouse> {
    const p = parseInput(warehousePatchSchema, patch);
    return deps.db.transaction(async (trx) => {
      const before = await existingWarehouse(trx, id);
      if (p.code !== undefined && p.code !== before.code && (await findWarehouseByCode(trx, p.code))) throw new AppError('conflict', { field: 'code', reason: 'taken', code: p.code });
      await updateWarehouse(trx, id, p);
      await deps.audit(trx, { action: 'warehouse.update', entity: 'warehouse', entityId: String(id), detail: { ...p } });
      return existingWarehouse(trx, id);
    });
  }

  /** Hides a place that is no longer used. Refused while it holds, reserves or awaits stock: that stock would vanish from view. */
  async function archive(id: number): Promise<Warehouse> {
    return deps.db.transaction(async (trx) => {
      const warehouse = await existingWarehouse(trx, id);
      if (warehouse.archivedAt) return warehouse;
      if (await hasStock(trx, id)) throw new AppError('conflict', { reason: 'warehouse-has-stock', warehouse: warehouse.code });
      await updateWarehouse(trx, id, { archivedAt: now() });
      await deps.audit(trx, { action: 'warehouse.archive', entity: 'warehouse', entityId: String(id), detail: { code: warehouse.code } });
      return existingWarehouse(trx, id);
    });
  }

  async function createBin(input: NewBin): Promise<Bin> {
    const b = parseInput(newBinSchema, input);
    return deps.db.transaction(async (trx) => {
      await existingWarehouse(trx, b.warehouseId);
      if (await findBinByCode(trx, b.warehouseId, b.code)) throw new AppError('conflict', { field: 'code', reason: 'taken', code: b.code });
      const id = await insertBin(trx, b);
      await deps.audit(trx, { action: 'bin.create', entity: 'bin', entityId: String(id), detail: { warehouseId: b.warehouseId, code: b.code, pickOrder: b.pickOrder } });
      const bin = await findBin(trx, id);
      if (!bin) throw new Error('bin vanished inside its own transaction');
      return bin;
    });
  }

  async function bins(warehouseId: number): Promise<Bin[]> {
    await existingWarehouse(deps.db, warehouseId);
    return listBins(deps.db, warehouseId);
  }

  async function linkProductBin(input: { productId: number; binId: number }, link: boolean): Promise<{ changed: boolean }> {
    const { productId, binId } = parseInput(productBinSchema, input);
    return deps.db.transaction(async (trx) => {
      if (!(await trx('products').where({ id: productId }).first('id'))) throw new AppError('not-found', { entity: 'product', id: productId });
      if (!(await findBin(trx, binId))) throw new AppError('not-found', { entity: 'bin', id: binId });
      const changed = link ? await assignProductBin(trx, productId, binId) : await unassignProductBin(trx, productId, binId);
      if (changed) await deps.audit(trx, { action: link ? 'bin.assign' : 'bin.unassign', entity: 'product', entityId: String(productId), detail: { binId } });
      return { changed };
    });
  }

  return {
    create,
    list,
    update,
    archive,
    createBin,
    bins,
    assignBin: (input: { productId: number; binId: number }) => linkProductBin(input, true),
    unassignBin: (input: { productId: number; binId: number }) => linkProductBin(input, false),
  };
}

export type WarehousesService = ReturnType<typeof createWarehousesService>;
