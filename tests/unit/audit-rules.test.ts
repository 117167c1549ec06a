import { describe, expect, it } from 'vitest';
import { addressIncomplete, poBox, poBoxField, runAuditRules, type AuditContext, type AuditOrderView } from '../../main/services/fulfillment/audit-rules';
import { defaultAuditRules, type AuditRuleSet } from '../../shared/domain/fulfillment';

const US_ADDRESS = { addressLine1: '1234 Maple Ave', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US', phone: '+1 206-555-0123' };
const view = (v: Partial<AuditOrderView> = {}): AuditOrderView => ({
  orderId: '111-0000000-0000001',
  country: 'US',
  address: US_ADDRESS,
  currency: 'USD',
  totalMinor: 2999,
  lines: [{ orderItemId: 'i1', sellerSku: 'MUG-BLUE', quantity: 1, productId: 1 }],
  ...v,
});
const ctx = (c: Partial<AuditContext> = {}): AuditContext => ({ carrierCode: null, stockShortage: null, skusWithoutWeight: [], weightNeeded: false, duplicate: null, ...c });
const rules = (patch: Partial<AuditRuleSet> = {}): AuditRuleSet => ({ ...structuredClone(defaultAuditRules), ...patch });
const addressParams = defaultAuditRules['address-incomplete'].params;
const poParams = defaultAuditRules['po-box'].params;

describe('audit rule: address incomplete', () => {
  it('passes a complete address', () => {
    expect(addressIncomplete(view(), ctx({ carrierCode: 'DHL' }), addressParams)).toEqual([]);
  });

  it('names each missing field; blank text and a phone without digits count as missing', () => {
    const a = { ...US_ADDRESS, postalCode: '  ', city: '' };
    expect(addressIncomplete(view({ address: a }), ctx(), addressParams)).toEqual([{ code: 'address-incomplete', params: { fields: ['city', 'postalCode'], country: 'US', requiredBy: 'country', carrierCode: null } }]);
    expect(addressIncomplete(view({ address: { ...US_ADDRESS, phone: '---' } }), ctx({ carrierCode: 'FedEx' }), addressParams)[0]?.params).toMatchObject({ fields: ['phone'], requiredBy: 'carrier', carrierCode: 'FedEx' });
  });

  it('a Japanese address needs a phone (Japanese carriers print it) but may go without a city line', () => {
    const jp = { addressLine1: '千代田区丸の内1-9-1', stateOrRegion: '東京都', postalCode: '100-0005', countryCode: 'JP' };
    expect(addressIncomplete(view({ country: 'JP', address: jp }), ctx(), addressParams)).toEqual([{ code: 'address-incomplete', params: { fields: ['phone'], country: 'JP', requiredBy: 'country', carrierCode: null } }]);
    expect(addressIncomplete(view({ country: 'JP', address: { ...jp, phone: '090-1234-5678' } }), ctx(), addressParams)).toEqual([]);
  });

  it('a US address without a phone is fine for UPS and USPS, not for DHL', () => {
    const a = { ...US_ADDRESS, phone: undefined };
    expect(addressIncomplete(view({ address: a }), ctx({ carrierCode: 'UPS' }), addressParams)).toEqual([]);
    expect(addressIncomplete(view({ address: a }), ctx({ carrierCode: 'DHL' }), addressParams)).toHaveLength(1);
  });

  it('Hong Kong has no postcodes; the sealed address being gone is reported as such', () => {
    const hk = { addressLine1: 'Flat 5, 12/F, 8 Nathan Road', city: 'Kowloon', countryCode: 'HK', phone: '+852 5123 4567' };
    expect(addressIncomplete(view({ country: 'HK', address: hk }), ctx(), addressParams)).toEqual([]);
    expect(addressIncomplete(view({ address: null }), ctx(), addressParams)[0]?.params).toMatchObject({ fields: ['address'], country: 'US' });
  });
});

describe('audit rule: PO box', () => {
  it.each(['PO Box 123', 'P.O. Box 9', 'p o box 44', 'POBox 12', 'Post Office Box 7', 'POB 15', 'GPO Box 1000', 'Postfach 10 20 30', 'Postbus 2500', 'BP 123', 'Apartado de Correos 12', 'Casella Postale 5', 'Box 1234', '東京中央郵便局 私書箱 12号'])('"%s" is a PO box', (line) => {
    expect(poBoxField({ addressLine1: line })).toBe('addressLine1');
  });

  it.each(['12 Boxford Road', '7 Box Hill Lane', 'Depot Boxes Ltd, 3 Dock St', 'Postfachweg 3', 'Pobrezni 4', 'Boxer Street 2', '44 Bpost Lane'])('"%s" is a street, not a PO box', (line) => {
    expect(poBoxField({ addressLine1: line })).toBeNull();
  });

  it('flags a PO box only for a carrier that refuses them, and before any carrier is chosen', () => {
    const boxed = view({ address: { ...US_ADDRESS, addressLine1: 'Jane Doe', addressLine2: 'PO Box 55' } });
    expect(poBox(boxed, ctx({ carrierCode: 'USPS' }), poParams)).toEqual([]);
    expect(poBox(boxed, ctx({ carrierCode: 'UPS' }), poParams)).toEqual([{ code: 'po-box', params: { field: 'addressLine2', carrierCode: 'UPS' } }]);
    expect(poBox(boxed, ctx(), poParams)).toHaveLength(1);
    expect(poBox(boxed, ctx(), { ...poParams, flagWithoutCarrier: false })).toEqual([]);
  });
});

describe('audit rules run together', () => {
  it('high value: at or above the currency threshold, not below, nothing for a currency without one', () => {
    const run = (totalMinor: number, currency = 'USD') => runAuditRules(view({ totalMinor, currency }), ctx(), rules()).map((f) => f.code);
    expect(run(50_000)).toEqual(['high-value']);
    expect(run(49_999)).toEqual([]);
    expect(run(9_999_999, 'BRL')).toEqual([]);
  });

  it('duplicate order: reported for the configured match only', () => {
    const dup = ctx({ duplicate: { orderId: '111-0000000-0000000', match: 'address' } });
    expect(runAuditRules(view(), dup, rules())).toEqual([{ code: 'duplicate-order', params: { otherOrderId: '111-0000000-0000000', match: 'address', windowHours: 24 } }]);
    expect(runAuditRules(view(), dup, rules({ 'duplicate-order': { enabled: true, params: { windowHours: 24, match: 'buyer' } } }))).toEqual([]);
  });

  it('sku unmapped names the first unmapped seller SKU and how many others; stock and weight come from the context', () => {
    const lines = [
      { orderItemId: 'i1', sellerSku: 'A', quantity: 1, productId: null },
      { orderItemId: 'i2', sellerSku: 'B', quantity: 1, productId: 2 },
      { orderItemId: 'i3', sellerSku: 'C', quantity: 2, productId: null },
    ];
    const shortage = { sku: 'MUG', needed: 3, available: 1, otherSkus: 0, cause: 'short' as const };
    const found = runAuditRules(view({ lines }), ctx({ stockShortage: shortage, skusWithoutWeight: ['MUG', 'LID'], weightNeeded: true }), rules());
    expect(found).toEqual([
      { code: 'stock-insufficient', params: shortage },
      { code: 'sku-unmapped', params: { sellerSku: 'A', otherSkus: 1 } },
      { code: 'weight-unknown', params: { sku: 'MUG', otherSkus: 1 } },
    ]);
    // Without a carrier rule that decides by weight, a missing weight holds nothing up.
    expect(runAuditRules(view(), ctx({ skusWithoutWeight: ['MUG'], weightNeeded: false }), rules())).toEqual([]);
  });

  it('skips disabled and overridden rules, but never the blocking ones', () => {
    const everything = ctx({ stockShortage: { sku: 'MUG', needed: 1, available: 0, otherSkus: 0, cause: 'short' }, carrierCode: 'UPS' });
    const v = view({ totalMinor: 90_000, address: { ...US_ADDRESS, addressLine1: 'PO Box 1' } });
    expect(runAuditRules(v, everything, rules()).map((f) => f.code)).toEqual(['po-box', 'stock-insufficient', 'high-value']);
    const off = rules({ 'high-value': { ...defaultAuditRules['high-value'], enabled: false }, 'stock-insufficient': { enabled: false, params: {} } });
    expect(runAuditRules(v, everything, off).map((f) => f.code)).toEqual(['po-box', 'stock-insufficient']);
    expect(runAuditRules(v, everything, rules(), new Set(['po-box', 'stock-insufficient'] as const)).map((f) => f.code)).toEqual(['stock-insufficient', 'high-value']);
  });
});
