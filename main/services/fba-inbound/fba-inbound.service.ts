import type { Knex } from 'knex';
import {
  amazonLabelsSchema,
  boxRefSchema,
  choosePackingSchema,
  choosePlacementSchema,
  chooseTransportSchema,
  chooseWindowsSchema,
  closeBoxSchema,
  planRefSchema,
  plansQuerySchema,
  removeFromBoxSchema,
  scanIntoBoxSchema,
  uploadTrackingSchema,
  type CreatePlanInput,
  type FbaSuggestion,
  type PlanDetail,
  type PlanStep,
  type PlanSummary,
} from '../../../shared/domain/fba-inbound';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { AmazonApi } from '../../spapi/amazon-api';
import type { SpApiClient } from '../../spapi/client';
import type { AuditFn } from '../audit.service';
import { parseInput } from '../validate';
import { amazonLabels } from './amazon-labels';
import { closeBoxIn, openBoxIn, removeFromBoxIn, reopenBoxIn, scanIntoBoxIn, submitBoxesIn, type ScanResolver } from './boxes';
import { createPlanIn, suggestions } from './draft';
import { createStepDriver, type PassOptions, type PassOutcome } from './driver';
import { releasePlanReservation } from './ledger-moves';
import {
  deliveryWindows,
  getPlan,
  getShipment,
  listPlans,
  packingOptions,
  patchShipment,
  patchShipmentBox,
  placementOptions,
  replaceDeliveryWindows,
  shipmentBoxes,
  shipments as shipmentRows,
  transportOptions,
  updatePlan,
  type PlanPatch,
  type PlanRow,
} from './plans.repo';
import { checkTracking, trackingClosed } from './tracking';
import { chosenOption, needsWindow, OWN_CARRIER, trackingModeOf } from './transport-windows';
import { detail, summaries } from './view';

export interface FbaInboundDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  resolveScan: ScanResolver;
  apiFor: (storeId: number) => Promise<AmazonApi | null>;
  clientFor: (storeId: number) => Promise<SpApiClient | null>;
  labelsDir: string;
  onStockChanged?: (trx: Knex.Transaction, productIds: number[]) => Promise<void>;
  /** A plan of this store has a step for Amazon now: run the inbound job soon instead of at its idle pace. */
  onWork?: (storeId: number) => void;
}

/** Steps Amazon can still undo with cancelInboundPlan; after transportation is confirmed the goods are on their way. */
const CANCELLABLE: readonly PlanStep[] = ['create', 'generate-packing', 'choose-packing', 'confirm-packing', 'pack-boxes', 'send-packing', 'generate-placement', 'choose-placement', 'confirm-placement', 'generate-transport', 'choose-transport'];

/**
 * FBA inbound plans: drafting (with the source's units reserved), the user's choices between Amazon's options, box
 * packing by scan, Amazon's carton labels, and the step driver that talks to Amazon (run by the scheduler's inbound
 * job; every step resumable after a restart).
 */
