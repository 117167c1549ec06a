import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSimulator, type RunningSimulator } from '../../main/simulator/server';
import { tempCore } from '../support/temp-core';

/**
 * The finances job against the simulator: a seller's NA account (US only) whose simulator also sells in DE. The simulator
 * has 35 days of orders behind it; their money, settlements and reserves are imported through the real client.
 */
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const START = new Date('2026-11-20T08:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: RunningSimulator;
let core: Awaited<ReturnType<typeof tempCore>>;
let storeId: number;

async function watermark(): Promise<string> {
  const row = await core.db('sync_watermarks').where({ store_id: storeId, job: 'finances' }).first<{ watermark: string; cursor_json: string | null }>();
  expect(row.cursor_json).toBeNull();
  return row.watermark;
}

/** What the simulator posted for this store before `before`: US money and account-level money in dollars. */
function simulatorEvents(before: string) {
  return sim.workflows.finances.events().filter((e) => e.postedAt < Date.parse(before) && (e.marketplaceId ? e.marketplaceId === US : e.currency.code === 'USD'));
}

async function runFinances() {
  // Amazon lists nothing posted in the last two minutes: let two simulated minutes pass (600× → 0.2 s).
  await sleep(300);
  await core.scheduler.runNow({ storeId, job: 'finances' });
  const run = await core.db('sync_runs').where({ store_id: storeId, job: 'finances' }).orderBy('id', 'desc').first<{ outcome: string; error_message: string | null }>();
  expect(run, run?.error_message ?? '').toMatchObject({ outcome: 'ok' });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, timeScale: 600, start: START, ordersPerHour: 3, backfillDays: 35, marketplaceIds: [US, DE] });
  core = await tempCore({
    spapiEndpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    clock: sim.clock,
    sync: { autoStart: false, backfillDays: 35 },
    demo: { enabled: false, timeScale: 600 },
  });
  await core.start();
  const store = await core.amazonAccounts.connect({
    name: 'Shenzhen Gadgets NA',
    region: 'na',
    marketplaceIds: [US],
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    refreshToken: DEMO_ACCOUNT.refreshToken,
  });
  storeId = store.id;
  await core.scheduler.refresh();
  await core.scheduler.runNow({ storeId, job: 'orders' });
  await runFinances();
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await sim?.close();
});

