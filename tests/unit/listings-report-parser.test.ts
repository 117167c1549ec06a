import { describe, expect, it } from 'vitest';
import { parseListingsReport, parseSellerCentralTime, splitTsv } from '../../main/sync/jobs/listings-report-parser';

/** The All Listings Report header as Seller Central writes it (29 columns). */
const HEADER = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url', 'item-is-marketplace',
  'product-id-type', 'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1', 'zshop-browse-path', 'zshop-storefront-feature',
  'asin1', 'asin2', 'asin3', 'will-ship-internationally', 'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement',
  'add-delete', 'pending-quantity', 'fulfillment-channel', 'merchant-shipping-group', 'status',
];

interface Listing {
  name: string;
  sku: string;
  price?: string;
  quantity?: string;
  openDate?: string;
  asin?: string;
  channel?: string;
  status?: string;
  listingId?: string;
}

function row(l: Listing, header: readonly string[] = HEADER): string[] {
  const values: Record<string, string> = {
    'item-name': l.name,
    'listing-id': l.listingId ?? '0101ABCDEFG',
    'seller-sku': l.sku,
    price: l.price ?? '',
    quantity: l.quantity ?? '',
    'open-date': l.openDate ?? '',
    asin1: l.asin ?? 'B0TESTASIN',
    'fulfillment-channel': l.channel ?? 'DEFAULT',
    status: l.status ?? 'Active',
  };
  return header.map((h) => values[h.trim().toLowerCase()] ?? '');
}

const tsv = (rows: string[][], eol = '\n', header: readonly string[] = HEADER) => [header, ...rows].map((r) => r.join('\t')).join(eol) + eol;

