import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiError } from '../../main/spapi/errors';
import { operations, type OperationName } from '../../main/spapi/operations';
import { simulatorWithClient } from '../support/simulator-harness';
import { ModelValidator, type SandboxExample } from '../support/sp-api-models';

/** Every JSON path of a value with its type; array elements collapse to `[]`. */
function shape(v: unknown, p = '$', out = new Map<string, string>()): Map<string, string> {
  out.set(p, Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (Array.isArray(v)) v.forEach((x) => shape(x, `${p}[]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) shape(x, `${p}.${k}`, out);
  return out;
}

/**
 * "Same shape" as Amazon's canned example: no path both have differs in type, the top-level keys of the example's
 * objects are there, and most of the example's structure is present (the rest is data this order doesn't have,
 * like a seller alias or a tax registration).
 */
function compareShapes(ours: unknown, example: unknown, depth: number) {
  const a = shape(ours);
  const b = shape(example);
  const typeMismatches = [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k)} vs ${b.get(k)}`);
  const shallow = [...b.keys()].filter((k) => k.split(/\.|\[\]/).filter(Boolean).length <= depth);
  const missingShallow = shallow.filter((k) => !a.has(k));
  const coverage = [...b.keys()].filter((k) => a.has(k)).length / b.size;
  return { typeMismatches, missingShallow, coverage };
}

const validator = new ModelValidator();
const examples = (op: OperationName, status: number): SandboxExample[] => {
  const def = operations[op];
  return validator.sandboxExamples(validator.operation(def.model, def.operation)).filter((e) => e.status === status).map((e) => e.example);
};
const param = (e: SandboxExample, name: string) => e.request?.parameters?.[name]?.value;

let h: Awaited<ReturnType<typeof simulatorWithClient>>;
beforeAll(async () => {
  h = await simulatorWithClient({ timeScale: 50 });
});
afterAll(() => h.close());

describe("simulator answers match the shape of Amazon's sandbox examples", () => {
  it('searchOrders', async () => {
    const cases = examples('searchOrders', 200).filter((e) => h.sim.marketplaceIds.includes((param(e, 'marketplaceIds') as string[])[0] ?? ''));
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const e of cases) {
      const res = await h.api.searchOrders({
        createdAfter: '2026-11-10T00:00:00Z',
        marketplaceIds: param(e, 'marketplaceIds') as string[],
        includedData: param(e, 'includedData') as never,
        maxResultsPerPage: 10,
      });
      expect(res.orders.length).toBeGreaterThan(0);
      // The example's first order against the most similar of ours: same marketplace, and an FBM one when it has packages.
      const exampleOrder = (e.response as { orders: Record<string, unknown>[] }).orders[0]!;
      const ours = res.orders.find((o) => (exampleOrder.packages ? o.packages : true)) ?? res.orders[0];
      const cmp = compareShapes({ orders: [ours] }, { orders: [exampleOrder] }, 3);
      expect(cmp.typeMismatches).toEqual([]);
      expect(cmp.missingShallow.filter((k) => !/orderAliases|associatedOrders|programs/.test(k))).toEqual([]);
      expect(cmp.coverage).toBeGreaterThan(0.6);
    }
  });

  it('getOrder', async () => {
    for (const e of examples('getOrder', 200)) {
      const included = param(e, 'includedData') as string[];
      const [candidate] = h.sim.store.searchOrders({ createdAfter: new Date('2026-11-01T00:00:00Z'), fulfilledBy: ['MERCHANT'], fulfillmentStatuses: ['SHIPPED'] });
      const res = await h.api.getOrder(candidate!.orderId, included as never);
      const cmp = compareShapes(res, e.response, 3);
      expect(cmp.typeMismatches).toEqual([]);
      expect(cmp.missingShallow.filter((k) => !/orderAliases|associatedOrders|programs|\.tax\b|labelPrintingWindow/.test(k))).toEqual([]);
      expect(cmp.coverage).toBeGreaterThan(0.6);
    }
  });

  it('getMarketplaceParticipations', async () => {
    const [e] = examples('getMarketplaceParticipations', 200);
    const res = await h.api.getMarketplaceParticipations();
    const cmp = compareShapes(res, e!.response, 4);
    expect(cmp).toEqual({ typeMismatches: [], missingShallow: [], coverage: 1 });
  });

  it('confirmShipment answers 204 with no body for the example request, and 400 with Amazon errors for a bad one', async () => {
    const [e] = examples('confirmShipment', 204);
    const body = param(e!, 'body') as { marketplaceId: string; packageDetail: Record<string, unknown> };
    const [order] = h.sim.store.searchOrders({ createdAfter: new Date('2026-11-01T00:00:00Z'), fulfilledBy: ['MERCHANT'], fulfillmentStatuses: ['UNSHIPPED'], marketplaceIds: [body.marketplaceId] });
    const items = order!.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered }));
    const shipDate = new Date(h.sim.clock.nowMs() - 3600_000).toISOString();
    await expect(h.api.confirmShipment(order!.orderId, { marketplaceId: body.marketplaceId, packageDetail: { ...body.packageDetail, shipDate, orderItems: items } as never })).resolves.toBeUndefined();
    const refused = await h.api.confirmShipment(order!.orderId, { marketplaceId: body.marketplaceId, packageDetail: { ...body.packageDetail, packageReferenceId: 'other', shipDate, orderItems: items } as never }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SpApiError);
    expect((refused as SpApiError).kind).toBe('invalid-input');
    const example400 = examples('confirmShipment', 400)[0]!.response;
    const last = h.exchanges.at(-1)!;
    expect(compareShapes(last.responseBody, example400, 3).typeMismatches).toEqual([]);
    expect(Object.keys(last.responseBody as object)).toEqual(Object.keys(example400 as object));
  });

  it('the 400 examples: a malformed date is refused with the same error shape', async () => {
    const err = await h.api.searchOrders({ createdAfter: 'TEST_CASE_400' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(SpApiError);
    expect((err as SpApiError).kind).toBe('invalid-input');
    const ex = examples('searchOrders', 400)[0]!.response;
    expect(compareShapes(h.exchanges.at(-1)!.responseBody, ex, 3)).toMatchObject({ typeMismatches: [], missingShallow: [] });
  });

  it('all of the above were valid against the models, except the deliberately malformed date', () => {
    expect(h.problems).toEqual(['searchOrders request: query /createdAfter must match format "date-time" {"format":"date-time"}']);
  });
});
