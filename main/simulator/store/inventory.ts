import type { CatalogEntry } from './catalog';
import type { InventorySummary } from './fba-inventory-types';
import type { MarketplaceInfo } from './marketplaces';
import { Rng } from './random';
import { DAY, HOUR, isoTime, roundToSecond } from './sim-time';

/**
 * FBA stock per SKU and marketplace (one pool per marketplace, no shared NA/EU pools). Quantities follow Seller
 * Central's meaning: `fulfillable` excludes units reserved for open customer orders; a shipped order takes its
 * units out of `reserved` and out of the warehouse. Inbound shipments are replenished automatically from China.
 */

export interface InventoryPool {
  readonly entry: CatalogEntry;
  readonly marketplace: MarketplaceInfo;
  fulfillable: number;
  pendingCustomerOrder: number;
  readonly pendingTransshipment: number;
  readonly fcProcessing: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  readonly unfulfillable: {
    customerDamaged: number;
    warehouseDamaged: number;
    distributorDamaged: number;
    carrierDamaged: number;
    defective: number;
    expired: number;
  };
  readonly researching: readonly [number, number, number];
  lastUpdatedAt: number;
  readonly reorderPoint: number;
  readonly reorderQuantity: number;
  inboundOpen: boolean;
  readonly rng: Rng;
}

/** Amazon's own replenishment from China (the seller's shipments made outside this simulator's inbound API). */
export interface ReplenishmentEvent {
  kind: 'inbound';
  pool: InventoryPool;
  stage: 'shipped' | 'receiving' | 'received';
  quantity: number;
}

/**
 * A milestone of a shipment created through the Fulfillment Inbound API (an operation finishing, a carrier scan, units
 * received). It rides on the account's event queue so that every request, getInventorySummaries included, sees it.
 */
export interface SellerInboundEvent {
  kind: 'inbound';
  stage: 'seller';
  run: (time: number) => void;
}

export type InboundEvent = ReplenishmentEvent | SellerInboundEvent;

/** Where a seller's inbound units are, in Seller Central's terms. */
export type InboundStage = 'working' | 'shipped' | 'receiving';
const STAGE_FIELD = { working: 'inboundWorking', shipped: 'inboundShipped', receiving: 'inboundReceiving' } as const;

export interface InventorySummaryQuery {
  marketplaceId: string;
  startDateTime?: Date;
  sellerSkus?: string[];
  details: boolean;
}

/** Units Amazon lost or damaged beyond repair in a fulfilment centre; the finances workflow reimburses them later. */
export interface InventoryLoss {
  sellerSku: string;
  marketplaceId: string;
  quantity: number;
  reason: string;
  /** Simulated epoch milliseconds. */
  at: number;
}

export class InventoryBook {
  private readonly pools = new Map<string, InventoryPool>();
  /** Every loss so far, in order: read by the finances workflow to post reimbursements. */
  readonly losses: InventoryLoss[] = [];

  /**
   * @param unitsPerDay expected AFN units per day of an entry in a marketplace, to size stock and reorder points
   * @param schedule puts an inbound milestone on the simulation's event queue
   */
  constructor(
    seed: number,
    entries: readonly CatalogEntry[],
    marketplaces: readonly MarketplaceInfo[],
    fbaEnabled: (entry: CatalogEntry, m: MarketplaceInfo) => boolean,
    unitsPerDay: (entry: CatalogEntry, m: MarketplaceInfo) => number,
    startMs: number,
    private readonly schedule: (time: number, event: InboundEvent) => void,
  ) {
    for (const m of marketplaces) {
      for (const entry of entries) {
        if (!fbaEnabled(entry, m)) continue;
        const rng = Rng.derive(seed, 'inventory', m.id, entry.item.sellerSku);
        const velocity = unitsPerDay(entry, m);
        const stockout = rng.chance(0.04);
        const pool: InventoryPool = {
          entry,
          marketplace: m,
          fulfillable: stockout ? 0 : Math.round(velocity * rng.real(25, 60)) + rng.int(0, 6),
          pendingCustomerOrder: 0,
          pendingTransshipment: rng.chance(0.2) ? rng.int(1, 5) : 0,
          fcProcessing: rng.chance(0.1) ? rng.int(1, 3) : 0,
          inboundWorking: 0,
          inboundShipped: 0,
          inboundReceiving: 0,
          unfulfillable: rng.chance(0.3)
            ? { customerDamaged: rng.int(0, 3), warehouseDamaged: rng.int(0, 2), distributorDamaged: rng.chance(0.1) ? 1 : 0, carrierDamaged: rng.int(0, 1), defective: rng.int(0, 2), expired: 0 }
            : { customerDamaged: 0, warehouseDamaged: 0, distributorDamaged: 0, carrierDamaged: 0, defective: 0, expired: 0 },
          researching: rng.chance(0.15) ? [rng.int(0, 2), rng.int(0, 1), rng.chance(0.3) ? 1 : 0] : [0, 0, 0],
          // Floored so that it never lies after the simulation's start, even with no backfill.
          lastUpdatedAt: Math.floor((startMs - rng.real(0, 6 * DAY)) / 1000) * 1000,
          // Lead time from a Shenzhen factory to a receiving FBA warehouse is three to five weeks.
          reorderPoint: Math.ceil(velocity * 30) + 5,
          reorderQuantity: Math.ceil((velocity * 45) / 10) * 10 + 20,
          inboundOpen: false,
          rng,
        };
        this.pools.set(key(entry.item.sellerSku, m.id), pool);
        if (stockout || rng.chance(0.2)) {
          const quantity = pool.reorderQuantity;
          pool.inboundOpen = true;
          const stage = stockout ? 'receiving' : rng.pick(['shipped', 'receiving'] as const);
          if (stage === 'shipped') pool.inboundWorking = quantity;
          else pool.inboundShipped = quantity;
          this.schedule(roundToSecond(startMs + rng.real(0.5, stage === 'shipped' ? 4 : 10) * DAY), { kind: 'inbound', pool, stage, quantity });
        }
      }
    }
    for (const pool of this.pools.values()) this.reorderIfLow(pool, startMs);
  }

