import type { Knex } from 'knex';
import { z } from 'zod';
import {
  ALLOW_SPLIT_SETTING,
  allocationRulesSchema,
  auditRuleCodes,
  auditRuleConfigSchema,
  auditRuleConfigsSchema,
  blockingReasons,
  cancellableStates,
  reservingStates,
  carrierRulesSchema,
  defaultAuditRules,
  resolveInputSchema,
  type AllocationPackage,
  type AllocationRule,
  type AllocationRuleInput,
  type AuditRuleConfig,
  type AuditRuleSet,
  type CarrierRule,
  type CarrierRuleInput,
  type ExceptionReason,
  type ExceptionsPage,
  type ExceptionsQuery,
  type Finding,
  type OrderFulfillmentView,
  type OrderWorkflow,
  type ProcessOutcome,
  type ResolveInput,
  type WorkflowState,
} from '../../../shared/domain/fulfillment';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import {
  allocatableWarehouses,
  allocationRuleRows,
  allocationsOf,
  auditRuleRows,
  availableUnits,
  carrierRuleRows,
  findDuplicate,
  getException,
  getWorkflowRow,
  insertWorkflow,
  openExceptionsOf,
  orderHeads,
  orderLines,
  overriddenReasons,
  productsForSellerSkus,
  putAuditRule,
  replaceAllocationRules,
  replaceCarrierRules,
  resolveExceptions,
  setPiiHashes,
  type OrderHeadRow,
} from '../../db/repositories/fulfillment.repo';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import { findWarehouse } from '../../db/repositories/warehouses.repo';
import type { SecretBox } from '../../spapi/secret-box';
import { appendAudit } from '../../db/repositories/audit.repo';
import type { AuditFn } from '../audit.service';
import { expandBundles } from '../inventory/bundles';
import type { InventoryService } from '../inventory/inventory.service';
import { parseInput } from '../validate';
import { planAllocation, writeAllocation, type AllocationPlan } from './allocation';
import { runAuditRules, type AuditContext } from './audit-rules';
import { isPremium, matchCarrierRule, rulesNeedWeight } from './carrier-rules';
import { listOpenExceptions, reconcileExceptions } from './exceptions.service';
import { loadOrderFacts, type OrderFacts } from './order-facts';
import { addressHash, buyerHash, loadHashKey } from './pii-hash';
import { toWorkflow, transition, workflowOf } from './workflow';

/** Amazon statuses in which an FBM order still waits for the warehouse. PENDING orders are not paid yet: not started. */
const OPEN_STATUSES = new Set(['UNSHIPPED', 'PARTIALLY_SHIPPED']);
/** Who acts when the sync (not a person) moves an order. */
export const FULFILLMENT_SYSTEM_ACTOR = 'system:fulfillment';

const orderIdSchema = z.string().trim().min(1).max(40);
const orderIdsSchema = z.array(orderIdSchema).min(1).max(1000);
const exceptionIdSchema = z.number().int().positive();
const noteSchema = z.string().trim().min(1).max(500);

interface RuleSnapshot {
  audit: AuditRuleSet;
  allocation: AllocationRule[];
  carrier: CarrierRule[];
  allowSplit: boolean;
}

interface Evaluation {
  findings: Finding[];
  plan: AllocationPlan | null;
  carrier: CarrierRule | null;
}

export interface FulfillmentDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  actor: string;
  inventory: Pick<InventoryService, 'reserveForOrder' | 'releaseOrder' | 'shipOrder'>;
  /** Opens the sealed buyer/recipient columns in memory; without it the address and duplicate rules cannot see PII. */
  secretBox?: SecretBox;
  /** Orders the sync hook could not process; gets order ids and error codes only. */
  log?: Pick<Console, 'warn'>;
}

/** Rows whose stored JSON no longer parses (a newer build wrote them) fall back to the default for that rule. */
export async function readAuditRules(db: Queryable): Promise<AuditRuleSet> {
  const set = structuredClone(defaultAuditRules) as Record<string, { enabled: boolean; params: unknown }>;
  for (const row of await auditRuleRows(db)) {
    const parsed = auditRuleConfigSchema.safeParse({ code: row.code, enabled: row.enabled, params: row.params });
    if (parsed.success) set[parsed.data.code] = { enabled: parsed.data.enabled, params: parsed.data.params };
  }
  return set as AuditRuleSet;
}

