import type { SimStore } from '../../store';
import type { SimCatalogItem } from '../../store/catalog';
import { marketplaceById, type MarketplaceInfo } from '../../store/marketplaces';
import type { Order } from '../../store/orders-api-types';
import { Rng, hashSeed } from '../../store/random';
import { DAY, roundToSecond } from '../../store/sim-time';
import type { InboundService } from '../inbound/service';
import { fbaFee, referralFee, storageFee } from './fees';
import { parseMinor, type FinanceEvent } from './model';
import { refundEvent, shipmentEvent, type ShipmentPart } from './order-events';

/** Share of shipped orders the buyer returns for a refund, and how long after the shipment the refund posts. */
const RETURN_SHARE = 0.05;
const RETURN_DAYS: readonly [number, number] = [7, 28];
/** Amazon investigates a unit lost in its warehouse before it reimburses: about ten days. */
const REIMBURSE_AFTER_MS = 10 * DAY;
/** Storage for a month is charged on the 8th of the next month. */
const STORAGE_POSTING_DAY = 8;

/** A unit Amazon lost or damaged in a fulfillment centre, as `store.inventory.losses` records it. */
export interface LossRecord {
  sellerSku: string;
  marketplaceId: string;
  quantity: number;
  reason: string;
  at: number | string | Date;
}

const lossTime = (at: LossRecord['at']) => (typeof at === 'number' ? at : new Date(at).getTime());

/**
 * Everything that moves money on the account, derived from the store's orders, its losses and the inbound plans. Events
 * are created once and never change afterwards; an event carries its own posted date and shows only once simulated
 * time has reached it. Orders are rescanned only when they changed (lastUpdatedTime), so a month of orders is read once.
 */
export class FinanceLedger {
  private readonly events = new Map<string, FinanceEvent>();
  private readonly byOrder = new Map<string, FinanceEvent[]>();
  /** `${marketplaceId}|${sku}|${yyyy-mm}` → FBA units shipped that month: the stock a month of storage is charged on. */
  private readonly afnUnits = new Map<string, number>();
  private readonly catalog: ReadonlyMap<string, SimCatalogItem>;
  private scannedUntil: number | undefined;
  private sorted: FinanceEvent[] | null = null;
  private storageMonthsDone = new Set<string>();

  constructor(
    private readonly deps: { store: SimStore; inbound: InboundService; seed: number },
  ) {
    this.catalog = new Map(deps.store.catalog.map((c) => [c.sellerSku, c]));
  }

  /** Brings the ledger up to the store's simulated now. */
  sync(): void {
    const now = this.deps.store.now().getTime();
    const orders = this.deps.store.searchOrders(this.scannedUntil === undefined ? {} : { lastUpdatedAfter: new Date(this.scannedUntil) });
    for (const order of orders) this.scanOrder(order);
    this.scannedUntil = now;
    this.scanLosses();
    this.scanInbound();
    this.scanStorage(now);
  }

