import type { OperationName } from '../../../spapi/operations';
import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../../http-types';
import { MARKETPLACE_INFO } from '../../marketplace-info';
import { QueryReader } from '../../routes/query-params';
import type { SimClock } from '../../sim-clock';
import type { SimStore } from '../../store';
import { MINUTE } from '../../store/sim-time';
import type { InboundService } from '../inbound/service';
import { buildGroups, transactionId, type SettlementGroup } from './groups';
import { FinanceLedger } from './ledger';
import { eventTotal, type FinanceEvent } from './model';
import { settlementReports, type SettlementReport } from './settlement';
import { transaction, v0Events, v0Group, v0Size } from './views';

type Handler = (ctx: RouteContext) => SimResponse;

/** Amazon answers only for events older than two minutes: later ones may still change. */
const SETTLED_AFTER_MS = 2 * MINUTE;
const TRANSACTIONS_PER_PAGE = 100;

export interface FinanceTotals {
  currency: string;
  /** Sum of every posted event of the currency, the reserve included. */
  postedMinor: number;
  groups: { groupId: string; start: string; end: string; open: boolean; beginningMinor: number; reserveMinor: number; totalMinor: number; eventCount: number }[];
}

/**
 * Finances v0 and 2024-06-19 over the simulator's ledger, plus the settlement reports Amazon generates when a period
 * closes. Test hooks: `refundWithoutReturn(orderId)`, `events()`, `groups()`, `totals()`.
 */
export class FinancesService {
  readonly routes: Partial<Record<OperationName, Handler>>;
  readonly ledger: FinanceLedger;

  constructor(private readonly deps: { store: SimStore; clock: SimClock; inbound: InboundService; seed: number; marketplaceIds: readonly string[] }) {
    this.ledger = new FinanceLedger({ store: deps.store, inbound: deps.inbound, seed: deps.seed });
    this.routes = {
      listTransactions: this.listTransactions,
      listFinancialEvents: this.listFinancialEvents,
      listFinancialEventsByOrderId: this.listFinancialEventsByOrderId,
      listFinancialEventGroups: this.listFinancialEventGroups,
      listFinancialEventsByGroupId: this.listFinancialEventsByGroupId,
    };
  }

  // ---------------------------------------------------------------- test hooks

  /** Refunds every shipped unit of the order now, with no return behind it. Throws RangeError when it cannot. */
  refundWithoutReturn(orderId: string): FinanceEvent {
    this.deps.store.advanceTo(this.deps.clock.now());
    return this.ledger.refundWithoutReturn(orderId, this.deps.store.now().getTime());
  }

  /** Posted events (reserve events included), oldest first. */
  events(): FinanceEvent[] {
    const now = this.now();
    const groups = this.groupsAt(now);
    return groups.flatMap((g) => g.events).sort((a, b) => a.postedAt - b.postedAt || (a.id < b.id ? -1 : 1));
  }

  groups(): SettlementGroup[] {
    return this.groupsAt(this.now());
  }

  /** What a client that imported everything should have, per currency, to the minor unit. */
  totals(): FinanceTotals[] {
    const byCurrency = new Map<string, FinanceTotals>();
    for (const g of this.groups()) {
      const t = byCurrency.get(g.currency.code) ?? { currency: g.currency.code, postedMinor: 0, groups: [] };
      t.postedMinor += g.events.reduce((n, e) => n + eventTotal(e), 0);
      t.groups.push({
        groupId: g.groupId, start: new Date(g.start).toISOString(), end: new Date(g.end).toISOString(), open: g.open,
        beginningMinor: g.beginningMinor, reserveMinor: g.reserveMinor, totalMinor: g.totalMinor, eventCount: g.events.length,
      });
      byCurrency.set(g.currency.code, t);
    }
    return [...byCurrency.values()];
  }

  /** Settlement reports of closed periods, for the Reports API (getReports / getReport / getReportDocument). */
  settlementReports(sellerId: string): SettlementReport[] {
    return settlementReports(this.groups(), { seed: this.deps.seed, sellerId, marketplaceIds: this.deps.marketplaceIds, now: this.now() });
  }

  private now(): number {
    this.deps.store.advanceTo(this.deps.clock.now());
    this.ledger.sync();
    return this.deps.store.now().getTime();
  }

  private groupsAt(now: number): SettlementGroup[] {
    return buildGroups(this.ledger.all(), now, this.deps.seed);
  }

  /**
   * What one regional endpoint answers: the settlements in its marketplaces' currencies (a seller's NA money is not on
   * the EU endpoint). Requests without a region (the test hooks) see everything.
   */
  private regionalGroups(ctx: RouteContext, now: number): SettlementGroup[] {
    const all = this.groupsAt(now);
    if (!ctx.region) return all;
    const currencies = new Set(Object.values(MARKETPLACE_INFO).filter((m) => m.region === ctx.region).map((m) => m.currency));
    return all.filter((g) => currencies.has(g.currency.code));
  }

  // ---------------------------------------------------------------- 2024-06-19

