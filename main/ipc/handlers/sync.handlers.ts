import type { HandlerMap } from './types';

export const syncHandlers = {
  'sync:status': async (core) => core.scheduler.status(),
  'sync:run-now': async (core, input) => {
    void core.scheduler.runNow(input.storeId !== undefined ? { storeId: input.storeId } : {});
    return core.scheduler.status();
  },
  'sync:pause': async (core) => {
    core.scheduler.pause();
    return core.scheduler.status();
  },
  'sync:resume': async (core) => {
    core.scheduler.resume();
    return core.scheduler.status();
  },
} satisfies HandlerMap<'sync:status' | 'sync:run-now' | 'sync:pause' | 'sync:resume'>;
