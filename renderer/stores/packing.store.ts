import { create } from 'zustand';
import { validateTracking } from '../../shared/carriers';
import type { PackingOrder } from '../../shared/ipc/channels/packing';
import { api, ApiError } from '../api/client';
import { appendScan, closeSession, openSession, restoreStation, saveForm, scanJournal, type ScanEntry, type ShipForm } from '../db/scan-journal';
import { saveBase64File } from '../screens/purchasing/format';
import { countsFor, isComplete, isDoubleScan, judge, packageOf } from '../screens/packing/station-rules';
import { playVerdict } from '../screens/packing/sounds';

/** Why the ship form cannot be sent yet, or null when it can. */
export type ShipBlocker = 'weight' | 'carrier' | 'carrier-name' | 'tracking' | 'tracking-format';

interface PackingState {
  ready: boolean;
  order: PackingOrder | null;
  sessionId: number | null;
  /** The open session's journal, oldest first. */
  scans: ScanEntry[];
  /** The verdict on screen: the newest journal entry, whichever session it belongs to. */
  last: ScanEntry | null;
  /** performance.now() when the scan behind `last` arrived, for the scan-to-verdict measure (not journaled). */
  lastStartedAt: number | null;
  form: ShipForm;
  shipping: boolean;
  /** A packing slip is being rendered (F4). */
  printing: boolean;
  restore(): Promise<void>;
  scan(code: string): Promise<void>;
  /** Slow typing outside any field: digits go to the weight once the box is complete. */
  typed(text: string): void;
  backspace(): void;
  setForm(patch: Partial<ShipForm>): void;
  clear(): Promise<void>;
  ship(): Promise<void>;
  /** Pack now, ship later: the box is closed with its weight; the tracking number comes with the carrier's CSV. */
  pack(): Promise<void>;
  /** Downloads (Electron: saves) the open package's packing slip. */
  printSlip(): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));
const errorOf = (err: ApiError) => ({ code: err.code, params: err.params as Record<string, unknown> });

export function shipBlocker(form: ShipForm): ShipBlocker | null {
  if (!/^\d+$/.test(form.weight) || Number(form.weight) < 1) return 'weight';
  if (!form.carrierCode) return 'carrier';
  if (form.carrierCode === 'Other' && !form.carrierName.trim()) return 'carrier-name';
  if (!form.tracking.trim()) return 'tracking';
  if (validateTracking(form.carrierCode, form.tracking.trim()) === 'format' || !/^[A-Za-z0-9-]{4,40}$/.test(form.tracking.trim())) return 'tracking-format';
  return null;
}

/** Why the box cannot be closed to ship later, or null when it can: it needs its weight, and only the order's last package may wait for a tracking number. */
export type PackBlocker = 'weight' | 'already-packed' | 'needs-tracking';

export function packBlocker(order: PackingOrder, form: ShipForm): PackBlocker | null {
  if (order.state === 'packed') return 'already-packed';
  if (packageOf(order).left > 1) return 'needs-tracking';
  if (!/^\d+$/.test(form.weight) || Number(form.weight) < 1) return 'weight';
  return null;
}

