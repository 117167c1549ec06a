import { create } from 'zustand';
import { DEFAULT_LOCALE, localeFromLanguageTags, type Locale } from '../../shared/domain/locale';
import type { ErrorCode, ErrorParams } from '../../shared/ipc/errors';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

interface LocaleState {
  /** What the UI shows. */
  locale: Locale;
  /** What the user chose; null follows the OS language. */
  preference: Locale | null;
  setPreference(preference: Locale | null): void;
}

export const systemLocale = (): Locale =>
  typeof navigator === 'undefined' ? DEFAULT_LOCALE : localeFromLanguageTags(navigator.languages ?? [navigator.language]);

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: systemLocale(),
  preference: null,
  setPreference: (preference) => set({ preference, locale: preference ?? systemLocale() }),
}));

export type TranslateParams = Record<string, string | number | boolean | null | readonly string[]>;

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

export function useT() {
  const locale = useLocaleStore((s) => s.locale);
  return (key: MessageKey, params?: TranslateParams) => translate(locale, key, params);
}

export function errorMessage(locale: Locale, code: ErrorCode | 'transport', params: ErrorParams = {}): string {
  return translate(locale, `errors.${code}`, params);
}

/** Formats an ISO instant in the viewer's time zone, in the UI language. */
export function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
