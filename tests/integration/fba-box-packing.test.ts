import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../shared/domain/fba-inbound';
import { postMovements, stockLevels } from '../../main/services/inventory/ledger';
import { snapshotDb, tempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const ADDRESS = { name: 'Shenzhen Gadgets', addressLine1: '1 Bao An Rd', city: 'Shenzhen', postalCode: '518000', countryCode: 'CN', phoneNumber: '+86 755 0000 0000' };

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

/**
 * An offline core (no Amazon credentials): a plan waits at its first step, and boxes may be packed before Amazon has
 * been asked anything, as a warehouse does while the plan is being created.
 */
async function setup(marketplaceId: string) {
  core = await tempCore({ sync: { autoStart: false }, demo: { enabled: false } });
  const c = core;
  const store = await c.stores.create({ name: 'Gadgets', region: marketplaceId === US ? 'na' : 'eu', marketplaceIds: [marketplaceId] });
  const source = await c.warehouses.create({ code: 'SZ-1', name: '深圳仓', kind: 'domestic' });
  const lamp = await c.catalog.create({ sku: 'LAMP-01', kind: 'unit', name: 'Desk lamp', codes: [{ kind: 'gtin', code: '4006381333931' }, { kind: 'fnsku', code: 'X00LAMP001' }] });
  const mug = await c.catalog.create({ sku: 'MUG-02', kind: 'unit', name: 'Mug', codes: [{ kind: 'fnsku', code: 'X00MUG0002' }] });
  const stray = await c.catalog.create({ sku: 'STRAY-9', kind: 'unit', name: 'Not in the plan', codes: [{ kind: 'gtin', code: '012345678905' }] });
  for (const [p, msku] of [[lamp.id, 'lamp-us'], [mug.id, 'mug-us']] as const) await c.db('product_listings').insert({ store_id: store.id, marketplace_id: marketplaceId, seller_sku: msku, product_id: p });
  await c.db.transaction((trx) =>
    postMovements(trx, [lamp.id, mug.id, stray.id].map((productId) => ({ productId, warehouseId: source.id, kind: 'receive' as const, onHand: 50, refType: 'po', refId: 'PO-1' })), { actor: 'test', now: new Date().toISOString() }),
  );
  const plan = await c.fba.createPlan({ storeId: store.id, marketplaceId, sourceWarehouseId: source.id, sourceAddress: ADDRESS, lines: [{ productId: lamp.id, quantity: 6 }, { productId: mug.id, quantity: 4 }] });
  return { c, store, source, lamp, mug, stray, plan };
}

const box = (plan: PlanDetail, id: number) => plan.boxList.find((b) => b.id === id);

describe('box packing by scan', () => {
  it('packs by FNSKU, UPC/EAN and seller SKU, reserves the units at the source, and refuses codes not in the plan or beyond the planned quantity, changing nothing', async () => {
    const { c, plan, lamp, mug, source } = await setup(US);
    expect(plan.step).toBe('create');
    expect(plan.items.map((i) => [i.msku, i.fnsku, i.quantity])).toEqual([
      ['lamp-us', 'X00LAMP001', 6],
      ['mug-us', 'X00MUG0002', 4],
    ]);
    // The plan holds its units: 50 on hand, 6 and 4 reserved for it.
    const levels = await stockLevels(c.db, { warehouseId: source.id });
    expect(levels.map((l) => [l.productId, l.onHand, l.reserved])).toEqual(
      expect.arrayContaining([
        [lamp.id, 50, 6],
        [mug.id, 50, 4],
      ]),
    );

    const opened = await c.fba.openBox({ planId: plan.id });
    const boxId = opened.boxList[0]!.id;
    await c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00LAMP001' });
    await c.fba.scanIntoBox({ planId: plan.id, boxId, code: '4006381333931', quantity: 3 });
    const bySku = await c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'mug-us', quantity: 4 });
    expect(bySku.scanned).toMatchObject({ sku: 'mug-us', added: 4, packed: 4, planned: 4 });
    expect(box(bySku.plan, boxId)?.items.map((i) => [i.sku, i.quantity])).toEqual([
      ['lamp-us', 4],
      ['mug-us', 4],
    ]);

    const before = await snapshotDb(c);
    const stray = await refusal(c.fba.scanIntoBox({ planId: plan.id, boxId, code: '012345678905' }));
    expect([stray.code, stray.params.reason, stray.params.code]).toEqual(['invalid-input', 'not-in-plan', '012345678905']);
    const unknown = await refusal(c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'NO-SUCH-CODE' }));
    expect(unknown.params.reason).toBe('not-in-plan');
    // 4 of the lamp's 6 are packed: 3 more would be 7.
    const over = await refusal(c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00LAMP001', quantity: 3 }));
    expect([over.code, over.params]).toEqual(['conflict', { reason: 'over-planned', sku: 'lamp-us', planned: 6, packed: 4, requested: 3 }]);
    // A second box counts against the same plan line.
    const second = (await c.fba.openBox({ planId: plan.id })).boxList[1]!.id;
    const afterOpen = await snapshotDb(c);
    const overAcross = await refusal(c.fba.scanIntoBox({ planId: plan.id, boxId: second, code: 'mug-us' }));
    expect(overAcross.params).toMatchObject({ reason: 'over-planned', planned: 4, packed: 4, requested: 1 });
    expect(await snapshotDb(c)).toEqual(afterOpen);
    expect(before.fba_inbound_box_items).toEqual(afterOpen.fba_inbound_box_items);

    // Submitting needs every unit in a closed box.
    const early = await refusal(c.fba.submitBoxes({ planId: plan.id }));
    expect(early.params.reason).toBe('wrong-step');
  });

  it('refuses a box with a 26 in side or 51 lb in the US with the rule, limit and value, and accepts 25 in / 50 lb', async () => {
    const { c, plan } = await setup(US);
    const boxId = (await c.fba.openBox({ planId: plan.id })).boxList[0]!.id;
    await c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00LAMP001', quantity: 6 });
    const inch = 25.4;
    const lb = 453.59237;
    const before = await snapshotDb(c);

    const long = await refusal(c.fba.closeBox({ planId: plan.id, boxId, lengthMm: Math.round(26 * inch), widthMm: 300, heightMm: 300, weightG: 10_000 }));
    expect([long.code, long.params.reason, long.params.field, long.params.limit, long.params.unit]).toEqual(['invalid-input', 'box-side-too-long', 'dimensions', 25, 'IN']);
    expect(long.params.actual).toBeCloseTo(26, 1);

    const heavy = await refusal(c.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: Math.round(51 * lb) }));
    expect([heavy.params.reason, heavy.params.field, heavy.params.limit, heavy.params.unit]).toEqual(['box-too-heavy', 'weight', 50, 'LB']);
    expect(heavy.params.actual).toBeCloseTo(51, 1);
    expect(await snapshotDb(c)).toEqual(before);

    const closed = await c.fba.closeBox({ planId: plan.id, boxId, lengthMm: Math.round(25 * inch), widthMm: 400, heightMm: 300, weightG: Math.floor(50 * lb) });
    expect(closed.marks).toEqual([]);
    expect(box(closed.plan, boxId)).toMatchObject({ status: 'closed', lengthMm: 635, weightG: 22_679 });
    // A closed box takes no more scans until it is reopened.
    const afterClose = await refusal(c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00MUG0002' }));
    expect(afterClose.params).toMatchObject({ reason: 'box-closed', box: 1 });
  });

  it('in an EU marketplace refuses a 16 kg box until its heavy-package mark is confirmed, and a 24 kg box outright', async () => {
    const { c, plan } = await setup(DE);
    const boxId = (await c.fba.openBox({ planId: plan.id })).boxList[0]!.id;
    await c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00MUG0002', quantity: 4 });
    const before = await snapshotDb(c);

    const unmarked = await refusal(c.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: 16_000 }));
    expect([unmarked.code, unmarked.params.reason, unmarked.params.field, unmarked.params.mark]).toEqual(['invalid-input', 'box-mark-required', 'marks', 'heavy-package']);
    const tooHeavy = await refusal(c.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: 24_000, marksConfirmed: true }));
    expect([tooHeavy.params.reason, tooHeavy.params.limit, tooHeavy.params.unit]).toEqual(['box-too-heavy', 23, 'KG']);
    // 64 cm is over the EU's 63.5 cm side.
    const long = await refusal(c.fba.closeBox({ planId: plan.id, boxId, lengthMm: 640, widthMm: 400, heightMm: 300, weightG: 5_000 }));
    expect([long.params.reason, long.params.limit, long.params.unit]).toEqual(['box-side-too-long', 63.5, 'CM']);
    expect(await snapshotDb(c)).toEqual(before);

    const closed = await c.fba.closeBox({ planId: plan.id, boxId, lengthMm: 500, widthMm: 400, heightMm: 300, weightG: 16_000, marksConfirmed: true });
    expect(closed.marks).toEqual(['heavy-package']);
    expect(box(closed.plan, boxId)?.marks).toEqual(['heavy-package']);
  });

  it('takes units back out of an open box and refuses plans the marketplace cannot take', async () => {
    const { c, plan, store, source, lamp, stray } = await setup(US);
    const boxId = (await c.fba.openBox({ planId: plan.id })).boxList[0]!.id;
    await c.fba.scanIntoBox({ planId: plan.id, boxId, code: 'X00LAMP001', quantity: 5 });
    const lampLine = plan.items.find((i) => i.msku === 'lamp-us')!.id;
    const less = await c.fba.removeFromBox({ planId: plan.id, boxId, planItemId: lampLine, quantity: 2 });
    expect(box(less, boxId)?.items).toEqual([{ planItemId: lampLine, sku: 'lamp-us', fnsku: 'X00LAMP001', quantity: 3 }]);
    const tooMany = await refusal(c.fba.removeFromBox({ planId: plan.id, boxId, planItemId: lampLine, quantity: 4 }));
    expect(tooMany.params).toMatchObject({ reason: 'more-than-in-box', inBox: 3 });

    const before = await snapshotDb(c);
    const base = { storeId: store.id, marketplaceId: US, sourceWarehouseId: source.id };
    const unlisted = await refusal(c.fba.createPlan({ ...base, lines: [{ productId: stray.id, quantity: 1 }] }));
    expect(unlisted.params).toMatchObject({ reason: 'no-listing-in-marketplace', sku: 'STRAY-9' });
    // 50 on hand, 6 held by the first plan: 45 is more than is available.
    const short = await refusal(c.fba.createPlan({ ...base, lines: [{ productId: lamp.id, quantity: 45 }] }));
    expect([short.code, short.params.reason, short.params.available, short.params.requested]).toEqual(['conflict', 'insufficient-stock', 44, 45]);
    expect(await snapshotDb(c)).toEqual(before);
  });
});
