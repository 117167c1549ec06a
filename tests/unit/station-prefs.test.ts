import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StationDb } from '../../renderer/db/dexie';
import { readStationPref, writeStationPref } from '../../renderer/db/station-prefs';

describe('station preferences (Dexie)', () => {
  it('survive closing and reopening the database', async () => {
    const name = `prefs-${Math.random()}`;
    const first = new StationDb(name);
    expect(await readStationPref(first, 'lastScreen')).toBeUndefined();
    await writeStationPref(first, 'lastScreen', 'packing');
    first.close();
    const second = new StationDb(name);
    expect(await readStationPref(second, 'lastScreen')).toBe('packing');
    second.close();
  });

  it('fall back to defaults when IndexedDB fails instead of breaking the screen', async () => {
    const db = new StationDb(`prefs-${Math.random()}`);
    db.close();
    await expect(writeStationPref(db, 'lastScreen', 'orders')).resolves.toBeUndefined();
    await expect(readStationPref(db, 'lastScreen')).resolves.toBeUndefined();
  });
});
