import type { ConnectionTest } from '../../shared/ipc/channels/amazon';
import type { NewStore, Region, Store } from '../../shared/domain/store';
import { AppError } from '../../shared/ipc/errors';
import { amazonApi, type AmazonApi } from '../spapi/amazon-api';
import { SpApiClient, type LwaCredentials, type SpApiClientConfig } from '../spapi/client';
import { SpApiError } from '../spapi/errors';
import type { StoreClients } from '../spapi/store-clients';
import type { StoresService } from './stores.service';

/** Connecting a seller's Amazon account: test LWA credentials, save them sealed with a new store, test a saved store. */
export function createAmazonAccountsService(deps: {
  stores: StoresService;
  storeClients: StoreClients;
  /** Builds a throwaway client for credentials that are not saved yet (same limiter, same endpoint rules). */
  clientConfig: (region: Region, credentials: LwaCredentials) => SpApiClientConfig;
}) {
  async function probe(api: AmazonApi): Promise<ConnectionTest> {
    const started = performance.now();
    try {
      const res = await api.getMarketplaceParticipations();
      return {
        ok: true,
        latencyMs: Math.round(performance.now() - started),
        marketplaceIds: res.payload.filter((p) => p.participation.isParticipating).map((p) => p.marketplace.id),
        storeName: res.payload[0]?.storeName ?? null,
      };
    } catch (err) {
      if (err instanceof SpApiError) return { ok: false, errorKind: err.kind, httpStatus: err.status };
      throw err;
    }
  }

  return {
    async testCredentials(input: LwaCredentials & { region: Region }): Promise<ConnectionTest> {
      const client = new SpApiClient({ ...deps.clientConfig(input.region, input), maxAttempts: 2 });
      try {
        return await probe(amazonApi(client));
      } finally {
        client.close();
      }
    },

    async connect(input: NewStore & LwaCredentials): Promise<Store> {
      const { clientId, clientSecret, refreshToken, ...store } = input;
      return deps.stores.create(store, { credentials: { clientId, clientSecret, refreshToken }, sealCredentials: deps.storeClients.seal });
    },

    async testStore(storeId: number): Promise<ConnectionTest> {
      const api = await deps.storeClients.forStore(storeId);
      if (!api) throw new AppError('not-found', { entity: 'store-credentials', id: storeId });
      return probe(api);
    },
  };
}

export type AmazonAccountsService = ReturnType<typeof createAmazonAccountsService>;
