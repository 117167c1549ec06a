/**
 * Money is integer minor units plus an ISO 4217 code everywhere in the app; Amazon sends decimal strings.
 * Conversion is done on the digits, never through floating point.
 */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'VND', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD']);

export function currencyExponent(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** "29.99" USD → 2999; "1500" JPY → 1500; rounds half away from zero beyond the currency's decimals. Null if not a decimal. */
export function decimalToMinor(amount: string, currency: string): number | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return null;
  const exp = currencyExponent(currency);
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  const kept = frac.slice(0, exp).padEnd(exp, '0');
  let minor = Number(whole + kept);
  if (Number(frac[exp] ?? '0') >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] ? -minor : minor;
}

export function minorToDecimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}
