import { app } from 'electron';
import electronUpdater from 'electron-updater';

/** Checks the generic feed configured in electron-builder.yml; only packaged builds have an app-update.yml to read. */
export function checkForUpdates(): void {
  if (!app.isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.checkForUpdatesAndNotify().catch((err: unknown) => {
    // Offline is the normal case for our users; the next start tries again.
    console.warn('update check failed', err instanceof Error ? err.message : err);
  });
}
