/**
 * Token buckets per (selling partner, region, operation), so a call waits for a token instead of being sent to fail.
 * Seeded from the model's usage plan; the rate follows `x-amzn-RateLimit-Limit` when Amazon sends it.
 * `timeScale` runs Amazon time faster than wall time (the simulator uses the same factor), so tests and benchmarks
 * exercise minutes of usage plan in seconds.
 */
export interface LimiterTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: LimiterTimer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface UsagePlan {
  rate: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  rate: number;
  burst: number;
  updatedAt: number;
  tail: Promise<void>;
  waiting: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  readonly timeScale: number;
  private readonly timer: LimiterTimer;
  private readonly marginMs: number;

  /**
   * `marginMs` (wall clock) is added to every wait for a refill. Amazon's bucket runs on arrival times, ours on send
   * times; when an earlier request travelled slower (a new TLS connection) than a later one, exact pacing arrives early
   * and is refused. The margin shifts the schedule once, it does not accumulate: the steady rate stays the plan's.
   */
  constructor(opts: { timeScale?: number; timer?: LimiterTimer; marginMs?: number } = {}) {
    this.timeScale = opts.timeScale ?? 1;
    this.timer = opts.timer ?? realTimer;
    this.marginMs = opts.marginMs ?? 250;
  }

  static key(sellingPartner: string, region: string, operation: string): string {
    return `${sellingPartner}|${region}|${operation}`;
  }

  private bucket(key: string, plan: UsagePlan): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: plan.burst, rate: plan.rate, burst: plan.burst, updatedAt: this.timer.now(), tail: Promise.resolve(), waiting: 0 };
      this.buckets.set(key, b);
    }
    return b;
  }

  private refill(b: Bucket): void {
    const now = this.timer.now();
    const elapsedAmazonSeconds = ((now - b.updatedAt) / 1000) * this.timeScale;
    b.tokens = Math.min(b.burst, b.tokens + elapsedAmazonSeconds * b.rate);
    b.updatedAt = now;
  }

  /** Resolves when a token is taken. Callers are served first come, first served per bucket. */
  acquire(key: string, plan: UsagePlan): Promise<void> {
    const b = this.bucket(key, plan);
    b.waiting += 1;
    const turn = b.tail.then(async () => {
      for (;;) {
        this.refill(b);
        if (b.tokens >= 1) {
          b.tokens -= 1;
          b.waiting -= 1;
          return;
        }
        const wallMs = (((1 - b.tokens) / b.rate) * 1000) / this.timeScale;
        await this.timer.sleep(Math.max(1, Math.ceil(wallMs + this.marginMs)));
      }
    });
    b.tail = turn;
    return turn;
  }

  /** Amazon told us the rate it applies to this caller; trust it over the model's default. */
  observeRate(key: string, plan: UsagePlan, rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) return;
    const b = this.bucket(key, plan);
    this.refill(b);
    b.rate = rate;
  }

  /** After a 429 our picture of the bucket was wrong (another app, a restart): assume it is empty. */
  onThrottled(key: string, plan: UsagePlan): void {
    const b = this.bucket(key, plan);
    this.refill(b);
    b.tokens = Math.min(b.tokens, 0);
  }

  /** A call that Amazon refused before counting it (an expired access token) gives its token back. */
  refund(key: string, plan: UsagePlan): void {
    const b = this.bucket(key, plan);
    this.refill(b);
    b.tokens = Math.min(b.burst, b.tokens + 1);
  }

  snapshot(key: string): { tokens: number; rate: number; burst: number; waiting: number } | undefined {
    const b = this.buckets.get(key);
    if (!b) return undefined;
    this.refill(b);
    return { tokens: b.tokens, rate: b.rate, burst: b.burst, waiting: b.waiting };
  }
}
