/**
 * The catalog file's columns: the headers sellers write (Chinese from their ERP or WPS templates, English from tools),
 * the headers the export writes per locale, and the readers for the cells' values.
 */

export const fixedFields = [
  'sku',
  'name',
  'kind',
  'gtin',
  'asin',
  'fnsku',
  'case_code',
  'case_units',
  'alias',
  'length_mm',
  'width_mm',
  'height_mm',
  'weight_g',
  'hs_code',
  'cost',
  'currency',
  'cost_date',
  'supplier',
  'supplier_currency',
  'supplier_lead_time',
  'components',
  'safety_days',
  'allow_backorder',
] as const;
export type FixedField = (typeof fixedFields)[number];
/** A title column carries its locale: `title:zh-CN`, `title:ja`… */
export type Field = FixedField | `title:${string}`;

/** Without a SKU a row names nothing; every other column may be left out (an update file may carry only costs). */
export const requiredFields: readonly FixedField[] = ['sku'];

export type HeaderLocale = 'zh-CN' | 'en';

export const exportHeaders: Record<HeaderLocale, Record<FixedField, string>> = {
  'zh-CN': {
    sku: 'SKU',
    name: '品名',
    kind: '类型',
    gtin: 'UPC/EAN',
    asin: 'ASIN',
    fnsku: 'FNSKU',
    case_code: '箱规条码',
    case_units: '箱规数量',
    alias: '别名条码',
    length_mm: '长(mm)',
    width_mm: '宽(mm)',
    height_mm: '高(mm)',
    weight_g: '重量(g)',
    hs_code: '海关编码',
    cost: '成本',
    currency: '币种',
    cost_date: '成本日期',
    supplier: '供应商',
    supplier_currency: '供应商币种',
    supplier_lead_time: '供应商交期(天)',
    components: '组合明细',
    safety_days: '安全天数',
    allow_backorder: '允许超卖',
  },
  en: {
    sku: 'sku',
    name: 'name',
    kind: 'type',
    gtin: 'gtin',
    asin: 'asin',
    fnsku: 'fnsku',
    case_code: 'case_code',
    case_units: 'case_units',
    alias: 'alias',
    length_mm: 'length_mm',
    width_mm: 'width_mm',
    height_mm: 'height_mm',
    weight_g: 'weight_g',
    hs_code: 'hs_code',
    cost: 'cost',
    currency: 'currency',
    cost_date: 'cost_date',
    supplier: 'supplier',
    supplier_currency: 'supplier_currency',
    supplier_lead_time: 'supplier_lead_time_days',
    components: 'components',
    safety_days: 'safety_days',
    allow_backorder: 'allow_backorder',
  },
};

const aliases: Record<FixedField, string[]> = {
  sku: ['sku', '本地sku', 'sku编码', '商品sku', '产品sku', '主sku', '库存sku', 'mastersku', 'localsku', '商品编码', '产品编码'],
  name: ['name', '品名', '名称', '产品名称', '商品名称', '中文品名', 'productname', 'itemname'],
  kind: ['type', 'kind', '类型', '商品类型', '产品类型', 'producttype'],
  gtin: ['gtin', 'upc', 'ean', 'upc/ean', 'ean/upc', 'gtin/upc/ean', '条码', '条形码', '商品条码', '产品条码', 'barcode'],
  asin: ['asin'],
  fnsku: ['fnsku'],
  case_code: ['casecode', 'casebarcode', '箱规条码', '箱条码', '外箱条码', '箱码'],
  case_units: ['caseunits', 'caseqty', 'unitspercase', '箱规数量', '箱规', '每箱数量', '装箱数', '装箱数量'],
  alias: ['alias', 'aliases', '别名', '别名条码', '其他条码'],
  length_mm: ['length', 'lengthmm', 'length(mm)', '长', '长(mm)', '长度', '长度(mm)'],
  width_mm: ['width', 'widthmm', 'width(mm)', '宽', '宽(mm)', '宽度', '宽度(mm)'],
  height_mm: ['height', 'heightmm', 'height(mm)', '高', '高(mm)', '高度', '高度(mm)'],
  weight_g: ['weight', 'weightg', 'weight(g)', '重量', '重量(g)', '单品重量(g)'],
  hs_code: ['hscode', 'hs', '海关编码', 'hs编码', '海关hs编码', '商品编码(hs)'],
  cost: ['cost', 'unitcost', 'purchaseprice', '成本', '采购价', '采购成本', '成本价', '采购单价'],
  currency: ['currency', 'costcurrency', '币种', '货币', '成本币种'],
  cost_date: ['costdate', 'costeffectivedate', 'effectivedate', '成本日期', '生效日期', '成本生效日期'],
  supplier: ['supplier', 'suppliername', '供应商', '供应商名称'],
  supplier_currency: ['suppliercurrency', '供应商币种'],
  supplier_lead_time: ['supplierleadtime', 'supplierleadtimedays', 'leadtimedays', '供应商交期(天)', '供应商交期', '采购周期(天)', '采购周期', '交期(天)'],
  components: ['components', 'bundlecomponents', '组合明细', '组合sku', '子sku', '套装明细'],
  safety_days: ['safetydays', '安全天数'],
  allow_backorder: ['allowbackorder', 'backorder', 'oversell', '允许超卖'],
};

const titleLocalesZh: Record<string, string> = {
  中文标题: 'zh-CN',
  英文标题: 'en',
  日文标题: 'ja',
  德文标题: 'de',
  法文标题: 'fr',
  西班牙文标题: 'es',
  意大利文标题: 'it',
};

/**
 * Case, width (full-width letters and brackets from Chinese input methods), spaces, underscores, dashes and the `*` that
 * templates put on required columns do not distinguish headers.
 */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_\-*]/g, '');
}

