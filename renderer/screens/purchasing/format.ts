import type { Locale } from '../../../shared/domain/locale';
import { currencyExponent, minorToDecimal } from '../../../shared/money';

/** Integer minor units as the locale writes money, with the currency's own decimals (JPY none, CNY two). */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const digits = currencyExponent(currency);
  const amount = Number(minorToDecimal(minor, currency));
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
  } catch {
    // A code Intl does not know still shows the amount and the code rather than nothing.
    return `${minorToDecimal(minor, currency)} ${currency}`;
  }
}

export function formatDecimal(locale: Locale, value: number, fractionDigits: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits }).format(value);
}

/**
 * Saves bytes that crossed IPC as base64 through an `<a download>` click: Electron turns it into a save, the browser
 * (and the e2e harness) into a download.
 */
export function saveBase64File(fileName: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the blob asynchronously; revoking at once can cut it off.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
