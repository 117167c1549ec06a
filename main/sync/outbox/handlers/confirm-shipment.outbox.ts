import { z } from 'zod';
import { marketplaceIdSchema } from '../../../../shared/domain/store';
import type { AmazonApi } from '../../../spapi/amazon-api';
import type { OutboxHandler, OutboxSendResult } from './index';

/** Orders v0 `confirmShipment` for one FBM package, as the shipping service queues it. */
export const confirmShipmentPayloadSchema = z.strictObject({
  orderId: z.string().min(1).max(40),
  marketplaceId: marketplaceIdSchema,
  packageDetail: z
    .strictObject({
      // Amazon: "uniquely identifies a package within the scope of an order. Only positive numeric values are supported."
      packageReferenceId: z.string().regex(/^[1-9]\d{0,17}$/, 'must be a positive number such as "1"'),
      carrierCode: z.string().min(1).max(100),
      carrierName: z.string().min(1).max(100).optional(),
      shippingMethod: z.string().min(1).max(100).optional(),
      trackingNumber: z.string().min(1).max(100),
      shipDate: z.iso.datetime({ offset: true }),
      orderItems: z.array(z.strictObject({ orderItemId: z.string().min(1).max(40), quantity: z.number().int().positive() })).min(1).max(100),
    })
    .refine((d) => d.carrierCode !== 'Other' || d.carrierName !== undefined, { message: 'carrierName is required when carrierCode is "Other"', path: ['carrierName'] }),
});

export type ConfirmShipmentPayload = z.infer<typeof confirmShipmentPayloadSchema>;

/** One package of one order is one write, however many times the packer presses "ship". */
export const confirmShipmentIdempotencyKey = (p: { orderId: string; packageDetail: { packageReferenceId: string } }): string =>
  `confirm-shipment:${p.orderId}:${p.packageDetail.packageReferenceId}`;

/**
 * Looks for our package on the order. A package with our reference and tracking number means an earlier send got
 * through; the same reference with another tracking number means someone else used it (Seller Central, another tool),
 * and sending ours would be refused anyway.
 */
async function packageOnAmazon(api: AmazonApi, p: ConfirmShipmentPayload): Promise<'absent' | 'same' | { trackingNumber: string }> {
  const { order } = await api.getOrder(p.orderId, ['PACKAGES']);
  const found = order.packages?.find((pkg) => pkg.packageReferenceId === p.packageDetail.packageReferenceId);
  if (!found) return 'absent';
  if (found.trackingNumber === undefined || found.trackingNumber === p.packageDetail.trackingNumber) return 'same';
  return { trackingNumber: found.trackingNumber };
}

export const confirmShipmentOutbox = {
  kind: 'confirm-shipment',
  schema: confirmShipmentPayloadSchema,
  async send(api: AmazonApi, p: ConfirmShipmentPayload, ctx): Promise<OutboxSendResult> {
    if (ctx.maybeSent) {
      const onAmazon = await packageOnAmazon(api, p);
      if (onAmazon === 'same') return { status: 'already-applied' };
      if (onAmazon !== 'absent') {
        return {
          status: 'refused',
          code: 'conflict',
          reason: `order ${p.orderId} already has package ${p.packageDetail.packageReferenceId} with tracking number ${onAmazon.trackingNumber}, not ${p.packageDetail.trackingNumber}`,
        };
      }
    }
    await api.confirmShipment(p.orderId, { marketplaceId: p.marketplaceId, packageDetail: p.packageDetail });
    return { status: 'sent' };
  },
} satisfies OutboxHandler<typeof confirmShipmentPayloadSchema>;
