import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { SpOrder } from '../../main/spapi/schemas/orders';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import type { Store } from '../../shared/domain/store';
import type { OrderDetail, OrderListRow, OrdersListInput } from '../../shared/ipc/channels/orders-list';
import { snapshotDb, tempCore } from '../support/temp-core';

type TestCore = Awaited<ReturnType<typeof tempCore>>;

/** Friday 20 Nov 2026, 08:30 UTC: 00:30 in Los Angeles, 09:30 in Berlin, 17:30 in Tokyo. */
const NOW = new Date('2026-11-20T08:30:00.000Z');
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const H = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * H).toISOString();

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

interface Spec {
  id: string;
  mp?: string;
  status?: 'UNSHIPPED' | 'SHIPPED' | 'CANCELLED';
  fba?: boolean;
  createdH: number;
  shipByH?: number | null;
  items?: { sku: string; asin: string; qty: number; title?: string }[];
  total?: [string, string];
  buyer?: string;
  recipient?: string;
  city?: string;
  updatedH?: number;
}

function spOrder(s: Spec): SpOrder {
  const mp = s.mp ?? US;
  const country = mp === US ? 'US' : mp === DE ? 'DE' : 'JP';
  const [amount, currency] = s.total ?? ['19.99', mp === US ? 'USD' : mp === DE ? 'EUR' : 'JPY'];
  return {
    orderId: s.id,
    createdTime: at(s.createdH),
    lastUpdatedTime: at(s.updatedH ?? s.createdH),
    salesChannel: { channelName: 'AMAZON', marketplaceId: mp },
    ...(s.buyer ? { buyer: { buyerName: s.buyer, buyerEmail: 'x@marketplace.amazon.com' } } : {}),
    ...(s.recipient ? { recipient: { deliveryAddress: { name: s.recipient, city: s.city ?? 'Seattle', countryCode: country, postalCode: '98101', addressLine1: '1 Main St' } } } : {}),
    proceeds: { grandTotal: { amount, currencyCode: currency } },
    fulfillment: {
      fulfillmentStatus: s.status ?? 'UNSHIPPED',
      fulfilledBy: s.fba ? 'AMAZON' : 'MERCHANT',
      ...(s.shipByH === null ? {} : { shipByWindow: { latestDateTime: at(s.shipByH ?? 24) } }),
    },
    orderItems: (s.items ?? [{ sku: `SKU-${s.id.slice(-3)}`, asin: 'B0DEFAULT1', qty: 1 }]).map((i, n) => ({
      orderItemId: `${s.id.replace(/-/g, '')}${n}`,
      quantityOrdered: i.qty,
      product: { sellerSku: i.sku, asin: i.asin, title: i.title ?? `Title of ${i.sku}`, price: { unitPrice: { amount, currencyCode: currency } } },
    })),
  } as SpOrder;
}

/** Orders as the orders job stores them (sealed PII, name hashes in the same transaction). */
async function put(c: TestCore, store: Store, orders: Spec[]) {
  await c.db.transaction((trx) => storeOrderPage({ clock: { now: () => new Date(NOW) }, store, secretBox: c.secretBox }, trx, orders.map(spOrder)));
}

async function workflow(c: TestCore, orderId: string, state: string) {
  await c.db('order_workflow').insert({ order_id: orderId, state, version: 1, state_changed_at: NOW.toISOString(), updated_at: NOW.toISOString() });
}

async function exception(c: TestCore, orderId: string, code: string, resolved = false) {
  await c.db('order_exceptions').insert({
    order_id: orderId,
    reason_code: code,
    params_json: JSON.stringify({ threshold: 50000, currency: 'USD' }),
    raised_at: NOW.toISOString(),
    resolved_at: resolved ? NOW.toISOString() : null,
    resolved_by: resolved ? 'tester' : null,
    resolution: resolved ? 'overridden' : null,
  });
}

async function list(c: TestCore, input: OrdersListInput = {}): Promise<{ rows: OrderListRow[]; total: number }> {
  const r = await dispatch(c, 'orders:list', input);
  if (!r.ok) throw new Error(`orders:list failed: ${JSON.stringify(r.error)}`);
  return r.value as { rows: OrderListRow[]; total: number };
}
const ids = (r: { rows: OrderListRow[] }) => r.rows.map((x) => x.id);

/**
 * A small seller day: US, DE and JP orders at every stage, FBA among them, two with open exceptions (one of them also
 * with a resolved one), one shipped here whose tracking has not reached Amazon yet.
 */
