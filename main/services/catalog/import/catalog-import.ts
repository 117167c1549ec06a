import { codeKey, isCurrencyCode, type CatalogExportOptions, normaliseCode, normaliseHsCode, skuSchema, type CodeKind, type ImportError, type ImportMode, type ImportPreview, type ImportResult, type ProductCode, type ProductInput, type ProductKind, type ProductPatch } from '../../../../shared/domain/catalog';
import { AppError } from '../../../../shared/ipc/errors';
import { decimalToMinor } from '../../../../shared/money';
import type { Clock } from '../../../clock';
import type { Db, Queryable } from '../../../db/connection';
import * as products from '../../../db/repositories/products.repo';
import { listSuppliers } from '../../../db/repositories/suppliers.repo';
import type { AuditFn } from '../../audit.service';
import { exportCatalog } from '../catalog-export';
import type { CatalogService } from '../catalog.service';
import { exportHeaders, fieldForHeader, readAmount, readBoolean, readComponents, readDate, readInteger, readKind, readList, requiredFields, unguard, type Field, type FixedField, type HeaderLocale } from './columns';
import { parseCsv, type SheetRecord } from './csv';
import { decodeText } from './decode-text';
import { readXlsx } from './xlsx';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

interface Sheet {
  format: 'csv' | 'xlsx';
  encoding: string;
  records: SheetRecord[];
  badLines: number[];
  unterminatedQuoteLine: number | null;
}

const fileError = (reason: string, params: Record<string, string | number> = {}) => new AppError('invalid-input', { field: 'file', reason, ...params });

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** Files people pick by mistake, told apart by their first bytes so the message can name what was chosen. */
const notSpreadsheets: readonly [string, readonly number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  // OLE2: Excel 97–2003 .xls and WPS .et; the user can save it as .xlsx.
  ['xls', [0xd0, 0xcf, 0x11, 0xe0]],
];

/** Decides the format from the content (an XLSX is a zip), never from the name alone. */
export async function readSheet(file: ImportFile): Promise<Sheet> {
  const { bytes } = file;
  if (bytes.length === 0) throw fileError('empty-file');
  if (startsWith(bytes, [0x50, 0x4b])) {
    const records = await readXlsx(bytes);
    if (!records) throw fileError('not-xlsx');
    if (records.length === 0) throw fileError('empty-file');
    return { format: 'xlsx', encoding: 'xlsx', records, badLines: [], unterminatedQuoteLine: null };
  }
  const other = notSpreadsheets.find(([, sig]) => startsWith(bytes, sig));
  if (other) throw fileError('unsupported-format', { format: other[0] });
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw fileError(decoded.reason);
  if (decoded.text.includes('\u0000')) throw fileError('unsupported-format', { format: 'binary' });
  const csv = parseCsv(decoded.text);
  if (csv.records.length === 0) throw fileError('empty-file');
  return { format: 'csv', encoding: decoded.encoding, records: csv.records, badLines: decoded.badLines, unterminatedQuoteLine: csv.unterminatedQuoteLine };
}

interface Column {
  index: number;
  header: string;
  field: Field;
}

interface RowPlan {
  line: number;
  sku: string;
  name: string;
  kind: ProductKind;
  productId: number | null;
  /** The fields this file sets; for a new product the rest take their defaults. */
  patch: ProductPatch;
  /** Codes of the kinds the file has columns for, compared by `codeKey`; undefined when it has none. */
  newCodeKeys: Map<string, string> | undefined;
  finalCodeKeys: Set<string> | undefined;
  components: { sku: string; quantity: number }[] | undefined;
  supplier: { kind: 'none' } | { kind: 'existing'; id: number } | { kind: 'new'; name: string; currency: string; leadTimeDays: number } | undefined;
  kindChangesToBundle: boolean;
  errors: ImportError[];
}

interface Analysis {
  format: 'csv' | 'xlsx';
  encoding: string;
  rows: number;
  plans: RowPlan[];
  headerErrors: ImportError[];
  errors: ImportError[];
}

const codeColumns: readonly [FixedField, CodeKind][] = [
  ['gtin', 'gtin'],
  ['asin', 'asin'],
  ['fnsku', 'fnsku'],
  ['alias', 'alias'],
  ['case_code', 'case'],
];


