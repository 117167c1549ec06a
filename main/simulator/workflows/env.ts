import { invalidInput, type RouteContext, type SimResponse } from '../http-types';
import { MARKETPLACE_INFO } from '../marketplace-info';
import type { SimClock } from '../sim-clock';
import type { SimStore } from '../store';
import type { Rng } from '../store/random';
import type { DocumentHost } from './documents';
import type { DueQueue } from './due-queue';
import type { IdFactory } from './ids';
import type { ListingsBook } from './listings-model';

/** What the workflow services share: one clock, one seeded stream, one document bucket, one listings model. */
export interface WorkflowEnv {
  store: SimStore;
  clock: SimClock;
  rng: Rng;
  ids: IdFactory;
  due: DueQueue;
  documents: DocumentHost;
  listings: ListingsBook;
  marketplaceIds: readonly string[];
}

/** Checks a body-borne marketplaceIds list the way the models define it (array of 1..max strings, each one we sell in). */
export function checkMarketplaceIds(ctx: RouteContext, value: unknown, max: number): { ok: string[] } | { error: SimResponse } {
  if (!Array.isArray(value) || value.length === 0) return { error: invalidInput('marketplaceIds is required and must hold at least one marketplace id.') };
  if (value.length > max) return { error: invalidInput(`marketplaceIds accepts at most ${max} values.`) };
  for (const id of value) {
    if (typeof id !== 'string' || !MARKETPLACE_INFO[id] || !ctx.marketplaceIds.includes(id)) {
      return { error: invalidInput(`Invalid marketplaceId ${JSON.stringify(id)}: the seller does not participate in it.`) };
    }
  }
  return { ok: [...new Set(value as string[])] };
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** ISO 8601 date-time as the models' `format: date-time`; undefined when absent, null when malformed. */
export function parseDateTime(v: unknown): Date | undefined | null {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * Document ids as Amazon issues them (`amzn1.spdoc.…`, `amzn1.tortuga.…`, or the bare UUIDs of the models' examples).
 * Anything else is malformed, which the models' sandbox answers with 400 rather than 404.
 */
export const DOCUMENT_ID = /^(amzn1\.(spdoc|tortuga)\.[\w.-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
