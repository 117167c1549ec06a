import type { OperationName } from '../../../spapi/operations';
import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../../http-types';
import type { SimClock } from '../../sim-clock';
import type { SimStore } from '../../store';
import type { InventoryBook } from '../../store/inventory';
import { Rng } from '../../store/random';
import type { ListingsBook } from '../listings-model';
import { InboundIds } from './ids';
import { LabelHost } from './labels';
import { generatePlacement } from './placement';
import { packBoxes } from './packing';
import { problem, PROBLEMS } from './problems';
import { ShipmentProgress } from './progress';
import type { BoxRecord, OperationProblem, PackingGroupRecord, PlanItem, PlanRecord, ShipmentRecord, TransportationOptionRecord } from './records';
import {
  checkId, confirmTransportationOptionsBody, createInboundPlanBody, generatePlacementOptionsBody, generateTransportationOptionsBody, page, pageQuery, parseBody,
  setPackingInformationBody, updateTrackingBody, type SetPackingInformationBody,
} from './requests';
import { partneredQuoteCents, rulesFor, toKg } from './rules';
import { OperationTracker } from './tracker';
import {
  boxView, deliveryWindowView, itemView, packingOptionView, placementOptionView, planSummaryView, planView, shipmentView, transportationOptionView,
} from './views';
import { labelRoutes } from './v0';

type Handler = (ctx: RouteContext) => SimResponse;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PACKING_OPTION_LIFETIME_MS = 7 * DAY;
const QUOTE_LIFETIME_MS = DAY;
const DELIVERY_WINDOW_VALIDITY_MS = DAY;
/** A shipment that left the seller can no longer be cancelled or re-planned. */
const LEFT_SELLER = new Set(['SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED']);

export interface InboundDeps {
  store: SimStore;
  clock: SimClock;
  listings: ListingsBook;
  seed: number;
  nextDocumentKey?: () => string;
  wallNow?: () => number;
}

/**
 * Fulfillment Inbound 2024-03-20 (and the two v0 operations that remain: labels and received quantities) for the
 * simulated account. Mutations answer 202 with an operationId and do their work when the operation ends in simulated
 * time; see OperationTracker. Shipments then travel and are received on the account's clock (ShipmentProgress).
 */
export class InboundService {
  readonly plans = new Map<string, PlanRecord>();
  readonly labels: LabelHost;
  readonly routes: Partial<Record<OperationName, Handler>>;
  readonly ids: InboundIds;
  private readonly tracker: OperationTracker;
  private readonly progress: ShipmentProgress;
  private readonly rng: Rng;
  private readonly book: InventoryBook;

  constructor(private readonly deps: InboundDeps) {
    this.rng = Rng.derive(deps.seed, 'inbound');
    this.ids = new InboundIds(Rng.derive(deps.seed, 'inbound-ids'));
    this.book = deps.store.inventory;
    const schedule = (time: number, run: (time: number) => void) => this.book.scheduleSellerInbound(time, run);
    this.tracker = new OperationTracker({ ids: this.ids, rng: Rng.derive(deps.seed, 'inbound-timing'), now: () => this.now(), schedule });
    this.progress = new ShipmentProgress({ book: this.book, seed: deps.seed, schedule, onChange: (plan, t) => this.touched(plan, t) });
    const keys = new InboundIds(Rng.derive(deps.seed, 'inbound-documents'));
    this.labels = new LabelHost(deps.nextDocumentKey ?? (() => keys.documentKey()), deps.wallNow);
    this.routes = {
      createInboundPlan: this.createInboundPlan,
      getInboundPlan: this.getInboundPlan,
      listInboundPlans: this.listInboundPlans,
      listInboundPlanItems: this.listInboundPlanItems,
      cancelInboundPlan: this.cancelInboundPlan,
      generatePackingOptions: this.generatePackingOptions,
      listPackingOptions: this.listPackingOptions,
      confirmPackingOption: this.confirmPackingOption,
      listPackingGroupItems: this.listPackingGroupItems,
      listPackingGroupBoxes: this.listPackingGroupBoxes,
      setPackingInformation: this.setPackingInformation,
      listInboundPlanBoxes: this.listInboundPlanBoxes,
      generatePlacementOptions: this.generatePlacementOptions,
      listPlacementOptions: this.listPlacementOptions,
      confirmPlacementOption: this.confirmPlacementOption,
      getShipment: this.getShipment,
      listShipmentItems: this.listShipmentItems,
      listShipmentBoxes: this.listShipmentBoxes,
      generateTransportationOptions: this.generateTransportationOptions,
      listTransportationOptions: this.listTransportationOptions,
      confirmTransportationOptions: this.confirmTransportationOptions,
      generateDeliveryWindowOptions: this.generateDeliveryWindowOptions,
      listDeliveryWindowOptions: this.listDeliveryWindowOptions,
      confirmDeliveryWindowOptions: this.confirmDeliveryWindowOptions,
      updateShipmentTrackingDetails: this.updateShipmentTrackingDetails,
      getInboundOperationStatus: this.getInboundOperationStatus,
      ...labelRoutes(this),
    };
  }

