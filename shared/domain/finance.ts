import { z } from 'zod';

/**
 * What one line of Amazon's money is. Amounts are signed as Amazon posts them: a sale's principal is positive, a fee
 * negative, a refund's principal negative and the part of the fee Amazon returns with it (refund-fee) positive.
 * `reserve` is money held back (or released) by a settlement; `transfer` is a payout to the seller's bank.
 */
export const moneyLineKinds = [
  'principal',
  'tax',
  'shipping',
  'shipping-tax',
  'promotion',
  'referral-fee',
  'fba-fee',
  'storage-fee',
  'placement-fee',
  'inbound-transport',
  'refund-principal',
  'refund-fee',
  'reimbursement',
  'withheld-tax',
  'reserve',
  'transfer',
  'other',
] as const;
export const moneyLineKindSchema = z.enum(moneyLineKinds);
export type MoneyLineKind = z.infer<typeof moneyLineKindSchema>;

const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minor = z.number().int();

/** 1 <currency> = <rate> <base currency>: a positive decimal string with up to 10 decimals, never a float. */
export const fxRateValueSchema = z.string().regex(/^(?!0+(\.0+)?$)\d{1,9}(\.\d{1,10})?$/, 'not a positive decimal rate');
export const fxRateSchema = z.object({ date: isoDate, currency, rate: fxRateValueSchema });
export type FxRate = z.infer<typeof fxRateSchema>;

export const financeSettingsSchema = z.object({ baseCurrency: currency });
export type FinanceSettings = z.infer<typeof financeSettingsSchema>;

/** One kind of money on one order: what the order's own prices lead us to expect, what Amazon settled, the gap. */
export const orderMoneyLineSchema = z.object({
  kind: moneyLineKindSchema,
  expectedMinor: minor.nullable(),
  settledMinor: minor,
  differenceMinor: minor.nullable(),
});
export const orderMoneySchema = z.object({
  orderId: z.string(),
  storeId: z.number().int().nullable(),
  marketplaceId: z.string().nullable(),
  currency: currency.nullable(),
  lines: z.array(orderMoneyLineSchema),
  settledNetMinor: minor,
  transactions: z.array(
    z.object({ transactionId: z.string(), type: z.string(), postedDate: z.string(), totalMinor: minor, currency, groupId: z.string().nullable(), status: z.string().nullable() }),
  ),
});
export type OrderMoney = z.infer<typeof orderMoneySchema>;

/** A settlement period (financial event group): what it opened with, what it paid, what was held back. */
export const payoutSchema = z.object({
  storeId: z.number().int(),
  groupId: z.string(),
  processingStatus: z.string().nullable(),
  fundTransferStatus: z.string().nullable(),
  fundTransferDate: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  currency: currency.nullable(),
  openingMinor: minor.nullable(),
  totalMinor: minor.nullable(),
  /** Σ of the group's imported transactions, so a gap to Amazon's total shows money not (yet) imported. */
  transactionsMinor: minor,
  transactionCount: z.number().int(),
  /** Held back by this period (negative) or released from the previous one (positive). */
  reserveMinor: minor,
});
export type Payout = z.infer<typeof payoutSchema>;

export const profitGroupBySchema = z.enum(['order', 'sku', 'marketplace', 'month']);
export type ProfitGroupBy = z.infer<typeof profitGroupBySchema>;

/**
 * Why a figure cannot be taken at face value: an amount had no FX rate for its date (profit is then null — never a
 * silent 1:1), a sold product has no cost for its ship date, or an FBM order's outbound label cost is not recorded.
 */
export const profitFlagSchema = z.enum(['fx-missing', 'cost-missing', 'outbound-freight-unknown']);
export type ProfitFlag = z.infer<typeof profitFlagSchema>;

/** All amounts in the base currency's minor units; costs are negative like fees, so profit is their sum. */
export const profitRowSchema = z.object({
  key: z.string(),
  baseCurrency: currency,
  orders: z.number().int(),
  units: z.number().int(),
  revenueMinor: minor,
  amazonFeesMinor: minor,
  refundsMinor: minor,
  reimbursementsMinor: minor,
  otherMinor: minor,
  cogsMinor: minor,
  inboundFreightMinor: minor,
  /** null: FBM label costs are not recorded yet, so outbound freight is unknown (not zero). */
  outboundFreightMinor: minor.nullable(),
  profitMinor: minor.nullable(),
  flags: z.array(profitFlagSchema),
  /** `<currency>@<date>` for each rate that was needed and missing, so the user knows what to enter. */
  missingRates: z.array(z.string()),
});
export type ProfitRow = z.infer<typeof profitRowSchema>;

export const profitQuerySchema = z
  .object({ groupBy: profitGroupBySchema, from: isoDate, to: isoDate, storeId: z.number().int().positive().optional() })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to-before-from' });
export type ProfitQuery = z.infer<typeof profitQuerySchema>;
