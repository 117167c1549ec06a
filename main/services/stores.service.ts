import type { Db, Queryable } from '../db/connection';
import { findStoreByName, insertStore, listMarketplaces, listStores } from '../db/repositories/stores.repo';
import { AppError } from '../../shared/ipc/errors';
import type { NewStore, Store } from '../../shared/domain/store';
import type { Clock } from '../clock';
import type { LwaCredentials } from '../spapi/client';
import type { AuditFn } from './audit.service';

export interface StoreExtras {
  isDemo?: boolean;
  /** Saved with the store in one transaction, sealed by the caller's function. */
  credentials?: LwaCredentials;
  sealCredentials?: (trx: Queryable, storeId: number, credentials: LwaCredentials) => Promise<void>;
  actor?: string;
}

export function createStoresService(db: Db, clock: Clock, audit: AuditFn, onChange: () => void) {
  async function create(input: NewStore, extras: StoreExtras = {}): Promise<Store> {
    const marketplaceIds = [...new Set(input.marketplaceIds)];
    const known = new Map((await listMarketplaces(db)).map((m) => [m.id, m]));
    for (const id of marketplaceIds) {
      const m = known.get(id);
      if (!m) throw new AppError('not-found', { entity: 'marketplace', id });
      // One seller account (and one LWA refresh token) covers one SP-API region.
      if (m.region !== input.region) throw new AppError('invalid-input', { field: 'marketplaceIds', reason: 'region-mismatch', id });
    }
    const storeId = await db.transaction(async (trx) => {
      if (await findStoreByName(trx, input.name)) throw new AppError('conflict', { field: 'name' });
      const id = await insertStore(trx, {
        name: input.name,
        sellerId: input.sellerId ?? null,
        region: input.region,
        marketplaceIds,
        isDemo: extras.isDemo ?? false,
        createdAt: clock.now().toISOString(),
      });
      if (extras.credentials && extras.sealCredentials) await extras.sealCredentials(trx, id, extras.credentials);
      await audit(trx, {
        action: 'store.create',
        entity: 'store',
        entityId: String(id),
        detail: { name: input.name, region: input.region, marketplaceIds, isDemo: extras.isDemo ?? false },
        ...(extras.actor ? { actor: extras.actor } : {}),
      });
      return id;
    });
    onChange();
    const created = (await listStores(db)).find((s) => s.id === storeId);
    if (!created) throw new AppError('internal');
    return created;
  }

  return {
    list: () => listStores(db),
    listMarketplaces: () => listMarketplaces(db),
    create,
  };
}

export type StoresService = ReturnType<typeof createStoresService>;
