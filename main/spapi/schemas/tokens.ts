import { z } from 'zod';

/**
 * `CreateRestrictedDataTokenResponse`. The model marks neither field required, but a response without a token is of no
 * use to the caller, so both are required here: such a response is an invalid response, not an empty success.
 */
export const restrictedDataTokenResponseSchema = z.looseObject({
  restrictedDataToken: z.string().min(1),
  expiresIn: z.number().int().positive(),
});
export type RestrictedDataTokenResponse = z.infer<typeof restrictedDataTokenResponseSchema>;
