import { timeLeft, type TimeLeft } from '../../../shared/marketplace-time';
import type { MessageKey, TranslateParams } from '../../i18n';

type T = (key: MessageKey, params?: TranslateParams) => string;

/** Below this a countdown turns amber: less than a working morning to get the parcel out. */
export const URGENT_MINUTES = 4 * 60;

/** "剩 5 小时 12 分" / "超时 2 小时 3 分" / "剩 2 天 3 小时": days only when there are any, minutes only under a day. */
export function countdownText(t: T, left: TimeLeft): string {
  const side = left.overdue ? 'late' : 'left';
  if (left.days > 0) return t(`orders.${side}.dh`, { d: left.days, h: left.hours });
  if (left.hours > 0) return t(`orders.${side}.hm`, { h: left.hours, m: left.minutes });
  return t(`orders.${side}.m`, { m: left.minutes });
}

export type Urgency = 'late' | 'urgent' | 'ok';

export function urgencyOf(left: TimeLeft): Urgency {
  if (left.overdue) return 'late';
  return left.totalMinutes < URGENT_MINUTES ? 'urgent' : 'ok';
}

export const URGENCY_COLOR: Record<Urgency, string> = { late: 'error.main', urgent: 'warning.dark', ok: 'text.primary' };

export function deadlineText(t: T, deadlineIso: string, now: Date): { text: string; urgency: Urgency } {
  const left = timeLeft(deadlineIso, now);
  return { text: countdownText(t, left), urgency: urgencyOf(left) };
}
