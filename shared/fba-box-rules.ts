/**
 * Amazon's limits for FBA inbound cartons, checked where a clerk enters a box (weight and dimensions) and again when
 * its carton label is printed. Pure: the box-packing screen and main use the same verdicts.
 *
 * North America (and, until their own rules are added, every marketplace that is not European): no side over 25 in,
 * no box over 50 lb — unless the box holds a single unit that is itself oversize; such a unit over 50 lb needs
 * "Team Lift" on the top and sides, over 100 lb "Mechanical Lift". Europe and the UK: no side over 63.5 cm, no box over
 * 23 kg (same single-unit exception), and from 15 kg a "Heavy package" mark on the top and sides.
 *
 * A box that needs a mark is refused until the clerk confirms the mark is on it (`marksConfirmed`), so a heavy box
 * never leaves the packing table unmarked; the carton label prints the mark too.
 */

export type LengthUnit = 'IN' | 'CM';
export type WeightUnit = 'LB' | 'KG';
export type BoxRuleRegion = 'na' | 'eu';
export type BoxMark = 'team-lift' | 'mechanical-lift' | 'heavy-package';

export interface BoxMeasurements {
  marketplaceId: string;
  dimensions: { length: number; width: number; height: number; unit: LengthUnit };
  weight: { value: number; unit: WeightUnit };
  /** The box holds exactly one unit, and that unit is oversize: Amazon's exception to the side and weight limits. */
  singleOversizeUnit?: boolean;
  /** The clerk confirmed the marks the box needs (team lift, heavy package…) are on its top and sides. */
  marksConfirmed?: boolean;
}

export type BoxProblemReason = 'box-dimension-invalid' | 'box-weight-invalid' | 'box-side-too-long' | 'box-too-heavy' | 'box-mark-required';

export interface BoxProblem {
  reason: BoxProblemReason;
  field: 'dimensions' | 'weight' | 'marks';
  /** The limit and the box's value, both in `unit` (the unit the marketplace's rule is written in). */
  limit?: number;
  actual?: number;
  unit?: LengthUnit | WeightUnit;
  mark?: BoxMark;
}

export interface BoxVerdict {
  ok: boolean;
  region: BoxRuleRegion;
  problems: BoxProblem[];
  /** What must be marked on the box (and is printed on its carton label), heaviest first. */
  marks: BoxMark[];
}

export const CM_PER_IN = 2.54;
export const KG_PER_LB = 0.45359237;

export const BOX_RULES = {
  na: { maxSide: { value: 25, unit: 'IN' }, maxWeight: { value: 50, unit: 'LB' }, teamLiftAbove: 50, mechanicalLiftAbove: 100 },
  eu: { maxSide: { value: 63.5, unit: 'CM' }, maxWeight: { value: 23, unit: 'KG' }, heavyFrom: 15 },
} as const;

/** Amazon.co.uk and the EU marketplaces share the European packaging rules. */
const EUROPEAN_MARKETPLACES = new Set([
  'A1F83G8C2ARO7P', // UK
  'A1PA6795UKMFR9', // DE
  'A13V1IB3VIYZZH', // FR
  'APJ6JRA9NG5V4', // IT
  'A1RKKUPIHCS9HS', // ES
  'A1805IZSGTT6HS', // NL
  'A2NODRKZP88ZB9', // SE
  'A1C3SOZRARQ6R3', // PL
  'AMEN7PMS3EDWL', // BE
  'A28R8C7NBKEWEA', // IE
]);

export const boxRuleRegion = (marketplaceId: string): BoxRuleRegion => (EUROPEAN_MARKETPLACES.has(marketplaceId) ? 'eu' : 'na');

