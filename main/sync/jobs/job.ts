import type { Db } from '../../db/connection';
import type { Clock } from '../../clock';
import type { AmazonApi } from '../../spapi/amazon-api';
import type { SecretBox } from '../../spapi/secret-box';
import type { Store } from '../../../shared/domain/store';

export type JobKind = 'orders' | 'inventory' | 'listings' | 'inbound' | 'finances';

export interface JobProgress {
  mode: string;
  pages: number;
  items: number;
  /** Estimated seconds left under the usage plan, when the job can know. */
  etaSeconds: number | null;
}

export interface JobContext {
  db: Db;
  clock: Clock;
  store: Store;
  api: AmazonApi;
  secretBox: SecretBox;
  /** Set when the user cancels or the app quits: finish the page in hand, commit, stop. Progress stays resumable. */
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

export interface JobOutcome {
  mode: string;
  pages: number;
  items: number;
  /** True when the run stopped early (cancel, quit) with its cursor saved. */
  interrupted: boolean;
}

export interface SyncJob {
  kind: JobKind;
  /** Time between the end of one run and the start of the next. */
  intervalMs: number;
  run(ctx: JobContext): Promise<JobOutcome>;
}
