import { isCurrencyCode, normaliseCode, normaliseHsCode, skuSchema, type CodeKind, type Product, type ProductInput, type ProductKind, type ProductPatch } from '../../../shared/domain/catalog';
import { decimalToMinor, minorToDecimal } from '../../../shared/money';
import type { MessageKey, TranslateParams } from '../../i18n';

/** What the editor holds: text as typed (numbers are parsed on save), list rows with stable keys for React. */
export interface Draft {
  sku: string;
  kind: ProductKind;
  name: string;
  titles: { key: number; locale: string; text: string }[];
  codes: { key: number; kind: CodeKind; code: string; units: string }[];
  components: { key: number; sku: string; quantity: string }[];
  costAmount: string;
  costCurrency: string;
  costDate: string;
  /** Set once the user touches a cost field: an untouched cost is not re-saved as a new dated row. */
  costTouched: boolean;
  lengthMm: string;
  widthMm: string;
  heightMm: string;
  weightG: string;
  hsCode: string;
  supplierId: number | null;
  safetyDays: string;
  allowBackorder: boolean;
}

export type Problem = { key: MessageKey; params?: TranslateParams };
/** Problems by place: a field name (`sku`, `costAmount`) or a list row (`codes.2`, `components.0`, `titles.1`). */
export type Problems = Record<string, Problem>;

let nextKey = 1;
export const rowKey = () => nextKey++;

/** Today in the user's time zone, as the cost's effective date defaults to it. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const text = (n: number | null) => (n === null ? '' : String(n));

/** Titles in the order Amazon sellers read them: Chinese, English, Japanese, then the rest. */
const TITLE_ORDER = ['zh-CN', 'en', 'ja'];
const localeRank = (l: string) => (TITLE_ORDER.includes(l) ? TITLE_ORDER.indexOf(l) : TITLE_ORDER.length);

export function emptyDraft(defaultCurrency = 'CNY'): Draft {
  return {
    sku: '',
    kind: 'unit',
    name: '',
    titles: [],
    codes: [],
    components: [],
    costAmount: '',
    costCurrency: defaultCurrency,
    costDate: today(),
    costTouched: false,
    lengthMm: '',
    widthMm: '',
    heightMm: '',
    weightG: '',
    hsCode: '',
    supplierId: null,
    safetyDays: '',
    allowBackorder: false,
  };
}

export function draftOf(p: Product): Draft {
  return {
    sku: p.sku,
    kind: p.kind,
    name: p.name,
    titles: Object.entries(p.titles)
      .sort(([a], [b]) => localeRank(a) - localeRank(b) || a.localeCompare(b))
      .map(([locale, title]) => ({ key: rowKey(), locale, text: title })),
    codes: p.codes.map((c) => ({ key: rowKey(), kind: c.kind, code: c.code, units: String(c.units) })),
    components: p.components.map((c) => ({ key: rowKey(), sku: c.sku, quantity: String(c.quantity) })),
    costAmount: p.cost ? minorToDecimal(p.cost.amountMinor, p.cost.currency) : '',
    costCurrency: p.cost?.currency ?? p.supplier?.currency ?? 'CNY',
    costDate: today(),
    costTouched: false,
    lengthMm: text(p.lengthMm),
    widthMm: text(p.widthMm),
    heightMm: text(p.heightMm),
    weightG: text(p.weightG),
    hsCode: p.hsCode ?? '',
    supplierId: p.supplier?.id ?? null,
    safetyDays: text(p.safetyDays),
    allowBackorder: p.allowBackorder,
  };
}

const DIMENSION_MAX = 100_000_000;

function integer(raw: string, min: number, max: number): number | null | 'bad' {
  const s = raw.normalize('NFKC').trim();
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return 'bad';
  const n = Number(s);
  return n >= min && n <= max ? n : 'bad';
}

