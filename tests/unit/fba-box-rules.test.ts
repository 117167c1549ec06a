import { describe, expect, it } from 'vitest';
import { boxMarks, boxRuleRegion, cartonBoxId, checkBox, type BoxMeasurements } from '../../shared/fba-box-rules';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';

const box = (over: Partial<BoxMeasurements> = {}): BoxMeasurements => ({
  marketplaceId: US,
  dimensions: { length: 20, width: 15, height: 10, unit: 'IN' },
  weight: { value: 30, unit: 'LB' },
  ...over,
});

describe('FBA box limits at entry', () => {
  it('accepts a US box at exactly 25 in and 50 lb, with no mark', () => {
    expect(checkBox(box({ dimensions: { length: 25, width: 25, height: 25, unit: 'IN' }, weight: { value: 50, unit: 'LB' } }))).toEqual({
      ok: true,
      region: 'na',
      problems: [],
      marks: [],
    });
  });

  it('refuses a 26 in side, saying which limit and by how much', () => {
    expect(checkBox(box({ dimensions: { length: 26, width: 10, height: 10, unit: 'IN' } }))).toMatchObject({
      ok: false,
      problems: [{ reason: 'box-side-too-long', field: 'dimensions', limit: 25, actual: 26, unit: 'IN' }],
    });
  });

  it('refuses 51 lb, and the same box entered in kilograms', () => {
    expect(checkBox(box({ weight: { value: 51, unit: 'LB' } })).problems).toEqual([
      { reason: 'box-too-heavy', field: 'weight', limit: 50, actual: 51, unit: 'LB' },
      { reason: 'box-mark-required', field: 'marks', mark: 'team-lift' },
    ]);
    // 23.2 kg = 51.15 lb: a clerk in Shenzhen weighs in kilograms, Amazon's US rule is in pounds.
    expect(checkBox(box({ weight: { value: 23.2, unit: 'KG' } })).problems[0]).toEqual({ reason: 'box-too-heavy', field: 'weight', limit: 50, actual: 51.15, unit: 'LB' });
    // 63.5 cm is exactly 25 in: at the limit, not over it.
    expect(checkBox(box({ dimensions: { length: 63.5, width: 40, height: 30, unit: 'CM' } })).ok).toBe(true);
    expect(checkBox(box({ dimensions: { length: 64, width: 40, height: 30, unit: 'CM' } })).problems[0]).toMatchObject({ reason: 'box-side-too-long', actual: 25.2 });
  });

  it('lets one oversize unit exceed side and weight, with team lift over 50 lb and mechanical lift over 100 lb', () => {
    const teamLift = checkBox(box({ singleOversizeUnit: true, dimensions: { length: 40, width: 20, height: 12, unit: 'IN' }, weight: { value: 70, unit: 'LB' } }));
    expect(teamLift).toMatchObject({ ok: false, marks: ['team-lift'], problems: [{ reason: 'box-mark-required', mark: 'team-lift' }] });
    expect(checkBox(box({ singleOversizeUnit: true, weight: { value: 70, unit: 'LB' }, marksConfirmed: true }))).toMatchObject({ ok: true, marks: ['team-lift'], problems: [] });
    expect(checkBox(box({ singleOversizeUnit: true, weight: { value: 120, unit: 'LB' }, marksConfirmed: true }))).toMatchObject({ ok: true, marks: ['mechanical-lift'] });
  });

  it('in an EU marketplace, refuses 16 kg until the heavy-package mark is confirmed, and refuses over 23 kg outright', () => {
    const heavy = checkBox(box({ marketplaceId: DE, dimensions: { length: 60, width: 40, height: 40, unit: 'CM' }, weight: { value: 16, unit: 'KG' } }));
    expect(heavy).toEqual({ ok: false, region: 'eu', marks: ['heavy-package'], problems: [{ reason: 'box-mark-required', field: 'marks', mark: 'heavy-package' }] });
    expect(checkBox(box({ marketplaceId: DE, dimensions: { length: 60, width: 40, height: 40, unit: 'CM' }, weight: { value: 16, unit: 'KG' }, marksConfirmed: true }))).toMatchObject({
      ok: true,
      marks: ['heavy-package'],
    });
    expect(checkBox(box({ marketplaceId: UK, dimensions: { length: 60, width: 40, height: 40, unit: 'CM' }, weight: { value: 14.9, unit: 'KG' } }))).toMatchObject({ ok: true, marks: [] });
    expect(checkBox(box({ marketplaceId: DE, dimensions: { length: 60, width: 40, height: 40, unit: 'CM' }, weight: { value: 24, unit: 'KG' }, marksConfirmed: true })).problems).toEqual([
      { reason: 'box-too-heavy', field: 'weight', limit: 23, actual: 24, unit: 'KG' },
    ]);
    expect(checkBox(box({ marketplaceId: DE, dimensions: { length: 64, width: 40, height: 40, unit: 'CM' }, weight: { value: 10, unit: 'KG' } })).problems[0]).toMatchObject({
      reason: 'box-side-too-long',
      limit: 63.5,
      unit: 'CM',
    });
  });

  it('refuses missing, zero, negative or non-numeric measurements without judging the rest', () => {
    expect(checkBox(box({ dimensions: { length: 0, width: 10, height: 10, unit: 'IN' } })).problems).toEqual([{ reason: 'box-dimension-invalid', field: 'dimensions' }]);
    expect(checkBox(box({ weight: { value: Number.NaN, unit: 'LB' } })).problems).toEqual([{ reason: 'box-weight-invalid', field: 'weight' }]);
    expect(checkBox(box({ weight: { value: -3, unit: 'KG' } })).ok).toBe(false);
  });

  it('knows which marketplaces follow the European rules', () => {
    expect([US, DE, UK, 'A1VC38T7YXB528'].map(boxRuleRegion)).toEqual(['na', 'eu', 'eu', 'na']);
    expect(boxMarks(DE, { value: 15, unit: 'KG' })).toEqual(['heavy-package']);
    expect(boxMarks(US, { value: 50, unit: 'LB' })).toEqual([]);
  });
});

describe('carton box ids', () => {
  it('are the shipment confirmation id, U and six digits', () => {
    expect(cartonBoxId('FBA15ABCDEFG', 1)).toBe('FBA15ABCDEFGU000001');
    expect(cartonBoxId('FBA15ABCDEFG', 123456)).toBe('FBA15ABCDEFGU123456');
    expect(() => cartonBoxId('FBA15ABCDEFG', 0)).toThrow(RangeError);
    expect(() => cartonBoxId('FBA15ABCDEFG', 1_000_000)).toThrow(RangeError);
    expect(() => cartonBoxId('fba15abcdefg', 1)).toThrow(RangeError);
  });
});
