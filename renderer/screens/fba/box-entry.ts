import { BOX_RULES, boxRuleRegion, checkBox, CM_PER_IN, KG_PER_LB, type BoxMark, type BoxProblem } from '../../../shared/fba-box-rules';

/** The units the clerk measures in: inches and pounds for North America, centimetres and kilograms elsewhere. */
export type EntryUnits = 'in-lb' | 'cm-kg';
export const defaultUnits = (marketplaceId: string): EntryUnits => (boxRuleRegion(marketplaceId) === 'na' ? 'in-lb' : 'cm-kg');

export interface BoxEntry {
  length: string;
  width: string;
  height: string;
  weight: string;
  marksConfirmed: boolean;
}

export type EntryField = 'length' | 'width' | 'height' | 'weight' | 'marks';

/** One field's problem, with what the reason's sentence needs. */
export interface FieldProblem {
  reason: BoxProblem['reason'];
  limit?: number;
  actual?: number;
  unit?: string;
}

export interface EntryVerdict {
  /** Problems per field, shown at the field as the clerk types. Empty fields are not problems until submit. */
  problems: Partial<Record<EntryField, FieldProblem>>;
  /** Marks the box needs at this weight (shown as soon as a weight is typed). */
  marks: BoxMark[];
  /** What `fba:close-box` takes, once every field is filled and nothing is refused. */
  values: { lengthMm: number; widthMm: number; heightMm: number; weightG: number; marksConfirmed: boolean } | null;
}

const SIDES = ['length', 'width', 'height'] as const;

/** Accepts a decimal comma as typed on a Chinese or German keyboard layout. */
function parse(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

const toMm = (v: number, units: EntryUnits) => Math.round(units === 'in-lb' ? v * CM_PER_IN * 10 : v * 10);
const toG = (v: number, units: EntryUnits) => Math.round(units === 'in-lb' ? v * KG_PER_LB * 1000 : v * 1000);

/**
 * Checks a box's measurements against Amazon's rules for the plan's marketplace (`shared/fba-box-rules`, the same
 * verdict main gives), field by field: the side over the limit is named, not just "dimensions". `submitting` turns
 * empty fields into problems too.
 */
export function checkEntry(entry: BoxEntry, marketplaceId: string, units: EntryUnits, submitting = false): EntryVerdict {
  const problems: EntryVerdict['problems'] = {};
  const lengthUnit = units === 'in-lb' ? 'IN' : 'CM';
  const weightUnit = units === 'in-lb' ? 'LB' : 'KG';
  const sides = SIDES.map((f) => parse(entry[f]));
  const weight = parse(entry.weight);

  SIDES.forEach((field, i) => {
    const v = sides[i];
    if (v === null) {
      if (submitting) problems[field] = { reason: 'box-dimension-invalid' };
      return;
    }
    if (!(v! > 0)) {
      problems[field] = { reason: 'box-dimension-invalid' };
      return;
    }
    // Each side alone against the limit, so the one that is too long carries the message.
    const one = checkBox({ marketplaceId, dimensions: { length: v!, width: 1, height: 1, unit: lengthUnit }, weight: { value: 1, unit: weightUnit }, marksConfirmed: true });
    const tooLong = one.problems.find((p) => p.reason === 'box-side-too-long');
    if (tooLong) problems[field] = { reason: tooLong.reason, ...limits(tooLong) };
  });

  let marks: BoxMark[] = [];
  if (weight === null) {
    if (submitting) problems.weight = { reason: 'box-weight-invalid' };
  } else if (!(weight > 0)) {
    problems.weight = { reason: 'box-weight-invalid' };
  } else {
    const verdict = checkBox({ marketplaceId, dimensions: { length: 1, width: 1, height: 1, unit: lengthUnit }, weight: { value: weight, unit: weightUnit }, marksConfirmed: entry.marksConfirmed });
    marks = verdict.marks;
    const heavy = verdict.problems.find((p) => p.reason === 'box-too-heavy');
    if (heavy) problems.weight = { reason: heavy.reason, ...limits(heavy) };
    const mark = verdict.problems.find((p) => p.reason === 'box-mark-required');
    if (mark) problems.marks = { reason: 'box-mark-required' };
  }

  const complete = sides.every((s) => s !== null && s > 0) && weight !== null && weight > 0;
  const values =
    complete && Object.keys(problems).length === 0
      ? { lengthMm: toMm(sides[0]!, units), widthMm: toMm(sides[1]!, units), heightMm: toMm(sides[2]!, units), weightG: toG(weight, units), marksConfirmed: entry.marksConfirmed }
      : null;
  return { problems, marks, values };
}

function limits(p: BoxProblem): Omit<FieldProblem, 'reason'> {
  return { ...(p.limit !== undefined ? { limit: p.limit } : {}), ...(p.actual !== undefined ? { actual: p.actual } : {}), ...(p.unit ? { unit: p.unit.toLowerCase() } : {}) };
}

/** The limits the entry fields show as helper text before anything is typed. */
export function limitsText(marketplaceId: string): { side: string; weight: string } {
  const region = boxRuleRegion(marketplaceId);
  if (region === 'na') return { side: `${BOX_RULES.na.maxSide.value} in`, weight: `${BOX_RULES.na.maxWeight.value} lb` };
  return { side: `${BOX_RULES.eu.maxSide.value} cm`, weight: `${BOX_RULES.eu.maxWeight.value} kg` };
}

/** A closed box's measurements in the units the clerk uses. */
export function measuredText(box: { lengthMm: number | null; widthMm: number | null; heightMm: number | null; weightG: number | null }, units: EntryUnits): string {
  if (box.lengthMm === null || box.widthMm === null || box.heightMm === null || box.weightG === null) return '';
  const len = (mm: number) => (units === 'in-lb' ? mm / 10 / CM_PER_IN : mm / 10);
  const r = (x: number) => Math.round(x * 10) / 10;
  const w = units === 'in-lb' ? box.weightG / 1000 / KG_PER_LB : box.weightG / 1000;
  const [lu, wu] = units === 'in-lb' ? ['in', 'lb'] : ['cm', 'kg'];
  return `${r(len(box.lengthMm))}×${r(len(box.widthMm))}×${r(len(box.heightMm))} ${lu} · ${r(w)} ${wu}`;
}
