/**
 * Amazon's deadlines are days and hours of the marketplace, not of the warehouse in Shenzhen: a ship-by date on
 * amazon.com is a Pacific-time day, on amazon.de a Berlin day. Instants stay UTC ISO strings everywhere; these helpers
 * only decide how to show them and where a marketplace's day ends. Pure: Intl only, no Node, no DOM.
 */

/** The zone Seller Central uses for each marketplace's dates (the same list as the `marketplaces` table). */
export const MARKETPLACE_TIME_ZONES: Readonly<Record<string, string>> = {
  ATVPDKIKX0DER: 'America/Los_Angeles',
  A2EUQ1WTGCTBG2: 'America/Los_Angeles',
  A1AM78C64UM0Y8: 'America/Mexico_City',
  A2Q3Y263D00KWC: 'America/Sao_Paulo',
  A1F83G8C2ARO7P: 'Europe/London',
  A1PA6795UKMFR9: 'Europe/Berlin',
  A13V1IB3VIYZZH: 'Europe/Paris',
  APJ6JRA9NG5V4: 'Europe/Rome',
  A1RKKUPIHCS9HS: 'Europe/Madrid',
  A1805IZSGTT6HS: 'Europe/Amsterdam',
  A2NODRKZP88ZB9: 'Europe/Stockholm',
  A1C3SOZRARQ6R3: 'Europe/Warsaw',
  AMEN7PMS3EDWL: 'Europe/Brussels',
  A28R8C7NBKEWEA: 'Europe/Dublin',
  A33AVAJ2PDY3EV: 'Europe/Istanbul',
  A2VIGQ35RCS4UG: 'Asia/Dubai',
  A17E79C6D8DWNP: 'Asia/Riyadh',
  ARBP9OOSHTCHU: 'Africa/Cairo',
  A21TJRUUN4KGV: 'Asia/Kolkata',
  AE08WJ6YKNBMC: 'Africa/Johannesburg',
  A1VC38T7YXB528: 'Asia/Tokyo',
  A39IBJ37TRP1C6: 'Australia/Sydney',
  A19VAU5U5O7RUS: 'Asia/Singapore',
};

/** A marketplace this build does not know still gets a zone: UTC, labelled as such, rather than the viewer's own. */
export const marketplaceTimeZone = (marketplaceId: string): string => MARKETPLACE_TIME_ZONES[marketplaceId] ?? 'UTC';

/** Amazon's valid-tracking rule: tracking must reach Amazon within 24 hours of the ship date. */
export const TRACKING_UPLOAD_HOURS = 24;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export function trackingUploadDeadline(shipDateIso: string): string {
  return new Date(Date.parse(shipDateIso) + TRACKING_UPLOAD_HOURS * HOUR).toISOString();
}

/**
 * Locales whose CLDR data carries the abbreviation people of that market read (PST/PDT, CET/CEST, BST, JST); any
 * other zone shows its GMT offset, which is unambiguous.
 */
const ABBREVIATION_LOCALE: Readonly<Record<string, string>> = {
  'America/Los_Angeles': 'en-US',
  'America/Mexico_City': 'en-US',
  'Europe/London': 'en-GB',
  'Europe/Dublin': 'en-GB',
  'Europe/Berlin': 'en-GB',
  'Europe/Paris': 'en-GB',
  'Europe/Rome': 'en-GB',
  'Europe/Madrid': 'en-GB',
  'Europe/Amsterdam': 'en-GB',
  'Europe/Stockholm': 'en-GB',
  'Europe/Warsaw': 'en-GB',
  'Europe/Brussels': 'en-GB',
  'Asia/Tokyo': 'ja-JP',
};

export function zoneAbbreviation(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat(ABBREVIATION_LOCALE[timeZone] ?? 'en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, at: Date): WallClock {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes the zone's wall clock is ahead of UTC at that instant (−420 for PDT, +540 for JST). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const w = wallClock(timeZone, at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

/**
 * The instant the marketplace's current day ends (its next local midnight). Found from the offset at the guess and
 * corrected once, so a day of 23 or 25 hours (the DST switch) ends at the right instant.
 */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const w = wallClock(timeZone, now);
  const midnightAsUtc = Date.UTC(w.year, w.month - 1, w.day + 1, 0, 0, 0);
  let guess = midnightAsUtc - zoneOffsetMinutes(timeZone, new Date(midnightAsUtc)) * MINUTE;
  guess = midnightAsUtc - zoneOffsetMinutes(timeZone, new Date(guess)) * MINUTE;
  return new Date(guess);
}

/** A deadline as the marketplace shows it: "11/20 17:00 PST" (month/day order and digits follow the UI locale). */
export function formatInZone(iso: string, timeZone: string, locale: string, opts: { year?: boolean } = {}): string {
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(locale, {
    timeZone,
    ...(opts.year ? { year: 'numeric' } : {}),
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} ${zoneAbbreviation(timeZone, at)}`;
}

export interface TimeLeft {
  /** Past the deadline (a zero balance counts as due, not late). */
  overdue: boolean;
  /** Whole minutes to the deadline, or since it when overdue; always ≥ 0. */
  totalMinutes: number;
  days: number;
  hours: number;
  minutes: number;
}

/** Whole minutes, rounded towards the deadline's side that matters: a clerk is never told more time than there is. */
export function timeLeft(deadlineIso: string, now: Date): TimeLeft {
  const ms = Date.parse(deadlineIso) - now.getTime();
  const overdue = ms < 0;
  const totalMinutes = overdue ? Math.ceil(-ms / MINUTE) : Math.floor(ms / MINUTE);
  return { overdue, totalMinutes, days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** Filters by ship-by: every bucket means "due before this instant", so a later bucket includes the earlier ones. */
export const shipByBuckets = ['overdue', 'today', '24h', '48h'] as const;
export type ShipByBucket = (typeof shipByBuckets)[number];

/** The instant a bucket ends; 'today' is the end of the marketplace's local day, so it depends on the zone. */
export function shipByCutoff(bucket: ShipByBucket, now: Date, timeZone: string): Date {
  switch (bucket) {
    case 'overdue':
      return now;
    case 'today':
      return endOfLocalDay(now, timeZone);
    case '24h':
      return new Date(now.getTime() + 24 * HOUR);
    case '48h':
      return new Date(now.getTime() + 48 * HOUR);
  }
}
