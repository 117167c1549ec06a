import type { Knex } from 'knex';
import { cleanScan } from '../../../shared/barcodes';
import { validateTracking } from '../../../shared/carriers';
import type { AllocationPackage, WorkflowState } from '../../../shared/domain/fulfillment';
import type { PackedLine, PackingLine, PackingOrder, ScanVerdict } from '../../../shared/ipc/channels/packing';
import { AppError } from '../../../shared/ipc/errors';
import { marketplaceTimeZone } from '../../../shared/marketplace-time';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import { appendAudit } from '../../db/repositories/audit.repo';
import { updateWorkflow } from '../../db/repositories/fulfillment.repo';
import type { FontChoice } from '../../labels/cjk-font';
import { renderPackingSlipPdf, slipLanguageFor, type PackingSlip } from '../../labels/packing-slip-pdf';
import type { SecretBox } from '../../spapi/secret-box';
import { unsealPii } from '../../sync/jobs/order-mapping';
import type { AuditFn } from '../audit.service';
import type { CatalogService } from '../catalog/catalog.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { ShipmentsService } from '../shipments.service';
import { packagesOf } from './fulfillment.service';
import { shipPackage } from './ship-order';
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
  /** Opens the recipient's address for the packing slip, in memory only; without it the slip prints no address. */
  secretBox?: SecretBox;
  /** The slip's font when the system's CJK font is elsewhere (a Japanese slip needs one). */
  slipFont?: FontChoice;
}

/** What the station packed: its own counts, checked again here against the package. */
export interface PackInput {
  orderId: string;
  version: number;
  /** The package on the bench; without it, the order's first package not yet shipped. */
  packageNo?: number | undefined;
  weightG: number;
  packed: PackedLine[];
}

export interface ShipInput extends PackInput {
  carrierCode: string;
  carrierName?: string | undefined;
  shippingService?: string | undefined;
  trackingNumber: string;
}

