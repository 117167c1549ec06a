import type { Queryable } from '../../db/connection';
import type { FxRate, MoneyLineKind } from '../../../shared/domain/finance';
import type { GroupRow, TransactionLine, TransactionRow } from './transaction-mapping';

const CHUNK = 200;

/**
 * Upserts transactions by (store, Amazon id) and replaces their lines: a re-import or a deferred transaction that was
 * released since changes the row in place and never adds a second one. Returns how many were new.
 */
export async function upsertTransactions(db: Queryable, txs: { row: TransactionRow; lines: TransactionLine[] }[]): Promise<number> {
  let added = 0;
  for (const { row, lines } of txs) {
    const existing = await db('finance_transactions').where({ store_id: row.store_id, transaction_id: row.transaction_id }).first<{ id: number } | undefined>('id');
    let id: number;
    if (existing) {
      id = existing.id;
      const { imported_at: _kept, ...changes } = row;
      await db('finance_transactions').where({ id }).update(changes);
      await db('finance_transaction_lines').where({ transaction_row_id: id }).delete();
    } else {
      const [inserted] = await db('finance_transactions').insert(row, ['id']);
      id = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
      added += 1;
    }
    for (let i = 0; i < lines.length; i += CHUNK) {
      await db('finance_transaction_lines').insert(lines.slice(i, i + CHUNK).map((l) => ({ ...l, transaction_row_id: id })));
    }
  }
  return added;
}

export async function upsertGroups(db: Queryable, groups: GroupRow[]): Promise<void> {
  for (let i = 0; i < groups.length; i += CHUNK) {
    await db('finance_groups').insert(groups.slice(i, i + CHUNK)).onConflict(['store_id', 'group_id']).merge();
  }
}

export interface MoneyLineRow {
  transaction_row_id: number;
  store_id: number;
  transaction_id: string;
  type: string;
  posted_date: string;
  marketplace_id: string | null;
  order_id: string | null;
  group_id: string | null;
  kind: MoneyLineKind;
  amount_minor: number;
  currency: string;
  seller_sku: string | null;
  quantity: number | null;
}

const lineColumns = [
  'l.transaction_row_id',
  't.store_id',
  't.transaction_id',
  't.type',
  't.posted_date',
  't.marketplace_id',
  't.order_id',
  't.group_id',
  'l.kind',
  'l.amount_minor',
  'l.currency',
  'l.seller_sku',
  'l.quantity',
];

/** Lines posted in [fromIso, toIso), optionally for one store. */
export async function linesPosted(db: Queryable, q: { fromIso: string; toIso: string; storeId?: number | undefined }): Promise<MoneyLineRow[]> {
  const query = db('finance_transaction_lines as l')
    .join('finance_transactions as t', 't.id', 'l.transaction_row_id')
    .where('t.posted_date', '>=', q.fromIso)
    .andWhere('t.posted_date', '<', q.toIso)
    .select(lineColumns)
    .orderBy([{ column: 't.posted_date' }, { column: 'l.transaction_row_id' }, { column: 'l.line_no' }]);
  if (q.storeId !== undefined) void query.andWhere('t.store_id', q.storeId);
  return query;
}

export async function linesOfOrder(db: Queryable, orderId: string): Promise<MoneyLineRow[]> {
  return db('finance_transaction_lines as l')
    .join('finance_transactions as t', 't.id', 'l.transaction_row_id')
    .where('t.order_id', orderId)
    .select(lineColumns)
    .orderBy([{ column: 't.posted_date' }, { column: 'l.transaction_row_id' }, { column: 'l.line_no' }]);
}

export async function transactionsOfOrder(db: Queryable, orderId: string): Promise<TransactionRow[]> {
  return db<TransactionRow>('finance_transactions').where({ order_id: orderId }).orderBy('posted_date');
}

/** The first posted date of each order's shipment money: when Amazon saw the goods leave (the COGS date). */
export async function shipmentDates(db: Queryable, orderIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < orderIds.length; i += CHUNK) {
    const rows = await db('finance_transactions')
      .whereIn('order_id', orderIds.slice(i, i + CHUNK))
      .andWhereRaw('lower(type) like ?', ['%shipment%'])
      .groupBy('order_id')
      .select<{ order_id: string; at: string }[]>('order_id', db.raw('min(posted_date) as at'));
    for (const r of rows) out.set(r.order_id, r.at);
  }
  return out;
}

export async function listGroups(db: Queryable, q: { storeId?: number | undefined; fromIso?: string | undefined; toIso?: string | undefined }): Promise<GroupRow[]> {
  const query = db<GroupRow>('finance_groups').orderBy([{ column: 'started_at', order: 'desc' }, { column: 'group_id' }]);
  if (q.storeId !== undefined) void query.where('store_id', q.storeId);
  if (q.fromIso) void query.andWhere('started_at', '>=', q.fromIso);
  if (q.toIso) void query.andWhere('started_at', '<', q.toIso);
  return query;
}

/** Per (store, group): Σ of its transactions, their count, and Σ of its reserve lines. */
export async function groupSums(db: Queryable): Promise<Map<string, { total: number; count: number; reserve: number }>> {
  const totals = await db('finance_transactions')
    .whereNotNull('group_id')
    .groupBy('store_id', 'group_id')
    .select<{ store_id: number; group_id: string; total: number; n: number }[]>('store_id', 'group_id', db.raw('sum(total_minor) as total'), db.raw('count(*) as n'));
  const reserves = await db('finance_transaction_lines as l')
    .join('finance_transactions as t', 't.id', 'l.transaction_row_id')
    .whereNotNull('t.group_id')
    .andWhere('l.kind', 'reserve')
    .groupBy('t.store_id', 't.group_id')
    .select<{ store_id: number; group_id: string; reserve: number }[]>('t.store_id', 't.group_id', db.raw('sum(l.amount_minor) as reserve'));
  const out = new Map<string, { total: number; count: number; reserve: number }>();
  for (const t of totals) out.set(`${t.store_id}:${t.group_id}`, { total: Number(t.total), count: Number(t.n), reserve: 0 });
  for (const r of reserves) {
    const k = `${r.store_id}:${r.group_id}`;
    out.set(k, { ...(out.get(k) ?? { total: 0, count: 0 }), reserve: Number(r.reserve) });
  }
  return out;
}

export async function putFxRates(db: Queryable, base: string, rates: FxRate[], source: 'manual' | 'csv', now: string): Promise<void> {
  const rows = rates.map((r) => ({ rate_date: r.date, currency: r.currency, base_currency: base, rate: r.rate, source, updated_at: now }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db('fx_rates').insert(rows.slice(i, i + CHUNK)).onConflict(['base_currency', 'currency', 'rate_date']).merge(['rate', 'source', 'updated_at']);
  }
}

export async function listFxRates(db: Queryable, base: string, q: { currency?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<FxRate[]> {
  const query = db('fx_rates').where({ base_currency: base }).orderBy([{ column: 'rate_date', order: 'desc' }, { column: 'currency' }]);
  if (q.currency) void query.andWhere('currency', q.currency);
  if (q.from) void query.andWhere('rate_date', '>=', q.from);
  if (q.to) void query.andWhere('rate_date', '<=', q.to);
  const rows = await query.select<{ rate_date: string; currency: string; rate: string }[]>('rate_date', 'currency', 'rate');
  return rows.map((r) => ({ date: r.rate_date, currency: r.currency, rate: r.rate }));
}
