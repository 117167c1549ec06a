import type { HandlerMap } from './types';

export const storesHandlers = {
  'stores:list': (core) => core.stores.list(),
  'stores:create': (core, input) => core.stores.create(input),
  'marketplaces:list': (core) => core.stores.listMarketplaces(),
} satisfies HandlerMap<'stores:list' | 'stores:create' | 'marketplaces:list'>;
