import { z } from 'zod';
import { reconActionInputSchema, reconClaimSchema, reconPushInputSchema, reconStockSchema } from '../../domain/reconciliation';
import { channel } from '../channel';

export const reconciliationChannels = {
  /** Per SKU × place: the ledger's expectation against Amazon's figure, the rows that differ, and the two target figures. */
  'recon:stock': channel({ input: z.object({}).strict(), output: reconStockSchema }),
  /** Amazon's figure becomes ours, with the clerk's reason (FBA: a reconciled point; FBM: a ledger correction). */
  'recon:accept-amazon': channel({ input: reconActionInputSchema, output: z.object({ movementId: z.number().int().nullable(), baselineId: z.number().int().nullable() }) }),
  /** Our FBM quantity goes to Amazon again through the outbox. */
  'recon:push-ours': channel({ input: reconPushInputSchema, output: z.object({ outboxSeq: z.number().int(), quantity: z.number().int() }) }),
  /** A reimbursement claim draft with its evidence and Amazon's 60-day deadline. */
  'recon:open-case': channel({ input: reconActionInputSchema, output: z.object({ claimId: z.number().int(), deadlineAt: z.string() }) }),
  'recon:cases': channel({ input: z.object({}).strict(), output: z.array(reconClaimSchema) }),
};
