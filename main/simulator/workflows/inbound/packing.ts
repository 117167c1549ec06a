import { problem, PROBLEMS } from './problems';
import type { BoxRecord, OperationProblem } from './records';
import type { SetPackingInformationBody } from './requests';
import { cmIn, kgIn, rulesFor, toCm, toKg } from './rules';

type BoxInput = SetPackingInformationBody['packageGroupings'][number]['boxes'][number];

/**
 * setPackingInformation's boxes for one packing group or shipment, checked as Amazon's back end does: each box within the
 * marketplace's limits, BOX_CONTENT_PROVIDED boxes listing only planned MSKUs, and (when every box lists its contents)
 * the units packed equal to the units planned. A box with `quantity` n becomes n boxes.
 */
export function packBoxes(marketplaceId: string, inputs: readonly BoxInput[], planned: ReadonlyMap<string, number>, nextPackageId: () => string): { boxes: BoxRecord[]; problems: OperationProblem[] } {
  const problems: OperationProblem[] = [];
  const boxes: BoxRecord[] = [];
  const packed = new Map<string, number>();
  let contentsKnown = true;
  for (const [index, input] of inputs.entries()) {
    problems.push(...checkBox(marketplaceId, input, index + 1));
    const items = new Map<string, number>();
    if (input.contentInformationSource === 'BOX_CONTENT_PROVIDED') {
      if (!input.items?.length) problems.push(problem(PROBLEMS.boxContentMissing, `box ${index + 1}`));
      for (const item of input.items ?? []) {
        if (item.quantity < 1) problems.push(problem(PROBLEMS.invalidQuantity, item.msku, `box ${index + 1}`));
        if (!planned.has(item.msku)) problems.push(problem(PROBLEMS.boxContentMismatch, item.msku, `box ${index + 1} holds an MSKU that is not in this group`));
        items.set(item.msku, (items.get(item.msku) ?? 0) + item.quantity);
      }
    } else {
      contentsKnown = false;
      if (input.items?.length) problems.push(problem(PROBLEMS.boxContentNotAllowed, `box ${index + 1}`));
    }
    for (let copy = 0; copy < input.quantity; copy++) {
      for (const [msku, qty] of items) packed.set(msku, (packed.get(msku) ?? 0) + qty);
      boxes.push({ packageId: nextPackageId(), contentSource: input.contentInformationSource, dimensions: input.dimensions, weight: input.weight, items: new Map(items) });
    }
  }
  if (contentsKnown) {
    for (const msku of new Set([...planned.keys(), ...packed.keys()])) {
      const want = planned.get(msku) ?? 0;
      const got = packed.get(msku) ?? 0;
      if (want !== got && planned.has(msku)) problems.push(problem(PROBLEMS.boxContentMismatch, msku, `planned ${want}, packed ${got}`));
    }
  }
  return { boxes, problems };
}

/** Amazon's per-box limits in the marketplace's own units: 50 lb / 25 in in North America, 23 kg / 63.5 cm in Europe. */
function checkBox(marketplaceId: string, box: BoxInput, n: number): OperationProblem[] {
  const rules = rulesFor(marketplaceId);
  if (!rules) return [];
  const out: OperationProblem[] = [];
  const kg = toKg(box.weight);
  const maxKg = toKg(rules.maxBoxWeight);
  if (kg > maxKg + 1e-9) {
    const shown = Math.round(kgIn(kg, rules.maxBoxWeight.unit) * 100) / 100;
    out.push(problem(PROBLEMS.boxWeightExceeded, `box ${n}`, `${shown} ${rules.maxBoxWeight.unit} > ${rules.maxBoxWeight.value} ${rules.maxBoxWeight.unit}`));
  }
  const maxCm = toCm(rules.maxBoxSide.value, rules.maxBoxSide.unit);
  const d = box.dimensions;
  const longest = Math.max(toCm(d.length, d.unitOfMeasurement), toCm(d.width, d.unitOfMeasurement), toCm(d.height, d.unitOfMeasurement));
  if (longest > maxCm + 1e-9) {
    const shown = Math.round(cmIn(longest, rules.maxBoxSide.unit) * 100) / 100;
    out.push(problem(PROBLEMS.boxDimensionExceeded, `box ${n}`, `${shown} ${rules.maxBoxSide.unit} > ${rules.maxBoxSide.value} ${rules.maxBoxSide.unit}`));
  }
  if (kg <= 0 || Math.min(d.length, d.width, d.height) <= 0) out.push(problem(PROBLEMS.boxMeasurementsMissing, `box ${n}`));
  return out;
}

