import type { Db } from '../db/connection';
import { getSetting, putSetting } from '../db/repositories/settings.repo';
import { localeSchema } from '../../shared/domain/locale';
import type { Preferences } from '../../shared/ipc/channels/settings';
import type { Clock } from '../clock';
import type { AuditFn } from './audit.service';

const LOCALE_KEY = 'ui.locale';

export function createSettingsService(db: Db, clock: Clock, audit: AuditFn) {
  async function getPreferences(): Promise<Preferences> {
    const parsed = localeSchema.nullable().safeParse((await getSetting(db, LOCALE_KEY)) ?? null);
    // A value written by a newer build that this one doesn't know falls back to the OS language.
    return { locale: parsed.success ? parsed.data : null };
  }

  async function updatePreferences(next: Preferences): Promise<Preferences> {
    const before = await getPreferences();
    if (before.locale === next.locale) return before;
    await db.transaction(async (trx) => {
      await putSetting(trx, LOCALE_KEY, next.locale, clock.now().toISOString());
      await audit(trx, { action: 'settings.update', entity: 'setting', entityId: LOCALE_KEY, detail: { from: before.locale, to: next.locale } });
    });
    return next;
  }

  return { getPreferences, updatePreferences };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
