import type { Db, Queryable } from '../db/connection';
import { getCredentials, putCredentials } from '../db/repositories/credentials.repo';
import { insertSyncCalls, type SyncCallRow } from '../db/repositories/sync-calls.repo';
import { listStores } from '../db/repositories/stores.repo';
import type { Clock } from '../clock';
import { amazonApi, type AmazonApi } from './amazon-api';
import { SpApiClient, type LwaCredentials, type SpApiCallRecord } from './client';
import type { EndpointOverride } from './loopback-agent';
import type { RateLimiter } from './rate-limiter';
import type { SecretBox } from './secret-box';

export interface StoreClientsDeps {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  limiter: RateLimiter;
  /** Where a store's calls go: the demo simulator, a configured loopback endpoint, or (undefined) Amazon itself. */
  endpointFor: (store: { isDemo: boolean }) => EndpointOverride | undefined;
  log?: { error(message: string, detail: Record<string, unknown>): void };
}

/**
 * One SP-API client per store, built from its sealed credentials, sharing the app's rate limiter, and logging every
 * call to `sync_calls`. Secrets are decrypted only here, only when a client is built, and never logged.
 */
export function createStoreClients(deps: StoreClientsDeps) {
  const clients = new Map<number, { client: SpApiClient; api: AmazonApi }>();
  let pending: SyncCallRow[] = [];
  let closed = false;
  let flushing: Promise<void> = Promise.resolve();

  // Call records are batched and written after the fact: logging must never slow or fail the call itself.
  const flush = () => {
    if (pending.length === 0) return flushing;
    const rows = pending;
    pending = [];
    flushing = flushing
      .then(() => insertSyncCalls(deps.db, rows))
      .catch((err: unknown) => deps.log?.error('could not write the sync-call log', { error: err instanceof Error ? err.message : String(err) }));
    return flushing;
  };

  const record = (storeId: number) => (r: SpApiCallRecord) => {
    // A call abandoned by a cancelled job can still finish after shutdown; the database is gone by then.
    if (closed) return;
    pending.push({ ...r, storeId, at: deps.clock.now().toISOString() });
    queueMicrotask(() => void flush());
  };

  async function seal(trx: Queryable, storeId: number, creds: LwaCredentials): Promise<void> {
    await putCredentials(trx, {
      storeId,
      clientId: creds.clientId,
      clientSecretEnc: deps.secretBox.encrypt(creds.clientSecret),
      refreshTokenEnc: deps.secretBox.encrypt(creds.refreshToken),
      encryption: deps.secretBox.kind,
      updatedAt: deps.clock.now().toISOString(),
    });
    clients.get(storeId)?.client.close();
    clients.delete(storeId);
  }

  async function forStore(storeId: number): Promise<AmazonApi | null> {
    return (await entry(storeId))?.api ?? null;
  }

  /** The raw client, for flows built on it (report download, feed upload). */
  async function clientFor(storeId: number): Promise<SpApiClient | null> {
    return (await entry(storeId))?.client ?? null;
  }

  async function entry(storeId: number): Promise<{ client: SpApiClient; api: AmazonApi } | null> {
    const cached = clients.get(storeId);
    if (cached) return cached;
    const store = (await listStores(deps.db)).find((s) => s.id === storeId);
    const sealed = await getCredentials(deps.db, storeId);
    if (!store || !sealed) return null;
    const client = new SpApiClient({
      region: store.region,
      sellingPartner: store.sellerId ?? `store-${store.id}`,
      credentials: {
        clientId: sealed.clientId,
        clientSecret: deps.secretBox.decrypt(sealed.clientSecretEnc),
        refreshToken: deps.secretBox.decrypt(sealed.refreshTokenEnc),
      },
      limiter: deps.limiter,
      endpoint: deps.endpointFor(store),
      onCall: record(storeId),
    });
    const built = { client, api: amazonApi(client) };
    clients.set(storeId, built);
    return built;
  }

  return {
    seal,
    forStore,
    clientFor,
    flush,
    async close() {
      closed = true;
      for (const { client } of clients.values()) client.close();
      clients.clear();
      await flush();
    },
  };
}

export type StoreClients = ReturnType<typeof createStoreClients>;
