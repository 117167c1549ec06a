import { decimalToMinor, minorToDecimal } from '../../../shared/money';

/**
 * Money typed in settings forms the way a seller reads it ("USD 200", "29.99"), stored as integer minor units. The
 * currency decides the decimals: 200 USD is 20000, 30000 JPY is 30000.
 */
export const minorToText = (minor: number | undefined, currency: string): string => (minor === undefined ? '' : minorToDecimal(minor, currency));

/** Blank → undefined; not a plain non-negative decimal → NaN, which the rule's schema refuses with the field named. */
export function textToMinor(text: string, currency: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const minor = /^\d+(\.\d+)?$/.test(t) && currency.trim() !== '' ? decimalToMinor(t, currency.trim().toUpperCase()) : null;
  return minor ?? Number.NaN;
}

export const thresholdsToText = (thresholds: Record<string, number>): string =>
  Object.entries(thresholds)
    .map(([currency, minor]) => `${currency} ${minorToDecimal(minor, currency)}`)
    .join(', ');

/**
 * "USD 200, EUR 180.50, 30000 JPY" → { USD: 20000, EUR: 18050, JPY: 30000 }. The first piece it cannot read is
 * returned so the form can name it; a currency given twice is a mistake too.
 */
export function parseThresholds(text: string): { ok: true; thresholds: Record<string, number> } | { ok: false; bad: string } {
  const thresholds: Record<string, number> = {};
  for (const piece of text.split(/[,，;；\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]{3})\s*(\d+(?:\.\d+)?)$/.exec(piece) ?? /^(\d+(?:\.\d+)?)\s*([A-Za-z]{3})$/.exec(piece);
    if (!m) return { ok: false, bad: piece };
    const [currency, amount] = /^\d/.test(m[1] ?? '') ? [m[2] ?? '', m[1] ?? ''] : [m[1] ?? '', m[2] ?? ''];
    const code = currency.toUpperCase();
    const minor = decimalToMinor(amount, code);
    if (minor === null || minor <= 0 || code in thresholds) return { ok: false, bad: piece };
    thresholds[code] = minor;
  }
  return { ok: true, thresholds };
}
