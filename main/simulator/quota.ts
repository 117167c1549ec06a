import type { SimClock } from './sim-clock';

export interface Plan {
  rate: number;
  burst: number;
}

/** Amazon's side of the usage plan: a token bucket per (selling partner, operation), refilled in simulated time. */
export class QuotaEnforcer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly overrides = new Map<string, number>();

  constructor(private readonly clock: SimClock) {}

  /** Lowers (or raises) the rate Amazon applies to an operation, as a real account's plan can change. */
  setRate(operation: string, rate: number | null): void {
    if (rate === null) this.overrides.delete(operation);
    else this.overrides.set(operation, rate);
  }

  rateFor(operation: string, plan: Plan): number {
    return this.overrides.get(operation) ?? plan.rate;
  }

  /** Takes a token if there is one; false means answer 429. */
  take(seller: string, operation: string, plan: Plan): boolean {
    const key = `${seller}|${operation}`;
    const now = this.clock.nowMs();
    const rate = this.rateFor(operation, plan);
    const b = this.buckets.get(key) ?? { tokens: plan.burst, at: now };
    b.tokens = Math.min(plan.burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
