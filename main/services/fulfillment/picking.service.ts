import { appendAudits } from '../../db/repositories/audit.repo';
import type { Knex } from 'knex';
import { cleanScan } from '../../../shared/barcodes';
import type { WorkflowState } from '../../../shared/domain/fulfillment';
import {
  completeWaveInputSchema,
  createWaveInputSchema,
  DEFAULT_WAVE_ORDERS,
  fillShares,
  type CompleteWaveInput,
  type CreateWaveInput,
  type PickLine,
  type PickList,
  type PickScanAnswer,
  type Wave,
} from '../../../shared/ipc/channels/picking';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { firstBins } from '../../db/repositories/warehouses.repo';
import { renderPickListPdf, type PickListPdfOptions } from '../../labels/pick-list-pdf';
import type { AuditFn } from '../audit.service';
import type { CatalogService } from '../catalog/catalog.service';
import { transition } from './workflow';

export interface PickingDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  /** Scan-picking names products the way the packing station does (UPC/EAN/FNSKU/SKU/case codes). */
  catalog: Pick<CatalogService, 'resolveScan'>;
}

/** States in which an order's tote holds its goods: a tote is free again once the order shipped or left. */
const TOTE_IN_USE: readonly WorkflowState[] = ['allocated', 'picking', 'packed'];

interface WaveRow {
  id: number;
  number: string;
  warehouse_id: number;
  warehouse_code: string;
  status: Wave['status'];
  created_by: string;
  created_at: string;
  orders: number;
  short_units: number | null;
}

const toWave = (r: WaveRow): Wave => ({
  id: r.id,
  number: r.number,
  warehouseId: r.warehouse_id,
  warehouseCode: r.warehouse_code,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  orders: Number(r.orders),
  shortUnits: Number(r.short_units ?? 0),
});

function waveQuery(db: Queryable) {
  return db('waves as w')
    .join('warehouses as h', 'h.id', 'w.warehouse_id')
    .select('w.id', 'w.number', 'w.warehouse_id', 'h.code as warehouse_code', 'w.status', 'w.created_by', 'w.created_at')
    .select(db.raw('(select count(*) from order_workflow ow where ow.wave_id = w.id) as orders'))
    .select(db.raw('(select sum(s.quantity) from wave_shorts s where s.wave_id = w.id) as short_units'));
}

async function getWave(db: Queryable, waveId: number): Promise<Wave> {
  if (!Number.isSafeInteger(waveId) || waveId <= 0) throw new AppError('invalid-input', { field: 'waveId', reason: 'not-an-id' });
  const row = await waveQuery(db).where('w.id', waveId).first<WaveRow | undefined>();
  if (!row) throw new AppError('not-found', { entity: 'wave', id: waveId });
  return toWave(row);
}

/** Totes T01, T02… skipping those still holding another wave's goods; three digits once past 99. */
function freeTotes(inUse: ReadonlySet<string>, count: number): string[] {
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) {
    const tote = `T${String(n).padStart(2, '0')}`;
    if (!inUse.has(tote)) out.push(tote);
  }
  return out;
}