const toInches = (v: number, unit: LengthUnit) => (unit === 'IN' ? v : v / CM_PER_IN);
const toCm = (v: number, unit: LengthUnit) => (unit === 'CM' ? v : v * CM_PER_IN);
const toLb = (v: number, unit: WeightUnit) => (unit === 'LB' ? v : v / KG_PER_LB);
const toKg = (v: number, unit: WeightUnit) => (unit === 'KG' ? v : v * KG_PER_LB);
const round2 = (x: number) => Math.round(x * 100) / 100;
/** 63.5 cm is exactly 25 in; unit conversion must not turn a box at the limit into one over it. */
const over = (value: number, limit: number) => value - limit > 1e-9 * limit;

const positive = (x: number) => Number.isFinite(x) && x > 0;

/** The marks a box of this weight needs in this marketplace, whether or not the box is otherwise allowed. */
export function boxMarks(marketplaceId: string, weight: { value: number; unit: WeightUnit }): BoxMark[] {
  if (!positive(weight.value)) return [];
  if (boxRuleRegion(marketplaceId) === 'eu') return toKg(weight.value, weight.unit) >= BOX_RULES.eu.heavyFrom - 1e-9 ? ['heavy-package'] : [];
  const lb = toLb(weight.value, weight.unit);
  if (over(lb, BOX_RULES.na.mechanicalLiftAbove)) return ['mechanical-lift'];
  if (over(lb, BOX_RULES.na.teamLiftAbove)) return ['team-lift'];
  return [];
}

export function checkBox(box: BoxMeasurements): BoxVerdict {
  const region = boxRuleRegion(box.marketplaceId);
  const rules = BOX_RULES[region];
  const problems: BoxProblem[] = [];
  const { length, width, height, unit } = box.dimensions;
  const sides = [length, width, height];

  if (!sides.every(positive)) problems.push({ reason: 'box-dimension-invalid', field: 'dimensions' });
  if (!positive(box.weight.value)) problems.push({ reason: 'box-weight-invalid', field: 'weight' });
  if (problems.length) return { ok: false, region, problems, marks: [] };

  const oversizeException = box.singleOversizeUnit === true;
  const side = Math.max(...sides.map((s) => (rules.maxSide.unit === 'IN' ? toInches(s, unit) : toCm(s, unit))));
  if (!oversizeException && over(side, rules.maxSide.value)) {
    problems.push({ reason: 'box-side-too-long', field: 'dimensions', limit: rules.maxSide.value, actual: round2(side), unit: rules.maxSide.unit });
  }
  const weight = rules.maxWeight.unit === 'LB' ? toLb(box.weight.value, box.weight.unit) : toKg(box.weight.value, box.weight.unit);
  if (!oversizeException && over(weight, rules.maxWeight.value)) {
    problems.push({ reason: 'box-too-heavy', field: 'weight', limit: rules.maxWeight.value, actual: round2(weight), unit: rules.maxWeight.unit });
  }
  const marks = boxMarks(box.marketplaceId, box.weight);
  if (!box.marksConfirmed) {
    for (const mark of marks) problems.push({ reason: 'box-mark-required', field: 'marks', mark });
  }
  return { ok: problems.length === 0, region, problems, marks };
}

/** Amazon's shipment confirmation ids: `FBA` and upper-case letters/digits (FBA15ABCDEFG, FBA1234ABCD). */
export const isShipmentConfirmationId = (id: string): boolean => /^FBA[A-Z0-9]{5,15}$/.test(id);

export const MAX_BOX_NUMBER = 999_999;

/** The carton's id on its label: the shipment confirmation id, `U`, and the box number in six digits. */
export function cartonBoxId(shipmentConfirmationId: string, boxNumber: number): string {
  if (!isShipmentConfirmationId(shipmentConfirmationId)) throw new RangeError('not a shipment confirmation id');
  if (!Number.isInteger(boxNumber) || boxNumber < 1 || boxNumber > MAX_BOX_NUMBER) throw new RangeError('box number out of range');
  return `${shipmentConfirmationId}U${String(boxNumber).padStart(6, '0')}`;
}
