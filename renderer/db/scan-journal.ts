import { Dexie, type EntityTable } from 'dexie';
import type { PackingOrder } from '../../shared/ipc/channels/packing';

/** The ship form as the clerk left it; restored with the order after a reload. */
export interface ShipForm {
  weight: string;
  carrierCode: string;
  carrierName: string;
  shippingService: string;
  tracking: string;
}

/** One order on the bench, from the scan that opened it until it ships or the clerk clears it (Esc). */
export interface PackingSession {
  id?: number;
  orderId: string;
  /** The order as main described it when opened: the station packs against this copy and its version. */
  order: PackingOrder;
  form: ShipForm;
  openedAt: number;
  closedAt: number | null;
  outcome: 'open' | 'shipped' | 'packed' | 'cleared';
}

/**
 * One scan and its verdict, written before the verdict is shown: after a reload the counts are the sum of the
 * session's ok item scans, and the last entry is the verdict on screen.
 */
export interface ScanEntry {
  id?: number;
  /** The session the scan belongs to; null for a scan with no order open (e.g. an unknown order id). */
  sessionId: number | null;
  at: number;
  /**
   * What the scan was taken as: an order to open, an item for the box, the parcel's tracking number, the shipment, or
   * the box closed to ship later (pack), or a packing slip that could not be printed (slip).
   */
  kind: 'order' | 'item' | 'tracking' | 'ship' | 'pack' | 'slip';
  code: string;
  verdict: 'ok' | 'error';
  reason?: string;
  /** An error from main (code + params) for the translated message. */
  error?: { code: string; params: Record<string, unknown> };
  productId?: number;
  sku?: string;
  units?: number;
  /** The shipment's tracking number. */
  tracking?: string;
  /** The package a ship or pack entry closed, of how many, and how many of the order's packages are still to go. */
  packageNo?: number;
  packageCount?: number;
  packagesLeft?: number;
  /** The weight a pack entry closed the box at. */
  weightG?: number;
}

export class ScanJournalDb extends Dexie {
  sessions!: EntityTable<PackingSession, 'id'>;
  scans!: EntityTable<ScanEntry, 'id'>;

  constructor(name = 'seller-erp-packing') {
    super(name);
    // Versioned schema: add a version() block for every change, never edit an old one.
    this.version(1).stores({ sessions: '++id, orderId', scans: '++id, sessionId' });
  }
}

export const scanJournal = new ScanJournalDb();

/** A box packed earlier to ship later comes back with the weight it was closed at. */
export const emptyForm = (order?: PackingOrder): ShipForm => ({
  weight: order?.weightG ? String(order.weightG) : '',
  carrierCode: order?.carrier?.code ?? '',
  carrierName: order?.carrier?.name ?? '',
  shippingService: order?.carrier?.service ?? '',
  tracking: '',
});

/** Journals are kept for this many sessions back: enough for a shift's questions, small enough to stay fast. */
const KEEP_SESSIONS = 500;

/** Opens a session for `order`, closing any left open (a station packs one order at a time). */
export async function openSession(db: ScanJournalDb, order: PackingOrder, at: number): Promise<PackingSession> {
  return db.transaction('rw', db.sessions, db.scans, async () => {
    await db.sessions.where('id').above(0).filter((s) => s.closedAt === null).modify({ closedAt: at, outcome: 'cleared' });
    const session: PackingSession = { orderId: order.orderId, order, form: emptyForm(order), openedAt: at, closedAt: null, outcome: 'open' };
    session.id = await db.sessions.add(session);
    const oldest = (await db.sessions.orderBy('id').reverse().offset(KEEP_SESSIONS).primaryKeys()).filter((k): k is number => k !== undefined);
    if (oldest.length > 0) {
      await db.scans.where('sessionId').anyOf(oldest).delete();
      await db.sessions.bulkDelete(oldest);
    }
    return session;
  });
}

export async function closeSession(db: ScanJournalDb, id: number, outcome: 'shipped' | 'packed' | 'cleared', at: number): Promise<void> {
  await db.sessions.update(id, { closedAt: at, outcome });
}

export async function saveForm(db: ScanJournalDb, id: number, form: ShipForm): Promise<void> {
  await db.sessions.update(id, { form });
}

export async function appendScan(db: ScanJournalDb, entry: ScanEntry): Promise<ScanEntry> {
  const id = await db.scans.add(entry);
  return { ...entry, id };
}

/** What the station showed before a reload: the open session with its scans, and the last verdict of all. */
export async function restoreStation(db: ScanJournalDb): Promise<{ session: PackingSession | null; scans: ScanEntry[]; last: ScanEntry | null }> {
  const latest = await db.sessions.orderBy('id').last();
  const session = latest && latest.closedAt === null ? latest : null;
  const scans = session?.id !== undefined ? await db.scans.where('sessionId').equals(session.id).sortBy('id') : [];
  const last = (await db.scans.orderBy('id').last()) ?? null;
  return { session, scans, last };
}