  pool(sellerSku: string, marketplaceId: string): InventoryPool | undefined {
    return this.pools.get(key(sellerSku, marketplaceId));
  }

  reserve(pool: InventoryPool, quantity: number, time: number): void {
    if (quantity > pool.fulfillable) throw new RangeError(`reserving ${quantity} of ${pool.fulfillable} ${pool.entry.item.sellerSku}`);
    pool.fulfillable -= quantity;
    pool.pendingCustomerOrder += quantity;
    pool.lastUpdatedAt = time;
    this.reorderIfLow(pool, time);
  }

  /** A cancelled order puts its reserved units back on the shelf. */
  release(pool: InventoryPool, quantity: number, time: number): void {
    pool.pendingCustomerOrder -= quantity;
    pool.fulfillable += quantity;
    pool.lastUpdatedAt = time;
  }

  /** Amazon shipped the units: they leave reserved stock and the warehouse. */
  ship(pool: InventoryPool, quantity: number, time: number): void {
    pool.pendingCustomerOrder -= quantity;
    pool.lastUpdatedAt = time;
  }

  /**
   * Amazon loses (or destroys) fulfillable units of a pool: they leave the warehouse with no sale behind them. Refuses
   * more than the pool has on the shelf, like Amazon cannot lose units it does not hold.
   */
  lose(pool: InventoryPool, quantity: number, reason: string, time: number): void {
    if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError(`losing ${quantity} units`);
    if (quantity > pool.fulfillable) throw new RangeError(`losing ${quantity} of ${pool.fulfillable} ${pool.entry.item.sellerSku}`);
    pool.fulfillable -= quantity;
    pool.lastUpdatedAt = time;
    this.losses.push({ sellerSku: pool.entry.item.sellerSku, marketplaceId: pool.marketplace.id, quantity, reason, at: time });
  }

  /** Puts a seller inbound milestone on the account's clock. */
  scheduleSellerInbound(time: number, run: (time: number) => void): void {
    this.schedule(time, { kind: 'inbound', stage: 'seller', run });
  }

  /**
   * Moves a seller shipment's units between Amazon's inbound stages (`from` null: units new to Amazon; `to` null: units
   * that will never arrive, a shortage or a cancelled shipment). Never takes a stage below zero: an overage arrives
   * with more units than the earlier stage held.
   */
  moveSellerInbound(pool: InventoryPool, from: InboundStage | null, to: InboundStage | 'fulfillable' | null, quantity: number, time: number): void {
    if (!(quantity > 0)) return;
    if (from) pool[STAGE_FIELD[from]] -= Math.min(quantity, pool[STAGE_FIELD[from]]);
    if (to === 'fulfillable') {
      pool.fulfillable += quantity;
      // Only stock that becomes sellable counts as a change for getInventorySummaries' startDateTime, as above.
      pool.lastUpdatedAt = time;
    } else if (to) {
      pool[STAGE_FIELD[to]] += quantity;
    }
  }

