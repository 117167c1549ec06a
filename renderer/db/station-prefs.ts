import type { StationDb } from './dexie';

export interface StationPrefs {
  lastScreen: string;
}

export async function readStationPref<K extends keyof StationPrefs>(db: StationDb, key: K): Promise<StationPrefs[K] | undefined> {
  try {
    return (await db.prefs.get(key))?.value as StationPrefs[K] | undefined;
  } catch {
    // IndexedDB can be unavailable (private mode, quota); the station falls back to defaults.
    return undefined;
  }
}

export async function writeStationPref<K extends keyof StationPrefs>(db: StationDb, key: K, value: StationPrefs[K]): Promise<void> {
  try {
    await db.prefs.put({ key, value });
  } catch {
    // Losing a UI preference is harmless; never block the screen on it.
  }
}
