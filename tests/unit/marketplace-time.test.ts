import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type TranslateParams } from '../../renderer/i18n';
import { countdownText, urgencyOf } from '../../renderer/screens/orders/countdown';
import {
  endOfLocalDay,
  formatInZone,
  marketplaceTimeZone,
  shipByCutoff,
  timeLeft,
  trackingUploadDeadline,
  zoneAbbreviation,
  zoneOffsetMinutes,
} from '../../shared/marketplace-time';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const UK = 'A1F83G8C2ARO7P';
const d = (iso: string) => new Date(iso);

describe('marketplace time zones', () => {
  it('maps each marketplace to the zone Seller Central shows its dates in; an unknown one is UTC', () => {
    expect(marketplaceTimeZone(US)).toBe('America/Los_Angeles');
    expect(marketplaceTimeZone(DE)).toBe('Europe/Berlin');
    expect(marketplaceTimeZone(JP)).toBe('Asia/Tokyo');
    expect(marketplaceTimeZone(UK)).toBe('Europe/London');
    expect(marketplaceTimeZone('A0NOTAMARKET')).toBe('UTC');
  });

  it('names the zone as that market reads it, switching exactly at the DST change', () => {
    // US DST 2026 starts Sunday 8 March at 02:00 PST = 10:00 UTC and ends Sunday 1 November at 02:00 PDT = 09:00 UTC.
    expect(zoneAbbreviation('America/Los_Angeles', d('2026-03-08T09:59:00Z'))).toBe('PST');
    expect(zoneAbbreviation('America/Los_Angeles', d('2026-03-08T10:00:00Z'))).toBe('PDT');
    expect(zoneAbbreviation('America/Los_Angeles', d('2026-11-01T08:59:00Z'))).toBe('PDT');
    expect(zoneAbbreviation('America/Los_Angeles', d('2026-11-01T09:00:00Z'))).toBe('PST');
    // EU DST 2026: 29 March 01:00 UTC to 25 October 01:00 UTC.
    expect(zoneAbbreviation('Europe/Berlin', d('2026-03-29T00:59:00Z'))).toBe('CET');
    expect(zoneAbbreviation('Europe/Berlin', d('2026-03-29T01:00:00Z'))).toBe('CEST');
    expect(zoneAbbreviation('Europe/London', d('2026-07-01T12:00:00Z'))).toBe('BST');
    expect(zoneAbbreviation('Europe/London', d('2026-12-01T12:00:00Z'))).toBe('GMT');
    expect(zoneAbbreviation('Asia/Tokyo', d('2026-07-01T12:00:00Z'))).toBe('JST');
    expect(zoneAbbreviation('Asia/Kolkata', d('2026-07-01T12:00:00Z'))).toBe('GMT+5:30');
    expect(zoneOffsetMinutes('America/Los_Angeles', d('2026-03-08T10:00:00Z'))).toBe(-420);
    expect(zoneOffsetMinutes('America/Los_Angeles', d('2026-03-08T09:59:59Z'))).toBe(-480);
    expect(zoneOffsetMinutes('Asia/Tokyo', d('2026-11-20T08:30:00Z'))).toBe(540);
  });

  it('ends the marketplace day at its own midnight, including the 23- and 25-hour days', () => {
    // Friday 20 Nov 2026 08:30 UTC is 00:30 in Los Angeles, 09:30 in Berlin, 17:30 in Tokyo.
    const now = d('2026-11-20T08:30:00Z');
    expect(endOfLocalDay(now, 'America/Los_Angeles').toISOString()).toBe('2026-11-21T08:00:00.000Z');
    expect(endOfLocalDay(now, 'Europe/Berlin').toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(endOfLocalDay(now, 'Asia/Tokyo').toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(endOfLocalDay(d('2026-11-20T23:59:00Z'), 'UTC').toISOString()).toBe('2026-11-21T00:00:00.000Z');
    // 8 March in Los Angeles has 23 hours: it starts 08:00 UTC (PST) and ends 07:00 UTC the next day (PDT).
    expect(endOfLocalDay(d('2026-03-08T08:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // 1 November has 25 hours: it starts 07:00 UTC (PDT) and ends 08:00 UTC the next day (PST).
    expect(endOfLocalDay(d('2026-11-01T07:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-11-02T08:00:00.000Z');
    // The last minute of the Berlin day before the autumn change, and the first minute after midnight.
    expect(endOfLocalDay(d('2026-10-24T21:59:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfLocalDay(d('2026-10-24T22:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('shows a deadline in the marketplace’s clock with its zone, whatever the viewer’s zone', () => {
    expect(formatInZone('2026-11-21T01:00:00Z', 'America/Los_Angeles', 'zh-CN')).toBe('11/20 17:00 PST');
    expect(formatInZone('2026-07-20T01:00:00Z', 'America/Los_Angeles', 'zh-CN')).toBe('07/19 18:00 PDT');
    expect(formatInZone('2026-11-20T22:00:00Z', 'Europe/Berlin', 'en')).toBe('11/20, 23:00 CET');
    expect(formatInZone('2026-11-20T20:00:00Z', 'Asia/Tokyo', 'zh-CN')).toBe('11/21 05:00 JST');
  });

  it('counts time left in whole minutes, never more than there is, and the tracking deadline 24 h after shipping', () => {
    const now = d('2026-11-20T04:47:30Z');
    expect(timeLeft('2026-11-20T10:00:00Z', now)).toEqual({ overdue: false, totalMinutes: 312, days: 0, hours: 5, minutes: 12 });
    expect(timeLeft('2026-11-20T04:47:30Z', now)).toEqual({ overdue: false, totalMinutes: 0, days: 0, hours: 0, minutes: 0 });
    expect(timeLeft('2026-11-20T04:47:00Z', now)).toEqual({ overdue: true, totalMinutes: 1, days: 0, hours: 0, minutes: 1 });
    expect(timeLeft('2026-11-20T02:44:00Z', now)).toEqual({ overdue: true, totalMinutes: 124, days: 0, hours: 2, minutes: 4 });
    expect(timeLeft('2026-11-22T08:00:00Z', now)).toMatchObject({ days: 2, hours: 3, minutes: 12 });
    expect(trackingUploadDeadline('2026-11-20T23:30:00.000Z')).toBe('2026-11-21T23:30:00.000Z');
  });

  it('buckets ship-by windows: overdue is now, 24/48 h are fixed, today is each marketplace’s midnight', () => {
    const now = d('2026-11-20T08:30:00Z');
    expect(shipByCutoff('overdue', now, 'Asia/Tokyo')).toEqual(now);
    expect(shipByCutoff('24h', now, 'Asia/Tokyo').toISOString()).toBe('2026-11-21T08:30:00.000Z');
    expect(shipByCutoff('48h', now, 'Asia/Tokyo').toISOString()).toBe('2026-11-22T08:30:00.000Z');
    expect(shipByCutoff('today', now, 'Asia/Tokyo').toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(shipByCutoff('today', now, 'America/Los_Angeles').toISOString()).toBe('2026-11-21T08:00:00.000Z');
  });
});

describe('countdown text', () => {
  const zh = (key: MessageKey, params?: TranslateParams) => translate('zh-CN', key, params);
  const en = (key: MessageKey, params?: TranslateParams) => translate('en', key, params);
  const now = d('2026-11-20T04:47:30Z');

  it('reads as a clerk says it, in both languages', () => {
    expect(countdownText(zh, timeLeft('2026-11-20T10:00:00Z', now))).toBe('剩 5 小时 12 分');
    expect(countdownText(en, timeLeft('2026-11-20T10:00:00Z', now))).toBe('5 h 12 min left');
    expect(countdownText(zh, timeLeft('2026-11-20T05:30:00Z', now))).toBe('剩 42 分');
    expect(countdownText(zh, timeLeft('2026-11-22T08:00:00Z', now))).toBe('剩 2 天 3 小时');
    expect(countdownText(zh, timeLeft('2026-11-20T02:44:00Z', now))).toBe('超时 2 小时 4 分');
    expect(countdownText(en, timeLeft('2026-11-20T02:44:00Z', now))).toBe('2 h 4 min late');
    expect(countdownText(zh, timeLeft('2026-11-18T02:44:00Z', now))).toBe('超时 2 天 2 小时');
    expect(countdownText(en, timeLeft('2026-11-20T04:47:30Z', now))).toBe('0 min left');
  });

  it('turns amber under four hours and red once late', () => {
    expect(urgencyOf(timeLeft('2026-11-20T10:00:00Z', now))).toBe('ok');
    expect(urgencyOf(timeLeft('2026-11-20T08:47:00Z', now))).toBe('urgent');
    expect(urgencyOf(timeLeft('2026-11-20T04:47:00Z', now))).toBe('late');
  });
});