  readonly listTransactions: Handler = (ctx) => {
    const now = this.now();
    const paged = this.page(ctx, 'nextToken', 'listTransactions');
    if ('error' in paged) return paged.error;
    const q = new QueryReader(ctx.query);
    const relatedName = q.string('relatedIdentifierName');
    const relatedValue = q.string('relatedIdentifierValue');
    const marketplaceId = q.string('marketplaceId');
    const status = q.string('transactionStatus');
    if (relatedName !== undefined && relatedName !== 'ORDER_ID' && relatedName !== 'FINANCIAL_EVENT_GROUP_ID') return invalidInput('relatedIdentifierName must be ORDER_ID or FINANCIAL_EVENT_GROUP_ID.');
    if ((relatedName === undefined) !== (relatedValue === undefined)) return invalidInput('relatedIdentifierName and relatedIdentifierValue must be given together.');
    if (status !== undefined && !['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'].includes(status)) return invalidInput(`Invalid transactionStatus ${status}.`);
    const window = this.window(ctx, q, now, 'postedAfter', 'postedBefore', relatedName === undefined);
    if ('error' in window) return window.error;
    if (marketplaceId !== undefined && !ctx.marketplaceIds.includes(marketplaceId)) return invalidInput(`Invalid marketplaceId ${marketplaceId}.`);

    const groups = this.regionalGroups(ctx, now);
    const groupOf = new Map<string, string>();
    for (const g of groups) for (const e of g.events) groupOf.set(e.id, g.groupId);
    let list = groups.flatMap((g) => g.events).filter((e) => e.postedAt >= window.after && e.postedAt < window.before);
    if (marketplaceId) list = list.filter((e) => e.marketplaceId === marketplaceId);
    if (status === 'DEFERRED') list = [];
    if (relatedName === 'ORDER_ID') list = list.filter((e) => e.orderId === relatedValue);
    if (relatedName === 'FINANCIAL_EVENT_GROUP_ID') list = list.filter((e) => groupOf.get(e.id) === relatedValue);
    list.sort((a, b) => a.postedAt - b.postedAt || (a.id < b.id ? -1 : 1));
    const offset = paged.offset;
    const slice = list.slice(offset, offset + TRANSACTIONS_PER_PAGE);
    const next = offset + TRANSACTIONS_PER_PAGE < list.length ? this.token(ctx, 'listTransactions', offset + TRANSACTIONS_PER_PAGE, window) : undefined;
    const transactions = slice.map((e) => {
      const groupId = groupOf.get(e.id);
      return transaction(e, { transactionId: transactionId(this.deps.seed, e.id), sellerId: ctx.seller.sellerId, ...(groupId ? { groupId } : {}) });
    });
    return { status: 200, body: { payload: { transactions, ...(next ? { nextToken: next } : {}) } } };
  };

  // ---------------------------------------------------------------- v0

  readonly listFinancialEvents: Handler = (ctx) => {
    const now = this.now();
    const q = new QueryReader(ctx.query);
    const paged = this.page(ctx, 'NextToken', 'listFinancialEvents');
    if ('error' in paged) return paged.error;
    const window = this.window(ctx, q, now, 'PostedAfter', 'PostedBefore', false);
    if ('error' in window) return window.error;
    const list = this.regionalGroups(ctx, now).flatMap((g) => g.events).filter((e) => e.postedAt >= window.after && e.postedAt < window.before);
    return this.v0Page(ctx, q, list, paged.offset, 'listFinancialEvents', window);
  };

  readonly listFinancialEventsByOrderId: Handler = (ctx) => {
    const now = this.now();
    const q = new QueryReader(ctx.query);
    const paged = this.page(ctx, 'NextToken', 'listFinancialEventsByOrderId');
    if ('error' in paged) return paged.error;
    const orderId = ctx.params.orderId ?? '';
    if (!/^\d{3}-\d{7}-\d{7}$/.test(orderId)) return invalidInput(`Invalid orderId ${orderId}.`);
    const list = this.ledger.forOrder(orderId).filter((e) => e.postedAt <= now - SETTLED_AFTER_MS);
    return this.v0Page(ctx, q, [...list].sort((a, b) => a.postedAt - b.postedAt), paged.offset, 'listFinancialEventsByOrderId', { after: 0, before: now });
  };

  readonly listFinancialEventsByGroupId: Handler = (ctx) => {
    const now = this.now();
    const q = new QueryReader(ctx.query);
    const paged = this.page(ctx, 'NextToken', 'listFinancialEventsByGroupId');
    if ('error' in paged) return paged.error;
    const group = this.regionalGroups(ctx, now).find((g) => g.groupId === ctx.params.eventGroupId);
    if (!group) return amazonError(404, 'NotFound', `Financial event group ${ctx.params.eventGroupId ?? ''} was not found.`);
    const window = this.window(ctx, q, now, 'PostedAfter', 'PostedBefore', false, group.start);
    if ('error' in window) return window.error;
    const list = group.events.filter((e) => e.postedAt >= window.after && e.postedAt < window.before);
    return this.v0Page(ctx, q, list, paged.offset, 'listFinancialEventsByGroupId', window);
  };

