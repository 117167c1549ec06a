import type { Knex } from 'knex';
import {
  reconActionInputSchema,
  reconPushInputSchema,
  type ReconActionInput,
  type ReconPushInput,
  type ReconStock,
  type ReconStockRow,
  type StockAction,
  type StockCause,
} from '../../../shared/domain/reconciliation';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import type { AuditFn } from '../audit.service';
import { figuresOf, onePerPool } from '../inventory/fba-mirror';
import { getFbmSafetyBuffer, queueFbmQuantities } from '../inventory/fbm-push';
import type { StockChangedHook } from '../inventory/inventory.service';
import { recordMovements, stockLevels } from '../inventory/ledger';
import { parseInput } from '../validate';
import { createClaims } from './claims';
import {
  afnShipments,
  fbaBreakdowns,
  fbaPairs,
  fbmOffers,
  inboundShortages,
  inventorySnapshots,
  lastFbmPushes,
  ordersCoveredUntil,
  type FbaBreakdownRow,
  type FbaPair,
} from './stock-recon.queries';

/**
 * Stock reconciliation (库存对账): per SKU × place, what the ledger expects against what Amazon reports.
 *
 * FBA. The FBA mirror keeps the FBA warehouse's levels equal to Amazon's figures (every inventory sync posts a
 * `sync-correction`), so Amazon's figure is the ledger level and a discrepancy is a correction nothing explains. For
 * each product × FBA warehouse, from its baseline (the last point a clerk accepted, else the mirror's opening figure):
 *   expected on hand = baseline on hand + units that left in transit since (inbound receipts, however posted)
 *                      − units Amazon shipped to buyers since (AFN orders in the orders mirror, dated by when they
 *                        turned shipped, up to the inventory snapshot of their marketplace)
 *   deviation        = Amazon's on hand − expected.
 * A negative deviation is an unsynced sale while the orders mirror has not reached the inventory snapshot yet, an
 * inbound shortage when a shipment Amazon closed short explains it, and otherwise units lost or damaged in an FC; a
 * positive one is unexplained (found units, a reversal). Amazon's on hand counts unfulfillable and researching units:
 * a unit damaged in the FC stays the seller's until Amazon removes or reimburses it.
 *
 * FBM. Expected = what we last pushed (`available − buffer`); Amazon = the listings mirror's quantity. A difference
 * with no push still on its way (pending, or sent after the listings were last read) is a manual change in Seller
 * Central, or a push that was dead-lettered.
 *
 * Actions, each one transaction with its audit row: accept Amazon's figure (FBA: a baseline at the current snapshot;
 * FBM: a `sync-correction` at the offer's warehouse so that available − buffer equals Amazon's quantity), push ours
 * (FBM: the quantity through the outbox), open a case (FBA losses: a claim draft with the evidence and Amazon's
 * 60-day deadline, and a baseline so the row leaves the list while the claim runs).
 */
