import type { HandlerMap } from './types';

export const systemHandlers = {
  'system:status': (core) => core.status.get(),
} satisfies HandlerMap<'system:status'>;
