import { afterEach, describe, expect, it } from 'vitest';
import { SpApiError } from '../../main/spapi/errors';
import type { FaultKind } from '../../main/simulator/faults';
import { simulatorWithClient } from '../support/simulator-harness';

type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const expectedKind: Record<Exclude<FaultKind, 'slow'>, string> = {
  'server-error': 'server',
  throttle: 'throttled',
  timeout: 'network',
  reset: 'network',
  malformed: 'invalid-response',
  truncated: 'invalid-response',
  'missing-field': 'invalid-response',
};

const orderQuery = { createdAfter: '2026-11-18T00:00:00Z', maxResultsPerPage: 20 } as const;

describe('injected faults end in a successful retry or a typed error, never anything else', () => {
  for (const [fault, kind] of Object.entries(expectedKind) as [Exclude<FaultKind, 'slow'>, string][]) {
    it(`${fault}: one occurrence is retried and the call succeeds`, async () => {
      // Time runs 100× so a 429's wait for the next searchOrders token (180 s of Amazon time) takes under two seconds.
      h = await simulatorWithClient({ timeScale: 100 }, { timeouts: { responseMs: 400, idleMs: 400, deadlineMs: 2000 } });
      h.sim.faults.script('searchOrders', [fault]);
      const page = await h.api.searchOrders(orderQuery);
      expect(page.orders.length).toBe(20);
      expect(h.calls).toEqual([expect.objectContaining({ operation: 'searchOrders', retries: 1, errorKind: null, httpStatus: 200 })]);
      expect(h.problems).toEqual([]);
    });

    it(`${fault}: a persistent fault gives up after the cap with a '${kind}' error`, async () => {
      h = await simulatorWithClient({ timeScale: 1000 }, { maxAttempts: 3, timeouts: { responseMs: 300, idleMs: 300, deadlineMs: 1000 } });
      h.sim.faults.script('getOrder', [fault, fault, fault]);
      const [order] = h.sim.store.searchOrders({ createdAfter: new Date('2026-11-19T00:00:00Z') });
      const err = await h.api.getOrder(order!.orderId).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SpApiError);
      expect((err as SpApiError).kind).toBe(kind);
      expect((err as SpApiError).attempts).toBe(3);
      expect(h.calls).toEqual([expect.objectContaining({ operation: 'getOrder', retries: 2, errorKind: kind })]);
      expect(h.sim.faults.pendingScripted()).toBe(0);
    });
  }

  it('slow answers within the timeout are simply waited for', async () => {
    h = await simulatorWithClient();
    h.sim.faults.setRates('getMarketplaceParticipations', { slowMs: 300 });
    const started = Date.now();
    const res = await h.api.getMarketplaceParticipations();
    expect(res.payload.length).toBe(9);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(h.calls[0]).toMatchObject({ retries: 0, errorKind: null });
  });

  it('a random mix of faults on every call still returns exactly the right data', async () => {
    h = await simulatorWithClient({ timeScale: 1000 }, { maxAttempts: 12, timeouts: { responseMs: 300, idleMs: 300, deadlineMs: 1000 } });
    h.sim.faults.setRates('getOrder', { serverErrorRate: 0.1, throttleRate: 0.1, resetRate: 0.05, malformedRate: 0.05, truncatedRate: 0.05, missingFieldRate: 0.05, timeoutRate: 0.02 });
    const ids = h.sim.store.searchOrders({ createdAfter: new Date('2026-11-19T00:00:00Z') }).slice(0, 25).map((o) => o.orderId);
    const got = [];
    for (const id of ids) got.push((await h.api.getOrder(id)).order.orderId);
    expect(got).toEqual(ids);
    expect(h.sim.stats.faults).toBeGreaterThan(0);
    expect(h.problems).toEqual([]);
  });
});
