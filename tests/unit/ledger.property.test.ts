import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { migrate } from '../../main/db/migrations';
import { createAudit } from '../../main/services/audit.service';
import { createInventoryService } from '../../main/services/inventory/inventory.service';
import { movementKinds, postMovements, stockLevels, type MovementInput } from '../../main/services/inventory/ledger';
import { AppError } from '../../shared/ipc/errors';
import { tempDir } from '../support/temp-core';

/**
 * Random postings (and random clerk and order operations through the service) against a real SQLite file, checked after every step against an in-memory model written from the
 * rules in the issue (not from the implementation): balances are the ledger's sums, on hand and available never go
 * negative without backorder, reserved and in transit never go negative, a refused posting leaves no trace, and a
 * reopened file shows the same balances.
 */

const NOW = '2026-11-20T08:00:00.000Z';
// Product ids in the template file: two plain SKUs, one sold on backorder, one bundle (holds no stock).
const PRODUCTS = [
  { id: 1, sku: 'CUP-RED', backorder: false, bundle: false },
  { id: 2, sku: 'CUP-BLUE', backorder: false, bundle: false },
  { id: 3, sku: 'PRESALE-LAMP', backorder: true, bundle: false },
  { id: 4, sku: 'CUP-SET-2', backorder: false, bundle: true },
] as const;
const WAREHOUSES = [1, 2] as const;

let dir: string;
let template: string;
let run = 0;

beforeAll(async () => {
  dir = tempDir('ledger-prop-');
  template = path.join(dir, 'template.sqlite');
  const db = openDatabase(template);
  await migrate(db);
  for (const p of PRODUCTS) {
    await db('products').insert({ id: p.id, sku: p.sku, kind: p.bundle ? 'bundle' : 'unit', name: p.sku, allow_backorder: p.backorder, created_at: NOW, updated_at: NOW });
  }
  await db('bundle_components').insert([
    { bundle_id: 4, component_id: 1, quantity: 2 },
    { bundle_id: 4, component_id: 3, quantity: 1 },
  ]);
  await db('warehouses').insert([
    { id: 1, code: 'CN-SZ', name: '深圳仓', kind: 'domestic', created_at: NOW },
    { id: 2, code: 'US-LAX', name: '洛杉矶海外仓', kind: 'overseas', created_at: NOW },
  ]);
  // Folds the WAL into the main file so a plain copy is a complete database.
  await db.destroy();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Q {
  onHand: number;
  reserved: number;
  inTransit: number;
}
type Model = Map<string, Q>;
const key = (productId: number, warehouseId: number) => `${productId}:${warehouseId}`;

type Outcome = 'ok' | 'invalid-input' | 'conflict';

type Delta = Pick<MovementInput, 'productId' | 'warehouseId' | 'onHand' | 'reserved' | 'inTransit'>;

/**
 * The rules, restated: the model after these deltas, or null when they must be refused (reserved or in
 * transit below zero; on hand or available pushed below zero, or further below, for a product without backorder).
 */
function applyIfAllowed(model: Model, deltas: Delta[]): Model | null {
  const next = new Map([...model].map(([k, v]) => [k, { ...v }]));
  for (const m of deltas) {
    const q = next.get(key(m.productId, m.warehouseId)) ?? { onHand: 0, reserved: 0, inTransit: 0 };
    next.set(key(m.productId, m.warehouseId), { onHand: q.onHand + (m.onHand ?? 0), reserved: q.reserved + (m.reserved ?? 0), inTransit: q.inTransit + (m.inTransit ?? 0) });
  }
  for (const [k, after] of next) {
    const before = model.get(k) ?? { onHand: 0, reserved: 0, inTransit: 0 };
    if (after.reserved < 0 || after.inTransit < 0) return null;
    const backorder = PRODUCTS.find((p) => p.id === Number(k.split(':')[0]))?.backorder;
    const worse = (a: number, b: number) => a < 0 && a < b;
    if (!backorder && (worse(after.onHand, before.onHand) || worse(after.onHand - after.reserved, before.onHand - before.reserved))) return null;
  }
  return next;
}

function expectedOutcome(model: Model, batch: MovementInput[]): { outcome: Outcome; next: Model } {
  const zero = (m: MovementInput) => !(m.onHand ?? 0) && !(m.reserved ?? 0) && !(m.inTransit ?? 0);
  if (batch.some(zero) || batch.some((m) => PRODUCTS.find((p) => p.id === m.productId)?.bundle)) return { outcome: 'invalid-input', next: model };
  const next = applyIfAllowed(model, batch);
  return next ? { outcome: 'ok', next } : { outcome: 'conflict', next: model };
}

/** Deltas shaped like each kind's real use, so most postings are plausible and the refusals come from quantities. */
const SHAPES: Record<(typeof movementKinds)[number], (n: number) => Pick<MovementInput, 'onHand' | 'reserved' | 'inTransit'>> = {
  receive: (n) => ({ onHand: n }),
  putaway: (n) => ({ onHand: n }),
  'return-restock': (n) => ({ onHand: n }),
  pick: (n) => ({ onHand: -n }),
  scrap: (n) => ({ onHand: -n }),
  'transfer-out': (n) => ({ onHand: -n }),
  ship: (n) => ({ onHand: -n, reserved: -n }),
  reserve: (n) => ({ reserved: n }),
  release: (n) => ({ reserved: -n }),
  'in-transit': (n) => ({ inTransit: n }),
  'transfer-in': (n) => ({ inTransit: -n, onHand: n }),
  adjust: (n) => ({ onHand: n % 2 ? n : -n }),
  'sync-correction': (n) => ({ onHand: n % 2 ? -n : n }),
};
const anyDelta = fc.oneof(fc.constant(0), fc.integer({ min: -6, max: 6 }));
const deltasArb = (kind: (typeof movementKinds)[number]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => SHAPES[kind](n)) },
    // Anything at all, including all-zero postings that must be refused.
    { weight: 1, arbitrary: fc.record({ onHand: anyDelta, reserved: anyDelta, inTransit: anyDelta }) },
  );
