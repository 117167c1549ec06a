import { z } from 'zod';
import { isoTime, money, timeRange } from './common';

export const fulfillmentStatusSchema = z.enum(['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE']);

const address = z.looseObject({
  name: z.string().optional(),
  companyName: z.string().optional(),
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  districtOrCounty: z.string().optional(),
  stateOrRegion: z.string().optional(),
  municipality: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
  phone: z.string().optional(),
  addressType: z.string().optional(),
});

const orderItem = z.looseObject({
  orderItemId: z.string().min(1),
  quantityOrdered: z.number().int().nonnegative(),
  programs: z.array(z.string()).optional(),
  product: z.looseObject({
    asin: z.string().optional(),
    title: z.string().optional(),
    sellerSku: z.string().optional(),
    price: z.looseObject({ unitPrice: money.optional() }).optional(),
  }),
  proceeds: z.looseObject({ proceedsTotal: money.optional() }).optional(),
  fulfillment: z
    .looseObject({ quantityFulfilled: z.number().int().optional(), quantityUnfulfilled: z.number().int().optional() })
    .optional(),
});

export const orderSchema = z.looseObject({
  orderId: z.string().min(1),
  createdTime: isoTime,
  lastUpdatedTime: isoTime,
  programs: z.array(z.string()).optional(),
  salesChannel: z.looseObject({ channelName: z.string(), marketplaceId: z.string().optional(), marketplaceName: z.string().optional() }),
  buyer: z
    .looseObject({ buyerName: z.string().optional(), buyerEmail: z.string().optional(), buyerCompanyName: z.string().optional() })
    .optional(),
  recipient: z.looseObject({ deliveryAddress: address.optional() }).optional(),
  proceeds: z.looseObject({ grandTotal: money.optional() }).optional(),
  fulfillment: z
    .looseObject({
      fulfillmentStatus: fulfillmentStatusSchema,
      fulfilledBy: z.string().optional(),
      fulfillmentServiceLevel: z.string().optional(),
      shipByWindow: timeRange.optional(),
      deliverByWindow: timeRange.optional(),
    })
    .optional(),
  orderItems: z.array(orderItem),
  packages: z
    .array(
      z.looseObject({
        packageReferenceId: z.string(),
        carrier: z.string().optional(),
        trackingNumber: z.string().optional(),
        shipTime: isoTime.optional(),
      }),
    )
    .optional(),
});
export type SpOrder = z.infer<typeof orderSchema>;

export const searchOrdersResponseSchema = z.looseObject({
  orders: z.array(orderSchema),
  pagination: z.looseObject({ nextToken: z.string().optional() }).optional(),
  lastUpdatedBefore: isoTime.optional(),
  createdBefore: isoTime.optional(),
});
export type SearchOrdersResponse = z.infer<typeof searchOrdersResponseSchema>;

export const getOrderResponseSchema = z.looseObject({ order: orderSchema });

export const includedDataValues = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'] as const;
export type IncludedData = (typeof includedDataValues)[number];