export interface ShipResult {
  state: WorkflowState;
  version: number;
  packageReferenceId: string;
  outboxSeq: number;
  packageNo: number;
  packageCount: number;
  /** Packages still to ship after this one; 0 once the order is shipped. */
  packagesLeft: number;
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

/** An order's packages and which of them left already, in package order. */
interface PackagePlan {
  packages: AllocationPackage[];
  open: AllocationPackage[];
}

const ORDER_COLUMNS = ['id', 'store_id', 'marketplace_id', 'status', 'fulfilled_by', 'ship_by_latest'] as const;

/**
 * The packing station (扫描复核): opens an order from whatever the clerk scans, says at each scan what the code is and
 * whether the order can still be packed, and ships the packed box in one transaction (workflow, ledger, Amazon's
 * confirmation in the outbox, audit). A split order is packed one package at a time, each from its own warehouse and
 * confirmed to Amazon as its own package; a box may also be closed now and shipped once the carrier's tracking arrives.
 * Counting units is the station's job, from its journal: main stays stateless per scan, so a scan costs two or three
 * indexed lookups.
 */
export function createPackingService(deps: PackingDeps) {
  const { db } = deps;

  /**
   * The order a code leads to: an Amazon order id, a tote in use, or a wave's next order still to pack. A tote or wave
   * also names its warehouse, whose package of a split order is the one on this bench.
   */
  async function findOrder(code: string): Promise<{ orderId: string; warehouseId: number | null } | null> {
    if (AMAZON_ORDER_ID.test(code)) return { orderId: code, warehouseId: null };
    const inTote = await db('order_workflow as w')
      .leftJoin('waves as v', 'v.id', 'w.wave_id')
      .where('w.tote', code)
      .whereIn('w.state', PACKABLE)
      .orderBy('w.state_changed_at', 'desc')
      .first<{ order_id: string; warehouse_id: number | null } | undefined>('w.order_id', 'v.warehouse_id');
    if (inTote) return { orderId: inTote.order_id, warehouseId: inTote.warehouse_id };
    const wave = await db('waves').where({ number: code }).first<{ id: number; warehouse_id: number } | undefined>('id', 'warehouse_id');
    if (!wave) return null;
    const next = await db('order_workflow').where({ wave_id: wave.id }).whereIn('state', PACKABLE).orderBy('order_id').first<{ order_id: string } | undefined>('order_id');
    // A wave whose orders are all packed still names a known thing: say so rather than "unknown code".
    if (!next) throw new AppError('conflict', { reason: 'wave-packed', wave: code });
    return { orderId: next.order_id, warehouseId: wave.warehouse_id };
  }

  /** Refusals shared by opening, packing and shipping, most specific first. */
  function refuseUnpackable(order: OrderRow, state: WorkflowState | null): void {
    if (order.fulfilled_by !== 'MERCHANT') throw new AppError('invalid-input', { field: 'code', reason: 'fulfilled-by-amazon' });
    if (order.status === 'CANCELLED' || state === 'cancelled') throw new AppError('conflict', { reason: 'order-cancelled', orderId: order.id });
    if (order.status === 'SHIPPED' || state === 'shipped' || state === 'delivered') throw new AppError('conflict', { reason: 'order-shipped', orderId: order.id });
    if (state === null || !PACKABLE.includes(state)) throw new AppError('conflict', { reason: 'order-not-allocated', orderId: order.id, state: state ?? 'new' });
  }

  /** What goes in one package's box, per order item × product (bundles as their components). */
  async function allocations(q: Queryable, orderId: string, packageNo: number): Promise<AllocationRow[]> {
    return q('order_allocations as a')
      .join('products as p', 'p.id', 'a.product_id')
      .where({ 'a.order_id': orderId, 'a.package_no': packageNo })
      .groupBy('a.order_item_id', 'a.product_id', 'p.sku', 'p.name')
      .orderBy([{ column: 'a.order_item_id' }, { column: 'p.sku' }])
      .select<AllocationRow[]>('a.order_item_id', 'a.product_id', 'p.sku', 'p.name', q.raw('sum(a.quantity) as quantity'));
  }

  /** A package has left once the station confirmed it: its number is on a local shipment of the order. */
  async function packagePlan(q: Queryable, orderId: string): Promise<PackagePlan> {
    const packages = await packagesOf(q, orderId);
    const shipped = new Set((await q('local_shipments').where({ order_id: orderId }).whereNotNull('package_no').pluck<number[]>('package_no')).map(Number));
    return { packages, open: packages.filter((p) => !shipped.has(p.packageNo)) };
  }

  /** The package asked for (refused when unknown or gone), else the first still open, this warehouse's first. */
  function choosePackage(order: OrderRow, plan: PackagePlan, want: { packageNo?: number | undefined; warehouseId?: number | null }): AllocationPackage {
    if (want.packageNo !== undefined) {
      if (!plan.packages.some((p) => p.packageNo === want.packageNo)) throw new AppError('not-found', { entity: 'package', orderId: order.id, packageNo: want.packageNo, reason: 'unknown-package' });
      const open = plan.open.find((p) => p.packageNo === want.packageNo);
      if (!open) throw new AppError('conflict', { reason: 'package-shipped', orderId: order.id, packageNo: want.packageNo });
      return open;
    }
    const chosen = plan.open.find((p) => p.warehouseId === want.warehouseId) ?? plan.open[0];
    if (!chosen) throw new AppError('conflict', { reason: plan.packages.length === 0 ? 'order-not-allocated' : 'order-shipped', orderId: order.id, state: 'allocated' });
    return chosen;
  }

  /**
   * A tote the picker left short cannot become a complete parcel: say so at the first scan instead of at the last. The
   * lead closes the wave (its orders go back to allocated) and has them picked again.
   */
  async function refuseShortPicked(orderId: string, waveId: number | null): Promise<void> {
    if (waveId === null) return;
    const short = await db('wave_shorts').where({ wave_id: waveId, order_id: orderId }).sum<{ n: number | null }[]>({ n: 'quantity' });
    const units = Number(short[0]?.n ?? 0);
    if (units > 0) throw new AppError('conflict', { reason: 'picked-short', orderId, units });
  }

  async function open(rawCode: string, opts: { packageNo?: number | undefined } = {}): Promise<PackingOrder> {
    const code = cleanScan(rawCode);
    const found = code === '' ? null : await findOrder(code);
    const order = found ? await db('orders').where({ id: found.orderId }).first<OrderRow | undefined>(...ORDER_COLUMNS) : undefined;
    if (!found || !order) throw new AppError('not-found', { entity: 'order', reason: 'unknown-packing-code', code: code.slice(0, 100) });
    const wf = await workflowOf(db, order.id);
    refuseUnpackable(order, wf?.state ?? null);
    if (!wf) throw new Error('unreachable: refuseUnpackable passes only with a workflow');
    await refuseShortPicked(order.id, wf.waveId);

    const plan = await packagePlan(db, order.id);
    if (plan.packages.length === 0) throw new AppError('conflict', { reason: 'order-not-allocated', orderId: order.id, state: wf.state });
    const pkg = choosePackage(order, plan, { packageNo: opts.packageNo, warehouseId: found.warehouseId });
    const rows = await allocations(db, order.id, pkg.packageNo);
    const productIds = [...new Set(rows.map((r) => r.product_id))];
    const codes = await db('product_codes').whereIn('product_id', productIds).orderBy('id').select<{ product_id: number; code: string; kind: string; units: number }[]>('product_id', 'code', 'kind', 'units');
    const warehouse = await db('warehouses').where({ id: pkg.warehouseId }).first<{ code: string } | undefined>('code');

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
      warehouseId: pkg.warehouseId,
      warehouseCode: warehouse?.code ?? null,
      carrier: wf.carrierCode ? { code: wf.carrierCode, name: wf.carrierName, service: wf.shippingService } : null,
      lines,
      packageNo: pkg.packageNo,
      packageCount: plan.packages.length,
      packagesLeft: plan.open.length,
      weightG: wf.state === 'packed' ? wf.weightG : null,
    };
  }

