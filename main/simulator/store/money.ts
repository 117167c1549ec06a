/**
 * Money is kept as integer minor units (cents, yen) so that breakdowns always add up to their totals exactly;
 * floats would drift by a cent and a seller reconciling payouts would notice.
 */
export interface Money {
  /** Decimal string, as the models' `Decimal` type: no exponent, no float artefacts. */
  amount: string;
  currencyCode: string;
}

export interface CurrencyInfo {
  code: string;
  /** Digits after the decimal point: 0 for JPY, 2 for the others we sell in. */
  decimals: 0 | 2;
}

/** Rounds half away from zero, so that a negative discount rounds like its positive mirror. */
export function roundMinor(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function formatMinor(minor: number, decimals: 0 | 2): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  if (decimals === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function money(minor: number, currency: CurrencyInfo): Money {
  return { amount: formatMinor(minor, currency.decimals), currencyCode: currency.code };
}