/**
 * Reads every row against the database and the rest of the file and says what it would do or why it cannot. Runs
 * unchanged for the preview and inside the commit's transaction, so what the user saw is what is checked.
 */
async function analyse(db: Queryable, sheet: Sheet, today: string): Promise<Analysis> {
  const [header, ...data] = sheet.records;
  if (!header) throw fileError('empty-file');
  const headerLocale: HeaderLocale = /[\u3400-\u9fff]/.test(header.fields.join('')) ? 'zh-CN' : 'en';
  const headerErrors: ImportError[] = [];
  const badIn = (r: SheetRecord) => sheet.badLines.filter((l) => l >= r.line && l <= r.endLine);
  for (const line of badIn(header)) headerErrors.push({ line, code: 'broken-utf8', params: {} });

  const columns = new Map<Field, Column>();
  header.fields.forEach((raw, index) => {
    const h = unguard(raw).trim();
    if (h === '') {
      // Excel leaves empty header cells over blank columns; only a column with data needs a name.
      if (data.some((r) => (r.fields[index] ?? '').trim() !== '')) headerErrors.push({ line: header.line, code: 'missing-header', params: { column: index + 1 } });
      return;
    }
    const field = fieldForHeader(h);
    if (!field) headerErrors.push({ line: header.line, column: h, code: 'unknown-column', params: { header: h } });
    else if (columns.has(field)) headerErrors.push({ line: header.line, column: h, code: 'duplicate-column', params: { header: h } });
    else columns.set(field, { index, header: h, field });
  });
  // Values to the right of the last header have no column to land in: say so rather than drop them silently.
  const widest = Math.max(0, ...data.map((r) => r.fields.length));
  for (let index = header.fields.length; index < widest; index++) {
    if (data.some((r) => (r.fields[index] ?? '').trim() !== '')) headerErrors.push({ line: header.line, code: 'missing-header', params: { column: index + 1 } });
  }
  for (const f of requiredFields) {
    const name = exportHeaders[headerLocale][f];
    if (!columns.has(f)) headerErrors.push({ line: header.line, column: name, code: 'missing-column', params: { header: name } });
  }
  if (headerErrors.length) return { format: sheet.format, encoding: sheet.encoding, rows: data.length, plans: [], headerErrors, errors: headerErrors };

  const columnName = (f: FixedField) => columns.get(f)?.header ?? exportHeaders[headerLocale][f];
  const titleColumns = [...columns.values()].filter((c) => c.field.startsWith('title:'));

  const productKeys = await products.allProductKeys(db);
  const bySku = new Map(productKeys.map((p) => [p.sku, p]));
  const allCodes = await products.allCodes(db);
  const ownerByKey = new Map(allCodes.map((c) => [codeKey(c.code), c]));
  const codesByProduct = new Map<number, products.CodeOwner[]>();
  for (const c of allCodes) codesByProduct.set(c.product_id, [...(codesByProduct.get(c.product_id) ?? []), c]);
  const supplierByName = new Map((await listSuppliers(db)).map((s) => [s.name, s]));
  const fileSkus = data.map((r) => unguard(r.fields[columns.get('sku')?.index ?? 0] ?? '').trim());
  const existingIds = fileSkus.flatMap((s) => {
    const p = bySku.get(s);
    return p ? [p.id] : [];
  });
  const titlesBy = new Map<number, Record<string, string>>();
  if (titleColumns.length) for (const t of await products.titlesOf(db, existingIds)) titlesBy.set(t.product_id, { ...titlesBy.get(t.product_id), [t.locale]: t.title });

  const firstLineOfSku = new Map<string, number>();
  const firstLineOfCode = new Map<string, number>();
  const plans: RowPlan[] = [];

  for (const rec of data) {
    const errors: ImportError[] = [];
    const cell = (f: Field): string | undefined => {
      const col = columns.get(f);
      // Line breaks inside a cell are stored as LF whatever the file used (Excel's own Alt+Enter is LF; XLSX keeps no CR).
      return col ? unguard(rec.fields[col.index] ?? '').replace(/\r\n?/g, '\n').trim() : undefined;
    };
    const fail = (f: FixedField | null, code: string, params: Record<string, string | number> = {}) =>
      errors.push({ line: rec.line, ...(f ? { column: columnName(f) } : {}), code, params });

    const plan: RowPlan = { line: rec.line, sku: '', name: '', kind: 'unit', productId: null, patch: {}, newCodeKeys: undefined, finalCodeKeys: undefined, components: undefined, supplier: undefined, kindChangesToBundle: false, errors };
    plans.push(plan);
    // Text around a bad byte cannot be trusted, and a record that swallowed the rest of the file is not a row.
    const bad = badIn(rec);
    if (bad.length) {
      for (const line of bad) errors.push({ line, code: 'broken-utf8', params: {} });
      continue;
    }
    if (rec.line === sheet.unterminatedQuoteLine) {
      fail(null, 'unterminated-quote');
      continue;
    }

    const sku = cell('sku') ?? '';
    plan.sku = sku;
    if (sku === '') fail('sku', 'missing-value');
    else if (!skuSchema.safeParse(sku).success) fail('sku', 'sku-format', { sku: sku.slice(0, 100) });
    else if (firstLineOfSku.has(sku)) fail('sku', 'duplicate-sku-in-file', { sku, firstLine: firstLineOfSku.get(sku) ?? 0 });
    else firstLineOfSku.set(sku, rec.line);
    const existing = bySku.get(sku);
    plan.productId = existing?.id ?? null;
    const patch: ProductPatch = {};
    plan.patch = patch;

    const name = cell('name');
    if (name) {
      if (name.length > 500) fail('name', 'too-long', { max: 500 });
      else patch.name = name;
    } else if (!existing) fail('name', 'missing-value');
    plan.name = name || existing?.name || '';

    const kindCell = cell('kind');
    const componentsCell = cell('components');
    let kind: ProductKind = existing?.kind ?? 'unit';
    if (kindCell) {
      const k = readKind(kindCell);
      if (k.ok) kind = k.value;
      else fail('kind', k.code, { value: kindCell.slice(0, 40) });
    } else if (componentsCell !== undefined) kind = componentsCell !== '' ? 'bundle' : 'unit';
    plan.kind = kind;
    if (kind !== existing?.kind) patch.kind = kind;
    plan.kindChangesToBundle = existing?.kind === 'unit' && kind === 'bundle';

    if (titleColumns.length) {
      const titles = { ...(existing ? titlesBy.get(existing.id) : {}) };
      for (const col of titleColumns) {
        const loc = col.field.slice('title:'.length);
        const v = unguard(rec.fields[col.index] ?? '').replace(/\r\n?/g, '\n').trim();
        if (v.length > 1000) errors.push({ line: rec.line, column: col.header, code: 'too-long', params: { max: 1000 } });
        if (v) titles[loc] = v;
        else delete titles[loc];
      }
      patch.titles = titles;
    }

    const presentCodeKinds = codeColumns.filter(([f]) => columns.has(f));
    if (presentCodeKinds.length) {
      const newCodes: ProductCode[] = [];
      const kindsReplaced = new Set(presentCodeKinds.map(([, k]) => k));
      for (const [f, k] of presentCodeKinds) {
        const values = readList(cell(f) ?? '');
        let units: number[] = values.map(() => 1);
        if (k === 'case' && values.length) {
          const unitCells = readList(cell('case_units') ?? '');
          if (unitCells.length === 0) {
            fail('case_units', 'missing-value');
            continue;
          }
          if (unitCells.length !== 1 && unitCells.length !== values.length) {
            fail('case_units', 'case-units-mismatch', { codes: values.length, units: unitCells.length });
            continue;
          }
          const parsed = unitCells.map((u) => readInteger(u, 2, 100_000));
          const badUnits = parsed.find((p) => !p.ok);
          if (badUnits && !badUnits.ok) {
            fail('case_units', badUnits.code === 'out-of-range' ? 'case-units' : badUnits.code);
            continue;
          }
          units = values.map((_, i) => {
            const p = parsed[unitCells.length === 1 ? 0 : i];
            return p?.ok ? p.value : 1;
          });
        }
        values.forEach((raw, i) => {
          // Excel turns a UPC-A like 012345678905 into the number 12345678905; zeros in front never change the check digit.
          const value = k === 'gtin' && /^\d{9,11}$/.test(raw) ? raw.padStart(12, '0') : raw;
          const n = normaliseCode({ kind: k, code: value, units: units[i] ?? 1 });
          if (!n.ok) fail(f, n.reason, { code: raw.slice(0, 60) });
          else newCodes.push(n.value);
        });
      }
      const keys = new Map<string, string>();
      for (const c of newCodes) {
        const key = codeKey(c.code);
        if (keys.has(key)) fail(codeColumns.find(([, k]) => k === c.kind)?.[0] ?? null, 'duplicate-code', { code: c.code });
        else keys.set(key, c.code);
      }
      for (const [key, code] of keys) {
        const first = firstLineOfCode.get(key);
        if (first !== undefined) fail(codeColumns.find(([, k]) => k === newCodes.find((c) => c.code === code)?.kind)?.[0] ?? null, 'duplicate-code-in-file', { code, firstLine: first });
        else firstLineOfCode.set(key, rec.line);
      }
      const kept = existing ? (codesByProduct.get(existing.id) ?? []).filter((c) => !kindsReplaced.has(c.kind)).map(({ kind: k, code, units }) => ({ kind: k, code, units })) : [];
      patch.codes = [...kept, ...newCodes];
      plan.newCodeKeys = keys;
      plan.finalCodeKeys = new Set(patch.codes.map((c) => codeKey(c.code)));
    }

    for (const [f, key] of [
      ['length_mm', 'lengthMm'],
      ['width_mm', 'widthMm'],
      ['height_mm', 'heightMm'],
      ['weight_g', 'weightG'],
    ] as const) {
      const v = cell(f);
      if (v === undefined) continue;
      if (v === '') patch[key] = null;
      else {
        const n = readInteger(v, 0, 100_000_000);
        if (n.ok) patch[key] = n.value;
        else fail(f, n.code, n.params ?? {});
      }
    }

    const hs = cell('hs_code');
    if (hs !== undefined) {
      if (hs === '') patch.hsCode = null;
      else if (normaliseHsCode(hs)) patch.hsCode = hs;
      else fail('hs_code', 'hs-code-format', { value: hs.slice(0, 20) });
    }

    const cost = cell('cost');
    if (cost) {
      const currency = (cell('currency') ?? '').toUpperCase();
      const amount = readAmount(cost);
      const date = cell('cost_date') ? readDate(cell('cost_date') ?? '') : ({ ok: true, value: today } as const);
      if (currency === '') fail('currency', 'missing-value');
      else if (!isCurrencyCode(currency)) fail('currency', 'currency-code', { value: currency.slice(0, 10) });
      if (!amount.ok) fail('cost', amount.code);
      if (!date.ok) fail('cost_date', date.code);
      const minor = amount.ok && isCurrencyCode(currency) ? decimalToMinor(amount.value, currency) : null;
      if (amount.ok && isCurrencyCode(currency) && minor === null) fail('cost', 'not-a-number');
      if (minor !== null && date.ok) patch.cost = { amountMinor: minor, currency, effectiveDate: date.value };
    }

    const supplierName = cell('supplier');
    if (supplierName !== undefined) {
      const known = supplierByName.get(supplierName);
      if (supplierName === '') plan.supplier = { kind: 'none' };
      else if (known) plan.supplier = { kind: 'existing', id: known.id };
      else {
        // An unknown supplier is created only when the row also says its currency: a typo must not invent a supplier.
        const currency = (cell('supplier_currency') ?? '').toUpperCase();
        const leadCell = cell('supplier_lead_time') ?? '';
        const lead = leadCell ? readInteger(leadCell, 0, 365) : ({ ok: true, value: 0 } as const);
        if (currency === '') fail('supplier', 'unknown-supplier', { supplier: supplierName.slice(0, 200) });
        else if (!isCurrencyCode(currency)) fail('supplier_currency', 'currency-code', { value: currency.slice(0, 10) });
        else if (!lead.ok) fail('supplier_lead_time', lead.code);
        else if (supplierName.length > 200) fail('supplier', 'too-long', { max: 200 });
        else plan.supplier = { kind: 'new', name: supplierName, currency, leadTimeDays: lead.value };
      }
    }

    if (componentsCell !== undefined) {
      const parsed = readComponents(componentsCell);
      if (!parsed.ok) fail('components', parsed.code, parsed.params ?? {});
      else {
        const seen = new Set<string>();
        for (const c of parsed.value) {
          if (c.sku === sku) fail('components', 'self-reference', { component: c.sku });
          else if (seen.has(c.sku)) fail('components', 'duplicate-component', { component: c.sku });
          seen.add(c.sku);
        }
        plan.components = parsed.value;
        if (kind === 'bundle') patch.components = parsed.value;
      }
    }
    const hasComponents = plan.components !== undefined ? plan.components.length > 0 : existing?.kind === 'bundle';
    if (kind === 'bundle' && !hasComponents) fail('components', 'bundle-needs-components');
    if (kind === 'unit' && plan.components?.length) fail('components', 'components-on-unit');

    const safety = cell('safety_days');
    if (safety !== undefined) {
      if (safety === '') patch.safetyDays = null;
      else {
        const n = readInteger(safety, 0, 3650);
        if (n.ok) patch.safetyDays = n.value;
        else fail('safety_days', n.code, n.params ?? {});
      }
    }
    const backorder = cell('allow_backorder');
    if (backorder !== undefined) {
      const b = readBoolean(backorder);
      if (b.ok) patch.allowBackorder = b.value;
      else fail('allow_backorder', b.code, { value: backorder.slice(0, 20) });
    }
  }

  // Rows that depend on other rows (a bundle on its components, a code another row gives up) are valid only while those
  // rows are; dropping one can invalidate another, so repeat until nothing changes.
  const planBySku = new Map(plans.filter((p) => p.sku !== '' && firstLineOfSku.get(p.sku) === p.line).map((p) => [p.sku, p]));
  const crossErrors = new Map<RowPlan, ImportError[]>();
  const isValid = (p: RowPlan) => p.errors.length === 0 && !crossErrors.has(p);
  const usedBy = new Map<number, string[]>();
  for (const p of plans) if (p.kindChangesToBundle && p.productId !== null && p.errors.length === 0) usedBy.set(p.productId, await products.bundlesUsing(db, p.productId));
  const stocked = new Set<number>();
  for (const p of plans) if (p.kindChangesToBundle && p.productId !== null && p.errors.length === 0 && (await products.hasStock(db, p.productId))) stocked.add(p.productId);

  for (let changed = true; changed; ) {
    changed = false;
    for (const p of plans) {
      if (!isValid(p)) continue;
      const errs: ImportError[] = [];
      const at = (f: FixedField, code: string, params: Record<string, string | number>) => errs.push({ line: p.line, column: columnName(f), code, params });
      for (const [key, code] of p.newCodeKeys ?? []) {
        const owner = ownerByKey.get(key);
        if (!owner || owner.sku === p.sku) continue;
        const ownerRow = planBySku.get(owner.sku);
        const released = ownerRow !== undefined && isValid(ownerRow) && ownerRow.finalCodeKeys !== undefined && !ownerRow.finalCodeKeys.has(key);
        if (!released) at(codeColumns.find(([, k]) => k === owner.kind)?.[0] ?? 'alias', 'code-taken', { code, sku: owner.sku });
      }
      if (p.kind === 'bundle') {
        for (const c of p.components ?? []) {
          if (c.sku === p.sku) continue;
          const row = planBySku.get(c.sku);
          const kind = row && isValid(row) ? row.kind : bySku.get(c.sku)?.kind;
          if (kind === undefined) at('components', row ? 'component-row-has-errors' : 'unknown-component', { component: c.sku });
          else if (kind === 'bundle') at('components', 'component-is-bundle', { component: c.sku });
        }
      }
      if (p.kindChangesToBundle && p.productId !== null) {
        const users = (usedBy.get(p.productId) ?? []).filter((b) => {
          const row = planBySku.get(b);
          return !(row && isValid(row) && row.components !== undefined);
        });
        if (users[0] !== undefined) at('kind', 'used-as-component', { bundle: users[0] });
        if (stocked.has(p.productId)) at('kind', 'has-stock', { sku: p.sku });
      }
      if (errs.length) {
        crossErrors.set(p, errs);
        changed = true;
      }
    }
  }
  for (const [p, errs] of crossErrors) p.errors.push(...errs);
  const errors = plans.flatMap((p) => p.errors).sort((a, b) => a.line - b.line);
  return { format: sheet.format, encoding: sheet.encoding, rows: data.length, plans, headerErrors: [], errors };
}

