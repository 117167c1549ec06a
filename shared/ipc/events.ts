import type { z } from 'zod';
import { appStatusSchema } from '../domain/status';
import { syncStatusSchema } from '../domain/sync';

/** The only messages main may push to the renderer; anything else is dropped by preload and the harness bridge. */
export const events = {
  'system:status-changed': appStatusSchema,
  'sync:status': syncStatusSchema,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