async function readAllowSplit(db: Queryable): Promise<boolean> {
  return (await getSetting(db, ALLOW_SPLIT_SETTING)) === true;
}

/**
 * The packages of an allocated order, as the packing station ships them: per package its warehouse, the order items
 * with their quantities (what confirmShipment lists) and the units to pick (bundles as components).
 */
export async function packagesOf(db: Queryable, orderId: string): Promise<AllocationPackage[]> {
  const rows = await allocationsOf(db, orderId);
  if (rows.length === 0) return [];
  const head = (await orderHeads(db, [orderId])).get(orderId);
  const lines = await orderLines(db, orderId);
  const mapping = head ? await productsForSellerSkus(db, head.store_id, head.marketplace_id, lines.map((l) => l.seller_sku).filter((s): s is string => s !== null)) : new Map<string, number>();
  const out = new Map<number, AllocationPackage>();
  for (const r of rows) {
    const p = out.get(r.package_no) ?? { packageNo: r.package_no, warehouseId: r.warehouse_id, items: [], units: [] };
    const unit = p.units.find((u) => u.productId === r.product_id);
    if (unit) unit.quantity += r.quantity;
    else p.units.push({ productId: r.product_id, quantity: r.quantity });
    out.set(r.package_no, p);
  }
  // An item's quantity in a package: its rows divided by what one unit of the item takes of that product.
  for (const p of out.values()) {
    for (const itemId of [...new Set(rows.filter((r) => r.package_no === p.packageNo).map((r) => r.order_item_id))]) {
      const line = lines.find((l) => l.order_item_id === itemId);
      const productId = line?.seller_sku ? mapping.get(line.seller_sku) : undefined;
      const first = rows.find((r) => r.package_no === p.packageNo && r.order_item_id === itemId);
      if (!first) continue;
      let perUnit = 1;
      if (productId !== undefined) perUnit = (await expandBundles(db, [{ productId, quantity: 1 }])).find((u) => u.productId === first.product_id)?.quantity ?? 1;
      p.items.push({ orderItemId: itemId, quantity: Math.round(first.quantity / perUnit) });
    }
  }
  return [...out.values()].sort((a, b) => a.packageNo - b.packageNo);
}

/**
 * The order workflow's service side (运营转跟单): FBM orders get a workflow row when they arrive, are audited (审单),
 * allocated to a warehouse with their stock reserved, and given a carrier channel; failing orders wait in the exception
 * pool for a person. Amazon cancellations stop open orders and release their stock. Every change commits with its
 * audit row.
 */
