import { describe, expect, it } from 'vitest';
import { localeFromLanguageTags } from '../../shared/domain/locale';
import { errorCodes } from '../../shared/ipc/errors';
import { dictionaries, translate } from '../../renderer/i18n';
import { screens } from '../../renderer/routes';

describe('translations', () => {
  const zh = dictionaries['zh-CN'];
  const en = dictionaries.en;

  it('have the same keys in zh-CN and en, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('cover every error code and every screen', () => {
    for (const code of errorCodes) expect(zh).toHaveProperty(`errors.${code}`);
    for (const s of screens) expect(zh[s.label]).toBeTruthy();
  });

  it('actually differ between languages for user-facing text', () => {
    expect(translate('zh-CN', 'nav.orders')).toBe('订单');
    expect(translate('en', 'nav.orders')).toBe('Orders');
    expect(translate('en', 'errors.invalid-input', { fields: ['name', 'region'] })).toBe('Invalid input: name, region');
  });

  it('pick the UI language from the OS languages, Chinese by default', () => {
    expect(localeFromLanguageTags(['zh-TW'])).toBe('zh-CN');
    expect(localeFromLanguageTags(['en-GB', 'zh-CN'])).toBe('en');
    expect(localeFromLanguageTags(['de-DE', 'en-US'])).toBe('en');
    expect(localeFromLanguageTags(['ja-JP'])).toBe('zh-CN');
    expect(localeFromLanguageTags([])).toBe('zh-CN');
  });
});
