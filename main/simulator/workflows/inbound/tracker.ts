import type { Rng } from '../../store/random';
import type { InboundIds } from './ids';
import type { OperationProblem } from './records';

export type OperationStatus = 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';

export interface OperationRecord {
  operationId: string;
  operation: string;
  sellerId: string;
  status: OperationStatus;
  problems: OperationProblem[];
}

/**
 * Amazon's asynchronous inbound operations: a mutation is accepted with an operationId, stays IN_PROGRESS for a few
 * simulated seconds, then ends SUCCESS or FAILED with its problems. The work runs (and validates) when the operation
 * ends, against the plan as it is then; work must change nothing when it reports an ERROR.
 */
export class OperationTracker {
  private readonly operations = new Map<string, OperationRecord>();
  private readonly forced = new Map<string, OperationProblem[]>();

  constructor(
    private readonly deps: { ids: InboundIds; rng: Rng; now: () => number; schedule: (time: number, run: (time: number) => void) => void },
  ) {}

  /** Test hook: the next `operation` (e.g. 'confirmPlacementOption') ends FAILED with `problem`, whatever it asked. */
  failNext(operation: string, problem: OperationProblem): void {
    const queue = this.forced.get(operation) ?? [];
    queue.push(problem);
    this.forced.set(operation, queue);
  }

  /**
   * Accepts an operation that ends no earlier than `notBefore` (the plan's previous operation), so one plan's
   * operations finish in the order they were sent. Returns the id and when it ends.
   */
  start(operation: string, sellerId: string, notBefore: number, work: (time: number) => OperationProblem[]): { operationId: string; doneAt: number } {
    const operationId = this.deps.ids.operationId();
    const record: OperationRecord = { operationId, operation, sellerId, status: 'IN_PROGRESS', problems: [] };
    this.operations.set(operationId, record);
    const doneAt = Math.max(this.deps.now() + Math.round(this.deps.rng.real(2, 6) * 1000), notBefore + 1);
    const forced = this.forced.get(operation)?.shift();
    this.deps.schedule(doneAt, (time) => {
      record.problems = forced ? [forced] : work(time);
      record.status = record.problems.some((p) => p.severity === 'ERROR') ? 'FAILED' : 'SUCCESS';
    });
    return { operationId, doneAt };
  }

  get(operationId: string): OperationRecord | undefined {
    return this.operations.get(operationId);
  }
}
