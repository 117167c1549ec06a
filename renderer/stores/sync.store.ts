import { create } from 'zustand';
import type { SyncStatus } from '../../shared/domain/sync';
import { api, ApiError, onEvent } from '../api/client';

interface SyncState {
  status: SyncStatus | null;
  error: ApiError | null;
  follow(): () => void;
  act(action: 'runNow' | 'pause' | 'resume'): Promise<void>;
}

export const useSyncStore = create<SyncState>((set) => ({
  status: null,
  error: null,
  follow: () => {
    void api.syncStatus().then(
      (status) => set({ status, error: null }),
      (err: unknown) => set({ error: err instanceof ApiError ? err : new ApiError('internal') }),
    );
    return onEvent('sync:status', (status) => set({ status, error: null }));
  },
  act: async (action) => {
    try {
      const status = action === 'runNow' ? await api.syncRunNow() : action === 'pause' ? await api.syncPause() : await api.syncResume();
      set({ status, error: null });
    } catch (err) {
      set({ error: err instanceof ApiError ? err : new ApiError('internal') });
    }
  },
}));
