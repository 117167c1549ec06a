import type { EventName, EventPayload } from '../shared/ipc/events';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fan-out of main→renderer events; the Electron shell and the harness each subscribe once per window/socket. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }
}
