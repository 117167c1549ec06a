import type { Knex } from 'knex';
import { allowedTransitions, cancellableStates, reservingStates, type OrderWorkflow, type WorkflowState } from '../../../shared/domain/fulfillment';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { appendAudit } from '../../db/repositories/audit.repo';
import { deleteAllocations, getWorkflowRow, updateWorkflow, type WorkflowPatch, type WorkflowRow } from '../../db/repositories/fulfillment.repo';
import { outstandingForRef } from '../../db/repositories/stock.repo';
import type { InventoryService } from '../inventory/inventory.service';
import { recordMovements } from '../inventory/ledger';

export interface TransitionContext {
  actor: string;
  now: string;
  expectedVersion?: number;
  note?: string;
  /**
   * Releases the order's hold when it is cancelled. The fulfillment service passes its inventory service so the release
   * also re-queues FBM quantities; without one the release is posted straight to the ledger (the inventory sync's stale
   * check pushes those quantities on its next cycle).
   */
  inventory?: Pick<InventoryService, 'releaseOrder'>;
  /** Extra columns to set in the same update (carrier choice, warehouse). */
  patch?: WorkflowPatch;
  /**
   * Amazon's word outranks the warehouse's plan: an order Amazon reports shipped (confirmed in Seller Central or another
   * tool) closes from any open state, and one Amazon changed after picking goes back to the pool from picking or packed.
   */
  reportedByAmazon?: boolean;
}

const amazonMoves: readonly WorkflowState[] = ['shipped', 'exception'];

export const toWorkflow = (r: WorkflowRow): OrderWorkflow => ({
  orderId: r.order_id,
  state: r.state,
  version: r.version,
  warehouseId: r.warehouse_id,
  carrierCode: r.carrier_code,
  carrierName: r.carrier_name,
  shippingService: r.shipping_service,
  labelTemplate: r.label_template,
  waveId: r.wave_id,
  tote: r.tote,
  weightG: r.weight_g,
  stateChangedAt: r.state_changed_at,
});

export async function workflowOf(db: Queryable, orderId: string): Promise<OrderWorkflow | null> {
  const row = await getWorkflowRow(db, orderId);
  return row ? toWorkflow(row) : null;
}

async function releaseHold(trx: Knex.Transaction, orderId: string, ctx: TransitionContext): Promise<void> {
  if (ctx.inventory) {
    await ctx.inventory.releaseOrder(trx, orderId);
    return;
  }
  const held = (await outstandingForRef(trx, 'order', orderId)).filter((h) => h.reserved > 0);
  await recordMovements(
    trx,
    held.map((h) => ({ productId: h.productId, warehouseId: h.warehouseId, kind: 'release' as const, reserved: -h.reserved, refType: 'order', refId: orderId })),
    { actor: ctx.actor, now: ctx.now },
  );
}

/**
 * Moves one order; allowed: new→audited|exception|cancelled, exception→audited|cancelled,
 * audited→allocated|exception|cancelled, allocated→picking|packed|exception|cancelled, picking→packed|allocated|cancelled,
 * packed→shipped|cancelled, shipped→delivered. Bumps version. AppError('conflict', { reason: 'illegal-transition', from,
 * to }) or ('conflict', { reason: 'stale-version', version }) when expectedVersion differs. Cancelling releases the
 * order's reservations in the same transaction; so does sending an allocated order back to the exception pool, which
 * also drops its allocation (it is allocated afresh once resolved). Writes an audit row.
 */
export async function transition(trx: Knex.Transaction, orderId: string, to: WorkflowState, ctx: TransitionContext): Promise<{ state: WorkflowState; version: number }> {
  const row = await getWorkflowRow(trx, orderId);
  if (!row) throw new AppError('not-found', { entity: 'order-workflow', id: orderId });
  if (ctx.expectedVersion !== undefined && row.version !== ctx.expectedVersion) throw new AppError('conflict', { reason: 'stale-version', version: row.version });
  const amazonOverrides = ctx.reportedByAmazon === true && amazonMoves.includes(to) && cancellableStates.includes(row.state) && row.state !== to;
  if (!allowedTransitions[row.state].includes(to) && !amazonOverrides) throw new AppError('conflict', { reason: 'illegal-transition', from: row.state, to });

  const patch: WorkflowPatch = { ...ctx.patch, state: to, state_changed_at: ctx.now, updated_at: ctx.now };
  const dropsHold = to === 'cancelled' || (to === 'exception' && reservingStates.includes(row.state));
  if (dropsHold) {
    await releaseHold(trx, orderId, ctx);
    await deleteAllocations(trx, orderId);
    Object.assign(patch, { warehouse_id: null, wave_id: null, tote: null });
  }
  // Duplicate detection only compares live orders; a closed order's hashes have no further use.
  if (to === 'cancelled' || to === 'delivered') Object.assign(patch, { buyer_hash: null, address_hash: null });
  if (!(await updateWorkflow(trx, orderId, row.version, patch))) throw new AppError('conflict', { reason: 'stale-version', version: row.version });

  await appendAudit(trx, {
    at: ctx.now,
    actor: ctx.actor,
    action: 'order.workflow',
    entity: 'order',
    entityId: orderId,
    detail: { from: row.state, to, version: row.version + 1, ...(ctx.note ? { note: ctx.note } : {}), ...(dropsHold ? { released: true } : {}) },
  });
  return { state: to, version: row.version + 1 };
}
