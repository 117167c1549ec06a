import type { HandlerMap } from './types';

export const auditHandlers = {
  'audit:list': (core, input) => core.audit.list(input.limit, input.beforeId),
} satisfies HandlerMap<'audit:list'>;
