import { z } from 'zod';
import {
  inspectReturnSchema,
  newReturnSchema,
  receiveReturnSchema,
  refundReturnSchema,
  returnDetailSchema,
  returnLookupSchema,
  returnsListQuerySchema,
  returnSummarySchema,
} from '../../domain/returns';
import { channel } from '../channel';
import { scannedCodeSchema } from './packing';

const byId = z.object({ id: z.number().int().positive() }).strict();

export const returnsChannels = {
  /** An RMA number, Amazon order id, outbound tracking number or product code → the return, the order, or candidates. */
  'returns:lookup': channel({ input: z.object({ code: scannedCodeSchema }).strict(), output: returnLookupSchema }),
  'returns:list': channel({ input: returnsListQuerySchema, output: z.object({ rows: z.array(returnSummarySchema), total: z.number().int() }) }),
  'returns:get': channel({ input: byId, output: returnDetailSchema }),
  'returns:create': channel({ input: newReturnSchema, output: returnDetailSchema }),
  /** Units counted off the parcel: recorded on the return, not yet on hand. */
  'returns:receive': channel({ input: receiveReturnSchema, output: returnDetailSchema }),
  /** Every received unit restocked (ledger), scrapped or sent back to its supplier; the return becomes inspected. */
  'returns:inspect': channel({ input: inspectReturnSchema, output: returnDetailSchema }),
  /** The refund written off against the order's money, in the order's currency. */
  'returns:refund': channel({ input: refundReturnSchema, output: returnDetailSchema }),
  'returns:close': channel({ input: byId, output: returnDetailSchema }),
};
