import { z } from 'zod';
import { financeSettingsSchema, fxRateSchema, orderMoneySchema, payoutSchema, profitQuerySchema, profitRowSchema } from '../../domain/finance';
import { channel } from '../channel';
import { idText } from '../limits';

const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A year of daily rates for a dozen currencies fits; a runaway paste does not. */
export const MAX_FX_CSV_CHARS = 500_000;
export const MAX_FX_RATES = 5_000;

export const financeChannels = {
  /** One order's money by kind: expected from its prices, settled by Amazon, and the difference. */
  'finance:order-money': channel({ input: z.object({ orderId: idText }).strict(), output: orderMoneySchema }),
  /** Settlement periods, newest first, with what each held back in reserve. */
  'finance:payouts': channel({
    input: z.object({ storeId: z.number().int().positive().optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
    output: z.object({ rows: z.array(payoutSchema) }),
  }),
  /** Profit in the base currency per order, SKU, marketplace or month, for posted dates from…to (inclusive). */
  'finance:profit': channel({ input: profitQuerySchema, output: z.object({ baseCurrency: currency, rows: z.array(profitRowSchema) }) }),
  /** The rates to the current base currency, newest first. */
  'finance:fx-rates': channel({
    input: z.object({ currency: currency.optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
    output: z.object({ baseCurrency: currency, rates: z.array(fxRateSchema) }),
  }),
  /** Rates typed in, or a CSV (date,currency,rate) pasted or read from a file; all saved or none. */
  'finance:set-fx-rates': channel({
    input: z.union([
      z.object({ rates: z.array(fxRateSchema).min(1).max(MAX_FX_RATES) }).strict(),
      z.object({ csv: z.string().min(1).max(MAX_FX_CSV_CHARS) }).strict(),
    ]),
    output: z.object({ saved: z.number().int() }),
  }),
  /** Reads the finance settings; with a base currency, changes it first. */
  'finance:settings': channel({ input: z.object({ baseCurrency: currency.optional() }).strict(), output: financeSettingsSchema }),
};