/** The rules the service applies, checked as the user types so each problem shows on its own field or row. */
export function validate(d: Draft): Problems {
  const out: Problems = {};
  if (d.sku.trim() === '') out.sku = { key: 'catalog.invalid.required' };
  else if (!skuSchema.safeParse(d.sku).success) out.sku = { key: 'catalog.invalid.sku' };
  if (d.name.trim() === '') out.name = { key: 'catalog.invalid.required' };

  const locales = new Set<string>();
  d.titles.forEach((row, i) => {
    if (locales.has(row.locale)) out[`titles.${i}`] = { key: 'catalog.invalid.locale' };
    else if (row.text.trim() === '') out[`titles.${i}`] = { key: 'catalog.invalid.required' };
    locales.add(row.locale);
  });

  d.codes.forEach((row, i) => {
    if (row.code.trim() === '') {
      out[`codes.${i}`] = { key: 'catalog.invalid.required' };
      return;
    }
    const units = row.kind === 'case' ? integer(row.units, 1, 100_000) : 1;
    if (units === 'bad' || units === null) {
      out[`codes.${i}`] = { key: 'errors.reason.case-units' };
      return;
    }
    const n = normaliseCode({ kind: row.kind, code: row.code, units });
    if (!n.ok) out[`codes.${i}`] = { key: `errors.reason.${n.reason}`, params: { code: row.code.trim() } };
  });

  if (d.kind === 'bundle') {
    if (d.components.length === 0) out.components = { key: 'catalog.noComponents' };
    const skus = new Set<string>();
    d.components.forEach((row, i) => {
      const sku = row.sku.trim();
      const qty = integer(row.quantity, 1, 10_000);
      if (sku === '') out[`components.${i}`] = { key: 'catalog.invalid.required' };
      else if (sku === d.sku.trim()) out[`components.${i}`] = { key: 'catalog.componentSelf' };
      else if (skus.has(sku)) out[`components.${i}`] = { key: 'catalog.componentDuplicate' };
      else if (qty === null || qty === 'bad') out[`components.${i}`] = { key: 'catalog.invalid.integer', params: { min: 1, max: 10_000 } };
      skus.add(sku);
    });
  }

  if (d.costAmount.trim() !== '' || d.costTouched) {
    const currency = d.costCurrency.trim().toUpperCase();
    if (!isCurrencyCode(currency)) out.costCurrency = { key: 'catalog.invalid.currency' };
    const amount = d.costAmount.normalize('NFKC').trim();
    if (amount !== '' && (!/^\d+(\.\d+)?$/.test(amount) || (isCurrencyCode(currency) && decimalToMinor(amount, currency) === null))) out.costAmount = { key: 'catalog.invalid.amount' };
    if (amount === '' && d.costTouched) out.costAmount = { key: 'catalog.invalid.amount' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.costDate)) out.costDate = { key: 'catalog.invalid.date' };
  }

  for (const f of ['lengthMm', 'widthMm', 'heightMm', 'weightG'] as const) {
    if (integer(d[f], 0, DIMENSION_MAX) === 'bad') out[f] = { key: 'catalog.invalid.integer', params: { min: 0, max: DIMENSION_MAX } };
  }
  if (d.hsCode.trim() !== '' && !normaliseHsCode(d.hsCode.trim())) out.hsCode = { key: 'catalog.invalid.hsCode' };
  if (integer(d.safetyDays, 0, 3650) === 'bad') out.safetyDays = { key: 'catalog.invalid.integer', params: { min: 0, max: 3650 } };
  return out;
}

const num = (raw: string) => {
  const n = integer(raw, 0, DIMENSION_MAX);
  return typeof n === 'number' ? n : null;
};

function cost(d: Draft, current: Product['cost']): ProductInput['cost'] {
  const amount = d.costAmount.normalize('NFKC').trim();
  const currency = d.costCurrency.trim().toUpperCase();
  if (!d.costTouched || amount === '') return undefined;
  const amountMinor = decimalToMinor(amount, currency);
  if (amountMinor === null) return undefined;
  if (current && current.amountMinor === amountMinor && current.currency === currency && current.effectiveDate === d.costDate) return undefined;
  return { amountMinor, currency, effectiveDate: d.costDate };
}

/** Every field of the form; `cost` only when the user entered a new one. Call after `validate` found nothing. */
export function patchOf(d: Draft, current: Product['cost'] = null): ProductPatch {
  const c = cost(d, current);
  return {
    sku: d.sku.trim(),
    kind: d.kind,
    name: d.name.trim(),
    titles: Object.fromEntries(d.titles.map((r) => [r.locale, r.text.trim()])),
    codes: d.codes.map((r) => ({ kind: r.kind, code: r.code.trim(), ...(r.kind === 'case' ? { units: num(r.units) ?? 1 } : {}) })),
    components: d.kind === 'bundle' ? d.components.map((r) => ({ sku: r.sku.trim(), quantity: num(r.quantity) ?? 1 })) : [],
    lengthMm: num(d.lengthMm),
    widthMm: num(d.widthMm),
    heightMm: num(d.heightMm),
    weightG: num(d.weightG),
    hsCode: d.hsCode.trim() === '' ? null : d.hsCode.trim(),
    supplierId: d.supplierId,
    safetyDays: num(d.safetyDays),
    allowBackorder: d.allowBackorder,
    ...(c ? { cost: c } : {}),
  };
}

export function inputOf(d: Draft): ProductInput {
  const { sku, name, ...rest } = patchOf(d);
  return { sku: sku ?? '', name: name ?? '', ...rest };
}
