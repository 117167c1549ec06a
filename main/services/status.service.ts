import type { AppStatus } from '../../shared/domain/status';
import type { ConnectivityMonitor } from './connectivity';
import type { StoresService } from './stores.service';

/** The status bar's single source: everything here is read from the DB and live monitors, nothing is assumed. */
export function createStatusService(deps: { appVersion: string; stores: StoresService; connectivity: ConnectivityMonitor }) {
  async function get(): Promise<AppStatus> {
    const stores = await deps.stores.list();
    const first = stores[0];
    return {
      appVersion: deps.appVersion,
      store: first ? { id: first.id, name: first.name, region: first.region, marketplaceCount: first.marketplaceIds.length, isDemo: first.isDemo } : null,
      demo: stores.some((s) => s.isDemo),
      storeCount: stores.length,
      network: deps.connectivity.snapshot(),
      // No sync job has run before the sync engine exists; 'never' is the truth, not a placeholder.
      sync: { state: 'never', lastSuccessAt: null },
    };
  }
  return { get };
}

export type StatusService = ReturnType<typeof createStatusService>;
