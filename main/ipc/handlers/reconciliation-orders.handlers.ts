import type { HandlerMap } from './types';

export const reconciliationOrdersHandlers = {
  'recon:orders': (core) => core.orderRecon.list(),
  'recon:fix-order': (core, input) => core.orderRecon.fix(input),
} satisfies HandlerMap<'recon:orders' | 'recon:fix-order'>;
