import { create } from 'zustand';
import { stationDb } from '../db/dexie';
import { readStationPref, writeStationPref } from '../db/station-prefs';
import { isScreenId, type ScreenId } from '../routes';

interface NavState {
  screen: ScreenId;
  go(screen: ScreenId): void;
  /** Reopens the screen this station last used, so a reload at a packing station lands back on packing. */
  restore(): Promise<void>;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'orders',
  go: (screen) => {
    set({ screen });
    void writeStationPref(stationDb, 'lastScreen', screen);
  },
  restore: async () => {
    const last = await readStationPref(stationDb, 'lastScreen');
    if (isScreenId(last)) set({ screen: last });
  },
}));
