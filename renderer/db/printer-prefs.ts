import type { StationDb } from './dexie';

/**
 * Which printer this station uses, per role: the label printer (a thermal roll for FNSKU labels and carton marks) and
 * the document printer (A4/Letter for packing slips and pick lists). Stored in the station's own prefs table: the
 * printer is a property of the desk, not of the seller's shared data.
 */
export type PrinterRole = 'labels' | 'documents';

const key = (role: PrinterRole) => `printer.${role}`;

/** The printer's OS name, or null when the station downloads PDFs instead. */
export async function readPrinterPref(db: StationDb, role: PrinterRole): Promise<string | null> {
  try {
    const value = (await db.prefs.get(key(role)))?.value;
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    // IndexedDB can be unavailable (private mode, quota): no printer remembered, the PDF is downloaded.
    return null;
  }
}

export async function writePrinterPref(db: StationDb, role: PrinterRole, printer: string | null): Promise<void> {
  try {
    if (printer === null) await db.prefs.delete(key(role));
    else await db.prefs.put({ key: key(role), value: printer });
  } catch {
    // Losing the choice only means choosing again; never block printing on it.
  }
}