describe('finances import against the simulator', () => {
  it('imports the simulated month: every transaction once, its lines adding up to its total, nothing of another region', async () => {
    const before = await watermark();
    const expected = simulatorEvents(before);
    expect(expected.length).toBeGreaterThan(300);
    const rows = await core.db('finance_transactions').where({ store_id: storeId }).select<{ id: number; total_minor: number; currency: string; marketplace_id: string | null }[]>('id', 'total_minor', 'currency', 'marketplace_id');
    expect(rows).toHaveLength(expected.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(rows.map((r) => Number(r.total_minor)))).toBe(sum(expected.map((e) => e.items.flatMap((i) => i.lines).reduce((n, l) => n + l.minor, 0))));
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
    expect(rows.some((r) => r.marketplace_id === DE)).toBe(false);

    const unbalanced = await core.db('finance_transactions as t')
      .join('finance_transaction_lines as l', 'l.transaction_row_id', 't.id')
      .groupBy('t.id', 't.total_minor')
      .havingRaw('sum(l.amount_minor) <> t.total_minor')
      .select('t.id');
    expect(unbalanced).toEqual([]);
    // Every line of the simulator's money has a kind of its own: principal, fees, withheld tax, storage, reserve…
    const kinds = await core.db('finance_transaction_lines').distinct('kind').pluck<string[]>('kind');
    expect(kinds).toEqual(expect.arrayContaining(['principal', 'referral-fee', 'fba-fee', 'reserve']));
    // …and what has none is gift wrap, a charge Amazon names but the kinds do not.
    const other = await core.db('finance_transaction_lines').where({ kind: 'other' }).distinct('breakdown_path').pluck<string[]>('breakdown_path');
    expect(other.every((p) => p.endsWith('/GiftWrap'))).toBe(true);
  });

  it('re-imports without adding anything: a full re-read finds every transaction by its id', async () => {
    const firstIds = await core.db('finance_transactions').where({ store_id: storeId }).orderBy('id').select('id', 'transaction_id');
    await core.db('sync_watermarks').where({ store_id: storeId, job: 'finances' }).delete();
    await runFinances();
    const before = await watermark();
    const rows = await core.db('finance_transactions').where({ store_id: storeId }).orderBy('id').select('id', 'transaction_id');
    expect(rows).toHaveLength(simulatorEvents(before).length);
    // Money already imported keeps its row; only what posted since is new.
    expect(rows.slice(0, firstIds.length)).toEqual(firstIds);
  });

  it("settles each shipped order's principal at its item prices", async () => {
    const before = await watermark();
    const orders = await core.db('orders as o')
      .where({ 'o.store_id': storeId, 'o.status': 'SHIPPED' })
      .andWhere('o.last_updated_time', '<', new Date(Date.parse(before) - 3600_000).toISOString())
      .whereExists(core.db('finance_transactions as t').whereRaw('t.order_id = o.id').andWhere('t.type', 'Shipment'))
      .pluck<string[]>('o.id');
    expect(orders.length).toBeGreaterThan(50);
    for (const id of orders) {
      const money = await core.finance.orderMoney(id);
      const principal = money.lines.find((l) => l.kind === 'principal');
      expect(principal, id).toMatchObject({ differenceMinor: 0 });
      expect(principal?.settledMinor, id).toBeGreaterThan(0);
    }
  });

  it('a refund without a return appears on its order at the next run', async () => {
    const [orderId] = await core.db('orders as o')
      .where({ 'o.store_id': storeId, 'o.status': 'SHIPPED' })
      .whereExists(core.db('finance_transactions as t').whereRaw('t.order_id = o.id').andWhere('t.type', 'Shipment'))
      .whereNotExists(core.db('finance_transactions as t').whereRaw('t.order_id = o.id').andWhere('t.type', 'Refund'))
      .orderBy('o.created_time')
      .pluck<string[]>('o.id');
    expect(orderId).toBeDefined();
    const before = await core.finance.orderMoney(orderId!);
    sim.workflows.finances.refundWithoutReturn(orderId!);
    await runFinances();
    const after = await core.finance.orderMoney(orderId!);
    const kind = (m: typeof after, k: string) => m.lines.find((l) => l.kind === k)?.settledMinor ?? 0;
    expect(after.transactions.map((t) => t.type)).toEqual([...before.transactions.map((t) => t.type), 'Refund']);
    // The buyer gets back the items less their promotion (shipping stays paid); Amazon returns its fee less a refund fee.
    expect(kind(after, 'refund-principal')).toBe(-(kind(before, 'principal') + kind(before, 'promotion')));
    expect(kind(after, 'refund-fee')).toBeGreaterThan(0);
    expect(kind(after, 'refund-fee')).toBeLessThan(-kind(before, 'referral-fee'));
  });

  it('shows payouts per settlement group: opening + its transactions = Amazon’s total, with the reserve held back', async () => {
    const { rows } = await core.finance.payouts({ storeId });
    const sim$ = sim.workflows.finances.totals().find((t) => t.currency === 'USD')!;
    const closed = rows.filter((r) => r.processingStatus === 'Closed');
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
    for (const r of closed) {
      const g = sim$.groups.find((x) => x.groupId === r.groupId)!;
      expect(r, r.groupId).toMatchObject({ openingMinor: g.beginningMinor, totalMinor: g.totalMinor, reserveMinor: -g.reserveMinor, transactionCount: g.eventCount });
      expect((r.openingMinor ?? 0) + r.transactionsMinor, r.groupId).toBe(r.totalMinor);
      expect(r.fundTransferDate).not.toBeNull();
    }
    expect(closed.some((r) => r.reserveMinor < 0)).toBe(true);
  });
});
