import { describe, expect, it } from 'vitest';
import { minorToText, parseThresholds, textToMinor, thresholdsToText } from '../../renderer/screens/settings/money-text';

describe('money typed in the rules form', () => {
  it('reads amounts in the currency a seller types, with its own decimals', () => {
    expect(textToMinor('29.99', 'usd')).toBe(2999);
    expect(textToMinor('200', 'USD')).toBe(20000);
    expect(textToMinor('30000', 'JPY')).toBe(30000);
    expect(textToMinor('1.5', 'KWD')).toBe(1500);
    expect(textToMinor('  ', 'USD')).toBeUndefined();
  });

  it('turns what it cannot read into NaN so the rule is refused, never silently dropped', () => {
    for (const bad of ['-5', '1,000', 'abc', '1e3']) expect(textToMinor(bad, 'USD')).toBeNaN();
    expect(textToMinor('20', '')).toBeNaN();
  });

  it('shows stored minor units as the decimals a seller typed', () => {
    expect(minorToText(2999, 'USD')).toBe('29.99');
    expect(minorToText(30000, 'JPY')).toBe('30000');
    expect(minorToText(undefined, 'USD')).toBe('');
  });

  it('parses high-value thresholds per currency in either order and round-trips them', () => {
    const parsed = parseThresholds('USD 200, eur 180.50，30000 JPY');
    expect(parsed).toEqual({ ok: true, thresholds: { USD: 20000, EUR: 18050, JPY: 30000 } });
    expect(thresholdsToText({ USD: 20000, EUR: 18050, JPY: 30000 })).toBe('USD 200.00, EUR 180.50, JPY 30000');
    expect(parseThresholds(thresholdsToText({ USD: 20000, JPY: 30000 }))).toEqual({ ok: true, thresholds: { USD: 20000, JPY: 30000 } });
  });

  it('names the piece it cannot read: no currency, a repeated currency, zero', () => {
    expect(parseThresholds('USD 200, 150')).toEqual({ ok: false, bad: '150' });
    expect(parseThresholds('USD 200, USD 300')).toEqual({ ok: false, bad: 'USD 300' });
    expect(parseThresholds('EUR 0')).toEqual({ ok: false, bad: 'EUR 0' });
  });
});
