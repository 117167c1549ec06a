import { describe, expect, it } from 'vitest';
import { cleanScan, gtinCheckDigit, gtinForms, isAsin, isFnsku, isValidGtin, toGtin14 } from '../../shared/barcodes';
import { codeKey, normaliseCode, normaliseHsCode } from '../../shared/domain/catalog';

/** Published numbers: GS1's and Wikipedia's worked examples, an ISBN-13, a real retail EAN-13. */
const PUBLISHED = [
  ['96385074', 'EAN-8 (Wikipedia EAN-8 example)'],
  ['73513537', 'EAN-8 (Wikipedia)'],
  ['036000291452', 'UPC-A (Wikipedia UPC example)'],
  ['012345678905', 'UPC-A (the classic test number)'],
  ['4006381333931', 'EAN-13 (Wikipedia EAN-13 example, a STABILO pen)'],
  ['5901234123457', 'EAN-13 (Wikipedia barcode example)'],
  ['9780306406157', 'EAN-13 / ISBN-13 (Wikipedia ISBN example)'],
  ['0614141000036', 'EAN-13 (GS1 US example company prefix 0614141)'],
  ['15400141288763', 'GTIN-14 / ITF-14 (Wikipedia ITF-14 example)'],
  ['10614141000033', 'GTIN-14 (GS1 example, indicator 1)'],
] as const;

describe('GTIN check digits', () => {
  it.each(PUBLISHED)('%s is valid: %s', (code) => {
    expect(isValidGtin(code)).toBe(true);
    expect(gtinCheckDigit(code.slice(0, -1))).toBe(Number(code.slice(-1)));
  });

  it.each(PUBLISHED)('%s with any other last digit is refused', (code) => {
    const body = code.slice(0, -1);
    const right = Number(code.slice(-1));
    for (let d = 0; d <= 9; d++) if (d !== right) expect(isValidGtin(body + d)).toBe(false);
  });

  it('catches a single mistyped digit and the usual swap of neighbours', () => {
    expect(isValidGtin('4006381333981')).toBe(false); // 3 → 8 in the 12th position
    expect(isValidGtin('4006381339331')).toBe(false); // 33 → 39
    expect(isValidGtin('0463600291452')).toBe(false); // 36 ↔ 63 swapped
  });

  it('refuses shapes that are no GTIN: wrong length, letters, spaces', () => {
    for (const bad of ['', '1234567', '123456789', '12345678901', '400638133393', '400638133393A', '4006 381333931', '123456789012345']) expect(isValidGtin(bad)).toBe(false);
  });
});

describe('one number, several spellings', () => {
  it('UPC-A, EAN-13 with a leading 0 and GTIN-14 share one GTIN-14 and one comparison key', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('0036000291452')).toBe('00036000291452');
    expect(toGtin14('00036000291452')).toBe('00036000291452');
    expect(codeKey('036000291452')).toBe(codeKey('0036000291452'));
    expect(codeKey('96385074')).toBe('00000096385074');
  });

  it('lists the spellings a scanner or a spreadsheet may use', () => {
    expect(gtinForms('036000291452')).toEqual(['00036000291452', '0036000291452', '036000291452']);
    expect(gtinForms('4006381333931')).toEqual(['04006381333931', '4006381333931']);
    expect(gtinForms('15400141288763')).toEqual(['15400141288763']);
    expect(gtinForms('96385074')).toContain('96385074');
    expect(gtinForms('4006381333932')).toEqual([]);
  });

  it('an ITF-14 case code (indicator 1) is a different number from the unit EAN-13 inside', () => {
    expect(isValidGtin('14006381333938')).toBe(true);
    expect(codeKey('14006381333938')).not.toBe(codeKey('4006381333931'));
  });
});

describe('Amazon identifiers and scanner noise', () => {
  it('ASIN is B0 + 8 upper-case alphanumerics, or a book ISBN-10', () => {
    expect(isAsin('B07XJ8C8F5')).toBe(true);
    expect(isAsin('0306406152')).toBe(true);
    expect(isAsin('B07XJ8C8F')).toBe(false);
    expect(isAsin('b07xj8c8f5')).toBe(false);
    expect(isAsin('X001ABCDEF')).toBe(false);
  });

  it('FNSKU is X00 + 7 upper-case alphanumerics', () => {
    expect(isFnsku('X001ABC2DE')).toBe(true);
    expect(isFnsku('X00ABC2DE')).toBe(false);
    expect(isFnsku('B07XJ8C8F5')).toBe(false);
  });

  it('cleanScan drops the Enter, CR LF, tabs and padding a keyboard-wedge scanner adds, nothing inside', () => {
    expect(cleanScan('036000291452\r\n')).toBe('036000291452');
    expect(cleanScan('\tX001ABC2DE\r')).toBe('X001ABC2DE');
    expect(cleanScan('\u00a0 SKU 12 \n')).toBe('SKU 12');
  });
});

describe('normaliseCode: the rule the service, the import and the edit form share', () => {
  it('keeps the digits the user gave and names the reason for a refusal', () => {
    expect(normaliseCode({ kind: 'gtin', code: ' 4006-3813-33931 ' })).toEqual({ ok: true, value: { kind: 'gtin', code: '4006381333931', units: 1 } });
    expect(normaliseCode({ kind: 'gtin', code: '4006381333932' })).toEqual({ ok: false, reason: 'gtin-check-digit' });
    expect(normaliseCode({ kind: 'gtin', code: 'ABC' })).toEqual({ ok: false, reason: 'gtin-format' });
    expect(normaliseCode({ kind: 'fnsku', code: 'x001abc2de' })).toEqual({ ok: true, value: { kind: 'fnsku', code: 'X001ABC2DE', units: 1 } });
    expect(normaliseCode({ kind: 'asin', code: 'B07' })).toEqual({ ok: false, reason: 'asin-format' });
  });

  it('a case barcode counts several units; a numeric one must pass its check digit', () => {
    expect(normaliseCode({ kind: 'case', code: '15400141288763', units: 24 })).toEqual({ ok: true, value: { kind: 'case', code: '15400141288763', units: 24 } });
    expect(normaliseCode({ kind: 'case', code: '15400141288764', units: 24 })).toEqual({ ok: false, reason: 'gtin-check-digit' });
    expect(normaliseCode({ kind: 'case', code: 'CASE-MUG-24', units: 24 })).toMatchObject({ ok: true });
    expect(normaliseCode({ kind: 'case', code: 'CASE-MUG-24', units: 1 })).toEqual({ ok: false, reason: 'case-units' });
    expect(normaliseCode({ kind: 'gtin', code: '4006381333931', units: 6 })).toEqual({ ok: false, reason: 'units-only-for-case' });
  });

  it('HS codes: 6–10 digits, dots as printed on customs forms dropped', () => {
    expect(normaliseHsCode('6912.00.10')).toBe('69120010');
    expect(normaliseHsCode('940540')).toBe('940540');
    expect(normaliseHsCode('69.12')).toBeNull();
    expect(normaliseHsCode('69120010901')).toBeNull();
    expect(normaliseHsCode('6912AB')).toBeNull();
  });
});
