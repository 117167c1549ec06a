import type { Db } from '../db/connection';
import { finishRun, lastSuccess, startRun } from '../db/repositories/sync-state.repo';
import type { Clock } from '../clock';
import type { AmazonApi } from '../spapi/amazon-api';
import { SpApiError } from '../spapi/errors';
import type { SecretBox } from '../spapi/secret-box';
import type { Store } from '../../shared/domain/store';
import type { JobStatus, SyncStatus } from '../../shared/domain/sync';
import type { JobProgress, SyncJob } from './jobs/job';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  jobs: SyncJob[];
  stores: () => Promise<Store[]>;
  apiFor: (storeId: number) => Promise<AmazonApi | null>;
  /** Wall-clock intervals are divided by this, as simulated Amazon time runs faster in demo and tests. */
  timeScale?: number;
  onStatus?: (status: SyncStatus) => void;
  log?: { error(message: string, detail: Record<string, unknown>): void };
}

interface Slot {
  store: Store;
  job: SyncJob;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  abort: AbortController | null;
  nextRunAt: number | null;
  lastSuccessAt: string | null;
  lastError: { kind: string; message: string } | null;
  progress: JobProgress | null;
  hasCredentials: boolean;
}

/**
 * Runs every job for every store on its cadence: one run per (store, job) at a time, "sync now", pause/resume, and a
 * drain on quit that lets the page in hand commit. Jobs pace themselves through the shared rate limiter, so the
 * scheduler never needs to know a usage plan.
 */
export function createScheduler(deps: SchedulerDeps) {
  const slots = new Map<string, Slot>();
  const scale = deps.timeScale ?? 1;
  let paused = false;
  /** Set by drain(): runs that had not started by then are dropped. */
  let draining = false;
  let started = false;

  const key = (storeId: number, job: string) => `${storeId}:${job}`;

  function status(): SyncStatus {
    const jobs: JobStatus[] = [...slots.values()].map((s) => ({
      storeId: s.store.id,
      storeName: s.store.name,
      job: s.job.kind,
      state: s.running ? 'running' : !s.hasCredentials ? 'no-credentials' : paused ? 'paused' : s.lastError ? 'error' : 'idle',
      lastSuccessAt: s.lastSuccessAt,
      nextRunAt: s.nextRunAt !== null && !paused ? new Date(s.nextRunAt).toISOString() : null,
      lastError: s.lastError,
      progress: s.progress,
    }));
    return { paused, jobs };
  }

  const publish = () => deps.onStatus?.(status());

  function schedule(slot: Slot, delayMs: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.nextRunAt = null;
    if (paused || !started || !slot.hasCredentials) return;
    slot.nextRunAt = deps.clock.now().getTime() + delayMs;
    slot.timer = setTimeout(() => void runSlot(slot), Math.max(0, delayMs / scale));
    slot.timer.unref();
  }

  async function runSlot(slot: Slot): Promise<void> {
    if (slot.running) return slot.running;
    // A timer that fired just before drain() gets here during or after it: the app is quitting, so this run never
    // starts — and the store lookup it was waiting for may fail because the database is already closed.
    if (draining) return;
    let api: Awaited<ReturnType<typeof deps.apiFor>>;
    try {
      api = await deps.apiFor(slot.store.id);
    } catch (err) {
      if (draining) return;
      throw err;
    }
    if (draining) return;
    slot.hasCredentials = api !== null;
    if (!api) {
      publish();
      return;
    }
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.nextRunAt = null;
    slot.abort = new AbortController();
    const abort = slot.abort;
    slot.running = (async () => {
      const startedAt = deps.clock.now().toISOString();
      const runId = await startRun(deps.db, { storeId: slot.store.id, job: slot.job.kind, mode: 'auto', startedAt });
      let pages = 0;
      let items = 0;
      try {
        const outcome = await slot.job.run({
          db: deps.db,
          clock: deps.clock,
          store: slot.store,
          api,
          secretBox: deps.secretBox,
          signal: abort.signal,
          progress: (p) => {
            slot.progress = p;
            pages = p.pages;
            items = p.items;
            publish();
          },
        });
        const finishedAt = deps.clock.now().toISOString();
        await finishRun(deps.db, runId, { finishedAt, outcome: outcome.interrupted ? 'cancelled' : 'ok', pages: outcome.pages, items: outcome.items });
        await deps.db('sync_runs').where({ id: runId }).update({ mode: outcome.mode });
        if (!outcome.interrupted) {
          slot.lastSuccessAt = finishedAt;
          slot.lastError = null;
        }
      } catch (err) {
        const kind = err instanceof SpApiError ? err.kind : 'internal';
        const message = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
        slot.lastError = { kind, message };
        await finishRun(deps.db, runId, { finishedAt: deps.clock.now().toISOString(), outcome: 'error', pages, items, errorKind: kind, errorMessage: message }).catch(() => undefined);
        deps.log?.error('sync job failed', { store: slot.store.id, job: slot.job.kind, kind, message });
      } finally {
        slot.running = null;
        slot.abort = null;
        slot.progress = null;
        schedule(slot, slot.job.intervalMs);
        publish();
      }
    })();
    publish();
    return slot.running;
  }

  /** Picks up stores added or removed since the last call (a connected account, a deleted demo store). */
  async function refresh(): Promise<void> {
    const stores = await deps.stores();
    const wanted = new Set<string>();
    for (const store of stores) {
      for (const job of deps.jobs) {
        const k = key(store.id, job.kind);
        wanted.add(k);
        const existing = slots.get(k);
        if (existing) {
          existing.store = store;
          continue;
        }
        const slot: Slot = { store, job, timer: null, running: null, abort: null, nextRunAt: null, lastSuccessAt: await lastSuccess(deps.db, store.id, job.kind), lastError: null, progress: null, hasCredentials: true };
        slots.set(k, slot);
        schedule(slot, 0);
      }
    }
    for (const [k, slot] of slots) {
      if (wanted.has(k)) continue;
      if (slot.timer) clearTimeout(slot.timer);
      slot.abort?.abort();
      slots.delete(k);
    }
    publish();
  }

  return {
    status,
    refresh,
    async start() {
      started = true;
      draining = false;
      await refresh();
      // Slots created before start (stores added during start-up) have no timer yet.
      for (const s of slots.values()) if (!s.running && !s.timer) schedule(s, 0);
    },
    /** "Sync now": runs at once (or joins the run under way) and resolves when it has finished. */
    async runNow(filter: { storeId?: number; job?: string } = {}): Promise<void> {
      const chosen = [...slots.values()].filter((s) => (filter.storeId === undefined || s.store.id === filter.storeId) && (filter.job === undefined || s.job.kind === filter.job));
      await Promise.all(chosen.map((s) => runSlot(s)));
    },
    /** Stops new runs and asks running ones to stop after the page in hand; nothing is lost, the cursor resumes. */
    pause() {
      paused = true;
      for (const s of slots.values()) {
        schedule(s, 0);
        s.abort?.abort();
      }
      publish();
    },
    resume() {
      paused = false;
      for (const s of slots.values()) if (!s.running) schedule(s, 0);
      publish();
    },
    /** Stops scheduling, asks running jobs to stop after the page in hand, and waits for them to commit. */
    async drain(): Promise<void> {
      started = false;
      draining = true;
      for (const s of slots.values()) {
        if (s.timer) clearTimeout(s.timer);
        s.timer = null;
        s.abort?.abort();
      }
      await Promise.all([...slots.values()].map((s) => s.running).filter(Boolean));
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
