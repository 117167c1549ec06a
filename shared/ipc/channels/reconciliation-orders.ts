import { z } from 'zod';
import { orderReconFixInputSchema, orderReconFixResultSchema, orderReconListSchema } from '../../domain/reconciliation-orders';
import { channel } from '../channel';

export const reconciliationOrdersChannels = {
  /** FBM orders whose Amazon status and our workflow disagree, one row per order, oldest first. */
  'recon:orders': channel({ input: z.object({}).strict(), output: orderReconListSchema }),
  /** Applies one offered fix; a fix the order no longer offers is refused as a conflict and changes nothing. */
  'recon:fix-order': channel({ input: orderReconFixInputSchema, output: orderReconFixResultSchema }),
};