/**
 * Catalog files in and out of the ERP. `preview` reads and checks without writing; `commit` checks again and applies
 * every row in one transaction (upsert by SKU), or nothing at all.
 */
export function createCatalogImport(deps: { db: Db; clock: Clock; audit: AuditFn; catalog: CatalogService }) {
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  async function preview(file: ImportFile): Promise<ImportPreview> {
    const sheet = await readSheet(file);
    const a = await analyse(deps.db, sheet, today());
    const valid = a.plans.filter((p) => p.errors.length === 0);
    return {
      format: a.format,
      encoding: a.encoding,
      rows: a.rows,
      valid: valid.length,
      errors: a.errors,
      sample: valid.slice(0, 20).map((p) => ({ line: p.line, sku: p.sku, name: p.name, action: p.productId === null ? 'create' : 'update' })),
    };
  }

  async function commit(file: ImportFile, options: { mode: ImportMode }): Promise<ImportResult> {
    const sheet = await readSheet(file);
    return deps.db.transaction(async (trx) => {
      const a = await analyse(trx, sheet, today());
      const valid = a.plans.filter((p) => p.errors.length === 0);
      if (a.headerErrors.length || (options.mode === 'all-or-nothing' && a.errors.length)) throw fileError('file-has-errors', { count: a.errors.length });
      if (valid.length === 0) throw fileError('no-valid-rows', { count: a.errors.length });

      const newSuppliers = new Map<string, number>();
      for (const p of valid) {
        if (p.supplier?.kind !== 'new' || newSuppliers.has(p.supplier.name)) continue;
        newSuppliers.set(p.supplier.name, await deps.catalog.createSupplierIn(trx, { name: p.supplier.name, currency: p.supplier.currency, leadTimeDays: p.supplier.leadTimeDays }));
      }
      // A code may move between two products of the file: take the replaced codes off first so the order of rows does not matter.
      for (const p of valid) if (p.productId !== null && p.patch.codes !== undefined) await products.replaceCodes(trx, p.productId, []);

      let created = 0;
      let updated = 0;
      // Units before bundles, so a bundle's new components exist when it is written.
      const ordered = [...valid.filter((p) => p.kind === 'unit'), ...valid.filter((p) => p.kind === 'bundle')];
      for (const p of ordered) {
        const supplierId = p.supplier === undefined ? undefined : p.supplier.kind === 'none' ? null : p.supplier.kind === 'existing' ? p.supplier.id : (newSuppliers.get(p.supplier.name) ?? null);
        const patch: ProductPatch = { ...p.patch, ...(supplierId !== undefined ? { supplierId } : {}) };
        try {
          if (p.productId === null) {
            await deps.catalog.createIn(trx, { ...patch, sku: p.sku, name: p.name, kind: p.kind } as ProductInput);
            created++;
          } else {
            await deps.catalog.updateIn(trx, p.productId, patch);
            updated++;
          }
        } catch (err) {
          // The checks above mirror the service's; should they ever disagree the whole file is refused, naming the row.
          if (err instanceof AppError) throw new AppError(err.code, { ...err.params, line: p.line });
          throw err;
        }
      }
      await deps.audit(trx, { action: 'catalog.import', entity: 'catalog', detail: { format: a.format, encoding: a.encoding, mode: options.mode, rows: a.rows, created, updated, skipped: a.rows - valid.length } });
      return { created, updated, skipped: a.rows - valid.length, errors: a.errors };
    });
  }

  return { preview, commit, exportCatalog: (options: CatalogExportOptions): Promise<Uint8Array> => exportCatalog(deps.db, options) };
}

export type CatalogImport = ReturnType<typeof createCatalogImport>;