const byAlias = new Map<string, FixedField>();
for (const f of fixedFields) for (const a of aliases[f]) byAlias.set(normaliseHeader(a), f);
for (const locale of ['zh-CN', 'en'] as const) for (const f of fixedFields) byAlias.set(normaliseHeader(exportHeaders[locale][f]), f);
const titleZh = new Map(Object.entries(titleLocalesZh).map(([h, l]) => [normaliseHeader(h), l]));

function locale(lang: string, region: string | undefined): string {
  if (lang === 'zh' && (region === undefined || region === 'cn')) return 'zh-CN';
  return region ? `${lang}-${region.toUpperCase()}` : lang;
}

export function fieldForHeader(header: string): Field | null {
  const h = normaliseHeader(header);
  const fixed = byAlias.get(h);
  if (fixed) return fixed;
  const zh = titleZh.get(h);
  if (zh) return `title:${zh}`;
  const m = /^(?:title|标题)\(?([a-z]{2,3}?)([a-z]{2})?\)?$/.exec(h);
  if (m?.[1]) return `title:${locale(m[1], m[2])}`;
  return null;
}

export function titleHeader(loc: string, headers: HeaderLocale): string {
  if (headers === 'en') return `title_${loc}`;
  const zh = Object.entries(titleLocalesZh).find(([, l]) => l === loc);
  return zh ? zh[0] : `标题(${loc})`;
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };

/** Digits typed with a full-width input method or pasted with thousands separators. */
const numberText = (raw: string): string => raw.normalize('NFKC').trim().replace(/^(\d{1,3}(?:,\d{3})+)(\.\d+)?$/, (_m, int: string, frac: string | undefined) => int.replace(/,/g, '') + (frac ?? ''));

export function readInteger(raw: string, min: number, max: number): CellResult<number> {
  const text = numberText(raw);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, code: 'not-a-number' };
  const n = Number(text);
  if (!Number.isInteger(n)) return { ok: false, code: 'not-an-integer' };
  if (n < 0 && min >= 0) return { ok: false, code: 'negative' };
  if (n < min || n > max) return { ok: false, code: 'out-of-range', params: { min, max } };
  return { ok: true, value: n };
}

/** A money amount as a decimal string for `decimalToMinor`: currency signs dropped, negative refused. */
export function readAmount(raw: string): CellResult<string> {
  const text = numberText(raw.replace(/[¥￥$€£]/g, ''));
  if (/^-\d+(\.\d+)?$/.test(text)) return { ok: false, code: 'negative' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, code: 'not-a-number' };
  return { ok: true, value: text };
}

export function readBoolean(raw: string): CellResult<boolean> {
  const v = raw.normalize('NFKC').trim().toLowerCase();
  if (['', '否', '不允许', 'n', 'no', 'false', '0'].includes(v)) return { ok: true, value: false };
  if (['是', '允许', 'y', 'yes', 'true', '1'].includes(v)) return { ok: true, value: true };
  return { ok: false, code: 'not-a-boolean' };
}

const kindWords: Record<string, 'unit' | 'bundle'> = {
  单品: 'unit',
  单件: 'unit',
  件: 'unit',
  unit: 'unit',
  single: 'unit',
  组合: 'bundle',
  组合装: 'bundle',
  组合品: 'bundle',
  套: 'bundle',
  套装: 'bundle',
  bundle: 'bundle',
  kit: 'bundle',
  set: 'bundle',
};

export function readKind(raw: string): CellResult<'unit' | 'bundle'> {
  const k = kindWords[raw.normalize('NFKC').trim().toLowerCase()];
  return k ? { ok: true, value: k } : { ok: false, code: 'unknown-kind' };
}

/** 2026-01-05, 2026/1/5 or 2026.01.05 (Excel and WPS write all three) as YYYY-MM-DD. */
export function readDate(raw: string): CellResult<string> {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(raw.normalize('NFKC').trim());
  if (!m) return { ok: false, code: 'date-format' };
  const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? { ok: true, value: iso } : { ok: false, code: 'date-format' };
}

/** Several codes in one cell: `a;b`, full-width `；` or one per line. */
export function readList(raw: string): string[] {
  return raw
    .split(/[;；\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `A-1*2;B-2*1` (also `×`, full-width `＊`, `；`, `，`): component SKU and units per set; no count means one. */
export function readComponents(raw: string): CellResult<{ sku: string; quantity: number }[]> {
  const out: { sku: string; quantity: number }[] = [];
  for (const part of raw.split(/[;；,，\r\n]+/).map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^(.+?)\s*[*×＊]\s*([0-9０-９]+)$/.exec(part);
    const sku = (m ? m[1] : part)?.trim() ?? '';
    const quantity = m?.[2] ? Number(m[2].normalize('NFKC')) : 1;
    if (sku === '' || /[*×＊]/.test(sku)) return { ok: false, code: 'component-format', params: { value: part.slice(0, 100) } };
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 10_000) return { ok: false, code: 'component-quantity', params: { component: sku } };
    out.push({ sku, quantity });
  }
  return { ok: true, value: out };
}

export function writeComponents(components: readonly { sku: string; quantity: number }[]): string {
  return components.map((c) => `${c.sku}*${c.quantity}`).join(';');
}

/** Excel runs `=…`, `+…`, `-…`, `@…` as formulas; the export guards such text with a `'` (`guardCell`), taken off here. */
export const unguard = (cell: string): string => (/^'+[=+\-@]/.test(cell) ? cell.slice(1) : cell);
export const guardCell = (cell: string): string => (/^'*[=+\-@]/.test(cell) ? `'${cell}` : cell);
