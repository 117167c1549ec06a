import { describe, expect, it } from 'vitest';
import { handlers } from '../../main/ipc/handlers';
import { channelNames, contract, splitChannel } from '../../shared/ipc/contract';
import { errorCodes } from '../../shared/ipc/errors';
import { eventNames, isEventName } from '../../shared/ipc/events';

describe('the IPC contract', () => {
  it('names every channel namespace:verb in kebab-case', () => {
    for (const c of channelNames) expect(c).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('rejects unknown fields on every input', () => {
    for (const c of channelNames) {
      const parsed = contract[c].input.safeParse({ __unexpected: 1 });
      expect(parsed.success, c).toBe(false);
    }
  });

  it('maps channels to window.api methods without collisions', () => {
    expect(splitChannel('settings:get-preferences')).toEqual({ namespace: 'settings', method: 'getPreferences' });
    const paths = channelNames.map((c) => Object.values(splitChannel(c)).join('.'));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).not.toContain('on');
  });

  it('allow-lists events by name only', () => {
    expect(eventNames).toContain('system:status-changed');
    expect(isEventName('system:status-changed')).toBe(true);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('stores:create')).toBe(false);
  });

  it('has stable error codes', () => {
    expect(errorCodes).toEqual(['unknown-channel', 'invalid-input', 'not-found', 'conflict', 'untrusted-sender', 'internal']);
  });
});