  // ------------------------------------------------------------------ test hooks

  /** The next operation named `operation` ends FAILED with this problem (code, message, severity ERROR). */
  failNextOperation(operation: OperationName, code: string, message: string): void {
    this.tracker.failNext(operation, { code, message, severity: 'ERROR' });
  }

  /** Runs a shipped shipment's remaining milestones now: delivered, received in full (with its seeded discrepancy), closed. */
  completeReceiving(shipmentId: string): boolean {
    for (const plan of this.plans.values()) {
      const s = plan.shipments.get(shipmentId) ?? [...plan.shipments.values()].find((x) => x.confirmationId === shipmentId);
      if (s) return this.progress.finish(s, this.now());
    }
    return false;
  }

  /** Every offered packing, placement, transportation and delivery-window option of the plan expires now. */
  expireOptions(inboundPlanId: string): void {
    const plan = this.plans.get(inboundPlanId);
    if (!plan) return;
    const t = this.now() - 1;
    for (const o of plan.packingOptions) o.expiresAt = Math.min(o.expiresAt, t);
    for (const o of plan.placementOptions) o.expiresAt = Math.min(o.expiresAt, t);
    for (const o of plan.transportationOptions) if (o.quote) o.quote.expiresAt = Math.min(o.quote.expiresAt, t);
    for (const w of plan.deliveryWindows) w.validUntil = Math.min(w.validUntil, t);
  }

  // ------------------------------------------------------------------ shared

  now(): number {
    return this.deps.clock.nowMs();
  }

  /** A shipment by the id on its labels (`FBA1…`), for the v0 operations. */
  byConfirmationId(sellerId: string, confirmationId: string): { plan: PlanRecord; shipment: ShipmentRecord } | undefined {
    for (const plan of this.plans.values()) {
      if (plan.sellerId !== sellerId) continue;
      for (const shipment of plan.shipments.values()) if (shipment.confirmationId === confirmationId) return { plan, shipment };
    }
    return undefined;
  }

  currency(plan: PlanRecord): string {
    return rulesFor(plan.marketplaceId)?.currency ?? 'USD';
  }

  private touched(plan: PlanRecord, time: number): void {
    plan.lastUpdatedAt = Math.max(plan.lastUpdatedAt, time);
    const chosen = this.chosenShipments(plan);
    if (plan.status === 'ACTIVE' && chosen.length > 0 && chosen.every((s) => LEFT_SELLER.has(s.status))) plan.status = 'SHIPPED';
  }

  private chosenShipments(plan: PlanRecord): ShipmentRecord[] {
    const option = plan.placementOptions.find((o) => o.placementOptionId === plan.confirmedPlacementOptionId);
    return (option?.shipmentIds ?? []).flatMap((id) => plan.shipments.get(id) ?? []);
  }

  /** Options past their expiration show as EXPIRED from then on. */
  private refreshExpiry(plan: PlanRecord): void {
    const now = this.now();
    for (const o of [...plan.packingOptions, ...plan.placementOptions]) if (o.status === 'OFFERED' && o.expiresAt < now) o.status = 'EXPIRED';
  }

  private plan(ctx: RouteContext): { plan: PlanRecord } | { error: SimResponse } {
    const id = ctx.params.inboundPlanId;
    const bad = checkId('inboundPlanId', id);
    if (bad) return { error: bad };
    const plan = this.plans.get(id ?? '');
    if (!plan || plan.sellerId !== ctx.seller.sellerId) return { error: amazonError(404, 'NotFound', `Inbound plan ${id} was not found.`) };
    this.refreshExpiry(plan);
    return { plan };
  }

  private shipment(ctx: RouteContext): { plan: PlanRecord; shipment: ShipmentRecord } | { error: SimResponse } {
    const p = this.plan(ctx);
    if ('error' in p) return p;
    const bad = checkId('shipmentId', ctx.params.shipmentId);
    if (bad) return { error: bad };
    const shipment = p.plan.shipments.get(ctx.params.shipmentId ?? '');
    if (!shipment) return { error: amazonError(404, 'NotFound', `Shipment ${ctx.params.shipmentId} was not found in inbound plan ${p.plan.inboundPlanId}.`) };
    return { plan: p.plan, shipment };
  }

  /** 202 with the operation id; `work` runs when the operation ends. */
  private accept(ctx: RouteContext, plan: PlanRecord, operation: OperationName, work: (time: number) => OperationProblem[], extra: Record<string, string> = {}): SimResponse {
    const { operationId, doneAt } = this.tracker.start(operation, ctx.seller.sellerId, plan.busyUntil, (time) => {
      const problems = work(time);
      if (!problems.some((p) => p.severity === 'ERROR')) this.touched(plan, time);
      return problems;
    });
    plan.busyUntil = doneAt;
    return { status: 202, body: { ...extra, operationId } };
  }

  private list<T>(ctx: RouteContext, max: number, key: string, all: () => T[] | { error: SimResponse }): SimResponse {
    const q = pageQuery(ctx.query, max);
    if ('error' in q) return q.error;
    const items = all();
    if (!Array.isArray(items)) return items.error;
    const { items: slice, pagination } = page(items, q.ok);
    return { status: 200, body: { [key]: slice, ...(pagination ? { pagination } : {}) } };
  }

