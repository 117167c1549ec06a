import type { Knex } from 'knex';
import { cleanScan } from '../../../shared/barcodes';
import { checkBox, type BoxMark } from '../../../shared/fba-box-rules';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import { addToBox, boxes, boxItems, deleteBox, getBox, getPlan, insertBox, packingGroupItems, planItems, updateBox, updatePlan, type BoxRow, type PlanItemRow, type PlanRow } from './plans.repo';

/** Resolves a scanned code to a product id and the units one scan counts (a case barcode counts several). */
export type ScanResolver = (code: string) => Promise<{ productId: number; units: number }>;

/** Boxes may change until their contents are sent to Amazon, and again when Amazon refused them. */
function boxesEditable(plan: PlanRow): boolean {
  if (plan.status === 'done' || plan.step === 'cancelling') return false;
  if (['create', 'generate-packing', 'choose-packing', 'confirm-packing', 'pack-boxes'].includes(plan.step)) return true;
  return plan.step === 'send-packing' && plan.status === 'failed';
}

export async function editablePlan(db: Queryable, planId: number): Promise<PlanRow> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new AppError('not-found', { entity: 'fba-plan', id: planId });
  if (!boxesEditable(plan)) throw new AppError('conflict', { reason: 'boxes-locked', step: plan.step });
  return plan;
}

async function openBoxOf(db: Queryable, planId: number, boxId: number): Promise<BoxRow> {
  const box = await getBox(db, planId, boxId);
  if (!box) throw new AppError('not-found', { entity: 'fba-box', id: boxId });
  if (box.status !== 'open') throw new AppError('conflict', { reason: 'box-closed', box: box.box_number });
  return box;
}

/** msku → packing group, once Amazon has said which items go together (after the packing option is confirmed). */
async function groupOf(db: Queryable, planId: number): Promise<Map<string, string>> {
  return new Map((await packingGroupItems(db, planId)).map((g) => [g.msku, g.packing_group_id]));
}

async function packedByItem(db: Queryable, planId: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const r of await boxItems(db, planId)) out.set(r.plan_item_id, (out.get(r.plan_item_id) ?? 0) + r.quantity);
  return out;
}

export async function openBoxIn(trx: Knex.Transaction, planId: number, now: string): Promise<number> {
  await editablePlan(trx, planId);
  return insertBox(trx, planId, now);
}

/**
 * Finds the plan line a scanned code names: the FNSKU or seller SKU of a line first (what is printed on the unit
 * label), else whatever the catalog knows the code as (UPC/EAN, the product's own SKU, a case code).
 */
async function lineForCode(items: readonly PlanItemRow[], code: string, resolve: ScanResolver): Promise<{ item: PlanItemRow; units: number }> {
  const clean = cleanScan(code).toUpperCase();
  const direct = items.find((i) => i.fnsku.toUpperCase() === clean || i.msku.toUpperCase() === clean);
  if (direct) return { item: direct, units: 1 };
  let resolved: { productId: number; units: number };
  try {
    resolved = await resolve(code);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not-found') throw new AppError('invalid-input', { field: 'code', reason: 'not-in-plan', code: clean.slice(0, 100) });
    throw err;
  }
  const item = items.find((i) => i.product_id === resolved.productId);
  if (!item) throw new AppError('invalid-input', { field: 'code', reason: 'not-in-plan', code: clean.slice(0, 100) });
  return { item, units: resolved.units };
}

/**
 * Puts scanned units into an open box. Refused, changing nothing, when the code is not a line of the plan, when the
 * units would take the line above its planned quantity across all boxes, or when the line belongs to another packing
 * group than the box's (Amazon takes box contents per packing group).
 */
export async function scanIntoBoxIn(trx: Knex.Transaction, input: { planId: number; boxId: number; code: string; quantity: number }, resolve: ScanResolver) {
  const plan = await editablePlan(trx, input.planId);
  const box = await openBoxOf(trx, plan.id, input.boxId);
  const items = await planItems(trx, plan.id);
  const { item, units } = await lineForCode(items, input.code, resolve);
  const adding = units * input.quantity;
  const packed = (await packedByItem(trx, plan.id)).get(item.id) ?? 0;
  if (packed + adding > item.quantity) throw new AppError('conflict', { reason: 'over-planned', sku: item.msku, planned: item.quantity, packed, requested: adding });
  const group = (await groupOf(trx, plan.id)).get(item.msku) ?? null;
  if (group && box.packing_group_id && group !== box.packing_group_id) throw new AppError('conflict', { reason: 'other-packing-group', sku: item.msku, box: box.box_number });
  if (group && !box.packing_group_id) await updateBox(trx, box.id, { packing_group_id: group });
  await addToBox(trx, box.id, item.id, adding);
  return { planItemId: item.id, sku: item.msku, fnsku: item.fnsku, added: adding, packed: packed + adding, planned: item.quantity };
}

