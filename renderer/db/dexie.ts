import { Dexie, type EntityTable } from 'dexie';

/** Per-station data that belongs to this machine, not the shared DB: survives reloads and stays when offline. */
export interface StationPref {
  key: string;
  value: unknown;
}

export class StationDb extends Dexie {
  prefs!: EntityTable<StationPref, 'key'>;

  constructor(name = 'seller-erp-station') {
    super(name);
    // Versioned schema: add a new version() block for every change, never edit an old one.
    this.version(1).stores({ prefs: 'key' });
  }
}

export const stationDb = new StationDb();
