import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { MAX_SHORT_TEXT } from '../../shared/ipc/limits';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;
let core: TestCore;

const validStore = { name: 'Anker 旗舰店', region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] };

beforeEach(async () => {
  core = await tempCore();
  // Some state to protect: a store, a preference and their audit rows.
  await dispatch(core, 'stores:create', validStore);
  await dispatch(core, 'settings:update-preferences', { locale: 'en' });
});
afterEach(() => core.dispose());

describe('dispatch refuses malformed calls with a typed error and changes nothing', () => {
  const cases: [string, unknown, unknown, string][] = [
    ['unknown channel', 'stores:drop', {}, 'unknown-channel'],
    ['channel that is not a string', 42, {}, 'unknown-channel'],
    ['prototype key as channel', '__proto__', {}, 'unknown-channel'],
    ['wrong type', 'stores:create', { ...validStore, name: 123 }, 'invalid-input'],
    ['missing field', 'stores:create', { name: 'x', region: 'eu' }, 'invalid-input'],
    ['extra field', 'stores:create', { ...validStore, name: 'Other', isAdmin: true }, 'invalid-input'],
    ['extra field on an empty input', 'system:status', { drop: 'tables' }, 'invalid-input'],
    ['oversized string', 'stores:create', { ...validStore, name: 'x'.repeat(MAX_SHORT_TEXT + 1) }, 'invalid-input'],
    ['oversized array', 'stores:create', { ...validStore, name: 'Other', marketplaceIds: Array(26).fill('A1PA6795UKMFR9') }, 'invalid-input'],
    ['malformed marketplace id', 'stores:create', { ...validStore, name: 'Other', marketplaceIds: ["A1'; DROP TABLE stores;--"] }, 'invalid-input'],
    ['blank name', 'stores:create', { ...validStore, name: '   ' }, 'invalid-input'],
    ['input that is not an object', 'stores:create', 'name=x', 'invalid-input'],
    ['null input', 'settings:update-preferences', null, 'invalid-input'],
    ['unsupported locale', 'settings:update-preferences', { locale: 'fr' }, 'invalid-input'],
    ['limit out of range', 'audit:list', { limit: 1_000_000 }, 'invalid-input'],
    ['unknown marketplace', 'stores:create', { ...validStore, name: 'Other', marketplaceIds: ['A9ZZZZZZZZZZZZ'] }, 'not-found'],
    ['marketplace of another region', 'stores:create', { ...validStore, name: 'Other', region: 'na' }, 'invalid-input'],
    ['duplicate store name', 'stores:create', validStore, 'conflict'],
  ];

  it.each(cases)('%s', async (_label, channel, input, code) => {
    const before = await snapshotDb(core);
    const result = await dispatch(core, channel, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await snapshotDb(core)).toEqual(before);
  });

  it('names the offending fields so the UI can point at them', async () => {
    const result = await dispatch(core, 'stores:create', { name: '', region: 'mars', marketplaceIds: [] });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-input', params: { channel: 'stores:create', fields: ['name', 'region', 'marketplaceIds'] } } });
  });

  it('turns a failing handler into internal without leaking the message', async () => {
    await core.db.schema.dropTable('audit_log');
    const result = await dispatch(core, 'stores:create', { ...validStore, name: 'Third' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', params: { channel: 'stores:create' } } });
    // The store insert and its audit row share one transaction: without the audit table, no store either.
    expect((await core.stores.list()).map((s) => s.name)).toEqual(['Anker 旗舰店']);
  });
});

describe('dispatch serves valid calls', () => {
  it('creates a store, keeps text byte-exact, and records who did it', async () => {
    const name = '東京ストア Müller 🚚';
    const result = await dispatch(core, 'stores:create', { name, region: 'fe', marketplaceIds: ['A1VC38T7YXB528', 'A1VC38T7YXB528'] });
    expect(result).toMatchObject({ ok: true, value: { name, region: 'fe', marketplaceIds: ['A1VC38T7YXB528'] } });
    const audit = await dispatch(core, 'audit:list', { limit: 1 });
    expect(audit).toMatchObject({ ok: true, value: [{ actor: 'tester', action: 'store.create', entity: 'store', detail: { name } }] });
  });

  it('reports status from the database', async () => {
    const result = await dispatch(core, 'system:status', undefined);
    expect(result).toMatchObject({
      ok: true,
      value: { appVersion: 'test', store: { name: 'Anker 旗舰店', region: 'eu', marketplaceCount: 1 }, storeCount: 1, sync: { state: 'never' } },
    });
  });

  it('does not audit a preference that did not change', async () => {
    const before = (await core.audit.list(100)).length;
    await dispatch(core, 'settings:update-preferences', { locale: 'en' });
    expect((await core.audit.list(100)).length).toBe(before);
    await dispatch(core, 'settings:update-preferences', { locale: null });
    expect(await dispatch(core, 'settings:get-preferences', {})).toEqual({ ok: true, value: { locale: null } });
    expect((await core.audit.list(100)).length).toBe(before + 1);
  });
});
