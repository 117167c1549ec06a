import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductInput } from '../../shared/domain/catalog';
import { AppError } from '../../shared/ipc/errors';
import { insertStore } from '../../main/db/repositories/stores.repo';
import { createAudit } from '../../main/services/audit.service';
import { createCatalogService, type CatalogService } from '../../main/services/catalog/catalog.service';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let core: TestCore;
let catalog: CatalogService;
let now = new Date('2026-03-02T08:00:00Z').getTime();
const clock = { now: () => new Date(now) };

beforeEach(async () => {
  core = await tempCore({ clock });
  catalog = createCatalogService({ db: core.db, clock, audit: createAudit({ name: 'clerk-li' }, clock) });
});
afterEach(async () => {
  await core.dispose();
});

/** The error a refused call raised, and proof that it wrote nothing. */
async function refused(call: () => Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  const before = await snapshotDb(core);
  let error: unknown;
  try {
    await call();
  } catch (err) {
    error = err;
  }
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  expect(await snapshotDb(core)).toEqual(before);
  return { code: error.code, params: error.params };
}

const mug: ProductInput = {
  sku: 'CN-MUG-01',
  name: '北欧风陶瓷马克杯 350ml',
  titles: { 'zh-CN': '北欧风陶瓷马克杯', ja: '北欧風マグカップ 350ml', en: 'Nordic ceramic mug 350ml' },
  // Stored as the supplier printed it: the EAN-13 form of UPC-A 012345678905.
  codes: [
    { kind: 'gtin', code: '0012345678905' },
    { kind: 'fnsku', code: 'x00mug0001' },
    { kind: 'asin', code: 'B0MUG00001' },
    { kind: 'case', code: '10012345678902', units: 24 },
    { kind: 'alias', code: '旧编号-马克杯' },
  ],
  lengthMm: 120,
  widthMm: 90,
  heightMm: 100,
  weightG: 380,
  hsCode: '6912.00.10',
  cost: { amountMinor: 1250, currency: 'cny', effectiveDate: '2026-01-05' },
};

