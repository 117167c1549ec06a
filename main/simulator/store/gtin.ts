/** GS1 check digits, so that barcodes pass the validation any warehouse scanner or listing tool applies. */

/** Check digit for a GTIN body (all digits but the last): weights 3,1,3,… from the right. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`GTIN body must be digits: ${body}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(body: string): string {
  return `${body}${gtinCheckDigit(body)}`;
}

/** True for a UPC-A (12), EAN-13 (13) or GTIN-14 whose last digit is its correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}