  readonly listFinancialEventGroups: Handler = (ctx) => {
    const now = this.now();
    const q = new QueryReader(ctx.query);
    const paged = this.page(ctx, 'NextToken', 'listFinancialEventGroups');
    if ('error' in paged) return paged.error;
    const size = q.int('MaxResultsPerPage', 1, 100) ?? 10;
    const after = paged.window?.after ?? q.date('FinancialEventGroupStartedAfter')?.getTime() ?? now - 90 * 24 * 3600_000;
    const before = paged.window?.before ?? q.date('FinancialEventGroupStartedBefore')?.getTime() ?? now;
    const bad = q.error();
    if (bad) return bad;
    if (after > now - SETTLED_AFTER_MS) return invalidInput('FinancialEventGroupStartedAfter must be more than two minutes before now.');
    if (before <= after) return invalidInput('FinancialEventGroupStartedBefore must be later than FinancialEventGroupStartedAfter.');
    const list = this.regionalGroups(ctx, now).filter((g) => g.start >= after && g.start < before);
    const slice = list.slice(paged.offset, paged.offset + size);
    const next = paged.offset + size < list.length ? this.token(ctx, 'listFinancialEventGroups', paged.offset + size, { after, before }) : undefined;
    return { status: 200, body: { payload: { FinancialEventGroupList: slice.map(v0Group), ...(next ? { NextToken: next } : {}) } } };
  };

  // ---------------------------------------------------------------- shared

  private v0Page(ctx: RouteContext, q: QueryReader, list: readonly FinanceEvent[], offset: number, op: string, window: { after: number; before: number }): SimResponse {
    const size = q.int('MaxResultsPerPage', 1, 100) ?? 100;
    const bad = q.error();
    if (bad) return bad;
    // A page holds whole events; MaxResultsPerPage counts the list entries they make.
    const page: FinanceEvent[] = [];
    let used = 0;
    let i = offset;
    while (i < list.length) {
      const e = list[i] as FinanceEvent;
      if (page.length > 0 && used + v0Size(e) > size) break;
      page.push(e);
      used += v0Size(e);
      i++;
    }
    const next = i < list.length ? this.token(ctx, op, i, window) : undefined;
    return { status: 200, body: { payload: { FinancialEvents: v0Events(page), ...(next ? { NextToken: next } : {}) } } };
  }

  /** postedAfter/postedBefore as Amazon checks them; a page token carries the window of the first call. */
  private window(ctx: RouteContext, q: QueryReader, now: number, afterName: string, beforeName: string, afterRequired: boolean, defaultAfter = 0): { after: number; before: number } | { error: SimResponse } {
    const token = this.decoded(ctx);
    if (token?.window) return token.window;
    const after = q.date(afterName);
    const before = q.date(beforeName);
    const bad = q.error();
    if (bad) return { error: bad };
    if (afterRequired && !after) return { error: invalidInput(`${afterName} is required when no related identifier is given.`) };
    const latest = now - SETTLED_AFTER_MS;
    if (after && after.getTime() > latest) return { error: invalidInput(`${afterName} must be more than two minutes before the time of the request.`) };
    if (before && before.getTime() > latest) return { error: invalidInput(`${beforeName} must be more than two minutes before the time of the request.`) };
    const a = after?.getTime() ?? defaultAfter;
    const b = before?.getTime() ?? latest;
    if (b <= a) return { error: invalidInput(`${beforeName} must be later than ${afterName}.`) };
    return { after: a, before: b };
  }

  private page(ctx: RouteContext, name: string, op: string): { offset: number; window?: { after: number; before: number } } | { error: SimResponse } {
    const raw = ctx.query.get(name);
    if (raw === null || raw === '') return { offset: 0 };
    const data = ctx.tokens.decode(raw);
    if (!data || data.op !== op || data.args !== argsKey(ctx, name) || typeof data.offset !== 'number') return { error: invalidInput(`Invalid ${name}.`) };
    const w = data.window as { after: number; before: number } | undefined;
    return { offset: data.offset, ...(w ? { window: w } : {}) };
  }

  private decoded(ctx: RouteContext): { window?: { after: number; before: number } } | null {
    const raw = ctx.query.get('nextToken') ?? ctx.query.get('NextToken');
    return raw ? (ctx.tokens.decode(raw) as { window?: { after: number; before: number } } | null) : null;
  }

  private token(ctx: RouteContext, op: string, offset: number, window: { after: number; before: number }): string {
    return ctx.tokens.encode({ op, offset, window, args: argsKey(ctx, op === 'listTransactions' ? 'nextToken' : 'NextToken') });
  }
}

/** The arguments a token was issued for, so that a token sent with different ones is refused as Amazon does. */
function argsKey(ctx: RouteContext, tokenName: string): string {
  const names = ['marketplaceId', 'transactionStatus', 'relatedIdentifierName', 'relatedIdentifierValue', 'MaxResultsPerPage'];
  return [tokenName, ...names.map((n) => `${n}=${ctx.query.get(n) ?? ''}`), ...Object.entries(ctx.params).map(([k, v]) => `${k}=${v}`)].join('&');
}
