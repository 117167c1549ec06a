import { create } from 'zustand';
import { cleanScan } from '../../../shared/barcodes';
import type { PickList, PickScanAnswer, Wave } from '../../../shared/ipc/channels/picking';
import { api, ApiError } from '../../api/client';
import { appendPickEntry, closePickSession, openPickSession, openPickSessionBeforeReload, pickJournal, sessionEntries, type PickEntry, type PickSession } from '../../db/pick-journal';
import { playVerdict } from '../packing/sounds';
import { applyEvent, currentIndex, isCurrentBin, isDoubleScan, isWalked, judgeScan, judgeShort, placements, replay, results, toteSlots, unitsLeft, type Walk, type WalkEvent } from './pick-walk';

interface PickScanState {
  /** The journal has been read: until then the screen cannot tell whether a walk was under way. */
  ready: boolean;
  session: PickSession | null;
  list: PickList | null;
  walk: Walk | null;
  /** The session's journal, oldest first; the last one is the verdict on screen. */
  entries: PickEntry[];
  confirmingShort: boolean;
  completing: boolean;
  /** The wave as main marked it picked: the done panel shows until the picker leaves. */
  finished: Wave | null;
  /** Why scan-picking could not start (wave not open, a scan that is not a wave number). */
  notice: { error: ApiError } | { notWave: string } | null;
  restore(): Promise<void>;
  enter(waveId: number): Promise<void>;
  /** A scan on the waves screen: the wave barcode printed on the pick list opens that wave. */
  enterByCode(code: string): Promise<void>;
  scan(code: string): Promise<void>;
  askShort(): Promise<void>;
  confirmShort(): Promise<void>;
  cancelShort(): void;
  retryComplete(): Promise<void>;
  leave(): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));
const errorOf = (err: ApiError) => ({ code: err.code, params: err.params as Record<string, unknown> });
const reasonOf = (err: ApiError) => (typeof err.params.reason === 'string' ? err.params.reason : err.code);

/** The walk's accepted actions, oldest first. */
export function walkEvents(entries: readonly PickEntry[]): WalkEvent[] {
  return entries.flatMap((e): WalkEvent[] => {
    if (e.verdict !== 'ok' || e.productId === undefined) return [];
    if (e.kind === 'bin' || e.kind === 'short') return [{ kind: e.kind, productId: e.productId }];
    if (e.kind === 'item') return [{ kind: 'item', productId: e.productId, units: e.units ?? 1 }];
    return [];
  });
}

const empty = (): Pick<PickScanState, 'session' | 'list' | 'walk' | 'entries' | 'confirmingShort' | 'completing' | 'finished'> => ({
  session: null,
  list: null,
  walk: null,
  entries: [],
  confirmingShort: false,
  completing: false,
  finished: null,
});

