import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeDecision } from '../../renderer/components/scanner';

/** Feeds keys at the given times (ms) and returns every decision, in order. */
function feed(d: WedgeDetector, keys: [key: string, time: number][]): WedgeDecision[] {
  return keys.map(([key, time]) => d.key({ key, time }));
}

/** A scanner: one character every `gap` ms from `start`, then Enter `enterGap` ms after the last one. */
function burst(code: string, start: number, gap = 4, enterGap = gap): [string, number][] {
  const keys: [string, number][] = [...code].map((c, i) => [c, start + i * gap]);
  keys.push(['Enter', start + (code.length - 1) * gap + enterGap]);
  return keys;
}

/** What a field (or the screen) ends up receiving as typing. */
const typed = (ds: WedgeDecision[]) => ds.map((d) => (d.kind === 'scan' ? '' : d.release)).join('');

describe('keyboard-wedge scanner detection', () => {
  it('reads a fast burst ending in Enter as one scan, holding every character back from the page', () => {
    const d = new WedgeDetector();
    const out = feed(d, burst('0012345678905', 1000));
    expect(out.slice(0, -1).every((x) => x.kind === 'hold')).toBe(true);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: '0012345678905' });
    expect(typed(out)).toBe('');
    expect(d.pending).toBe('');
  });

  it('hands slow typing back character by character, and lets its Enter through', () => {
    const d = new WedgeDetector();
    const out = feed(d, [['8', 0], ['5', 180], ['0', 330], ['Enter', 700]]);
    expect(out.map((x) => x.kind)).toEqual(['hold', 'hold', 'hold', 'pass']);
    expect(typed(out)).toBe('850');
    expect(out.at(-1)).toEqual({ kind: 'pass', release: '0' });
  });

  it('gives typing back once the keys stop, without waiting for Enter', () => {
    const d = new WedgeDetector();
    feed(d, [['1', 0], ['2', 200]]);
    expect(d.idle(210)).toBe('');
    expect(d.idle(260)).toBe('2');
    expect(d.pending).toBe('');
  });

  it('does not glue typing to a scan that follows it', () => {
    const d = new WedgeDetector();
    const out = feed(d, [['4', 0], ...burst('X001ABCDEF', 500)]);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'X001ABCDEF' });
    expect(typed(out)).toBe('4');
  });

  it('treats a code whose last key is followed late by Enter as typing (a person pressing Enter after a fast paste-like run)', () => {
    const d = new WedgeDetector();
    const out = feed(d, burst('SKU-RED-01', 0, 5, 400));
    expect(out.at(-1)).toEqual({ kind: 'pass', release: 'SKU-RED-01' });
  });

  it('splits a burst interrupted by a pause: neither half is a scan of the whole code', () => {
    const d = new WedgeDetector();
    const out = feed(d, [['A', 0], ['B', 5], ['C', 10], ['D', 200], ['E', 205], ['F', 210], ['G', 215], ['Enter', 220]]);
    expect(typed(out.slice(0, 4))).toBe('ABC');
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'DEFG' });
  });

  it('never reads a short fast run such as "ok⏎" as a code', () => {
    const d = new WedgeDetector();
    const out = feed(d, burst('ok', 0, 15));
    expect(out.at(-1)).toEqual({ kind: 'pass', release: 'ok' });
  });

  it('lets shortcuts and editing keys act, after giving back what was held', () => {
    const d = new WedgeDetector();
    feed(d, [['7', 0]]);
    expect(d.key({ key: 'Backspace', time: 20 })).toEqual({ kind: 'pass', release: '7' });
    expect(d.key({ key: 'c', time: 25, modified: true })).toEqual({ kind: 'pass', release: '' });
    expect(d.key({ key: 'F2', time: 30 })).toEqual({ kind: 'pass', release: '' });
  });

  it('reads two scans in a row, each on its own', () => {
    const d = new WedgeDetector();
    const out = feed(d, [...burst('114-1234567-1234567', 0, 2), ...burst('0012345678905', 300, 3)]);
    expect(out.filter((x) => x.kind === 'scan')).toEqual([
      { kind: 'scan', code: '114-1234567-1234567' },
      { kind: 'scan', code: '0012345678905' },
    ]);
  });

  it('follows a slower scanner when the station sets a wider gap', () => {
    const strict = new WedgeDetector();
    expect(feed(strict, burst('0012345678905', 0, 45)).at(-1)?.kind).toBe('pass');
    const wide = new WedgeDetector({ maxGapMs: 60, enterGapMs: 100 });
    expect(feed(wide, burst('0012345678905', 0, 45)).at(-1)).toEqual({ kind: 'scan', code: '0012345678905' });
  });
});
