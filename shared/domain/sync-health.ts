import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';

/**
 * Sync health: the figures behind the "morning check" on the sync screen. Everything here is numbers, ids and codes;
 * the renderer turns codes and params into sentences in the user's language.
 */

export const healthSeveritySchema = z.enum(['ok', 'warn', 'error']);
export type HealthSeverity = z.infer<typeof healthSeveritySchema>;

export const healthCheckCodes = ['all-ok', 'stale-job', 'dead-letters', 'ship-by-soon', 'throttling-high', 'auth-errors', 'stock-deviation'] as const;
export const healthCheckCodeSchema = z.enum(healthCheckCodes);
export type HealthCheckCode = z.infer<typeof healthCheckCodeSchema>;

/**
 * One product × FBA warehouse whose FBA sync corrected the ledger by a large amount in the window (see
 * `isStockDeviation` in main/sync/health.service.ts for the rule). SKUs and codes only: nothing about buyers.
 */
export const stockDeviationSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  warehouseName: z.string(),
  /** Large corrections of this SKU in the window. */
  corrections: z.number().int(),
  /** Their on-hand deltas not explained by inbound units arriving, added up (signed: negative = units went missing). */
  units: z.number().int(),
  /** The ledger's on-hand quantity now, i.e. what Amazon last reported. */
  onHand: z.number().int(),
  lastAt: isoDateTime,
});
export type StockDeviation = z.infer<typeof stockDeviationSchema>;

/**
 * One FBM order at risk of shipping late, for the `ship-by-soon` finding: ids, the marketplace's zone and the deadline
 * (the renderer shows the time left and the deadline in that zone). Nothing about the buyer.
 */
export const lateOrderSchema = z.object({
  orderId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  timeZone: z.string(),
  shipByLatest: isoDateTime,
});
export type LateOrder = z.infer<typeof lateOrderSchema>;

export const healthCheckSchema = z.object({
  code: healthCheckCodeSchema,
  severity: healthSeveritySchema,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** `stock-deviation` only: the SKUs with the largest deviations, largest first. */
  stockDeviations: z.array(stockDeviationSchema).optional(),
  /** `ship-by-soon` only: the most urgent orders, soonest deadline first. */
  lateOrders: z.array(lateOrderSchema).optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/** Calls of one store's job (or of an operation no job owns, e.g. confirmShipment from the outbox) in the window. */
export const callMetricsSchema = z.object({
  storeId: z.number().int().nullable(),
  job: z.string(),
  operations: z.array(z.string()),
  calls: z.number().int(),
  /** Rows answered 429 or recorded as error kind `throttled`. */
  throttled: z.number().int(),
  /** 0..100, one decimal. */
  throttledPct: z.number(),
  /** Retries the client made inside these calls (throttling and network). */
  retries: z.number().int(),
  p95LatencyMs: z.number().int().nullable(),
  errors: z.number().int(),
  errorsByKind: z.record(z.string(), z.number().int()),
});
export type CallMetrics = z.infer<typeof callMetricsSchema>;

export const jobHealthSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  job: z.string(),
  state: z.string(),
  lastSuccessAt: isoDateTime.nullable(),
  nextRunAt: isoDateTime.nullable(),
  intervalMs: z.number().int().nullable(),
  stale: z.boolean(),
});
export type JobHealth = z.infer<typeof jobHealthSchema>;

export const outboxQueueSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  pending: z.number().int(),
  inFlight: z.number().int(),
  dead: z.number().int(),
});

export const deadLetterSchema = z.object({
  seq: z.number().int(),
  storeId: z.number().int(),
  storeName: z.string(),
  kind: z.string(),
  /** unknown-kind, invalid-payload, invalid-input, not-found, auth, conflict, attempts-exhausted, no-credentials, … */
  reasonCode: z.string(),
  /** The order the write is about, when the payload names one (shown so a clerk can find it). */
  orderId: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: isoDateTime,
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const hourBucketSchema = z.object({ start: isoDateTime, calls: z.number().int(), errors: z.number().int(), throttled: z.number().int() });
export type HourBucket = z.infer<typeof hourBucketSchema>;

export const syncHealthSchema = z.object({
  generatedAt: isoDateTime,
  hours: z.number().int(),
  /** Start of the first hour bucket: the window is the current clock hour plus the `hours - 1` before it. */
  from: isoDateTime,
  totals: z.object({ calls: z.number().int(), throttled: z.number().int(), throttledPct: z.number(), errors: z.number().int(), p95LatencyMs: z.number().int().nullable() }),
  metrics: z.array(callMetricsSchema),
  jobs: z.array(jobHealthSchema),
  outbox: z.array(outboxQueueSchema),
  deadLetters: z.array(deadLetterSchema),
  series: z.array(hourBucketSchema),
  checks: z.array(healthCheckSchema),
});
export type SyncHealth = z.infer<typeof syncHealthSchema>;

export const healthInputSchema = z.object({ hours: z.number().int().min(1).max(168).default(24) }).strict();
