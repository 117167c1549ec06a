import type { PlanStatus, PlanStep } from '../../../shared/domain/fba-inbound';

/** The builder's stages as the Stepper shows them; each of Amazon's steps belongs to one. */
export const stages = ['source', 'packing', 'boxes', 'placement', 'transport', 'shipments'] as const;
export type Stage = (typeof stages)[number];

const STAGE_OF: Record<PlanStep, Stage> = {
  create: 'source',
  'generate-packing': 'packing',
  'choose-packing': 'packing',
  'confirm-packing': 'packing',
  'pack-boxes': 'boxes',
  'send-packing': 'boxes',
  'generate-placement': 'placement',
  'choose-placement': 'placement',
  'confirm-placement': 'placement',
  'generate-transport': 'transport',
  'choose-transport': 'transport',
  'confirm-transport': 'transport',
  receiving: 'shipments',
  closed: 'shipments',
  cancelling: 'source',
  cancelled: 'source',
};

export const stageOf = (step: PlanStep): Stage => STAGE_OF[step];
export const stageIndex = (step: PlanStep): number => stages.indexOf(STAGE_OF[step]);

/** Who the list's chip names: the user's turn, Amazon working, a refused step, or nothing left to do. */
export type NextActor = 'you' | 'amazon' | 'failed' | 'done';

export function nextActor(step: PlanStep, status: PlanStatus): NextActor {
  if (status === 'failed') return 'failed';
  if (status === 'done' || step === 'closed' || step === 'cancelled') return 'done';
  // Receiving is Amazon counting the units in; the app only reads its figures.
  if (status === 'waiting' && step !== 'receiving') return 'you';
  return 'amazon';
}

/** Amazon is (or is about to be) working on a step: the screen shows a spinner and polls. Receiving takes days and has its own "check" button. */
export const amazonWorking = (step: PlanStep, status: PlanStatus): boolean => (status === 'ready' || status === 'in-flight') && step !== 'closed' && step !== 'receiving';

/** The Stepper marks a stage done once the plan is past it, and the plan's own stage failed while Amazon refuses it. */
export function stageState(stage: Stage, step: PlanStep, status: PlanStatus): 'done' | 'active' | 'failed' | 'todo' {
  const here = stageIndex(step);
  const i = stages.indexOf(stage);
  if (step === 'closed') return 'done';
  if (i < here) return 'done';
  if (i > here) return 'todo';
  return status === 'failed' ? 'failed' : 'active';
}
