import type { InventoryBook } from '../../store/inventory';
import { Rng } from '../../store/random';
import type { PlanRecord, ShipmentRecord, ShipmentStatus } from './records';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Step {
  /** Simulated delay after the previous step, drawn once per shipment. */
  delay: number;
  run: (time: number) => void;
}

/**
 * A shipped FBA shipment's life at Amazon in simulated time: SHIPPED → IN_TRANSIT → DELIVERED → CHECKED_IN →
 * RECEIVING (units counted in over about a day, in three batches) → CLOSED, over four to six days. Amazon's inventory
 * pools follow: inbound working → shipped → receiving → fulfillable. About one shipment in three ends a unit or two
 * short or over on one SKU (seeded), as real receiving does.
 */
export class ShipmentProgress {
  private readonly pending = new Map<ShipmentRecord, { steps: Step[]; next: number }>();

  constructor(
    private readonly deps: { book: InventoryBook; seed: number; schedule: (time: number, run: (time: number) => void) => void; onChange: (plan: PlanRecord, time: number) => void },
  ) {}

  /** Starts the journey at `shippedAt` (carrier pickup or the seller's tracking upload). */
  ship(plan: PlanRecord, s: ShipmentRecord, shippedAt: number): void {
    if (this.pending.has(s) || s.status !== 'READY_TO_SHIP') return;
    const rng = Rng.derive(this.deps.seed, 'inbound-receiving', s.shipmentId);
    const expected = this.finalCounts(s, rng);
    const batches = [0.45, 0.85, 1];
    const steps: Step[] = [
      {
        delay: 0,
        run: (t) => {
          s.shippedAt = t;
          this.set(plan, s, 'SHIPPED', t);
          this.move(plan, s.items, 'working', 'shipped', t);
          for (const item of s.tracking?.spd ?? []) item.status = 'VALIDATED';
        },
      },
      { delay: rng.real(2, 6) * HOUR, run: (t) => this.set(plan, s, 'IN_TRANSIT', t) },
      { delay: rng.real(1.5, 3) * DAY, run: (t) => this.set(plan, s, 'DELIVERED', t) },
      { delay: rng.real(1, 5) * HOUR, run: (t) => this.set(plan, s, 'CHECKED_IN', t) },
      {
        delay: rng.real(4, 16) * HOUR,
        run: (t) => {
          this.set(plan, s, 'RECEIVING', t);
          this.move(plan, s.items, 'shipped', 'receiving', t);
        },
      },
      ...batches.map((share) => ({ delay: rng.real(6, 14) * HOUR, run: (t: number) => this.receive(plan, s, expected, share, t) })),
      {
        delay: rng.real(12, 24) * HOUR,
        run: (t) => {
          // Units never counted in (a shortage) leave the receiving pool: Amazon's reconciliation takes over from here.
          const missing = new Map([...s.items].map(([msku, qty]) => [msku, Math.max(0, qty - (s.received.get(msku) ?? 0))]));
          this.move(plan, missing, 'receiving', null, t);
          this.set(plan, s, 'CLOSED', t);
        },
      },
    ];
    this.pending.set(s, { steps, next: 0 });
    this.scheduleNext(s, shippedAt);
  }

  /** Test hook: every remaining milestone happens now, in order; pending ones are then ignored. */
  finish(s: ShipmentRecord, now: number): boolean {
    const p = this.pending.get(s);
    if (!p) return false;
    s.progressEpoch += 1;
    while (p.next < p.steps.length) p.steps[p.next++]?.run(now);
    this.pending.delete(s);
    return true;
  }

  private scheduleNext(s: ShipmentRecord, after: number): void {
    const p = this.pending.get(s);
    const step = p?.steps[p.next];
    if (!p || !step) {
      this.pending.delete(s);
      return;
    }
    const epoch = s.progressEpoch;
    this.deps.schedule(Math.round(after + step.delay), (t) => {
      if (s.progressEpoch !== epoch || p.steps[p.next] !== step) return;
      // A plan voided before the carrier came: the pickup never happens.
      if (s.status === 'CANCELLED') {
        this.pending.delete(s);
        return;
      }
      p.next += 1;
      step.run(t);
      this.scheduleNext(s, t);
    });
  }

  /** What Amazon will have counted in when receiving ends: as shipped, or with a small seeded discrepancy on one SKU. */
  private finalCounts(s: ShipmentRecord, rng: Rng): Map<string, number> {
    const out = new Map(s.items);
    if (rng.chance(0.35)) {
      const msku = rng.pick([...s.items.keys()].sort());
      const delta = rng.pick([-2, -1, 1, 2]);
      out.set(msku, Math.max(0, (out.get(msku) ?? 0) + delta));
    }
    return out;
  }

  private receive(plan: PlanRecord, s: ShipmentRecord, expected: Map<string, number>, share: number, t: number): void {
    const delta = new Map<string, number>();
    for (const [msku, total] of expected) {
      const target = share >= 1 ? total : Math.floor(total * share);
      const now = s.received.get(msku) ?? 0;
      if (target > now) {
        delta.set(msku, target - now);
        s.received.set(msku, target);
      }
    }
    this.move(plan, delta, 'receiving', 'fulfillable', t);
    this.deps.onChange(plan, t);
  }

  private set(plan: PlanRecord, s: ShipmentRecord, status: ShipmentStatus, t: number): void {
    s.status = status;
    this.deps.onChange(plan, t);
  }

  private move(plan: PlanRecord, quantities: Map<string, number>, from: 'working' | 'shipped' | 'receiving', to: 'shipped' | 'receiving' | 'fulfillable' | null, t: number): void {
    for (const [msku, qty] of quantities) {
      const pool = this.deps.book.pool(msku, plan.marketplaceId);
      if (pool) this.deps.book.moveSellerInbound(pool, from, to, qty, t);
    }
  }
}
