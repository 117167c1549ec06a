import { cleanScan } from '../../../shared/barcodes';
import { validateTracking } from '../../../shared/carriers';
import type { WorkflowState } from '../../../shared/domain/fulfillment';
import type { PackedLine, PackingLine, PackingOrder, ScanVerdict } from '../../../shared/ipc/channels/packing';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import type { AuditFn } from '../audit.service';
import type { CatalogService } from '../catalog/catalog.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { ShipmentsService } from '../shipments.service';
import { transition, workflowOf } from './workflow';

/** States in which the goods are (or are being) taken off the shelf for the order. */
const PACKABLE: readonly WorkflowState[] = ['allocated', 'picking', 'packed'];
const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export interface PackingDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  catalog: Pick<CatalogService, 'resolveScan'>;
  inventory: Pick<InventoryService, 'shipOrder' | 'reserveForOrder'>;
  shipments: Pick<ShipmentsService, 'confirmIn'>;
  /** Called after a shipment committed: its confirmation waits in the outbox. */
  onQueued: () => void;
}

export interface ShipInput {
  orderId: string;
  version: number;
  weightG: number;
  carrierCode: string;
  carrierName?: string | undefined;
  shippingService?: string | undefined;
  trackingNumber: string;
  packed: PackedLine[];
}

interface OrderRow {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  fulfilled_by: string | null;
  ship_by_latest: string | null;
}

interface AllocationRow {
  order_item_id: string;
  product_id: number;
  quantity: number;
  sku: string;
  name: string;
}

/**
 * The packing station (扫描复核): opens an order from whatever the clerk scans, says at each scan what the code is and
 * whether the order can still be packed, and ships the packed box in one transaction (workflow, ledger, Amazon's
 * confirmation in the outbox, audit). Counting units is the station's job, from its journal: main stays stateless
 * per scan, so a scan costs two or three indexed lookups.
 */
