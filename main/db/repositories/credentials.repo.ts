import type { Queryable } from '../connection';

export interface SealedCredentials {
  storeId: number;
  clientId: string;
  clientSecretEnc: string;
  refreshTokenEnc: string;
  encryption: string;
  updatedAt: string;
}

export async function putCredentials(db: Queryable, c: SealedCredentials): Promise<void> {
  await db('store_credentials')
    .insert({
      store_id: c.storeId,
      client_id: c.clientId,
      client_secret_enc: c.clientSecretEnc,
      refresh_token_enc: c.refreshTokenEnc,
      encryption: c.encryption,
      updated_at: c.updatedAt,
    })
    .onConflict('store_id')
    .merge();
}

export async function getCredentials(db: Queryable, storeId: number): Promise<SealedCredentials | undefined> {
  const r = await db('store_credentials').where({ store_id: storeId }).first();
  if (!r) return undefined;
  return {
    storeId: r.store_id as number,
    clientId: r.client_id as string,
    clientSecretEnc: r.client_secret_enc as string,
    refreshTokenEnc: r.refresh_token_enc as string,
    encryption: r.encryption as string,
    updatedAt: r.updated_at as string,
  };
}
