import type { HandlerMap } from './types';

export const amazonHandlers = {
  'amazon:test-credentials': (core, input) => core.amazonAccounts.testCredentials(input),
  'stores:connect': (core, input) => core.amazonAccounts.connect(input),
  'stores:test-connection': (core, input) => core.amazonAccounts.testStore(input.storeId),
} satisfies HandlerMap<'amazon:test-credentials' | 'stores:connect' | 'stores:test-connection'>;