export async function removeFromBoxIn(trx: Knex.Transaction, input: { planId: number; boxId: number; planItemId: number; quantity: number }) {
  const plan = await editablePlan(trx, input.planId);
  const box = await openBoxOf(trx, plan.id, input.boxId);
  const inBox = (await boxItems(trx, plan.id)).find((r) => r.box_id === box.id && r.plan_item_id === input.planItemId);
  if (!inBox) throw new AppError('not-found', { entity: 'fba-box-item', id: input.planItemId });
  if (input.quantity > inBox.quantity) throw new AppError('invalid-input', { field: 'quantity', reason: 'more-than-in-box', inBox: inBox.quantity });
  await addToBox(trx, box.id, input.planItemId, -input.quantity);
  const left = (await boxItems(trx, plan.id)).filter((r) => r.box_id === box.id);
  if (left.length === 0 && box.packing_group_id) await updateBox(trx, box.id, { packing_group_id: null });
}

/**
 * Closes a box with its weight and dimensions, checked against Amazon's box rules for the plan's marketplace (side,
 * weight, and the marks a heavy box must carry). A refusal names the rule, the limit and the box's value; nothing is
 * written.
 */
export async function closeBoxIn(
  trx: Knex.Transaction,
  input: { planId: number; boxId: number; weightG: number; lengthMm: number; widthMm: number; heightMm: number; marksConfirmed: boolean },
  now: string,
): Promise<{ marks: BoxMark[] }> {
  const plan = await editablePlan(trx, input.planId);
  const box = await openBoxOf(trx, plan.id, input.boxId);
  const contents = (await boxItems(trx, plan.id)).filter((r) => r.box_id === box.id);
  if (contents.length === 0) throw new AppError('conflict', { reason: 'box-empty', box: box.box_number });
  const verdict = checkBox({
    marketplaceId: plan.marketplace_id,
    dimensions: { length: input.lengthMm / 10, width: input.widthMm / 10, height: input.heightMm / 10, unit: 'CM' },
    weight: { value: input.weightG / 1000, unit: 'KG' },
    marksConfirmed: input.marksConfirmed,
  });
  const problem = verdict.problems[0];
  if (problem) {
    const params: Record<string, string | number> = { field: problem.field, reason: problem.reason, box: box.box_number };
    if (problem.limit !== undefined) params.limit = problem.limit;
    if (problem.actual !== undefined) params.actual = problem.actual;
    if (problem.unit !== undefined) params.unit = problem.unit;
    if (problem.mark !== undefined) params.mark = problem.mark;
    throw new AppError('invalid-input', params);
  }
  await updateBox(trx, box.id, {
    status: 'closed',
    length_mm: input.lengthMm,
    width_mm: input.widthMm,
    height_mm: input.heightMm,
    weight_g: input.weightG,
    marks_json: JSON.stringify(verdict.marks),
    closed_at: now,
  });
  return { marks: verdict.marks };
}

export async function reopenBoxIn(trx: Knex.Transaction, planId: number, boxId: number): Promise<void> {
  const plan = await editablePlan(trx, planId);
  const box = await getBox(trx, plan.id, boxId);
  if (!box) throw new AppError('not-found', { entity: 'fba-box', id: boxId });
  await updateBox(trx, box.id, { status: 'open', closed_at: null });
}

/**
 * The clerk says the boxes are done: every planned unit is in a closed box, and every box holds items of one packing
 * group. Empty open boxes are dropped. The step driver then sends the contents to Amazon.
 */
export async function submitBoxesIn(trx: Knex.Transaction, planId: number, now: string): Promise<void> {
  const plan = await getPlan(trx, planId);
  if (!plan) throw new AppError('not-found', { entity: 'fba-plan', id: planId });
  const resend = plan.step === 'send-packing' && plan.status === 'failed';
  if (!(plan.step === 'pack-boxes' || resend)) throw new AppError('conflict', { reason: 'wrong-step', step: plan.step });
  const items = await planItems(trx, plan.id);
  const packed = await packedByItem(trx, plan.id);
  for (const item of items) {
    const n = packed.get(item.id) ?? 0;
    if (n !== item.quantity) throw new AppError('conflict', { reason: 'not-all-packed', sku: item.msku, planned: item.quantity, packed: n });
  }
  const contents = await boxItems(trx, plan.id);
  const groups = await groupOf(trx, plan.id);
  const msku = new Map(items.map((i) => [i.id, i.msku]));
  for (const box of await boxes(trx, plan.id)) {
    const mine = contents.filter((c) => c.box_id === box.id);
    if (mine.length === 0) {
      await deleteBox(trx, box.id);
      continue;
    }
    if (box.status !== 'closed') throw new AppError('conflict', { reason: 'box-open', box: box.box_number });
    const boxGroups = new Set(mine.map((c) => groups.get(msku.get(c.plan_item_id) ?? '') ?? ''));
    if (boxGroups.size !== 1 || boxGroups.has('')) throw new AppError('conflict', { reason: 'box-mixes-packing-groups', box: box.box_number });
    const [group] = [...boxGroups];
    if (group && group !== box.packing_group_id) await updateBox(trx, box.id, { packing_group_id: group });
  }
  if (!(await updatePlan(trx, plan.id, plan.version, { step: 'send-packing', status: 'ready', problems: null }, now))) throw new AppError('conflict', { reason: 'plan-changed' });
}
