import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { createAudit } from '../../main/services/audit.service';
import { postMovements, stockLevels } from '../../main/services/inventory/ledger';
import { createPurchasingService } from '../../main/services/purchasing/purchasing.service';
import { coverReport, turnoverReport } from '../../main/services/purchasing/replenishment';
import { snapshotDb, tempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

const US = 'ATVPDKIKX0DER';
const START = Date.parse('2026-11-23T02:00:00.000Z');
const DAY = 86_400_000;
const T = '2026-11-01T00:00:00.000Z';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function insert(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await db(table).insert(row, ['id']);
  return typeof r === 'object' ? (r as { id: number }).id : (r as number);
}

/** A Shenzhen warehouse, a Yiwu supplier (CNY, 20 days), two mugs, a bundle of them, and a clock the test moves. */
async function world() {
  let now = START;
  const clock = { now: () => new Date(now) };
  const core = await tempCore({ clock });
  cleanups.push(() => core.dispose());
  const db = core.db;
  const storeId = await insert(db, 'stores', { name: 'US store', region: 'na', created_at: T });
  const sz = await insert(db, 'warehouses', { code: 'SZ', name: '深圳龙华仓', kind: 'domestic', created_at: T });
  const other = await insert(db, 'warehouses', { code: 'LA', name: 'LA 3PL', kind: 'overseas', created_at: T });
  const supplierId = await insert(db, 'suppliers', { name: '义乌陶瓷厂', currency: 'CNY', lead_time_days: 20, created_at: T, updated_at: T });
  const product = (sku: string, name: string, kind: 'unit' | 'bundle' = 'unit') => insert(db, 'products', { sku, name, kind, supplier_id: supplierId, created_at: T, updated_at: T });
  const mug = await product('MUG-01', '陶瓷马克杯 350ml');
  const cup = await product('CUP-01', 'Tea cup');
  const set = await product('MUG-SET', '马克杯套装', 'bundle');
  await db('bundle_components').insert({ bundle_id: set, component_id: mug, quantity: 2 });
  await db('product_listings').insert({ store_id: storeId, marketplace_id: US, seller_sku: 'MUG-FBM', product_id: mug, fbm_warehouse_id: sz });
  const purchasing = createPurchasingService({ db, clock, audit: createAudit({ name: 'buyer-li' }, clock), actor: 'buyer-li' });
  let n = 0;
  const sell = async (quantity: number, daysAgo: number) => {
    const id = `111-0000000-${String(++n).padStart(7, '0')}`;
    const at = new Date(now - daysAgo * DAY).toISOString();
    await db('orders').insert({ id, store_id: storeId, marketplace_id: US, status: 'SHIPPED', fulfilled_by: 'MERCHANT', created_time: at, last_updated_time: at, synced_at: at });
    await db('order_items').insert({ order_id: id, order_item_id: `${id}-1`, seller_sku: 'MUG-FBM', quantity_ordered: quantity });
  };
  return {
    core,
    db,
    sz,
    other,
    supplierId,
    mug,
    cup,
    set,
    purchasing,
    sell,
    setNow: (t: number) => {
      now = t;
    },
  };
}

describe('purchase orders: create, send, receive with QC', () => {
  it('a PO received in two partial deliveries with QC failures ends received, with on hand = units that passed', async () => {
    const w = await world();
    const po = await w.purchasing.createOrder({
      supplierId: w.supplierId,
      warehouseId: w.sz,
      note: '纸箱请贴 FNSKU',
      lines: [
        { productId: w.mug, quantity: 100, unitCostMinor: 1250 },
        { productId: w.cup, quantity: 50, unitCostMinor: 480 },
      ],
    });
    expect(po).toMatchObject({ number: 'PO-20261123-001', status: 'draft', currency: 'CNY', expectedDate: '2026-12-13', totalMinor: 100 * 1250 + 50 * 480, createdBy: 'buyer-li' });
    const second = await w.purchasing.createOrder({ supplierId: w.supplierId, warehouseId: w.other, currency: 'USD', expectedDate: '2027-01-10', lines: [{ productId: w.cup, quantity: 5, unitCostMinor: 99 }] });
    expect(second).toMatchObject({ number: 'PO-20261123-002', currency: 'USD', expectedDate: '2027-01-10' });

    await w.purchasing.send(po.id);
    // Sending posts nothing: the units are "on order", derived from the PO lines.
    expect(await w.db('stock_movements').count({ n: '*' }).first()).toEqual({ n: 0 });
    const [mugLine, cupLine] = po.lines;
    if (!mugLine || !cupLine) throw new Error('lines missing');

    // First delivery 60 days before "today": 60 mugs pass, 5 are chipped; all 20 cups pass.
    const today = START + 60 * DAY;
    w.setNow(today - 60 * DAY);
    const afterFirst = await w.purchasing.receive(po.id, {
      lines: [
        { lineId: mugLine.id, passed: 60, failed: 5, qcNote: '5 只杯口破损' },
        { lineId: cupLine.id, passed: 20, failed: 0 },
      ],
    });
    expect(afterFirst.status).toBe('partial');
    expect(afterFirst.lines.map((l) => [l.sku, l.receivedQuantity, l.rejectedQuantity, l.openQuantity])).toEqual([
      ['MUG-01', 60, 5, 35],
      ['CUP-01', 20, 0, 30],
    ]);
    w.setNow(today - 30 * DAY);
    expect(rowOf(await coverReport(w.db, { now: new Date(today - 30 * DAY) }), w.mug)).toMatchObject({ available: 60, onOrder: 35 });

    // Second delivery 30 days later closes both lines.
    const done = await w.purchasing.receive(po.id, {
      lines: [
        { lineId: mugLine.id, passed: 33, failed: 2 },
        { lineId: cupLine.id, passed: 28, failed: 2, qcNote: 'glaze defects' },
      ],
    });
    expect(done.status).toBe('received');
    expect(done.lines.map((l) => [l.receivedQuantity, l.rejectedQuantity, l.openQuantity])).toEqual([
      [93, 7, 0],
      [48, 2, 0],
    ]);
    expect(done.receipts.map((r) => [r.sku, r.passedQuantity, r.failedQuantity, r.receivedBy])).toEqual([
      ['MUG-01', 60, 5, 'buyer-li'],
      ['CUP-01', 20, 0, 'buyer-li'],
      ['MUG-01', 33, 2, 'buyer-li'],
      ['CUP-01', 28, 2, 'buyer-li'],
    ]);

    expect((await stockLevels(w.db, { warehouseId: w.sz })).map((l) => [l.productId, l.onHand])).toEqual([
      [w.mug, 93],
      [w.cup, 48],
    ]);
    const ledger = await w.db('stock_movements').orderBy('id').select('product_id', 'kind', 'on_hand_delta', 'ref_type', 'ref_id', 'actor', 'note');
    expect(ledger).toEqual([
      { product_id: w.mug, kind: 'receive', on_hand_delta: 60, ref_type: 'po', ref_id: 'PO-20261123-001', actor: 'buyer-li', note: '5 只杯口破损' },
      { product_id: w.cup, kind: 'receive', on_hand_delta: 20, ref_type: 'po', ref_id: 'PO-20261123-001', actor: 'buyer-li', note: null },
      { product_id: w.mug, kind: 'receive', on_hand_delta: 33, ref_type: 'po', ref_id: 'PO-20261123-001', actor: 'buyer-li', note: null },
      { product_id: w.cup, kind: 'receive', on_hand_delta: 28, ref_type: 'po', ref_id: 'PO-20261123-001', actor: 'buyer-li', note: 'glaze defects' },
    ]);
    const actions = await w.db('audit_log').orderBy('id').select('action', 'entity_id');
    expect(actions).toEqual([
      { action: 'purchase-order.create', entity_id: 'PO-20261123-001' },
      { action: 'purchase-order.create', entity_id: 'PO-20261123-002' },
      { action: 'purchase-order.send', entity_id: 'PO-20261123-001' },
      { action: 'purchase-order.receive', entity_id: 'PO-20261123-001' },
      { action: 'purchase-order.receive', entity_id: 'PO-20261123-001' },
    ]);
    const page = await w.purchasing.list({ status: 'received', limit: 10 });
    expect(page).toMatchObject({ total: 1, rows: [{ number: 'PO-20261123-001', orderedUnits: 150, receivedUnits: 141, rejectedUnits: 9, lineCount: 2 }] });
    expect((await w.purchasing.list({ supplierId: w.supplierId, limit: 10 })).total).toBe(2);

    // Turnover from the ledger. 30 mugs ship on day 75 of the 90-day window, and 140 sold in the window.
    w.setNow(today);
    await w.db.transaction((trx) => postMovements(trx, [{ productId: w.mug, warehouseId: w.sz, kind: 'ship', onHand: -30 }], { actor: 'packer', now: new Date(today - 15 * DAY).toISOString() }));
    for (let d = 5; d <= 65; d += 10) await w.sell(20, d);
    // Window days 1–29 end at 0, 30–59 at 60, 60–74 at 93, 75–90 at 63 (the first delivery lands exactly at day 30's end).
    const average = (29 * 0 + 30 * 60 + 15 * 93 + 16 * 63) / 90;
    const expected = Math.round((140 / average) * 100) / 100;
    expect(expected).toBe(3);
    expect(rowOf(await coverReport(w.db, { now: new Date(today) }), w.mug)).toMatchObject({ sold90: 140, available: 63, turnover90: expected });
    const [mugTurnover] = await turnoverReport(w.db, { now: new Date(today), productIds: [w.mug] });
    expect(mugTurnover).toEqual({ productId: w.mug, sku: 'MUG-01', name: '陶瓷马克杯 350ml', sold90: 140, averageOnHand: Math.round(average * 100) / 100, turnover90: expected });
  });

  it('bad receipts are refused with a typed error and change nothing', async () => {
    const w = await world();
    const po = await w.purchasing.createOrder({
      supplierId: w.supplierId,
      warehouseId: w.sz,
      lines: [
        { productId: w.mug, quantity: 10, unitCostMinor: 1250 },
        { productId: w.cup, quantity: 10, unitCostMinor: 480 },
      ],
    });
    const [mugLine, cupLine] = po.lines;
    if (!mugLine || !cupLine) throw new Error('lines missing');
    const foreign = await w.purchasing.createOrder({ supplierId: w.supplierId, warehouseId: w.sz, lines: [{ productId: w.mug, quantity: 3, unitCostMinor: 1 }] });

    let before = await snapshotDb(w.core);
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: 1, failed: 0 }] }))).toMatchObject({ code: 'conflict', params: { reason: 'not-receivable', status: 'draft' } });
    expect(await snapshotDb(w.core)).toEqual(before);

    await w.purchasing.send(po.id);
    await w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: 6, failed: 1 }] });
    before = await snapshotDb(w.core);
    // 3 mugs are still open: 3 passed + 1 failed is one too many, and the good cup line in the same delivery is not kept.
    const over = await refusal(
      w.purchasing.receive(po.id, {
        lines: [
          { lineId: cupLine.id, passed: 10, failed: 0 },
          { lineId: mugLine.id, passed: 3, failed: 1 },
        ],
      }),
    );
    expect(over).toMatchObject({ code: 'invalid-input', params: { field: 'lines.1', reason: 'over-receipt', sku: 'MUG-01', open: 3, requested: 4 } });
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: foreign.lines[0]?.id ?? 0, passed: 1, failed: 0 }] }))).toMatchObject({ code: 'not-found', params: { entity: 'purchase-order-line' } });
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: 0, failed: 0 }] }))).toMatchObject({ code: 'invalid-input', params: { reason: 'nothing-received' } });
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: -1, failed: 2 }] }))).toMatchObject({ code: 'invalid-input', params: { field: 'lines', path: 'lines.0.passed' } });
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: 1, failed: 0 }, { lineId: mugLine.id, passed: 1, failed: 0 }] }))).toMatchObject({ code: 'invalid-input', params: { reason: 'duplicate-line' } });
    expect(await refusal(w.purchasing.receive(9999, { lines: [{ lineId: mugLine.id, passed: 1, failed: 0 }] }))).toMatchObject({ code: 'not-found', params: { entity: 'purchase-order' } });
    expect(await refusal(w.purchasing.send(po.id))).toMatchObject({ code: 'conflict', params: { reason: 'status', status: 'partial' } });
    expect(await snapshotDb(w.core)).toEqual(before);

    // A cancelled PO takes no more deliveries; what it already received stays on hand.
    await w.purchasing.cancel(po.id);
    before = await snapshotDb(w.core);
    expect(await refusal(w.purchasing.receive(po.id, { lines: [{ lineId: mugLine.id, passed: 1, failed: 0 }] }))).toMatchObject({ code: 'conflict', params: { reason: 'not-receivable', status: 'cancelled' } });
    expect(await refusal(w.purchasing.cancel(po.id))).toMatchObject({ code: 'conflict', params: { status: 'cancelled' } });
    expect(await snapshotDb(w.core)).toEqual(before);
    expect((await stockLevels(w.db, { productIds: [w.mug] })).map((l) => l.onHand)).toEqual([6]);
  });

  it('bad orders are refused and change nothing', async () => {
    const w = await world();
    const before = await snapshotDb(w.core);
    const base = { supplierId: w.supplierId, warehouseId: w.sz };
    expect(await refusal(w.purchasing.createOrder({ ...base, lines: [{ productId: w.set, quantity: 1, unitCostMinor: 1 }] }))).toMatchObject({ code: 'invalid-input', params: { field: 'lines.0.productId', reason: 'bundle-holds-no-stock' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, lines: [{ productId: w.mug, quantity: 1, unitCostMinor: 1 }, { productId: w.mug, quantity: 2, unitCostMinor: 1 }] }))).toMatchObject({ code: 'invalid-input', params: { reason: 'duplicate-product' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, lines: [] }))).toMatchObject({ code: 'invalid-input', params: { field: 'lines' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, currency: 'rmb', lines: [{ productId: w.mug, quantity: 1, unitCostMinor: 1 }] }))).toMatchObject({ code: 'invalid-input', params: { field: 'currency' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, expectedDate: '2026-02-30', lines: [{ productId: w.mug, quantity: 1, unitCostMinor: 1 }] }))).toMatchObject({ code: 'invalid-input', params: { field: 'expectedDate' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, supplierId: 999, lines: [{ productId: w.mug, quantity: 1, unitCostMinor: 1 }] }))).toMatchObject({ code: 'not-found', params: { entity: 'supplier' } });
    expect(await refusal(w.purchasing.createOrder({ ...base, lines: [{ productId: 999, quantity: 1, unitCostMinor: 1 }] }))).toMatchObject({ code: 'not-found', params: { entity: 'product' } });
    expect(await refusal(w.purchasing.createFromPlan({ ...base }))).toMatchObject({ code: 'invalid-input', params: { reason: 'nothing-to-order' } });
    expect(await snapshotDb(w.core)).toEqual(before);
  });
});

