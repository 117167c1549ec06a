import { z } from 'zod';
import { channel } from '../channel';
import { supplierSchema } from '../../domain/catalog';
import { localeSchema } from '../../domain/locale';
import {
  coverQuerySchema,
  coverRowSchema,
  newPurchaseOrderSchema,
  orderFromPlanSchema,
  purchaseOrderListQuerySchema,
  purchaseOrderPageSchema,
  purchaseOrderSchema,
  purchasePlanGroupSchema,
  receiveInputSchema,
} from '../../domain/purchasing';

const id = z.number().int().positive();
const byId = z.object({ id }).strict();

export const purchasingChannels = {
  /** Days of cover per SKU × place, most urgent first (the replenishment tab). */
  'purchasing:cover': channel({ input: coverQuerySchema, output: z.array(coverRowSchema) }),
  /** What to buy for one warehouse, grouped by supplier and priced at the latest known cost. */
  'purchasing:plan': channel({
    input: z.object({ warehouseId: id, reviewDays: z.number().int().min(0).max(365).optional() }).strict(),
    output: z.array(purchasePlanGroupSchema),
  }),
  'purchasing:create-order': channel({ input: newPurchaseOrderSchema, output: purchaseOrderSchema }),
  /** A draft for one supplier from the plan's suggested quantities; `productIds` keeps the lines the buyer ticked. */
  'purchasing:create-from-plan': channel({ input: orderFromPlanSchema, output: purchaseOrderSchema }),
  'purchasing:list': channel({ input: purchaseOrderListQuerySchema, output: purchaseOrderPageSchema }),
  'purchasing:get': channel({ input: byId, output: purchaseOrderSchema }),
  'purchasing:send': channel({ input: byId, output: purchaseOrderSchema }),
  'purchasing:cancel': channel({ input: byId, output: purchaseOrderSchema }),
  /** One delivery checked in: passed units go on hand through the ledger, failed ones are recorded only. */
  'purchasing:receive': channel({ input: receiveInputSchema.safeExtend({ id }), output: purchaseOrderSchema }),
  /** The PO as a PDF for the supplier, base64 so it crosses IPC (and the e2e WebSocket) as plain JSON. */
  'purchasing:pdf': channel({
    input: z.object({ id, locale: localeSchema }).strict(),
    output: z.object({ fileName: z.string().min(1), base64: z.string() }),
  }),
  'suppliers:list': channel({ input: z.object({}).strict(), output: z.array(supplierSchema) }),
};