export function createFbaInboundService(deps: FbaInboundDeps) {
  const now = () => deps.clock.now().toISOString();
  const ledgerCtx = () => ({ actor: deps.actor, now: now() });
  const driver = createStepDriver({ db: deps.db, clock: deps.clock, audit: deps.audit, actor: deps.actor, ...(deps.onStockChanged ? { onStockChanged: deps.onStockChanged } : {}) });

  async function requirePlan(db: Db | Knex.Transaction, planId: number): Promise<PlanRow> {
    const plan = await getPlan(db, planId);
    if (!plan) throw new AppError('not-found', { entity: 'fba-plan', id: planId });
    return plan;
  }

  /** A user's step change: only from the steps named, and only if nobody moved the plan meanwhile. */
  async function userMove(planId: number, from: (p: PlanRow) => boolean, change: (trx: Knex.Transaction, plan: PlanRow) => Promise<PlanPatch>, action: string, detailOf: (p: PlanRow) => Record<string, unknown> = () => ({})): Promise<PlanDetail> {
    const plan = await deps.db.transaction(async (trx) => {
      const p = await requirePlan(trx, planId);
      if (!from(p)) throw new AppError('conflict', { reason: 'wrong-step', step: p.step });
      const patch = await change(trx, p);
      if (!(await updatePlan(trx, p.id, p.version, patch, now()))) throw new AppError('conflict', { reason: 'plan-changed' });
      await deps.audit(trx, { action, entity: 'fba-plan', entityId: String(p.id), detail: { from: p.step, to: patch.step ?? p.step, ...detailOf(p) } });
      return p;
    });
    deps.onWork?.(plan.store_id);
    return view(planId);
  }

  const at = (step: PlanStep, retryOf?: PlanStep) => (p: PlanRow) => (p.step === step && p.status === 'waiting') || (retryOf !== undefined && p.step === retryOf && p.status === 'failed');

  async function view(planId: number): Promise<PlanDetail> {
    return detail(deps.db, await requirePlan(deps.db, planId));
  }

  async function inTrx<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return deps.db.transaction(fn);
  }

  return {
    async plans(query: unknown = {}): Promise<PlanSummary[]> {
      const q = parseInput(plansQuerySchema, query);
      return summaries(deps.db, await listPlans(deps.db, { ...(q.storeId !== undefined ? { storeId: q.storeId } : {}), includeDone: q.includeDone }));
    },

    plan: (planId: number) => view(parseInput(planRefSchema, { planId }).planId),

    suggestions: (input: unknown): Promise<FbaSuggestion[]> => suggestions(deps.db, input, deps.clock.now()),

    async createPlan(input: CreatePlanInput): Promise<PlanDetail> {
      const { planId, storeId } = await inTrx(async (trx) => {
        const { planId, productIds } = await createPlanIn(trx, input, ledgerCtx());
        await deps.onStockChanged?.(trx, productIds);
        const plan = await requirePlan(trx, planId);
        await deps.audit(trx, { action: 'fba.plan-create', entity: 'fba-plan', entityId: String(planId), detail: { storeId: plan.store_id, marketplaceId: plan.marketplace_id, warehouseId: plan.source_warehouse_id, lines: productIds.length } });
        return { planId, storeId: plan.store_id };
      });
      deps.onWork?.(storeId);
      return view(planId);
    },

    choosePacking: (raw: unknown) => {
      const input = parseInput(choosePackingSchema, raw);
      return userMove(
        input.planId,
        at('choose-packing', 'confirm-packing'),
        async (trx, p) => {
          if (!(await packingOptions(trx, p.id)).some((o) => o.option_id === input.packingOptionId)) throw new AppError('not-found', { entity: 'packing-option', id: input.packingOptionId });
          return { step: 'confirm-packing', status: 'ready', packingOptionId: input.packingOptionId, problems: null };
        },
        'fba.choose-packing',
        () => ({ option: input.packingOptionId }),
      );
    },

    choosePlacement: (raw: unknown) => {
      const input = parseInput(choosePlacementSchema, raw);
      return userMove(
        input.planId,
        at('choose-placement', 'confirm-placement'),
        async (trx, p) => {
          if (!(await placementOptions(trx, p.id)).some((o) => o.option_id === input.placementOptionId)) throw new AppError('not-found', { entity: 'placement-option', id: input.placementOptionId });
          return { step: 'confirm-placement', status: 'ready', placementOptionId: input.placementOptionId, problems: null };
        },
        'fba.choose-placement',
        () => ({ option: input.placementOptionId }),
      );
    },

    /**
     * One transportation option per shipment of the plan, all at once (Amazon confirms them together). Own-carrier
     * options need a delivery window first: the driver asks Amazon for them and the user picks (chooseWindows). Also taken
     * while picking windows or after Amazon refused: windows not yet confirmed are then asked for afresh.
     */
    chooseTransport: (raw: unknown) => {
      const input = parseInput(chooseTransportSchema, raw);
      return userMove(
        input.planId,
        (p) => at('choose-transport', 'confirm-transport')(p) || (p.step === 'confirm-transport' && p.status === 'waiting'),
        async (trx, p) => {
          const list = await shipmentRows(trx, p.id);
          const options = await transportOptions(trx, list.map((s) => s.id));
          if (input.selections.some((x) => !list.some((s) => s.amazon_shipment_id === x.shipmentId))) throw new AppError('invalid-input', { field: 'selections', reason: 'unknown-shipment' });
          for (const s of list) {
            const chosen = input.selections.find((x) => x.shipmentId === s.amazon_shipment_id);
            if (!chosen) throw new AppError('invalid-input', { field: 'selections', reason: 'shipment-without-transport', shipment: s.amazon_shipment_id });
            const option = options.find((o) => o.shipment_id === s.id && o.option_id === chosen.transportOptionId);
            if (!option) throw new AppError('not-found', { entity: 'transport-option', id: chosen.transportOptionId });
            const keepWindow = needsWindow(option) && s.window_confirmed_id !== null;
            if (!keepWindow) await replaceDeliveryWindows(trx, s.id, []);
            await patchShipment(trx, s.id, {
              transport_option_id: option.option_id,
              tracking_mode: trackingModeOf(option.shipping_mode),
              ...(keepWindow ? {} : { windows_generated_at: null, window_chosen_id: null, window_confirmed_id: null, window_start: null, window_end: null }),
            });
          }
          return { step: 'confirm-transport', status: 'ready', op: null, problems: null };
        },
        'fba.choose-transport',
        () => ({ selections: input.selections.length }),
      );
    },

    /** The user's delivery window per own-carrier shipment, from the windows Amazon offered and still valid. */
    chooseWindows: (raw: unknown) => {
      const input = parseInput(chooseWindowsSchema, raw);
      return userMove(
        input.planId,
        (p) => p.step === 'confirm-transport' && (p.status === 'waiting' || p.status === 'failed'),
        async (trx, p) => {
          const list = await shipmentRows(trx, p.id);
          const options = await transportOptions(trx, list.map((s) => s.id));
          const windows = await deliveryWindows(trx, list.map((s) => s.id));
          for (const sel of input.selections) {
            const s = list.find((x) => x.amazon_shipment_id === sel.shipmentId);
            if (!s) throw new AppError('invalid-input', { field: 'selections', reason: 'unknown-shipment' });
            if (!needsWindow(chosenOption(s, options))) throw new AppError('invalid-input', { field: 'selections', reason: 'window-not-needed', shipment: s.amazon_shipment_id });
            const w = windows.find((x) => x.shipment_id === s.id && x.option_id === sel.deliveryWindowOptionId);
            if (!w) throw new AppError('not-found', { entity: 'delivery-window', id: sel.deliveryWindowOptionId });
            if (Date.parse(w.valid_until) < deps.clock.now().getTime()) throw new AppError('invalid-input', { field: 'selections', reason: 'window-expired', shipment: s.amazon_shipment_id });
            await patchShipment(trx, s.id, { window_chosen_id: w.option_id });
            s.window_chosen_id = w.option_id;
          }
          const missing = list.find((s) => needsWindow(chosenOption(s, options)) && s.window_chosen_id === null && s.window_confirmed_id === null);
          if (missing) throw new AppError('invalid-input', { field: 'selections', reason: 'shipment-without-window', shipment: missing.amazon_shipment_id });
          return { status: 'ready', problems: null };
        },
        'fba.choose-windows',
        () => ({ selections: input.selections.length }),
      );
    },

    /**
     * Own-carrier tracking for one shipment, checked here (every box, format, one number per box for small parcel) and
     * stored as pending; the inbound job sends it to Amazon and shows the operation's result. Editable until Amazon has
     * the goods; refused while the previous upload is still with Amazon.
     */
    async uploadTracking(raw: unknown): Promise<PlanDetail> {
      const input = parseInput(uploadTrackingSchema, raw);
      const plan = await deps.db.transaction(async (trx) => {
        const p = await requirePlan(trx, input.planId);
        const s = await getShipment(trx, p.id, input.shipmentId);
        if (!s) throw new AppError('not-found', { entity: 'fba-shipment', id: input.shipmentId });
        if (p.step !== 'receiving') throw new AppError('conflict', { reason: 'wrong-step', step: p.step });
        const option = chosenOption(s, await transportOptions(trx, [s.id]));
        if (option?.shipping_solution !== OWN_CARRIER) throw new AppError('conflict', { reason: 'tracking-partnered' });
        if (trackingClosed(s)) throw new AppError('conflict', { reason: 'tracking-not-editable', status: s.status ?? '' });
        if (s.tracking_state === 'in-flight') throw new AppError('conflict', { reason: 'tracking-in-flight' });
        const boxes = await shipmentBoxes(trx, [s.id]);
        const checked = checkTracking(input, s.tracking_mode ?? trackingModeOf(option.shipping_mode), boxes);
        for (const [boxId, number] of checked.numbers) await patchShipmentBox(trx, s.id, boxId, { tracking_id: number, tracking_status: null });
        await patchShipment(trx, s.id, {
          tracking_mode: checked.mode,
          tracking_carrier: checked.carrier,
          freight_bill_number: checked.freightBill,
          bill_of_lading: checked.billOfLading,
          tracking_state: 'pending',
          tracking_problems_json: null,
        });
        await deps.audit(trx, { action: 'fba.tracking-entered', entity: 'fba-shipment', entityId: String(s.id), detail: { plan: p.id, mode: checked.mode, boxes: checked.numbers.size, carrier: checked.carrier ?? '' } });
        return p;
      });
      deps.onWork?.(plan.store_id);
      return view(plan.id);
    },

    /** After the user fixed what Amazon refused: the same step is sent again. */
    retryStep: (raw: unknown) => {
      const { planId } = parseInput(planRefSchema, raw);
      return userMove(planId, (p) => p.status === 'failed', async () => ({ status: 'ready', problems: null }), 'fba.retry-step');
    },

    /**
     * Cancels a plan until its transportation is confirmed: at Amazon (cancelInboundPlan, through the driver) when Amazon
     * knows the plan, locally at once otherwise. The source's reserved units are released either way.
     */
    cancelPlan: (raw: unknown) => {
      const { planId } = parseInput(planRefSchema, raw);
      return userMove(
        planId,
        (p) => CANCELLABLE.includes(p.step) && p.status !== 'done',
        async (trx, p) => {
          if (p.amazon_plan_id) return { step: 'cancelling', status: 'ready', op: null, problems: null };
          const changed = await releasePlanReservation(trx, p, ledgerCtx());
          if (changed.length > 0) await deps.onStockChanged?.(trx, changed);
          return { step: 'cancelled', status: 'done', op: null, problems: null };
        },
        'fba.cancel-plan',
      );
    },

    async openBox(raw: unknown): Promise<PlanDetail> {
      const { planId } = parseInput(planRefSchema, raw);
      await inTrx((trx) => openBoxIn(trx, planId, now()));
      return view(planId);
    },

    /** A clerk scans a unit label (FNSKU), a UPC/EAN or a SKU into an open box. */
    async scanIntoBox(raw: unknown) {
      const input = parseInput(scanIntoBoxSchema, raw);
      // The catalog reads on the root connection: asked inside the transaction it would wait for itself.
      const known = await deps.resolveScan(input.code).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'not-found') return null;
        throw err;
      });
      const scanned = await inTrx((trx) =>
        scanIntoBoxIn(trx, input, async () => {
          if (!known) throw new AppError('not-found', { entity: 'code' });
          return known;
        }),
      );
      return { scanned, plan: await view(input.planId) };
    },

    async closeBox(raw: unknown) {
      const input = parseInput(closeBoxSchema, raw);
      const { marks } = await inTrx((trx) => closeBoxIn(trx, input, now()));
      return { marks, plan: await view(input.planId) };
    },

    async reopenBox(raw: unknown): Promise<PlanDetail> {
      const input = parseInput(boxRefSchema, raw);
      await inTrx((trx) => reopenBoxIn(trx, input.planId, input.boxId));
      return view(input.planId);
    },

    async removeFromBox(raw: unknown): Promise<PlanDetail> {
      const input = parseInput(removeFromBoxSchema, raw);
      await inTrx((trx) => removeFromBoxIn(trx, input));
      return view(input.planId);
    },

    /** Every unit is boxed: the box contents go to Amazon (setPackingInformation) on the driver's next pass. */
    async submitBoxes(raw: unknown): Promise<PlanDetail> {
      const { planId } = parseInput(planRefSchema, raw);
      const plan = await inTrx(async (trx) => {
        await submitBoxesIn(trx, planId, now());
        await deps.audit(trx, { action: 'fba.submit-boxes', entity: 'fba-plan', entityId: String(planId) });
        return requirePlan(trx, planId);
      });
      deps.onWork?.(plan.store_id);
      return view(planId);
    },

    async amazonLabels(raw: unknown) {
      const input = parseInput(amazonLabelsSchema, raw);
      return amazonLabels(
        {
          db: deps.db,
          labelsDir: deps.labelsDir,
          now,
          apiFor: async (storeId) => {
            const [api, client] = [await deps.apiFor(storeId), await deps.clientFor(storeId)];
            return api && client ? { api, client } : null;
          },
        },
        input,
      );
    },

    /** The inbound job's run for one store. */
    driveStore: (api: AmazonApi, storeId: number, signal?: AbortSignal) => driver.driveStore(api.inbound, storeId, signal),

    /** Drives one plan now (a test, or "check now" on the screen); `forceReceipts` reads receiving figures even if read within the hour. */
    async drivePlan(planId: number, opts: PassOptions = {}): Promise<PassOutcome> {
      const plan = await requirePlan(deps.db, planId);
      const api = await deps.apiFor(plan.store_id);
      if (!api) throw new AppError('conflict', { reason: 'store-not-connected' });
      return driver.drivePlan(api.inbound, planId, opts);
    },
  };
}

export type FbaInboundService = ReturnType<typeof createFbaInboundService>;