  handle(event: InboundEvent, time: number): void {
    if (event.stage === 'seller') {
      event.run(time);
      return;
    }
    const { pool, quantity } = event;
    const rng = pool.rng;
    switch (event.stage) {
      // Amazon does not report inbound movements through startDateTime, so these leave lastUpdatedAt alone.
      case 'shipped':
        pool.inboundWorking -= quantity;
        pool.inboundShipped += quantity;
        this.schedule(roundToSecond(time + rng.real(7, 25) * DAY), { kind: 'inbound', pool, stage: 'receiving', quantity });
        break;
      case 'receiving':
        pool.inboundShipped -= quantity;
        pool.inboundReceiving += quantity;
        this.schedule(roundToSecond(time + rng.real(1, 4) * DAY), { kind: 'inbound', pool, stage: 'received', quantity });
        break;
      case 'received': {
        const damaged = rng.chance(0.3) ? rng.int(1, Math.max(1, Math.floor(quantity / 100))) : 0;
        pool.inboundReceiving -= quantity;
        pool.fulfillable += quantity - damaged;
        pool.unfulfillable.warehouseDamaged += damaged;
        pool.inboundOpen = false;
        pool.lastUpdatedAt = time;
        this.reorderIfLow(pool, time);
        break;
      }
    }
  }

  private reorderIfLow(pool: InventoryPool, time: number): void {
    if (pool.inboundOpen) return;
    const onHandAndInbound = pool.fulfillable + pool.inboundWorking + pool.inboundShipped + pool.inboundReceiving;
    if (onHandAndInbound > pool.reorderPoint) return;
    pool.inboundOpen = true;
    pool.inboundWorking += pool.reorderQuantity;
    this.schedule(roundToSecond(time + pool.rng.real(1, 4) * DAY + pool.rng.real(0, 12) * HOUR), { kind: 'inbound', pool, stage: 'shipped', quantity: pool.reorderQuantity });
  }

  /**
   * As getInventorySummaries: with `startDateTime`, only pools changed at or after it and `sellerSkus` is ignored
   * (the model says so); otherwise all pools, or those of `sellerSkus`. Sorted by seller SKU.
   */
  summaries(q: InventorySummaryQuery): InventorySummary[] {
    const start = q.startDateTime?.getTime();
    const wanted = start === undefined && q.sellerSkus ? new Set(q.sellerSkus) : undefined;
    const out: InventorySummary[] = [];
    for (const pool of this.pools.values()) {
      if (pool.marketplace.id !== q.marketplaceId) continue;
      if (start !== undefined && !(pool.lastUpdatedAt >= start)) continue;
      if (wanted && !wanted.has(pool.entry.item.sellerSku)) continue;
      out.push(summaryOf(pool, q.details));
    }
    return out.sort((a, b) => compare(a.sellerSku ?? '', b.sellerSku ?? ''));
  }

  allPools(): IterableIterator<InventoryPool> {
    return this.pools.values();
  }
}

function key(sellerSku: string, marketplaceId: string): string {
  return `${marketplaceId}\u0000${sellerSku}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summaryOf(pool: InventoryPool, details: boolean): InventorySummary {
  const u = pool.unfulfillable;
  const unfulfillable = u.customerDamaged + u.warehouseDamaged + u.distributorDamaged + u.carrierDamaged + u.defective + u.expired;
  const reserved = pool.pendingCustomerOrder + pool.pendingTransshipment + pool.fcProcessing;
  const [short, mid, long] = pool.researching;
  const researching = short + mid + long;
  const inbound = pool.inboundWorking + pool.inboundShipped + pool.inboundReceiving;
  const item = pool.entry.item;
  const summary: InventorySummary = {
    asin: item.asin,
    fnSku: item.fnsku,
    sellerSku: item.sellerSku,
    condition: 'NewItem',
    lastUpdatedTime: isoTime(pool.lastUpdatedAt),
    productName: item.titles[pool.marketplace.id] ?? item.title,
    totalQuantity: pool.fulfillable + reserved + unfulfillable + researching + inbound,
  };
  if (details) {
    summary.inventoryDetails = {
      fulfillableQuantity: pool.fulfillable,
      inboundWorkingQuantity: pool.inboundWorking,
      inboundShippedQuantity: pool.inboundShipped,
      inboundReceivingQuantity: pool.inboundReceiving,
      reservedQuantity: {
        totalReservedQuantity: reserved,
        pendingCustomerOrderQuantity: pool.pendingCustomerOrder,
        pendingTransshipmentQuantity: pool.pendingTransshipment,
        fcProcessingQuantity: pool.fcProcessing,
      },
      researchingQuantity: {
        totalResearchingQuantity: researching,
        researchingQuantityBreakdown: [
          { name: 'researchingQuantityInShortTerm', quantity: short },
          { name: 'researchingQuantityInMidTerm', quantity: mid },
          { name: 'researchingQuantityInLongTerm', quantity: long },
        ],
      },
      unfulfillableQuantity: {
        totalUnfulfillableQuantity: unfulfillable,
        customerDamagedQuantity: u.customerDamaged,
        warehouseDamagedQuantity: u.warehouseDamaged,
        distributorDamagedQuantity: u.distributorDamaged,
        carrierDamagedQuantity: u.carrierDamaged,
        defectiveQuantity: u.defective,
        expiredQuantity: u.expired,
      },
    };
  }
  return summary;
}