async function setup() {
  core = await tempCore({ clock: { now: () => new Date(NOW) }, sync: { autoStart: false }, demo: { enabled: false } });
  const na = await core.stores.create({ name: 'Shenzhen Gadgets NA', region: 'na', marketplaceIds: [US] });
  const eu = await core.stores.create({ name: 'Yiwu Home EU', region: 'eu', marketplaceIds: [DE] });
  const jp = await core.stores.create({ name: 'Tokyo Direct', region: 'fe', marketplaceIds: [JP] });
  await put(core, na, [
    // Overdue by 2 h, never seen by the workflow: counts as new.
    { id: '111-0000001-0000001', createdH: -30, shipByH: -2, buyer: 'Anna Müller', recipient: 'Anna Müller', items: [{ sku: 'MUG-WHITE-350', asin: 'B0MUG00001', qty: 2 }, { sku: 'LID-01', asin: 'B0LID00001', qty: 1 }], total: ['31.50', 'USD'] },
    // Due in 5 h; audited.
    { id: '111-0000001-0000002', createdH: -20, shipByH: 5, buyer: 'John Smith', recipient: 'Mary Smith', items: [{ sku: 'BOTTLE-500', asin: 'B0BOTTLE01', qty: 1 }], total: ['12.00', 'USD'] },
    // Due at 20:00 UTC today = 12:00 in Los Angeles, i.e. within the US day; in exception.
    { id: '111-0000001-0000003', createdH: -10, shipByH: 11.5, buyer: 'Zoë Brown', recipient: 'Zoë Brown', items: [{ sku: 'lamp-led-01', asin: 'B0LAMP0001', qty: 1 }], total: ['89.00', 'USD'] },
    // Due in 40 h; packed here, shipped here (tracking queued), Amazon still says unshipped.
    { id: '111-0000001-0000004', createdH: -5, shipByH: 40, buyer: 'Peter Parker', recipient: 'Peter Parker', total: ['5.00', 'USD'] },
    // FBA: no ship-by clock of ours.
    { id: '111-0000001-0000005', createdH: -3, shipByH: 10, fba: true, buyer: 'Bruce Wayne', recipient: 'Bruce Wayne', total: ['45.00', 'USD'] },
    // Shipped long ago: PII due for purge.
    { id: '111-0000001-0000006', createdH: -24 * 50, updatedH: -24 * 45, status: 'SHIPPED', shipByH: -24 * 48, buyer: 'Old Customer', recipient: 'Old Customer', total: ['9.00', 'USD'] },
    // Cancelled; no ship-by.
    { id: '111-0000001-0000007', createdH: -2, shipByH: null, status: 'CANCELLED', buyer: 'Clara Oswald', total: ['19.00', 'USD'] },
  ]);
  await put(core, eu, [
    // Due 22:00 UTC = 23:00 Berlin: still today in Germany.
    { id: '302-0000002-0000001', mp: DE, createdH: -8, shipByH: 13.5, buyer: 'Jürgen Weiß', recipient: 'Jürgen Weiß', city: 'Köln', items: [{ sku: 'MUG-BLACK-350', asin: 'B0MUG00002', qty: 3 }], total: ['24.90', 'EUR'] },
  ]);
  await put(core, jp, [
    // Due 20:00 UTC = 05:00 Saturday in Tokyo: not today in Japan, though within 24 h.
    { id: '249-0000003-0000001', mp: JP, createdH: -6, shipByH: 11.5, buyer: '山田 太郎', recipient: '山田 太郎', city: '東京都', items: [{ sku: 'JP-TEA-CUP', asin: 'B0CUPJP001', qty: 4 }], total: ['3980', 'JPY'] },
  ]);
  await workflow(core, '111-0000001-0000002', 'audited');
  await workflow(core, '111-0000001-0000003', 'exception');
  await workflow(core, '111-0000001-0000004', 'packed');
  await workflow(core, '302-0000002-0000001', 'allocated');
  await exception(core, '111-0000001-0000003', 'high-value');
  await exception(core, '111-0000001-0000003', 'address-incomplete', true);
  await exception(core, '302-0000002-0000001', 'sku-unmapped');
  await core.shipments.confirm({ orderId: '111-0000001-0000004', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: at(-1) });
  return { core, na, eu, jp };
}

