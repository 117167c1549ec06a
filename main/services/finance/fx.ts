import { currencyExponent } from '../../../shared/money';
import { fxRateSchema, type FxRate } from '../../../shared/domain/finance';
import { AppError } from '../../../shared/ipc/errors';

/**
 * Rates are published on business days: an amount posted on a Sunday takes Friday's rate. Anything older than this is
 * too stale to use silently, and the figure is flagged instead.
 */
export const FX_LOOKBACK_DAYS = 7;

/**
 * amount (minor units of `from`) × rate → minor units of `to`, exact in integers and rounded half away from zero.
 * The rate is a decimal string ("7.1234"), scaled to an integer so nothing passes through a float.
 */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  const [whole = '0', frac = ''] = rate.split('.');
  const rateScaled = BigInt(whole + frac);
  // minor_to = minor_from × rate × 10^(exp_to − exp_from), with rate = rateScaled / 10^frac.length
  const shift = currencyExponent(to) - currencyExponent(from) - frac.length;
  let num = BigInt(amountMinor) * rateScaled;
  let den = 1n;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den = 10n ** BigInt(-shift);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (abs * 2n + den) / (2n * den);
  return Number(negative ? -q : q);
}

const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The rates to one base currency, looked up by currency and date (the latest on or before it, within the look-back). */
export class FxTable {
  private readonly byCurrency = new Map<string, { date: string; rate: string }[]>();

  constructor(
    readonly base: string,
    rates: FxRate[],
  ) {
    for (const r of rates) {
      const list = this.byCurrency.get(r.currency) ?? [];
      list.push({ date: r.date, rate: r.rate });
      this.byCurrency.set(r.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  rateOn(currency: string, date: string): string | null {
    if (currency === this.base) return '1';
    const list = this.byCurrency.get(currency);
    if (!list) return null;
    const earliest = dayBefore(date, FX_LOOKBACK_DAYS);
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const r = list[i];
      if (!r || r.date > date) continue;
      return r.date >= earliest ? r.rate : null;
    }
    return null;
  }

  /** The amount in the base currency, or null when no usable rate exists for that day. */
  toBase(amountMinor: number, currency: string, date: string): number | null {
    if (currency === this.base) return amountMinor;
    const rate = this.rateOn(currency, date);
    return rate === null ? null : convertMinor(amountMinor, currency, this.base, rate);
  }
}

/**
 * A rates CSV: `date,currency,rate` per line (a header line is allowed; UTF-8 with or without BOM; comma, semicolon or
 * tab). One bad line refuses the whole file, naming its line number, so a half-imported table never happens.
 */
export function parseFxCsv(text: string): FxRate[] {
  const out: FxRate[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (index === 0 && /date|日期/i.test(cells[0] ?? '')) return;
    const parsed = fxRateSchema.safeParse({ date: cells[0], currency: (cells[1] ?? '').toUpperCase(), rate: cells[2] });
    if (cells.length !== 3 || !parsed.success || Number.isNaN(Date.parse(`${cells[0]}T00:00:00Z`))) {
      throw new AppError('invalid-input', { field: 'csv', reason: 'fx-csv-line', line: index + 1 });
    }
    out.push(parsed.data);
  });
  if (out.length === 0) throw new AppError('invalid-input', { field: 'csv', reason: 'fx-csv-empty' });
  return out;
}
