import { create } from 'zustand';
import type { SyncStatus } from '../../shared/domain/sync';
import type { SyncHealth } from '../../shared/domain/sync-health';
import { api, ApiError, onEvent } from '../api/client';

/** The health figures change slowly; status events arrive per page during a backfill, so refreshes are spaced out. */
const HEALTH_MIN_GAP_MS = 3_000;
const HEALTH_POLL_MS = 30_000;

interface SyncState {
  status: SyncStatus | null;
  error: ApiError | null;
  health: SyncHealth | null;
  healthHours: number;
  healthError: ApiError | null;
  /** seq of the dead letter whose retry is under way, so its button can show it. */
  retrying: number | null;
  follow(): () => void;
  act(action: 'runNow' | 'pause' | 'resume'): Promise<void>;
  refreshHealth(): Promise<void>;
  retryDead(seq: number): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useSyncStore = create<SyncState>((set, get) => {
  let lastHealthAt = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  /** Refreshes now, or once at the end of the gap if one ran just before: the last event is never missed. */
  const healthSoon = () => {
    const wait = lastHealthAt + HEALTH_MIN_GAP_MS - Date.now();
    if (wait <= 0) return void get().refreshHealth();
    trailing ??= setTimeout(() => {
      trailing = null;
      void get().refreshHealth();
    }, wait);
  };

  return {
    status: null,
    error: null,
    health: null,
    healthHours: 24,
    healthError: null,
    retrying: null,
    follow: () => {
      void api.syncStatus().then(
        (status) => set({ status, error: null }),
        (err: unknown) => set({ error: asApiError(err) }),
      );
      void get().refreshHealth();
      const offStatus = onEvent('sync:status', (status) => {
        set({ status, error: null });
        healthSoon();
      });
      // Outbox changes (a write went dead, a retry was sent) are announced through the app status.
      const offApp = onEvent('system:status-changed', () => healthSoon());
      const poll = setInterval(() => void get().refreshHealth(), HEALTH_POLL_MS);
      return () => {
        offStatus();
        offApp();
        clearInterval(poll);
        if (trailing) clearTimeout(trailing);
        trailing = null;
      };
    },
    act: async (action) => {
      try {
        const status = action === 'runNow' ? await api.syncRunNow() : action === 'pause' ? await api.syncPause() : await api.syncResume();
        set({ status, error: null });
      } catch (err) {
        set({ error: asApiError(err) });
      }
    },
    refreshHealth: async () => {
      lastHealthAt = Date.now();
      try {
        set({ health: await api.syncHealth(get().healthHours), healthError: null });
      } catch (err) {
        set({ healthError: asApiError(err) });
      }
    },
    retryDead: async (seq) => {
      set({ retrying: seq });
      try {
        await api.outboxRetryDead(seq);
        set({ healthError: null });
      } catch (err) {
        set({ healthError: asApiError(err) });
      } finally {
        set({ retrying: null });
      }
      // Also after a conflict: someone else retried it, and the list should say so.
      await get().refreshHealth();
    },
  };
});