describe('catalog: products with codes, titles, costs', () => {
  it('creates a product and reads it back whole, with an audit row in the same transaction', async () => {
    const supplier = await catalog.createSupplier({ name: '义乌陶瓷厂', currency: 'CNY', leadTimeDays: 15, contact: '王经理 138…' });
    const p = await catalog.create({ ...mug, supplierId: supplier.id, safetyDays: 7 });
    expect(p).toMatchObject({
      sku: 'CN-MUG-01',
      kind: 'unit',
      name: '北欧风陶瓷马克杯 350ml',
      titles: { 'zh-CN': '北欧风陶瓷马克杯', ja: '北欧風マグカップ 350ml', en: 'Nordic ceramic mug 350ml' },
      lengthMm: 120,
      weightG: 380,
      hsCode: '69120010',
      supplier: { id: supplier.id, name: '义乌陶瓷厂', currency: 'CNY' },
      safetyDays: 7,
      allowBackorder: false,
      archivedAt: null,
      cost: { amountMinor: 1250, currency: 'CNY', effectiveDate: '2026-01-05' },
      components: [],
    });
    expect(p.codes).toEqual([
      { kind: 'gtin', code: '0012345678905', units: 1 },
      { kind: 'fnsku', code: 'X00MUG0001', units: 1 },
      { kind: 'asin', code: 'B0MUG00001', units: 1 },
      { kind: 'case', code: '10012345678902', units: 24 },
      { kind: 'alias', code: '旧编号-马克杯', units: 1 },
    ]);
    const audit = await core.audit.list(5);
    expect(audit.map((a) => a.action)).toEqual(['product.create', 'supplier.create']);
    expect(audit[0]).toMatchObject({ actor: 'clerk-li', entityId: String(p.id) });
    // The supplier's contact person stays out of the audit trail.
    expect(JSON.stringify(audit)).not.toContain('王经理');
  });

  it('keeps cost history by date: the newest row is the cost, older ones stay for past sales', async () => {
    const p = await catalog.create(mug);
    now += 86_400_000;
    const updated = await catalog.update(p.id, { cost: { amountMinor: 1380, currency: 'CNY', effectiveDate: '2026-03-01' } });
    expect(updated.cost).toEqual({ amountMinor: 1380, currency: 'CNY', effectiveDate: '2026-03-01' });
    expect(updated.costHistory.map((c) => c.amountMinor)).toEqual([1380, 1250]);
    // The same day again corrects the figure instead of adding a row.
    const corrected = await catalog.update(p.id, { cost: { amountMinor: 1350, currency: 'CNY', effectiveDate: '2026-03-01' } });
    expect(corrected.costHistory.map((c) => c.amountMinor)).toEqual([1350, 1250]);
    expect(corrected.updatedAt).toBe('2026-03-03T08:00:00.000Z');
  });

  it('update replaces codes and titles, clears a dimension with null, and leaves other fields alone', async () => {
    const p = await catalog.create(mug);
    const u = await catalog.update(p.id, { codes: [{ kind: 'gtin', code: '4006381333931' }], titles: { en: 'Mug' }, lengthMm: null });
    expect(u.codes).toEqual([{ kind: 'gtin', code: '4006381333931', units: 1 }]);
    expect(u.titles).toEqual({ en: 'Mug' });
    expect(u.lengthMm).toBeNull();
    expect(u.widthMm).toBe(90);
    // The old codes are free again.
    const other = await catalog.create({ sku: 'OTHER', name: 'x', codes: [{ kind: 'fnsku', code: 'X00MUG0001' }] });
    expect(other.codes[0]?.code).toBe('X00MUG0001');
  });

  it('refuses bad input with a typed reason and writes nothing', async () => {
    await catalog.create(mug);
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', codes: [{ kind: 'gtin', code: '4006381333932' }] }))).toEqual({
      code: 'invalid-input',
      params: { field: 'codes', reason: 'gtin-check-digit', code: '4006381333932' },
    });
    // The UPC-A spelling of the mug's EAN-13 is the same number: taken.
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', codes: [{ kind: 'gtin', code: '012345678905' }] }))).toEqual({
      code: 'conflict',
      params: { field: 'codes', reason: 'code-taken', code: '012345678905', sku: 'CN-MUG-01' },
    });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', codes: [{ kind: 'alias', code: '旧编号-马克杯' }] }))).toMatchObject({ code: 'conflict', params: { reason: 'code-taken', sku: 'CN-MUG-01' } });
    expect(await refused(() => catalog.create({ sku: 'CN-MUG-01', name: 'again' }))).toEqual({ code: 'conflict', params: { field: 'sku', reason: 'sku-taken', sku: 'CN-MUG-01' } });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', weightG: -1 }))).toMatchObject({ code: 'invalid-input', params: { field: 'weightG', reason: 'too_small' } });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', lengthMm: 12.5 }))).toMatchObject({ code: 'invalid-input', params: { field: 'lengthMm' } });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', cost: { amountMinor: 100, currency: 'RMB', effectiveDate: '2026-01-01' } }))).toMatchObject({
      code: 'invalid-input',
      params: { field: 'cost', path: 'cost.currency', reason: 'currency' },
    });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', hsCode: '69.12' }))).toEqual({ code: 'invalid-input', params: { field: 'hsCode', reason: 'hs-code-format' } });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', codes: [{ kind: 'case', code: 'CASE-B', units: 1 }] }))).toMatchObject({ params: { reason: 'case-units' } });
    expect(await refused(() => catalog.create({ sku: 'B', name: 'b', supplierId: 999 }))).toMatchObject({ params: { field: 'supplierId', reason: 'unknown-supplier' } });
    expect(await refused(() => catalog.update(999, { name: 'x' }))).toEqual({ code: 'not-found', params: { entity: 'product', id: 999 } });
  });
});

