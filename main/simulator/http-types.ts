import type { SimStore } from './store';
import type { SimClock } from './sim-clock';

export interface SimResponse {
  status: number;
  body?: unknown;
}

export interface RouteContext {
  store: SimStore;
  clock: SimClock;
  seller: SimAccount;
  /** The marketplaces this simulated account sells in. */
  marketplaceIds: readonly string[];
  /** The regional endpoint the request came to (sellingpartnerapi-<region>); account-level data such as money is per region. */
  region?: 'na' | 'eu' | 'fe';
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Opaque, HMAC-free but tamper-evident enough for a simulator: base64url JSON. */
  tokens: TokenCodec;
}

export interface SimAccount {
  sellerId: string;
  storeName: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface TokenCodec {
  encode(data: Record<string, unknown>): string;
  decode(token: string): Record<string, unknown> | null;
}

export const amazonError = (status: number, code: string, message: string, details = ''): SimResponse => ({
  status,
  body: { errors: [{ code, message, details }] },
});

export const invalidInput = (message: string, details = '') => amazonError(400, 'InvalidInput', message, details);
