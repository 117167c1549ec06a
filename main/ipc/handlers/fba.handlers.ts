import type { HandlerMap } from './types';

/** Annotated rather than inferred: the plan detail's inferred type grew past what the compiler will print. */
type FbaChannel =
  | 'fba:plans'
    | 'fba:plan'
    | 'fba:suggestions'
    | 'fba:create-plan'
    | 'fba:choose-packing'
    | 'fba:choose-placement'
    | 'fba:choose-transport'
    | 'fba:choose-windows'
    | 'fba:upload-tracking'
    | 'fba:retry-step'
    | 'fba:cancel-plan'
    | 'fba:open-box'
    | 'fba:scan-into-box'
    | 'fba:close-box'
    | 'fba:reopen-box'
    | 'fba:remove-from-box'
    | 'fba:submit-boxes'
    | 'fba:amazon-labels'
    | 'fba:refresh';

export const fbaHandlers: HandlerMap<FbaChannel> = {
  'fba:plans': (core, input) => core.fba.plans(input),
  'fba:plan': (core, { planId }) => core.fba.plan(planId),
  'fba:suggestions': (core, input) => core.fba.suggestions(input),
  'fba:create-plan': (core, input) => core.fba.createPlan(input),
  'fba:choose-packing': (core, input) => core.fba.choosePacking(input),
  'fba:choose-placement': (core, input) => core.fba.choosePlacement(input),
  'fba:choose-transport': (core, input) => core.fba.chooseTransport(input),
  'fba:choose-windows': (core, input) => core.fba.chooseWindows(input),
  'fba:upload-tracking': (core, input) => core.fba.uploadTracking(input),
  'fba:retry-step': (core, input) => core.fba.retryStep(input),
  'fba:cancel-plan': (core, input) => core.fba.cancelPlan(input),
  'fba:open-box': (core, input) => core.fba.openBox(input),
  'fba:scan-into-box': (core, input) => core.fba.scanIntoBox(input),
  'fba:close-box': (core, input) => core.fba.closeBox(input),
  'fba:reopen-box': (core, input) => core.fba.reopenBox(input),
  'fba:remove-from-box': (core, input) => core.fba.removeFromBox(input),
  'fba:submit-boxes': (core, input) => core.fba.submitBoxes(input),
  'fba:amazon-labels': async (core, input) => {
    const { fileName, bytes, pages } = await core.fba.amazonLabels(input);
    return { fileName, base64: bytes.toString('base64'), pages };
  },
  'fba:refresh': async (core, { planId }) => {
    await core.fba.drivePlan(planId, { forceReceipts: true });
    return core.fba.plan(planId);
  },
};
