import type { Rng } from '../store/random';

/** Reports 2021-06-30 and Feeds 2021-06-30 share this enum. */
export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

export interface Timeline {
  createdAt: number;
  startAt: number;
  endAt: number;
}

export interface Durations {
  /** Simulated seconds waiting in the queue, drawn uniformly from this range. */
  queued: readonly [number, number];
  working: readonly [number, number];
}

/**
 * Amazon works one document of a kind per seller at a time ("It may be waiting for another IN_PROGRESS report"), so a
 * job starts after its own queue wait and after the previous job of the same kind has ended.
 */
export class JobQueue {
  private readonly lastEnd = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly durations: Durations,
  ) {}

  schedule(kind: string, now: number): Timeline {
    const queued = this.rng.real(this.durations.queued[0], this.durations.queued[1]) * 1000;
    const working = this.rng.real(this.durations.working[0], this.durations.working[1]) * 1000;
    const startAt = Math.round(Math.max(now + queued, this.lastEnd.get(kind) ?? 0));
    const endAt = Math.round(startAt + working);
    this.lastEnd.set(kind, endAt);
    return { createdAt: now, startAt, endAt };
  }
}

/** Where a job stands at `now`; `ENDED` means its outcome (DONE, CANCELLED or FATAL) is due. */
export function phase(t: Timeline, now: number): 'IN_QUEUE' | 'IN_PROGRESS' | 'ENDED' {
  if (now < t.startAt) return 'IN_QUEUE';
  if (now < t.endAt) return 'IN_PROGRESS';
  return 'ENDED';
}

/** ISO 8601 like Amazon's samples, with milliseconds (`2024-03-10T13:47:20.677Z`). */
export const iso = (ms: number): string => new Date(ms).toISOString();