describe('orders list (the Orders screen grid)', () => {
  it('sorts by urgency (open FBM orders by ship-by, then the rest latest first, no deadline last) and pages without overlap; rows carry no buyer names', async () => {
    const { core } = await setup();
    const all = await list(core);
    expect(all.total).toBe(9);
    expect(ids(all)).toEqual([
      '111-0000001-0000001', // overdue
      '111-0000001-0000002',
      '111-0000001-0000003', // same ship-by as the JP order: the id decides
      '249-0000003-0000001',
      '302-0000002-0000001',
      '111-0000001-0000004',
      '111-0000001-0000005', // FBA: not ours to ship
      '111-0000001-0000006', // shipped 48 days ago
      '111-0000001-0000007', // cancelled, no ship-by
    ]);
    for (const limit of [1, 2, 4, 5]) {
      const pages = [];
      for (let offset = 0; offset < 9; offset += limit) pages.push(...ids(await list(core, { limit, offset })));
      expect(pages, `pages of ${limit}`).toEqual(ids(all));
    }
    for (const offset of [6, 8, 9]) expect(ids(await list(core, { limit: 3, offset }))).toEqual(ids(all).slice(offset, offset + 3));

    const overdue = all.rows.find((r) => r.id === '111-0000001-0000001')!;
    expect(overdue).toMatchObject({
      storeName: 'Shenzhen Gadgets NA',
      marketplaceId: US,
      timeZone: 'America/Los_Angeles',
      amazonStatus: 'UNSHIPPED',
      workflowState: 'new',
      fulfilledBy: 'MERCHANT',
      shipByLatest: at(-2),
      awaitingShipment: true,
      trackingDueBy: null,
      lineCount: 2,
      unitCount: 3,
      firstSku: 'MUG-WHITE-350',
      totalMinor: 3150,
      currency: 'USD',
      exceptionCodes: [],
    });
    // Shipped here, tracking still queued for Amazon: 24 h from the ship date to get it there.
    expect(all.rows.find((r) => r.id === '111-0000001-0000004')).toMatchObject({ workflowState: 'packed', awaitingShipment: true, trackingDueBy: at(23) });
    expect(all.rows.find((r) => r.id === '249-0000003-0000001')).toMatchObject({ timeZone: 'Asia/Tokyo', totalMinor: 3980, currency: 'JPY' });
    expect(all.rows.find((r) => r.id === '111-0000001-0000005')).toMatchObject({ workflowState: null, awaitingShipment: false });

    const text = JSON.stringify(all);
    for (const name of ['Anna', 'Müller', 'Smith', 'Jürgen', '山田', 'Seattle', 'Köln']) expect(text).not.toContain(name);

    expect(ids(await list(core, { sort: 'ship-by', dir: 'desc', limit: 2 }))).toEqual(['111-0000001-0000004', '302-0000002-0000001']);
    expect(ids(await list(core, { sort: 'created', dir: 'desc', limit: 3 }))).toEqual(['111-0000001-0000007', '111-0000001-0000005', '111-0000001-0000004']);
    // Totals compare within a currency: EUR, then JPY, then USD by amount.
    expect(ids(await list(core, { sort: 'total', dir: 'asc', limit: 4 }))).toEqual(['302-0000002-0000001', '249-0000003-0000001', '111-0000001-0000004', '111-0000001-0000006']);
  });

  it('filters by workflow state, Amazon status, store, marketplace, FBA, open exceptions and ship-by in each marketplace’s day', async () => {
    const { core, eu } = await setup();
    expect(ids(await list(core, { status: 'new' }))).toEqual(['111-0000001-0000001', '249-0000003-0000001']);
    expect(ids(await list(core, { status: 'exception' }))).toEqual(['111-0000001-0000003']);
    expect(ids(await list(core, { status: 'SHIPPED' }))).toEqual(['111-0000001-0000006']);
    expect(ids(await list(core, { storeId: eu.id }))).toEqual(['302-0000002-0000001']);
    expect(ids(await list(core, { marketplaceIds: [JP, DE] }))).toEqual(['249-0000003-0000001', '302-0000002-0000001']);
    expect(ids(await list(core, { fulfilledBy: 'AMAZON' }))).toEqual(['111-0000001-0000005']);

    // The resolved exception does not count; the open ones show their codes.
    const ex = await list(core, { exceptionsOnly: true });
    expect(ex.rows.map((r) => [r.id, r.exceptionCodes])).toEqual([
      ['111-0000001-0000003', ['high-value']],
      ['302-0000002-0000001', ['sku-unmapped']],
    ]);

    // Only unshipped FBM orders run against the clock: not the FBA one, the shipped one or the cancelled one.
    expect(ids(await list(core, { shipBy: 'overdue' }))).toEqual(['111-0000001-0000001']);
    expect(ids(await list(core, { shipBy: '24h' }))).toEqual(['111-0000001-0000001', '111-0000001-0000002', '111-0000001-0000003', '249-0000003-0000001', '302-0000002-0000001']);
    expect(ids(await list(core, { shipBy: '48h' })).length).toBe(6);
    // 20:00 UTC is still Friday in Los Angeles and 22:00 UTC still Friday in Berlin, but 20:00 UTC is Saturday in Tokyo.
    expect(ids(await list(core, { shipBy: 'today' }))).toEqual(['111-0000001-0000001', '111-0000001-0000002', '111-0000001-0000003', '302-0000002-0000001']);
    expect(ids(await list(core, { shipBy: 'today', marketplaceIds: [JP] }))).toEqual([]);
    // Filters combine.
    expect(ids(await list(core, { shipBy: '24h', status: 'new', marketplaceIds: [US] }))).toEqual(['111-0000001-0000001']);

    // The chips' counts agree with what each chip lists.
    const counts = await dispatch(core, 'orders:counts', {});
    expect(counts).toEqual({
      ok: true,
      value: { all: 9, byState: { new: 2, audited: 1, exception: 1, packed: 1, allocated: 1 }, exceptions: 2, overdue: 1, due24h: 5, fba: 1 },
    });
    const usCounts = await dispatch(core, 'orders:counts', { marketplaceIds: [US], search: 'mug' });
    expect(usCounts).toMatchObject({ ok: true, value: { all: 1, byState: { new: 1 }, overdue: 1 } });
  });

  it('finds orders by order id, SKU, ASIN and buyer or recipient name through a keyed index that holds no clear text', async () => {
    const { core, na } = await setup();
    const find = async (search: string) => ids(await list(core, { search, sort: 'created', dir: 'asc' }));
    expect(await find('111-0000001-0000002')).toEqual(['111-0000001-0000002']);
    expect(await find('302-')).toEqual(['302-0000002-0000001']);
    expect(await find('mug-')).toEqual(['111-0000001-0000001', '302-0000002-0000001']);
    expect(await find('LAMP-LED')).toEqual(['111-0000001-0000003']);
    expect(await find('b0cupjp001')).toEqual(['249-0000003-0000001']);
    expect(await find('B0LID00001')).toEqual(['111-0000001-0000001']);
    // Names: any case, accents and ß folded, the buyer or the recipient, all the words typed.
    expect(await find('muller')).toEqual(['111-0000001-0000001']);
    expect(await find('SMITH')).toEqual(['111-0000001-0000002']);
    expect(await find('mary smith')).toEqual(['111-0000001-0000002']);
    expect(await find('mary parker')).toEqual([]);
    expect(await find('juergen')).toEqual([]);
    expect(await find('jurgen weiss')).toEqual(['302-0000002-0000001']);
    expect(await find('Jürgen Weiß')).toEqual(['302-0000002-0000001']);
    expect(await find('山田太郎')).toEqual(['249-0000003-0000001']);
    expect(await find('太郎')).toEqual(['249-0000003-0000001']);
    expect(await find('nobody')).toEqual([]);

    // What the index stores: 128-bit hex hashes only; no name appears anywhere in the database files.
    const tokens = await core.db('order_search_tokens').select('order_id', 'token_hash');
    expect(tokens.length).toBeGreaterThan(20);
    for (const t of tokens) expect(t.token_hash).toMatch(/^[0-9a-f]{32}$/);
    await core.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(core.dataDir).filter((f) => f.startsWith('erp.sqlite')).map((f) => fs.readFileSync(path.join(core!.dataDir, f)));
    const bytes = Buffer.concat(files);
    for (const name of ['Müller', 'muller', 'Smith', 'smith', 'Parker', 'Weiß', '山田', '太郎']) expect(bytes.includes(Buffer.from(name, 'utf8')), name).toBe(false);

    // A later copy of an order from Amazon replaces its names: the old recipient no longer finds it.
    await put(core, na, [{ id: '111-0000001-0000002', createdH: -20, updatedH: 0, shipByH: 5, buyer: 'John Smith', recipient: 'Lee Chen' }]);
    expect(await find('mary')).toEqual([]);
    expect(await find('lee chen')).toEqual(['111-0000001-0000002']);

    // The purge takes the hashes with the PII; other orders stay findable.
    expect(await find('old customer')).toEqual(['111-0000001-0000006']);
    expect(await core.piiPurge.runOnce()).toBe(1);
    expect(await core.db('order_search_tokens').where({ order_id: '111-0000001-0000006' }).count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await find('old customer')).toEqual([]);
    expect(await find('muller')).toEqual(['111-0000001-0000001']);
  });

  it('indexes orders stored before the index existed, once, at start-up', async () => {
    const { core } = await setup();
    // As an older version left them: sealed PII, no hashes, no marker.
    await core.db('order_search_tokens').delete();
    await core.db('settings').where({ key: 'orders.searchIndexBuilt' }).delete();
    expect(ids(await list(core, { search: 'weiß' }))).toEqual([]);
    expect(await core.orders.indexExistingOrders()).toBe(9);
    expect(ids(await list(core, { search: 'weiß' }))).toEqual(['302-0000002-0000001']);
    // Done once per key: a restart does not unseal every order again.
    expect(await core.orders.indexExistingOrders()).toBe(0);
  });

  it('opens one order: items, packages, history, workflow, exceptions, and the recipient only while the order is open', async () => {
    const { core } = await setup();
    const get = async (id: string) => {
      const r = await dispatch(core, 'orders:get', { id });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value as OrderDetail;
    };
    const open = await get('302-0000002-0000001');
    expect(open).toMatchObject({
      id: '302-0000002-0000001',
      timeZone: 'Europe/Berlin',
      workflowState: 'allocated',
      recipient: { name: 'Jürgen Weiß', city: 'Köln', countryCode: 'DE' },
      recipientHidden: null,
      items: [{ sku: 'MUG-BLACK-350', asin: 'B0MUG00002', quantityOrdered: 3, quantityShipped: 0, unitPriceMinor: 2490, currency: 'EUR' }],
      history: [{ from: null, to: 'UNSHIPPED', changedAt: at(-8) }],
      workflow: { state: 'allocated', version: 1, warehouseCode: null, waveNumber: null },
      exceptions: [{ code: 'sku-unmapped', params: { threshold: 50000, currency: 'USD' }, resolvedAt: null }],
    });
    // No buyer e-mail or address lines, even on the detail.
    expect(JSON.stringify(open)).not.toContain('marketplace.amazon.com');
    expect(JSON.stringify(open)).not.toContain('Main St');

    const shippedHere = await get('111-0000001-0000004');
    expect(shippedHere.packages).toEqual([{ source: 'local', packageReferenceId: '1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: at(-1), uploadStatus: 'pending' }]);
    expect(shippedHere).toMatchObject({ recipient: { name: 'Peter Parker' }, trackingDueBy: at(23) });
    // Workflow shipped: the packer is done with the name.
    await core.db('order_workflow').where({ order_id: '111-0000001-0000004' }).update({ state: 'shipped' });
    expect(await get('111-0000001-0000004')).toMatchObject({ recipient: null, recipientHidden: 'closed' });
    expect(await get('111-0000001-0000006')).toMatchObject({ recipient: null, recipientHidden: 'closed' });
    await core.piiPurge.runOnce();
    expect(await get('111-0000001-0000006')).toMatchObject({ recipient: null, recipientHidden: 'purged' });
    expect(await get('111-0000001-0000007')).toMatchObject({ recipientHidden: 'closed' });
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    const { core } = await setup();
    const before = await snapshotDb(core);
    for (const bad of [{ limit: 0 }, { limit: 501 }, { offset: -1 }, { status: 'lost' }, { shipBy: 'tomorrow' }, { sort: 'buyer' }, { marketplaceIds: ['nope'] }, { extra: 1 }, { search: 'x'.repeat(101) }]) {
      const r = await dispatch(core, 'orders:list', bad);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(bad)).toBe('invalid-input');
    }
    const missing = await dispatch(core, 'orders:get', { id: '111-9999999-9999999' });
    expect(missing).toEqual({ ok: false, error: { code: 'not-found', params: { entity: 'order', id: '111-9999999-9999999' } } });
    expect((await dispatch(core, 'orders:get', { id: '' })).ok).toBe(false);
    expect(await snapshotDb(core)).toEqual(before);
  });
});
