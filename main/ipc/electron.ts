import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/result';
import type { Core } from '../core';
import { isTrustedSender } from '../security/trusted-url';
import { dispatch } from './dispatch';

/**
 * The only place that registers IPC: one `ipcMain.handle` per contract channel, all behind the same sender check.
 * Channels outside the contract have no handler at all, so the renderer cannot reach them.
 */
export function registerIpc(core: Core, opts: { devServerUrl?: string }): void {
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(
      { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame },
      opts.devServerUrl,
    );

  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!trusted(event)) return fail('untrusted-sender');
      return dispatch(core, channel, input, console);
    });
  }
}

/** Forwards allow-listed core events to one window for its lifetime (a reload keeps the subscription: same page, same window). */
export function forwardEvents(core: Core, contents: WebContents): void {
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(event, payload);
  });
  contents.once('destroyed', unsubscribe);
}
