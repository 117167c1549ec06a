import { z } from 'zod';
import { workflowStates } from '../../domain/fulfillment';
import { orderReturnSchema } from '../../domain/returns';
import { marketplaceIdSchema } from '../../domain/store';
import { shipByBuckets } from '../../marketplace-time';
import { channel } from '../channel';
import { isoDateTime } from '../limits';

/** The warehouse's workflow states, in order, as the fulfillment service defines them. */
export const orderWorkflowStates = workflowStates;
export type OrderWorkflowState = (typeof orderWorkflowStates)[number];
export const orderWorkflowStateSchema = z.enum(orderWorkflowStates);

/** Amazon's own order statuses (Orders API 2026-01-01 `fulfillmentStatus`). */
export const amazonOrderStatuses = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;
export type AmazonOrderStatus = (typeof amazonOrderStatuses)[number];

export const orderSorts = ['ship-by', 'created', 'total'] as const;
export type OrderSort = (typeof orderSorts)[number];

/** What narrows the list; the same scope (without status, ship-by and exception filters) feeds the chip counts. */
const scopeShape = {
  /** An order id (or its start), a SKU (or its start, any case), an ASIN, or a buyer/recipient name (whole words). */
  search: z.string().trim().max(100).optional(),
  marketplaceIds: z.array(marketplaceIdSchema).max(30).optional(),
  storeId: z.number().int().positive().optional(),
};

export const ordersListQuerySchema = z
  .object({
    ...scopeShape,
    /** A workflow state (lower case) or an Amazon status (upper case). */
    status: z.enum([...orderWorkflowStates, ...amazonOrderStatuses] as const).optional(),
    /** Unshipped FBM orders due before: now (overdue), the marketplace's midnight (today), now + 24 h, now + 48 h. */
    shipBy: z.enum(shipByBuckets).optional(),
    exceptionsOnly: z.boolean().optional(),
    fulfilledBy: z.enum(['MERCHANT', 'AMAZON']).optional(),
    /** `total` orders by currency first: amounts in yen and dollars do not compare. */
    sort: z.enum(orderSorts).default('ship-by'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type OrdersListQuery = z.output<typeof ordersListQuerySchema>;
export type OrdersListInput = z.input<typeof ordersListQuerySchema>;

export const ordersScopeSchema = z.object(scopeShape).strict();
export type OrdersScope = z.output<typeof ordersScopeSchema>;

/** One line of the grid. No buyer or recipient data: lists never show PII. */
export const orderListRowSchema = z.object({
  id: z.string(),
  storeId: z.number().int(),
  storeName: z.string(),
  marketplaceId: z.string(),
  /** IANA zone the marketplace's deadlines are shown in. */
  timeZone: z.string(),
  amazonStatus: z.string(),
  /** Null for FBA orders (never picked here) and closed orders the workflow never saw. */
  workflowState: orderWorkflowStateSchema.nullable(),
  fulfilledBy: z.string().nullable(),
  createdAt: isoDateTime,
  shipByLatest: isoDateTime.nullable(),
  /** FBM, open at Amazon and not yet shipped here: the ship-by clock is running. */
  awaitingShipment: z.boolean(),
  /** Shipped here but Amazon has not got the tracking yet: it must arrive within 24 h of the ship date. */
  trackingDueBy: isoDateTime.nullable(),
  lineCount: z.number().int(),
  unitCount: z.number().int(),
  firstSku: z.string().nullable(),
  firstAsin: z.string().nullable(),
  firstTitle: z.string().nullable(),
  totalMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** Reason codes of the order's unresolved exceptions. */
  exceptionCodes: z.array(z.string()),
});
export type OrderListRow = z.infer<typeof orderListRowSchema>;

export const orderCountsSchema = z.object({
  all: z.number().int(),
  /** Per workflow state; open FBM orders the workflow has not seen yet count as `new`. */
  byState: z.record(z.string(), z.number().int()),
  exceptions: z.number().int(),
  overdue: z.number().int(),
  due24h: z.number().int(),
  fba: z.number().int(),
});
export type OrderCounts = z.infer<typeof orderCountsSchema>;

export const orderDetailSchema = orderListRowSchema.extend({
  serviceLevel: z.string().nullable(),
  deliverByLatest: isoDateTime.nullable(),
  lastUpdatedAt: isoDateTime,
  shipCountry: z.string().nullable(),
  items: z.array(
    z.object({
      orderItemId: z.string(),
      sku: z.string().nullable(),
      asin: z.string().nullable(),
      title: z.string().nullable(),
      quantityOrdered: z.number().int(),
      quantityShipped: z.number().int(),
      unitPriceMinor: z.number().int().nullable(),
      currency: z.string().nullable(),
    }),
  ),
  /** Amazon's packages, then the ones confirmed here (with where their upload to Amazon stands). */
  packages: z.array(
    z.object({
      source: z.enum(['amazon', 'local']),
      packageReferenceId: z.string(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      shippedAt: isoDateTime.nullable(),
      /** Local packages: the outbox row's status (pending, in_flight, done, dead). */
      uploadStatus: z.string().nullable(),
    }),
  ),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), changedAt: isoDateTime })),
  workflow: z
    .object({
      state: orderWorkflowStateSchema,
      version: z.number().int(),
      warehouseCode: z.string().nullable(),
      carrierCode: z.string().nullable(),
      carrierName: z.string().nullable(),
      shippingService: z.string().nullable(),
      waveNumber: z.string().nullable(),
      tote: z.string().nullable(),
      weightG: z.number().int().nullable(),
      stateChangedAt: isoDateTime,
    })
    .nullable(),
  exceptions: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      raisedAt: isoDateTime,
      resolvedAt: isoDateTime.nullable(),
      resolution: z.string().nullable(),
    }),
  ),
  /** Clear text only while the order is open (the packer needs the name) and its PII has not been purged. */
  recipient: z.object({ name: z.string().nullable(), city: z.string().nullable(), countryCode: z.string().nullable() }).nullable(),
  /** Why `recipient` is null: purged (retention), closed (shipped or cancelled), or none (Amazon sent none). */
  recipientHidden: z.enum(['purged', 'closed', 'none']).nullable(),
  /** Returns (售后) of the order with their status and refund; the order's net is its total minus these refunds. */
  returns: z.array(orderReturnSchema),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const ordersListChannels = {
  /** The Orders screen's grid: filter, sort and one page, with the total the filter matches. */
  'orders:list': channel({
    input: ordersListQuerySchema,
    output: z.object({ rows: z.array(orderListRowSchema), total: z.number().int() }),
  }),
  /** Counts behind the quick-filter chips, within the store/marketplace/search scope. */
  'orders:counts': channel({ input: ordersScopeSchema, output: orderCountsSchema }),
  'orders:get': channel({ input: z.object({ id: z.string().min(1).max(40) }).strict(), output: orderDetailSchema }),
};
