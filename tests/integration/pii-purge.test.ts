import { afterEach, describe, expect, it } from 'vitest';
import { SimStore } from '../../main/simulator/store';
import { storeOrderPage } from '../../main/sync/jobs/orders.job';
import { unsealPii } from '../../main/sync/jobs/order-mapping';
import { createPiiPurge } from '../../main/sync/pii-purge';
import type { SpOrder } from '../../main/spapi/schemas/orders';
import { tempCore } from '../support/temp-core';

let core: Awaited<ReturnType<typeof tempCore>> | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('buyer data retention (Amazon Data Protection Policy)', () => {
  it('purges PII 30 days after delivery, keeps totals and items, leaves open and recent orders alone', async () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const sim = new SimStore({ seed: 5, start: now, backfillDays: 80, ordersPerHour: 3, marketplaceIds: ['ATVPDKIKX0DER', 'A1PA6795UKMFR9'] });
    const orders = sim.searchOrders({ createdAfter: new Date('2026-01-01T00:00:00Z') }) as unknown as SpOrder[];
    core = await tempCore({ clock: { now: () => now } });
    const store = await core.stores.create({ name: 'Retention', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
    for (let i = 0; i < orders.length; i += 100) {
      await core.db.transaction((trx) => storeOrderPage({ clock: { now: () => now }, store, secretBox: core!.secretBox }, trx, orders.slice(i, i + 100)));
    }
    const before = await core.db('orders').select();
    const itemsBefore = await core.db('order_items').orderBy(['order_id', 'order_item_id']);

    const purged = await createPiiPurge({ db: core.db, clock: { now: () => now } }).runOnce();
    const after = await core.db('orders').select();
    const cutoff = new Date(now.getTime() - 30 * 86400_000).toISOString();
    const expired = (o: { status: string; deliver_by_latest: string | null; last_updated_time: string }) =>
      ['SHIPPED', 'CANCELLED', 'UNFULFILLABLE'].includes(o.status) && (o.deliver_by_latest ?? o.last_updated_time) < cutoff;

    expect(purged).toBe(before.filter(expired).length);
    expect(purged).toBeGreaterThan(100);
    for (const o of after) {
      const was = before.find((b: { id: string }) => b.id === o.id);
      expect(o.grand_total_minor).toBe(was.grand_total_minor);
      expect(o.status).toBe(was.status);
      if (expired(o)) {
        expect([o.buyer_enc, o.recipient_enc, o.pii_purged_at]).toEqual([null, null, now.toISOString()]);
      } else {
        expect(o.pii_purged_at).toBeNull();
        expect(o.recipient_enc).toBe(was.recipient_enc);
      }
    }
    // Open orders still have their address for the packing slip.
    const open = after.find((o: { status: string; recipient_enc: string | null }) => o.status === 'UNSHIPPED' && o.recipient_enc);
    expect(unsealPii(open, core.secretBox).recipient?.deliveryAddress).toBeDefined();
    expect(await core.db('order_items').orderBy(['order_id', 'order_item_id'])).toEqual(itemsBefore);

    // Amazon mentioning a purged order again (a late update) does not bring its PII back.
    const purgedId = after.find(expired)!.id;
    const again = orders.find((o) => o.orderId === purgedId)!;
    const later = { ...again, lastUpdatedTime: now.toISOString() };
    await core.db.transaction((trx) => storeOrderPage({ clock: { now: () => now }, store, secretBox: core!.secretBox }, trx, [later]));
    expect(await core.db('orders').where({ id: purgedId }).first()).toMatchObject({ buyer_enc: null, recipient_enc: null, pii_purged_at: now.toISOString() });

    // A second run has nothing left to do.
    expect(await createPiiPurge({ db: core.db, clock: { now: () => now } }).runOnce()).toBe(0);
  });
});
