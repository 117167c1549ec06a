import type { AmazonApi } from '../../spapi/amazon-api';
import type { JobContext, JobOutcome, SyncJob } from './job';

export const INBOUND_JOB = 'inbound' as const;

export interface InboundJobOptions {
  /** Runs the step driver for one store's plans; says whether Amazon still has work in hand (an operation, a step). */
  drive: (api: AmazonApi, storeId: number, signal: AbortSignal) => Promise<{ plans: number; active: boolean }>;
  /** Between runs while a plan waits on Amazon (operations finish in seconds to minutes). */
  busyIntervalMs?: number;
  /** Between runs when no plan waits on Amazon: receiving figures are read hourly, user choices kick the job. */
  idleIntervalMs?: number;
}

/**
 * FBA inbound plans, per store: each run moves every plan with work for Amazon as far as it goes (send the step, poll
 * its operation, read generated options, read receiving). Everything it needs to resume is in the plan rows, so a
 * cancelled run or a restart loses nothing. The cadence is short only while some plan waits on Amazon.
 */
export function inboundJob(opts: InboundJobOptions): SyncJob {
  const busy = opts.busyIntervalMs ?? 15_000;
  const idle = opts.idleIntervalMs ?? 5 * 60_000;
  const activeStores = new Set<number>();
  return {
    kind: INBOUND_JOB,
    // Read by the scheduler after every run: one store's pending operation keeps every store's inbound slot quick,
    // which costs an idle store one cheap query per run.
    get intervalMs() {
      return activeStores.size > 0 ? busy : idle;
    },
    async run(ctx: JobContext): Promise<JobOutcome> {
      const { plans, active } = await opts.drive(ctx.api, ctx.store.id, ctx.signal);
      if (active) activeStores.add(ctx.store.id);
      else activeStores.delete(ctx.store.id);
      return { mode: 'drive', pages: 0, items: plans, interrupted: ctx.signal.aborted };
    },
  };
}
