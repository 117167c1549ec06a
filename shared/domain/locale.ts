import { z } from 'zod';

export const locales = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Maps an OS/browser language tag to a UI locale: any Chinese → zh-CN, any English → en, anything else → zh-CN (our users' default). */
export function localeFromLanguageTags(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
