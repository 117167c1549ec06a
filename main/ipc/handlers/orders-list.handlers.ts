import type { HandlerMap } from './types';

export const ordersListHandlers = {
  'orders:list': (core, input) => core.orders.list(input),
  'orders:counts': (core, input) => core.orders.counts(input),
  'orders:get': (core, { id }) => core.orders.get(id),
} satisfies HandlerMap<'orders:list' | 'orders:counts' | 'orders:get'>;