  /** Every event, sorted by posted date then id, including those still to post (tests filter by time themselves). */
  all(): readonly FinanceEvent[] {
    this.sorted ??= [...this.events.values()].sort((a, b) => a.postedAt - b.postedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sorted;
  }

  forOrder(orderId: string): readonly FinanceEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  /**
   * A refund Amazon grants without the buyer sending anything back (an A-to-z claim, a "keep it" refund), posted now.
   * Refunds every shipped unit; replaces a customer-return refund of the same order that has not posted yet.
   */
  refundWithoutReturn(orderId: string, now: number): FinanceEvent {
    this.sync();
    const events = this.byOrder.get(orderId) ?? [];
    const shipments = events.filter((e) => e.kind === 'Shipment' && e.postedAt <= now);
    const order = this.deps.store.getOrder(orderId);
    const m = marketplaceById(order?.salesChannel.marketplaceId ?? '');
    if (!order || !m) throw new RangeError(`order ${orderId} does not exist`);
    if (shipments.length === 0) throw new RangeError(`order ${orderId} has not shipped: nothing to refund`);
    if (events.some((e) => e.kind === 'Refund' && e.postedAt <= now)) throw new RangeError(`order ${orderId} is already refunded`);
    for (const e of events.filter((x) => x.kind === 'Refund')) this.remove(e);
    const refund = refundEvent(shipments, m, { id: `${orderId}:refund:no-return`, postedAt: now, reference: refundId(this.deps.seed, orderId), reason: 'REFUND_WITHOUT_RETURN' });
    if (!refund) throw new RangeError(`order ${orderId} has nothing to refund`);
    this.add(refund);
    return refund;
  }

  // ---------------------------------------------------------------- sources

  private scanOrder(order: Order): void {
    const m = marketplaceById(order.salesChannel.marketplaceId ?? '');
    if (!m) return;
    const shipped = order.orderItems.reduce((n, i) => n + (i.fulfillment?.quantityFulfilled ?? 0), 0);
    if (shipped === 0) return;
    const known = this.byOrder.get(order.orderId) ?? [];
    const shippedBefore = new Map<string, number>();
    for (const e of known) if (e.kind === 'Shipment') for (const i of e.items) if (i.orderItemId) shippedBefore.set(i.orderItemId, (shippedBefore.get(i.orderItemId) ?? 0) + i.quantity);
    for (const part of this.parts(order, known)) {
      const event = shipmentEvent(order, m, part, shippedBefore, this.catalog);
      if (event.items.length === 0) continue;
      this.add(event);
      if (event.fulfillment === 'AFN') for (const i of event.items) this.countAfn(m.id, i.sku ?? '', event.postedAt, i.quantity);
    }
    if (order.fulfillment?.fulfillmentStatus === 'SHIPPED') this.maybeReturn(order, m);
  }

  /** Shipments not booked yet: one per new package, or the whole order when Amazon ships it (or a pickup completes). */
  private parts(order: Order, known: readonly FinanceEvent[]): ShipmentPart[] {
    const ids = new Set(known.map((e) => e.id));
    const out: ShipmentPart[] = [];
    for (const p of order.packages ?? []) {
      const id = `${order.orderId}:ship:${p.packageReferenceId}`;
      if (ids.has(id)) continue;
      // Amazon books the shipment when the seller confirms it: the package's creation (confirmShipment) or, for a label
      // printed before the carrier took it, the ship time.
      const postedAt = Math.max(Date.parse(p.createdTime ?? p.shipTime ?? ''), Date.parse(p.shipTime ?? ''));
      out.push({ id, postedAt, reference: p.packageReferenceId, units: new Map((p.packageItems ?? []).map((i) => [i.orderItemId, i.quantity])) });
    }
    const inPackages = new Map<string, number>();
    for (const p of order.packages ?? []) for (const i of p.packageItems ?? []) inPackages.set(i.orderItemId, (inPackages.get(i.orderItemId) ?? 0) + i.quantity);
    const packageEvents = new Set((order.packages ?? []).map((p) => `${order.orderId}:ship:${p.packageReferenceId}`));
    const bookedElsewhere = new Map<string, number>();
    for (const e of known) {
      if (e.kind !== 'Shipment' || packageEvents.has(e.id)) continue;
      for (const i of e.items) if (i.orderItemId) bookedElsewhere.set(i.orderItemId, (bookedElsewhere.get(i.orderItemId) ?? 0) + i.quantity);
    }
    const rest = new Map<string, number>();
    for (const item of order.orderItems) {
      const q = (item.fulfillment?.quantityFulfilled ?? 0) - (inPackages.get(item.orderItemId) ?? 0) - (bookedElsewhere.get(item.orderItemId) ?? 0);
      if (q > 0) rest.set(item.orderItemId, q);
    }
    if (rest.size > 0) {
      // Amazon's own shipment (FBA) or an in-store pickup has no package: nothing changes a shipped FBA order after it
      // ships, so its last update is the shipment.
      const afn = order.fulfillment?.fulfilledBy === 'AMAZON';
      const n = known.filter((e) => e.kind === 'Shipment').length + out.length;
      out.push({ id: `${order.orderId}:ship:${afn ? 'afn' : `pickup-${n}`}`, postedAt: Date.parse(order.lastUpdatedTime), reference: afn ? `D${hashSeed(order.orderId).toString(36).toUpperCase()}` : `P${n}`, units: rest });
    }
    return out;
  }

  private maybeReturn(order: Order, m: MarketplaceInfo): void {
    const id = `${order.orderId}:refund:return`;
    const events = this.byOrder.get(order.orderId) ?? [];
    if (this.events.has(id) || events.some((e) => e.kind === 'Refund')) return;
    const rng = Rng.derive(this.deps.seed, 'return', order.orderId);
    if (!rng.chance(RETURN_SHARE)) return;
    const shipments = events.filter((e) => e.kind === 'Shipment');
    const lastShip = Math.max(...shipments.map((e) => e.postedAt));
    const firstItem = order.orderItems[0]?.orderItemId;
    if (!firstItem) return;
    const refund = refundEvent(shipments, m, {
      id,
      postedAt: roundToSecond(lastShip + rng.real(RETURN_DAYS[0], RETURN_DAYS[1]) * DAY),
      reference: refundId(this.deps.seed, order.orderId),
      reason: 'CUSTOMER_RETURN',
      orderItemIds: new Set([firstItem]),
    });
    if (refund) this.add(refund);
  }

  private scanLosses(): void {
    const losses = (this.deps.store.inventory as unknown as { losses?: readonly LossRecord[] }).losses ?? [];
    losses.forEach((loss, index) => {
      const id = `loss:${index}`;
      if (this.events.has(id)) return;
      const m = marketplaceById(loss.marketplaceId);
      const cat = this.catalog.get(loss.sellerSku);
      if (!m || !cat || !(loss.quantity > 0)) return;
      // Amazon pays what the unit would have earned: its price less the referral and FBA fees a sale would have cost.
      const price = parseMinor(cat.prices[m.id]?.amount, m.currency);
      const perUnit = Math.max(1, price - referralFee(cat, price, 1, m) - fbaFee(cat, 1, m));
      this.add({
        id,
        kind: 'Reimbursement',
        postedAt: roundToSecond(lossTime(loss.at) + REIMBURSE_AFTER_MS),
        marketplaceId: m.id,
        currency: m.currency,
        reference: String(1_000_000_000 + (hashSeed(this.deps.seed, id) % 9_000_000_000)),
        fulfillment: 'AFN',
        description: 'FBA Inventory Reimbursement',
        reason: loss.reason,
        items: [{ sku: cat.sellerSku, asin: cat.asin, fnsku: cat.fnsku, title: cat.title, quantity: loss.quantity, lines: [{ kind: 'other', type: 'FBAInventoryReimbursement', minor: perUnit * loss.quantity }] }],
      });
    });
  }

  /** Placement and partnered-carrier charges post when the shipment ships: the one inbound time the simulator keeps. */
  private scanInbound(): void {
    for (const plan of this.deps.inbound.plans.values()) {
      const m = marketplaceById(plan.marketplaceId);
      const option = plan.placementOptions.find((o) => o.placementOptionId === plan.confirmedPlacementOptionId);
      if (!m || !option) continue;
      const chosen = option.shipmentIds.flatMap((id) => plan.shipments.get(id) ?? []);
      const shippedAts = chosen.flatMap((s) => (s.shippedAt === undefined ? [] : [s.shippedAt]));
      const placementId = `${plan.inboundPlanId}:placement`;
      const fee = option.fees.reduce((n, f) => n + f.amountMinor, 0) - option.discounts.reduce((n, f) => n + f.amountMinor, 0);
      if (shippedAts.length > 0 && fee > 0 && !this.events.has(placementId)) {
        this.add(this.serviceFee(placementId, 'InboundPlacementFee', m, Math.min(...shippedAts), plan.inboundPlanId, 'FBAInboundPlacementServiceFee', fee, plan.name));
      }
      for (const s of chosen) {
        const t = plan.transportationOptions.find((o) => o.transportationOptionId === s.transportationOptionId);
        const id = `${s.shipmentId}:transport`;
        if (s.shippedAt === undefined || t?.solution !== 'AMAZON_PARTNERED_CARRIER' || !t.quote || this.events.has(id)) continue;
        this.add(this.serviceFee(id, 'InboundTransportFee', m, s.shippedAt, s.confirmationId ?? s.shipmentId, 'FBAInboundTransportationFee', t.quote.costMinor, s.name));
      }
    }
  }

  private serviceFee(id: string, kind: 'InboundPlacementFee' | 'InboundTransportFee', m: MarketplaceInfo, postedAt: number, reference: string, type: string, minor: number, reason: string): FinanceEvent {
    return {
      id,
      kind,
      postedAt,
      marketplaceId: m.id,
      currency: m.currency,
      reference,
      fulfillment: 'AFN',
      description: kind === 'InboundPlacementFee' ? 'FBA Inbound Placement Service Fee' : 'Inbound Transportation Fee',
      reason,
      items: [{ quantity: 1, lines: [{ kind: 'fee', type, minor: -minor }] }],
    };
  }

  /**
   * Monthly storage per FBA SKU, charged once the month is over. The simulator keeps no daily stock history, so the
   * average units on hand are taken as the month's FBA sales (stock covering about a month of demand).
   */
  private scanStorage(now: number): void {
    const months = new Map<string, Map<string, number>>();
    for (const [key, units] of this.afnUnits) {
      const [marketplaceId = '', sku = '', month = ''] = key.split('|');
      const byMonth = months.get(`${marketplaceId}|${month}`) ?? new Map<string, number>();
      byMonth.set(sku, units);
      months.set(`${marketplaceId}|${month}`, byMonth);
    }
    for (const [key, skus] of months) {
      if (this.storageMonthsDone.has(key)) continue;
      const [marketplaceId = '', month = ''] = key.split('|');
      const [y, mo] = month.split('-').map(Number) as [number, number];
      const monthEnd = Date.UTC(y, mo, 1);
      if (monthEnd > now) continue;
      this.storageMonthsDone.add(key);
      const m = marketplaceById(marketplaceId);
      if (!m) continue;
      const items = [...skus].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([sku, units]) => {
        const cat = this.catalog.get(sku);
        const fee = cat ? storageFee(cat, units, mo - 1, m) : 0;
        return cat && fee > 0 ? [{ sku, asin: cat.asin, fnsku: cat.fnsku, title: cat.title, quantity: units, lines: [{ kind: 'fee' as const, type: 'FBAStorageFee', minor: -fee }] }] : [];
      });
      if (items.length === 0) continue;
      this.add({
        id: `storage:${marketplaceId}:${month}`,
        kind: 'StorageFee',
        postedAt: Date.UTC(y, mo, STORAGE_POSTING_DAY),
        marketplaceId,
        currency: m.currency,
        reference: month,
        fulfillment: 'AFN',
        description: 'FBA Inventory Storage Fee',
        reason: month,
        items,
      });
    }
  }

  private countAfn(marketplaceId: string, sku: string, at: number, units: number): void {
    const d = new Date(at);
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    if (this.storageMonthsDone.has(`${marketplaceId}|${month}`)) return;
    const key = `${marketplaceId}|${sku}|${month}`;
    this.afnUnits.set(key, (this.afnUnits.get(key) ?? 0) + units);
  }

  private add(e: FinanceEvent): void {
    this.events.set(e.id, e);
    if (e.orderId) this.byOrder.set(e.orderId, [...(this.byOrder.get(e.orderId) ?? []), e]);
    this.sorted = null;
  }

  private remove(e: FinanceEvent): void {
    this.events.delete(e.id);
    if (e.orderId) this.byOrder.set(e.orderId, (this.byOrder.get(e.orderId) ?? []).filter((x) => x !== e));
    this.sorted = null;
  }
}

/** Amazon's refund adjustment ids are long decimal numbers. */
function refundId(seed: number, orderId: string): string {
  return `${hashSeed(seed, 'refund', orderId)}${hashSeed(seed, 'refund-2', orderId) % 100_000}`;
}