export function createStockReconService(deps: { db: Db; clock: Clock; audit: AuditFn; actor: string; onStockChanged?: StockChangedHook; onQueued?: () => void }) {
  const claims = createClaims({ db: deps.db, clock: deps.clock });

  interface Computed {
    rows: ReconStockRow[];
    checked: number;
    expectedUnits: number;
    fba: Map<string, FbaPair & { snapshotAt: string }>;
  }

  async function compute(db: Queryable): Promise<Computed> {
    const pairs = await fbaPairs(db);
    const snapshots = await inventorySnapshots(db);
    const covered = await ordersCoveredUntil(db);
    const earliest = pairs.reduce((min, p) => (p.baseline.snapshotAt < min ? p.baseline.snapshotAt : min), '9999');
    const shipments = pairs.length > 0 ? await afnShipments(db, earliest) : [];
    const breakdowns = await fbaBreakdowns(db);
    const listings = await db('product_listings').select<{ store_id: number; marketplace_id: string; seller_sku: string; product_id: number }[]>('store_id', 'marketplace_id', 'seller_sku', 'product_id');
    const rows: ReconStockRow[] = [];
    const fba = new Map<string, FbaPair & { snapshotAt: string }>();
    let checked = 0;
    let expectedUnits = 0;

    for (const p of pairs) {
      // A store is one region, so its marketplaces' snapshots are this warehouse's.
      const snapshotOf = snapshots.get(p.storeId) ?? new Map<string, string>();
      const latest = [...snapshotOf.values()].reduce((max, at) => (at > max ? at : max), p.baseline.snapshotAt);
      const mine = mappedViews(breakdowns, listings, p);
      // Sales count against the pools the mirror counted (the preferred Pan-EU view stands for its pool, as there).
      const pools = new Set(mine.map((v) => v.marketplace_id));
      let sold = 0;
      for (const s of shipments) {
        if (s.storeId !== p.storeId || s.productId !== p.productId || s.shippedAt <= p.baseline.snapshotAt || !pools.has(s.marketplaceId)) continue;
        const upTo = snapshotOf.get(s.marketplaceId) ?? latest;
        if (s.shippedAt <= upTo) sold += s.quantity;
      }
      const expected = p.baseline.onHand + p.receipts - sold;
      const deviation = p.onHand - expected;
      checked += 1;
      expectedUnits += Math.max(0, expected);
      const key = `fba:${p.productId}:${p.warehouseId}`;
      fba.set(key, { ...p, snapshotAt: latest });
      if (deviation === 0) continue;
      const orderLag = (covered.get(p.storeId) ?? '') < latest;
      let cause: StockCause = 'unexplained';
      if (deviation < 0) {
        const short = (await inboundShortages(db, p.productId)).some((s) => s.closed_at !== null && s.closed_at > p.baseline.snapshotAt);
        cause = orderLag ? 'unsynced-sale' : short ? 'inbound-shortage' : 'lost-damaged';
      }
      const actions: StockAction[] = cause === 'unsynced-sale' ? [] : cause === 'unexplained' ? ['accept-amazon'] : ['accept-amazon', 'open-case'];
      rows.push({
        key,
        channel: 'fba',
        productId: p.productId,
        sku: p.sku,
        name: p.name,
        warehouseId: p.warehouseId,
        warehouseCode: p.warehouseCode,
        storeId: p.storeId,
        marketplaceId: mine[0]?.marketplace_id ?? null,
        sellerSku: mine[0]?.seller_sku ?? null,
        expected,
        amazon: p.onHand,
        deviation,
        deviationPct: pct(Math.abs(deviation), Math.max(1, expected)),
        breakdown: breakdownOf(mine),
        cause,
        actions,
        since: deviation < 0 ? (p.firstDropAt ?? latest) : latest,
      });
    }

    const pushes = await lastFbmPushes(db);
    for (const o of await fbmOffers(db)) {
      const push = pushes.get(`${o.store_id}\u0000${o.marketplace_id}\u0000${o.seller_sku}`);
      // A write still on its way, or sent after Amazon's listings were last read, is not a difference yet.
      if (push && (push.status === 'pending' || push.status === 'in_flight' || (push.status === 'done' && push.sentAt !== null && push.sentAt >= o.synced_at))) continue;
      const expected = Number(o.fbm_pushed_quantity);
      const amazon = Number(o.quantity);
      checked += 1;
      expectedUnits += Math.max(0, expected);
      if (amazon === expected) continue;
      const cause: StockCause = push?.status === 'dead' ? 'dead-lettered-push' : 'seller-central-change';
      rows.push({
        key: `fbm:${o.store_id}:${o.marketplace_id}:${o.seller_sku}`,
        channel: 'fbm',
        productId: Number(o.product_id),
        sku: o.sku,
        name: o.name,
        warehouseId: Number(o.fbm_warehouse_id),
        warehouseCode: o.warehouse_code,
        storeId: Number(o.store_id),
        marketplaceId: o.marketplace_id,
        sellerSku: o.seller_sku,
        expected,
        amazon,
        deviation: amazon - expected,
        deviationPct: pct(Math.abs(amazon - expected), Math.max(1, expected)),
        breakdown: null,
        cause,
        actions: ['accept-amazon', 'push-ours'],
        since: o.synced_at,
      });
    }
    rows.sort((a, b) => Math.abs(b.deviation) - Math.abs(a.deviation) || a.sku.localeCompare(b.sku) || a.key.localeCompare(b.key));
    return { rows, checked, expectedUnits, fba };
  }

  async function stock(): Promise<ReconStock> {
    const c = await compute(deps.db);
    const units = c.rows.reduce((n, r) => n + Math.abs(r.deviation), 0);
    return { rows: c.rows, checked: c.checked, inventoryDeviationPct: pct(units, c.expectedUnits), skuErrorPct: pct(c.rows.length, c.checked) };
  }

  /** The row as it stands now, inside the action's transaction; refused when it is no longer a difference. */
  async function current(trx: Knex.Transaction, key: string, action: StockAction) {
    const c = await compute(trx);
    const row = c.rows.find((r) => r.key === key);
    if (!row) throw new AppError('not-found', { entity: 'stock-discrepancy', id: key.slice(0, 80) });
    if (!row.actions.includes(action)) throw new AppError('invalid-input', { field: 'key', reason: 'action-not-offered', action });
    return { row, pair: c.fba.get(key) };
  }

  async function baseline(trx: Knex.Transaction, row: ReconStockRow, pair: FbaPair & { snapshotAt: string }, reason: string, now: string): Promise<number> {
    const [id] = await trx('recon_stock_baselines')
      .insert({
        product_id: row.productId,
        warehouse_id: row.warehouseId,
        on_hand: pair.onHand,
        movement_id: pair.lastMovementId,
        snapshot_at: pair.snapshotAt,
        deviation: row.deviation,
        cause: row.cause,
        reason,
        actor: deps.actor,
        created_at: now,
      })
      .returning('id');
    return typeof id === 'object' ? Number((id as { id: number }).id) : Number(id);
  }

  /** Amazon's figure becomes ours. FBA: a reconciled point; FBM: our stock moved so the offer's figure equals Amazon's. */
  async function acceptAmazon(input: ReconActionInput): Promise<{ movementId: number | null; baselineId: number | null }> {
    const a = parseInput(reconActionInputSchema, input);
    return deps.db.transaction(async (trx) => {
      const { row, pair } = await current(trx, a.key, 'accept-amazon');
      const now = deps.clock.now().toISOString();
      let movementId: number | null = null;
      let baselineId: number | null = null;
      if (row.channel === 'fba' && pair) {
        baselineId = await baseline(trx, row, pair, a.reason, now);
      } else {
        const buffer = await getFbmSafetyBuffer(trx);
        const [level] = await stockLevels(trx, { productIds: [row.productId], warehouseId: row.warehouseId });
        const delta = row.amazon + buffer - (level?.available ?? 0);
        // Recorded first, so the stock hook below finds this offer already at Amazon's figure and queues nothing for it.
        await trx('product_listings').where({ store_id: row.storeId, marketplace_id: row.marketplaceId, seller_sku: row.sellerSku }).update({ fbm_pushed_quantity: row.amazon, fbm_pushed_at: now });
        if (delta !== 0) {
          const posted = await recordMovements(
            trx,
            [{ productId: row.productId, warehouseId: row.warehouseId, kind: 'sync-correction', onHand: delta, reason: 'recon-accept-amazon', note: a.reason, refType: 'recon', refId: `${row.marketplaceId}:${row.sellerSku}`.slice(0, 60) }],
            { actor: deps.actor, now },
          );
          movementId = posted.movementIds[0] ?? null;
          await deps.onStockChanged?.(trx, [row.productId]);
        }
      }
      await deps.audit(trx, {
        action: 'recon.accept-amazon',
        entity: 'product',
        entityId: String(row.productId),
        detail: { key: row.key, cause: row.cause, expected: row.expected, amazon: row.amazon, deviation: row.deviation, reason: a.reason, movementId, baselineId },
      });
      return { movementId, baselineId };
    });
  }

  /** Our figure goes to Amazon again through the outbox (FBM offers). */
  async function pushOurs(input: ReconPushInput): Promise<{ outboxSeq: number; quantity: number }> {
    const a = parseInput(reconPushInputSchema, input);
    const queued = await deps.db.transaction(async (trx) => {
      const { row } = await current(trx, a.key, 'push-ours');
      const now = deps.clock.now().toISOString();
      // What Amazon shows counts as the last figure sent, so the push below sees our figure as a change and queues it.
      await trx('product_listings').where({ store_id: row.storeId, marketplace_id: row.marketplaceId, seller_sku: row.sellerSku }).update({ fbm_pushed_quantity: row.amazon, fbm_pushed_at: now });
      const mine = (await queueFbmQuantities(trx, [row.productId], { now })).find((q) => q.storeId === row.storeId && q.marketplaceId === row.marketplaceId && q.sellerSku === row.sellerSku);
      if (!mine) throw new AppError('conflict', { reason: 'already-equal', key: row.key.slice(0, 80) });
      await deps.audit(trx, { action: 'recon.push-ours', entity: 'product', entityId: String(row.productId), detail: { key: row.key, amazon: row.amazon, quantity: mine.quantity, outboxSeq: mine.outboxSeq } });
      return { outboxSeq: mine.outboxSeq, quantity: mine.quantity };
    });
    deps.onQueued?.();
    return queued;
  }

  /** A reimbursement claim draft for units Amazon lost; the row leaves the list while the claim runs. */
  async function openCase(input: ReconActionInput): Promise<{ claimId: number; deadlineAt: string }> {
    const a = parseInput(reconActionInputSchema, input);
    return deps.db.transaction(async (trx) => {
      const { row, pair } = await current(trx, a.key, 'open-case');
      if (!pair) throw new AppError('invalid-input', { field: 'key', reason: 'action-not-offered', action: 'open-case' });
      const now = deps.clock.now().toISOString();
      const claim = await claims.draft(trx, { row, baselineAt: pair.baseline.snapshotAt, reason: a.reason, actor: deps.actor, now });
      const baselineId = await baseline(trx, row, pair, `case ${claim.id}: ${a.reason}`.slice(0, 200), now);
      await deps.audit(trx, { action: 'recon.open-case', entity: 'product', entityId: String(row.productId), detail: { key: row.key, cause: row.cause, quantity: -row.deviation, claimId: claim.id, deadlineAt: claim.deadlineAt, baselineId } });
      return { claimId: claim.id, deadlineAt: claim.deadlineAt };
    });
  }

  return { stock, acceptAmazon, pushOurs, openCase, cases: () => claims.list() };
}

