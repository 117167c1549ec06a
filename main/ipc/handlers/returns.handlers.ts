import type { HandlerMap } from './types';

export const returnsHandlers = {
  'returns:lookup': (core, { code }) => core.returns.lookup(code),
  'returns:list': (core, input) => core.returns.list(input),
  'returns:get': (core, { id }) => core.returns.get(id),
  'returns:create': (core, input) => core.returns.create(input),
  'returns:receive': (core, input) => core.returns.receive(input),
  'returns:inspect': (core, input) => core.returns.inspect(input),
  'returns:refund': (core, input) => core.returns.refund(input),
  'returns:close': (core, { id }) => core.returns.close(id),
} satisfies HandlerMap<'returns:lookup' | 'returns:list' | 'returns:get' | 'returns:create' | 'returns:receive' | 'returns:inspect' | 'returns:refund' | 'returns:close'>;
