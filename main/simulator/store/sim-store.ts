import { CHINA_EXPORT, US_DOMESTIC, pickWarehouses } from './carriers';
import { buildCatalog, type CatalogEntry, type SimCatalogItem } from './catalog';
import { EventQueue } from './event-queue';
import type { InventorySummary } from './fba-inventory-types';
import { InventoryBook, type InventorySummaryQuery } from './inventory';
import { ALL_MARKETPLACES, DEFAULT_MARKETPLACE_IDS, marketplaceById, type MarketplaceInfo } from './marketplaces';
import { createOrder, type FactoryContext } from './order-factory';
import { OPEN_STATUSES, derivedStatus, remaining, touch, type ItemRecord, type OrderRecord, type PackageRecord } from './order-record';
import { buildOrderView } from './order-view';
import type { FulfilledBy, FulfillmentStatus, Order } from './orders-api-types';
import { Rng, hashSeed } from './random';
import { confirmationFingerprint, parseConfirmShipment, parseUpdateShipmentStatus } from './shipment-requests';
import type { OrderEvent, SimEvent } from './sim-events';
import { DAY, HOUR, SECOND, localHour, roundToSecond } from './sim-time';

export interface SimStoreOptions {
  seed: number;
  /** Simulated "now" when the store is created. */
  start: Date;
  /** Default: the nine NA, EU and JP marketplaces of a typical cross-border seller. */
  marketplaceIds?: string[];
  /** New orders per simulated hour over all marketplaces (default 12). */
  ordersPerHour?: number;
  /** Days of order history created at construction, ending at `start` (default 35). */
  backfillDays?: number;
  /** Number of SKUs (default 60). */
  catalogSize?: number;
}

export type { FulfillmentStatus } from './orders-api-types';

export interface OrderQuery {
  createdAfter?: Date;
  createdBefore?: Date;
  lastUpdatedAfter?: Date;
  lastUpdatedBefore?: Date;
  fulfillmentStatuses?: FulfillmentStatus[];
  marketplaceIds?: string[];
  fulfilledBy?: FulfilledBy[];
}

export type StoreResult = { ok: true } | { ok: false; status: 400 | 404; code: string; message: string };

const OK: StoreResult = { ok: true };
const invalid = (message: string): StoreResult => ({ ok: false, status: 400, code: 'InvalidInput', message });
const notFound = (orderId: string): StoreResult => ({ ok: false, status: 404, code: 'NotFound', message: `Order ${orderId} was not found.` });

/** Orders peak in the local evening and bottom out before dawn; the daily mean stays `ordersPerHour`. */
const DIURNAL_AMPLITUDE = 0.55;
const DIURNAL_PEAK_HOUR = 20.5;
/** Mean order lines and units per line, to size FBA stock for the demand the arrival process will create. */
const UNITS_PER_ORDER = 1.43 * 1.25;
const AFN_SHARE = 0.6;

function diurnal(ms: number, m: MarketplaceInfo): number {
  return 1 + DIURNAL_AMPLITUDE * Math.cos((2 * Math.PI * (localHour(ms, m.utcOffsetHours) - DIURNAL_PEAK_HOUR)) / 24);
}

/**
 * A seeded, in-memory Amazon seller account that keeps selling as simulated time advances. Nothing here reads
 * the wall clock or Math.random: the same options and the same sequence of calls give the same data.
 */
export class SimStore {
  readonly catalog: readonly SimCatalogItem[];

  private readonly seed: number;
  private readonly marketplaces: readonly MarketplaceInfo[];
  private readonly ordersPerHour: number;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly orders: OrderRecord[] = [];
  private readonly byId = new Map<string, OrderRecord>();
  private readonly views = new Map<OrderRecord, { version: number; json: string }>();
  /** Amazon's FBA stock pools; inbound shipments move units through them. */
  readonly inventory: InventoryBook;
  private readonly factory: FactoryContext;
  private readonly arrivals: Rng;
  private nowMs: number;
  private orderSeq = 0;

