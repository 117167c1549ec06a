import { createHash } from 'node:crypto';
import type { CurrencyInfo } from '../../store/money';
import { DAY, SECOND } from '../../store/sim-time';
import { eventTotal, type FinanceEvent } from './model';

/**
 * Settlement periods (Finances v0 financial event groups): every 14 days per currency, the seller's account is settled
 * and paid out. At the close Amazon holds back a reserve (a share of the period's sales, for refunds still to come) and
 * releases it as the next period's opening balance.
 */

export const PERIOD_MS = 14 * DAY;
/** Periods start on Thursdays 00:00 UTC, counted from this one. */
const ANCHOR = Date.UTC(2024, 0, 4);
export const RESERVE_SHARE = 0.1;
/** Amazon initiates the transfer on closing; it reaches the bank a day later. */
const TRANSFER_AFTER_MS = DAY;

export interface SettlementGroup {
  groupId: string;
  /** The settlement report's settlement-id. */
  settlementId: string;
  currency: CurrencyInfo;
  start: number;
  end: number;
  open: boolean;
  /** The previous period's reserve, released into this one. */
  beginningMinor: number;
  /** What this period holds back at its close (0 while open). */
  reserveMinor: number;
  /** Beginning balance plus every event of the period (the reserve event included): the payout. */
  totalMinor: number;
  fundTransferAt?: number;
  events: FinanceEvent[];
}

export const periodOf = (t: number) => Math.floor((t - ANCHOR) / PERIOD_MS);
const periodStart = (p: number) => ANCHOR + p * PERIOD_MS;

/** Groups of every currency from its first posted event up to the period `now` falls in, oldest first. */
export function buildGroups(events: readonly FinanceEvent[], now: number, seed: number): SettlementGroup[] {
  const byCurrency = new Map<string, { currency: CurrencyInfo; events: FinanceEvent[] }>();
  for (const e of events) {
    if (e.postedAt > now) continue;
    const entry = byCurrency.get(e.currency.code) ?? { currency: e.currency, events: [] };
    entry.events.push(e);
    byCurrency.set(e.currency.code, entry);
  }
  const groups: SettlementGroup[] = [];
  const current = periodOf(now);
  for (const [code, { currency, events: list }] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const byPeriod = new Map<number, FinanceEvent[]>();
    for (const e of list) byPeriod.set(periodOf(e.postedAt), [...(byPeriod.get(periodOf(e.postedAt)) ?? []), e]);
    const first = Math.min(...byPeriod.keys());
    let carried = 0;
    for (let p = first; p <= current; p++) {
      const start = periodStart(p);
      const end = periodStart(p + 1);
      const open = end > now;
      const own = byPeriod.get(p) ?? [];
      const sales = own.filter((e) => e.kind === 'Shipment').reduce((n, e) => n + eventTotal(e), 0);
      const reserveMinor = open ? 0 : Math.max(0, Math.round(sales * RESERVE_SHARE));
      const periodEvents = [...own];
      if (reserveMinor > 0) periodEvents.push(reserveEvent(code, currency, p, end - SECOND, reserveMinor));
      const totalMinor = carried + periodEvents.reduce((n, e) => n + eventTotal(e), 0);
      groups.push({
        groupId: groupId(seed, code, p),
        settlementId: String(20_000_000_000 + (hashNumber(seed, code, p) % 9_000_000_000)),
        currency,
        start,
        end,
        open,
        beginningMinor: carried,
        reserveMinor,
        totalMinor,
        ...(open ? {} : { fundTransferAt: end + TRANSFER_AFTER_MS }),
        events: periodEvents,
      });
      carried = reserveMinor;
    }
  }
  return groups;
}

function reserveEvent(code: string, currency: CurrencyInfo, period: number, postedAt: number, minor: number): FinanceEvent {
  return {
    id: `reserve:${code}:${period}`,
    kind: 'Reserve',
    postedAt,
    currency,
    description: 'Current Reserve Amount',
    reason: 'Reserve held back at settlement close',
    items: [{ quantity: 1, lines: [{ kind: 'other', type: 'ReserveEvent', minor: -minor }] }],
  };
}

/** Amazon's group ids are 43 base64url characters. */
function groupId(seed: number, code: string, period: number): string {
  return createHash('sha256').update(`group|${seed}|${code}|${period}`).digest('base64url').slice(0, 43);
}

function hashNumber(seed: number, code: string, period: number): number {
  return createHash('sha256').update(`settlement|${seed}|${code}|${period}`).digest().readUInt32BE(0) * 3;
}

export function transactionId(seed: number, eventId: string): string {
  return createHash('sha256').update(`transaction|${seed}|${eventId}`).digest('base64url').slice(0, 43);
}
