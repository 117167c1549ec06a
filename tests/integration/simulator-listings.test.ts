import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../main/simulator/server';
import type { Listing } from '../../main/simulator/workflows';
import { fetchReport, getListingsItem, patchListingsItem, putListingsItem, type ListingsPatch } from '../../main/spapi/documents-api';
import type { ListingsItem } from '../../main/spapi/schemas/listings';
import { simulatorWithClient } from '../support/simulator-harness';

type Harness = Awaited<ReturnType<typeof simulatorWithClient>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const SELLER = DEMO_ACCOUNT.sellerId;
const ALL_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;

const channelOf = (l: Listing) => (l.attributes.fulfillment_availability?.[0]?.fulfillment_channel_code as string | undefined) ?? '';
const listingsOf = (h: Harness, marketplaceId: string, fbm: boolean) => h.sim.workflows.listings.inMarketplace(marketplaceId).filter((l) => (channelOf(l) === 'DEFAULT') === fbm);

const price = (marketplaceId: string, amount: number, currency = 'USD') => ({
  op: 'replace' as const,
  path: '/attributes/purchasable_offer',
  value: [{ marketplace_id: marketplaceId, currency, our_price: [{ schedule: [{ value_with_tax: amount }] }] }],
});
const quantity = (q: number): ListingsPatch => ({ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: q }] });

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

/** Accepted submissions go live after Amazon's processing time; read until they do (bounded). */
async function readUntil(h: Harness, sku: string, marketplaceId: string, done: (item: ListingsItem) => boolean): Promise<ListingsItem> {
  for (let i = 0; i < 300; i++) {
    const item = await getListingsItem(h.client, SELLER, sku, { marketplaceIds: [marketplaceId], includedData: ['summaries', 'offers', 'fulfillmentAvailability'] }).catch(() => null);
    if (item && done(item)) return item;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`listing ${sku} never reached the expected state`);
}

function parseTsv(content: string): Record<string, string>[] {
  const [head = '', ...lines] = content.trimEnd().split('\n');
  const header = head.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [header[i] ?? '', v])));
}

