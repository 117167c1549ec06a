import { z } from 'zod';
import { workflowStateSchema } from './fulfillment';

/**
 * Why an FBM order's Amazon status and the warehouse's workflow disagree, most serious first: when one order has
 * several, the first one in this list is the one shown (an order appears once).
 * - cancelled-after-shipping: Amazon cancelled the order but our parcel already left (expect it back).
 * - cancelled-on-amazon-open-here / shipped-on-amazon-open-here: Amazon closed the order and our workflow missed it.
 * - confirmation-dead-lettered: we shipped, the confirmation to Amazon gave up; Amazon still waits for it.
 * - confirmation-not-queued: we shipped, but no confirmation to Amazon exists at all.
 */
export const orderReconCauses = ['cancelled-after-shipping', 'cancelled-on-amazon-open-here', 'shipped-on-amazon-open-here', 'confirmation-dead-lettered', 'confirmation-not-queued'] as const;
export const orderReconCauseSchema = z.enum(orderReconCauses);
export type OrderReconCause = z.infer<typeof orderReconCauseSchema>;

/**
 * - retry-confirmation: the dead confirmation goes back into the outbox queue.
 * - requeue-confirmation: a confirmation is queued from the local shipment record.
 * - accept-amazon: our workflow takes Amazon's status (shipped, or cancelled with its stock released).
 * - open-return: a return (RMA) is opened for the shipped units so the warehouse expects the parcel back.
 */
export const orderReconFixes = ['retry-confirmation', 'requeue-confirmation', 'accept-amazon', 'open-return'] as const;
export const orderReconFixSchema = z.enum(orderReconFixes);
export type OrderReconFix = z.infer<typeof orderReconFixSchema>;

/** The one fix each cause offers. */
export const fixesForCause: Readonly<Record<OrderReconCause, readonly OrderReconFix[]>> = {
  'cancelled-after-shipping': ['open-return'],
  'cancelled-on-amazon-open-here': ['accept-amazon'],
  'shipped-on-amazon-open-here': ['accept-amazon'],
  'confirmation-dead-lettered': ['retry-confirmation'],
  'confirmation-not-queued': ['requeue-confirmation'],
};

export const orderReconRowSchema = z.object({
  orderId: z.string(),
  storeId: z.number().int(),
  storeName: z.string(),
  marketplaceId: z.string(),
  amazonStatus: z.string(),
  /** Null when the warehouse never took the order into its workflow (confirmed from the Orders screen). */
  ourState: workflowStateSchema.nullable(),
  /** UTC ISO time the disagreement started: Amazon's last change, or when we shipped. */
  since: z.string(),
  cause: orderReconCauseSchema,
  fixes: z.array(orderReconFixSchema),
  /** The first part of the dead confirmation's reason (auth, invalid-input, attempts-exhausted, …); null otherwise. */
  deadReasonCode: z.string().nullable(),
});
export type OrderReconRow = z.infer<typeof orderReconRowSchema>;

export const orderReconListSchema = z.object({ rows: z.array(orderReconRowSchema), total: z.number().int() });
export type OrderReconList = z.infer<typeof orderReconListSchema>;

export const orderReconFixInputSchema = z
  .object({
    orderId: z.string().trim().min(1).max(40),
    fix: orderReconFixSchema,
    /** Kept on the audit row (and on the return an open-return creates). */
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type OrderReconFixInput = z.input<typeof orderReconFixInputSchema>;

export const orderReconFixResultSchema = z.object({
  orderId: z.string(),
  fix: orderReconFixSchema,
  /** The outbox rows retried or queued. */
  outboxSeqs: z.array(z.number().int()),
  /** The return an open-return created. */
  rmaNumber: z.string().nullable(),
});
export type OrderReconFixResult = z.infer<typeof orderReconFixResultSchema>;