export const usePickScanStore = create<PickScanState>((set, get) => {
  // One action at a time in arrival order: every verdict depends on the counts the previous ones left.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (action: () => Promise<void>) => {
    queue = queue.then(action, action);
    return queue;
  };

  /** Journal first, then the screen: a reload between the two still shows this verdict and its counts. */
  async function record(entry: Omit<PickEntry, 'sessionId'>, walk?: Walk): Promise<void> {
    const { session } = get();
    if (session?.id === undefined) return;
    const saved = await appendPickEntry(pickJournal, { ...entry, sessionId: session.id });
    set((s) => ({ entries: [...s.entries, saved], ...(walk ? { walk } : {}) }));
    playVerdict(saved.verdict);
  }

  async function begin(list: PickList): Promise<void> {
    const session = await openPickSession(pickJournal, list.wave, Date.now());
    const entries = session.id === undefined ? [] : await sessionEntries(pickJournal, session.id);
    set({ ...empty(), session, list, entries, walk: replay(list, walkEvents(entries)), notice: null });
    // A reload between the last scan and the wave's completion: finish what the journal says is done.
    if (isWalked(get().walk!)) await complete();
  }

  /**
   * Reports the walk to main. A pick list that shrank meanwhile (an order cancelled mid-wave) is fetched again and the
   * journal replayed over it once; if that already covers every stop the report is sent again at once.
   */
  async function complete(retried = false): Promise<void> {
    const { session, walk, finished } = get();
    if (!session || !walk || finished || !isWalked(walk)) return;
    set({ completing: true });
    try {
      const wave = await api.pickingComplete({ waveId: session.waveId, stops: results(walk) });
      if (session.id !== undefined) await closePickSession(pickJournal, session.id, 'picked', Date.now());
      await record({ at: Date.now(), kind: 'complete', code: wave.number, verdict: 'ok', units: wave.shortUnits });
      set({ finished: wave });
    } catch (err) {
      const e = asApiError(err);
      if (reasonOf(e) === 'pick-list-changed' && !retried) {
        const list = await api.pickingPickList(session.waveId).catch(() => null);
        if (list) {
          set({ list, walk: replay(list, walkEvents(get().entries)) });
          if (isWalked(get().walk!)) return complete(true);
        }
      }
      await record({ at: Date.now(), kind: 'complete', code: '', verdict: 'error', reason: reasonOf(e), error: errorOf(e) });
    } finally {
      set({ completing: false });
    }
  }

  async function scanNow(code: string): Promise<void> {
    const { walk, session, entries, finished } = get();
    if (!walk || !session || finished) return;
    const at = Date.now();
    const base = { at, code };
    if (isWalked(walk)) return record({ ...base, kind: 'item', verdict: 'error', reason: 'wave-done' });
    const accepted = entries.filter((e) => e.verdict === 'ok');
    if (isDoubleScan(accepted, code, at)) return record({ ...base, kind: 'item', verdict: 'error', reason: 'double-scan' });

    let answer: PickScanAnswer;
    try {
      // The stop's own bin is known here: no need to ask main, and the walk goes on with main busy.
      answer = isCurrentBin(walk, code) ? { kind: 'bin', code } : await api.pickingIdentify({ waveId: session.waveId, code });
    } catch (err) {
      const e = asApiError(err);
      return record({ ...base, kind: 'item', verdict: 'error', reason: reasonOf(e), error: errorOf(e) });
    }
    const kind = answer.kind === 'bin' ? 'bin' : 'item';
    const j = judgeScan(walk, answer);
    if (j.verdict === 'error') {
      const { verdict: _v, ...detail } = j;
      return record({ ...base, kind, verdict: 'error', ...detail });
    }
    const i = currentIndex(walk);
    const stop = walk.stops[i]!;
    const next = applyEvent(walk, j.event);
    const units = j.event.kind === 'item' ? j.event.units : undefined;
    const into = units !== undefined ? placements(stop, walk.progress[i]!.picked, units) : undefined;
    await record({ ...base, kind, verdict: 'ok', productId: stop.productId, sku: stop.sku, ...(units !== undefined ? { units } : {}), ...(into ? { into } : {}) }, next);
    if (isWalked(next)) await complete();
  }

  return {
    ready: false,
    ...empty(),
    notice: null,

    async restore() {
      try {
        const session = await openPickSessionBeforeReload(pickJournal);
        if (session) {
          const list = await api.pickingPickList(session.waveId).catch(() => null);
          if (list?.wave.status === 'open') await begin(list);
          // Picked or closed elsewhere meanwhile: nothing left to walk here.
          else if (session.id !== undefined) await closePickSession(pickJournal, session.id, 'left', Date.now());
        }
      } catch {
        // Without IndexedDB the station still picks; it just cannot survive a reload.
      }
      set({ ready: true });
    },

    enter: (waveId) =>
      enqueue(async () => {
        try {
          const list = await api.pickingPickList(waveId);
          if (list.wave.status !== 'open') throw new ApiError('conflict', { reason: 'wave-not-open', wave: list.wave.number, status: list.wave.status });
          await begin(list);
        } catch (err) {
          set({ notice: { error: asApiError(err) } });
        }
      }),

    enterByCode: async (raw) => {
      const code = cleanScan(raw);
      try {
        const wave = (await api.pickingListWaves()).find((w) => w.number.toUpperCase() === code.toUpperCase());
        if (wave) return await get().enter(wave.id);
        set({ notice: { notWave: code.slice(0, 60) } });
      } catch (err) {
        set({ notice: { error: asApiError(err) } });
      }
    },

    scan: (code) => enqueue(() => scanNow(code)),

    askShort: () =>
      enqueue(async () => {
        const { walk, finished } = get();
        if (!walk || finished) return;
        const j = judgeShort(walk);
        if (j.verdict === 'ok') return set({ confirmingShort: true });
        const { verdict: _v, ...detail } = j;
        await record({ at: Date.now(), kind: 'short', code: '', verdict: 'error', ...detail });
      }),

    confirmShort: () =>
      enqueue(async () => {
        const { walk, confirmingShort } = get();
        set({ confirmingShort: false });
        if (!walk || !confirmingShort) return;
        const j = judgeShort(walk);
        if (j.verdict !== 'ok') return;
        const i = currentIndex(walk);
        const stop = walk.stops[i]!;
        const next = applyEvent(walk, j.event);
        const into = toteSlots(stop, next.progress[i]!)
          .filter((s) => s.short > 0)
          .map((s) => ({ tote: s.tote ?? s.orderId, units: s.short }));
        await record({ at: Date.now(), kind: 'short', code: '', verdict: 'ok', productId: stop.productId, sku: stop.sku, units: unitsLeft(stop, walk.progress[i]!), into }, next);
        if (isWalked(next)) await complete();
      }),

    cancelShort: () => set({ confirmingShort: false }),

    retryComplete: () => enqueue(() => complete()),

    leave: () =>
      enqueue(async () => {
        const { session, finished } = get();
        if (session?.id !== undefined && !finished) await closePickSession(pickJournal, session.id, 'left', Date.now()).catch(() => undefined);
        set({ ...empty(), notice: null });
      }),
  };
});
