import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../main/simulator/server';
import { listSyncCalls } from '../../main/db/repositories/sync-calls.repo';
import { snapshotDb, tempCore, tempDir } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => undefined);
});

async function demoCore(dataDir: string) {
  const core = await tempCore({ dataDir, demo: { enabled: true, timeScale: 10 } });
  cores.push(core);
  await core.start();
  return core;
}

describe('demo mode: the embedded default', () => {
  it('creates demo stores once, seals their credentials, talks SP-API to the simulator and logs each call', async () => {
    const dataDir = tempDir();
    const core = await demoCore(dataDir);
    // The demo's background sync (months of orders and money) is not what this test is about: stop it so the
    // whole-file checks read a quiet database and the last logged call is the connection test's.
    await core.scheduler.drain();
    const stores = await core.stores.list();
    expect(stores.map((s) => [s.name, s.region, s.isDemo])).toEqual([
      ['演示店铺 Demo · NA', 'na', true],
      ['演示店铺 Demo · EU', 'eu', true],
      ['演示店铺 Demo · JP', 'fe', true],
    ]);
    expect((await core.status.get()).demo).toBe(true);
    const dump = JSON.stringify(await snapshotDb(core));
    expect(dump).not.toContain(DEMO_ACCOUNT.refreshToken);
    expect(dump).not.toContain(DEMO_ACCOUNT.clientSecret);
    // The demo's stores are created by the app itself, not by the person at the keyboard (orders it syncs and audits follow).
    const storeAudits = await core.db('audit_log').where({ entity: 'store', action: 'store.create' }).orderBy('id').select('action', 'actor');
    expect(storeAudits).toEqual(Array(3).fill({ action: 'store.create', actor: 'system:demo' }));

    const test = await core.amazonAccounts.testStore(stores[1]!.id);
    expect(test).toMatchObject({ ok: true, marketplaceIds: expect.arrayContaining(['A1PA6795UKMFR9']) });
    await core.storeClients.flush();
    const [call] = await listSyncCalls(core.db, 10);
    expect(call).toMatchObject({ storeId: stores[1]!.id, operation: 'getMarketplaceParticipations', httpStatus: 200, retries: 0, errorKind: null });
    expect(call!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(await snapshotDb(core))).not.toMatch(/Atz[ar]\|/);
    await core.close();

    // A restart finds the same stores, decrypts the sealed credentials with the key file and connects again.
    const again = await demoCore(dataDir);
    expect((await again.stores.list()).length).toBe(3);
    expect(await again.amazonAccounts.testStore(stores[0]!.id)).toMatchObject({ ok: true });
  });

  it('does not start the simulator for a seller with only real stores', async () => {
    const core = await tempCore({ demo: { enabled: true } });
    cores.push(core);
    await core.stores.create({ name: 'Real US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
    await core.start();
    expect(core.simulator()).toBeNull();
    expect((await core.stores.list()).map((s) => s.name)).toEqual(['Real US']);
    expect((await core.status.get()).demo).toBe(false);
  });

  it('reports a store without saved credentials as a typed not-found', async () => {
    const core = await tempCore();
    cores.push(core);
    const store = await core.stores.create({ name: 'No creds', region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] });
    await expect(core.amazonAccounts.testStore(store.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
