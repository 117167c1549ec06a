import type { AppStatus, SyncState } from '../../shared/domain/status';
import type { SyncStatus } from '../../shared/domain/sync';
import type { ConnectivityMonitor } from './connectivity';
import type { StoresService } from './stores.service';

/** The status bar's single source: everything here is read from the DB and live monitors, nothing is assumed. */
/** One word for the status bar: running beats paused beats error beats idle; never until something succeeded. */
function overallSync(s: SyncStatus): { state: SyncState; lastSuccessAt: string | null } {
  const successes = s.jobs.map((j) => j.lastSuccessAt).filter((t): t is string => t !== null).sort();
  // The oldest "last success" is the honest figure: it is how stale the least fresh data is.
  const lastSuccessAt = successes.length === s.jobs.length ? (successes[0] ?? null) : null;
  if (s.jobs.some((j) => j.state === 'running')) return { state: 'running', lastSuccessAt };
  if (s.paused) return { state: 'paused', lastSuccessAt };
  if (s.jobs.some((j) => j.state === 'error')) return { state: 'error', lastSuccessAt };
  if (successes.length > 0) return { state: 'idle', lastSuccessAt };
  return { state: 'never', lastSuccessAt: null };
}

export function createStatusService(deps: {
  appVersion: string;
  stores: StoresService;
  connectivity: ConnectivityMonitor;
  sync: () => SyncStatus;
  outbox: () => Promise<{ byStore: Record<number, { pending: number; inFlight: number; dead: number; done: number }> }>;
}) {
  async function get(): Promise<AppStatus> {
    const [stores, queue] = await Promise.all([deps.stores.list(), deps.outbox()]);
    const perStore = Object.values(queue.byStore);
    const first = stores[0];
    return {
      appVersion: deps.appVersion,
      store: first ? { id: first.id, name: first.name, region: first.region, marketplaceCount: first.marketplaceIds.length, isDemo: first.isDemo } : null,
      demo: stores.some((s) => s.isDemo),
      storeCount: stores.length,
      network: deps.connectivity.snapshot(),
      sync: overallSync(deps.sync()),
      outbox: { pending: perStore.reduce((n, s) => n + s.pending + s.inFlight, 0), dead: perStore.reduce((n, s) => n + s.dead, 0) },
    };
  }
  return { get };
}

export type StatusService = ReturnType<typeof createStatusService>;
