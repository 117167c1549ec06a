/**
 * GET_MERCHANT_LISTINGS_ALL_DATA, the tab-separated "All Listings Report", read into typed rows. Columns are found by
 * header name, never by position (Amazon adds and reorders columns). Nothing is dropped quietly: a row that cannot be
 * read, or a value that cannot be understood, comes back as a problem with its line number.
 */

export interface TsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  cells: string[];
}

export interface ListingsReportRow {
  line: number;
  sellerSku: string;
  asin: string | null;
  itemName: string | null;
  /** Decimal text with a dot ("1299", "12.99"), ready for decimalToMinor with the marketplace's currency. */
  price: string | null;
  /** Merchant-fulfilled quantity; empty for FBA offers. */
  quantity: number | null;
  fulfillmentChannel: string | null;
  status: string | null;
  /** UTC ISO-8601. */
  openDate: string | null;
  listingId: string | null;
}

export interface ReportProblem {
  line: number;
  sellerSku: string | null;
  /** The report column the problem is about, when it is about one value. */
  column: string | null;
  message: string;
  /** False when the whole row was left out (its SKU may be unknown); true when only `column` was left empty. */
  rowKept: boolean;
}

export interface ParsedListingsReport {
  rows: ListingsReportRow[];
  problems: ReportProblem[];
  /** Required columns the header lacks: nothing in the file can be trusted to be a listing. */
  missingColumns: string[];
  /** Optional columns the header lacks: their fields are null in every row. */
  absentColumns: string[];
}

export const REQUIRED_COLUMNS = ['seller-sku'] as const;
export const OPTIONAL_COLUMNS = ['item-name', 'asin1', 'price', 'quantity', 'fulfillment-channel', 'status', 'open-date', 'listing-id'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const BOM = '\ufeff';

/**
 * Splits tab-separated text into records. Line ends may be LF, CRLF or CR; a UTF-8 BOM is dropped; blank lines (the
 * trailing one included) are skipped. Quotes are literal text (`12" Monitor`, `"Pro" Edition`), as in Amazon's flat
 * files, except for a cell that is a well-formed RFC 4180 quoted field: it starts with a quote, doubles every inner
 * quote and ends with a quote right before a tab or line end; such a cell is unquoted and may hold tabs and line
 * breaks. A quoted cell that spans lines is believed only when the record's first line, read plainly, is not already a
 * complete row and the quoted reading is: otherwise a stray opening quote in a title (`"Case for phone`) would pair
 * with a quote lines later and swallow the rows in between.
 */
export function splitTsv(text: string, expectedCells?: number): TsvRecord[] {
  const src = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const out: TsvRecord[] = [];
  let pos = 0;
  let line = 1;
  let width = expectedCells;
  while (pos < src.length) {
    let rec = readRecord(src, pos, true);
    if (rec.spansLines && width !== undefined) {
      const plain = readRecord(src, pos, false);
      if (plain.cells.length === width || rec.cells.length !== width) rec = plain;
    }
    const blank = rec.cells.length === 1 && (rec.cells[0] ?? '').trim() === '';
    if (!blank) {
      out.push({ line, cells: rec.cells });
      width ??= rec.cells.length;
    }
    line += rec.lineBreaks;
    pos = rec.end;
  }
  return out;
}

interface RawRecord {
  cells: string[];
  /** Index just past the record's line end. */
  end: number;
  /** Line breaks consumed, inside quoted cells and at the end. */
  lineBreaks: number;
  spansLines: boolean;
}

function readRecord(src: string, start: number, quoteAware: boolean): RawRecord {
  const cells: string[] = [];
  let i = start;
  let lineBreaks = 0;
  let spansLines = false;
  for (;;) {
    const quoted = quoteAware && src[i] === '"' ? readQuoted(src, i) : null;
    if (quoted) {
      cells.push(quoted.value);
      const inner = countLineBreaks(quoted.value);
      lineBreaks += inner;
      spansLines ||= inner > 0;
      i = quoted.next;
    } else {
      let j = i;
      while (j < src.length && src[j] !== '\t' && src[j] !== '\n' && src[j] !== '\r') j += 1;
      cells.push(src.slice(i, j));
      i = j;
    }
    if (src[i] === '\t') {
      i += 1;
      continue;
    }
    if (i >= src.length) return { cells, end: i, lineBreaks, spansLines };
    // CRLF, LF or a lone CR ends the record.
    i += src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1;
    return { cells, end: i, lineBreaks: lineBreaks + 1, spansLines };
  }
}

/** A well-formed quoted cell starting at `start`, or null when the quote is just part of the text. */
function readQuoted(src: string, start: number): { value: string; next: number } | null {
  let value = '';
  let i = start + 1;
  for (;;) {
    const q = src.indexOf('"', i);
    if (q < 0) return null;
    value += src.slice(i, q);
    if (src[q + 1] === '"') {
      value += '"';
      i = q + 2;
      continue;
    }
    const after = src[q + 1];
    if (after === undefined || after === '\t' || after === '\n' || after === '\r') return { value, next: q + 1 };
    return null;
  }
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '\n') n += 1;
    else if (s[i] === '\r' && s[i + 1] !== '\n') n += 1;
  }
  return n;
}

