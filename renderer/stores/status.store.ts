import { create } from 'zustand';
import type { AppStatus } from '../../shared/domain/status';
import { api, ApiError, onEvent } from '../api/client';

interface StatusState {
  status: AppStatus | null;
  error: ApiError | null;
  refresh(): Promise<void>;
  /** Loads once and follows `system:status-changed`; returns the unsubscribe. */
  follow(): () => void;
}

export const useStatusStore = create<StatusState>((set, get) => ({
  status: null,
  error: null,
  refresh: async () => {
    try {
      set({ status: await api.status(), error: null });
    } catch (err) {
      set({ error: err instanceof ApiError ? err : new ApiError('internal') });
    }
  },
  follow: () => {
    void get().refresh();
    const off = onEvent('system:status-changed', (status) => set({ status, error: null }));
    const onFocus = () => void get().refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      off();
      window.removeEventListener('focus', onFocus);
    };
  },
}));