/** `W-YYYYMMDD-NNN`, numbered per (UTC) day: the packing station opens a wave's next order from this code. */
async function nextWaveNumber(trx: Knex.Transaction, now: Date): Promise<string> {
  const prefix = `W-${now.toISOString().slice(0, 10).replaceAll('-', '')}-`;
  const last = await trx('waves').where('number', 'like', `${prefix}%`).max<{ n: string | null }>('number as n').first();
  const seq = last?.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** Orders per UPDATE: keeps the bound parameters far below SQLite's limit. */
const MOVE_CHUNK = 300;

/**
 * allocated → picking for a whole wave, as workflow.transition does it per order (version bump, same audit row) but
 * one UPDATE per chunk: a 1,000-order wave one by one costs three statements an order. An order that moved since it
 * was picked refuses the whole wave.
 */
async function moveToPicking(trx: Knex.Transaction, moves: readonly { orderId: string; tote: string }[], ctx: { waveId: number; number: string; now: string; actor: string }): Promise<void> {
  for (let i = 0; i < moves.length; i += MOVE_CHUNK) {
    const chunk = moves.slice(i, i + MOVE_CHUNK);
    const ids = chunk.map((m) => m.orderId);
    const versions = await trx('order_workflow').whereIn('order_id', ids).select<{ order_id: string; version: number }[]>('order_id', 'version');
    const toteCase = trx.raw(['case order_id', ...chunk.map(() => 'when ? then ?'), 'end'].join(' '), chunk.flatMap((m) => [m.orderId, m.tote]));
    const moved = await trx('order_workflow')
      .whereIn('order_id', ids)
      .where({ state: 'allocated' })
      .whereNull('wave_id')
      .update({ state: 'picking', wave_id: ctx.waveId, tote: toteCase, version: trx.raw('version + 1'), state_changed_at: ctx.now, updated_at: ctx.now });
    if (moved !== chunk.length) throw new AppError('conflict', { reason: 'orders-moved', wave: ctx.number });
    // The records transition() writes, one INSERT per chunk.
    await appendAudits(
      trx,
      versions.map((v) => ({ at: ctx.now, actor: ctx.actor, action: 'order.workflow', entity: 'order', entityId: v.order_id, detail: { from: 'allocated', to: 'picking', version: v.version + 1, note: ctx.number } })),
    );
  }
}

/**
 * Picking waves (拣货): a wave gathers allocated orders of one warehouse, gives each a tote and moves it to `picking`;
 * its pick list says, product by product in the bins' walking order, how many to take and into which totes.
 */
export function createPickingService(deps: PickingDeps) {
  const { db } = deps;

  /** Allocated orders of a warehouse not yet in a wave, earliest ship-by first (no ship-by last). */
  function allocatedQuery(q: Queryable, warehouseId: number) {
    return q('order_workflow as ow')
      .join('orders as o', 'o.id', 'ow.order_id')
      .where({ 'ow.state': 'allocated', 'ow.warehouse_id': warehouseId })
      .whereNull('ow.wave_id')
      .orderByRaw('case when o.ship_by_latest is null then 1 else 0 end, o.ship_by_latest, ow.order_id');
  }

  async function candidates(warehouseId: number): Promise<{ orderId: string; shipByLatest: string | null; units: number }[]> {
    const rows = await allocatedQuery(db, warehouseId)
      .limit(5000)
      .select<{ order_id: string; ship_by_latest: string | null; units: number | null }[]>(
        'ow.order_id',
        'o.ship_by_latest',
        db.raw('(select sum(a.quantity) from order_allocations a where a.order_id = ow.order_id and a.warehouse_id = ow.warehouse_id) as units'),
      );
    return rows.map((r) => ({ orderId: r.order_id, shipByLatest: r.ship_by_latest, units: Number(r.units ?? 0) }));
  }

  /**
   * Opens a wave in one transaction: the orders (given, or the rule's pick) move allocated → picking with a tote each.
   * Refused whole — nothing changes — when a given order is not allocated to this warehouse or already in a wave.
   */
  async function createWave(input: CreateWaveInput): Promise<Wave> {
    const parsed = createWaveInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid-input', { field: String(issue?.path[0] ?? 'input'), reason: issue?.code ?? 'invalid' });
    }
    const { warehouseId, orderIds, maxOrders } = parsed.data;
    const nowDate = deps.clock.now();
    const now = nowDate.toISOString();
    const waveId = await db.transaction(async (trx) => {
      const warehouse = await trx('warehouses').where({ id: warehouseId }).first<{ id: number } | undefined>('id');
      if (!warehouse) throw new AppError('not-found', { entity: 'warehouse', id: warehouseId });

      let picked: string[];
      if (orderIds) {
        const unique = [...new Set(orderIds)];
        const rows = await trx('order_workflow').whereIn('order_id', unique).select<{ order_id: string; state: string; warehouse_id: number | null; wave_id: number | null }[]>('order_id', 'state', 'warehouse_id', 'wave_id');
        const byId = new Map(rows.map((r) => [r.order_id, r]));
        for (const orderId of unique) {
          const r = byId.get(orderId);
          if (!r) throw new AppError('not-found', { entity: 'order-workflow', id: orderId });
          if (r.state !== 'allocated') throw new AppError('conflict', { reason: 'not-allocated', orderId, state: r.state });
          if (r.warehouse_id !== warehouseId) throw new AppError('conflict', { reason: 'other-warehouse', orderId });
          if (r.wave_id !== null) throw new AppError('conflict', { reason: 'already-in-wave', orderId });
        }
        picked = unique;
      } else {
        const rows = await allocatedQuery(trx, warehouseId).limit(maxOrders ?? DEFAULT_WAVE_ORDERS).select<{ order_id: string }[]>('ow.order_id');
        picked = rows.map((r) => r.order_id);
      }
      if (picked.length === 0) throw new AppError('conflict', { reason: 'no-allocated-orders', warehouseId });

      const number = await nextWaveNumber(trx, nowDate);
      const [inserted] = await trx('waves').insert({ number, warehouse_id: warehouseId, status: 'open', created_by: deps.actor, created_at: now }).returning<{ id: number }[]>('id');
      const id = inserted!.id;
      const inUse = await trx('order_workflow').whereNotNull('tote').whereIn('state', TOTE_IN_USE).pluck<string[]>('tote');
      const totes = freeTotes(new Set(inUse), picked.length);
      await moveToPicking(trx, picked.map((orderId, i) => ({ orderId, tote: totes[i]! })), { waveId: id, number, now, actor: deps.actor });
      await deps.audit(trx, { action: 'wave.create', entity: 'wave', entityId: number, detail: { warehouseId, orders: picked.length, rule: orderIds ? 'selected' : 'ship-by' } });
      return id;
    });
    return getWave(db, waveId);
  }

  async function listWaves(query: { warehouseId?: number | undefined } = {}): Promise<Wave[]> {
    const q = waveQuery(db).orderBy('w.id', 'desc').limit(200);
    if (query.warehouseId !== undefined) q.where('w.warehouse_id', query.warehouseId);
    return (await q.select<WaveRow[]>()).map(toWave);
  }

  /**
   * Product by product in the bins' pick order (products without a bin last, by SKU): bundles appear as their
   * components, because allocations are stored per component.
   */
  async function pickList(waveId: number): Promise<PickList> {
    return pickListIn(db, await getWave(db, waveId));
  }

  async function pickListIn(q: Queryable, wave: Wave): Promise<PickList> {
    const waveId = wave.id;
    const orders = await q('order_workflow').where({ wave_id: waveId }).orderByRaw('length(tote), tote, order_id').select<{ order_id: string; tote: string | null; state: string }[]>('order_id', 'tote', 'state');
    const rows = await q('order_allocations as a')
      .join('order_workflow as ow', 'ow.order_id', 'a.order_id')
      .join('products as p', 'p.id', 'a.product_id')
      .where({ 'ow.wave_id': waveId, 'a.warehouse_id': wave.warehouseId })
      .select<{ order_id: string; tote: string | null; product_id: number; sku: string; name: string; quantity: number }[]>('a.order_id', 'ow.tote', 'a.product_id', 'p.sku', 'p.name', 'a.quantity');
    const byProduct = new Map<number, PickLine>();
    for (const r of rows) {
      let line = byProduct.get(r.product_id);
      if (!line) {
        line = { productId: r.product_id, sku: r.sku, name: r.name, binCode: null, pickOrder: null, total: 0, short: 0, orders: [] };
        byProduct.set(r.product_id, line);
      }
      line.total += r.quantity;
      // An order with two lines of the same product (or a bundle plus the loose unit) fills one tote share.
      const share = line.orders.find((o) => o.orderId === r.order_id);
      if (share) share.quantity += r.quantity;
      else line.orders.push({ orderId: r.order_id, tote: r.tote, quantity: r.quantity, short: 0 });
    }
    const shorts = await q('wave_shorts').where({ wave_id: waveId }).select<{ product_id: number; order_id: string; quantity: number }[]>('product_id', 'order_id', 'quantity');
    for (const s of shorts) {
      const line = byProduct.get(s.product_id);
      const share = line?.orders.find((o) => o.orderId === s.order_id);
      if (!line || !share) continue;
      line.short += s.quantity;
      share.short += s.quantity;
    }
    const bins = await firstBins(q, wave.warehouseId, [...byProduct.keys()]);
    const toteRank = new Map(orders.map((o, i) => [o.order_id, i]));
    const lines = [...byProduct.values()].map((l) => {
      const bin = bins.get(l.productId);
      l.orders.sort((a, b) => (toteRank.get(a.orderId) ?? 0) - (toteRank.get(b.orderId) ?? 0));
      return { ...l, binCode: bin?.code ?? null, pickOrder: bin?.pickOrder ?? null };
    });
    lines.sort((a, b) => {
      if (a.pickOrder === null || b.pickOrder === null) return a.pickOrder === b.pickOrder ? a.sku.localeCompare(b.sku) : a.pickOrder === null ? 1 : -1;
      return a.pickOrder - b.pickOrder || (a.binCode ?? '').localeCompare(b.binCode ?? '') || a.sku.localeCompare(b.sku);
    });
    return {
      wave,
      orders: orders.map((o) => ({ orderId: o.order_id, tote: o.tote, state: o.state })),
      lines,
      totals: { orders: orders.length, skus: lines.length, units: lines.reduce((s, l) => s + l.total, 0) },
    };
  }

  async function pdf(waveId: number, options: PickListPdfOptions): Promise<{ fileName: string; bytes: Uint8Array }> {
    const list = await pickList(waveId);
    return { fileName: `${list.wave.number}.pdf`, bytes: await renderPickListPdf(list, options) };
  }

  /** Ends the wave; orders still in picking go back to allocated without wave or tote so the next wave takes them. */
  async function closeWave(waveId: number): Promise<Wave> {
    const wave = await getWave(db, waveId);
    if (wave.status === 'closed') throw new AppError('conflict', { reason: 'wave-closed', wave: wave.number });
    const now = deps.clock.now().toISOString();
    await db.transaction(async (trx) => {
      const unpicked = await trx('order_workflow').where({ wave_id: waveId, state: 'picking' }).pluck<string[]>('order_id');
      for (const orderId of unpicked) await transition(trx, orderId, 'allocated', { actor: deps.actor, now, note: wave.number, patch: { wave_id: null, tote: null } });
      await trx('waves').where({ id: waveId }).update({ status: 'closed' });
      await deps.audit(trx, { action: 'wave.close', entity: 'wave', entityId: wave.number, detail: { returned: unpicked.length } });
    });
    return getWave(db, waveId);
  }

  /**
   * Scan-picking asks what a scanned code is: a bin of the wave's warehouse first (bin labels are short and could
   * collide with a seller SKU), then a product through the catalog. Whether it is the right one is the station's call.
   */
  async function identify(input: { waveId: number; code: string }): Promise<PickScanAnswer> {
    const wave = await getWave(db, input.waveId);
    if (wave.status !== 'open') throw new AppError('conflict', { reason: 'wave-not-open', wave: wave.number, status: wave.status });
    const code = cleanScan(input.code);
    if (code === '') return { kind: 'unknown' };
    const bin = await db('bins').where({ warehouse_id: wave.warehouseId }).whereRaw('upper(code) = ?', [code.toUpperCase()]).first<{ code: string } | undefined>('code');
    if (bin) return { kind: 'bin', code: bin.code };
    try {
      const hit = await deps.catalog.resolveScan(code);
      return { kind: 'item', productId: hit.productId, sku: hit.sku, units: hit.units };
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return { kind: 'unknown' };
      throw err;
    }
  }

  /**
   * The station walked every stop: the wave becomes `picked` (its orders stay in `picking`, ready for packing) and each
   * short unit is recorded against the order it was meant for — the last totes of a stop go short, as the screen
   * showed. Refused whole, nothing changed, when the report does not add up to the wave's current pick list (an order
   * cancelled meanwhile shrinks it: the station reloads the list and reports again).
   */
  async function complete(raw: CompleteWaveInput): Promise<Wave> {
    const parsed = completeWaveInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid-input', { field: String(issue?.path[0] ?? 'input'), reason: issue?.code ?? 'invalid' });
    }
    const { waveId, stops } = parsed.data;
    const now = deps.clock.now().toISOString();
    await db.transaction(async (trx) => {
      const wave = await getWave(trx, waveId);
      if (wave.status !== 'open') throw new AppError('conflict', { reason: 'wave-not-open', wave: wave.number, status: wave.status });
      const list = await pickListIn(trx, wave);
      const reported = new Map<number, { picked: number; short: number }>();
      for (const s of stops) {
        if (reported.has(s.productId)) throw new AppError('invalid-input', { field: 'stops', reason: 'duplicate', productId: s.productId });
        reported.set(s.productId, s);
      }
      const lines = new Map(list.lines.map((l) => [l.productId, l]));
      for (const [productId, r] of reported) {
        if (!lines.has(productId)) throw new AppError('conflict', { reason: 'pick-list-changed', wave: wave.number, productId, expected: 0, reported: r.picked + r.short });
      }
      const rows: Record<string, unknown>[] = [];
      let picked = 0;
      for (const line of list.lines) {
        const r = reported.get(line.productId);
        const units = r ? r.picked + r.short : 0;
        if (!r || units !== line.total) throw new AppError('conflict', { reason: 'pick-list-changed', wave: wave.number, sku: line.sku, expected: line.total, reported: units });
        picked += r.picked;
        for (const share of fillShares(line.orders, r.picked)) {
          if (share.filled < share.quantity) {
            rows.push({ wave_id: waveId, product_id: line.productId, order_id: share.orderId, tote: share.tote, bin_code: line.binCode, quantity: share.quantity - share.filled, reported_by: deps.actor, reported_at: now });
          }
        }
      }
      // 9 columns a row: 100 rows per INSERT stay under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 100) await trx('wave_shorts').insert(rows.slice(i, i + 100));
      const moved = await trx('waves').where({ id: waveId, status: 'open' }).update({ status: 'picked' });
      if (moved !== 1) throw new AppError('conflict', { reason: 'wave-not-open', wave: wave.number, status: 'unknown' });
      const shortUnits = list.totals.units - picked;
      await deps.audit(trx, { action: 'wave.picked', entity: 'wave', entityId: wave.number, detail: { picked, shortUnits, shortOrders: new Set(rows.map((r) => r.order_id)).size } });
    });
    return getWave(db, waveId);
  }

  return { candidates, createWave, listWaves, pickList, pdf, closeWave, identify, complete };
}

export type PickingService = ReturnType<typeof createPickingService>;