export function parseListingsReport(text: string): ParsedListingsReport {
  // The header sets the width every record is held to.
  const [header, ...records] = splitTsv(text);
  if (!header) return { rows: [], problems: [], missingColumns: [...REQUIRED_COLUMNS], absentColumns: [...OPTIONAL_COLUMNS] };
  const width = header.cells.length;
  const index = new Map<string, number>();
  header.cells.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missingColumns = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  const absentColumns = OPTIONAL_COLUMNS.filter((c) => !index.has(c));
  if (missingColumns.length > 0) return { rows: [], problems: [], missingColumns, absentColumns };

  const rows: ListingsReportRow[] = [];
  const problems: ReportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const rec of records) {
    const cell = (c: Column): string | null => {
      const i = index.get(c);
      const v = i === undefined ? undefined : rec.cells[i];
      return v === undefined || v === '' ? null : v;
    };
    // Cells of a row with the wrong count are shifted: not even its SKU can be trusted.
    if (rec.cells.length !== width) {
      problems.push({ line: rec.line, sellerSku: null, column: null, message: `expected ${width} columns, found ${rec.cells.length}`, rowKept: false });
      continue;
    }
    const sku = cell('seller-sku');
    if (sku === null) {
      problems.push({ line: rec.line, sellerSku: null, column: 'seller-sku', message: 'no seller-sku', rowKept: false });
      continue;
    }
    const first = firstLineOf.get(sku);
    if (first !== undefined) {
      problems.push({ line: rec.line, sellerSku: sku, column: 'seller-sku', message: `seller-sku repeats line ${first}`, rowKept: false });
      continue;
    }
    firstLineOf.set(sku, rec.line);

    const valueProblem = (column: Column, message: string) => problems.push({ line: rec.line, sellerSku: sku, column, message, rowKept: true });
    const priceText = cell('price');
    const price = priceText === null ? null : normalizePrice(priceText);
    if (priceText !== null && price === null) valueProblem('price', `price "${priceText}" is not a decimal amount`);
    const quantityText = cell('quantity');
    const quantity = quantityText === null ? null : /^\s*\d+\s*$/.test(quantityText) ? Number(quantityText) : null;
    if (quantityText !== null && quantity === null) valueProblem('quantity', `quantity "${quantityText}" is not a whole number`);
    const openText = cell('open-date');
    const openDate = openText === null ? null : parseSellerCentralTime(openText);
    if (openText !== null && openDate === null) valueProblem('open-date', `open-date "${openText}" has no known time zone or format`);

    rows.push({
      line: rec.line,
      sellerSku: sku,
      asin: cell('asin1'),
      itemName: cell('item-name'),
      price,
      quantity,
      fulfillmentChannel: cell('fulfillment-channel'),
      status: cell('status'),
      openDate,
      listingId: cell('listing-id'),
    });
  }
  return { rows, problems, missingColumns, absentColumns };
}

/** "12.99" and "1299" as they are; "12,99" (a decimal comma, no thousands separator) as "12.99". */
function normalizePrice(text: string): string | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return t;
  if (/^\d+,\d{1,2}$/.test(t)) return t.replace(',', '.');
  return null;
}

/**
 * Offsets of the zone abbreviations Seller Central prints in listing dates. CST is read as US Central: Amazon's sites
 * print their own zone, and no Amazon site is on China Standard Time.
 */
const ZONE_OFFSET_MINUTES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, BST: 60, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300, EST: -300, EDT: -240,
  JST: 540, KST: 540, SGT: 480, AEST: 600, AEDT: 660, IST: 330,
};

/** `2025-03-14 08:12:55 PST`, `2025/03/14 08:12:55 JST` or ISO with an offset, to UTC ISO-8601; null if not one of these. */
export function parseSellerCentralTime(text: string): string | null {
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone = ''] = m;
  let offset: number | undefined;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  else offset = ZONE_OFFSET_MINUTES[zone.toUpperCase()];
  if (offset === undefined) return null;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2025-02-30 over into March: a date that does not exist is not a date.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return null;
  return new Date(local.getTime() - offset * 60_000).toISOString();
}
