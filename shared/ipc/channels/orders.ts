import { z } from 'zod';
import { channel } from '../channel';
import { shortText } from '../limits';

export const amazonOrderIdSchema = z.string().regex(/^\d{3}-\d{7}-\d{7}$/);

export const ordersChannels = {
  /** FBM: carrier + tracking entered by a clerk; reaches Amazon through the outbox (works offline). */
  'orders:confirm-shipment': channel({
    input: z
      .object({
        orderId: amazonOrderIdSchema,
        carrierCode: shortText.max(100),
        carrierName: shortText.max(100).optional(),
        shippingMethod: shortText.max(100).optional(),
        trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/),
        shipDate: z.iso.datetime({ offset: true }).optional(),
        items: z
          .array(z.object({ orderItemId: z.string().regex(/^\d{1,20}$/), quantity: z.number().int().min(1).max(10_000) }).strict())
          .min(1)
          .max(100)
          .optional(),
      })
      .strict(),
    output: z.object({ packageReferenceId: z.string(), outboxSeq: z.number().int() }),
  }),
};