  constructor(opts: SimStoreOptions) {
    if (!Number.isFinite(opts.seed)) throw new RangeError('seed must be a finite number');
    const start = opts.start instanceof Date ? opts.start.getTime() : Number.NaN;
    if (!Number.isFinite(start)) throw new RangeError('start must be a valid Date');
    const ids = [...new Set(opts.marketplaceIds ?? DEFAULT_MARKETPLACE_IDS)];
    if (ids.length === 0) throw new RangeError('marketplaceIds must not be empty');
    const marketplaces = ids.map((id) => {
      const m = marketplaceById(id);
      if (!m) throw new RangeError(`unknown marketplace ${id}; known: ${ALL_MARKETPLACES.map((x) => x.id).join(', ')}`);
      return m;
    });
    const ordersPerHour = opts.ordersPerHour ?? 12;
    const backfillDays = opts.backfillDays ?? 35;
    const catalogSize = opts.catalogSize ?? 60;
    if (!Number.isFinite(ordersPerHour) || ordersPerHour < 0) throw new RangeError('ordersPerHour must be >= 0');
    if (!Number.isFinite(backfillDays) || backfillDays < 0) throw new RangeError('backfillDays must be >= 0');
    if (!Number.isInteger(catalogSize) || catalogSize < 1 || catalogSize > 5000) throw new RangeError('catalogSize must be an integer from 1 to 5000');

    this.seed = hashSeed('sim-store', opts.seed);
    this.marketplaces = marketplaces;
    this.ordersPerHour = ordersPerHour;
    this.arrivals = Rng.derive(this.seed, 'arrivals');
    const backfillStart = start - backfillDays * DAY;
    this.nowMs = backfillStart;

    const entries = buildCatalog(this.seed, catalogSize, marketplaces);
    this.catalog = Object.freeze(entries.map((e) => e.item));
    const listed = new Map<string, CatalogEntry[]>(marketplaces.map((m) => [m.id, entries.filter((e) => e.priceMinor.has(m.id))]));

    const fba = (entry: CatalogEntry, m: MarketplaceInfo) =>
      entry.priceMinor.has(m.id) && Rng.derive(this.seed, 'fba', m.id, entry.item.sellerSku).chance(m.countryCode === 'US' ? 0.92 : 0.8);
    const totalWeight = marketplaces.reduce((n, m) => n + m.orderWeight, 0);
    const fbaPopularity = new Map(marketplaces.map((m) => [m.id, entries.filter((e) => fba(e, m)).reduce((n, e) => n + e.popularity, 0)]));
    const unitsPerDay = (entry: CatalogEntry, m: MarketplaceInfo) =>
      (ordersPerHour * 24 * (m.orderWeight / totalWeight) * AFN_SHARE * UNITS_PER_ORDER * entry.popularity) / (fbaPopularity.get(m.id) || 1);
    this.inventory = new InventoryBook(this.seed, entries, marketplaces, fba, unitsPerDay, backfillStart, (time, event) => this.queue.push(time, event));

    const setup = Rng.derive(this.seed, 'seller');
    this.factory = {
      seed: this.seed,
      backfillEnd: start,
      listed,
      inventory: this.inventory,
      orderIds: new Set(),
      itemIds: new Set(),
      warehouses: pickWarehouses(setup),
      iossNumber: `IM442${setup.digits(7)}`,
      schedule: (time, event) => this.queue.push(time, event),
    };

    this.scheduleNextArrival(backfillStart);
    this.run(start);
    this.nowMs = start;
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  /** Runs the account forward; a time at or before `now()` changes nothing. */
  advanceTo(simNow: Date): void {
    const target = simNow.getTime();
    if (!(target > this.nowMs)) return;
    this.run(target);
    this.nowMs = target;
  }

  /**
   * Full orders (deep copies). `*After` bounds are inclusive, `*Before` exclusive. Sorted by createdTime when a
   * created bound is given, else by lastUpdatedTime; ties by orderId. An empty filter list means no filter.
   */
  searchOrders(q: OrderQuery): Order[] {
    const ms = (d: Date | undefined) => (d === undefined ? undefined : d.getTime());
    const createdAfter = ms(q.createdAfter);
    const createdBefore = ms(q.createdBefore);
    const updatedAfter = ms(q.lastUpdatedAfter);
    const updatedBefore = ms(q.lastUpdatedBefore);
    const statuses = q.fulfillmentStatuses?.length ? new Set(q.fulfillmentStatuses) : undefined;
    const marketplaces = q.marketplaceIds?.length ? new Set(q.marketplaceIds) : undefined;
    const channels = q.fulfilledBy?.length ? new Set(q.fulfilledBy.map((f) => (f === 'AMAZON' ? 'AFN' : 'MFN'))) : undefined;

    const hits = this.orders.filter(
      (o) =>
        (createdAfter === undefined || o.createdAt >= createdAfter) &&
        (createdBefore === undefined || o.createdAt < createdBefore) &&
        (updatedAfter === undefined || o.lastUpdatedAt >= updatedAfter) &&
        (updatedBefore === undefined || o.lastUpdatedAt < updatedBefore) &&
        (!statuses || statuses.has(o.status)) &&
        (!marketplaces || marketplaces.has(o.marketplace.id)) &&
        (!channels || channels.has(o.channel)),
    );
    const byCreated = q.createdAfter !== undefined || q.createdBefore !== undefined;
    hits.sort((a, b) => {
      const ta = byCreated ? a.createdAt : a.lastUpdatedAt;
      const tb = byCreated ? b.createdAt : b.lastUpdatedAt;
      return ta - tb || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
    });
    return hits.map((o) => this.view(o));
  }

  getOrder(orderId: string): Order | undefined {
    const order = this.byId.get(orderId);
    return order ? this.view(order) : undefined;
  }

  /** Orders v0 confirmShipment for a merchant-fulfilled order. Changes nothing unless it answers ok. */
  confirmShipment(orderId: string, body: unknown): StoreResult {
    const parsed = parseConfirmShipment(body);
    if (!parsed.ok) return invalid(parsed.message);
    const input = parsed.value;
    const order = this.byId.get(orderId);
    if (!order) return notFound(orderId);
    const m = order.marketplace;
    if (input.marketplaceId !== m.id) return invalid(`marketplaceId ${input.marketplaceId} does not match order ${orderId}, which was placed on ${m.name} (${m.id}).`);
    if (order.channel === 'AFN') return invalid(`Order ${orderId} is fulfilled by Amazon; only merchant-fulfilled orders can be confirmed.`);

    const fingerprint = confirmationFingerprint(input);
    const existing = order.packages.find((p) => p.packageReferenceId === input.packageReferenceId);
    if (existing) {
      if (existing.fingerprint === fingerprint) return OK;
      return invalid(`packageReferenceId ${input.packageReferenceId} is already used by another package of order ${orderId}.`);
    }
    if (order.status !== 'UNSHIPPED' && order.status !== 'PARTIALLY_SHIPPED') return invalid(`Order ${orderId} is ${order.status}; only UNSHIPPED or PARTIALLY_SHIPPED orders can be confirmed.`);
    if (order.inStorePickup) return invalid(`Order ${orderId} is an in-store pickup order; report it with updateShipmentStatus.`);
    if (input.codCollectionMethod && m.countryCode !== 'JP') return invalid('codCollectionMethod is only supported in the JP marketplace.');
    if (input.shipDate < order.createdAt) return invalid(`shipDate ${new Date(input.shipDate).toISOString()} is before order ${orderId} was placed.`);

    const quantities = this.resolveQuantities(order, input.orderItems);
    if (typeof quantities === 'string') return invalid(quantities);

    const now = this.nowMs;
    const pkg: PackageRecord = {
      packageReferenceId: input.packageReferenceId,
      createdAt: now,
      shipAt: input.shipDate,
      carrierCode: input.carrierCode,
      ...(input.carrierName ? { carrierName: input.carrierName } : {}),
      ...(input.shippingMethod ? { shippingMethod: input.shippingMethod } : {}),
      trackingNumber: input.trackingNumber,
      items: input.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity, ...(i.transparencyCodes ? { transparencyCodes: i.transparencyCodes } : {}) })),
      status: 'SHIPPED',
      detailedStatus: 'PICKED_UP',
      shipFrom: { ...(order.shipFrom ?? this.factory.warehouses.china) },
      fingerprint,
    };
    for (const [item, quantity] of quantities) item.shipped += quantity;
    order.packages.push(pkg);
    order.status = derivedStatus(order);
    touch(order, now);
    this.afterShipment(order, pkg, now);
    return OK;
  }

  /** Orders v0 updateShipmentStatus: pickup milestones of in-store pickup (IN_STORE_PICK_UP) orders. */
  updateShipmentStatus(orderId: string, body: unknown): StoreResult {
    const parsed = parseUpdateShipmentStatus(body);
    if (!parsed.ok) return invalid(parsed.message);
    const input = parsed.value;
    const order = this.byId.get(orderId);
    if (!order) return notFound(orderId);
    const m = order.marketplace;
    if (input.marketplaceId !== m.id) return invalid(`marketplaceId ${input.marketplaceId} does not match order ${orderId}, which was placed on ${m.name} (${m.id}).`);
    if (order.channel === 'AFN') return invalid(`Order ${orderId} is fulfilled by Amazon; its shipment status cannot be updated.`);
    if (!order.inStorePickup) return invalid(`Order ${orderId} is not an in-store pickup order; confirm its shipment with confirmShipment.`);
    if (order.status !== 'UNSHIPPED' && order.status !== 'PARTIALLY_SHIPPED') return invalid(`Order ${orderId} is ${order.status}; pickup status can only change while it is UNSHIPPED or PARTIALLY_SHIPPED.`);

    // Without orderItems the status applies to every unit it can apply to.
    const requested: { orderItemId: string; quantity?: number }[] =
      input.orderItems ??
      order.items
        .filter((i) => (input.shipmentStatus === 'ReadyForPickup' ? remaining(i) > 0 : i.readyForPickup > 0))
        .map((i) => ({ orderItemId: i.orderItemId }));
    if (requested.length === 0) return invalid(`Order ${orderId} has no units ready for pickup; send ReadyForPickup first.`);
    const changes: [ItemRecord, number][] = [];
    for (const r of requested) {
      const item = order.items.find((i) => i.orderItemId === r.orderItemId);
      if (!item) return invalid(`orderItemId ${r.orderItemId} is not part of order ${orderId}.`);
      const open = remaining(item);
      const quantity = r.quantity ?? (input.shipmentStatus === 'ReadyForPickup' ? open : item.readyForPickup);
      if (input.shipmentStatus === 'ReadyForPickup' && quantity > open) return invalid(`Quantity ${quantity} for orderItemId ${item.orderItemId} is more than the ${open} unit(s) still to hand over.`);
      if (input.shipmentStatus !== 'ReadyForPickup' && (quantity === 0 || quantity > item.readyForPickup)) {
        return invalid(`orderItemId ${item.orderItemId} has ${item.readyForPickup} unit(s) ready for pickup; send ReadyForPickup first.`);
      }
      changes.push([item, quantity]);
    }

    let changed = false;
    for (const [item, quantity] of changes) {
      switch (input.shipmentStatus) {
        case 'ReadyForPickup':
          if (quantity > item.readyForPickup) {
            item.readyForPickup = quantity;
            changed = true;
          }
          break;
        case 'PickedUp':
          item.readyForPickup -= quantity;
          item.shipped += quantity;
          changed = true;
          break;
        case 'RefusedPickup':
          item.readyForPickup -= quantity;
          item.cancelled += quantity;
          item.cancellation = { cancellationExecution: { cancelledBy: 'BUYER', cancelReason: 'Refused at pickup' } };
          changed = true;
          break;
      }
    }
    if (!changed) return OK;
    order.status = derivedStatus(order);
    touch(order, this.nowMs);
    if (order.status === 'SHIPPED') this.schedulePhoneRedaction(order, this.nowMs);
    return OK;
  }

  /**
   * A cancellation as Amazon applies it now (buyer request or Amazon's decision): the given units, or every open unit
   * of the order. Cancelling some units leaves the order open. For tests and demos of a cancellation mid-fulfilment.
   */
  cancelUnits(orderId: string, lines?: readonly { orderItemId: string; quantity: number }[], reason = 'Buyer cancelled'): StoreResult {
    const order = this.byId.get(orderId);
    if (!order) return notFound(orderId);
    if (!OPEN_STATUSES.has(order.status)) return invalid(`Order ${orderId} is ${order.status}; only open orders can be cancelled.`);
    const quantities = lines ? this.resolveQuantities(order, lines) : new Map(order.items.map((i) => [i, remaining(i)] as const));
    if (typeof quantities === 'string') return invalid(quantities);
    for (const [item, quantity] of quantities) {
      if (quantity === 0) continue;
      item.cancelled += quantity;
      item.cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: reason }, cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: reason } };
    }
    order.status = derivedStatus(order);
    touch(order, this.nowMs);
    return OK;
  }

  /** The seller confirms the whole order outside our app (Seller Central, another tool) now. */
  shipElsewhere(orderId: string): StoreResult {
    const order = this.byId.get(orderId);
    if (!order) return notFound(orderId);
    if (order.status !== 'UNSHIPPED' && order.status !== 'PARTIALLY_SHIPPED') return invalid(`Order ${orderId} is ${order.status}; only open orders can be shipped.`);
    this.sellerShip(order, 'all', this.nowMs);
    return OK;
  }

  /**
   * Units lost or damaged in an FC (a test's injected discrepancy): fulfillable drops now, with no order behind it, and
   * the loss is recorded in `inventory.losses` for the finances workflow to reimburse.
   */
  loseUnits(sellerSku: string, marketplaceId: string, quantity: number, reason = 'Lost in fulfillment centre'): void {
    const pool = this.inventory.pool(sellerSku, marketplaceId);
    if (!pool) throw new RangeError(`no FBA stock of ${sellerSku} in ${marketplaceId}`);
    this.inventory.lose(pool, quantity, reason, this.nowMs);
  }

  inventorySummaries(q: InventorySummaryQuery): InventorySummary[] {
    return this.inventory.summaries(q);
  }

  // ---------------------------------------------------------------- simulation

  private run(until: number): void {
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined || next > until) return;
      const entry = this.queue.pop();
      if (!entry) return;
      this.handle(entry.event, entry.time);
    }
  }

  private handle(event: SimEvent, time: number): void {
    switch (event.kind) {
      case 'arrival':
        this.arrive(time);
        return;
      case 'inbound':
        this.inventory.handle(event, time);
        return;
      default:
        this.handleOrderEvent(event, time);
    }
  }

  /** Thinned Poisson process: candidates at the peak rate, kept in proportion to the current demand. */
  private scheduleNextArrival(from: number): void {
    if (this.ordersPerHour <= 0) return;
    const peakRate = this.ordersPerHour * (1 + DIURNAL_AMPLITUDE);
    let t = from;
    for (;;) {
      t += this.arrivals.exponential(HOUR / peakRate);
      if (this.arrivals.next() * (1 + DIURNAL_AMPLITUDE) < this.demand(t)) break;
    }
    this.queue.push(Math.max(from, roundToSecond(t)), { kind: 'arrival' });
  }

  private demand(t: number): number {
    let weighted = 0;
    let total = 0;
    for (const m of this.marketplaces) {
      weighted += m.orderWeight * diurnal(t, m);
      total += m.orderWeight;
    }
    return weighted / total;
  }

  private arrive(time: number): void {
    const m = this.arrivals.weighted(this.marketplaces.map((x) => [x, x.orderWeight * diurnal(time, x)] as const));
    const order = createOrder(this.factory, this.orderSeq++, time, m);
    if (order) {
      this.orders.push(order);
      this.byId.set(order.orderId, order);
    }
    this.scheduleNextArrival(time);
  }

  private handleOrderEvent(event: OrderEvent, time: number): void {
    const order = event.order;
    switch (event.kind) {
      case 'release':
        if (order.status !== 'PENDING_AVAILABILITY') return;
        order.status = 'PENDING';
        touch(order, time);
        return;
      case 'authorize':
        if (order.status !== 'PENDING') return;
        order.status = 'UNSHIPPED';
        order.authorizedAt = time;
        touch(order, time);
        return;
      case 'cancel':
        if (!OPEN_STATUSES.has(order.status)) return;
        for (const item of order.items) {
          const quantity = remaining(item);
          item.cancelled += quantity;
          item.cancellation = {
            ...(event.requestedByBuyer ? { cancellationRequest: { requester: 'BUYER', cancelReason: event.reason } } : {}),
            cancellationExecution: { cancelledBy: event.cancelledBy, cancelReason: event.reason },
          };
          if (order.channel === 'AFN') {
            const pool = this.inventory.pool(item.entry.item.sellerSku, order.marketplace.id);
            if (pool) this.inventory.release(pool, quantity, time);
          }
        }
        order.status = 'CANCELLED';
        touch(order, time);
        return;
      case 'afnShip':
        if (order.status !== 'UNSHIPPED' || order.channel !== 'AFN') return;
        for (const item of order.items) {
          const quantity = remaining(item);
          item.shipped += quantity;
          const pool = this.inventory.pool(item.entry.item.sellerSku, order.marketplace.id);
          if (pool) this.inventory.ship(pool, quantity, time);
        }
        order.status = 'SHIPPED';
        touch(order, time);
        return;
      case 'sellerShip':
        this.sellerShip(order, event.part, time);
        return;
      case 'delivered': {
        const pkg = order.packages.find((p) => p.packageReferenceId === event.packageReferenceId);
        if (!pkg || pkg.status === 'DELIVERED') return;
        pkg.status = 'DELIVERED';
        pkg.detailedStatus = 'DELIVERED';
        touch(order, time);
        return;
      }
      case 'redactPhone':
        if (order.phoneSuppressed) return;
        order.phoneSuppressed = true;
        touch(order, time);
        return;
    }
  }

  /** The seller's own shipments before `start`, as its previous tool would have confirmed them. */
  private sellerShip(order: OrderRecord, part: 'first' | 'rest' | 'all', time: number): void {
    if (order.status !== 'UNSHIPPED' && order.status !== 'PARTIALLY_SHIPPED') return;
    const open = order.items.filter((i) => remaining(i) > 0);
    let lines: [ItemRecord, number][] = open.map((i) => [i, remaining(i)]);
    if (part === 'first') {
      const first = open[0];
      if (!first) return;
      lines = open.length > 1 ? [[first, remaining(first)]] : [[first, Math.max(1, remaining(first) - 1)]];
    }
    if (lines.length === 0) return;
    for (const [item, quantity] of lines) item.shipped += quantity;
    order.status = derivedStatus(order);

    if (order.inStorePickup) {
      touch(order, time);
      if (order.status === 'SHIPPED') this.schedulePhoneRedaction(order, time);
      return;
    }
    const rng = Rng.derive(this.seed, 'seller-package', order.seq, order.packages.length);
    const service = rng.pick(order.crossBorder ? CHINA_EXPORT : US_DOMESTIC);
    const pkg: PackageRecord = {
      packageReferenceId: String(order.packages.length + 1),
      createdAt: roundToSecond(Math.max(order.authorizedAt ?? order.createdAt, time - rng.real(1, 8) * HOUR)),
      shipAt: time,
      carrierCode: service.carrierCode,
      shippingMethod: service.shippingMethod,
      trackingNumber: service.tracking(rng),
      items: lines.map(([item, quantity]) => ({ orderItemId: item.orderItemId, quantity })),
      status: 'SHIPPED',
      detailedStatus: order.crossBorder ? 'DROPPED_OFF' : 'PICKED_UP',
      shipFrom: { ...(order.shipFrom ?? this.factory.warehouses.china) },
      fingerprint: '',
    };
    order.packages.push(pkg);
    touch(order, time);
    this.afterShipment(order, pkg, time);
  }

  private afterShipment(order: OrderRecord, pkg: PackageRecord, time: number): void {
    const rng = Rng.derive(this.seed, 'delivery', order.seq, pkg.packageReferenceId);
    const [min, max] = order.transitDays;
    const deliveredAt = roundToSecond(Math.max(time, pkg.shipAt) + rng.real(Math.max(0.5, min), max + 0.9) * DAY);
    this.queue.push(Math.max(deliveredAt, time + SECOND), { kind: 'delivered', order, packageReferenceId: pkg.packageReferenceId });
    if (order.status === 'SHIPPED') this.schedulePhoneRedaction(order, time);
  }

  /** Amazon hides the buyer's phone on shipped FBM orders once the latest delivery date has passed. */
  private schedulePhoneRedaction(order: OrderRecord, time: number): void {
    if (order.phoneSuppressed || order.channel !== 'MFN') return;
    const at = order.deliverBy[1] + SECOND;
    if (at > time) {
      this.queue.push(at, { kind: 'redactPhone', order });
      return;
    }
    order.phoneSuppressed = true;
    touch(order, time);
  }

  private view(order: OrderRecord): Order {
    let cached = this.views.get(order);
    if (!cached || cached.version !== order.version) {
      cached = { version: order.version, json: JSON.stringify(buildOrderView(order)) };
      this.views.set(order, cached);
    }
    return JSON.parse(cached.json) as Order;
  }

  private resolveQuantities(order: OrderRecord, lines: readonly { orderItemId: string; quantity: number }[]): Map<ItemRecord, number> | string {
    const out = new Map<ItemRecord, number>();
    for (const line of lines) {
      const item = order.items.find((i) => i.orderItemId === line.orderItemId);
      if (!item) return `orderItemId ${line.orderItemId} is not part of order ${order.orderId}.`;
      out.set(item, (out.get(item) ?? 0) + line.quantity);
    }
    for (const [item, quantity] of out) {
      const open = remaining(item);
      if (quantity > open) return `Quantity ${quantity} for orderItemId ${item.orderItemId} is more than the ${open} unit(s) not yet shipped (ordered ${item.quantity}, shipped ${item.shipped}, cancelled ${item.cancelled}).`;
    }
    return out;
  }
}