  /**
   * The scan's verdict as far as main can tell: the order is still packable at the version the station holds (an
   * Amazon cancellation synced meanwhile refuses it), and the code names a product in the order — in the package on
   * the bench, when the station says which.
   */
  async function scan(input: { orderId: string; version: number; code: string; packageNo?: number | undefined }): Promise<ScanVerdict> {
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
    const inOrder = await db('order_allocations').where({ order_id: input.orderId, product_id: hit.productId }).pluck<number[]>('package_no');
    if (inOrder.length > 0 && (input.packageNo === undefined || inOrder.map(Number).includes(input.packageNo))) return { verdict: 'ok', productId: hit.productId, sku: hit.sku, units: hit.units };
    if (inOrder.length > 0) return { verdict: 'error', reason: 'other-package', sku: hit.sku };
    const product = await db('products').where({ id: hit.productId }).first<{ kind: string } | undefined>('kind');
    return { verdict: 'error', reason: product?.kind === 'bundle' ? 'bundle-code' : 'wrong-item', sku: hit.sku };
  }

  function checkCarrier(input: ShipInput): void {
    const tracking = validateTracking(input.carrierCode, input.trackingNumber);
    if (tracking === 'unknown-carrier') throw new AppError('invalid-input', { field: 'carrierCode', reason: 'carrier-not-amazon', carrier: input.carrierCode });
    if (tracking === 'format') throw new AppError('invalid-input', { field: 'trackingNumber', reason: 'tracking-format', carrier: input.carrierCode });
    if (input.carrierCode === 'Other' && !input.carrierName) throw new AppError('invalid-input', { field: 'carrierName', reason: 'carrier-name-required' });
  }

  /** Every unit the package needs, no more and no less: the station's counts are checked again here, not trusted. */
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

  /** The order, its workflow and the package on the bench, refused as opening would refuse them, at the station's version. */
  async function bench(trx: Knex.Transaction, input: PackInput) {
    const order = await trx('orders').where({ id: input.orderId }).first<OrderRow | undefined>(...ORDER_COLUMNS);
    if (!order) throw new AppError('not-found', { entity: 'order', id: input.orderId });
    const wf = await workflowOf(trx, order.id);
    refuseUnpackable(order, wf?.state ?? null);
    if (!wf) throw new Error('unreachable: refuseUnpackable passes only with a workflow');
    if (wf.version !== input.version) throw new AppError('conflict', { reason: 'order-changed', version: wf.version });
    const plan = await packagePlan(trx, order.id);
    const pkg = choosePackage(order, plan, { packageNo: input.packageNo });
    const units = checkPacked(await allocations(trx, order.id, pkg.packageNo), input.packed);
    return { order, wf, plan, pkg, units };
  }

  /**
   * A package that is not the order's last has left: the order stays packable for the rest, now at the next package's
   * warehouse (a wave at this warehouse lets go of it, so the other warehouse can pick it), one version on.
   */
  async function packageLeft(trx: Knex.Transaction, orderId: string, wf: { state: WorkflowState; version: number }, next: AllocationPackage, note: string, now: string) {
    const patch = { warehouse_id: next.warehouseId, wave_id: null, tote: null };
    if (wf.state === 'picking') return transition(trx, orderId, 'allocated', { actor: deps.actor, now, expectedVersion: wf.version, note, patch });
    if (!(await updateWorkflow(trx, orderId, wf.version, { ...patch, updated_at: now }))) throw new AppError('conflict', { reason: 'order-changed', version: wf.version });
    await appendAudit(trx, { at: now, actor: deps.actor, action: 'order.workflow', entity: 'order', entityId: orderId, detail: { from: wf.state, to: wf.state, version: wf.version + 1, note } });
    return { state: wf.state, version: wf.version + 1 };
  }

