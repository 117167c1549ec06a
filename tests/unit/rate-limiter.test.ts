import { describe, expect, it } from 'vitest';
import { RateLimiter, type LimiterTimer } from '../../main/spapi/rate-limiter';
import { backoffMs } from '../../main/spapi/backoff';

/** A manual clock: sleeping advances time instantly, so pacing is checked exactly, not by wall time. */
function fakeTimer(): LimiterTimer & { t: number } {
  const timer = {
    t: 0,
    now: () => timer.t,
    sleep: async (ms: number) => {
      timer.t += ms;
    },
  };
  return timer;
}

describe('RateLimiter', () => {
  const plan = { rate: 2, burst: 3 };

  it('lets the burst through at once, then paces at the rate', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, marginMs: 0 });
    const at: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire('s|na|op', plan);
      at.push(timer.t);
    }
    expect(at.slice(0, 3)).toEqual([0, 0, 0]);
    expect(at[3]).toBeCloseTo(500, -1);
    expect(at[5]).toBeCloseTo(1500, -1);
  });

  it('shifts the paced schedule once by the safety margin, keeping the plan rate', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, marginMs: 100 });
    const at: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire('k', plan);
      at.push(timer.t);
    }
    expect(at[3]).toBeCloseTo(600, -1);
    expect(at[4]).toBeCloseTo(1100, -1);
    expect(at[5]).toBeCloseTo(1600, -1);
  });

  it('runs Amazon time faster by the time scale', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, timeScale: 10, marginMs: 0 });
    for (let i = 0; i < 5; i++) await limiter.acquire('k', plan);
    expect(timer.t).toBeCloseTo(100, -1);
  });

  it('keeps buckets apart per selling partner, region and operation', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, marginMs: 0 });
    for (const key of [RateLimiter.key('A', 'na', 'op'), RateLimiter.key('B', 'na', 'op'), RateLimiter.key('A', 'eu', 'op'), RateLimiter.key('A', 'na', 'other')]) {
      for (let i = 0; i < 3; i++) await limiter.acquire(key, plan);
    }
    expect(timer.t).toBe(0);
  });

  it('adopts the rate Amazon reports and empties the bucket after a 429', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, marginMs: 0 });
    limiter.observeRate('k', plan, 0.5);
    limiter.onThrottled('k', plan);
    await limiter.acquire('k', plan);
    expect(timer.t).toBeCloseTo(2000, -1);
    expect(limiter.snapshot('k')?.rate).toBe(0.5);
    limiter.observeRate('k', plan, Number.NaN);
    expect(limiter.snapshot('k')?.rate).toBe(0.5);
  });

  it('serves waiting callers in order', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter({ timer, marginMs: 0 });
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => limiter.acquire('k', plan).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('backoffMs', () => {
  it('grows exponentially under a cap, with full jitter', () => {
    const opts = { baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, opts, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, opts, () => 0)).toBe(0);
    expect(backoffMs(3, opts, () => 0.5)).toBe(200);
  });
});
