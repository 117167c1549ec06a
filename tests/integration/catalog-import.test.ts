import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import { createAudit } from '../../main/services/audit.service';
import { exportCatalog } from '../../main/services/catalog/catalog-export';
import { createCatalogService, loadProducts } from '../../main/services/catalog/catalog.service';
import { createCatalogImport } from '../../main/services/catalog/import/catalog-import';
import { readXlsx } from '../../main/services/catalog/import/xlsx';
import { snapshotDb, tempCore } from '../support/temp-core';

const clock = { now: () => new Date('2026-03-02T08:00:00Z') };
const cores: Awaited<ReturnType<typeof tempCore>>[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

async function setup() {
  const core = await tempCore({ clock });
  cores.push(core);
  const audit = createAudit({ name: 'clerk-li' }, clock);
  const catalog = createCatalogService({ db: core.db, clock, audit });
  const importer = createCatalogImport({ db: core.db, clock, audit, catalog });
  const bySku = async (sku: string) => {
    const id = (await core.db('products').where({ sku }).first<{ id: number } | undefined>('id'))?.id;
    if (id === undefined) throw new Error(`no product ${sku}`);
    return catalog.get(id);
  };
  const skus = () => core.db('products').orderBy('sku').pluck<string[]>('sku');
  return { core, catalog, importer, bySku, skus };
}

const file = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/files', name))) });
const textFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

async function appError(call: () => Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await call();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('expected the call to be refused');
}

/** Everything a user sees of the catalog, without database ids and timestamps. */
async function catalogView(db: Parameters<typeof loadProducts>[0]) {
  const ids = await db('products').orderBy('sku').pluck<number[]>('id');
  return (await loadProducts(db, ids)).map((p) => ({
    sku: p.sku,
    kind: p.kind,
    name: p.name,
    titles: p.titles,
    dims: [p.lengthMm, p.widthMm, p.heightMm, p.weightG],
    hsCode: p.hsCode,
    supplier: p.supplier && { name: p.supplier.name, currency: p.supplier.currency },
    safetyDays: p.safetyDays,
    allowBackorder: p.allowBackorder,
    codes: p.codes,
    components: p.components.map((c) => [c.sku, c.quantity]),
    cost: p.cost,
  }));
}

/** The rows of the Chinese fixture, identical whichever encoding carried them. */
async function expectChineseCatalog(s: Awaited<ReturnType<typeof setup>>) {
  expect(await s.skus()).toEqual(['CN-LAMP-02', 'CN-MUG-01', 'SET-MUG-2']);
  const mug = await s.bySku('CN-MUG-01');
  expect(mug).toMatchObject({
    kind: 'unit',
    name: '北欧风陶瓷马克杯 350ml',
    titles: { 'zh-CN': '北欧风陶瓷马克杯（𠮷字款）', ja: '北欧風マグカップ 350ml' },
    lengthMm: 120,
    widthMm: 90,
    heightMm: 100,
    weightG: 380,
    hsCode: '69120010',
    supplier: { name: '义乌陶瓷厂', currency: 'CNY' },
    safetyDays: 7,
    allowBackorder: false,
    cost: { amountMinor: 1250, currency: 'CNY', effectiveDate: '2026-01-05' },
  });
  expect(mug.codes).toEqual([
    { kind: 'gtin', code: '4006381333931', units: 1 },
    { kind: 'asin', code: 'B0MUG00001', units: 1 },
    { kind: 'fnsku', code: 'X00MUG0001', units: 1 },
    { kind: 'case', code: '14006381333938', units: 24 },
  ]);
  // Byte-exact text: a comma and CJK brackets inside a quoted field.
  expect(Buffer.from((await s.bySku('CN-LAMP-02')).name, 'utf8').toString('hex')).toBe(Buffer.from('小夜灯「月光」, 暖白', 'utf8').toString('hex'));
  expect(await s.bySku('CN-LAMP-02')).toMatchObject({ titles: { ja: 'LEDナイトライト「月光」' }, allowBackorder: true, hsCode: '940540', cost: { amountMinor: 880 }, supplier: { name: '深圳灯饰有限公司' } });
  const set = await s.bySku('SET-MUG-2');
  expect(set).toMatchObject({ kind: 'bundle', titles: { 'zh-CN': '陶瓷马克杯 ×2 礼盒' }, supplier: null });
  expect(set.components.map((c) => [c.sku, c.quantity])).toEqual([['CN-MUG-01', 2]]);
  // The case barcode scans as 24 mugs.
  expect(await s.catalog.resolveScan('14006381333938\r\n')).toEqual({ productId: mug.id, sku: 'CN-MUG-01', units: 24 });
}

describe('catalog import: encodings Chinese sellers actually send', () => {
  it('GB18030 (Excel CSV on Chinese Windows): preview changes nothing, commit imports every row exactly', async () => {
    const s = await setup();
    const before = await snapshotDb(s.core);
    const preview = await s.importer.preview(file('catalog-gb18030.csv'));
    expect(preview).toEqual({
      format: 'csv',
      encoding: 'gb18030',
      rows: 3,
      valid: 3,
      errors: [],
      sample: [
        { line: 2, sku: 'CN-MUG-01', name: '北欧风陶瓷马克杯 350ml', action: 'create' },
        { line: 3, sku: 'CN-LAMP-02', name: '小夜灯「月光」, 暖白', action: 'create' },
        { line: 4, sku: 'SET-MUG-2', name: '马克杯两只装', action: 'create' },
      ],
    });
    expect(await snapshotDb(s.core)).toEqual(before);
    expect(await s.importer.commit(file('catalog-gb18030.csv'), { mode: 'all-or-nothing' })).toEqual({ created: 3, updated: 0, skipped: 0, errors: [] });
    await expectChineseCatalog(s);
    expect((await s.core.audit.list(1))[0]).toMatchObject({ action: 'catalog.import', detail: { encoding: 'gb18030', created: 3 } });
  });

  it('UTF-8 with BOM gives the same catalog', async () => {
    const s = await setup();
    expect(await s.importer.preview(file('catalog-utf8-bom.csv'))).toMatchObject({ encoding: 'utf-8-bom', valid: 3, errors: [] });
    await s.importer.commit(file('catalog-utf8-bom.csv'), { mode: 'all-or-nothing' });
    await expectChineseCatalog(s);
  });

  it('UTF-16 LE with BOM, tab-separated (Excel "Unicode text"): Japanese, an emoji, a quoted two-line name', async () => {
    const s = await setup();
    const preview = await s.importer.preview(file('catalog-utf16le-bom.txt'));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-16le', rows: 3, valid: 3, errors: [] });
    expect(preview.sample.map((r) => r.line)).toEqual([2, 3, 5]);
    await s.importer.commit(file('catalog-utf16le-bom.txt'), { mode: 'all-or-nothing' });
    expect(await s.bySku('JP-TEA-01')).toMatchObject({
      name: '抹茶ラテ 粉末 200g 🍵',
      titles: { en: 'Matcha latte powder 200g', ja: '抹茶ラテ「宇治」200g' },
      codes: [
        { kind: 'gtin', code: '4901234567894', units: 1 },
        { kind: 'asin', code: 'B0TEA00001', units: 1 },
        { kind: 'fnsku', code: 'X00TEA0001', units: 1 },
      ],
      cost: { amountMinor: 1280, currency: 'JPY' },
    });
    // The file's CR LF inside the quoted name is stored as LF, as Excel's own line breaks in a cell are.
    expect((await s.bySku('JP-CUP-02')).name).toBe('湯呑み\n（二行目）');
    expect((await s.bySku('JP-POT-03')).codes).toEqual([{ kind: 'gtin', code: '73513537', units: 1 }]);
  });
});

describe('catalog import: bad rows are reported by line and nothing is half-imported', () => {
  const badGtinErrors = [
    // Line 5, not 4: the quoted name on line 3 runs over two physical lines.
    { line: 5, column: 'UPC/EAN', code: 'gtin-check-digit', params: { code: '4006381333932' } },
    { line: 7, column: '成本', code: 'not-a-number', params: {} },
    { line: 8, column: 'SKU', code: 'duplicate-sku-in-file', params: { sku: 'A-1', firstLine: 2 } },
  ];

  it('a bad GTIN check digit after a multi-line field: exact lines; all-or-nothing refuses and writes nothing', async () => {
    const s = await setup();
    const preview = await s.importer.preview(file('catalog-bad-gtin.csv'));
    expect(preview).toMatchObject({ encoding: 'utf-8', rows: 6, valid: 3, errors: badGtinErrors });
    const before = await snapshotDb(s.core);
    expect(await appError(() => s.importer.commit(file('catalog-bad-gtin.csv'), { mode: 'all-or-nothing' }))).toEqual({ code: 'invalid-input', params: { field: 'file', reason: 'file-has-errors', count: 3 } });
    expect(await snapshotDb(s.core)).toEqual(before);
  });

  it('valid-rows-only imports exactly the good rows', async () => {
    const s = await setup();
    expect(await s.importer.commit(file('catalog-bad-gtin.csv'), { mode: 'valid-rows-only' })).toEqual({ created: 3, updated: 0, skipped: 3, errors: badGtinErrors });
    expect(await s.skus()).toEqual(['A-1', 'B-2', 'D-4']);
    expect(await s.bySku('A-1')).toMatchObject({ name: '普通商品', cost: { amountMinor: 990, currency: 'CNY' } });
    expect(await s.bySku('B-2')).toMatchObject({ name: '多行\n说明的商品', cost: { amountMinor: 500, currency: 'USD' } });
    expect((await s.bySku('D-4')).codes).toEqual([{ kind: 'gtin', code: '96385074', units: 1 }]);
  });

  it('broken UTF-8: the lines with bad bytes are named, not misread as GB18030; the other rows can still be imported', async () => {
    const s = await setup();
    const preview = await s.importer.preview(file('catalog-broken-utf8.csv'));
    expect(preview).toMatchObject({
      encoding: 'utf-8',
      rows: 5,
      valid: 3,
      errors: [
        { line: 3, code: 'broken-utf8', params: {} },
        { line: 5, code: 'broken-utf8', params: {} },
      ],
    });
    const before = await snapshotDb(s.core);
    expect(await appError(() => s.importer.commit(file('catalog-broken-utf8.csv'), { mode: 'all-or-nothing' }))).toMatchObject({ params: { reason: 'file-has-errors', count: 2 } });
    expect(await snapshotDb(s.core)).toEqual(before);
    await s.importer.commit(file('catalog-broken-utf8.csv'), { mode: 'valid-rows-only' });
    expect(await s.skus()).toEqual(['K-1', 'K-3', 'K-5']);
    expect(await s.bySku('K-1')).toMatchObject({ name: '机械键盘', titles: { en: 'Keyboard' } });
    expect((await s.bySku('K-5')).name).toBe('摄像头');
  });

  it('a wrong column: every header problem on line 1, and neither mode imports anything', async () => {
    const s = await setup();
    const preview = await s.importer.preview(file('catalog-wrong-column.csv'));
    expect(preview).toMatchObject({
      rows: 1,
      valid: 0,
      errors: [
        { line: 1, column: '编号', code: 'unknown-column', params: { header: '编号' } },
        { line: 1, column: '颜色', code: 'unknown-column', params: { header: '颜色' } },
        { line: 1, column: 'SKU', code: 'missing-column', params: { header: 'SKU' } },
      ],
    });
    // A value right of the last header has no column either.
    expect((await s.importer.preview(textFile('extra.csv', 'SKU,品名\nA,杯子,红色\n'))).errors).toEqual([{ line: 1, code: 'missing-header', params: { column: 3 } }]);
    const before = await snapshotDb(s.core);
    for (const mode of ['all-or-nothing', 'valid-rows-only'] as const) {
      expect(await appError(() => s.importer.commit(file('catalog-wrong-column.csv'), { mode }))).toMatchObject({ params: { reason: 'file-has-errors', count: 3 } });
    }
    expect(await snapshotDb(s.core)).toEqual(before);
  });

  it('files that are no catalog get a clear code and change nothing; the content decides, not the name', async () => {
    const s = await setup();
    await s.importer.commit(file('catalog-gb18030.csv'), { mode: 'all-or-nothing' });
    const before = await snapshotDb(s.core);
    const cases: [string, Record<string, unknown>][] = [
      ['not-a-catalog.pdf', { field: 'file', reason: 'unsupported-format', format: 'pdf' }],
      ['photo.png', { field: 'file', reason: 'unsupported-format', format: 'png' }],
      ['empty.csv', { field: 'file', reason: 'empty-file' }],
      ['not-a-workbook.xlsx', { field: 'file', reason: 'not-xlsx' }],
    ];
    for (const [name, params] of cases) {
      expect(await appError(() => s.importer.preview(file(name)))).toEqual({ code: 'invalid-input', params });
      expect(await appError(() => s.importer.commit(file(name), { mode: 'valid-rows-only' }))).toEqual({ code: 'invalid-input', params });
    }
    // A PDF renamed to .csv is still a PDF; a CSV saved with an .xlsx name is still read as CSV.
    expect(await appError(() => s.importer.preview({ ...file('not-a-catalog.pdf'), name: 'catalog.csv' }))).toMatchObject({ params: { reason: 'unsupported-format', format: 'pdf' } });
    expect(await s.importer.preview({ ...file('catalog-utf8-bom.csv'), name: 'catalog.xlsx' })).toMatchObject({ format: 'csv', valid: 3 });
    expect(await snapshotDb(s.core)).toEqual(before);
  });

  it('bundle rows follow their components: a component row with errors takes the bundle with it in valid-rows-only mode', async () => {
    const s = await setup();
    const csv = 'SKU,品名,类型,组合明细,UPC/EAN\nU-1,好的单品,单品,,\nU-2,坏的单品,单品,,4006381333932\nSET-1,套装一,组合,U-1*2,\nSET-2,套装二,组合,U-1*1;U-2*1,\nSET-3,套装三,组合,NOPE*1,\nSET-4,嵌套,组合,SET-1*1,\n';
    const preview = await s.importer.preview(textFile('bundles.csv', csv));
    expect(preview.errors.map((e) => [e.line, e.column, e.code, e.params])).toEqual([
      [3, 'UPC/EAN', 'gtin-check-digit', { code: '4006381333932' }],
      [5, '组合明细', 'component-row-has-errors', { component: 'U-2' }],
      [6, '组合明细', 'unknown-component', { component: 'NOPE' }],
      [7, '组合明细', 'component-is-bundle', { component: 'SET-1' }],
    ]);
    await s.importer.commit(textFile('bundles.csv', csv), { mode: 'valid-rows-only' });
    expect(await s.skus()).toEqual(['SET-1', 'U-1']);
    expect((await s.bySku('SET-1')).components.map((c) => [c.sku, c.quantity])).toEqual([['U-1', 2]]);
  });
});

describe('catalog import: upsert by SKU', () => {
  it('a file with only some columns updates just those; a code can move between two products of the same file', async () => {
    const s = await setup();
    await s.importer.commit(file('catalog-gb18030.csv'), { mode: 'all-or-nothing' });
    const costs = 'SKU,成本,币种,成本日期\r\nCN-MUG-01,13.80,CNY,2026/3/1\r\n';
    expect(await s.importer.preview(textFile('costs.csv', costs))).toMatchObject({ valid: 1, sample: [{ sku: 'CN-MUG-01', name: '北欧风陶瓷马克杯 350ml', action: 'update' }] });
    expect(await s.importer.commit(textFile('costs.csv', costs), { mode: 'all-or-nothing' })).toMatchObject({ created: 0, updated: 1 });
    const mug = await s.bySku('CN-MUG-01');
    expect(mug.costHistory).toEqual([
      { amountMinor: 1380, currency: 'CNY', effectiveDate: '2026-03-01' },
      { amountMinor: 1250, currency: 'CNY', effectiveDate: '2026-01-05' },
    ]);
    expect(mug.name).toBe('北欧风陶瓷马克杯 350ml');
    expect(mug.codes).toHaveLength(4);

    // The two GTINs were swapped on the labels: one file fixes both products.
    const swap = 'sku,gtin\nCN-MUG-01,036000291452\nCN-LAMP-02,4006381333931\n';
    expect(await s.importer.commit(textFile('swap.csv', swap), { mode: 'all-or-nothing' })).toMatchObject({ updated: 2 });
    expect((await s.catalog.resolveScan('036000291452')).sku).toBe('CN-MUG-01');
    expect((await s.catalog.resolveScan('4006381333931')).sku).toBe('CN-LAMP-02');
    // Other code kinds were not in the file and stay.
    expect((await s.bySku('CN-MUG-01')).codes.map((c) => c.kind)).toEqual(['asin', 'fnsku', 'case', 'gtin']);

    // Taking a code another product keeps is refused, naming the owner.
    const steal = 'sku,name,gtin\nNEW-1,New,036000291452\n';
    expect((await s.importer.preview(textFile('steal.csv', steal))).errors).toEqual([{ line: 2, column: 'gtin', code: 'code-taken', params: { code: '036000291452', sku: 'CN-MUG-01' } }]);
    // An unknown supplier without a currency is a typo, not a new supplier.
    expect((await s.importer.preview(textFile('sup.csv', 'SKU,供应商\nCN-MUG-01,义乌陶磁厂\n'))).errors).toEqual([{ line: 2, column: '供应商', code: 'unknown-supplier', params: { supplier: '义乌陶磁厂' } }]);
  });
});

describe('catalog XLSX import and export round trips', () => {
  it('XLSX: first sheet, Excel row numbers, rich text, numbers that lost their leading zero, formula results, dates', async () => {
    const s = await setup();
    const preview = await s.importer.preview(file('catalog.xlsx'));
    expect(preview).toMatchObject({
      format: 'xlsx',
      encoding: 'xlsx',
      rows: 3,
      valid: 2,
      errors: [{ line: 4, column: 'UPC/EAN', code: 'gtin-check-digit', params: { code: '4006381333932' } }],
    });
    expect(await s.importer.commit(file('catalog.xlsx'), { mode: 'valid-rows-only' })).toMatchObject({ created: 2, skipped: 1 });
    expect(await s.bySku('X-EAR-01')).toMatchObject({
      name: '蓝牙耳机 Pro「降噪」',
      titles: { en: 'Bluetooth earbuds Pro' },
      codes: [
        { kind: 'gtin', code: '012345678905', units: 1 },
        { kind: 'case', code: '15400141288763', units: 20 },
      ],
      cost: { amountMinor: 1250, currency: 'USD', effectiveDate: '2026-01-05' },
      weightG: 45,
    });
    expect(await s.bySku('X-CHG-03')).toMatchObject({ cost: { amountMinor: 999, currency: 'USD', effectiveDate: '2026-02-01' }, weightG: 120 });
  });

  it('export → import on an empty database gives the same catalog, in CSV (zh-CN) and XLSX (en)', async () => {
    const source = await setup();
    await source.importer.commit(file('catalog-gb18030.csv'), { mode: 'all-or-nothing' });
    await source.importer.commit(file('catalog-utf16le-bom.txt'), { mode: 'all-or-nothing' });
    await source.importer.commit(file('catalog.xlsx'), { mode: 'valid-rows-only' });
    // Text Excel would run as a formula, and an alias, survive the trip.
    await source.catalog.create({ sku: '-DASH', name: '=HYPERLINK("http://example.invalid")', codes: [{ kind: 'alias', code: '+86-老编号' }], allowBackorder: true, safetyDays: 3 });
    const expected = await catalogView(source.core.db);
    expect(expected).toHaveLength(9);

    const csv = await exportCatalog(source.core.db, { format: 'csv', locale: 'zh-CN' });
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csv);
    expect(csvText.split('\r\n')[0]).toBe('SKU,品名,类型,中文标题,英文标题,日文标题,UPC/EAN,ASIN,FNSKU,箱规条码,箱规数量,别名条码,长(mm),宽(mm),高(mm),重量(g),海关编码,成本,币种,成本日期,供应商,供应商币种,供应商交期(天),组合明细,安全天数,允许超卖');
    expect(csvText).toContain(`'=HYPERLINK`);

    const fromCsv = await setup();
    expect(await fromCsv.importer.commit({ name: 'export.csv', bytes: csv }, { mode: 'all-or-nothing' })).toMatchObject({ created: 9, errors: [] });
    expect(await catalogView(fromCsv.core.db)).toEqual(expected);

    const xlsx = await source.importer.exportCatalog({ format: 'xlsx', locale: 'en' });
    const sheet = await readXlsx(xlsx);
    expect(sheet?.[0]?.fields.slice(0, 4)).toEqual(['sku', 'name', 'type', 'title_zh-CN']);
    const fromXlsx = await setup();
    expect(await fromXlsx.importer.commit({ name: 'export.xlsx', bytes: xlsx }, { mode: 'all-or-nothing' })).toMatchObject({ created: 9, errors: [] });
    expect(await catalogView(fromXlsx.core.db)).toEqual(expected);
  });
});
