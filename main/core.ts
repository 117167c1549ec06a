import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrations';
import { listAudit } from './db/repositories/audit.repo';
import { systemClock, type Clock } from './clock';
import { EventBus } from './events';
import { createAudit, type Actor } from './services/audit.service';
import { createConnectivityMonitor, DEFAULT_PROBE_TARGET, type ProbeTarget } from './services/connectivity';
import { createSettingsService } from './services/settings.service';
import { createStatusService } from './services/status.service';
import { createStoresService } from './services/stores.service';

export interface CoreConfig {
  /** Folder that holds the SQLite file (the app's userData in Electron). */
  dataDir: string;
  appVersion: string;
  actor: Actor;
  clock?: Clock;
  probe?: { target: ProbeTarget; intervalMs: number; timeoutMs?: number };
}

export const DB_FILE_NAME = 'erp.sqlite';

/** Builds the whole app minus Electron: the same object serves the window, the CLI and the e2e harness. */
export async function createCore(config: CoreConfig) {
  const clock = config.clock ?? systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const dbPath = path.join(config.dataDir, DB_FILE_NAME);
  const db: Db = openDatabase(dbPath);
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }

  const events = new EventBus();
  const audit = createAudit(config.actor, clock);
  // Called only after start-up (a probe result, a created store), when `status` below exists.
  const publishStatus = () => {
    void status.get().then((s) => events.emit('system:status-changed', s), () => undefined);
  };

  const connectivity = createConnectivityMonitor({
    target: config.probe?.target ?? DEFAULT_PROBE_TARGET,
    intervalMs: config.probe?.intervalMs ?? 30_000,
    timeoutMs: config.probe?.timeoutMs,
    clock,
    onChange: publishStatus,
  });
  const settings = createSettingsService(db, clock, audit);
  const stores = createStoresService(db, clock, audit, publishStatus);
  const status = createStatusService({ appVersion: config.appVersion, stores, connectivity });

  return {
    dbPath,
    db,
    events,
    settings,
    stores,
    status,
    connectivity,
    audit: { list: (limit: number, beforeId?: number) => listAudit(db, limit, beforeId) },
    /** Starts background work (connectivity probe now; the sync scheduler later). Tests and one-shot CLI commands skip it. */
    start() {
      connectivity.start();
    },
    async close() {
      connectivity.stop();
      await connectivity.settled();
      await db.destroy();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
