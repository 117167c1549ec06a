import { create } from 'zustand';
import type { ExceptionReason } from '../../shared/domain/fulfillment';
import type { OpenExceptionRow } from '../../shared/ipc/channels/fulfillment';
import { api, ApiError } from '../api/client';

const PAGE = 200;

export type ResolveAction = 'override' | 'recheck' | 'cancel';

interface ExceptionsState {
  reason: ExceptionReason | null;
  rows: OpenExceptionRow[];
  total: number;
  counts: Partial<Record<ExceptionReason, number>>;
  loading: boolean;
  error: ApiError | null;
  /** The refusal of the last resolve, shown next to the row it concerns. */
  refusal: { exceptionId: number; error: ApiError } | null;
  setReason(reason: ExceptionReason | null): Promise<void>;
  load(): Promise<void>;
  more(): Promise<void>;
  resolve(exceptionId: number, action: ResolveAction, note?: string): Promise<boolean>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useExceptionsStore = create<ExceptionsState>((set, get) => ({
  reason: null,
  rows: [],
  total: 0,
  counts: {},
  loading: false,
  error: null,
  refusal: null,
  async setReason(reason) {
    set({ reason, rows: [], total: 0 });
    await get().load();
  },
  async load() {
    set({ loading: true });
    try {
      const { reason } = get();
      const page = await api.fulfillmentExceptions({ limit: PAGE, offset: 0, ...(reason ? { reason } : {}) });
      // A reply for a chip the user has since left is stale.
      if (get().reason !== reason) return;
      set({ rows: page.rows, total: page.total, counts: page.countsByReason, error: null });
    } catch (err) {
      set({ error: asApiError(err) });
    } finally {
      set({ loading: false });
    }
  },
  async more() {
    const { rows, total, loading, reason } = get();
    if (loading || rows.length >= total) return;
    set({ loading: true });
    try {
      const page = await api.fulfillmentExceptions({ limit: PAGE, offset: rows.length, ...(reason ? { reason } : {}) });
      if (get().reason === reason) set({ rows: [...rows, ...page.rows], total: page.total, counts: page.countsByReason });
    } catch (err) {
      set({ error: asApiError(err) });
    } finally {
      set({ loading: false });
    }
  },
  async resolve(exceptionId, action, note) {
    try {
      await api.fulfillmentResolve({ exceptionId, action, ...(note ? { note } : {}) });
      set({ refusal: null });
      await get().load();
      return true;
    } catch (err) {
      set({ refusal: { exceptionId, error: asApiError(err) } });
      return false;
    }
  },
}));