  async function ship(input: ShipInput): Promise<ShipResult> {
    checkCarrier(input);
    const result = await db.transaction(async (trx): Promise<ShipResult> => {
      const { order, wf, plan, pkg, units } = await bench(trx, input);
      const now = deps.clock.now().toISOString();
      const next = plan.open.find((p) => p.packageNo !== pkg.packageNo);

      let moved: { state: WorkflowState; version: number };
      if (next) {
        moved = await packageLeft(trx, order.id, wf, next, `package-shipped:${pkg.packageNo}/${plan.packages.length}`, now);
      } else {
        const ctx = { actor: deps.actor, now, patch: { weight_g: input.weightG } };
        if (wf.state !== 'packed') await transition(trx, order.id, 'packed', { ...ctx, expectedVersion: input.version });
        moved = await transition(trx, order.id, 'shipped', ctx);
      }

      const packagesLeft = plan.open.length - 1;
      const confirmation = await shipPackage(trx, deps, {
        orderId: order.id,
        warehouseId: pkg.warehouseId,
        packageNo: pkg.packageNo,
        // One package of several lists exactly its items; a whole order lets Amazon's own count of what is left stand.
        ...(plan.packages.length > 1 ? { items: pkg.items } : {}),
        weightG: input.weightG,
        carrierCode: input.carrierCode,
        carrierName: input.carrierName,
        shippingService: input.shippingService,
        trackingNumber: input.trackingNumber,
        contents: input.packed,
        auditAction: 'order.pack',
        auditDetail: { units, weightG: input.weightG, packages: plan.packages.length, packagesLeft },
      });
      return { ...moved, ...confirmation, packageNo: pkg.packageNo, packageCount: plan.packages.length, packagesLeft };
    });
    deps.onQueued();
    return result;
  }

  /**
   * Pack now, ship later: the box is closed and weighed; the carrier collects it and its tracking number comes later
   * (the carrier's CSV). Nothing leaves the ledger and Amazon hears nothing until it ships. A split order's earlier
   * packages need their tracking at the bench: one tracking number per order is all a carrier's CSV gives.
   */
  async function pack(input: PackInput): Promise<{ state: WorkflowState; version: number; packageNo: number; packageCount: number }> {
    return db.transaction(async (trx) => {
      const { order, wf, plan, pkg, units } = await bench(trx, input);
      if (wf.state === 'packed') throw new AppError('conflict', { reason: 'already-packed', orderId: order.id });
      if (plan.open.length > 1) throw new AppError('conflict', { reason: 'package-needs-tracking', orderId: order.id, packageNo: pkg.packageNo, packagesLeft: plan.open.length });
      const now = deps.clock.now().toISOString();
      const moved = await transition(trx, order.id, 'packed', { actor: deps.actor, now, expectedVersion: input.version, patch: { weight_g: input.weightG } });
      await deps.audit(trx, {
        action: 'order.pack',
        entity: 'order',
        entityId: order.id,
        detail: { units, weightG: input.weightG, warehouseId: pkg.warehouseId, packageNo: pkg.packageNo, packages: plan.packages.length, shipLater: true },
      });
      return { ...moved, packageNo: pkg.packageNo, packageCount: plan.packages.length };
    });
  }

  /** The recipient's name and address lines, opened for this page only and never logged. */
  function shipTo(row: { recipient_enc: string | null; pii_purged_at: string | null }, language: PackingSlip['language']): PackingSlip['shipTo'] {
    if (!deps.secretBox || !row.recipient_enc || row.pii_purged_at) return null;
    let address: Record<string, unknown>;
    try {
      const raw = unsealPii({ buyer_enc: null, recipient_enc: row.recipient_enc }, deps.secretBox).recipient?.deliveryAddress;
      if (!raw || typeof raw !== 'object') return null;
      address = raw as Record<string, unknown>;
    } catch {
      // Sealed with another machine's key: the slip goes without the address rather than not at all.
      return null;
    }
    const text = (key: string) => (typeof address[key] === 'string' && (address[key] as string).trim() !== '' ? (address[key] as string).trim() : null);
    const [postal, city, region] = [text('postalCode'), text('city'), text('stateOrRegion')];
    const place =
      language === 'ja'
        ? [postal ? `〒${postal}` : null, [region, city].filter(Boolean).join('')].filter(Boolean).join(' ')
        : language === 'en'
          ? [[city, region].filter(Boolean).join(', '), postal].filter(Boolean).join(' ')
          : [[postal, city].filter(Boolean).join(' '), region].filter(Boolean).join(', ');
    const street = [text('addressLine1'), text('addressLine2'), text('addressLine3')];
    // Japanese addresses run from the postcode and prefecture down to the street; Western ones the other way.
    const lines = (language === 'ja' ? [place, ...street] : [...street, place]).concat(text('countryCode')).filter((l): l is string => Boolean(l));
    return { name: text('name'), lines };
  }

