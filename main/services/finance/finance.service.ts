import type { Db } from '../../db/connection';
import type { Clock } from '../../clock';
import type { AuditFn } from '../audit.service';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import { localeSchema } from '../../../shared/domain/locale';
import { AppError } from '../../../shared/ipc/errors';
import {
  financeSettingsSchema,
  moneyLineKinds,
  type FinanceSettings,
  type FxRate,
  type MoneyLineKind,
  type OrderMoney,
  type Payout,
  type ProfitQuery,
  type ProfitRow,
} from '../../../shared/domain/finance';
import { groupSums, linesOfOrder, listFxRates, listGroups, putFxRates, transactionsOfOrder } from './finance.repo';
import { FxTable, parseFxCsv } from './fx';
import { aggregateProfit } from './profit';
import { loadProfitFacts } from './profit-facts';

const BASE_KEY = 'finance.baseCurrency';
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export interface FinanceDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
}

/** Amazon's money per order and per settlement, profit in the user's base currency, and the FX rates it needs. */
export function createFinanceService(deps: FinanceDeps) {
  const { db, clock, audit } = deps;

  /** Until the user picks one: CNY for a Chinese UI (the default language), USD for an English one. */
  async function settings(): Promise<FinanceSettings> {
    const stored = financeSettingsSchema.shape.baseCurrency.safeParse(await getSetting(db, BASE_KEY));
    if (stored.success) return { baseCurrency: stored.data };
    const locale = localeSchema.safeParse(await getSetting(db, 'ui.locale'));
    return { baseCurrency: locale.success && locale.data === 'en' ? 'USD' : 'CNY' };
  }

  async function updateSettings(next: { baseCurrency?: string | undefined }): Promise<FinanceSettings> {
    const before = await settings();
    if (next.baseCurrency === undefined || next.baseCurrency === before.baseCurrency) return before;
    await db.transaction(async (trx) => {
      await putSetting(trx, BASE_KEY, next.baseCurrency, clock.now().toISOString());
      await audit(trx, { action: 'settings.update', entity: 'setting', entityId: BASE_KEY, detail: { from: before.baseCurrency, to: next.baseCurrency } });
    });
    return { baseCurrency: next.baseCurrency };
  }

  async function fxRates(q: { currency?: string | undefined; from?: string | undefined; to?: string | undefined }) {
    const { baseCurrency } = await settings();
    return { baseCurrency, rates: await listFxRates(db, baseCurrency, q) };
  }

  /** Rates to the current base currency; a CSV is checked whole before anything is saved. */
  async function setFxRates(input: { rates: FxRate[] } | { csv: string }): Promise<{ saved: number }> {
    const rates = 'csv' in input ? parseFxCsv(input.csv) : input.rates;
    const { baseCurrency } = await settings();
    if (rates.some((r) => r.currency === baseCurrency)) throw new AppError('invalid-input', { field: 'currency', reason: 'fx-base-currency' });
    const source = 'csv' in input ? 'csv' : 'manual';
    await db.transaction(async (trx) => {
      await putFxRates(trx, baseCurrency, rates, source, clock.now().toISOString());
      await audit(trx, { action: 'finance.fx-rates', entity: 'fx-rates', entityId: baseCurrency, detail: { count: rates.length, source } });
    });
    return { saved: rates.length };
  }

  async function profit(q: ProfitQuery): Promise<{ baseCurrency: string; rows: ProfitRow[] }> {
    const { baseCurrency } = await settings();
    const fx = new FxTable(baseCurrency, await listFxRates(db, baseCurrency, {}));
    const facts = await loadProfitFacts(db, q);
    return { baseCurrency, rows: aggregateProfit(facts, q.groupBy, fx) };
  }

  /**
   * Expected comes from the order's own prices (Σ unit price × units shipped, or ordered and not cancelled); Amazon
   * sends no other figure up front, so the other kinds show what was settled and no expectation.
   */
  async function orderMoney(orderId: string): Promise<OrderMoney> {
    const order = await db('orders').where({ id: orderId }).first<{ store_id: number; marketplace_id: string; currency: string | null } | undefined>('store_id', 'marketplace_id', 'currency');
    const txs = await transactionsOfOrder(db, orderId);
    if (!order && txs.length === 0) throw new AppError('not-found', { entity: 'order', id: orderId });
    const items = await db('order_items')
      .where({ order_id: orderId })
      .select<{ unit_price_minor: number | null; quantity_ordered: number; quantity_shipped: number; quantity_cancelled: number }[]>('unit_price_minor', 'quantity_ordered', 'quantity_shipped', 'quantity_cancelled');
    const lines = await linesOfOrder(db, orderId);

    const settled = new Map<MoneyLineKind, number>();
    for (const l of lines) settled.set(l.kind, (settled.get(l.kind) ?? 0) + l.amount_minor);
    const priced = items.length > 0 && items.every((i) => i.unit_price_minor !== null);
    const expectedPrincipal = priced
      ? items.reduce((s, i) => s + Number(i.unit_price_minor) * (i.quantity_shipped > 0 ? i.quantity_shipped : Math.max(0, i.quantity_ordered - i.quantity_cancelled)), 0)
      : null;

    const kinds = moneyLineKinds.filter((k) => settled.has(k) || (k === 'principal' && expectedPrincipal !== null));
    return {
      orderId,
      storeId: order?.store_id ?? txs[0]?.store_id ?? null,
      marketplaceId: order?.marketplace_id ?? txs[0]?.marketplace_id ?? null,
      currency: order?.currency ?? txs[0]?.currency ?? null,
      lines: kinds.map((kind) => {
        const s = settled.get(kind) ?? 0;
        const expected = kind === 'principal' ? expectedPrincipal : null;
        return { kind, expectedMinor: expected, settledMinor: s, differenceMinor: expected === null ? null : s - expected };
      }),
      settledNetMinor: txs.reduce((s, t) => s + Number(t.total_minor), 0),
      transactions: txs.map((t) => ({ transactionId: t.transaction_id, type: t.type, postedDate: t.posted_date, totalMinor: Number(t.total_minor), currency: t.currency, groupId: t.group_id, status: t.status })),
    };
  }

  async function payouts(q: { storeId?: number | undefined; from?: string | undefined; to?: string | undefined }): Promise<{ rows: Payout[] }> {
    const groups = await listGroups(db, { storeId: q.storeId, fromIso: q.from ? `${q.from}T00:00:00.000Z` : undefined, toIso: q.to ? nextDay(q.to) : undefined });
    const sums = await groupSums(db);
    return {
      rows: groups.map((g) => {
        const s = sums.get(`${g.store_id}:${g.group_id}`) ?? { total: 0, count: 0, reserve: 0 };
        return {
          storeId: g.store_id,
          groupId: g.group_id,
          processingStatus: g.processing_status,
          fundTransferStatus: g.fund_transfer_status,
          fundTransferDate: g.fund_transfer_date,
          startedAt: g.started_at,
          endedAt: g.ended_at,
          currency: g.currency,
          openingMinor: g.opening_minor === null ? null : Number(g.opening_minor),
          totalMinor: g.total_minor === null ? null : Number(g.total_minor),
          transactionsMinor: s.total,
          transactionCount: s.count,
          reserveMinor: s.reserve,
        };
      }),
    };
  }

  return { settings, updateSettings, fxRates, setFxRates, profit, orderMoney, payouts };
}

export type FinanceService = ReturnType<typeof createFinanceService>;
