// Interface the simulator server wires in: Reports, Feeds, Listings Items and Tokens land here.
import type { OperationName } from '../../spapi/operations';
import type { RouteContext, SimResponse } from '../http-types';
import type { SimClock } from '../sim-clock';
import type { SimStore } from '../store';

export interface DocumentRequest {
  method: string;
  host: string;
  pathname: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string | undefined;
}

export interface DocumentResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export class SimWorkflows {
  readonly routes: Partial<Record<OperationName, (ctx: RouteContext) => SimResponse>> = {};

  constructor(readonly deps: { store: SimStore; clock: SimClock; random: () => number; marketplaceIds: readonly string[] }) {}

  handleDocument(_req: DocumentRequest): DocumentResponse | null {
    return null;
  }
}