  // ------------------------------------------------------------------ plans

  readonly createInboundPlan: Handler = (ctx) => {
    const parsed = parseBody(createInboundPlanBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const body = parsed.ok;
    const marketplaceId = body.destinationMarketplaces[0] ?? '';
    if (!ctx.marketplaceIds.includes(marketplaceId) || !rulesFor(marketplaceId)) {
      return invalidInput(`Invalid destinationMarketplaces: the seller does not sell in ${marketplaceId}.`);
    }
    const now = this.now();
    const inboundPlanId = this.ids.next('wf');
    const plan: PlanRecord = {
      inboundPlanId,
      sellerId: ctx.seller.sellerId,
      name: body.name ?? `FBA (${new Date(now).toISOString().slice(0, 16).replace('T', ' ')})`,
      marketplaceId,
      sourceAddress: body.sourceAddress,
      status: 'ACTIVE',
      createdAt: now,
      lastUpdatedAt: now,
      items: [],
      packingGroups: new Map(),
      packingOptions: [],
      placementOptions: [],
      shipments: new Map(),
      transportationOptions: [],
      deliveryWindows: [],
      placementRounds: 0,
      busyUntil: now,
    };
    this.plans.set(inboundPlanId, plan);
    return this.accept(ctx, plan, 'createInboundPlan', () => {
      const problems = this.checkItems(body.items, marketplaceId);
      if (problems.length > 0) {
        plan.status = 'ERRORED';
        return problems;
      }
      plan.items = body.items.map((i) => this.planItem(i, marketplaceId));
      return [];
    }, { inboundPlanId });
  };

  private checkItems(items: readonly { msku: string; quantity: number; labelOwner: string }[], marketplaceId: string): OperationProblem[] {
    const problems: OperationProblem[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.msku)) problems.push(problem(PROBLEMS.duplicateMsku, item.msku));
      seen.add(item.msku);
      if (item.quantity < 1) problems.push(problem(PROBLEMS.invalidQuantity, item.msku, `quantity ${item.quantity}`));
      if (!this.deps.listings.get(item.msku, marketplaceId)) problems.push(problem(PROBLEMS.mskuNotFound, item.msku));
      else if (!this.book.pool(item.msku, marketplaceId)) problems.push(problem(PROBLEMS.mskuIneligible, item.msku));
      if (item.labelOwner === 'AMAZON' && marketplaceId === 'ATVPDKIKX0DER') problems.push(problem(PROBLEMS.amazonLabelingUnavailable, item.msku));
    }
    return problems;
  }

  private planItem(i: { msku: string; quantity: number; labelOwner: PlanItem['labelOwner']; prepOwner: PlanItem['prepOwner']; expiration?: string | undefined; manufacturingLotCode?: string | undefined }, marketplaceId: string): PlanItem {
    const listing = this.deps.listings.get(i.msku, marketplaceId);
    const catalog = this.deps.listings.catalogBySku(i.msku);
    return {
      msku: i.msku,
      asin: listing?.asin ?? '',
      fnsku: listing?.fnsku ?? '',
      quantity: i.quantity,
      labelOwner: i.labelOwner,
      prepOwner: i.prepOwner,
      unitGrams: catalog?.weightGrams ?? 500,
      ...(i.expiration ? { expiration: i.expiration } : {}),
      ...(i.manufacturingLotCode ? { manufacturingLotCode: i.manufacturingLotCode } : {}),
    };
  }

  readonly getInboundPlan: Handler = (ctx) => {
    const p = this.plan(ctx);
    return 'error' in p ? p.error : { status: 200, body: planView(p.plan) };
  };

  readonly listInboundPlans: Handler = (ctx) => {
    const status = ctx.query.get('status');
    const sortBy = ctx.query.get('sortBy') ?? 'LAST_UPDATED_TIME';
    const sortOrder = ctx.query.get('sortOrder') ?? 'DESC';
    if (status !== null && !['ACTIVE', 'VOIDED', 'SHIPPED'].includes(status)) return invalidInput('status must be ACTIVE, VOIDED or SHIPPED.');
    if (!['LAST_UPDATED_TIME', 'CREATION_TIME'].includes(sortBy)) return invalidInput('sortBy must be LAST_UPDATED_TIME or CREATION_TIME.');
    if (!['ASC', 'DESC'].includes(sortOrder)) return invalidInput('sortOrder must be ASC or DESC.');
    return this.list(ctx, 30, 'inboundPlans', () => {
      const key = (p: PlanRecord) => (sortBy === 'CREATION_TIME' ? p.createdAt : p.lastUpdatedAt);
      return [...this.plans.values()]
        .filter((p) => p.sellerId === ctx.seller.sellerId && (status === null || p.status === status))
        .sort((a, b) => (key(a) - key(b) || (a.inboundPlanId < b.inboundPlanId ? -1 : 1)) * (sortOrder === 'ASC' ? 1 : -1))
        .map(planSummaryView);
    });
  };

  readonly listInboundPlanItems: Handler = (ctx) =>
    this.list(ctx, 1000, 'items', () => {
      const p = this.plan(ctx);
      if ('error' in p) return p;
      const currency = this.currency(p.plan);
      return p.plan.items.map((i) => itemView(i, i.quantity, currency));
    });

  readonly cancelInboundPlan: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const plan = p.plan;
    return this.accept(ctx, plan, 'cancelInboundPlan', (time) => {
      if (plan.status === 'VOIDED') return [problem(PROBLEMS.planVoided)];
      const chosen = this.chosenShipments(plan);
      if (chosen.some((s) => LEFT_SELLER.has(s.status))) return [problem(PROBLEMS.planNotCancellable)];
      for (const s of chosen) {
        for (const [msku, qty] of s.items) {
          const pool = this.book.pool(msku, plan.marketplaceId);
          if (pool) this.book.moveSellerInbound(pool, 'working', null, qty, time);
        }
        s.status = 'CANCELLED';
      }
      plan.status = 'VOIDED';
      return [];
    });
  };

  // ------------------------------------------------------------------ packing

  readonly generatePackingOptions: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const plan = p.plan;
    return this.accept(ctx, plan, 'generatePackingOptions', (time) => {
      const bad = this.activeWithItems(plan) ?? (plan.confirmedPlacementOptionId ? problem(PROBLEMS.placementAlreadyConfirmed) : null);
      if (bad) return [bad];
      plan.packingOptions = plan.packingOptions.filter((o) => o.status === 'ACCEPTED');
      const allTogether = this.packingGroup(plan, plan.items.map((i) => i.msku));
      plan.packingOptions.push({ packingOptionId: this.ids.next('po'), packingGroupIds: [allTogether.packingGroupId], status: 'OFFERED', expiresAt: time + PACKING_OPTION_LIFETIME_MS });
      if (plan.items.length > 1) {
        const bySku = plan.items.map((i) => this.packingGroup(plan, [i.msku]).packingGroupId);
        plan.packingOptions.push({ packingOptionId: this.ids.next('po'), packingGroupIds: bySku, status: 'OFFERED', expiresAt: time + PACKING_OPTION_LIFETIME_MS });
      }
      return [];
    });
  };

  private packingGroup(plan: PlanRecord, mskus: string[]): PackingGroupRecord {
    const group: PackingGroupRecord = { packingGroupId: this.ids.next('pg'), mskus, boxes: null };
    plan.packingGroups.set(group.packingGroupId, group);
    return group;
  }

  private activeWithItems(plan: PlanRecord): OperationProblem | null {
    if (plan.status !== 'ACTIVE') return problem(PROBLEMS.planNotActive, plan.status);
    if (plan.items.length === 0) return problem(PROBLEMS.planNotActive, 'no items');
    return null;
  }

  readonly listPackingOptions: Handler = (ctx) =>
    this.list(ctx, 20, 'packingOptions', () => {
      const p = this.plan(ctx);
      if ('error' in p) return p;
      return p.plan.packingOptions.map((o) => packingOptionView(o, p.plan.marketplaceId));
    });

  readonly confirmPackingOption: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const bad = checkId('packingOptionId', ctx.params.packingOptionId);
    if (bad) return bad;
    const plan = p.plan;
    const id = ctx.params.packingOptionId ?? '';
    return this.accept(ctx, plan, 'confirmPackingOption', (time) => {
      const option = plan.packingOptions.find((o) => o.packingOptionId === id);
      if (!option) return [problem(PROBLEMS.optionNotFound, `packing option ${id}`)];
      if (option.status === 'EXPIRED' || option.expiresAt < time) return [problem(PROBLEMS.optionExpired, `packing option ${id}`)];
      if (plan.confirmedPlacementOptionId) return [problem(PROBLEMS.placementAlreadyConfirmed)];
      for (const o of plan.packingOptions) if (o.status === 'ACCEPTED') o.status = 'OFFERED';
      option.status = 'ACCEPTED';
      plan.confirmedPackingOptionId = option.packingOptionId;
      return [];
    });
  };

  private packingGroupOf(ctx: RouteContext): { plan: PlanRecord; group: PackingGroupRecord } | { error: SimResponse } {
    const p = this.plan(ctx);
    if ('error' in p) return p;
    const bad = checkId('packingGroupId', ctx.params.packingGroupId);
    if (bad) return { error: bad };
    const group = p.plan.packingGroups.get(ctx.params.packingGroupId ?? '');
    return group ? { plan: p.plan, group } : { error: amazonError(404, 'NotFound', `Packing group ${ctx.params.packingGroupId} was not found.`) };
  }

  readonly listPackingGroupItems: Handler = (ctx) =>
    this.list(ctx, 100, 'items', () => {
      const g = this.packingGroupOf(ctx);
      if ('error' in g) return g;
      const currency = this.currency(g.plan);
      return g.plan.items.filter((i) => g.group.mskus.includes(i.msku)).map((i) => itemView(i, i.quantity, currency));
    });

  readonly listPackingGroupBoxes: Handler = (ctx) =>
    this.list(ctx, 100, 'boxes', () => {
      const g = this.packingGroupOf(ctx);
      if ('error' in g) return g;
      return (g.group.boxes ?? []).map((b) => boxView(b, g.plan));
    });

  readonly setPackingInformation: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const parsed = parseBody(setPackingInformationBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const plan = p.plan;
    return this.accept(ctx, plan, 'setPackingInformation', () => this.applyPacking(plan, parsed.ok));
  };

  private applyPacking(plan: PlanRecord, body: SetPackingInformationBody): OperationProblem[] {
    const bad = this.activeWithItems(plan);
    if (bad) return [bad];
    const problems: OperationProblem[] = [];
    const updates: (() => void)[] = [];
    const chosen = this.chosenShipments(plan);
    const accepted = plan.packingOptions.find((o) => o.packingOptionId === plan.confirmedPackingOptionId);
    for (const grouping of body.packageGroupings) {
      let planned: Map<string, number>;
      let assign: (boxes: BoxRecord[]) => void;
      if (grouping.packingGroupId !== undefined) {
        const group = plan.packingGroups.get(grouping.packingGroupId);
        if (!group || !accepted?.packingGroupIds.includes(group.packingGroupId)) {
          problems.push(problem(PROBLEMS.packingGroupNotFound, grouping.packingGroupId));
          continue;
        }
        if (plan.confirmedPlacementOptionId) {
          problems.push(problem(PROBLEMS.placementAlreadyConfirmed, 'use shipmentId after placement confirmation'));
          continue;
        }
        planned = new Map(plan.items.filter((i) => group.mskus.includes(i.msku)).map((i) => [i.msku, i.quantity]));
        assign = (boxes) => {
          group.boxes = boxes;
        };
      } else {
        const shipment = chosen.find((s) => s.shipmentId === grouping.shipmentId);
        if (!shipment) {
          problems.push(problem(PROBLEMS.shipmentNotFound, grouping.shipmentId));
          continue;
        }
        if (shipment.status !== 'WORKING') {
          problems.push(problem(PROBLEMS.invalidShipmentState, `${shipment.shipmentId} is ${shipment.status}`));
          continue;
        }
        planned = shipment.items;
        assign = (boxes) => {
          shipment.boxes = boxes.map((b, i) => ({ ...b, boxId: boxIdOf(shipment, i) }));
        };
      }
      const { boxes, problems: boxProblems } = packBoxes(plan.marketplaceId, grouping.boxes, planned, () => this.ids.next('pk'));
      problems.push(...boxProblems);
      updates.push(() => assign(boxes));
    }
    if (problems.some((x) => x.severity === 'ERROR')) return problems;
    for (const update of updates) update();
    return problems;
  }

  readonly listInboundPlanBoxes: Handler = (ctx) =>
    this.list(ctx, 1000, 'boxes', () => {
      const p = this.plan(ctx);
      if ('error' in p) return p;
      const chosen = this.chosenShipments(p.plan);
      if (chosen.length > 0) return chosen.flatMap((s) => (s.boxes ?? []).map((b) => boxView(b, p.plan, s)));
      const accepted = p.plan.packingOptions.find((o) => o.packingOptionId === p.plan.confirmedPackingOptionId);
      return (accepted?.packingGroupIds ?? []).flatMap((id) => (p.plan.packingGroups.get(id)?.boxes ?? []).map((b) => boxView(b, p.plan)));
    });

  // ------------------------------------------------------------------ placement

  readonly generatePlacementOptions: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const parsed = parseBody(generatePlacementOptionsBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const plan = p.plan;
    return this.accept(ctx, plan, 'generatePlacementOptions', (time) => {
      const bad = this.activeWithItems(plan) ?? (plan.confirmedPlacementOptionId ? problem(PROBLEMS.placementAlreadyConfirmed) : null);
      if (bad) return [bad];
      const accepted = plan.packingOptions.find((o) => o.packingOptionId === plan.confirmedPackingOptionId);
      const unpacked = (accepted?.packingGroupIds ?? []).filter((id) => !plan.packingGroups.get(id)?.boxes);
      if (unpacked.length > 0) return unpacked.map((id) => problem(PROBLEMS.packingInformationMissing, id));
      for (const old of plan.placementOptions) for (const id of old.shipmentIds) plan.shipments.delete(id);
      const { options, shipments } = generatePlacement(plan, Rng.derive(this.deps.seed, 'placement', plan.inboundPlanId, plan.placementRounds++), this.ids, time);
      plan.placementOptions = options;
      for (const s of shipments) plan.shipments.set(s.shipmentId, s);
      return [];
    });
  };

  readonly listPlacementOptions: Handler = (ctx) =>
    this.list(ctx, 20, 'placementOptions', () => {
      const p = this.plan(ctx);
      if ('error' in p) return p;
      const currency = this.currency(p.plan);
      return p.plan.placementOptions.map((o) => placementOptionView(o, currency));
    });

  readonly confirmPlacementOption: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const bad = checkId('placementOptionId', ctx.params.placementOptionId);
    if (bad) return bad;
    const plan = p.plan;
    const id = ctx.params.placementOptionId ?? '';
    return this.accept(ctx, plan, 'confirmPlacementOption', (time) => {
      const inactive = this.activeWithItems(plan);
      if (inactive) return [inactive];
      const option = plan.placementOptions.find((o) => o.placementOptionId === id);
      if (!option) return [problem(PROBLEMS.optionNotFound, `placement option ${id}`)];
      if (plan.confirmedPlacementOptionId) return [problem(PROBLEMS.placementAlreadyConfirmed)];
      if (option.status === 'EXPIRED' || option.expiresAt < time) return [problem(PROBLEMS.optionExpired, `placement option ${id}`)];
      option.status = 'ACCEPTED';
      for (const o of plan.placementOptions) if (o !== option) o.status = 'EXPIRED';
      plan.confirmedPlacementOptionId = option.placementOptionId;
      for (const s of this.chosenShipments(plan)) {
        s.status = 'WORKING';
        s.confirmationId = this.uniqueConfirmationId();
        if (s.boxes) s.boxes = s.boxes.map((b, i) => ({ ...b, boxId: boxIdOf(s, i) }));
        for (const [msku, qty] of s.items) {
          const pool = this.book.pool(msku, plan.marketplaceId);
          if (pool) this.book.moveSellerInbound(pool, null, 'working', qty, time);
        }
      }
      return [];
    });
  };

  private uniqueConfirmationId(): string {
    const used = new Set([...this.plans.values()].flatMap((p) => [...p.shipments.values()].map((s) => s.confirmationId)));
    for (;;) {
      const id = this.ids.confirmationId();
      if (!used.has(id)) return id;
    }
  }

  readonly getShipment: Handler = (ctx) => {
    const s = this.shipment(ctx);
    return 'error' in s ? s.error : { status: 200, body: shipmentView(s.shipment, s.plan) };
  };

  readonly listShipmentItems: Handler = (ctx) =>
    this.list(ctx, 1000, 'items', () => {
      const s = this.shipment(ctx);
      if ('error' in s) return s;
      const byMsku = new Map(s.plan.items.map((i) => [i.msku, i]));
      const currency = this.currency(s.plan);
      return [...s.shipment.items].flatMap(([msku, qty]) => {
        const item = byMsku.get(msku);
        return item ? [itemView(item, qty, currency)] : [];
      });
    });

  readonly listShipmentBoxes: Handler = (ctx) =>
    this.list(ctx, 1000, 'boxes', () => {
      const s = this.shipment(ctx);
      if ('error' in s) return s;
      return (s.shipment.boxes ?? []).map((b) => boxView(b, s.plan, s.shipment));
    });

  // ------------------------------------------------------------------ transportation

  readonly generateTransportationOptions: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const parsed = parseBody(generateTransportationOptionsBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const plan = p.plan;
    const body = parsed.ok;
    return this.accept(ctx, plan, 'generateTransportationOptions', (time) => {
      if (plan.confirmedPlacementOptionId !== body.placementOptionId) return [problem(PROBLEMS.placementNotConfirmed, body.placementOptionId)];
      const chosen = this.chosenShipments(plan);
      const problems: OperationProblem[] = [];
      for (const config of body.shipmentTransportationConfigurations) {
        const s = chosen.find((x) => x.shipmentId === config.shipmentId);
        if (!s) problems.push(problem(PROBLEMS.shipmentNotFound, config.shipmentId));
        else if (s.status !== 'WORKING') problems.push(problem(PROBLEMS.invalidShipmentState, `${s.shipmentId} is ${s.status}`));
        else if (!s.boxes) problems.push(problem(PROBLEMS.packingInformationMissing, s.shipmentId));
      }
      if (problems.length > 0) return problems;
      const rules = rulesFor(plan.marketplaceId);
      for (const config of body.shipmentTransportationConfigurations) {
        const s = chosen.find((x) => x.shipmentId === config.shipmentId) as ShipmentRecord;
        const start = Math.max(Date.parse(config.readyToShipWindow.start), time);
        s.readyToShip = { start, end: start + 6 * DAY };
        if (config.contactInformation) s.contact = { ...config.contactInformation };
        plan.transportationOptions = plan.transportationOptions.filter((o) => o.shipmentId !== s.shipmentId);
        const boxes = s.boxes ?? [];
        const kg = boxes.reduce((sum, b) => sum + toKg(b.weight), 0);
        const options: TransportationOptionRecord[] = [
          {
            transportationOptionId: this.ids.next('to'),
            shipmentId: s.shipmentId,
            placementOptionId: s.placementOptionId,
            solution: 'AMAZON_PARTNERED_CARRIER',
            mode: 'GROUND_SMALL_PARCEL',
            carrier: rules?.partneredCarrier ?? { name: 'United Parcel Service Inc.', alphaCode: 'UPSN' },
            quote: { costMinor: Math.round(partneredQuoteCents(boxes.length, kg) * (rules?.centFactor ?? 1)), expiresAt: time + QUOTE_LIFETIME_MS, voidableUntil: time + QUOTE_LIFETIME_MS },
            preconditions: [],
          },
          {
            transportationOptionId: this.ids.next('to'),
            shipmentId: s.shipmentId,
            placementOptionId: s.placementOptionId,
            solution: 'USE_YOUR_OWN_CARRIER',
            mode: 'GROUND_SMALL_PARCEL',
            carrier: { name: 'Other', alphaCode: 'OTHER' },
            // Amazon needs to know when an own-carrier shipment will arrive before it takes it.
            preconditions: ['CONFIRMED_DELIVERY_WINDOW'],
          },
        ];
        plan.transportationOptions.push(...options);
      }
      return [];
    });
  };

  readonly listTransportationOptions: Handler = (ctx) => {
    const placementOptionId = ctx.query.get('placementOptionId');
    const shipmentId = ctx.query.get('shipmentId');
    const bad = (placementOptionId !== null ? checkId('placementOptionId', placementOptionId) : null) ?? (shipmentId !== null ? checkId('shipmentId', shipmentId) : null);
    if (bad) return bad;
    return this.list(ctx, 20, 'transportationOptions', () => {
      const p = this.plan(ctx);
      if ('error' in p) return p;
      const currency = this.currency(p.plan);
      return p.plan.transportationOptions
        .filter((o) => (placementOptionId === null || o.placementOptionId === placementOptionId) && (shipmentId === null || o.shipmentId === shipmentId))
        .map((o) => transportationOptionView(o, currency));
    });
  };

  readonly generateDeliveryWindowOptions: Handler = (ctx) => {
    const s = this.shipment(ctx);
    if ('error' in s) return s.error;
    const { plan, shipment } = s;
    return this.accept(ctx, plan, 'generateDeliveryWindowOptions', (time) => {
      if (!this.chosenShipments(plan).includes(shipment)) return [problem(PROBLEMS.shipmentNotFound, shipment.shipmentId)];
      if (shipment.status !== 'WORKING') return [problem(PROBLEMS.invalidShipmentState, `${shipment.shipmentId} is ${shipment.status}`)];
      plan.deliveryWindows = plan.deliveryWindows.filter((w) => w.shipmentId !== shipment.shipmentId);
      const base = Math.ceil((Math.max(time, shipment.readyToShip?.start ?? time) + 3 * DAY) / DAY) * DAY;
      for (let i = 0; i < 3; i++) {
        plan.deliveryWindows.push({ deliveryWindowOptionId: this.ids.next('dw'), shipmentId: shipment.shipmentId, start: base + i * 2 * DAY, end: base + i * 2 * DAY + 7 * DAY - 1000, validUntil: time + DELIVERY_WINDOW_VALIDITY_MS });
      }
      return [];
    });
  };

  readonly listDeliveryWindowOptions: Handler = (ctx) =>
    this.list(ctx, 100, 'deliveryWindowOptions', () => {
      const s = this.shipment(ctx);
      if ('error' in s) return s;
      return s.plan.deliveryWindows.filter((w) => w.shipmentId === s.shipment.shipmentId).map(deliveryWindowView);
    });

  readonly confirmDeliveryWindowOptions: Handler = (ctx) => {
    const s = this.shipment(ctx);
    if ('error' in s) return s.error;
    const id = ctx.params.deliveryWindowOptionId ?? '';
    if (!/^[a-zA-Z0-9-]{36,38}$/.test(id)) return invalidInput('Invalid deliveryWindowOptionId.');
    const { plan, shipment } = s;
    return this.accept(ctx, plan, 'confirmDeliveryWindowOptions', (time) => {
      const w = plan.deliveryWindows.find((x) => x.deliveryWindowOptionId === id && x.shipmentId === shipment.shipmentId);
      if (!w) return [problem(PROBLEMS.optionNotFound, `delivery window option ${id}`)];
      if (w.validUntil < time) return [problem(PROBLEMS.optionExpired, `delivery window option ${id}`)];
      if (shipment.status !== 'WORKING') return [problem(PROBLEMS.invalidShipmentState, `${shipment.shipmentId} is ${shipment.status}`)];
      shipment.deliveryWindow = { deliveryWindowOptionId: w.deliveryWindowOptionId, start: w.start, end: w.end };
      return [];
    });
  };

  readonly confirmTransportationOptions: Handler = (ctx) => {
    const p = this.plan(ctx);
    if ('error' in p) return p.error;
    const parsed = parseBody(confirmTransportationOptionsBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const plan = p.plan;
    const selections = parsed.ok.transportationSelections;
    return this.accept(ctx, plan, 'confirmTransportationOptions', (time) => {
      const chosen = this.chosenShipments(plan);
      if (chosen.length === 0) return [problem(PROBLEMS.placementNotConfirmed, plan.inboundPlanId)];
      const problems: OperationProblem[] = [];
      const picks: { s: ShipmentRecord; o: TransportationOptionRecord; contact: (typeof selections)[number]['contactInformation'] }[] = [];
      for (const s of chosen) {
        const sel = selections.find((x) => x.shipmentId === s.shipmentId);
        if (!sel) {
          problems.push(problem(PROBLEMS.missingShipmentSelection, s.shipmentId));
          continue;
        }
        const o = plan.transportationOptions.find((x) => x.transportationOptionId === sel.transportationOptionId && x.shipmentId === s.shipmentId);
        if (!o) problems.push(problem(PROBLEMS.optionNotFound, `transportation option ${sel.transportationOptionId}`));
        else if (o.quote && o.quote.expiresAt < time) problems.push(problem(PROBLEMS.optionExpired, `transportation option ${o.transportationOptionId}`));
        else if (s.status !== 'WORKING') problems.push(problem(PROBLEMS.invalidShipmentState, `${s.shipmentId} is ${s.status}`));
        else if (!s.boxes) problems.push(problem(PROBLEMS.packingInformationMissing, s.shipmentId));
        else if (o.preconditions.includes('CONFIRMED_DELIVERY_WINDOW') && !s.deliveryWindow) problems.push(problem(PROBLEMS.deliveryWindowNotConfirmed, s.shipmentId));
        else picks.push({ s, o, contact: sel.contactInformation });
      }
      for (const sel of selections) if (!chosen.some((s) => s.shipmentId === sel.shipmentId)) problems.push(problem(PROBLEMS.shipmentNotFound, sel.shipmentId));
      if (problems.length > 0) return problems;
      for (const { s, o, contact } of picks) {
        s.transportationOptionId = o.transportationOptionId;
        s.status = 'READY_TO_SHIP';
        if (contact) s.contact = { ...contact };
        if (o.solution === 'AMAZON_PARTNERED_CARRIER') {
          s.tracking = { spd: (s.boxes ?? []).map((b) => ({ boxId: b.boxId ?? b.packageId, trackingId: this.ids.upsTracking(), status: 'NOT_VALIDATED' as const })) };
          // The partnered carrier collects on the first ready-to-ship day, some hours in.
          const pickup = Math.max(time, s.readyToShip?.start ?? time) + Math.round(this.rng.real(4, 20) * HOUR);
          this.progress.ship(plan, s, pickup);
        }
      }
      return [];
    });
  };

  readonly updateShipmentTrackingDetails: Handler = (ctx) => {
    const s = this.shipment(ctx);
    if ('error' in s) return s.error;
    const parsed = parseBody(updateTrackingBody, ctx.body);
    if ('error' in parsed) return parsed.error;
    const { plan, shipment } = s;
    const details = parsed.ok.trackingDetails;
    return this.accept(ctx, plan, 'updateShipmentTrackingDetails', (time) => {
      if (!['READY_TO_SHIP', 'SHIPPED', 'IN_TRANSIT'].includes(shipment.status)) return [problem(PROBLEMS.invalidShipmentState, `${shipment.shipmentId} is ${shipment.status}`)];
      const option = plan.transportationOptions.find((o) => o.transportationOptionId === shipment.transportationOptionId);
      if (option?.solution === 'AMAZON_PARTNERED_CARRIER') return [problem(PROBLEMS.partneredTracking, shipment.shipmentId)];
      const boxIds = new Set((shipment.boxes ?? []).map((b) => b.boxId));
      const unknown = (details.spdTrackingDetail?.spdTrackingItems ?? []).filter((i) => !boxIds.has(i.boxId));
      if (unknown.length > 0) return unknown.map((i) => problem(PROBLEMS.unknownBoxId, i.boxId));
      shipment.tracking = {
        ...(details.spdTrackingDetail ? { spd: details.spdTrackingDetail.spdTrackingItems.map((i) => ({ boxId: i.boxId, trackingId: i.trackingId, status: 'NOT_VALIDATED' as const })) } : {}),
        ...(details.ltlTrackingDetail ? { ltl: { freightBillNumber: details.ltlTrackingDetail.freightBillNumber, ...(details.ltlTrackingDetail.billOfLadingNumber ? { billOfLadingNumber: details.ltlTrackingDetail.billOfLadingNumber } : {}) } } : {}),
      };
      // The carrier's first scan follows the seller's upload within hours.
      if (shipment.status === 'READY_TO_SHIP') this.progress.ship(plan, shipment, time + Math.round(this.rng.real(1, 6) * HOUR));
      return [];
    });
  };

  // ------------------------------------------------------------------ operations

  readonly getInboundOperationStatus: Handler = (ctx) => {
    const id = ctx.params.operationId ?? '';
    if (!/^[a-zA-Z0-9-]{36,38}$/.test(id)) return invalidInput('Invalid operationId.');
    const op = this.tracker.get(id);
    if (!op || op.sellerId !== ctx.seller.sellerId) return amazonError(404, 'NotFound', `Operation ${id} was not found.`);
    return { status: 200, body: { operationId: op.operationId, operation: op.operation, operationStatus: op.status, operationProblems: op.problems } };
  };
}

/** Box ids as printed on carton labels: the shipment's confirmation id, `U`, and the box number in six digits. */
function boxIdOf(s: ShipmentRecord, index: number): string | undefined {
  return s.confirmationId ? `${s.confirmationId}U${String(index + 1).padStart(6, '0')}` : undefined;
}
