import { beforeAll, describe, expect, it } from 'vitest';
import { SimStore, isValidGtin, type FulfillmentStatus, type InventorySummary, type Order, type OrderQuery } from '../../main/simulator/store';
import { ModelValidator } from '../support/sp-api-models';

const START = new Date('2026-03-02T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const DE = 'A1PA6795UKMFR9';
const MARKETPLACES: Record<string, { currency: string; country: string }> = {
  ATVPDKIKX0DER: { currency: 'USD', country: 'US' },
  A2EUQ1WTGCTBG2: { currency: 'CAD', country: 'CA' },
  A1AM78C64UM0Y8: { currency: 'MXN', country: 'MX' },
  A1F83G8C2ARO7P: { currency: 'GBP', country: 'GB' },
  A1PA6795UKMFR9: { currency: 'EUR', country: 'DE' },
  A13V1IB3VIYZZH: { currency: 'EUR', country: 'FR' },
  APJ6JRA9NG5V4: { currency: 'EUR', country: 'IT' },
  A1RKKUPIHCS9HS: { currency: 'EUR', country: 'ES' },
  A1VC38T7YXB528: { currency: 'JPY', country: 'JP' },
};

const models = new ModelValidator();
const searchOp = models.operation('orders-2026-01-01.json', 'searchOrders');
const getOp = models.operation('orders-2026-01-01.json', 'getOrder');
const confirmOp = models.operation('orders-v0.json', 'confirmShipment');
const updateOp = models.operation('orders-v0.json', 'updateShipmentStatus');
const inventoryOp = models.operation('fba-inventory-v1.json', 'getInventorySummaries');

const all = (s: SimStore) => s.searchOrders({ createdAfter: new Date(0) });
const ms = (iso: string | undefined) => Date.parse(iso ?? '');
const status = (o: Order): FulfillmentStatus | undefined => o.fulfillment?.fulfillmentStatus;
const isAfn = (o: Order) => o.fulfillment?.fulfilledBy === 'AMAZON';
const units = (o: Order) => o.orderItems.reduce((n, i) => n + i.quantityOrdered, 0);
const open = (o: Order) => o.orderItems.reduce((n, i) => n + (i.fulfillment?.quantityUnfulfilled ?? 0), 0);

/** Everything a caller can observe, to prove that a rejected request changed nothing. */
function snapshot(s: SimStore): string {
  const inventory = Object.keys(MARKETPLACES).map((marketplaceId) => s.inventorySummaries({ marketplaceId, details: true }));
  return JSON.stringify([s.now(), s.searchOrders({}), inventory]);
}

function modelProblems(orders: Order[], createdBefore: Date): string[] {
  return models.validateResponse(searchOp, 200, { orders, createdBefore: createdBefore.toISOString() }).slice(0, 10);
}

/** GS1 mod-10, written independently of the store's implementation. */
function gs1Valid(code: string): boolean {
  const digits = [...code].map(Number).reverse();
  const sum = digits.slice(1).reduce((n, dgt, i) => n + dgt * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === digits[0];
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the generated account (default options)', () => {
  let store: SimStore;
  let orders: Order[];
  beforeAll(() => {
    store = new SimStore({ seed: 42, start: START });
    orders = all(store);
  });

  it('validates against the Orders 2026-01-01 model, every single order', () => {
    expect(orders.length).toBeGreaterThan(8000);
    expect(modelProblems(orders, START)).toEqual([]);
    const problems = orders.flatMap((order) => models.validateResponse(getOp, 200, { order })).slice(0, 10);
    expect(problems).toEqual([]);
  });

  it('has about 35 days × 12 orders an hour, all created before start and updated no later than now', () => {
    expect(orders.length).toBeGreaterThan(35 * 24 * 12 * 0.85);
    expect(orders.length).toBeLessThan(35 * 24 * 12 * 1.15);
    for (const o of orders) {
      expect(ms(o.createdTime)).toBeGreaterThanOrEqual(START.getTime() - 35 * DAY);
      expect(ms(o.createdTime)).toBeLessThanOrEqual(ms(o.lastUpdatedTime));
      expect(ms(o.lastUpdatedTime)).toBeLessThanOrEqual(START.getTime());
    }
    expect(store.now().toISOString()).toBe(START.toISOString());
  });

  it('uses Amazon-shaped identifiers', () => {
    const itemIds = new Set<string>();
    for (const o of orders) {
      expect(o.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
      for (const i of o.orderItems) {
        expect(i.orderItemId).toMatch(/^\d{14}$/);
        expect(itemIds.has(i.orderItemId)).toBe(false);
        itemIds.add(i.orderItemId);
        expect(i.product.asin).toMatch(/^B0[0-9A-Z]{8}$/);
      }
    }
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(orders.length);
  });

  it('mixes FBA and FBM, single and multi-line orders, Prime, business, gifts and pre-orders', () => {
    const afnShare = orders.filter(isAfn).length / orders.length;
    expect(afnShare).toBeGreaterThan(0.55);
    expect(afnShare).toBeLessThan(0.65);
    expect(new Set(orders.map((o) => o.orderItems.length))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(orders.flatMap((o) => o.orderItems.map((i) => i.quantityOrdered)))).toEqual(new Set([1, 2, 3]));
    const multi = orders.filter((o) => o.orderItems.length > 1).length / orders.length;
    expect(multi).toBeGreaterThan(0.2);
    expect(multi).toBeLessThan(0.4);

    const prime = orders.filter((o) => o.programs?.includes('PRIME'));
    expect(prime.length).toBeGreaterThan(orders.length * 0.3);
    expect(prime.every(isAfn)).toBe(true);
    const business = orders.filter((o) => o.programs?.includes('AMAZON_BUSINESS'));
    expect(business.length).toBeGreaterThan(orders.length * 0.03);
    expect(business.every((o) => (o.buyer?.buyerCompanyName ?? '').length > 0)).toBe(true);
    expect(business.some((o) => o.tax?.taxRegistrations?.[0]?.taxRegistrationNumber)).toBe(true);
    expect(orders.filter((o) => o.programs?.includes('PREORDER')).length).toBeGreaterThan(0);
    expect(orders.some((o) => o.orderItems.some((i) => i.fulfillment?.packing?.giftOption?.giftMessage))).toBe(true);
    expect(orders.some((o) => o.orderItems.some((i) => i.promotion?.breakdowns?.length))).toBe(true);
    expect(orders.some((o) => o.orderItems.some((i) => i.expense?.pointsCost?.pointsGranted?.pointsNumber))).toBe(true);
  });

  it('has cancellations, from PENDING (never priced) and from UNSHIPPED (priced), with no address or delivery window', () => {
    const cancelled = orders.filter((o) => status(o) === 'CANCELLED');
    expect(cancelled.length).toBeGreaterThan(orders.length * 0.015);
    expect(cancelled.length).toBeLessThan(orders.length * 0.06);
    for (const o of cancelled) {
      expect(o.recipient).toBeUndefined();
      expect(o.proceeds).toBeUndefined();
      expect(o.fulfillment?.deliverByWindow).toBeUndefined();
      for (const i of o.orderItems) {
        expect(i.cancellation?.cancellationExecution?.cancelledBy).toMatch(/^(BUYER|AMAZON|MERCHANT)$/);
        expect(i.fulfillment).toMatchObject({ quantityFulfilled: 0, quantityUnfulfilled: 0 });
      }
    }
    expect(cancelled.some((o) => o.orderItems[0]?.product.price === undefined)).toBe(true);
    expect(cancelled.some((o) => o.orderItems[0]?.product.price !== undefined)).toBe(true);
    expect(cancelled.some((o) => o.orderItems[0]?.cancellation?.cancellationRequest?.requester === 'BUYER')).toBe(true);
  });

  it('shows no delivery address and no money on PENDING orders', () => {
    const pending = orders.filter((o) => status(o) === 'PENDING' || status(o) === 'PENDING_AVAILABILITY');
    expect(pending.length).toBeGreaterThan(0);
    for (const o of pending) {
      expect(o.recipient).toBeUndefined();
      expect(o.proceeds).toBeUndefined();
      expect(o.payment).toBeUndefined();
      expect(o.tax).toBeUndefined();
      expect(o.fulfillment?.deliverByWindow).toBeUndefined();
      expect(o.fulfillment?.shipByWindow?.latestDateTime).toBeDefined();
      for (const i of o.orderItems) {
        expect(i.product.price).toBeUndefined();
        expect(i.proceeds).toBeUndefined();
        expect(i.promotion).toBeUndefined();
        expect(i.fulfillment?.packing).toBeUndefined();
      }
    }
  });

  it('ships FBA orders by itself, leaves recent FBM orders to the seller, and has old FBM orders shipped with packages', () => {
    const fbaShipped = orders.filter((o) => isAfn(o) && status(o) === 'SHIPPED');
    expect(fbaShipped.length).toBeGreaterThan(orders.length * 0.5);
    expect(fbaShipped.every((o) => o.packages === undefined && o.recipient?.deliveryAddress?.phone === undefined)).toBe(true);
    const fbmShipped = orders.filter((o) => !isAfn(o) && status(o) === 'SHIPPED' && !o.programs?.includes('IN_STORE_PICK_UP'));
    expect(fbmShipped.length).toBeGreaterThan(100);
    for (const o of fbmShipped) {
      expect(o.packages?.length).toBeGreaterThan(0);
      const shipped = (o.packages ?? []).flatMap((p) => p.packageItems ?? []).reduce((n, p) => n + p.quantity, 0);
      expect(shipped).toBe(units(o));
      for (const p of o.packages ?? []) {
        expect(p.carrier).toBeTruthy();
        expect(p.trackingNumber).toMatch(/^[0-9A-Z]{10,}$/);
        expect(ms(p.shipTime)).toBeLessThanOrEqual(START.getTime());
        expect(p.shipFromAddress?.countryCode).toMatch(/^(CN|US)$/);
      }
    }
    const fbmOpen = orders.filter((o) => !isAfn(o) && (status(o) === 'UNSHIPPED' || status(o) === 'PARTIALLY_SHIPPED'));
    expect(fbmOpen.length).toBeGreaterThan(50);
    expect(fbmOpen.some((o) => ms(o.createdTime) > START.getTime() - 2 * DAY)).toBe(true);
    expect(fbmOpen.every((o) => o.recipient?.deliveryAddress?.phone)).toBe(true);
    expect(orders.some((o) => status(o) === 'PARTIALLY_SHIPPED')).toBe(true);
  });

  it('adds up: item categories to item totals, items to the grand total, payments to the grand total', () => {
    const toMinor = (amount: string | undefined) => Math.round(Number(amount) * 100);
    for (const o of orders.filter((x) => x.proceeds)) {
      const { currency } = MARKETPLACES[o.salesChannel.marketplaceId ?? ''] ?? { currency: '?' };
      let itemsTotal = 0;
      for (const i of o.orderItems) {
        const parts = (i.proceeds?.breakdowns ?? []).reduce((n, b) => n + toMinor(b.subtotal.amount), 0);
        expect(parts).toBe(toMinor(i.proceeds?.proceedsTotal?.amount));
        itemsTotal += toMinor(i.proceeds?.proceedsTotal?.amount);
        expect(i.product.price?.unitPrice?.currencyCode).toBe(currency);
      }
      expect(toMinor(o.proceeds?.grandTotal?.amount)).toBe(itemsTotal);
      const paid = (o.payment?.paymentExecutions ?? []).reduce((n, p) => n + toMinor(p.paymentAmount?.amount), 0);
      expect(paid).toBe(itemsTotal);
      const amounts = stringsOf(o.proceeds).filter((s) => /^-?\d/.test(s));
      for (const amount of amounts) expect(amount).toMatch(currency === 'JPY' ? /^-?\d+$/ : /^-?\d+\.\d{2}$/);
    }
  });

  it('sells in each marketplace in its currency, country and language', () => {
    const byMarketplace = new Map<string, Order[]>();
    for (const o of orders) byMarketplace.set(o.salesChannel.marketplaceId ?? '', [...(byMarketplace.get(o.salesChannel.marketplaceId ?? '') ?? []), o]);
    expect([...byMarketplace.keys()].sort()).toEqual(Object.keys(MARKETPLACES).sort());
    for (const [id, list] of byMarketplace) {
      const expected = MARKETPLACES[id];
      for (const o of list) {
        if (o.proceeds) expect(o.proceeds.grandTotal?.currencyCode).toBe(expected?.currency);
        if (o.recipient) expect(o.recipient.deliveryAddress?.countryCode).toBe(expected?.country);
      }
    }
    const text = (id: string) => JSON.stringify(byMarketplace.get(id));
    const jpNames = (byMarketplace.get(JP) ?? []).map((o) => o.buyer?.buyerName ?? '');
    expect(jpNames.filter((n) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(n)).length).toBeGreaterThan(jpNames.length * 0.9);
    expect(text(JP)).toMatch(/東京都|大阪府/);
    expect(text(JP)).toMatch(/号室/);
    expect(text(DE)).toMatch(/[äöüß]/);
    expect(text('A13V1IB3VIYZZH')).toMatch(/[éèêëàçîï]/);
    expect(text('A1RKKUPIHCS9HS')).toMatch(/ñ/);
    expect(text('APJ6JRA9NG5V4')).toMatch(/[òùìà]/);
    const naChinese = [US, 'A2EUQ1WTGCTBG2'].flatMap((id) => byMarketplace.get(id) ?? []).filter((o) => /\p{Script=Han}/u.test(o.buyer?.buyerName ?? ''));
    expect(naChinese.length).toBeGreaterThan(10);
    expect(JSON.stringify(orders)).toMatch(/\p{Extended_Pictographic}/u);
    expect(orders.some((o) => /\p{Extended_Pictographic}/u.test(JSON.stringify(o.recipient ?? {})))).toBe(true);
  });

  it('keeps text valid UTF-8 (no lone surrogates, NFC) and byte-exact through JSON', () => {
    const json = JSON.stringify(orders);
    const bytes = Buffer.from(json, 'utf8');
    expect(bytes.toString('utf8')).toBe(json);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(orders);
    const strings = stringsOf([orders, store.catalog]);
    const bad = strings.filter((s) => LONE_SURROGATE.test(s) || s.normalize('NFC') !== s || s.includes('\uFFFD'));
    expect(bad).toEqual([]);
    expect(strings.some((s) => /\p{Script=Han}/u.test(s))).toBe(true);
    expect(strings.some((s) => /\u200D/.test(s))).toBe(true);
  });

  it('has a catalogue with unique ids, valid GTINs, localized titles and local prices', () => {
    expect(store.catalog).toHaveLength(60);
    expect(new Set(store.catalog.map((c) => c.sellerSku)).size).toBe(60);
    expect(new Set(store.catalog.map((c) => c.asin)).size).toBe(60);
    for (const item of store.catalog) {
      expect(item.asin).toMatch(/^B0[0-9A-Z]{8}$/);
      expect(item.fnsku).toMatch(/^X00[0-9A-Z]{7}$/);
      expect(item.barcode.value).toMatch(item.barcode.type === 'EAN' ? /^\d{13}$/ : /^\d{12}$/);
      expect(gs1Valid(item.barcode.value)).toBe(true);
      expect(isValidGtin(item.barcode.value)).toBe(true);
      expect(item.weightGrams).toBeGreaterThan(0);
      expect(item.dimensionsCm.length * item.dimensionsCm.width * item.dimensionsCm.height).toBeGreaterThan(0);
      expect(item.titles[US]).toBe(item.title);
      expect(item.titles[JP]).toMatch(/[\p{Script=Katakana}\p{Script=Han}]/u);
      expect(item.titles[DE]).not.toBe(item.title);
      for (const [id, price] of Object.entries(item.prices)) {
        expect(price.currencyCode).toBe(MARKETPLACES[id]?.currency);
        expect(price.amount).toMatch(price.currencyCode === 'JPY' ? /^\d+$/ : /^\d+\.\d{2}$/);
      }
      expect(Object.isFrozen(item)).toBe(true);
    }
    expect(store.catalog.some((c) => /\p{Script=Han}/u.test(c.brand))).toBe(true);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    // Every ordered line is a catalogue SKU, titled in the marketplace's language.
    const bySku = new Map(store.catalog.map((c) => [c.sellerSku, c]));
    for (const o of orders.slice(0, 2000)) {
      for (const i of o.orderItems) {
        const item = bySku.get(i.product.sellerSku ?? '');
        expect(item?.asin).toBe(i.product.asin);
        expect(i.product.title).toBe(item?.titles[o.salesChannel.marketplaceId ?? '']);
      }
    }
  });
});

describe('determinism', () => {
  it('gives identical data for the same seed and start, and different data for another seed', () => {
    const a = new SimStore({ seed: 7, start: START, backfillDays: 10 });
    const b = new SimStore({ seed: 7, start: START, backfillDays: 10 });
    const c = new SimStore({ seed: 8, start: START, backfillDays: 10 });
    expect(snapshot(b)).toBe(snapshot(a));
    expect(JSON.stringify(b.catalog)).toBe(JSON.stringify(a.catalog));
    expect(snapshot(c)).not.toBe(snapshot(a));
    expect(JSON.stringify(c.catalog)).not.toBe(JSON.stringify(a.catalog));
    expect(all(c).map((o) => o.orderId)).not.toEqual(all(a).map((o) => o.orderId));
  });

  it('does not depend on how time is advanced, and replays the same calls identically', () => {
    const run = (steps: number) => {
      const s = new SimStore({ seed: 3, start: START, backfillDays: 5 });
      for (let i = 1; i <= steps; i++) s.advanceTo(new Date(START.getTime() + (i * 2 * DAY) / steps));
      const fbm = all(s).find((o) => !isAfn(o) && status(o) === 'UNSHIPPED' && !o.programs?.includes('IN_STORE_PICK_UP'));
      expect(fbm).toBeDefined();
      const item = fbm?.orderItems[0];
      const result = s.confirmShipment(fbm?.orderId ?? '', {
        marketplaceId: fbm?.salesChannel.marketplaceId,
        packageDetail: { packageReferenceId: '1', carrierCode: 'YunExpress', trackingNumber: 'YT2412345678901234', shipDate: s.now().toISOString(), orderItems: [{ orderItemId: item?.orderItemId, quantity: 1 }] },
      });
      expect(result).toEqual({ ok: true });
      s.advanceTo(new Date(START.getTime() + 5 * DAY));
      return snapshot(s);
    };
    const oneStep = run(1);
    expect(run(48)).toBe(oneStep);
    expect(run(7)).toBe(oneStep);
  });
});

describe('as simulated time passes', () => {
  it('moves orders through their states and moves lastUpdatedTime with every change', () => {
    const s = new SimStore({ seed: 11, start: START, backfillDays: 10 });
    const before = new Map(all(s).map((o) => [o.orderId, o]));
    const t1 = new Date(START.getTime() + 3 * HOUR);
    s.advanceTo(t1);
    const mid = all(s);
    const t2 = new Date(START.getTime() + 4 * DAY);
    s.advanceTo(t2);
    const after = new Map(all(s).map((o) => [o.orderId, o]));
    expect(s.now().toISOString()).toBe(t2.toISOString());

    // Every change shows up as a lastUpdatedTime inside the window it happened in; nothing else moves.
    const midById = new Map(mid.map((o) => [o.orderId, o]));
    for (const [id, o] of midById) {
      const old = before.get(id);
      if (!old) {
        expect(ms(o.createdTime)).toBeGreaterThan(START.getTime());
        expect(ms(o.createdTime)).toBeLessThanOrEqual(t1.getTime());
      } else if (JSON.stringify(old) !== JSON.stringify(o)) {
        expect(ms(o.lastUpdatedTime)).toBeGreaterThan(START.getTime());
        expect(ms(o.lastUpdatedTime)).toBeLessThanOrEqual(t1.getTime());
      } else {
        expect(o.lastUpdatedTime).toBe(old.lastUpdatedTime);
      }
    }
    expect(mid.length).toBeGreaterThan(before.size + 10);
    expect(after.size).toBeGreaterThan(before.size + 4 * 24 * 12 * 0.8);

    let pendingSeen = 0;
    let fbaSeen = 0;
    let fbmSeen = 0;
    for (const [id, old] of before) {
      const now = after.get(id);
      expect(now).toBeDefined();
      if (!now) continue;
      expect(ms(now.lastUpdatedTime)).toBeLessThanOrEqual(t2.getTime());
      if (status(old) === 'PENDING') {
        pendingSeen++;
        expect(['UNSHIPPED', 'SHIPPED', 'CANCELLED']).toContain(status(now));
        expect(ms(now.lastUpdatedTime)).toBeGreaterThan(START.getTime());
      }
      if (status(old) === 'UNSHIPPED' && isAfn(old)) {
        fbaSeen++;
        expect(['SHIPPED', 'CANCELLED']).toContain(status(now));
      }
      if (status(old) === 'UNSHIPPED' && !isAfn(old)) {
        fbmSeen++;
        // Nobody but the seller ships an FBM order.
        expect(['UNSHIPPED', 'CANCELLED']).toContain(status(now));
      }
    }
    expect(pendingSeen).toBeGreaterThan(0);
    expect(fbaSeen).toBeGreaterThan(0);
    expect(fbmSeen).toBeGreaterThan(0);

    // New orders are born PENDING, with their first state at their creation time.
    const newest = [...after.values()].filter((o) => ms(o.createdTime) > t2.getTime() - 60_000);
    for (const o of newest) if (o.lastUpdatedTime === o.createdTime) expect(['PENDING', 'PENDING_AVAILABILITY']).toContain(status(o));
    expect(modelProblems([...after.values()], t2)).toEqual([]);
  });

  it('ignores attempts to move time backwards', () => {
    const s = new SimStore({ seed: 2, start: START, backfillDays: 2 });
    const snap = snapshot(s);
    s.advanceTo(new Date(START.getTime() - DAY));
    s.advanceTo(START);
    expect(snapshot(s)).toBe(snap);
  });
});

describe('searchOrders filters', () => {
  let store: SimStore;
  let everything: Order[];
  beforeAll(() => {
    store = new SimStore({ seed: 5, start: START, backfillDays: 12 });
    store.advanceTo(new Date(START.getTime() + 6 * HOUR));
    everything = store.searchOrders({});
  });

  const expected = (q: OrderQuery) => {
    const t = (d?: Date) => d?.getTime();
    const hits = everything.filter(
      (o) =>
        (q.createdAfter === undefined || ms(o.createdTime) >= (t(q.createdAfter) ?? 0)) &&
        (q.createdBefore === undefined || ms(o.createdTime) < (t(q.createdBefore) ?? 0)) &&
        (q.lastUpdatedAfter === undefined || ms(o.lastUpdatedTime) >= (t(q.lastUpdatedAfter) ?? 0)) &&
        (q.lastUpdatedBefore === undefined || ms(o.lastUpdatedTime) < (t(q.lastUpdatedBefore) ?? 0)) &&
        (!q.fulfillmentStatuses || q.fulfillmentStatuses.includes(status(o) as FulfillmentStatus)) &&
        (!q.marketplaceIds || q.marketplaceIds.includes(o.salesChannel.marketplaceId ?? '')) &&
        (!q.fulfilledBy || q.fulfilledBy.includes(o.fulfillment?.fulfilledBy ?? 'MERCHANT')),
    );
    const key = q.createdAfter || q.createdBefore ? 'createdTime' : 'lastUpdatedTime';
    return hits.sort((a, b) => ms(a[key]) - ms(b[key]) || (a.orderId < b.orderId ? -1 : 1)).map((o) => o.orderId);
  };

  it('returns exactly the matching orders, in the documented order', () => {
    const now = store.now().getTime();
    const queries: OrderQuery[] = [
      { createdAfter: new Date(now - 3 * DAY) },
      { createdAfter: new Date(now - 5 * DAY), createdBefore: new Date(now - 2 * DAY) },
      { lastUpdatedAfter: new Date(now - 2 * DAY) },
      { lastUpdatedAfter: new Date(now - 7 * DAY), lastUpdatedBefore: new Date(now - 3 * DAY) },
      { createdAfter: new Date(0), fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'] },
      { lastUpdatedAfter: new Date(0), fulfillmentStatuses: ['CANCELLED'] },
      { createdAfter: new Date(now - 4 * DAY), marketplaceIds: [JP, DE] },
      { lastUpdatedAfter: new Date(now - 4 * DAY), fulfilledBy: ['MERCHANT'] },
      { createdAfter: new Date(0), fulfilledBy: ['AMAZON'], marketplaceIds: [US], fulfillmentStatuses: ['PENDING', 'UNSHIPPED'] },
      { lastUpdatedAfter: new Date(0), fulfilledBy: ['AMAZON', 'MERCHANT'], fulfillmentStatuses: ['SHIPPED'] },
      { createdAfter: new Date(now + HOUR) },
    ];
    for (const q of queries) {
      const got = store.searchOrders(q).map((o) => o.orderId);
      expect(got).toEqual(expected(q));
    }
    expect(store.searchOrders({ createdAfter: new Date(0), fulfillmentStatuses: ['CANCELLED'] }).length).toBeGreaterThan(0);
    expect(store.searchOrders({ createdAfter: new Date(now + HOUR) })).toEqual([]);
  });

  it('treats after-bounds as inclusive and before-bounds as exclusive', () => {
    const pick = everything[Math.floor(everything.length / 2)] as Order;
    const created = new Date(pick.createdTime);
    const updated = new Date(pick.lastUpdatedTime);
    expect(store.searchOrders({ createdAfter: created }).map((o) => o.orderId)).toContain(pick.orderId);
    expect(store.searchOrders({ createdAfter: new Date(0), createdBefore: created }).map((o) => o.orderId)).not.toContain(pick.orderId);
    expect(store.searchOrders({ lastUpdatedAfter: updated }).map((o) => o.orderId)).toContain(pick.orderId);
    expect(store.searchOrders({ lastUpdatedAfter: new Date(0), lastUpdatedBefore: updated }).map((o) => o.orderId)).not.toContain(pick.orderId);
    expect(store.searchOrders({ createdAfter: created, createdBefore: new Date(created.getTime() + 1) }).map((o) => o.orderId)).toContain(pick.orderId);
  });

  it('hands out deep copies', () => {
    const [first] = store.searchOrders({ createdAfter: new Date(0) });
    if (!first) throw new Error('no orders');
    const pristine = JSON.stringify(store.getOrder(first.orderId));
    const line = first.orderItems[0];
    if (line) line.quantityOrdered = 999;
    (first.buyer ??= {}).buyerName = 'changed';
    const again = store.getOrder(first.orderId);
    expect(JSON.stringify(again)).toBe(pristine);
    expect(store.getOrder('999-0000000-0000000')).toBeUndefined();
  });
});

describe('confirmShipment', () => {
  const body = (o: Order, items: { orderItemId: string; quantity: number }[], extra: Record<string, unknown> = {}) => ({
    marketplaceId: o.salesChannel.marketplaceId,
    packageDetail: {
      packageReferenceId: '1',
      carrierCode: 'YunExpress',
      carrierName: 'YunExpress',
      shippingMethod: 'YunExpress Global Direct Line Standard',
      trackingNumber: 'YT2412345678901234',
      shipDate: '2026-03-02T14:00:00Z',
      orderItems: items,
      ...extra,
    },
  });

  function setup() {
    const s = new SimStore({ seed: 21, start: START, backfillDays: 10 });
    s.advanceTo(new Date(START.getTime() + 3 * HOUR));
    const orders = all(s);
    const fbm = orders.filter((o) => !isAfn(o) && status(o) === 'UNSHIPPED' && !o.programs?.includes('IN_STORE_PICK_UP'));
    const multi = fbm.find((o) => units(o) >= 2);
    if (!multi) throw new Error('no multi-unit FBM order');
    return { s, orders, fbm, multi };
  }

  it('ships part, then the rest, records packages, and is idempotent for a repeated package', () => {
    const { s, multi } = setup();
    const [first, ...others] = multi.orderItems;
    if (!first) throw new Error('no item');
    const firstBody = body(multi, [{ orderItemId: first.orderItemId, quantity: 1 }]);
    expect(models.validateRequest(confirmOp, { pathname: `/orders/v0/orders/${multi.orderId}/shipmentConfirmation`, query: new URLSearchParams(), body: firstBody })).toEqual([]);

    expect(s.confirmShipment(multi.orderId, firstBody)).toEqual({ ok: true });
    const partial = s.getOrder(multi.orderId) as Order;
    expect(status(partial)).toBe('PARTIALLY_SHIPPED');
    expect(partial.lastUpdatedTime).toBe(s.now().toISOString().replace('.000Z', 'Z'));
    expect(partial.packages).toEqual([
      expect.objectContaining({
        packageReferenceId: '1',
        carrier: 'YunExpress',
        trackingNumber: 'YT2412345678901234',
        shipTime: '2026-03-02T14:00:00Z',
        shippingService: 'YunExpress Global Direct Line Standard',
        packageStatus: expect.objectContaining({ status: 'SHIPPED' }),
        packageItems: [{ orderItemId: first.orderItemId, quantity: 1 }],
      }),
    ]);
    expect(partial.orderItems[0]?.fulfillment).toMatchObject({ quantityFulfilled: 1, quantityUnfulfilled: first.quantityOrdered - 1 });
    expect(models.validateResponse(getOp, 200, { order: partial })).toEqual([]);

    // A retry of the same request is accepted and changes nothing.
    const snap = snapshot(s);
    expect(s.confirmShipment(multi.orderId, structuredClone(firstBody))).toEqual({ ok: true });
    expect(snapshot(s)).toBe(snap);

    s.advanceTo(new Date(s.now().getTime() + HOUR));
    const rest = [
      ...(first.quantityOrdered > 1 ? [{ orderItemId: first.orderItemId, quantity: first.quantityOrdered - 1 }] : []),
      ...others.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
    ];
    const restBody = body(multi, rest, { packageReferenceId: '2', trackingNumber: 'YT2412345678909999', shipDate: s.now().toISOString() });
    expect(s.confirmShipment(multi.orderId, restBody)).toEqual({ ok: true });
    const shipped = s.getOrder(multi.orderId) as Order;
    expect(status(shipped)).toBe('SHIPPED');
    expect(shipped.packages).toHaveLength(2);
    expect(open(shipped)).toBe(0);
    expect(ms(shipped.lastUpdatedTime)).toBe(s.now().getTime());
    expect(models.validateResponse(getOp, 200, { order: shipped })).toEqual([]);

    // Still idempotent once the order is SHIPPED; a different package under a used id is refused.
    expect(s.confirmShipment(multi.orderId, firstBody)).toEqual({ ok: true });
    const clash = s.confirmShipment(multi.orderId, body(multi, [{ orderItemId: first.orderItemId, quantity: 1 }], { trackingNumber: 'OTHER123456' }));
    expect(clash).toMatchObject({ ok: false, status: 400, code: 'InvalidInput' });

    // The parcel is delivered later, and that is an update too.
    s.advanceTo(new Date(s.now().getTime() + 30 * DAY));
    const delivered = s.getOrder(multi.orderId) as Order;
    expect(delivered.packages?.every((p) => p.packageStatus?.status === 'DELIVERED')).toBe(true);
    expect(ms(delivered.lastUpdatedTime)).toBeGreaterThan(ms(shipped.lastUpdatedTime));
    expect(delivered.recipient?.deliveryAddress?.phone).toBeUndefined();
  });

  it('rejects bad requests with 400 InvalidInput or 404 NotFound and changes nothing', () => {
    const { s, orders, fbm, multi } = setup();
    const item = multi.orderItems[0];
    if (!item) throw new Error('no item');
    const ok = [{ orderItemId: item.orderItemId, quantity: 1 }];
    const afn = orders.find((o) => isAfn(o) && status(o) === 'UNSHIPPED');
    const shipped = orders.find((o) => !isAfn(o) && status(o) === 'SHIPPED');
    const cancelled = orders.find((o) => !isAfn(o) && status(o) === 'CANCELLED');
    const pending = orders.find((o) => !isAfn(o) && status(o) === 'PENDING');
    const nonJp = fbm.find((o) => o.salesChannel.marketplaceId !== JP) as Order;
    const otherMarketplace = Object.keys(MARKETPLACES).find((id) => id !== multi.salesChannel.marketplaceId);
    expect(afn && shipped && cancelled && fbm.length).toBeTruthy();

    const cases: [string, string, unknown, 400 | 404][] = [
      ['unknown order', '999-9999999-9999999', body(multi, ok), 404],
      ['body not an object', multi.orderId, 'ship it', 400],
      ['no marketplaceId', multi.orderId, { packageDetail: body(multi, ok).packageDetail }, 400],
      ['no packageDetail', multi.orderId, { marketplaceId: multi.salesChannel.marketplaceId }, 400],
      ['non-numeric packageReferenceId', multi.orderId, body(multi, ok, { packageReferenceId: 'PKG-1' }), 400],
      ['no carrierCode', multi.orderId, body(multi, ok, { carrierCode: '' }), 400],
      ['Other without carrierName', multi.orderId, body(multi, ok, { carrierCode: 'Other', carrierName: undefined }), 400],
      ['no trackingNumber', multi.orderId, body(multi, ok, { trackingNumber: undefined }), 400],
      ['shipDate not ISO 8601', multi.orderId, body(multi, ok, { shipDate: '02/21/2022' }), 400],
      ['shipDate before the order', multi.orderId, body(multi, ok, { shipDate: '2020-01-01T00:00:00Z' }), 400],
      ['no items', multi.orderId, body(multi, []), 400],
      ['quantity 0', multi.orderId, body(multi, [{ orderItemId: item.orderItemId, quantity: 0 }]), 400],
      ['fractional quantity', multi.orderId, body(multi, [{ orderItemId: item.orderItemId, quantity: 1.5 }]), 400],
      ['wrong marketplace', multi.orderId, { ...body(multi, ok), marketplaceId: otherMarketplace }, 400],
      ['unknown orderItemId', multi.orderId, body(multi, [{ orderItemId: '12345678901234', quantity: 1 }]), 400],
      ['more than ordered', multi.orderId, body(multi, [{ orderItemId: item.orderItemId, quantity: units(multi) + 1 }]), 400],
      ['same item twice, too many in total', multi.orderId, body(multi, [{ orderItemId: item.orderItemId, quantity: item.quantityOrdered }, { orderItemId: item.orderItemId, quantity: 1 }]), 400],
      ['COD outside JP', nonJp.orderId, { ...body(nonJp, [{ orderItemId: nonJp.orderItems[0]?.orderItemId ?? '', quantity: 1 }]), codCollectionMethod: 'DirectPayment' }, 400],
      ['FBA order', afn?.orderId ?? '', body(afn as Order, [{ orderItemId: afn?.orderItems[0]?.orderItemId ?? '', quantity: 1 }]), 400],
      ['already shipped', shipped?.orderId ?? '', body(shipped as Order, [{ orderItemId: shipped?.orderItems[0]?.orderItemId ?? '', quantity: 1 }], { packageReferenceId: '77' }), 400],
      ['cancelled', cancelled?.orderId ?? '', body(cancelled as Order, [{ orderItemId: cancelled?.orderItems[0]?.orderItemId ?? '', quantity: 1 }]), 400],
    ];
    if (pending) cases.push(['pending', pending.orderId, body(pending, [{ orderItemId: pending.orderItems[0]?.orderItemId ?? '', quantity: 1 }]), 400]);

    const before = snapshot(s);
    for (const [name, orderId, request, expectedStatus] of cases) {
      const result = s.confirmShipment(orderId, request);
      expect(result, name).toMatchObject({ ok: false, status: expectedStatus, code: expectedStatus === 404 ? 'NotFound' : 'InvalidInput' });
      if (result.ok) continue;
      expect(result.message.length, name).toBeGreaterThan(10);
      expect(models.validateResponse(confirmOp, result.status, { errors: [{ code: result.code, message: result.message }] }), name).toEqual([]);
      expect(snapshot(s), name).toBe(before);
    }
  });
});

describe('updateShipmentStatus (in-store pickup orders)', () => {
  it('walks a pickup order through ReadyForPickup and PickedUp, and refuses everything else without changes', () => {
    const s = new SimStore({ seed: 4, start: START, backfillDays: 3, ordersPerHour: 40 });
    let pickup: Order | undefined;
    for (let day = 1; day <= 30 && !pickup; day++) {
      s.advanceTo(new Date(START.getTime() + day * DAY));
      pickup = all(s).find((o) => o.programs?.includes('IN_STORE_PICK_UP') && status(o) === 'UNSHIPPED');
    }
    if (!pickup) throw new Error('no in-store pickup order appeared');
    const marketplaceId = pickup.salesChannel.marketplaceId;
    const regular = all(s).find((o) => !isAfn(o) && status(o) === 'UNSHIPPED' && !o.programs?.includes('IN_STORE_PICK_UP'));
    const ready = { marketplaceId, shipmentStatus: 'ReadyForPickup' };
    expect(models.validateRequest(updateOp, { pathname: `/orders/v0/orders/${pickup.orderId}/shipment`, query: new URLSearchParams(), body: ready })).toEqual([]);

    const before = snapshot(s);
    const refusals: [string, string, unknown, 400 | 404][] = [
      ['unknown order', '999-9999999-9999999', ready, 404],
      ['bad status', pickup.orderId, { marketplaceId, shipmentStatus: 'Delivered' }, 400],
      ['no marketplace', pickup.orderId, { shipmentStatus: 'ReadyForPickup' }, 400],
      ['wrong marketplace', pickup.orderId, { marketplaceId: DE, shipmentStatus: 'ReadyForPickup' }, 400],
      ['picked up before ready', pickup.orderId, { marketplaceId, shipmentStatus: 'PickedUp' }, 400],
      ['not a pickup order', regular?.orderId ?? '', { marketplaceId: regular?.salesChannel.marketplaceId, shipmentStatus: 'ReadyForPickup' }, 400],
    ];
    for (const [name, orderId, request, expectedStatus] of refusals) {
      const result = s.updateShipmentStatus(orderId, request);
      expect(result, name).toMatchObject({ ok: false, status: expectedStatus });
      if (!result.ok) expect(models.validateResponse(updateOp, result.status, { errors: [{ code: result.code, message: result.message }] })).toEqual([]);
      expect(snapshot(s), name).toBe(before);
    }

    expect(s.updateShipmentStatus(pickup.orderId, ready)).toEqual({ ok: true });
    expect(status(s.getOrder(pickup.orderId) as Order)).toBe('UNSHIPPED');
    s.advanceTo(new Date(s.now().getTime() + HOUR));
    expect(s.updateShipmentStatus(pickup.orderId, { marketplaceId, shipmentStatus: 'PickedUp' })).toEqual({ ok: true });
    const done = s.getOrder(pickup.orderId) as Order;
    expect(status(done)).toBe('SHIPPED');
    expect(open(done)).toBe(0);
    expect(ms(done.lastUpdatedTime)).toBe(s.now().getTime());
    expect(models.validateResponse(getOp, 200, { order: done })).toEqual([]);
  });
});

describe('FBA inventory', () => {
  const inventory = (s: SimStore, marketplaceId: string) => s.inventorySummaries({ marketplaceId, details: true });
  const keyed = (list: InventorySummary[]) => new Map(list.map((x) => [x.sellerSku ?? '', x]));

  it('validates against the FBA Inventory model, sorted by SKU, with details only when asked', () => {
    const s = new SimStore({ seed: 9, start: START, backfillDays: 10 });
    for (const marketplaceId of Object.keys(MARKETPLACES)) {
      for (const details of [true, false]) {
        const summaries = s.inventorySummaries({ marketplaceId, details });
        expect(summaries.length).toBeGreaterThan(10);
        const body = { payload: { granularity: { granularityType: 'Marketplace', granularityId: marketplaceId }, inventorySummaries: summaries } };
        expect(models.validateResponse(inventoryOp, 200, body)).toEqual([]);
        const skus = summaries.map((x) => x.sellerSku ?? '');
        expect(skus).toEqual([...skus].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(summaries.every((x) => (x.inventoryDetails !== undefined) === details)).toBe(true);
        for (const x of summaries) expect(ms(x.lastUpdatedTime)).toBeLessThanOrEqual(s.now().getTime());
      }
    }
    const jp = s.inventorySummaries({ marketplaceId: JP, details: false });
    expect(jp.every((x) => /[\p{Script=Katakana}\p{Script=Han}]/u.test(x.productName ?? ''))).toBe(true);
    const some = jp.slice(0, 3).map((x) => x.sellerSku ?? '');
    expect(s.inventorySummaries({ marketplaceId: JP, details: false, sellerSkus: some }).map((x) => x.sellerSku)).toEqual([...some].sort());
    expect(s.inventorySummaries({ marketplaceId: 'UNKNOWN', details: false })).toEqual([]);
  });

  it('reserves stock for open FBA orders and takes it out of the warehouse when Amazon ships', () => {
    const s = new SimStore({ seed: 13, start: START, backfillDays: 10 });
    const reservedByOrders = () => {
      const sums = new Map<string, number>();
      const openFba = s.searchOrders({ fulfilledBy: ['AMAZON'], fulfillmentStatuses: ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED'] });
      for (const o of openFba) for (const i of o.orderItems) {
        const k = `${o.salesChannel.marketplaceId}|${i.product.sellerSku}`;
        sums.set(k, (sums.get(k) ?? 0) + i.quantityOrdered);
      }
      return sums;
    };
    const checkReservations = () => {
      const sums = reservedByOrders();
      for (const marketplaceId of Object.keys(MARKETPLACES)) {
        for (const x of inventory(s, marketplaceId)) {
          expect(x.inventoryDetails?.reservedQuantity?.pendingCustomerOrderQuantity).toBe(sums.get(`${marketplaceId}|${x.sellerSku}`) ?? 0);
          expect(x.inventoryDetails?.fulfillableQuantity).toBeGreaterThanOrEqual(0);
        }
      }
    };
    checkReservations();

    const t0 = s.now().getTime();
    const beforeOrders = new Map(all(s).map((o) => [o.orderId, o]));
    const beforeStock = new Map(Object.keys(MARKETPLACES).map((id) => [id, keyed(inventory(s, id))]));
    s.advanceTo(new Date(t0 + 12 * HOUR));
    checkReservations();

    const shippedUnits = new Map<string, number>();
    const placedUnits = new Map<string, number>();
    const releasedUnits = new Map<string, number>();
    const add = (map: Map<string, number>, o: Order) => {
      for (const i of o.orderItems) {
        const k = `${o.salesChannel.marketplaceId}|${i.product.sellerSku}`;
        map.set(k, (map.get(k) ?? 0) + i.quantityOrdered);
      }
    };
    for (const o of all(s)) {
      if (!isAfn(o)) continue;
      const prev = beforeOrders.get(o.orderId);
      if (!prev) add(placedUnits, o);
      if (status(o) === 'SHIPPED' && (!prev || status(prev) !== 'SHIPPED')) add(shippedUnits, o);
      if (status(o) === 'CANCELLED' && (!prev || status(prev) !== 'CANCELLED')) add(releasedUnits, o);
    }
    expect(shippedUnits.size).toBeGreaterThan(5);

    let checked = 0;
    for (const [marketplaceId, before] of beforeStock) {
      for (const after of inventory(s, marketplaceId)) {
        const prev = before.get(after.sellerSku ?? '');
        const a = after.inventoryDetails;
        const b = prev?.inventoryDetails;
        if (!a || !b || !prev) continue;
        // Only SKUs with no inbound movement in the window, so receipts cannot hide the effect.
        if (a.inboundWorkingQuantity !== b.inboundWorkingQuantity || a.inboundShippedQuantity !== b.inboundShippedQuantity || a.inboundReceivingQuantity !== b.inboundReceivingQuantity) continue;
        const k = `${marketplaceId}|${after.sellerSku}`;
        const shipped = shippedUnits.get(k) ?? 0;
        // A new FBA order takes its units off the shelf at once; a cancellation puts them back.
        expect(a.fulfillableQuantity, after.sellerSku).toBe((b.fulfillableQuantity ?? 0) - (placedUnits.get(k) ?? 0) + (releasedUnits.get(k) ?? 0));
        const onHand = (d: typeof a) => (d.fulfillableQuantity ?? 0) + (d.reservedQuantity?.pendingCustomerOrderQuantity ?? 0);
        expect(onHand(a), after.sellerSku).toBe(onHand(b) - shipped);
        expect(after.totalQuantity, after.sellerSku).toBe((prev.totalQuantity ?? 0) - shipped);
        if (shipped > 0) {
          checked++;
          expect(a.fulfillableQuantity).toBeLessThan((b.fulfillableQuantity ?? 0) + (b.reservedQuantity?.pendingCustomerOrderQuantity ?? 0));
          expect(ms(after.lastUpdatedTime)).toBeGreaterThan(t0);
        }
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('returns with startDateTime exactly the summaries changed at or after it', () => {
    const s = new SimStore({ seed: 17, start: START, backfillDays: 10 });
    const since = new Date(s.now().getTime());
    s.advanceTo(new Date(since.getTime() + 6 * HOUR));
    for (const marketplaceId of [US, DE, JP]) {
      const everything = s.inventorySummaries({ marketplaceId, details: false });
      const changed = s.inventorySummaries({ marketplaceId, details: false, startDateTime: since, sellerSkus: ['ignored-with-startDateTime'] });
      expect(changed.map((x) => x.sellerSku)).toEqual(everything.filter((x) => ms(x.lastUpdatedTime) >= since.getTime()).map((x) => x.sellerSku));
      expect(changed.length).toBeLessThan(everything.length);
    }
    expect(s.inventorySummaries({ marketplaceId: US, details: false, startDateTime: since }).length).toBeGreaterThan(0);
  });
});
