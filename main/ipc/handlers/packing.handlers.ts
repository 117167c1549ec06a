import type { HandlerMap } from './types';

export const packingHandlers = {
  'packing:open': (core, { code }) => core.packing.open(code),
  'packing:scan': (core, input) => core.packing.scan(input),
  'packing:ship': (core, input) => core.packing.ship(input),
} satisfies HandlerMap<'packing:open' | 'packing:scan' | 'packing:ship'>;
