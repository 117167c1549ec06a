import type { Marketplace, Region, Store } from '../../../shared/domain/store';
import type { Queryable } from '../connection';

interface StoreRow {
  id: number;
  name: string;
  seller_id: string | null;
  region: Region;
  is_demo: number | boolean;
  created_at: string;
}

interface MarketplaceRow {
  id: string;
  country_code: string;
  region: Region;
  currency: string;
  time_zone: string;
  domain: string;
}

export async function listStores(db: Queryable): Promise<Store[]> {
  const rows = await db<StoreRow>('stores').orderBy('id');
  const links = await db('store_marketplaces').select<{ store_id: number; marketplace_id: string }[]>('store_id', 'marketplace_id').orderBy(['store_id', 'marketplace_id']);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    sellerId: r.seller_id,
    region: r.region,
    isDemo: Boolean(r.is_demo),
    createdAt: r.created_at,
    marketplaceIds: links.filter((l) => l.store_id === r.id).map((l) => l.marketplace_id),
  }));
}

export async function findStoreByName(db: Queryable, name: string): Promise<{ id: number } | undefined> {
  return db('stores').where({ name }).first<{ id: number } | undefined>('id');
}

export async function insertStore(
  db: Queryable,
  store: { name: string; sellerId: string | null; region: Region; marketplaceIds: string[]; isDemo: boolean; createdAt: string },
): Promise<number> {
  const [id] = await db('stores').insert(
    { name: store.name, seller_id: store.sellerId, region: store.region, is_demo: store.isDemo, created_at: store.createdAt },
    ['id'],
  );
  const storeId = typeof id === 'object' ? (id as { id: number }).id : (id as number);
  await db('store_marketplaces').insert(store.marketplaceIds.map((m) => ({ store_id: storeId, marketplace_id: m })));
  return storeId;
}

export async function listMarketplaces(db: Queryable): Promise<Marketplace[]> {
  const rows = await db<MarketplaceRow>('marketplaces').orderBy(['region', 'country_code']);
  return rows.map((r) => ({
    id: r.id,
    countryCode: r.country_code,
    region: r.region,
    currency: r.currency,
    timeZone: r.time_zone,
    domain: r.domain,
  }));
}