const movementArb: fc.Arbitrary<MovementInput> = fc
  .record({
    product: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PRODUCTS.slice(0, 3)) }, { weight: 1, arbitrary: fc.constant(PRODUCTS[3]) }),
    warehouseId: fc.constantFrom(...WAREHOUSES),
    kind: fc.constantFrom(...movementKinds),
    ref: fc.option(fc.stringMatching(/^[A-Z0-9-]{1,12}$/), { nil: undefined }),
  })
  .chain(({ product, warehouseId, kind, ref }) =>
    deltasArb(kind).map((d): MovementInput => ({ productId: product.id, warehouseId, kind, ...d, ...(ref ? { refType: 'order', refId: ref } : {}) })),
  );
const stepsArb = fc.array(fc.array(movementArb, { minLength: 1, maxLength: 3, size: 'small' }), { minLength: 1, maxLength: 40, size: 'medium' });

async function ledgerSums(db: Db): Promise<Model> {
  const rows = await db('stock_movements')
    .select('product_id', 'warehouse_id')
    .sum({ on_hand: 'on_hand_delta', reserved: 'reserved_delta', in_transit: 'in_transit_delta' })
    .groupBy('product_id', 'warehouse_id');
  return new Map(
    (rows as { product_id: number; warehouse_id: number; on_hand: number; reserved: number; in_transit: number }[]).map((r) => [key(r.product_id, r.warehouse_id), { onHand: Number(r.on_hand), reserved: Number(r.reserved), inTransit: Number(r.in_transit) }]),
  );
}

async function cachedLevels(db: Db): Promise<Model> {
  return new Map((await stockLevels(db, {})).map((l) => {
    expect(l.available).toBe(l.onHand - l.reserved);
    return [key(l.productId, l.warehouseId), { onHand: l.onHand, reserved: l.reserved, inTransit: l.inTransit }];
  }));
}

const sorted = (m: Model) => [...m].sort(([a], [b]) => a.localeCompare(b));

