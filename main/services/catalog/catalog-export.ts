import { catalogExportSchema, type CatalogExportOptions, type CodeKind, type Product } from '../../../shared/domain/catalog';
import { minorToDecimal } from '../../../shared/money';
import type { Queryable } from '../../db/connection';
import { listSuppliers } from '../../db/repositories/suppliers.repo';
import { loadProducts } from './catalog.service';
import { parseInput } from '../validate';
import { exportHeaders, fixedFields, guardCell, titleHeader, writeComponents, type FixedField, type HeaderLocale } from './import/columns';
import { writeXlsx } from './import/xlsx';

const TITLE_ORDER = ['zh-CN', 'en', 'ja'];

/** Where the title columns go: after the name, before the codes. */
const BEFORE_TITLES: readonly FixedField[] = ['sku', 'name', 'kind'];

const words: Record<HeaderLocale, { unit: string; bundle: string; yes: string; no: string; sheet: string }> = {
  'zh-CN': { unit: '单品', bundle: '组合', yes: '是', no: '否', sheet: '商品目录' },
  en: { unit: 'unit', bundle: 'bundle', yes: 'yes', no: 'no', sheet: 'Catalog' },
};

/** A table the import reads back unchanged: one row per active product, the locale's headers. */
async function catalogTable(db: Queryable, locale: HeaderLocale): Promise<{ header: string[]; rows: string[][] }> {
  const ids = await db('products').whereNull('archived_at').orderBy('sku').pluck<number[]>('id');
  const list = await loadProducts(db, ids);
  const leadTime = new Map((await listSuppliers(db)).map((s) => [s.id, s.leadTimeDays]));
  const locales = [...new Set(list.flatMap((p) => Object.keys(p.titles)))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const w = words[locale];
  const codes = (p: Product, kind: CodeKind) => p.codes.filter((c) => c.kind === kind);
  const num = (n: number | null) => (n === null ? '' : String(n));

  const value = (p: Product, f: FixedField): string => {
    switch (f) {
      case 'sku':
        return p.sku;
      case 'name':
        return p.name;
      case 'kind':
        return p.kind === 'bundle' ? w.bundle : w.unit;
      case 'gtin':
      case 'asin':
      case 'fnsku':
      case 'alias':
        return codes(p, f).map((c) => c.code).join(';');
      case 'case_code':
        return codes(p, 'case').map((c) => c.code).join(';');
      case 'case_units':
        return codes(p, 'case').map((c) => c.units).join(';');
      case 'length_mm':
        return num(p.lengthMm);
      case 'width_mm':
        return num(p.widthMm);
      case 'height_mm':
        return num(p.heightMm);
      case 'weight_g':
        return num(p.weightG);
      case 'hs_code':
        return p.hsCode ?? '';
      case 'cost':
        return p.cost ? minorToDecimal(p.cost.amountMinor, p.cost.currency) : '';
      case 'currency':
        return p.cost?.currency ?? '';
      case 'cost_date':
        return p.cost?.effectiveDate ?? '';
      case 'supplier':
        return p.supplier?.name ?? '';
      case 'supplier_currency':
        return p.supplier?.currency ?? '';
      case 'supplier_lead_time':
        return p.supplier ? num(leadTime.get(p.supplier.id) ?? null) : '';
      case 'components':
        return writeComponents(p.components);
      case 'safety_days':
        return num(p.safetyDays);
      case 'allow_backorder':
        return p.allowBackorder ? w.yes : w.no;
    }
  };

  const before = fixedFields.filter((f) => BEFORE_TITLES.includes(f));
  const after = fixedFields.filter((f) => !BEFORE_TITLES.includes(f));
  const header = [...before.map((f) => exportHeaders[locale][f]), ...locales.map((l) => titleHeader(l, locale)), ...after.map((f) => exportHeaders[locale][f])];
  const rows = list.map((p) => [...before.map((f) => value(p, f)), ...locales.map((l) => p.titles[l] ?? ''), ...after.map((f) => value(p, f))].map(guardCell));
  return { header, rows };
}

const rank = (locale: string) => {
  const i = TITLE_ORDER.indexOf(locale);
  return i === -1 ? TITLE_ORDER.length : i;
};

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The catalog as a file. CSV is UTF-8 with a BOM and CRLF line ends, which Excel and WPS open with the Chinese intact;
 * XLSX cells are text, so barcodes keep their leading zeros. Archived products are left out.
 */
export async function exportCatalog(db: Queryable, options: CatalogExportOptions): Promise<Uint8Array> {
  const { format, locale } = parseInput(catalogExportSchema, options);
  const { header, rows } = await catalogTable(db, locale);
  if (format === 'xlsx') return writeXlsx(words[locale].sheet, header, rows);
  const text = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return new TextEncoder().encode(`\uFEFF${text}`);
}
