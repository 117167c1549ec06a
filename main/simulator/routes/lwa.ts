import crypto from 'node:crypto';
import type { SimAccount, SimResponse } from '../http-types';

export interface IssuedToken {
  account: SimAccount;
  expiresAtSimMs: number;
}

const LIFETIME_SECONDS = 3600;

/** Login with Amazon's token endpoint, refresh-token grant only (the self-authorized private app path). */
export function lwaToken(
  body: unknown,
  accounts: readonly SimAccount[],
  nowSimMs: number,
  issue: (token: string, t: IssuedToken) => void,
): SimResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  const err = (error: string, description: string, status = 400): SimResponse => ({ status, body: { error, error_description: description } });
  if (b.grant_type !== 'refresh_token') return err('unsupported_grant_type', 'The authorization grant type is not supported.');
  const account = accounts.find((a) => a.clientId === b.client_id);
  if (!account || account.clientSecret !== b.client_secret) return err('invalid_client', 'Client authentication failed', 401);
  if (account.refreshToken !== b.refresh_token) return err('invalid_grant', 'The request has an invalid grant parameter : refresh_token');
  const token = `Atza|sim-${crypto.randomBytes(24).toString('base64url')}`;
  issue(token, { account, expiresAtSimMs: nowSimMs + LIFETIME_SECONDS * 1000 });
  return { status: 200, body: { access_token: token, refresh_token: account.refreshToken, token_type: 'bearer', expires_in: LIFETIME_SECONDS } };
}
