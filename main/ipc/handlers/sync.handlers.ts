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
  'sync:health': async (core, input) => core.health.get({ hours: input.hours }),
  'outbox:retry-dead': async (core, input) => {
    await core.health.retryDead(input.seq);
    return { ok: true as const };
  },
} satisfies HandlerMap<'sync:status' | 'sync:run-now' | 'sync:pause' | 'sync:resume' | 'sync:health' | 'outbox:retry-dead'>;
