import type { HandlerMap } from './types';

export const reconciliationHandlers = {
  'recon:stock': (core) => core.reconciliation.stock(),
  'recon:accept-amazon': (core, input) => core.reconciliation.acceptAmazon(input),
  'recon:push-ours': (core, input) => core.reconciliation.pushOurs(input),
  'recon:open-case': (core, input) => core.reconciliation.openCase(input),
  'recon:cases': (core) => core.reconciliation.cases(),
} satisfies HandlerMap<'recon:stock' | 'recon:accept-amazon' | 'recon:push-ours' | 'recon:open-case' | 'recon:cases'>;
