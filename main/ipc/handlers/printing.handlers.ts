import type { HandlerMap } from './types';

export const printingHandlers = {
  'printing:printers': (core) => core.printing.printers(),
  'printing:print': (core, input) => core.printing.print(input),
} satisfies HandlerMap<'printing:printers' | 'printing:print'>;
