/**
 * Barcodes and Amazon identifiers as warehouse scanners and seller spreadsheets present them.
 *
 * GTIN-8/12/13/14 (EAN-8, UPC-A, EAN-13, ITF-14) are one number space: a UPC-A is the EAN-13 with a leading 0, and both
 * are the GTIN-14 with leading zeros. Codes are stored as the user typed them; comparisons go through every
 * equivalent form (`gtinForms`), so a UPC-A scan finds the product stored by its EAN-13 `0…`.
 */

export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

/** GS1 check digit of a GTIN body (every digit but the check digit): weights 3,1,3,… from the right. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('GTIN body must be digits');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Digits only, of a length some GTIN has. Says nothing about the check digit. */
export function hasGtinShape(code: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(code);
}

export function isValidGtin(code: string): boolean {
  return hasGtinShape(code) && gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** The GTIN-14 form used to compare codes (leading zeros do not change the check digit), or null if not a valid GTIN. */
export function toGtin14(code: string): string | null {
  return isValidGtin(code) ? code.padStart(14, '0') : null;
}

/**
 * Every spelling of the same GTIN that a file or a scanner may use: GTIN-14, EAN-13, UPC-A and, when the number is a
 * zero-padded GTIN-8, the GTIN-8. Empty when `code` is not a valid GTIN.
 */
export function gtinForms(code: string): string[] {
  const g14 = toGtin14(code);
  if (!g14) return [];
  const forms = [g14];
  for (const len of [13, 12, 8]) {
    if (/^0*$/.test(g14.slice(0, 14 - len))) forms.push(g14.slice(14 - len));
  }
  return forms;
}

/** Amazon Standard Identification Number: `B0` + 8 upper-case alphanumerics; books use their ISBN-10 instead. */
export function isAsin(code: string): boolean {
  return /^B0[A-Z0-9]{8}$/.test(code) || /^\d{9}[\dX]$/.test(code);
}

/** Fulfilment network SKU that Amazon prints on FBA unit labels: `X00` + 7 upper-case alphanumerics. */
export function isFnsku(code: string): boolean {
  return /^X00[A-Z0-9]{7}$/.test(code);
}

/**
 * A keyboard-wedge scanner types the code and then Enter (sometimes CR LF, a tab, or stray spaces); a clerk may paste
 * with a non-breaking space. Strips that noise and any control character, nothing else.
 */
export function cleanScan(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}
