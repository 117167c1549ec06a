import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, splitChannel } from '../shared/ipc/contract';
import { isEventName } from '../shared/ipc/events';

/**
 * Builds `window.api.<namespace>.<verb>()` from the contract's channel list and `window.api.on()` for the
 * allow-listed events. Nothing else crosses: no ipcRenderer, no process, no arbitrary channel.
 */
const api: Record<string, unknown> = {};
for (const channel of channelNames) {
  const { namespace, method } = splitChannel(channel);
  const ns = (api[namespace] ??= {}) as Record<string, unknown>;
  ns[method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

api.on = (event: unknown, listener: unknown): (() => void) => {
  if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
  // The IpcRendererEvent is not passed on: it would hand the page a reference to ipcRenderer.
  const wrapped = (_e: unknown, payload: unknown) => (listener as (p: unknown) => void)(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
};

contextBridge.exposeInMainWorld('api', api);
