import type { AllocationRuleInput, AuditRuleConfig, CarrierRuleInput, ResolveInput } from '../../../shared/domain/fulfillment';
import type { HandlerMap } from './types';

type FulfillmentChannel =
  | 'fulfillment:exceptions'
  | 'fulfillment:resolve'
  | 'fulfillment:rules'
  | 'fulfillment:set-audit-rules'
  | 'fulfillment:set-allocation-rules'
  | 'fulfillment:set-carrier-rules'
  | 'fulfillment:set-allow-split';

// The rule lists arrive loosely shaped (see the channel file); the service parses them and names what is wrong.
export const fulfillmentHandlers = {
  'fulfillment:exceptions': (core, input) => core.fulfillment.exceptions(input),
  'fulfillment:resolve': (core, { exceptionId, action, note }) => core.fulfillment.resolve(exceptionId, { action, ...(note !== undefined ? { note } : {}) } as ResolveInput),
  'fulfillment:rules': async (core) => {
    const [audit, allocation, carrier, allowSplit] = await Promise.all([
      core.fulfillment.rules.audit.get(),
      core.fulfillment.rules.allocation.get(),
      core.fulfillment.rules.carrier.get(),
      core.fulfillment.rules.allowSplit.get(),
    ]);
    return { audit, allocation, carrier, allowSplit };
  },
  'fulfillment:set-audit-rules': (core, { rules }) => core.fulfillment.rules.audit.set(rules as unknown as AuditRuleConfig[]),
  'fulfillment:set-allocation-rules': (core, { rules }) => core.fulfillment.rules.allocation.set(rules as unknown as AllocationRuleInput[]),
  'fulfillment:set-carrier-rules': (core, { rules }) => core.fulfillment.rules.carrier.set(rules as unknown as CarrierRuleInput[]),
  'fulfillment:set-allow-split': async (core, { allow }) => ({ allow: await core.fulfillment.rules.allowSplit.set(allow) }),
} satisfies HandlerMap<FulfillmentChannel>;
