import { afterEach, describe, expect, it } from 'vitest';
import { simulatorWithClient } from '../support/simulator-harness';

type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the client rate limiter keeps within Amazon usage plans', () => {
  // Time scales are chosen so one token's spacing stays well above loopback jitter (a TLS handshake), as it is at 1×.
  it('sends a concurrent burst of inventory calls without a single 429', async () => {
    // getInventorySummaries: 2 requests/s, burst 2. 30 concurrent calls = 2 at once, then one per 0.5 s of Amazon time.
    h = await simulatorWithClient({ timeScale: 4 });
    const results = await Promise.all(Array.from({ length: 30 }, () => h!.api.getInventorySummaries('A1PA6795UKMFR9', { details: false })));
    expect(results).toHaveLength(30);
    expect(h.sim.stats.throttled).toBe(0);
    expect(h.calls.every((c) => c.retries === 0)).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('spends the searchOrders burst, then paces at one page per 180 s of Amazon time, without a 429', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    // searchOrders: 0.0056/s, burst 20. 25 calls: 20 from the burst, 5 more paced 180 s of Amazon time apart.
    const pages = await Promise.all(Array.from({ length: 25 }, () => h!.api.searchOrders({ lastUpdatedAfter: '2026-11-19T00:00:00Z', maxResultsPerPage: 1 })));
    expect(pages).toHaveLength(25);
    expect(h.sim.stats.throttled).toBe(0);
    expect(h.problems).toEqual([]);
  });

  it('follows a lowered x-amzn-RateLimit-Limit and recovers without losing a call', async () => {
    h = await simulatorWithClient({ timeScale: 20 });
    await h.api.getInventorySummaries('A1PA6795UKMFR9', { details: false });
    h.sim.quota.setRate('getInventorySummaries', 0.5);
    const results = await Promise.all(Array.from({ length: 12 }, () => h!.api.getInventorySummaries('A1PA6795UKMFR9', { details: false })));
    expect(results).toHaveLength(12);
    // At most the calls already in flight when the plan changed can be refused; each was retried and succeeded.
    expect(h.sim.stats.throttled).toBeLessThanOrEqual(2);
    expect(h.calls.every((c) => c.errorKind === null)).toBe(true);
    const bucket = h.limiter.snapshot('A2DEMOSELLER7Q|na|getInventorySummaries');
    expect(bucket?.rate).toBe(0.5);
  });
});