describe('stock ledger invariants (property)', () => {
  it('balances equal the ledger sums and the model after every posting, refusals change nothing, and survive a reopen', async () => {
    const tally = { ok: 0, 'invalid-input': 0, conflict: 0 };
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const file = path.join(dir, `run-${run++}.sqlite`);
        fs.copyFileSync(template, file);
        let db = openDatabase(file);
        try {
          let model: Model = new Map();
          for (const batch of steps) {
            const movementsBefore = await db('stock_movements').count({ n: '*' }).first();
            const expected = expectedOutcome(model, batch);
            let outcome: Outcome = 'ok';
            try {
              await db.transaction((trx) => postMovements(trx, batch, { actor: 'prop', now: NOW }));
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              outcome = err.code as Outcome;
            }
            tally[outcome]++;
            expect(outcome).toBe(expected.outcome);
            if (outcome !== 'ok') expect(await db('stock_movements').count({ n: '*' }).first()).toEqual(movementsBefore);
            model = expected.next;

            const cached = await cachedLevels(db);
            expect(sorted(cached)).toEqual(sorted(model));
            expect(sorted(await ledgerSums(db))).toEqual(sorted(model));
            for (const [k, q] of cached) {
              expect(q.reserved).toBeGreaterThanOrEqual(0);
              expect(q.inTransit).toBeGreaterThanOrEqual(0);
              if (!PRODUCTS.find((p) => p.id === Number(k.split(':')[0]))?.backorder) {
                expect(q.onHand).toBeGreaterThanOrEqual(0);
                expect(q.onHand - q.reserved).toBeGreaterThanOrEqual(0);
              }
            }
          }

          const beforeRestart = sorted(await cachedLevels(db));
          await db.destroy();
          db = openDatabase(file);
          expect(sorted(await cachedLevels(db))).toEqual(beforeRestart);
          const clock = { now: () => new Date(NOW) };
          const inventory = createInventoryService({ db, clock, audit: createAudit({ name: 'prop' }, clock), actor: 'prop' });
          expect(await inventory.verify()).toEqual([]);
        } finally {
          await db.destroy();
          fs.rmSync(file, { force: true });
        }
      }),
      { numRuns: 60 },
    );
    // The generator must exercise all three paths, or the property proves little.
    expect(tally.ok).toBeGreaterThan(200);
    expect(tally.conflict).toBeGreaterThan(200);
    expect(tally['invalid-input']).toBeGreaterThan(100);
  }, 60_000);

  it('clerk and order operations (adjust, transfer, receive, reserve sets, ship, release) keep the same invariants', async () => {
    const unit = fc.constantFrom(...PRODUCTS.filter((p) => !p.bundle).map((p) => p.id));
    const warehouse = fc.constantFrom(...WAREHOUSES);
    const order = fc.integer({ min: 1, max: 4 });
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('adjust' as const), productId: unit, warehouseId: warehouse, delta: fc.integer({ min: -6, max: 9 }) }),
      fc.record({ op: fc.constant('transfer' as const), productId: unit, from: warehouse, to: warehouse, quantity: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ op: fc.constant('receive' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('reserve' as const), order, warehouseId: warehouse, productId: fc.constantFrom(...PRODUCTS.map((p) => p.id)), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constantFrom('ship' as const, 'release' as const), order }),
    );
    // A set (id 4) is two of product 1 and one of product 3.
    const components = (productId: number, quantity: number): [number, number][] => (productId === 4 ? [[1, 2 * quantity], [3, quantity]] : [[productId, quantity]]);
    const tally = { ok: 0, refused: 0 };

    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30, size: 'medium' }), async (ops) => {
        const file = path.join(dir, `svc-${run++}.sqlite`);
        fs.copyFileSync(template, file);
        let db = openDatabase(file);
        const clock = { now: () => new Date(NOW) };
        const service = (d: Db) => createInventoryService({ db: d, clock, audit: createAudit({ name: 'prop' }, clock), actor: 'prop' });
        try {
          let inventory = service(db);
          let model: Model = new Map();
          const transfers: { id: string; productId: number; to: number; quantity: number; received: boolean }[] = [];
          const orders = new Map<number, { held: Map<string, { productId: number; warehouseId: number; quantity: number }> }>();
          for (const op of ops) {
            let expected: Model | null | 'invalid' = null;
            let call: () => Promise<unknown>;
            let onSuccess = (_result: unknown) => undefined as void;
            switch (op.op) {
              case 'adjust':
                expected = op.delta === 0 ? 'invalid' : applyIfAllowed(model, [{ productId: op.productId, warehouseId: op.warehouseId, onHand: op.delta }]);
                call = () => inventory.adjust({ productId: op.productId, warehouseId: op.warehouseId, delta: op.delta, reason: 'count' });
                break;
              case 'transfer':
                expected = op.from === op.to ? 'invalid' : applyIfAllowed(model, [{ productId: op.productId, warehouseId: op.from, onHand: -op.quantity }, { productId: op.productId, warehouseId: op.to, inTransit: op.quantity }]);
                call = () => inventory.transfer({ productId: op.productId, fromWarehouseId: op.from, toWarehouseId: op.to, quantity: op.quantity });
                onSuccess = (r) => void transfers.push({ id: (r as { transferId: string }).transferId, productId: op.productId, to: op.to, quantity: op.quantity, received: false });
                break;
              case 'receive': {
                const t = transfers[op.pick % Math.max(1, transfers.length)];
                if (!t) continue;
                expected = t.received ? model : applyIfAllowed(model, [{ productId: t.productId, warehouseId: t.to, inTransit: -t.quantity, onHand: t.quantity }]);
                call = () => inventory.receiveTransfer(t.id);
                onSuccess = () => void (t.received = true);
                break;
              }
              case 'reserve': {
                const lines = components(op.productId, op.quantity).map(([productId, quantity]) => ({ productId, warehouseId: op.warehouseId, reserved: quantity }));
                // An order holds once per warehouse while it holds there; released or shipped, it may be reserved again.
                const holdsHere = [...(orders.get(op.order)?.held.values() ?? [])].some((h) => h.warehouseId === op.warehouseId);
                expected = holdsHere ? model : applyIfAllowed(model, lines);
                call = () => db.transaction((trx) => inventory.reserveForOrder(trx, { orderId: `ORDER-${op.order}`, warehouseId: op.warehouseId, lines: [{ productId: op.productId, quantity: op.quantity }] }));
                onSuccess = () => {
                  if (holdsHere) return;
                  const held = orders.get(op.order)?.held ?? new Map();
                  for (const l of lines) {
                    const k = key(l.productId, l.warehouseId);
                    held.set(k, { productId: l.productId, warehouseId: l.warehouseId, quantity: (held.get(k)?.quantity ?? 0) + l.reserved });
                  }
                  orders.set(op.order, { held });
                };
                break;
              }
              case 'ship':
              case 'release': {
                const held = [...(orders.get(op.order)?.held.values() ?? [])];
                const ship = op.op === 'ship';
                expected = applyIfAllowed(model, held.map((h) => ({ productId: h.productId, warehouseId: h.warehouseId, reserved: -h.quantity, ...(ship ? { onHand: -h.quantity } : {}) })));
                call = () => db.transaction((trx) => (ship ? inventory.shipOrder(trx, `ORDER-${op.order}`) : inventory.releaseOrder(trx, `ORDER-${op.order}`)));
                onSuccess = () => orders.get(op.order)?.held.clear();
                break;
              }
            }
            const movementsBefore = await db('stock_movements').count({ n: '*' }).first();
            let outcome: string = 'ok';
            try {
              onSuccess(await call());
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              outcome = err.code;
            }
            expect(outcome).toBe(expected === 'invalid' ? 'invalid-input' : expected === null ? 'conflict' : 'ok');
            if (outcome === 'ok' && expected !== null && expected !== 'invalid') {
              model = expected;
              tally.ok++;
            } else {
              tally.refused++;
              expect(await db('stock_movements').count({ n: '*' }).first()).toEqual(movementsBefore);
            }
            const cached = await cachedLevels(db);
            // A balance row may exist at zero after its stock moved on; the model only knows non-zero or touched ones.
            const nonZero = (m: Model) => sorted(new Map([...m].filter(([, q]) => q.onHand || q.reserved || q.inTransit)));
            expect(nonZero(cached)).toEqual(nonZero(model));
            expect(await inventory.verify()).toEqual([]);
          }
          const beforeRestart = sorted(await cachedLevels(db));
          await db.destroy();
          db = openDatabase(file);
          inventory = service(db);
          expect(sorted(await cachedLevels(db))).toEqual(beforeRestart);
          expect(await inventory.verify()).toEqual([]);
        } finally {
          await db.destroy();
          fs.rmSync(file, { force: true });
        }
      }),
      { numRuns: 40 },
    );
    expect(tally.ok).toBeGreaterThan(150);
    expect(tally.refused).toBeGreaterThan(30);
  }, 60_000);
});
