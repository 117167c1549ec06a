import { Dexie, type EntityTable } from 'dexie';

/** One wave walked at this station in scan-picking mode, from opening until it is picked (or the picker steps out). */
export interface PickSession {
  id?: number;
  waveId: number;
  waveNumber: string;
  openedAt: number;
  /** Set when the picker left the mode (Esc) or the wave was picked; an open session is restored after a reload. */
  closedAt: number | null;
  outcome: 'open' | 'left' | 'picked';
}

/**
 * One scan or key and its verdict, written before the verdict is shown. The accepted bin, item and short entries are
 * the walk: replayed over the wave's pick list they give back the stop and the counts on screen.
 */
export interface PickEntry {
  id?: number;
  sessionId: number;
  at: number;
  kind: 'bin' | 'item' | 'short' | 'complete';
  /** What was scanned; empty for a key (F8 short) and for completing the wave. */
  code: string;
  verdict: 'ok' | 'error';
  reason?: string;
  productId?: number;
  sku?: string;
  units?: number;
  /** The bin or SKU the picker should have scanned instead. */
  expected?: string;
  left?: number;
  /** Where an accepted scan's units go, for the verdict ("T01 ×1 · T03 ×2"). */
  into?: { tote: string; units: number }[];
  /** An error from main (code + params) for the translated message. */
  error?: { code: string; params: Record<string, unknown> };
}

export class PickJournalDb extends Dexie {
  sessions!: EntityTable<PickSession, 'id'>;
  entries!: EntityTable<PickEntry, 'id'>;

  constructor(name = 'seller-erp-picking') {
    super(name);
    // Versioned schema: add a version() block for every change, never edit an old one.
    this.version(1).stores({ sessions: '++id, waveId', entries: '++id, sessionId' });
  }
}

export const pickJournal = new PickJournalDb();

/** Sessions kept: a few days of waves at one station, small enough to stay fast. */
const KEEP_SESSIONS = 200;

/**
 * Opens the wave for scan-picking. A wave the picker stepped out of earlier resumes where it was (same session, same
 * entries); any other open session is left, as a station walks one wave at a time.
 */
export async function openPickSession(db: PickJournalDb, wave: { id: number; number: string }, at: number): Promise<PickSession> {
  return db.transaction('rw', db.sessions, db.entries, async () => {
    await db.sessions
      .filter((s) => s.closedAt === null && s.waveId !== wave.id)
      .modify({ closedAt: at, outcome: 'left' });
    const earlier = (await db.sessions.where('waveId').equals(wave.id).sortBy('id')).filter((s) => s.outcome !== 'picked').at(-1);
    if (earlier?.id !== undefined) {
      await db.sessions.update(earlier.id, { closedAt: null, outcome: 'open' });
      return { ...earlier, closedAt: null, outcome: 'open' };
    }
    const session: PickSession = { waveId: wave.id, waveNumber: wave.number, openedAt: at, closedAt: null, outcome: 'open' };
    session.id = await db.sessions.add(session);
    const oldest = (await db.sessions.orderBy('id').reverse().offset(KEEP_SESSIONS).primaryKeys()).filter((k): k is number => k !== undefined);
    if (oldest.length > 0) {
      await db.entries.where('sessionId').anyOf(oldest).delete();
      await db.sessions.bulkDelete(oldest);
    }
    return session;
  });
}

export async function closePickSession(db: PickJournalDb, id: number, outcome: 'left' | 'picked', at: number): Promise<void> {
  await db.sessions.update(id, { closedAt: at, outcome });
}

export async function appendPickEntry(db: PickJournalDb, entry: PickEntry): Promise<PickEntry> {
  const id = await db.entries.add(entry);
  return { ...entry, id };
}

export async function sessionEntries(db: PickJournalDb, sessionId: number): Promise<PickEntry[]> {
  return db.entries.where('sessionId').equals(sessionId).sortBy('id');
}

/** The session open before a reload, if any: the station goes straight back into it. */
export async function openPickSessionBeforeReload(db: PickJournalDb): Promise<PickSession | null> {
  const open = await db.sessions.filter((s) => s.closedAt === null).toArray();
  return open.at(-1) ?? null;
}
