import type { HandlerMap } from './types';

export const ordersHandlers = {
  'orders:confirm-shipment': (core, input) => core.shipments.confirm(input),
} satisfies HandlerMap<'orders:confirm-shipment'>;