export function createFulfillmentService(deps: FulfillmentDeps) {
  const now = () => deps.clock.now().toISOString();

  async function rules(db: Queryable): Promise<RuleSnapshot> {
    return { audit: await readAuditRules(db), allocation: await allocationRuleRows(db), carrier: await carrierRuleRows(db), allowSplit: await readAllowSplit(db) };
  }

  // Read per order, not cached: a key created in a transaction that later rolls back must not outlive it.
  async function keyFor(trx: Knex.Transaction, at: string): Promise<Buffer | null> {
    return deps.secretBox ? loadHashKey(trx, deps.secretBox, at) : null;
  }

  async function evaluate(trx: Knex.Transaction, facts: OrderFacts, r: RuleSnapshot, at: string, overridden: ReadonlySet<ExceptionReason>): Promise<Evaluation> {
    const head = facts.head;
    let plan: AllocationPlan | null = null;
    if (facts.planLines) {
      const warehouses = await allocatableWarehouses(trx);
      const productIds = facts.planLines.flatMap((l) => l.perUnit.map((u) => u.productId));
      const available = await availableUnits(trx, productIds, warehouses.map((w) => w.id));
      plan = planAllocation({
        country: facts.view.address?.countryCode ?? head.ship_country,
        lines: facts.planLines,
        warehouses,
        rules: r.allocation,
        available: (w, p) => available.get(`${w}:${p}`) ?? 0,
        backorder: new Set([...facts.products.values()].filter((p) => Boolean(p.allow_backorder)).map((p) => p.id)),
        allowSplit: r.allowSplit,
        skuOf: (p) => facts.products.get(p)?.sku ?? String(p),
      });
    }

    const country = (facts.view.address?.countryCode ?? head.ship_country)?.toUpperCase() ?? null;
    const programs = head.programs_json ? (JSON.parse(head.programs_json) as string[]) : [];
    const carrier = matchCarrierRule(r.carrier, {
      country,
      region: facts.region,
      warehouseId: plan?.ok ? (plan.packages[0]?.warehouseId ?? null) : null,
      weightG: facts.weightG,
      maxSideMm: facts.maxSideMm,
      currency: head.currency,
      valueMinor: head.grand_total_minor === null ? null : Number(head.grand_total_minor),
      premium: isPremium(programs, head.service_level),
      hoursToShipBy: head.ship_by_latest ? (Date.parse(head.ship_by_latest) - Date.parse(at)) / 3_600_000 : null,
    });

    let duplicate: AuditContext['duplicate'] = null;
    const key = await keyFor(trx, at);
    if (key) {
      const hashes = { buyer: buyerHash(key, facts.buyer), address: addressHash(key, facts.recipientAddress) };
      await setPiiHashes(trx, head.id, hashes);
      const dup = r.audit['duplicate-order'];
      if (dup.enabled) {
        duplicate = await findDuplicate(trx, {
          orderId: head.id,
          createdTime: head.created_time,
          windowMs: dup.params.windowHours * 3_600_000,
          buyerHash: dup.params.match === 'address' ? null : hashes.buyer,
          addressHash: dup.params.match === 'buyer' ? null : hashes.address,
        });
      }
    }

    const ctx: AuditContext = {
      carrierCode: carrier?.carrierCode ?? null,
      stockShortage: plan && !plan.ok ? plan.shortage : null,
      skusWithoutWeight: facts.skusWithoutWeight,
      weightNeeded: rulesNeedWeight(r.carrier),
      duplicate,
    };
    const findings = runAuditRules(facts.view, ctx, r.audit, overridden);
    // No rules at all means the seller chooses carriers at the packing station; rules that all miss mean a gap.
    const enabledCarrierRules = r.carrier.filter((c) => c.enabled).length;
    if (!carrier && enabledCarrierRules > 0 && !overridden.has('no-carrier-rule')) {
      findings.push({ code: 'no-carrier-rule', params: { country, weightG: facts.weightG, rules: enabledCarrierRules } });
    }
    return { findings, plan, carrier };
  }

  async function cancelIn(trx: Knex.Transaction, orderId: string, opts: { actor: string; at: string; note: string; expectedVersion?: number }) {
    const moved = await transition(trx, orderId, 'cancelled', { actor: opts.actor, now: opts.at, note: opts.note, inventory: deps.inventory, ...(opts.expectedVersion !== undefined ? { expectedVersion: opts.expectedVersion } : {}) });
    const open = await openExceptionsOf(trx, orderId);
    await resolveExceptions(trx, open.map((e) => e.id), { resolution: 'cancelled', by: opts.actor, at: opts.at, note: opts.note });
    return moved;
  }

  /**
   * One order through as much of the workflow as the system may do alone. Idempotent: an order already allocated (or
   * further) is left as it is, so the sync can hand over the same order on every page that mentions it.
   */
  async function processOne(trx: Knex.Transaction, head: OrderHeadRow, opts: { actor: string; gone: 'edited' | 'cleared'; note?: string }): Promise<ProcessOutcome> {
    const at = now();
    if (head.fulfilled_by !== 'MERCHANT') return 'skipped';
    let wf = await getWorkflowRow(trx, head.id);
    if (head.status === 'CANCELLED') {
      if (!wf || !cancellableStates.includes(wf.state)) return wf ? 'unchanged' : 'skipped';
      await cancelIn(trx, head.id, { actor: opts.actor, at, note: 'cancelled-on-amazon' });
      return 'cancelled';
    }
    if (head.status === 'SHIPPED' && wf && cancellableStates.includes(wf.state)) {
      await closeShippedOnAmazon(trx, head.id, wf.state, { actor: opts.actor, at });
      return 'shipped';
    }
    if (!OPEN_STATUSES.has(head.status)) return wf ? 'unchanged' : 'skipped';
    if (wf && reservingStates.includes(wf.state)) {
      const extra = await unitsNoLongerOwed(trx, head.id);
      if (extra === 0) return 'unchanged';
      // Units not yet touched are simply allocated afresh; units already picked must go back to the shelf first.
      const picked = wf.state !== 'allocated';
      await transition(trx, head.id, 'exception', { actor: opts.actor, now: at, note: 'order-changed-on-amazon', inventory: deps.inventory, reportedByAmazon: true });
      if (picked) {
        await reconcileExceptions(trx, head.id, [{ code: 'order-changed', params: { units: extra, state: wf.state } }], { now: at, actor: opts.actor, gone: 'cleared' });
        return 'exception';
      }
      wf = await getWorkflowRow(trx, head.id);
    }
    if (!wf) {
      await insertWorkflow(trx, head.id, at);
      await appendAudit(trx, { at, actor: opts.actor, action: 'order.workflow', entity: 'order', entityId: head.id, detail: { from: null, to: 'new', version: 1 } });
      wf = await getWorkflowRow(trx, head.id);
    }
    if (!wf || (wf.state !== 'new' && wf.state !== 'exception')) return 'unchanged';

    const facts = await loadOrderFacts(trx, head, deps.secretBox);
    if (facts.view.lines.length === 0) return 'unchanged';
    const overridden = await overriddenReasons(trx, head.id);
    const { findings, plan, carrier } = await evaluate(trx, facts, await rules(trx), at, overridden);
    await reconcileExceptions(trx, head.id, findings, { now: at, actor: opts.actor, gone: opts.gone, note: opts.note ?? null });
    if (findings.length > 0) {
      if (wf.state === 'new') await transition(trx, head.id, 'exception', { actor: opts.actor, now: at, note: findings.map((f) => f.code).join(','), inventory: deps.inventory });
      return 'exception';
    }
    if (!plan?.ok || !facts.planLines) throw new Error('an order passed the audit without an allocation plan');

    await transition(trx, head.id, 'audited', { actor: opts.actor, now: at, inventory: deps.inventory });
    await writeAllocation(trx, { inventory: deps.inventory }, head.id, facts.planLines, plan.packages);
    await transition(trx, head.id, 'allocated', {
      actor: opts.actor,
      now: at,
      inventory: deps.inventory,
      note: plan.packages.length > 1 ? `split:${plan.packages.length}` : undefined,
      patch: {
        warehouse_id: plan.packages[0]?.warehouseId ?? null,
        carrier_code: carrier?.carrierCode ?? null,
        carrier_name: carrier?.carrierName ?? null,
        shipping_service: carrier?.shippingService ?? null,
        label_template: carrier?.labelTemplate ?? null,
      },
    });
    return 'allocated';
  }

  /**
   * Amazon reports the order shipped though the warehouse has not shipped it (confirmed in Seller Central or another
   * tool). Units set aside for it are taken as the ones that left: the reservation becomes a shipment in the ledger.
   */
  async function closeShippedOnAmazon(trx: Knex.Transaction, orderId: string, state: WorkflowState, r: { actor: string; at: string }): Promise<void> {
    if (reservingStates.includes(state)) await deps.inventory.shipOrder(trx, orderId);
    await transition(trx, orderId, 'shipped', { actor: r.actor, now: r.at, note: 'shipped-on-amazon', reportedByAmazon: true });
    const open = await openExceptionsOf(trx, orderId);
    await resolveExceptions(trx, open.map((e) => e.id), { resolution: 'cleared', by: r.actor, at: r.at, note: 'shipped-on-amazon' });
  }

  /**
   * Units allocated to the order beyond what Amazon still wants shipped (a partial cancellation, units shipped
   * elsewhere). Packages the station already shipped count as shipped even before Amazon has heard of them.
   */
  async function unitsNoLongerOwed(trx: Knex.Transaction, orderId: string): Promise<number> {
    const allocated = new Map<string, number>();
    for (const p of await packagesOf(trx, orderId)) for (const i of p.items) allocated.set(i.orderItemId, (allocated.get(i.orderItemId) ?? 0) + i.quantity);
    const local = new Map<string, number>();
    for (const json of await trx('local_shipments').where({ order_id: orderId }).pluck<string[]>('items_json'))
      for (const i of JSON.parse(json) as { orderItemId: string; quantity: number }[]) local.set(i.orderItemId, (local.get(i.orderItemId) ?? 0) + i.quantity);
    let extra = 0;
    for (const line of await orderLines(trx, orderId)) {
      const shippedHere = local.get(line.order_item_id) ?? 0;
      const owed = line.quantity_ordered - line.quantity_cancelled - Math.max(line.quantity_shipped, shippedHere);
      extra += Math.max(0, (allocated.get(line.order_item_id) ?? 0) - shippedHere - Math.max(0, owed));
    }
    return extra;
  }

  async function headOf(db: Queryable, orderId: string): Promise<OrderHeadRow> {
    const head = (await orderHeads(db, [orderId])).get(orderId);
    if (!head) throw new AppError('not-found', { entity: 'order', id: orderId });
    return head;
  }

  /** Ensures workflow rows for FBM orders, audits, allocates and picks carriers; one transaction per order. */
  async function process(orderIds: string[]): Promise<Record<string, ProcessOutcome>> {
    const ids = parseInput(orderIdsSchema, orderIds);
    const out: Record<string, ProcessOutcome> = {};
    for (const id of ids) {
      out[id] = await deps.db.transaction(async (trx) => {
        const head = (await orderHeads(trx, [id])).get(id);
        return head ? processOne(trx, head, { actor: deps.actor, gone: 'cleared' }) : 'skipped';
      });
    }
    return out;
  }

  /**
   * The orders job's hook, inside the transaction that stored the page. Each order runs in a savepoint: an order that
   * cannot be processed is logged (id and error code only) and left for process() or the next sync, and never costs
   * the page its commit.
   */
  async function onOrdersSynced(trx: Knex.Transaction, orderIds: readonly string[]): Promise<void> {
    const heads = await orderHeads(trx, orderIds);
    for (const head of heads.values()) {
      if (head.fulfilled_by !== 'MERCHANT') continue;
      try {
        await trx.transaction((sp) => processOne(sp, head, { actor: FULFILLMENT_SYSTEM_ACTOR, gone: 'cleared' }));
      } catch (err) {
        const code = err instanceof AppError ? `${err.code}:${String(err.params.reason ?? '')}` : err instanceof Error ? err.name : 'error';
        (deps.log ?? console).warn(`fulfillment: order ${head.id} not processed (${code})`);
      }
    }
  }

  /** FBM orders still waiting for the system: open on Amazon with no workflow row, or new. For start-up and after catalog changes. */
  async function processPending(limit = 500): Promise<Record<string, ProcessOutcome>> {
    const ids = await deps.db('orders as o')
      .leftJoin('order_workflow as w', 'w.order_id', 'o.id')
      .where('o.fulfilled_by', 'MERCHANT')
      .whereIn('o.status', [...OPEN_STATUSES])
      .where((q) => q.whereNull('w.order_id').orWhere('w.state', 'new'))
      .orderBy('o.created_time')
      .limit(Math.max(1, Math.min(limit, 1000)))
      .pluck<string[]>('o.id');
    return ids.length > 0 ? process(ids) : {};
  }

  async function exceptions(query: ExceptionsQuery): Promise<ExceptionsPage> {
    return listOpenExceptions(deps.db, query);
  }

  /** A person settles one exception; the order moves on (or back to the pool) in the same transaction. */
  async function resolve(exceptionId: number, input: ResolveInput): Promise<{ state: WorkflowState; version: number; open: number }> {
    const id = parseInput(exceptionIdSchema, exceptionId);
    const r = parseInput(resolveInputSchema, input);
    return deps.db.transaction(async (trx) => {
      const e = await getException(trx, id);
      if (!e) throw new AppError('not-found', { entity: 'order-exception', id });
      if (e.resolvedAt !== null) throw new AppError('conflict', { reason: 'already-resolved', resolution: e.resolution ?? '' });
      const wf = await getWorkflowRow(trx, e.orderId);
      if (!wf || wf.state !== 'exception') throw new AppError('conflict', { reason: 'not-in-exception', state: wf?.state ?? '' });
      const at = now();
      if (r.action === 'cancel') {
        await cancelIn(trx, e.orderId, { actor: deps.actor, at, note: r.note });
      } else {
        if (r.action === 'override') {
          if (blockingReasons.includes(e.reasonCode)) throw new AppError('invalid-input', { field: 'action', reason: 'not-overridable', reasonCode: e.reasonCode });
          await resolveExceptions(trx, [e.id], { resolution: 'overridden', by: deps.actor, at, note: r.note });
        }
        await processOne(trx, await headOf(trx, e.orderId), { actor: deps.actor, gone: 'edited', ...(r.note ? { note: r.note } : {}) });
      }
      await deps.audit(trx, { action: `order.exception.${r.action}`, entity: 'order', entityId: e.orderId, detail: { exceptionId: e.id, reasonCode: e.reasonCode, ...(r.note ? { note: r.note } : {}) } });
      const after = await getWorkflowRow(trx, e.orderId);
      return { state: after?.state ?? 'cancelled', version: after?.version ?? 0, open: (await openExceptionsOf(trx, e.orderId)).length };
    });
  }

  /** A person cancels an order in the warehouse (cancelling on Amazon stays Seller Central's job); releases its stock. */
  async function cancel(orderId: string, note: string, opts: { expectedVersion?: number } = {}): Promise<{ state: WorkflowState; version: number }> {
    const id = parseInput(orderIdSchema, orderId);
    const text = parseInput(noteSchema, note);
    return deps.db.transaction(async (trx) => {
      if (!(await getWorkflowRow(trx, id))) throw new AppError('not-found', { entity: 'order-workflow', id });
      return cancelIn(trx, id, { actor: deps.actor, at: now(), note: text, ...opts });
    });
  }

  async function markDelivered(orderId: string, opts: { expectedVersion?: number } = {}): Promise<{ state: WorkflowState; version: number }> {
    const id = parseInput(orderIdSchema, orderId);
    return deps.db.transaction((trx) => transition(trx, id, 'delivered', { actor: deps.actor, now: now(), ...opts }));
  }

  /** Moves an order for another module (picking, packing) inside its transaction, releasing stock where the move does. */
  function transitionIn(trx: Knex.Transaction, orderId: string, to: WorkflowState, opts: { expectedVersion?: number; note?: string; actor?: string } = {}) {
    return transition(trx, orderId, to, { actor: opts.actor ?? deps.actor, now: now(), inventory: deps.inventory, ...(opts.expectedVersion !== undefined ? { expectedVersion: opts.expectedVersion } : {}), ...(opts.note ? { note: opts.note } : {}) });
  }

  async function view(orderId: string): Promise<OrderFulfillmentView | null> {
    const id = parseInput(orderIdSchema, orderId);
    const row = await getWorkflowRow(deps.db, id);
    if (!row) return null;
    return { ...toWorkflow(row), packages: await packagesOf(deps.db, id), openExceptions: await openExceptionsOf(deps.db, id) };
  }

  /** Errors name the rule's index as `field` and the full path, like parseInput does for schema problems. */
  async function usableWarehouse(db: Queryable, warehouseId: number, index: number, path: string): Promise<void> {
    const w = await findWarehouse(db, warehouseId);
    if (!w || w.kind === 'fba' || w.archivedAt !== null) throw new AppError('invalid-input', { field: String(index), path: `${index}.${path}`, reason: !w ? 'unknown-warehouse' : w.kind === 'fba' ? 'fba-warehouse' : 'warehouse-archived' });
  }

  const ruleApi = {
    audit: {
      async get(): Promise<AuditRuleConfig[]> {
        const set = await readAuditRules(deps.db);
        return auditRuleCodes.map((code) => ({ code, ...set[code] }) as AuditRuleConfig);
      },
      async set(configs: AuditRuleConfig[]): Promise<AuditRuleConfig[]> {
        const parsed = parseInput(auditRuleConfigsSchema, configs);
        for (const [i, c] of parsed.entries()) {
          if (!c.enabled && blockingReasons.includes(c.code)) throw new AppError('invalid-input', { field: String(i), path: `${i}.enabled`, reason: 'blocking-rule' });
          if (parsed.findIndex((o) => o.code === c.code) !== i) throw new AppError('invalid-input', { field: String(i), path: `${i}.code`, reason: 'duplicate' });
        }
        await deps.db.transaction(async (trx) => {
          const at = now();
          for (const c of parsed) await putAuditRule(trx, c, at);
          await deps.audit(trx, { action: 'fulfillment.audit-rules', entity: 'setting', entityId: 'audit_rules', detail: { rules: parsed.map((c) => ({ code: c.code, enabled: c.enabled, params: c.params })) } });
        });
        return ruleApi.audit.get();
      },
    },
    allocation: {
      get: (): Promise<AllocationRule[]> => allocationRuleRows(deps.db),
      async set(input: AllocationRuleInput[]): Promise<AllocationRule[]> {
        const parsed = parseInput(allocationRulesSchema, input);
        await deps.db.transaction(async (trx) => {
          for (const [i, r] of parsed.entries()) await usableWarehouse(trx, r.warehouseId, i, 'warehouseId');
          await replaceAllocationRules(trx, parsed);
          await deps.audit(trx, { action: 'fulfillment.allocation-rules', entity: 'setting', entityId: 'allocation_rules', detail: { rules: parsed } });
        });
        return allocationRuleRows(deps.db);
      },
    },
    carrier: {
      get: (): Promise<CarrierRule[]> => carrierRuleRows(deps.db),
      /** Carrier codes are checked against Amazon's list here, when the rule is saved, not when a parcel is refused. */
      async set(input: CarrierRuleInput[]): Promise<CarrierRule[]> {
        const parsed = parseInput(carrierRulesSchema, input);
        await deps.db.transaction(async (trx) => {
          for (const [i, r] of parsed.entries()) for (const w of r.conditions.warehouseIds ?? []) await usableWarehouse(trx, w, i, 'conditions.warehouseIds');
          await replaceCarrierRules(trx, parsed);
          await deps.audit(trx, { action: 'fulfillment.carrier-rules', entity: 'setting', entityId: 'carrier_rules', detail: { rules: parsed.map((r) => ({ name: r.name, priority: r.priority, carrierCode: r.carrierCode, enabled: r.enabled })) } });
        });
        return carrierRuleRows(deps.db);
      },
    },
    allowSplit: {
      get: (): Promise<boolean> => readAllowSplit(deps.db),
      async set(allow: boolean): Promise<boolean> {
        const value = parseInput(z.boolean(), allow);
        const before = await readAllowSplit(deps.db);
        await deps.db.transaction(async (trx) => {
          await putSetting(trx, ALLOW_SPLIT_SETTING, value, now());
          await deps.audit(trx, { action: 'settings.update', entity: 'setting', entityId: ALLOW_SPLIT_SETTING, detail: { from: before, to: value } });
        });
        return value;
      },
    },
  };

  return {
    process,
    processPending,
    onOrdersSynced,
    exceptions,
    resolve,
    cancel,
    markDelivered,
    transitionIn,
    view,
    workflowOf: (orderId: string): Promise<OrderWorkflow | null> => workflowOf(deps.db, orderId),
    packagesOf: (orderId: string) => packagesOf(deps.db, orderId),
    rules: ruleApi,
  };
}

export type FulfillmentService = ReturnType<typeof createFulfillmentService>;