describe('Listings Items 2021-08-01 against the simulator', () => {
  it('reads a seeded listing with every data set, and refuses unknown SKUs, other sellers and foreign marketplaces', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [fba] = listingsOf(h, US, false);
    const [fbm] = listingsOf(h, US, true);
    const fbaItem = h.sim.store.catalog.find((i) => i.sellerSku === fba?.sku);
    expect(fba && fbm && fbaItem).toBeTruthy();

    const item = await getListingsItem(h.client, SELLER, fba!.sku, { marketplaceIds: [US], includedData: [...ALL_DATA] });
    expect(item.sku).toBe(fba!.sku);
    expect(item.summaries?.[0]).toMatchObject({ marketplaceId: US, asin: fbaItem!.asin, productType: fbaItem!.productType, itemName: fbaItem!.titles[US], fnSku: fbaItem!.fnsku, conditionType: 'new_new' });
    expect(item.offers?.[0]?.price).toEqual({ currencyCode: 'USD', amount: fbaItem!.prices[US]?.amount });
    expect(item.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'AMAZON_NA' }]);
    expect((item.attributes?.item_name as { value: string }[])[0]?.value).toBe(fbaItem!.titles[US]);
    expect(item.productTypes).toEqual([{ marketplaceId: US, productType: fbaItem!.productType }]);
    expect(item).not.toHaveProperty('procurement');

    const mfn = await getListingsItem(h.client, SELLER, fbm!.sku, { marketplaceIds: [US], includedData: ['fulfillmentAvailability'] });
    expect(mfn.fulfillmentAvailability?.[0]).toMatchObject({ fulfillmentChannelCode: 'DEFAULT', quantity: expect.any(Number) });
    expect(mfn).not.toHaveProperty('summaries');

    const both = h.sim.store.catalog.find((i) => i.prices[US] && i.prices[JP]);
    const twoSites = await getListingsItem(h.client, SELLER, both!.sellerSku, { marketplaceIds: [US, JP] });
    expect(twoSites.summaries?.map((s) => [s.marketplaceId, s.itemName])).toEqual([
      [US, both!.titles[US]],
      [JP, both!.titles[JP]],
    ]);

    expect(await caught(getListingsItem(h.client, SELLER, 'NO-SUCH-SKU', { marketplaceIds: [US] }))).toMatchObject({ kind: 'not-found', status: 404 });
    expect(await caught(getListingsItem(h.client, 'A3OTHERSELLER', fba!.sku, { marketplaceIds: [US] }))).toMatchObject({ kind: 'auth', status: 403 });
    expect(await caught(getListingsItem(h.client, SELLER, fba!.sku, { marketplaceIds: ['A39IBJ37TRP1C6'] }))).toMatchObject({ kind: 'invalid-input', status: 400 });
    expect(await caught(getListingsItem(h.client, SELLER, fba!.sku, { marketplaceIds: [US], issueLocale: 'chinese' }))).toMatchObject({ kind: 'invalid-input', status: 400 });
    expect(h.problems).toEqual([]);
  });

  it('validates with VALIDATION_PREVIEW and changes nothing', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [fbm] = listingsOf(h, US, true);
    const before = await getListingsItem(h.client, SELLER, fbm!.sku, { marketplaceIds: [US], includedData: [...ALL_DATA] });

    const valid = await patchListingsItem(h.client, SELLER, fbm!.sku, { productType: fbm!.productType, patches: [price(US, 1.23), quantity(5)] }, { marketplaceIds: [US], mode: 'VALIDATION_PREVIEW', includedData: ['identifiers', 'issues'] });
    expect(valid).toMatchObject({ sku: fbm!.sku, status: 'VALID', issues: [], identifiers: [{ marketplaceId: US, asin: fbm!.asin }] });
    const invalid = await patchListingsItem(h.client, SELLER, fbm!.sku, { productType: fbm!.productType, patches: [quantity(-1)] }, { marketplaceIds: [US], mode: 'VALIDATION_PREVIEW' });
    expect(invalid.status).toBe('INVALID');
    expect(invalid.issues?.[0]).toMatchObject({ code: '4000001', severity: 'ERROR', attributeNames: ['fulfillment_availability'] });

    const asin = h.sim.store.catalog.find((i) => i.prices[US])!;
    const newOffer = await putListingsItem(
      h.client,
      SELLER,
      'ERP-PREVIEW-1',
      { productType: asin.productType, requirements: 'LISTING_OFFER_ONLY', attributes: offerAttributes(asin.asin, 15, 3) },
      { marketplaceId: US, mode: 'VALIDATION_PREVIEW', includedData: ['identifiers', 'issues'] },
    );
    expect(newOffer).toMatchObject({ status: 'VALID', identifiers: [{ marketplaceId: US, asin: asin.asin }] });

    // A simulated minute, well past any processing time: a preview never goes live.
    await new Promise((r) => setTimeout(r, 200));
    expect(await getListingsItem(h.client, SELLER, fbm!.sku, { marketplaceIds: [US], includedData: [...ALL_DATA] })).toEqual(before);
    expect(await caught(getListingsItem(h.client, SELLER, 'ERP-PREVIEW-1', { marketplaceIds: [US] }))).toMatchObject({ kind: 'not-found' });
    expect(h.problems).toEqual([]);
  });

  it('patches price and quantity: accepted, then visible in getListingsItem and in both listings reports', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [fbm] = listingsOf(h, US, true);
    const [fba] = listingsOf(h, US, false);
    const first = await patchListingsItem(h.client, SELLER, fbm!.sku, { productType: fbm!.productType, patches: [price(US, 12.34), quantity(77)] }, { marketplaceIds: [US] });
    expect(first).toMatchObject({ sku: fbm!.sku, status: 'ACCEPTED', issues: [] });
    expect(first.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    // A second change right behind the first must not be overtaken by it.
    await patchListingsItem(h.client, SELLER, fbm!.sku, { productType: fbm!.productType, patches: [quantity(78)] }, { marketplaceIds: [US] });
    await patchListingsItem(h.client, SELLER, fba!.sku, { productType: fba!.productType, patches: [price(US, 45.67)] }, { marketplaceIds: [US] });

    const live = await readUntil(h, fbm!.sku, US, (i) => i.fulfillmentAvailability?.[0]?.quantity === 78);
    expect(live.offers?.[0]?.price.amount).toBe('12.34');
    expect(live.summaries?.[0]?.status).toEqual(['BUYABLE', 'DISCOVERABLE']);
    await readUntil(h, fba!.sku, US, (i) => i.offers?.[0]?.price.amount === '45.67');

    const listingsReport = parseTsv((await fetchReport(h.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, { pollMs: 10 })).content);
    expect(listingsReport.find((r) => r['seller-sku'] === fbm!.sku)).toMatchObject({ price: '12.34', quantity: '78', 'fulfillment-channel': 'DEFAULT', status: 'Active' });
    const inventoryReport = parseTsv((await fetchReport(h.client, { reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US] }, { pollMs: 10 })).content);
    expect(inventoryReport.find((r) => r.sku === fba!.sku)?.['your-price']).toBe('45.67');
    expect(h.problems).toEqual([]);
  });

  it('writes issues in the requested locale, else in the language of the first marketplace', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const [fbm] = listingsOf(h, US, true);
    const [jp] = listingsOf(h, JP, true);
    const bad = { productType: fbm!.productType, patches: [quantity(-2)] };

    const zh = await patchListingsItem(h.client, SELLER, fbm!.sku, bad, { marketplaceIds: [US], issueLocale: 'zh_CN' });
    expect(zh.status).toBe('INVALID');
    expect(zh.issues?.[0]?.message).toBe("为 'fulfillment_availability.quantity' 提供的值无效：-2 不是大于或等于 0 的整数。");
    const en = await patchListingsItem(h.client, SELLER, fbm!.sku, bad, { marketplaceIds: [US] });
    expect(en.issues?.[0]?.message).toBe("The value provided for 'fulfillment_availability.quantity' is invalid: -2 is not a whole number of 0 or more.");
    const fr = await patchListingsItem(h.client, SELLER, fbm!.sku, bad, { marketplaceIds: [US], issueLocale: 'fr_FR' });
    expect(fr.issues?.[0]?.message).toBe(en.issues?.[0]?.message);
    const ja = await patchListingsItem(h.client, SELLER, jp!.sku, { productType: jp!.productType, patches: [quantity(-2)] }, { marketplaceIds: [JP] });
    expect(ja.issues?.[0]?.message).toMatch(/無効です/);

    const warned = h.sim.workflows.listings.inMarketplace(US).find((l) => l.standingWarnings.length > 0);
    expect(warned).toBeDefined();
    const issues = await getListingsItem(h.client, SELLER, warned!.sku, { marketplaceIds: [US], includedData: ['issues'], issueLocale: 'zh_CN' });
    expect(issues.issues?.[0]).toMatchObject({ code: '18448', severity: 'WARNING', categories: ['MISSING_ATTRIBUTE'] });
    expect(issues.issues?.[0]?.message).toMatch(/^标记为 relevant_attributes 的属性不完整/);
    expect(h.problems).toEqual([]);
  });

  it('puts a new offer on an existing ASIN, and refuses incomplete or mismatched submissions with issues', async () => {
    h = await simulatorWithClient({ timeScale: 300 });
    const item = h.sim.store.catalog.find((i) => i.prices[US])!;
    const created = await putListingsItem(h.client, SELLER, 'ERP-NEW-1', { productType: item.productType, requirements: 'LISTING_OFFER_ONLY', attributes: offerAttributes(item.asin, 21.5, 4) }, { marketplaceId: US });
    expect(created.status).toBe('ACCEPTED');
    const live = await readUntil(h, 'ERP-NEW-1', US, () => true);
    expect(live.summaries?.[0]).toMatchObject({ asin: item.asin, itemName: item.titles[US], status: ['BUYABLE', 'DISCOVERABLE'] });
    expect(live.offers?.[0]?.price.amount).toBe('21.50');
    expect(live.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 4 }]);

    const incomplete = await putListingsItem(
      h.client,
      SELLER,
      'ERP-NEW-2',
      { productType: item.productType, requirements: 'LISTING_OFFER_ONLY', attributes: { merchant_suggested_asin: [{ value: item.asin, marketplace_id: US }], condition_type: [{ value: 'new_new' }] } },
      { marketplaceId: US },
    );
    expect(incomplete.status).toBe('INVALID');
    expect(incomplete.issues?.map((i) => [i.code, i.attributeNames])).toEqual([
      ['90220', ['purchasable_offer']],
      ['90220', ['fulfillment_availability']],
    ]);
    const wrongType = await putListingsItem(h.client, SELLER, 'ERP-NEW-3', { productType: 'LUGGAGE', requirements: 'LISTING_OFFER_ONLY', attributes: offerAttributes(item.asin, 10, 1) }, { marketplaceId: US });
    expect(wrongType.issues?.map((i) => i.code)).toEqual(['4000003']);
    const unknownAsin = await putListingsItem(h.client, SELLER, 'ERP-NEW-4', { productType: item.productType, requirements: 'LISTING_OFFER_ONLY', attributes: offerAttributes('B000000000', 10, 1) }, { marketplaceId: US });
    expect(unknownAsin.issues?.map((i) => i.code)).toEqual(['4000005']);
    const missingSku = await patchListingsItem(h.client, SELLER, 'NO-SUCH-SKU', { productType: item.productType, patches: [quantity(1)] }, { marketplaceIds: [US] });
    expect(missingSku).toMatchObject({ status: 'INVALID', issues: [{ code: '4000004', marketplaceIds: [US] }] });
    expect(h.problems).toEqual([]);
  });
});

function offerAttributes(asin: string, amount: number, qty: number): Record<string, unknown> {
  return {
    merchant_suggested_asin: [{ value: asin, marketplace_id: US }],
    condition_type: [{ value: 'new_new', marketplace_id: US }],
    purchasable_offer: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: amount }] }] }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: qty }],
  };
}
