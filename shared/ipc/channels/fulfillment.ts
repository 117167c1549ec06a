import { z } from 'zod';
import {
  auditRuleConfigSchema,
  carrierConditionsSchema,
  exceptionReasonCodes,
  exceptionReasonSchema,
  exceptionResolutions,
  workflowStates,
} from '../../domain/fulfillment';
import { channel } from '../channel';

const id = z.number().int().positive();
const countsByReason = z.object(Object.fromEntries(exceptionReasonCodes.map((c) => [c, z.number().int()])) as Record<(typeof exceptionReasonCodes)[number], z.ZodNumber>);

export const openExceptionSchema = z.object({
  id,
  orderId: z.string(),
  reasonCode: exceptionReasonSchema,
  params: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.enum(exceptionResolutions).nullable(),
  note: z.string().nullable(),
  marketplaceId: z.string(),
  state: z.enum(workflowStates),
  version: z.number().int(),
  shipByLatest: z.string().nullable(),
});

const allocationRuleOut = z.object({ id, priority: z.number().int(), warehouseId: id, countries: z.array(z.string()).nullable(), enabled: z.boolean() });
const carrierRuleOut = z.object({
  id,
  priority: z.number().int(),
  name: z.string(),
  conditions: carrierConditionsSchema,
  carrierCode: z.string(),
  carrierName: z.string().nullable(),
  shippingService: z.string().nullable(),
  labelTemplate: z.string().nullable(),
  enabled: z.boolean(),
});

export const fulfillmentRulesSchema = z.object({
  audit: z.array(auditRuleConfigSchema),
  allocation: z.array(allocationRuleOut),
  carrier: z.array(carrierRuleOut),
  allowSplit: z.boolean(),
});

/**
 * Rule lists cross the bridge loosely shaped on purpose: the service parses them in full, so a wrong carrier code comes
 * back with its reason (`unknown-carrier` at `3.carrierCode`) instead of the bridge's bare list of bad paths.
 */
const ruleList = z.array(z.record(z.string(), z.unknown())).max(500);

export const fulfillmentChannels = {
  /** The open exception pool (异常订单), a page of it, with counts per reason over the whole pool. */
  'fulfillment:exceptions': channel({
    input: z.object({ reason: exceptionReasonSchema.optional(), limit: z.number().int().min(1).max(500), offset: z.number().int().min(0).optional() }).strict(),
    output: z.object({ rows: z.array(openExceptionSchema), total: z.number().int(), countsByReason }),
  }),
  /** A person settles one exception: wave it through with a note, recheck after fixing the cause, or cancel. */
  'fulfillment:resolve': channel({
    input: z.object({ exceptionId: id, action: z.enum(['override', 'recheck', 'cancel']), note: z.string().max(2000).optional() }).strict(),
    output: z.object({ state: z.enum(workflowStates), version: z.number().int(), open: z.number().int() }),
  }),
  'fulfillment:rules': channel({ input: z.object({}).strict(), output: fulfillmentRulesSchema }),
  'fulfillment:set-audit-rules': channel({ input: z.object({ rules: ruleList }).strict(), output: z.array(auditRuleConfigSchema) }),
  'fulfillment:set-allocation-rules': channel({ input: z.object({ rules: ruleList }).strict(), output: z.array(allocationRuleOut) }),
  'fulfillment:set-carrier-rules': channel({ input: z.object({ rules: ruleList }).strict(), output: z.array(carrierRuleOut) }),
  'fulfillment:set-allow-split': channel({ input: z.object({ allow: z.boolean() }).strict(), output: z.object({ allow: z.boolean() }) }),
};

export type OpenExceptionRow = z.infer<typeof openExceptionSchema>;
export type FulfillmentRules = z.infer<typeof fulfillmentRulesSchema>;