export function createPackingService(deps: PackingDeps) {
  const { db } = deps;

  /** The order a code leads to: an Amazon order id, a tote in use, or a wave's next order still to pack. */
  async function findOrderId(code: string): Promise<string | null> {
    if (AMAZON_ORDER_ID.test(code)) return code;
    const inTote = await db('order_workflow').where({ tote: code }).whereIn('state', PACKABLE).orderBy('state_changed_at', 'desc').first<{ order_id: string } | undefined>('order_id');
    if (inTote) return inTote.order_id;
    const wave = await db('waves').where({ number: code }).first<{ id: number } | undefined>('id');
    if (!wave) return null;
    const next = await db('order_workflow').where({ wave_id: wave.id }).whereIn('state', PACKABLE).orderBy('order_id').first<{ order_id: string } | undefined>('order_id');
    // A wave whose orders are all packed still names a known thing: say so rather than "unknown code".
    if (!next) throw new AppError('conflict', { reason: 'wave-packed', wave: code });
    return next.order_id;
  }

  /** Refusals shared by opening and shipping, most specific first. */
  function refuseUnpackable(order: OrderRow, state: WorkflowState | null): void {
    if (order.fulfilled_by !== 'MERCHANT') throw new AppError('invalid-input', { field: 'code', reason: 'fulfilled-by-amazon' });
    if (order.status === 'CANCELLED' || state === 'cancelled') throw new AppError('conflict', { reason: 'order-cancelled', orderId: order.id });
    if (order.status === 'SHIPPED' || state === 'shipped' || state === 'delivered') throw new AppError('conflict', { reason: 'order-shipped', orderId: order.id });
    if (state === null || !PACKABLE.includes(state)) throw new AppError('conflict', { reason: 'order-not-allocated', orderId: order.id, state: state ?? 'new' });
  }

  async function allocations(q: Queryable, orderId: string): Promise<AllocationRow[]> {
    return q('order_allocations as a')
      .join('products as p', 'p.id', 'a.product_id')
      .where('a.order_id', orderId)
      .groupBy('a.order_item_id', 'a.product_id', 'p.sku', 'p.name')
      .orderBy([{ column: 'a.order_item_id' }, { column: 'p.sku' }])
      .select<AllocationRow[]>('a.order_item_id', 'a.product_id', 'p.sku', 'p.name', q.raw('sum(a.quantity) as quantity'));
  }

  async function open(rawCode: string): Promise<PackingOrder> {
    const code = cleanScan(rawCode);
    const orderId = code === '' ? null : await findOrderId(code);
    const order = orderId ? await db('orders').where({ id: orderId }).first<OrderRow | undefined>('id', 'store_id', 'marketplace_id', 'status', 'fulfilled_by', 'ship_by_latest') : undefined;
    if (!order) throw new AppError('not-found', { entity: 'order', reason: 'unknown-packing-code', code: code.slice(0, 100) });
    const wf = await workflowOf(db, order.id);
    refuseUnpackable(order, wf?.state ?? null);
    if (!wf) throw new Error('unreachable: refuseUnpackable passes only with a workflow');

    const rows = await allocations(db, order.id);
    if (rows.length === 0) throw new AppError('conflict', { reason: 'order-not-allocated', orderId: order.id, state: wf.state });
    const productIds = [...new Set(rows.map((r) => r.product_id))];
    const codes = await db('product_codes').whereIn('product_id', productIds).orderBy('id').select<{ product_id: number; code: string; kind: string; units: number }[]>('product_id', 'code', 'kind', 'units');
    const warehouse = wf.warehouseId === null ? undefined : await db('warehouses').where({ id: wf.warehouseId }).first<{ code: string } | undefined>('code');

    const lines = rows.map(
      (r): PackingLine => ({
        orderItemId: r.order_item_id,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        quantity: Number(r.quantity),
        codes: [...codes.filter((c) => c.product_id === r.product_id).map((c) => ({ code: c.code, kind: c.kind, units: c.units })), { code: r.sku, kind: 'sku', units: 1 }],
      }),
    );
    return {
      orderId: order.id,
      storeId: order.store_id,
      marketplaceId: order.marketplace_id,
      amazonStatus: order.status,
      state: wf.state,
      version: wf.version,
      shipByLatest: order.ship_by_latest,
      warehouseId: wf.warehouseId,
      warehouseCode: warehouse?.code ?? null,
      carrier: wf.carrierCode ? { code: wf.carrierCode, name: wf.carrierName, service: wf.shippingService } : null,
      lines,
    };
  }

  /**
   * The scan's verdict as far as main can tell: the order is still packable at the version the station holds (an
   * Amazon cancellation synced meanwhile refuses it), and the code names a product in the order.
   */
  async function scan(input: { orderId: string; version: number; code: string }): Promise<ScanVerdict> {
    const row = await db('orders as o')
      .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
      .where('o.id', input.orderId)
      .first<{ status: string; state: WorkflowState | null; version: number | null } | undefined>('o.status', 'w.state', 'w.version');
    if (!row) throw new AppError('not-found', { entity: 'order', id: input.orderId });
    if (row.status === 'CANCELLED' || row.state === 'cancelled') return { verdict: 'error', reason: 'cancelled' };
    if (row.state === null || row.version !== input.version || !PACKABLE.includes(row.state)) return { verdict: 'error', reason: 'state-changed', state: row.state ?? 'new' };

    let hit: { productId: number; sku: string; units: number };
    try {
      hit = await deps.catalog.resolveScan(input.code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return { verdict: 'error', reason: 'unknown-code' };
      throw err;
    }
    const inOrder = await db('order_allocations').where({ order_id: input.orderId, product_id: hit.productId }).first('product_id');
    if (inOrder) return { verdict: 'ok', productId: hit.productId, sku: hit.sku, units: hit.units };
    const product = await db('products').where({ id: hit.productId }).first<{ kind: string } | undefined>('kind');
    return { verdict: 'error', reason: product?.kind === 'bundle' ? 'bundle-code' : 'wrong-item', sku: hit.sku };
  }

  function checkCarrier(input: ShipInput): void {
    const tracking = validateTracking(input.carrierCode, input.trackingNumber);
    if (tracking === 'unknown-carrier') throw new AppError('invalid-input', { field: 'carrierCode', reason: 'carrier-not-amazon', carrier: input.carrierCode });
    if (tracking === 'format') throw new AppError('invalid-input', { field: 'trackingNumber', reason: 'tracking-format', carrier: input.carrierCode });
    if (input.carrierCode === 'Other' && !input.carrierName) throw new AppError('invalid-input', { field: 'carrierName', reason: 'carrier-name-required' });
  }

  /** Every unit the order needs, no more and no less: the station's counts are checked again here, not trusted. */
  function checkPacked(rows: AllocationRow[], packed: PackedLine[]): number {
    const need = new Map<number, { sku: string; quantity: number }>();
    for (const r of rows) need.set(r.product_id, { sku: r.sku, quantity: (need.get(r.product_id)?.quantity ?? 0) + Number(r.quantity) });
    const got = new Map<number, number>();
    for (const p of packed) got.set(p.productId, (got.get(p.productId) ?? 0) + p.quantity);
    for (const [productId, quantity] of got) if (!need.has(productId)) throw new AppError('invalid-input', { field: 'packed', reason: 'packed-mismatch', productId, expected: 0, packed: quantity });
    let units = 0;
    for (const [productId, n] of need) {
      const quantity = got.get(productId) ?? 0;
      if (quantity !== n.quantity) throw new AppError('invalid-input', { field: 'packed', reason: 'packed-mismatch', sku: n.sku, expected: n.quantity, packed: quantity });
      units += quantity;
    }
    return units;
  }

  async function ship(input: ShipInput): Promise<{ state: WorkflowState; version: number; packageReferenceId: string; outboxSeq: number }> {
    checkCarrier(input);
    const result = await db.transaction(async (trx) => {
      const order = await trx('orders').where({ id: input.orderId }).first<OrderRow | undefined>('id', 'store_id', 'marketplace_id', 'status', 'fulfilled_by', 'ship_by_latest');
      if (!order) throw new AppError('not-found', { entity: 'order', id: input.orderId });
      const wf = await workflowOf(trx, order.id);
      refuseUnpackable(order, wf?.state ?? null);
      if (!wf) throw new Error('unreachable: refuseUnpackable passes only with a workflow');
      if (wf.version !== input.version) throw new AppError('conflict', { reason: 'order-changed', version: wf.version });
      const rows = await allocations(trx, order.id);
      const units = checkPacked(rows, input.packed);

      const now = deps.clock.now().toISOString();
      const ctx = { actor: deps.actor, now, patch: { weight_g: input.weightG } };
      if (wf.state !== 'packed') await transition(trx, order.id, 'packed', { ...ctx, expectedVersion: input.version });
      const shipped = await transition(trx, order.id, 'shipped', ctx);

      // The reservation made at allocation becomes the shipment; an order allocated without one is reserved first so
      // the ledger still shows where the units left from.
      let moved = await deps.inventory.shipOrder(trx, order.id);
      if (moved.length === 0 && wf.warehouseId !== null) {
        await deps.inventory.reserveForOrder(trx, { orderId: order.id, warehouseId: wf.warehouseId, lines: input.packed });
        moved = await deps.inventory.shipOrder(trx, order.id);
      }
      if (moved.length === 0) throw new AppError('conflict', { reason: 'stock-not-reserved', orderId: order.id });

      const confirmation = await deps.shipments.confirmIn(trx, {
        orderId: order.id,
        carrierCode: input.carrierCode,
        ...(input.carrierName ? { carrierName: input.carrierName } : {}),
        ...(input.shippingService ? { shippingMethod: input.shippingService } : {}),
        trackingNumber: input.trackingNumber,
        weightG: input.weightG,
        ...(wf.warehouseId !== null ? { warehouseId: wf.warehouseId } : {}),
      });
      await deps.audit(trx, {
        action: 'order.pack',
        entity: 'order',
        entityId: order.id,
        detail: { units, weightG: input.weightG, warehouseId: wf.warehouseId, packageReferenceId: confirmation.packageReferenceId },
      });
      return { state: shipped.state, version: shipped.version, ...confirmation };
    });
    deps.onQueued();
    return result;
  }

  return { open, scan, ship };
}

export type PackingService = ReturnType<typeof createPackingService>;
