import type { Knex } from 'knex';
import type { OperationProblem } from '../../../shared/domain/fba-inbound';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { SpApiError } from '../../spapi/errors';
import type { AuditFn } from '../audit.service';
import { mutationSteps, type InboundApi, type StepContext } from './amazon-steps';
import { postReceipts } from './ledger-moves';
import { getPlan, listPlans, patchShipment, shipmentBoxes, shipmentItems, shipments as shipmentRows, updatePlan, type PlanPatch, type PlanRow, type ShipmentRow } from './plans.repo';
import { applyTrackingDetails, trackingBody, trackingFingerprint } from './tracking';

/** Amazon's receiving figures are read this often per open shipment (Amazon updates them a few times a day). */
export const RECEIVING_POLL_MS = 3600_000;
/** A pass moves one plan at most this many steps, so one plan cannot hold the store's run for long. */
const MAX_STEPS_PER_PASS = 12;

/** Shipment statuses after which Amazon reports nothing more. */
const FINAL_SHIPMENT = new Set(['CLOSED', 'CANCELLED', 'DELETED']);

export interface DriverDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  onStockChanged?: (trx: Knex.Transaction, productIds: number[]) => Promise<void>;
}

export type PassOutcome = 'moved' | 'waiting-amazon' | 'idle';

export interface PassOptions {
  /** Read receiving figures now even if they were read within the hour. */
  forceReceipts?: boolean;
  /** Stop after this many steps (a send, a poll): lets a caller leave an operation in flight on purpose. */
  maxSteps?: number;
}

/** Amazon's operationProblems as the plan keeps them: bounded, with the box or MSKU they name. */
const keepProblems = (list: readonly { code: string; message: string; severity: string; details?: string | undefined }[]): OperationProblem[] =>
  list.map((p) => ({ code: p.code.slice(0, 200), message: p.message.slice(0, 2000), severity: p.severity.slice(0, 40), ...(p.details ? { details: p.details.slice(0, 500) } : {}) }));

/** Amazon refused the request itself (not the network): shown on the plan like a FAILED operation. */
function refusal(err: unknown): OperationProblem[] | null {
  if (!(err instanceof SpApiError) || (err.kind !== 'invalid-input' && err.kind !== 'not-found')) return null;
  return [{ code: err.amazonCode ?? (err.kind === 'not-found' ? 'NotFound' : 'InvalidInput'), message: err.message.slice(0, 2000), severity: 'ERROR' }];
}

/**
 * Moves inbound plans through Amazon's workflow. For a plan whose step is Amazon's, it sends the write and stores the
 * operation id in the same transaction as the status change, so a restart (or an offline spell) polls that operation
 * instead of sending the write again; once the operation SUCCEEDED it reads what Amazon generated and moves to the next
 * step in one transaction; a FAILED operation leaves the plan at its step with Amazon's problems until the user
 * retries. Network and throttling errors leave the plan as it was, for the next run.
 */