export const usePackingStore = create<PackingState>((set, get) => {
  // Scans are handled one at a time in arrival order: each count depends on every verdict before it.
  let queue: Promise<void> = Promise.resolve();

  /** Journal first, then the screen: a reload between the two still shows this verdict. */
  async function record(entry: ScanEntry, startedAt: number): Promise<void> {
    const saved = await appendScan(scanJournal, entry);
    set((s) => ({ last: saved, lastStartedAt: startedAt, scans: saved.sessionId !== null && saved.sessionId === s.sessionId ? [...s.scans, saved] : s.scans }));
    playVerdict(saved.verdict);
  }

  async function openOrder(code: string, startedAt: number): Promise<void> {
    const at = Date.now();
    try {
      const order = await api.packingOpen(code);
      const session = await openSession(scanJournal, order, at);
      set({ order, sessionId: session.id ?? null, scans: [], form: session.form });
      await record({ sessionId: session.id ?? null, at, kind: 'order', code, verdict: 'ok' }, startedAt);
    } catch (err) {
      const e = asApiError(err);
      await record({ sessionId: null, at, kind: 'order', code, verdict: 'error', reason: typeof e.params.reason === 'string' ? e.params.reason : e.code, error: errorOf(e) }, startedAt);
    }
  }

  async function scanItem(order: PackingOrder, code: string, startedAt: number): Promise<void> {
    const { sessionId, scans } = get();
    const at = Date.now();
    const base = { sessionId, at, code };
    if (isDoubleScan(scans, code, at)) return record({ ...base, kind: 'item', verdict: 'error', reason: 'double-scan' }, startedAt);
    const counts = countsFor(order, scans);
    const complete = isComplete(order, counts);
    try {
      const answer = await api.packingScan({ orderId: order.orderId, version: order.version, code, ...(order.packageNo !== undefined ? { packageNo: order.packageNo } : {}) });
      // A full box turns the next unknown code into its tracking number (the clerk scans the carrier's label).
      if (complete && answer.verdict === 'error' && answer.reason === 'unknown-code') {
        get().setForm({ tracking: code });
        return record({ ...base, kind: 'tracking', verdict: 'ok' }, startedAt);
      }
      const v = judge(order, counts, answer);
      if (v.verdict === 'ok') return record({ ...base, kind: 'item', verdict: 'ok', productId: v.productId, sku: v.sku, units: v.units }, startedAt);
      return record({ ...base, kind: 'item', verdict: 'error', reason: v.reason, ...(v.sku ? { sku: v.sku } : {}) }, startedAt);
    } catch (err) {
      const e = asApiError(err);
      return record({ ...base, kind: 'item', verdict: 'error', reason: typeof e.params.reason === 'string' ? e.params.reason : e.code, error: errorOf(e) }, startedAt);
    }
  }

  return {
    ready: false,
    order: null,
    sessionId: null,
    scans: [],
    last: null,
    lastStartedAt: null,
    form: { weight: '', carrierCode: '', carrierName: '', shippingService: '', tracking: '' },
    shipping: false,
    printing: false,

    async restore() {
      try {
        const { session, scans, last } = await restoreStation(scanJournal);
        set({ ready: true, order: session?.order ?? null, sessionId: session?.id ?? null, scans, last, form: session?.form ?? get().form });
      } catch {
        // A station without IndexedDB still packs; it just cannot survive a reload.
        set({ ready: true });
      }
    },

    scan(code) {
      const startedAt = performance.now();
      queue = queue.then(() => {
        const { order } = get();
        return order ? scanItem(order, code, startedAt) : openOrder(code, startedAt);
      });
      return queue;
    },

    typed(text) {
      const { order, scans, form } = get();
      if (!order || !isComplete(order, countsFor(order, scans))) return;
      const digits = text.replace(/\D/g, '');
      if (digits) get().setForm({ weight: (form.weight + digits).slice(0, 6) });
    },

    backspace() {
      const { form, order } = get();
      if (order && form.weight) get().setForm({ weight: form.weight.slice(0, -1) });
    },

    setForm(patch) {
      const form = { ...get().form, ...patch };
      set({ form });
      const { sessionId } = get();
      if (sessionId !== null) void saveForm(scanJournal, sessionId, form).catch(() => undefined);
    },

    async clear() {
      await queue;
      const { sessionId } = get();
      if (sessionId !== null) await closeSession(scanJournal, sessionId, 'cleared', Date.now()).catch(() => undefined);
      set({ order: null, sessionId: null, scans: [], last: null, lastStartedAt: null });
    },

    async ship() {
      await queue;
      const { order, scans, form, sessionId, shipping } = get();
      if (!order || shipping || !isComplete(order, countsFor(order, scans)) || shipBlocker(form)) return;
      set({ shipping: true });
      const startedAt = performance.now();
      const at = Date.now();
      try {
        const packed = [...countsFor(order, scans)].map(([productId, quantity]) => ({ productId, quantity }));
        const done = await api.packingShip({
          orderId: order.orderId,
          version: order.version,
          ...(order.packageNo !== undefined ? { packageNo: order.packageNo } : {}),
          weightG: Number(form.weight),
          carrierCode: form.carrierCode,
          ...(form.carrierCode === 'Other' && form.carrierName.trim() ? { carrierName: form.carrierName.trim() } : {}),
          ...(form.shippingService.trim() ? { shippingService: form.shippingService.trim() } : {}),
          trackingNumber: form.tracking.trim(),
          packed,
        });
        if (sessionId !== null) await closeSession(scanJournal, sessionId, 'shipped', at);
        set({ order: null, sessionId: null, scans: [] });
        await record(
          { sessionId: null, at, kind: 'ship', code: order.orderId, verdict: 'ok', reason: done.state, tracking: form.tracking.trim(), packageNo: done.packageNo, packageCount: done.packageCount, packagesLeft: done.packagesLeft },
          startedAt,
        );
      } catch (err) {
        const e = asApiError(err);
        await record({ sessionId, at, kind: 'ship', code: order.orderId, verdict: 'error', reason: typeof e.params.reason === 'string' ? e.params.reason : e.code, error: errorOf(e) }, startedAt);
      } finally {
        set({ shipping: false });
      }
    },

    async pack() {
      await queue;
      const { order, scans, form, sessionId, shipping } = get();
      if (!order || shipping || !isComplete(order, countsFor(order, scans)) || packBlocker(order, form)) return;
      set({ shipping: true });
      const startedAt = performance.now();
      const at = Date.now();
      try {
        const packed = [...countsFor(order, scans)].map(([productId, quantity]) => ({ productId, quantity }));
        const done = await api.packingPack({ orderId: order.orderId, version: order.version, ...(order.packageNo !== undefined ? { packageNo: order.packageNo } : {}), weightG: Number(form.weight), packed });
        if (sessionId !== null) await closeSession(scanJournal, sessionId, 'packed', at);
        set({ order: null, sessionId: null, scans: [] });
        await record({ sessionId: null, at, kind: 'pack', code: order.orderId, verdict: 'ok', reason: done.state, weightG: Number(form.weight), packageNo: done.packageNo, packageCount: done.packageCount }, startedAt);
      } catch (err) {
        const e = asApiError(err);
        await record({ sessionId, at, kind: 'pack', code: order.orderId, verdict: 'error', reason: typeof e.params.reason === 'string' ? e.params.reason : e.code, error: errorOf(e) }, startedAt);
      } finally {
        set({ shipping: false });
      }
    },

    async printSlip() {
      const { order, printing } = get();
      if (!order || printing) return;
      set({ printing: true });
      try {
        const file = await api.packingSlip({ orderId: order.orderId, ...(order.packageNo !== undefined ? { packageNo: order.packageNo } : {}) });
        saveBase64File(file.fileName, file.base64, 'application/pdf');
      } catch (err) {
        // The slip is a courtesy to the buyer: a failure says why on the verdict panel but leaves the box as it is.
        const e = asApiError(err);
        const { sessionId } = get();
        await record({ sessionId, at: Date.now(), kind: 'slip', code: order.orderId, verdict: 'error', reason: typeof e.params.reason === 'string' ? e.params.reason : e.code, error: errorOf(e) }, performance.now());
      } finally {
        set({ printing: false });
      }
    },
  };
});
