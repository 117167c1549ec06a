/** Simulated time is kept as epoch milliseconds; these helpers turn it into the models' ISO 8601 strings. */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** ISO 8601 in UTC like Amazon's samples (`2024-12-25T02:30:00Z`); milliseconds only when the instant has them. */
export function isoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Start of the local calendar day containing `ms`, for a marketplace with a fixed UTC offset. */
export function localDayStart(ms: number, utcOffsetHours: number): number {
  const offset = utcOffsetHours * HOUR;
  return Math.floor((ms + offset) / DAY) * DAY - offset;
}

/** Local day of week (0 = Sunday) of `ms`. */
export function localWeekday(ms: number, utcOffsetHours: number): number {
  return new Date(ms + utcOffsetHours * HOUR).getUTCDay();
}

/** Local hour of day as a real number in [0, 24). */
export function localHour(ms: number, utcOffsetHours: number): number {
  const local = ms + utcOffsetHours * HOUR;
  return (((local % DAY) + DAY) % DAY) / HOUR;
}

/** Adds business days (Mon–Fri in the marketplace's local calendar) to a local day start. */
export function addBusinessDays(dayStart: number, days: number, utcOffsetHours: number): number {
  let t = dayStart;
  let left = days;
  while (left > 0) {
    t += DAY;
    const wd = localWeekday(t, utcOffsetHours);
    if (wd !== 0 && wd !== 6) left--;
  }
  return t;
}

/** Last second of the local day that starts at `dayStart` (Amazon's windows end at hh:59:59). */
export function endOfLocalDay(dayStart: number): number {
  return dayStart + DAY - SECOND;
}

export function roundToSecond(ms: number): number {
  return Math.round(ms / SECOND) * SECOND;
}
