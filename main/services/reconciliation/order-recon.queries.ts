import { cancellableStates, type WorkflowState } from '../../../shared/domain/fulfillment';
import type { Queryable } from '../../db/connection';

/** Amazon statuses in which an FBM order still waits for our confirmation. */
export const AMAZON_OPEN = ['UNSHIPPED', 'PARTIALLY_SHIPPED'] as const;
/** Workflow states in which the parcel has left the warehouse. */
const SHIPPED_HERE: readonly WorkflowState[] = ['shipped', 'delivered'];

export interface DisagreementRow {
  orderId: string;
  storeId: number;
  marketplaceId: string;
  amazonStatus: string;
  ourState: WorkflowState | null;
  since: string;
}

interface RawHead {
  id: string;
  store_id: number;
  marketplace_id: string;
  status: string;
  state: WorkflowState | null;
  since: string;
}

const toRow = (r: RawHead): DisagreementRow => ({ orderId: r.id, storeId: Number(r.store_id), marketplaceId: r.marketplace_id, amazonStatus: r.status, ourState: r.state ?? null, since: r.since });

/**
 * The queries below start from small or indexed sets (a status within the stores, open workflow states, dead outbox
 * rows), never from every order: at 100k orders a reconciliation pass reads the few hundred rows that can disagree.
 * `orderId` narrows a query to one order (a fix re-checks its row inside its transaction).
 */
export async function storeIds(db: Queryable): Promise<number[]> {
  return (await db('stores').pluck<number[]>('id')).map(Number);
}

/** Amazon cancelled, yet the parcel left here (workflow shipped, or a local shipment exists), and no return is open. */
export async function cancelledAfterShipping(db: Queryable, stores: readonly number[], orderId?: string): Promise<DisagreementRow[]> {
  if (stores.length === 0) return [];
  const q = db('orders as o')
    .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
    // store_id first: the (store_id, status) index answers "cancelled orders" without a scan of all orders.
    .whereIn('o.store_id', [...stores])
    .where('o.status', 'CANCELLED')
    .where('o.fulfilled_by', 'MERCHANT')
    .where((w) => w.whereIn('w.state', [...SHIPPED_HERE]).orWhereExists((s) => s.select(db.raw('1')).from('local_shipments as ls').whereRaw('ls.order_id = o.id')))
    .whereNotExists((s) => s.select(db.raw('1')).from('returns as r').whereRaw('r.order_id = o.id'))
    .select<RawHead[]>('o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'w.state', 'o.last_updated_time as since');
  if (orderId !== undefined) q.where('o.id', orderId);
  return (await q).map(toRow);
}

/** Amazon closed the order (cancelled or shipped) while our workflow still has it open: the sync's hook missed it. */
export async function workflowBehindAmazon(db: Queryable, orderId?: string): Promise<DisagreementRow[]> {
  const q = db('order_workflow as w')
    .join('orders as o', 'o.id', 'w.order_id')
    .whereIn('w.state', [...cancellableStates])
    .whereIn('o.status', ['CANCELLED', 'SHIPPED'])
    .select<RawHead[]>('o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'w.state', 'o.last_updated_time as since');
  if (orderId !== undefined) q.where('o.id', orderId);
  return (await q).map(toRow);
}

export interface DeadConfirmation extends DisagreementRow {
  seq: number;
  deadReasonCode: string;
}

/** Confirmations the outbox gave up on for orders Amazon still has open. */
export async function deadConfirmations(db: Queryable, orderId?: string): Promise<DeadConfirmation[]> {
  const dead = await db('outbox')
    .where({ status: 'dead', kind: 'confirm-shipment' })
    .select<{ seq: number; payload_json: string; dead_reason: string | null; created_at: string }[]>('seq', 'payload_json', 'dead_reason', 'created_at');
  const byOrder = new Map<string, typeof dead>();
  for (const d of dead) {
    const id = orderIdOf(d.payload_json);
    if (id === null || (orderId !== undefined && id !== orderId)) continue;
    byOrder.set(id, [...(byOrder.get(id) ?? []), d]);
  }
  if (byOrder.size === 0) return [];
  const heads = new Map<string, RawHead>();
  for (const part of chunks([...byOrder.keys()], 500)) {
    const rows = await db('orders as o')
      .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
      .whereIn('o.id', part)
      .whereIn('o.status', [...AMAZON_OPEN])
      .select<RawHead[]>('o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'w.state', 'o.created_time as since');
    for (const r of rows) heads.set(r.id, r);
  }
  const out: DeadConfirmation[] = [];
  for (const [id, rows] of byOrder) {
    const head = heads.get(id);
    if (!head) continue;
    for (const d of rows) {
      const reason = d.dead_reason ?? 'unknown';
      out.push({ ...toRow({ ...head, since: d.created_at }), seq: Number(d.seq), deadReasonCode: reason.split(':')[0] ?? reason });
    }
  }
  return out;
}

export interface UnqueuedShipment extends DisagreementRow {
  shipmentId: number;
}

/**
 * Local shipments with no outbox row behind them, for orders Amazon still has open. Reads every local shipment once
 * with a primary-key probe into the outbox each: linear in shipments, with no sort or temporary table.
 */
export async function unqueuedShipments(db: Queryable, orderId?: string): Promise<UnqueuedShipment[]> {
  const q = db('local_shipments as ls')
    .leftJoin('outbox as ob', 'ob.seq', 'ls.outbox_seq')
    .join('orders as o', 'o.id', 'ls.order_id')
    .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
    .whereNull('ob.seq')
    .whereIn('o.status', [...AMAZON_OPEN])
    .select<(RawHead & { shipment_id: number })[]>('ls.id as shipment_id', 'o.id', 'o.store_id', 'o.marketplace_id', 'o.status', 'w.state', 'ls.created_at as since');
  if (orderId !== undefined) q.where('ls.order_id', orderId);
  return (await q).map((r) => ({ ...toRow(r), shipmentId: Number(r.shipment_id) }));
}

function orderIdOf(payloadJson: string): string | null {
  try {
    const id = (JSON.parse(payloadJson) as { orderId?: unknown }).orderId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