  /**
   * The packing slip (装箱单) of one package — the one asked for, else the first still to ship, else the first — in
   * the buyer's language. Reprints work for packed and shipped orders too.
   */
  async function slip(orderId: string, opts: { packageNo?: number | undefined } = {}): Promise<{ fileName: string; bytes: Uint8Array }> {
    const order = await db('orders as o')
      .leftJoin('marketplaces as m', 'm.id', 'o.marketplace_id')
      .where('o.id', orderId)
      .first<
        | (OrderRow & { created_time: string; recipient_enc: string | null; pii_purged_at: string | null; country_code: string | null; domain: string | null })
        | undefined
      >(...ORDER_COLUMNS.map((c) => `o.${c}`), 'o.created_time', 'o.recipient_enc', 'o.pii_purged_at', 'm.country_code', 'm.domain');
    if (!order) throw new AppError('not-found', { entity: 'order', id: orderId });
    if (order.fulfilled_by !== 'MERCHANT') throw new AppError('invalid-input', { field: 'orderId', reason: 'fulfilled-by-amazon' });
    if (order.status === 'CANCELLED') throw new AppError('conflict', { reason: 'order-cancelled', orderId });

    const items = await db('order_items as i')
      .leftJoin('product_listings as l', function () {
        this.on('l.seller_sku', 'i.seller_sku').andOn('l.store_id', db.raw('?', [order.store_id])).andOn('l.marketplace_id', db.raw('?', [order.marketplace_id]));
      })
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .where('i.order_id', orderId)
      .orderBy('i.order_item_id')
      .select<{ order_item_id: string; seller_sku: string | null; title: string | null; name: string | null; quantity_ordered: number }[]>('i.order_item_id', 'i.seller_sku', 'i.title', 'p.name', 'i.quantity_ordered');
    const plan = await packagePlan(db, orderId);
    let pkg: { packageNo: number; items: { orderItemId: string; quantity: number }[] };
    if (plan.packages.length === 0) pkg = { packageNo: 1, items: items.map((i) => ({ orderItemId: i.order_item_id, quantity: i.quantity_ordered })) };
    else if (opts.packageNo !== undefined) {
      const asked = plan.packages.find((p) => p.packageNo === opts.packageNo);
      if (!asked) throw new AppError('not-found', { entity: 'package', orderId, packageNo: opts.packageNo, reason: 'unknown-package' });
      pkg = asked;
    } else pkg = (plan.open[0] ?? plan.packages[0]) as AllocationPackage;

    const language = slipLanguageFor(order.country_code);
    const data: PackingSlip = {
      orderId,
      marketplace: order.domain ? order.domain.replace(/^amazon/, 'Amazon') : order.marketplace_id,
      orderDate: new Intl.DateTimeFormat('en-CA', { timeZone: marketplaceTimeZone(order.marketplace_id), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(order.created_time)),
      language,
      shipTo: shipTo(order, language),
      lines: pkg.items.map((p) => {
        const item = items.find((i) => i.order_item_id === p.orderItemId);
        return { sku: item?.seller_sku ?? p.orderItemId, title: item?.title ?? item?.name ?? item?.seller_sku ?? '', quantity: p.quantity };
      }),
      packageNo: pkg.packageNo,
      packageCount: Math.max(1, plan.packages.length),
    };
    const bytes = await renderPackingSlipPdf(data, deps.slipFont ?? {});
    return { fileName: `packing-slip-${orderId}${data.packageCount > 1 ? `-${data.packageNo}` : ''}.pdf`, bytes };
  }

  return { open, scan, ship, pack, slip };
}

export type PackingService = ReturnType<typeof createPackingService>;
