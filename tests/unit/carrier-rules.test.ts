import { describe, expect, it } from 'vitest';
import { isPremium, matchCarrierRule, rulesNeedWeight, type ShipmentFacts } from '../../main/services/fulfillment/carrier-rules';
import { carrierRuleSchema, type CarrierConditions, type CarrierRule } from '../../shared/domain/fulfillment';

let nextId = 1;
const rule = (priority: number, carrierCode: string, conditions: CarrierConditions, extra: Partial<CarrierRule> = {}): CarrierRule => ({
  id: nextId++,
  priority,
  name: carrierCode,
  conditions,
  carrierCode,
  carrierName: null,
  shippingService: null,
  labelTemplate: null,
  enabled: true,
  ...extra,
});

const facts = (f: Partial<ShipmentFacts> = {}): ShipmentFacts => ({
  country: 'US',
  region: 'CA',
  warehouseId: 1,
  weightG: 300,
  maxSideMm: 200,
  currency: 'USD',
  valueMinor: 2999,
  premium: false,
  hoursToShipBy: 30,
  ...f,
});

const chosen = (rules: CarrierRule[], f: Partial<ShipmentFacts>) => matchCarrierRule(rules, facts(f))?.carrierCode ?? null;

describe('carrier/channel rules (物流渠道匹配)', () => {
  it('weight ranges are inclusive at both ends: 500 g is the light line, 501 g the heavy one, above 2 kg nothing', () => {
    const rules = [rule(1, 'YunExpress', { weightG: { min: 0, max: 500 } }), rule(2, '4PX', { weightG: { min: 501, max: 2000 } })];
    expect([0, 500, 501, 2000, 2001].map((weightG) => chosen(rules, { weightG }))).toEqual(['YunExpress', 'YunExpress', '4PX', '4PX', null]);
  });

  it('a weight condition never matches an order whose weight is unknown; a rule without one still does', () => {
    const rules = [rule(1, 'YunExpress', { weightG: { max: 500 } }), rule(2, 'China Post', {})];
    expect(chosen(rules, { weightG: null })).toBe('China Post');
    expect(rulesNeedWeight(rules)).toBe(true);
    expect(rulesNeedWeight([rule(1, 'UPS', { countries: ['US'] })])).toBe(false);
  });

  it('value ranges compare in the order currency only, bounds included', () => {
    const rules = [rule(1, 'UPS', { value: { currency: 'USD', min: 10_000 } }), rule(2, 'USPS', { value: { currency: 'USD', max: 9_999 } })];
    expect(chosen(rules, { valueMinor: 10_000 })).toBe('UPS');
    expect(chosen(rules, { valueMinor: 9_999 })).toBe('USPS');
    expect(chosen(rules, { currency: 'CAD', valueMinor: 50_000 })).toBeNull();
  });

  it('the lowest priority number wins among rules that hold; equal priorities go in saved order; disabled rules are skipped', () => {
    const general = rule(5, 'China Post', {});
    const us = rule(1, 'UPS', { countries: ['US'] });
    const usToo = rule(1, 'USPS', { countries: ['US'] });
    const off = rule(0, 'FedEx', {}, { enabled: false });
    expect(chosen([general, usToo, us, off], {})).toBe('UPS');
    expect(chosen([general, us, off], { country: 'DE' })).toBe('China Post');
  });

  it('matches destination, region (any case), warehouse, size, Prime and hours to ship-by', () => {
    const rules = [
      rule(1, 'FedEx', { premium: true, hoursToShipBy: { max: 12 } }),
      rule(2, 'Yamato Transport', { countries: ['JP'], regions: ['北海道'] }),
      rule(3, 'UPS', { countries: ['US'], regions: ['ca', 'NV'], warehouseIds: [2] }),
      rule(4, 'DHL', { maxSideMm: { min: 601 } }),
    ];
    expect(chosen(rules, { premium: true, hoursToShipBy: 12 })).toBe('FedEx');
    expect(chosen(rules, { premium: true, hoursToShipBy: 12.5 })).toBeNull();
    expect(chosen(rules, { premium: true, hoursToShipBy: null })).toBeNull();
    expect(chosen(rules, { country: 'JP', region: '北海道' })).toBe('Yamato Transport');
    expect(chosen(rules, { region: 'CA', warehouseId: 2 })).toBe('UPS');
    expect(chosen(rules, { region: 'CA', warehouseId: 1, maxSideMm: 601 })).toBe('DHL');
    expect(chosen(rules, { region: 'CA', warehouseId: 1, maxSideMm: 600 })).toBeNull();
  });

  it('counts Prime and paid speed as premium, however Amazon spells the level', () => {
    expect(isPremium(['PRIME'], 'STANDARD')).toBe(true);
    expect(isPremium([], 'NextDay')).toBe(true);
    expect(isPremium([], 'NEXT_DAY')).toBe(true);
    expect(isPremium(['AMAZON_BUSINESS'], 'Standard')).toBe(false);
    expect(isPremium([], null)).toBe(false);
  });

  it('refuses to save a rule whose carrier Amazon would refuse', () => {
    const base = { priority: 1, name: 'US light', conditions: { countries: ['us'] } };
    expect(carrierRuleSchema.safeParse({ ...base, carrierCode: 'UPS' }).data?.conditions.countries).toEqual(['US']);
    expect(carrierRuleSchema.safeParse({ ...base, carrierCode: 'Yun Express' }).error?.issues[0]).toMatchObject({ path: ['carrierCode'], message: 'unknown-carrier' });
    expect(carrierRuleSchema.safeParse({ ...base, carrierCode: 'Other' }).error?.issues[0]).toMatchObject({ path: ['carrierName'], message: 'name-required' });
    expect(carrierRuleSchema.safeParse({ ...base, carrierCode: 'Other', carrierName: 'Shenzhen Best Line' }).success).toBe(true);
    expect(carrierRuleSchema.safeParse({ ...base, carrierCode: 'UPS', conditions: { weightG: { min: 600, max: 500 } } }).success).toBe(false);
  });
});