export type StockReconService = ReturnType<typeof createStockReconService>;

const pct = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.round((part * 1000) / whole) / 10);

/** The mirror rows of the pair's product in its store and region, one per pool, as the FBA mirror counts them. */
function mappedViews(breakdowns: readonly FbaBreakdownRow[], listings: readonly { store_id: number; marketplace_id: string; seller_sku: string; product_id: number }[], p: FbaPair): FbaBreakdownRow[] {
  const skus = new Set(listings.filter((l) => Number(l.store_id) === p.storeId && Number(l.product_id) === p.productId).map((l) => l.seller_sku));
  return onePerPool(breakdowns.filter((b) => Number(b.store_id) === p.storeId && b.region === p.region && skus.has(b.seller_sku)));
}

function breakdownOf(views: readonly FbaBreakdownRow[]): ReconStockRow['breakdown'] {
  if (views.length === 0) return null;
  const sum = { fulfillable: 0, inbound: 0, reserved: 0, unfulfillable: 0, researching: 0 };
  for (const v of views) {
    sum.fulfillable += Number(v.fulfillable);
    sum.inbound += figuresOf(v).inTransit;
    sum.reserved += Number(v.reserved);
    sum.unfulfillable += Number(v.unfulfillable);
    sum.researching += Number(v.researching);
  }
  return sum;
}
