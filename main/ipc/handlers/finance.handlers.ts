import type { HandlerMap } from './types';

export const financeHandlers = {
  'finance:order-money': (core, { orderId }) => core.finance.orderMoney(orderId),
  'finance:payouts': (core, input) => core.finance.payouts(input),
  'finance:profit': (core, input) => core.finance.profit(input),
  'finance:fx-rates': (core, input) => core.finance.fxRates(input),
  'finance:set-fx-rates': (core, input) => core.finance.setFxRates(input),
  'finance:settings': (core, input) => core.finance.updateSettings(input),
} satisfies HandlerMap<'finance:order-money' | 'finance:payouts' | 'finance:profit' | 'finance:fx-rates' | 'finance:set-fx-rates' | 'finance:settings'>;
