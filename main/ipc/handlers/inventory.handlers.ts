import type { HandlerMap } from './types';

export const inventoryHandlers = {
  'warehouses:list': (core) => core.warehouses.list(),
  'inventory:levels': (core, input) => core.inventory.levels(input),
  'inventory:movements': (core, { productId, ...query }) => core.inventory.movements(productId, query),
  'inventory:adjust': (core, input) => core.inventory.adjust(input),
} satisfies HandlerMap<'warehouses:list' | 'inventory:levels' | 'inventory:movements' | 'inventory:adjust'>;