export function createStepDriver(deps: DriverDeps) {
  const now = () => deps.clock.now().toISOString();

  /**
   * Writes what `build` writes and the plan's new state in one transaction, only if the plan is still the version read:
   * a user's action (cancel, retry) that landed meanwhile wins, and this pass's writes roll back.
   */
  async function commit(plan: PlanRow, build: (trx: Knex.Transaction) => Promise<PlanPatch>): Promise<boolean> {
    try {
      await deps.db.transaction(async (trx) => {
        const patch = await build(trx);
        if (!(await updatePlan(trx, plan.id, plan.version, patch, now()))) throw new StaleError();
      });
      return true;
    } catch (err) {
      if (err instanceof StaleError) return false;
      throw err;
    }
  }

  async function fail(plan: PlanRow, problems: OperationProblem[], kind: string): Promise<void> {
    await commit(plan, async (trx) => {
      await deps.audit(trx, { action: 'fba.step-failed', entity: 'fba-plan', entityId: String(plan.id), detail: { step: plan.step, operation: kind, codes: problems.map((p) => p.code).slice(0, 10) }, actor: 'system:fba-inbound' });
      return { status: 'failed', op: null, problems };
    });
  }

  /** One step of one plan: send, poll, or read receipts. */
  async function stepOnce(api: InboundApi, plan: PlanRow, opts: { forceReceipts?: boolean }): Promise<PassOutcome> {
    const ctx: StepContext = { db: deps.db, api, now: now(), actor: deps.actor };
    const step = mutationSteps[plan.step];

    if (plan.status === 'in-flight' && plan.op_id && step) {
      const status = await api.getInboundOperationStatus(plan.op_id);
      if (status.operationStatus === 'IN_PROGRESS') return 'waiting-amazon';
      if (status.operationStatus === 'FAILED') {
        const problems = keepProblems(status.operationProblems);
        await fail(plan, problems.length > 0 ? problems : [{ code: 'OperationFailed', message: status.operation, severity: 'ERROR' }], plan.op_kind ?? plan.step);
        return 'moved';
      }
      const write = await step.collect(ctx, plan);
      await commit(plan, async (trx) => {
        const { patch, stockChanged } = await write(trx);
        if (stockChanged && stockChanged.length > 0) await deps.onStockChanged?.(trx, stockChanged);
        await deps.audit(trx, { action: 'fba.step-done', entity: 'fba-plan', entityId: String(plan.id), detail: { step: plan.step, next: patch.step ?? plan.step }, actor: 'system:fba-inbound' });
        return { ...patch, op: null, problems: null };
      });
      return 'moved';
    }

    if (plan.status === 'ready' && plan.step === 'receiving') {
      const tracking = await driveTracking(api, plan);
      if (tracking === 'moved') return 'moved';
      if (await readReceipts(api, plan, opts.forceReceipts === true)) return 'moved';
      return tracking === 'waiting' ? 'waiting-amazon' : 'idle';
    }

    if (plan.status === 'ready' && step) {
      let sent: Awaited<ReturnType<typeof step.send>>;
      try {
        sent = await step.send(ctx, plan);
      } catch (err) {
        const problems = refusal(err);
        if (!problems) throw err;
        await fail(plan, problems, plan.step);
        return 'moved';
      }
      if (!sent) {
        await commit(plan, async () => ({ status: 'waiting' }));
        return 'moved';
      }
      const op = { id: sent.operationId, kind: sent.kind ?? plan.step, startedAt: ctx.now, shipmentId: sent.shipmentId ?? null };
      await commit(plan, async () => ({ status: 'in-flight', op, ...(sent.amazonPlanId ? { amazonPlanId: sent.amazonPlanId } : {}) }));
      return 'moved';
    }
    return 'idle';
  }

  /**
   * Own-carrier tracking, one Amazon operation per shipment, its id stored with the shipment (a restart polls it): an
   * answer in, or else an upload out, per call. 'waiting' when only Amazon's answers are outstanding.
   */
  async function driveTracking(api: InboundApi, plan: PlanRow): Promise<'moved' | 'waiting' | 'idle'> {
    const list = await shipmentRows(deps.db, plan.id);
    let waiting = false;
    for (const s of list.filter((x) => x.tracking_state === 'in-flight' && x.tracking_op_id)) {
      const status = await api.getInboundOperationStatus(s.tracking_op_id ?? '');
      if (status.operationStatus === 'IN_PROGRESS') {
        waiting = true;
        continue;
      }
      const fetched = status.operationStatus === 'SUCCESS' ? await api.getShipment(plan.amazon_plan_id ?? '', s.amazon_shipment_id) : null;
      await deps.db.transaction(async (trx) => {
        // The user sent other numbers meanwhile: those go next, this answer concerns numbers no longer shown.
        const still = await trx('fba_inbound_shipments').where({ id: s.id, tracking_op_id: s.tracking_op_id }).first();
        if (!still) return;
        if (!fetched) {
          const problems = keepProblems(status.operationProblems);
          const shown = problems.length > 0 ? problems : [{ code: 'OperationFailed', message: status.operation, severity: 'ERROR' }];
          await patchShipment(trx, s.id, { tracking_state: 'failed', tracking_op_id: null, tracking_problems_json: JSON.stringify(shown) });
          await deps.audit(trx, { action: 'fba.tracking-failed', entity: 'fba-shipment', entityId: String(s.id), detail: { plan: plan.id, codes: shown.map((p) => p.code).slice(0, 10) }, actor: 'system:fba-inbound' });
          return;
        }
        await patchShipment(trx, s.id, {
          tracking_state: 'done',
          tracking_op_id: null,
          tracking_problems_json: null,
          status: fetched.status ?? s.status,
          tracking_json: fetched.trackingDetails ? JSON.stringify(fetched.trackingDetails) : s.tracking_json,
        });
        await applyTrackingDetails(trx, s.id, fetched.trackingDetails);
        await deps.audit(trx, { action: 'fba.tracking-done', entity: 'fba-shipment', entityId: String(s.id), detail: { plan: plan.id, mode: s.tracking_mode }, actor: 'system:fba-inbound' });
      });
      return 'moved';
    }
    const pending = list.find((x) => x.tracking_state === 'pending');
    if (pending) {
      await sendTracking(api, plan, pending);
      return 'moved';
    }
    return waiting ? 'waiting' : 'idle';
  }

  async function sendTracking(api: InboundApi, plan: PlanRow, s: ShipmentRow): Promise<void> {
    const boxes = await shipmentBoxes(deps.db, [s.id]);
    const sentPrint = trackingFingerprint(s, boxes);
    let operationId: string;
    try {
      ({ operationId } = await api.updateShipmentTrackingDetails(plan.amazon_plan_id ?? '', s.amazon_shipment_id, trackingBody(s, boxes)));
    } catch (err) {
      const problems = refusal(err);
      if (!problems) throw err;
      await deps.db.transaction(async (trx) => {
        await patchShipment(trx, s.id, { tracking_state: 'failed', tracking_problems_json: JSON.stringify(problems) });
        await deps.audit(trx, { action: 'fba.tracking-failed', entity: 'fba-shipment', entityId: String(s.id), detail: { plan: plan.id, codes: problems.map((p) => p.code) }, actor: 'system:fba-inbound' });
      });
      return;
    }
    await deps.db.transaction(async (trx) => {
      const now = await trx<ShipmentRow>('fba_inbound_shipments').where({ id: s.id }).first();
      // Edited while the request was on its way: the edit stays pending and goes next (Amazon keeps the last numbers).
      if (!now || now.tracking_state !== 'pending' || trackingFingerprint(now, await shipmentBoxes(trx, [s.id])) !== sentPrint) return;
      await patchShipment(trx, s.id, { tracking_state: 'in-flight', tracking_op_id: operationId, tracking_sent_at: deps.clock.now().toISOString() });
    });
  }

  /**
   * Amazon's receiving figures for the plan's open shipments, at most hourly each: received units move to FBA on hand,
   * a closed shipment's difference is recorded. The plan closes when every shipment has.
   */
  async function readReceipts(api: InboundApi, plan: PlanRow, force: boolean): Promise<boolean> {
    const list = await shipmentRows(deps.db, plan.id);
    const due = list.filter((s) => s.closed_at === null && s.confirmation_id && (force || s.receipts_polled_at === null || Date.parse(now()) - Date.parse(s.receipts_polled_at) >= RECEIVING_POLL_MS));
    for (const s of due) {
      const shipment = await api.getShipment(plan.amazon_plan_id ?? '', s.amazon_shipment_id);
      const figures = await api.getShipmentItemsByShipmentId(s.confirmation_id ?? '', plan.marketplace_id);
      const received = new Map<string, number>();
      for (const i of figures.payload?.ItemData ?? []) received.set(i.SellerSKU, (received.get(i.SellerSKU) ?? 0) + (i.QuantityReceived ?? 0));
      const closed = FINAL_SHIPMENT.has(shipment.status ?? '');
      await deps.db.transaction(async (trx) => {
        const items = await shipmentItems(trx, [s.id]);
        const changed = await postReceipts(trx, plan, s, items, received, closed, { actor: deps.actor, now: now() });
        if (changed.length > 0) await deps.onStockChanged?.(trx, changed);
        await patchShipment(trx, s.id, {
          status: shipment.status ?? s.status,
          receipts_polled_at: now(),
          ...(shipment.trackingDetails ? { tracking_json: JSON.stringify(shipment.trackingDetails) } : {}),
          ...(closed ? { closed_at: now() } : {}),
        });
        await applyTrackingDetails(trx, s.id, shipment.trackingDetails);
      });
    }
    const open = (await shipmentRows(deps.db, plan.id)).filter((s) => s.closed_at === null);
    if (open.length === 0) {
      await commit(plan, async (trx) => {
        await deps.audit(trx, { action: 'fba.plan-closed', entity: 'fba-plan', entityId: String(plan.id), detail: { shipments: list.length }, actor: 'system:fba-inbound' });
        return { step: 'closed', status: 'done' };
      });
      return true;
    }
    return due.length > 0;
  }

  /**
   * One pass per plan at a time in this process (the scheduled job and a "check now" may meet): a second pass waits for
   * the first, then finds the plan already moved, so a write is never sent twice.
   */
  const running = new Map<number, Promise<unknown>>();
  function drivePlan(api: InboundApi, planId: number, opts: PassOptions = {}): Promise<PassOutcome> {
    const before = running.get(planId) ?? Promise.resolve();
    const pass = before.catch(() => undefined).then(() => passOf(api, planId, opts));
    running.set(planId, pass);
    void pass.finally(() => {
      if (running.get(planId) === pass) running.delete(planId);
    }).catch(() => undefined);
    return pass;
  }

  /** Moves one plan as far as it goes without waiting: until Amazon is still working, or the user's turn. */
  async function passOf(api: InboundApi, planId: number, opts: PassOptions): Promise<PassOutcome> {
    let outcome: PassOutcome = 'idle';
    for (let i = 0; i < (opts.maxSteps ?? MAX_STEPS_PER_PASS); i++) {
      const plan = await getPlan(deps.db, planId);
      if (!plan) return outcome;
      const r = await stepOnce(api, plan, { forceReceipts: opts.forceReceipts === true && i === 0 });
      if (r === 'idle') return outcome;
      if (r === 'waiting-amazon') return outcome === 'moved' ? 'moved' : 'waiting-amazon';
      outcome = 'moved';
    }
    return outcome;
  }

  /**
   * One run for one store (the scheduler's "inbound" job): every plan with work. Says whether any plan still has work
   * for Amazon, so the job keeps its short cadence only while it matters.
   */
  async function driveStore(api: InboundApi, storeId: number, signal?: AbortSignal): Promise<{ plans: number; active: boolean }> {
    const plans = await listPlans(deps.db, { storeId, statuses: ['ready', 'in-flight'] });
    let active = false;
    for (const p of plans) {
      if (signal?.aborted) return { plans: plans.length, active: true };
      await drivePlan(api, p.id);
      const after = await getPlan(deps.db, p.id);
      // Receiving waits hours between reads; only Amazon operations keep the fast cadence.
      if (after && (after.status === 'in-flight' || (after.status === 'ready' && after.step !== 'receiving'))) active = true;
      // A tracking upload is an Amazon operation too.
      else if (after?.step === 'receiving' && (await shipmentRows(deps.db, p.id)).some((s) => s.tracking_state === 'pending' || s.tracking_state === 'in-flight')) active = true;
    }
    return { plans: plans.length, active };
  }

  return { drivePlan, driveStore };
}

class StaleError extends Error {}

export type StepDriver = ReturnType<typeof createStepDriver>;