describe('bundles (套): components are units, at least one, never the bundle itself', () => {
  it('a bundle lists its components with quantities', async () => {
    await catalog.create(mug);
    await catalog.create({ sku: 'COASTER', name: '杯垫' });
    const set = await catalog.create({ sku: 'SET-MUG-2', name: '马克杯两只装', kind: 'bundle', components: [{ sku: 'CN-MUG-01', quantity: 2 }, { sku: 'COASTER', quantity: 2 }] });
    expect(set.kind).toBe('bundle');
    expect(set.components.map((c) => [c.sku, c.quantity])).toEqual([
      ['CN-MUG-01', 2],
      ['COASTER', 2],
    ]);
    expect(await core.db('bundle_components').count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('refuses empty, nested, self-referencing, unknown and zero-quantity components, and components on a unit', async () => {
    await catalog.create(mug);
    const set = await catalog.create({ sku: 'SET', name: 'set', kind: 'bundle', components: [{ sku: 'CN-MUG-01', quantity: 2 }] });
    const bundle = (components: { sku: string; quantity: number }[]) => () => catalog.create({ sku: 'NEW-SET', name: 'n', kind: 'bundle', components });
    expect(await refused(bundle([]))).toEqual({ code: 'invalid-input', params: { field: 'components', reason: 'bundle-needs-components' } });
    expect(await refused(bundle([{ sku: 'SET', quantity: 1 }]))).toEqual({ code: 'invalid-input', params: { field: 'components', reason: 'nested-bundle', sku: 'SET' } });
    expect(await refused(bundle([{ sku: 'NEW-SET', quantity: 1 }]))).toEqual({ code: 'invalid-input', params: { field: 'components', reason: 'self-reference', sku: 'NEW-SET' } });
    expect(await refused(bundle([{ sku: 'NOPE', quantity: 1 }]))).toEqual({ code: 'invalid-input', params: { field: 'components', reason: 'unknown-component', sku: 'NOPE' } });
    expect(await refused(bundle([{ sku: 'CN-MUG-01', quantity: 0 }]))).toMatchObject({ code: 'invalid-input', params: { field: 'components' } });
    expect(await refused(() => catalog.create({ sku: 'U', name: 'u', components: [{ sku: 'CN-MUG-01', quantity: 1 }] }))).toMatchObject({ params: { reason: 'components-on-unit' } });
    expect(await refused(() => catalog.update(set.id, { components: [{ sku: 'SET', quantity: 1 }] }))).toMatchObject({ params: { reason: 'self-reference' } });
    // A unit that a bundle consumes cannot become a bundle itself.
    const mugId = (await catalog.search({ query: 'CN-MUG-01' })).rows[0]?.id ?? 0;
    expect(await refused(() => catalog.update(mugId, { kind: 'bundle', components: [{ sku: 'SET', quantity: 1 }] }))).toEqual({ code: 'conflict', params: { field: 'kind', reason: 'used-as-component', sku: 'SET' } });
  });

  it('a bundle turned back into a unit loses its components', async () => {
    await catalog.create(mug);
    const set = await catalog.create({ sku: 'SET', name: 'set', kind: 'bundle', components: [{ sku: 'CN-MUG-01', quantity: 2 }] });
    const unit = await catalog.update(set.id, { kind: 'unit' });
    expect(unit.components).toEqual([]);
    expect(await core.db('bundle_components').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});

describe('search by any code, and scans at the packing station', () => {
  async function seed() {
    const storeId = await insertStore(core.db, { name: 'US', sellerId: 'A1', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'], isDemo: false, createdAt: '2026-01-01T00:00:00Z' });
    const p = await catalog.create(mug);
    const lamp = await catalog.create({ sku: 'CN-LAMP-02', name: '小夜灯「月光」', titles: { ja: 'LEDナイトライト「月光」' }, codes: [{ kind: 'gtin', code: '036000291452' }] });
    await catalog.mapListing({ storeId, marketplaceId: 'ATVPDKIKX0DER', sellerSku: 'AMZ-MUG-US', productId: p.id });
    return { p, lamp, storeId };
  }

  it.each([
    ['CN-MUG-01', 'sku'],
    ['AMZ-MUG-US', 'seller-sku'],
    ['012345678905', 'gtin'], // UPC-A typed, EAN-13 stored
    ['00012345678905', 'gtin'], // GTIN-14 form
    ['X00MUG0001', 'fnsku'],
    ['x00mug0001', 'fnsku'],
    ['B0MUG00001', 'asin'],
    ['10012345678902', 'case'],
    ['旧编号-马克杯', 'alias'],
    ['陶瓷马克', 'text'], // part of the name
    ['マグカップ', 'text'], // part of the Japanese title
    ['nordic CERAMIC', 'text'], // English title, any case
  ])('finds the mug by %s (%s)', async (query, matchedBy) => {
    const { p } = await seed();
    const res = await catalog.search({ query, limit: 10 });
    expect(res.rows.map((r) => [r.sku, r.matchedBy])).toEqual([[p.sku, matchedBy]]);
    expect(res.total).toBe(1);
  });

  it('exact code matches rank before text matches; archived products only on request; paging with a total', async () => {
    const { lamp } = await seed();
    // An accessory whose name mentions the mug's SKU: found by text, after the mug itself.
    await catalog.create({ sku: 'ACC-1', name: '配件 for CN-MUG-01' });
    expect((await catalog.search({ query: 'CN-MUG-01' })).rows.map((r) => [r.sku, r.matchedBy])).toEqual([
      ['CN-MUG-01', 'sku'],
      ['ACC-1', 'text'],
    ]);
    await catalog.archive(lamp.id);
    expect((await catalog.search({ query: '月光' })).total).toBe(0);
    expect((await catalog.search({ query: '036000291452' })).total).toBe(0);
    expect((await catalog.search({ query: '月光', includeArchived: true })).rows.map((r) => r.sku)).toEqual(['CN-LAMP-02']);
    const page = await catalog.search({ limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, rows: [{ sku: 'CN-MUG-01', matchedBy: null }] });
    // LIKE wildcards typed by the user are plain text.
    expect((await catalog.search({ query: '%' })).total).toBe(0);
  });

  it('resolveScan: UPC-A against the stored EAN-13, GTIN-14, scanner CR LF, case barcodes count their units', async () => {
    const { p, lamp } = await seed();
    expect(await catalog.resolveScan('012345678905\r\n')).toEqual({ productId: p.id, sku: 'CN-MUG-01', units: 1 });
    expect(await catalog.resolveScan('  00012345678905\t')).toEqual({ productId: p.id, sku: 'CN-MUG-01', units: 1 });
    expect(await catalog.resolveScan('10012345678902\n')).toEqual({ productId: p.id, sku: 'CN-MUG-01', units: 24 });
    // The lamp is stored by its UPC-A; an EAN-13 reader reports it with a leading 0.
    expect(await catalog.resolveScan('0036000291452')).toEqual({ productId: lamp.id, sku: 'CN-LAMP-02', units: 1 });
    expect(await catalog.resolveScan('x00mug0001')).toMatchObject({ productId: p.id, units: 1 });
    expect(await catalog.resolveScan('CN-MUG-01\r')).toMatchObject({ productId: p.id, units: 1 });
    expect(await catalog.resolveScan('AMZ-MUG-US')).toMatchObject({ productId: p.id, units: 1 });
    expect(await refused(() => catalog.resolveScan('4006381333931\r\n'))).toEqual({ code: 'not-found', params: { entity: 'code', code: '4006381333931' } });
    expect(await refused(() => catalog.resolveScan('\r\n'))).toMatchObject({ code: 'not-found', params: { entity: 'code' } });
  });

  it('stays exact on a 20k-product catalogue, and code lookups use the unique index', async () => {
    const at = '2026-01-01T00:00:00Z';
    await core.db.transaction(async (trx) => {
      for (let i = 0; i < 20_000; i += 500) {
        const rows = Array.from({ length: 500 }, (_, k) => ({ sku: `BULK-${String(i + k).padStart(5, '0')}`, kind: 'unit', name: `批量商品 ${i + k}`, allow_backorder: false, created_at: at, updated_at: at }));
        await trx('products').insert(rows);
      }
      const ids = await trx('products').orderBy('id').pluck<number[]>('id');
      for (let i = 0; i < ids.length; i += 500) await trx('product_codes').insert(ids.slice(i, i + 500).map((id) => ({ product_id: id, kind: 'alias', code: `ALIAS-${id}`, units: 1 })));
    });
    await seed();
    expect((await catalog.search({ query: '012345678905' })).rows.map((r) => r.sku)).toEqual(['CN-MUG-01']);
    expect((await catalog.search({ query: 'BULK-12345' })).rows.map((r) => [r.sku, r.matchedBy])).toEqual([['BULK-12345', 'sku']]);
    expect((await catalog.search({ query: '批量商品 1999', limit: 5 })).total).toBe(11); // 1999 and 19990–19999
    expect((await catalog.search({ query: '批量商品', limit: 5 })).total).toBe(20_000);
    const plan = (await core.db.raw("EXPLAIN QUERY PLAN SELECT product_id FROM product_codes WHERE code IN ('012345678905', '0012345678905')")) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
  });
});

describe('suppliers and Amazon listing mapping', () => {
  it('suppliers: unique names, currency checked, updates audited', async () => {
    const s = await catalog.createSupplier({ name: '深圳灯饰有限公司', currency: 'cny', leadTimeDays: 20 });
    expect(s).toMatchObject({ name: '深圳灯饰有限公司', currency: 'CNY', leadTimeDays: 20, contact: null });
    expect(await refused(() => catalog.createSupplier({ name: '深圳灯饰有限公司', currency: 'CNY', leadTimeDays: 1 }))).toEqual({ code: 'conflict', params: { field: 'name', reason: 'name-taken' } });
    expect(await refused(() => catalog.createSupplier({ name: 'X', currency: 'XYZ', leadTimeDays: 1 }))).toMatchObject({ code: 'invalid-input', params: { field: 'currency' } });
    const u = await catalog.updateSupplier(s.id, { leadTimeDays: 25, contact: 'wechat: lamp-sz' });
    expect(u).toMatchObject({ leadTimeDays: 25, contact: 'wechat: lamp-sz' });
    expect((await catalog.listSuppliers()).map((x) => x.name)).toEqual(['深圳灯饰有限公司']);
    expect((await core.audit.list(1))[0]).toMatchObject({ action: 'supplier.update', detail: { fields: ['contact', 'leadTimeDays'] } });
  });

  it('maps Amazon offers to products; unmapped offers are listed until mapped', async () => {
    const storeId = await insertStore(core.db, { name: 'JP', sellerId: 'A2', region: 'fe', marketplaceIds: ['A1VC38T7YXB528'], isDemo: false, createdAt: '2026-01-01T00:00:00Z' });
    const listing = (seller_sku: string, item_name: string) => ({ store_id: storeId, marketplace_id: 'A1VC38T7YXB528', seller_sku, asin: 'B0MUG00001', item_name, fulfillment_channel: 'AMAZON_FE', synced_at: '2026-01-01T00:00:00Z' });
    await core.db('listings').insert([listing('JP-MUG', 'マグカップ'), listing('JP-MUG-2', 'マグカップ 2個')]);
    const p = await catalog.create(mug);
    expect((await catalog.unmappedListings({ storeId })).map((l) => [l.sellerSku, l.itemName])).toEqual([
      ['JP-MUG', 'マグカップ'],
      ['JP-MUG-2', 'マグカップ 2個'],
    ]);
    expect(await catalog.mapListing({ storeId, marketplaceId: 'A1VC38T7YXB528', sellerSku: 'JP-MUG', productId: p.id })).toEqual({ previousProductId: null });
    expect((await catalog.unmappedListings()).map((l) => l.sellerSku)).toEqual(['JP-MUG-2']);
    expect((await catalog.get(p.id)).listings).toEqual([{ storeId, marketplaceId: 'A1VC38T7YXB528', sellerSku: 'JP-MUG' }]);
    expect(await refused(() => catalog.mapListing({ storeId, marketplaceId: 'A1VC38T7YXB528', sellerSku: 'JP-MUG', productId: 999 }))).toEqual({ code: 'not-found', params: { entity: 'product', id: 999 } });
    await catalog.unmapListing({ storeId, marketplaceId: 'A1VC38T7YXB528', sellerSku: 'JP-MUG' });
    expect((await catalog.unmappedListings({ storeId })).length).toBe(2);
    expect(await refused(() => catalog.unmapListing({ storeId, marketplaceId: 'A1VC38T7YXB528', sellerSku: 'JP-MUG' }))).toMatchObject({ code: 'not-found' });
    expect((await core.audit.list(2)).map((a) => a.action)).toEqual(['listing.unmap', 'listing.map']);
  });
});
