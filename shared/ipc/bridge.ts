import type { ApiSurface } from './contract';
import type { EventName, EventPayload } from './events';

/** What preload puts on `window.api` (and what the e2e harness bridge imitates). */
export type WindowApi = ApiSurface & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