const rowOf = <R extends { productId: number }>(rows: R[], productId: number): R | undefined => rows.find((r) => r.productId === productId);

describe('purchase order PDF', () => {
  it('renders an A4 PO in Chinese with the number, product names and total', async () => {
    const w = await world();
    const po = await w.purchasing.createOrder({
      supplierId: w.supplierId,
      warehouseId: w.sz,
      expectedDate: '2026-12-20',
      note: '请按箱规装箱，每箱 24 只',
      lines: [
        { productId: w.mug, quantity: 240, unitCostMinor: 1250 },
        { productId: w.cup, quantity: 1000, unitCostMinor: 480 },
      ],
    });
    const pdf = await w.purchasing.pdf(po.id, { locale: 'zh-CN' });
    const out = path.resolve('test-results');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, 'purchase-order-zh.pdf');
    fs.writeFileSync(file, pdf);

    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('PO-20261123-001');
    expect(text).toContain('陶瓷马克杯 350ml');
    expect(text).toContain('义乌陶瓷厂');
    expect(text).toContain('深圳龙华仓');
    expect(text).toContain('2026-12-20');
    // 240 × 12.50 + 1000 × 4.80 = 7,800.00 CNY
    expect(text).toContain('合计: CNY 7,800.00');
    expect(text).toContain('3,000.00');

    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(out, 'purchase-order-zh')]);
    expect(fs.statSync(path.join(out, 'purchase-order-zh.png')).size).toBeGreaterThan(10_000);
  });
});
