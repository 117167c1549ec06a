import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { marketplaceIdSchema } from '../../../../shared/domain/store';
import type { AmazonApi } from '../../../spapi/amazon-api';
import type { SpApiClient } from '../../../spapi/client';
import { getListingsItem, patchListingsItem } from '../../../spapi/documents-api';
import type { ListingsItem } from '../../../spapi/schemas/listings';
import type { OutboxHandler, OutboxSendResult } from './index';

/**
 * Listings Items 2021-08-01 `patchListingsItem` setting a merchant-fulfilled offer's quantity, as the FBM push queues it
 * from the ledger's available stock. The quantity is absolute (a `replace`), so a later row always wins.
 */
export const fbmQuantityPayloadSchema = z.strictObject({
  marketplaceId: marketplaceIdSchema,
  sellerSku: z.string().min(1).max(200),
  quantity: z.number().int().nonnegative().max(1_000_000),
  /** Amazon's product type of the listing; read from the listing at send time when not known at queue time. */
  productType: z.string().min(1).max(100).optional(),
});

export type FbmQuantityPayload = z.infer<typeof fbmQuantityPayloadSchema>;

/**
 * Every queued change is its own write (the same figure queued again after a different one must be sent again), so the
 * key carries a fresh id rather than the quantity. The seller SKU stays out: it can be 200 characters on its own.
 */
export const fbmQuantityIdempotencyKey = (storeId: number, p: Pick<FbmQuantityPayload, 'marketplaceId'>): string =>
  `fbm-quantity:${storeId}:${p.marketplaceId}:${randomUUID()}`;

/** What the fulfillment channel of a merchant-fulfilled offer is called in Listings Items. */
const MERCHANT_CHANNEL = 'DEFAULT';

/**
 * The Listings Items calls this handler needs, bound to the store's seller ID (the path names the seller). `AmazonApi`
 * carries no listings operations and no seller ID, so the core attaches these with `withListingsAccess` when it hands a
 * store's API to the outbox worker.
 */
export interface ListingsAccess {
  getListingsItem(sku: string, marketplaceId: string): Promise<ListingsItem>;
  patchQuantity(sku: string, marketplaceId: string, productType: string, quantity: number): Promise<{ status: string; issues?: { code: string; message: string; severity: string }[] }>;
}

type WithListings = AmazonApi & { listings?: ListingsAccess };

/** The store's API plus Listings Items access through its raw client; a store with no seller ID gets none. */
export function withListingsAccess(api: AmazonApi, client: SpApiClient, sellerId: string | null): AmazonApi {
  if (!sellerId) return api;
  const listings: ListingsAccess = {
    getListingsItem: (sku, marketplaceId) => getListingsItem(client, sellerId, sku, { marketplaceIds: [marketplaceId], includedData: ['summaries', 'fulfillmentAvailability'] }),
    patchQuantity: (sku, marketplaceId, productType, quantity) =>
      patchListingsItem(
        client,
        sellerId,
        sku,
        {
          productType,
          // fulfillment_availability is one of the few attributes without marketplace_id: the request's marketplaceIds
          // scope it (see the JSON_LISTINGS_FEED examples in the models).
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: MERCHANT_CHANNEL, quantity }] }],
        },
        { marketplaceIds: [marketplaceId], includedData: ['issues'] },
      ),
  };
  const extended: WithListings = { ...api, listings };
  return extended;
}

const merchantQuantity = (item: ListingsItem): { channel: string | null; quantity: number | null } => {
  const entry = item.fulfillmentAvailability?.[0];
  return { channel: entry?.fulfillmentChannelCode ?? null, quantity: entry?.quantity ?? null };
};

export const fbmQuantityOutbox = {
  kind: 'fbm-quantity',
  schema: fbmQuantityPayloadSchema,
  async send(api: AmazonApi, p: FbmQuantityPayload, ctx): Promise<OutboxSendResult> {
    const listings = (api as WithListings).listings;
    if (!listings) {
      return { status: 'refused', code: 'no-seller-id', reason: "the store has no Amazon seller ID, which Listings Items needs in its path; add it to the store, then retry" };
    }
    let productType = p.productType;
    if (ctx.maybeSent || productType === undefined) {
      const item = await listings.getListingsItem(p.sellerSku, p.marketplaceId);
      const shown = merchantQuantity(item);
      // Replacing the availability of an offer Amazon now fulfils would turn it back into a merchant offer.
      if (shown.channel !== null && shown.channel !== MERCHANT_CHANNEL) {
        return { status: 'refused', code: 'conflict', reason: `${p.sellerSku} in ${p.marketplaceId} is fulfilled by Amazon (${shown.channel}) now; map it as an FBA offer` };
      }
      if (ctx.maybeSent && shown.quantity === p.quantity) return { status: 'already-applied' };
      productType ??= item.summaries?.find((s) => s.marketplaceId === p.marketplaceId)?.productType;
      if (productType === undefined) return { status: 'refused', code: 'not-found', reason: `Amazon gave no product type for ${p.sellerSku} in ${p.marketplaceId}` };
    }
    const res = await listings.patchQuantity(p.sellerSku, p.marketplaceId, productType, p.quantity);
    if (res.status === 'INVALID') {
      const first = res.issues?.find((i) => i.severity === 'ERROR') ?? res.issues?.[0];
      return { status: 'refused', code: 'invalid-input', reason: `Amazon refused quantity ${p.quantity} for ${p.sellerSku}: ${first ? `${first.code} ${first.message}` : 'no reason given'}` };
    }
    return { status: 'sent' };
  },
} satisfies OutboxHandler<typeof fbmQuantityPayloadSchema>;
