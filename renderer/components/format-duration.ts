import type { useT } from '../i18n';

export function formatDuration(t: ReturnType<typeof useT>, seconds: number): string {
  if (seconds < 90) return t('duration.seconds', { n: Math.max(0, Math.round(seconds)) });
  if (seconds < 90 * 60) return t('duration.minutes', { n: Math.round(seconds / 60) });
  return t('duration.hours', { n: Math.round((seconds / 3600) * 10) / 10 });
}