describe('listings report parser', () => {
  it('reads every column by header name, with CJK, emoji and umlauts byte-exact and prices as decimal text', () => {
    const titles = ['QIANLI 千里 ワイヤレスイヤホン Bluetooth 5.3【最大40時間再生】 ホワイト', '深圳 无线蓝牙耳机 🎧🔋 降噪', 'Kabellose Kopfhörer – Größe M, Weiß ß'];
    const text = tsv([
      row({ name: titles[0]!, sku: 'JP-01', price: '1980', quantity: '', openDate: '2025-03-14 08:12:55 JST', channel: 'AMAZON_JP', listingId: '0314X1Y2Z3A' }),
      row({ name: titles[1]!, sku: 'CN-02', price: '29.99', quantity: '120', openDate: '2025-03-14 08:12:55 PST' }),
      row({ name: titles[2]!, sku: 'DE-03 ', price: '12,99', quantity: '0', openDate: '2025-07-01 23:30:00 CEST', status: 'Inactive' }),
    ]);
    const parsed = parseListingsReport(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.missingColumns).toEqual([]);
    expect(parsed.absentColumns).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, sellerSku: 'JP-01', asin: 'B0TESTASIN', itemName: titles[0], price: '1980', quantity: null, fulfillmentChannel: 'AMAZON_JP', status: 'Active', openDate: '2025-03-13T23:12:55.000Z', listingId: '0314X1Y2Z3A' },
      { line: 3, sellerSku: 'CN-02', asin: 'B0TESTASIN', itemName: titles[1], price: '29.99', quantity: 120, fulfillmentChannel: 'DEFAULT', status: 'Active', openDate: '2025-03-14T16:12:55.000Z', listingId: '0101ABCDEFG' },
      // A trailing space is part of a SKU on Amazon: it is kept.
      { line: 4, sellerSku: 'DE-03 ', asin: 'B0TESTASIN', itemName: titles[2], price: '12.99', quantity: 0, fulfillmentChannel: 'DEFAULT', status: 'Inactive', openDate: '2025-07-01T21:30:00.000Z', listingId: '0101ABCDEFG' },
    ]);
    for (const [i, t] of titles.entries()) expect(Buffer.from(parsed.rows[i]!.itemName!, 'utf8').equals(Buffer.from(t, 'utf8'))).toBe(true);
  });

  it('drops a UTF-8 BOM and reads CRLF files without a stray CR in the last column', () => {
    const text = '\ufeff' + tsv([row({ name: 'Alpha', sku: 'A-1', status: 'Active' }), row({ name: 'Beta', sku: 'B-2', status: 'Incomplete' })], '\r\n');
    const parsed = parseListingsReport(text);
    expect(parsed.missingColumns).toEqual([]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.itemName, r.sellerSku, r.status])).toEqual([
      [2, 'Alpha', 'A-1', 'Active'],
      [3, 'Beta', 'B-2', 'Incomplete'],
    ]);
  });

  it('reads old-Mac CR line ends and skips blank lines, the empty trailing ones included', () => {
    const body = [HEADER, row({ name: 'One', sku: 'S-1' }), [], row({ name: 'Two', sku: 'S-2' })].map((r) => r.join('\t')).join('\r');
    const parsed = parseListingsReport(body + '\r\r\n\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.sellerSku])).toEqual([
      [2, 'S-1'],
      [4, 'S-2'],
    ]);
  });

  it('keeps quotes inside titles as literal text', () => {
    const names = ['Monitor 27" 4K', '"Pro" Edition "X" 2-pack', 'Say "hi" to 你好', '"', '""', 'He said "', '"Unclosed quote in a title'];
    const text = tsv(names.map((name, i) => row({ name, sku: `Q-${i}` })));
    const parsed = parseListingsReport(text);
    expect(parsed.problems).toEqual([]);
    // '""' is a well-formed quoted empty cell; everything else is not quoted and stays as written.
    expect(parsed.rows.map((r) => r.itemName)).toEqual(['Monitor 27" 4K', '"Pro" Edition "X" 2-pack', 'Say "hi" to 你好', '"', null, 'He said "', '"Unclosed quote in a title']);
  });

  it('unquotes RFC 4180 quoted cells, which may hold tabs, line breaks and doubled quotes', () => {
    const quoted = '"Cable\t2 m ""braided""\nline two"';
    const text = tsv([row({ name: quoted, sku: 'QC-1' }), row({ name: 'After', sku: 'QC-2' })]);
    const parsed = parseListingsReport(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.sellerSku, r.itemName])).toEqual([
      [2, 'QC-1', 'Cable\t2 m "braided"\nline two'],
      // The quoted line break moves the next record to line 4.
      [4, 'QC-2', 'After'],
    ]);
  });

  it('does not let a stray opening quote swallow the rows up to the next quote', () => {
    // Read as quoted, `"Case` would run to `5"` two lines down and merge three rows into one wrong-width record.
    const text = tsv([row({ name: '"Case for phone', sku: 'SQ-1' }), row({ name: 'Plain', sku: 'SQ-2' }), row({ name: 'Tablet 10.5"', sku: 'SQ-3' })]);
    const parsed = parseListingsReport(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.sellerSku, r.itemName])).toEqual([
      [2, 'SQ-1', '"Case for phone'],
      [3, 'SQ-2', 'Plain'],
      [4, 'SQ-3', 'Tablet 10.5"'],
    ]);
  });

  it('finds columns by name whatever their order, case or padding, and reports absent optional ones', () => {
    const header = ['Status', ' SELLER-SKU ', 'item-name', 'asin1', 'fulfillment-channel'];
    const text = tsv([row({ name: 'Only some columns', sku: 'OC-1', status: 'Active', channel: 'AMAZON_NA' }, header)], '\n', header);
    const parsed = parseListingsReport(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.absentColumns).toEqual(['price', 'quantity', 'open-date', 'listing-id']);
    expect(parsed.rows).toEqual([
      { line: 2, sellerSku: 'OC-1', asin: 'B0TESTASIN', itemName: 'Only some columns', price: null, quantity: null, fulfillmentChannel: 'AMAZON_NA', status: 'Active', openDate: null, listingId: null },
    ]);
  });

  it('reads nothing as a listing when the seller-sku column is missing', () => {
    const header = HEADER.filter((h) => h !== 'seller-sku');
    const parsed = parseListingsReport(tsv([row({ name: 'X', sku: 'ignored' }, header)], '\n', header));
    expect(parsed.missingColumns).toEqual(['seller-sku']);
    expect(parsed.rows).toEqual([]);
    expect(parseListingsReport('')).toMatchObject({ rows: [], missingColumns: ['seller-sku'] });
    expect(parseListingsReport('\ufeff\r\n')).toMatchObject({ rows: [], missingColumns: ['seller-sku'] });
  });

  it('reports malformed rows with their line instead of dropping them silently', () => {
    const good = row({ name: 'Good', sku: 'G-1', price: '10.00' });
    const extraTab = row({ name: 'Title with a\tstray tab', sku: 'BAD-1' });
    const short = row({ name: 'Cut short', sku: 'BAD-2' }).slice(0, 20);
    const noSku = row({ name: 'No SKU', sku: '' });
    const duplicate = row({ name: 'Good again', sku: 'G-1' });
    const text = tsv([good, extraTab.join('\t').split('\t'), short, noSku, duplicate, row({ name: 'Last', sku: 'G-2' })]);
    const parsed = parseListingsReport(text);
    expect(parsed.rows.map((r) => [r.line, r.sellerSku])).toEqual([
      [2, 'G-1'],
      [7, 'G-2'],
    ]);
    expect(parsed.problems).toEqual([
      { line: 3, sellerSku: null, column: null, message: 'expected 29 columns, found 30', rowKept: false },
      { line: 4, sellerSku: null, column: null, message: 'expected 29 columns, found 20', rowKept: false },
      { line: 5, sellerSku: null, column: 'seller-sku', message: 'no seller-sku', rowKept: false },
      { line: 6, sellerSku: 'G-1', column: 'seller-sku', message: 'seller-sku repeats line 2', rowKept: false },
    ]);
  });

  it('keeps a row whose price, quantity or date cannot be read, with that field empty and a problem reported', () => {
    const text = tsv([
      row({ name: 'Bad price', sku: 'V-1', price: '1,299.00', quantity: '3', openDate: '2025-01-02 03:04:05 PST' }),
      row({ name: 'Bad quantity', sku: 'V-2', price: '5', quantity: '-1' }),
      row({ name: 'Bad date', sku: 'V-3', price: '5', openDate: '2025-02-30 10:00:00 PST' }),
      row({ name: 'Unknown zone', sku: 'V-4', openDate: '2025-02-03 10:00:00 XYZ' }),
    ]);
    const parsed = parseListingsReport(text);
    expect(parsed.rows.map((r) => [r.sellerSku, r.price, r.quantity, r.openDate])).toEqual([
      ['V-1', null, 3, '2025-01-02T11:04:05.000Z'],
      ['V-2', '5', null, null],
      ['V-3', '5', null, null],
      ['V-4', null, null, null],
    ]);
    expect(parsed.problems.map((p) => [p.line, p.sellerSku, p.column, p.rowKept])).toEqual([
      [2, 'V-1', 'price', true],
      [3, 'V-2', 'quantity', true],
      [4, 'V-3', 'open-date', true],
      [5, 'V-4', 'open-date', true],
    ]);
  });

  it('splits records with their starting line numbers', () => {
    expect(splitTsv('a\tb\r\n"x\ny"\tz\n\nc\td')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['c', 'd'] },
    ]);
  });
});

describe('Seller Central listing dates', () => {
  it.each([
    ['2025-03-14 08:12:55 PST', '2025-03-14T16:12:55.000Z'],
    ['2025-07-14 08:12:55 PDT', '2025-07-14T15:12:55.000Z'],
    ['2025/03/14 08:12:55 JST', '2025-03-13T23:12:55.000Z'],
    ['2025-03-14 08:12:55 GMT', '2025-03-14T08:12:55.000Z'],
    ['2025-03-14 08:12:55 CET', '2025-03-14T07:12:55.000Z'],
    ['2024-11-23T06:43:27+00:00', '2024-11-23T06:43:27.000Z'],
    ['2024-11-23T06:43:27-0530', '2024-11-23T12:13:27.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseSellerCentralTime(text)).toBe(iso);
  });

  it.each(['', '2025-03-14', '2025-03-14 08:12:55', '2025-13-01 00:00:00 PST', '2025-02-29 00:00:00 PST', 'yesterday'])('%j is not a date', (text) => {
    expect(parseSellerCentralTime(text)).toBeNull();
  });
});
