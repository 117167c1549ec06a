import { z } from 'zod';
import { channel } from '../channel';

import { newStoreSchema, regionSchema, storeSchema } from '../../domain/store';

/** LWA credentials of a self-authorized private SP-API app, checked for shape only; Amazon decides if they work. */
export const lwaCredentialsSchema = z.object({
  clientId: z.string().max(200).regex(/^amzn1\.application-oa2-client\.[A-Za-z0-9]+$/),
  clientSecret: z.string().max(200).regex(/^amzn1\.oa2-cs\.v1\.[A-Za-z0-9._-]+$/),
  refreshToken: z.string().max(2048).regex(/^Atzr\|[\x21-\x7e]+$/),
});

export const spApiErrorKindSchema = z.enum(['throttled', 'auth', 'invalid-input', 'not-found', 'server', 'network', 'invalid-response']);

/** A failed connection test is an answer to show, not an IPC error. */
export const connectionTestSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), latencyMs: z.number().int().nonnegative(), marketplaceIds: z.array(z.string()), storeName: z.string().nullable() }),
  z.object({ ok: z.literal(false), errorKind: spApiErrorKindSchema, httpStatus: z.number().int().nullable() }),
]);
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const amazonChannels = {
  'amazon:test-credentials': channel({
    input: lwaCredentialsSchema.extend({ region: regionSchema }).strict(),
    output: connectionTestSchema,
  }),
  'stores:connect': channel({
    input: newStoreSchema.extend(lwaCredentialsSchema.shape).strict(),
    output: storeSchema,
  }),
  'stores:test-connection': channel({
    input: z.object({ storeId: z.number().int().positive() }).strict(),
    output: connectionTestSchema,
  }),
};

