import type { Db } from '../db/connection';
import { findStoreByName, insertStore, listMarketplaces, listStores } from '../db/repositories/stores.repo';
import { AppError } from '../../shared/ipc/errors';
import type { NewStore, Store } from '../../shared/domain/store';
import type { Clock } from '../clock';
import type { AuditFn } from './audit.service';

export function createStoresService(db: Db, clock: Clock, audit: AuditFn, onChange: () => void) {
  async function create(input: NewStore): Promise<Store> {
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
        createdAt: clock.now().toISOString(),
      });
      await audit(trx, { action: 'store.create', entity: 'store', entityId: String(id), detail: { name: input.name, region: input.region, marketplaceIds } });
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
