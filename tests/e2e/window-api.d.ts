import type { WindowApi } from '../../shared/ipc/bridge';

declare global {
  interface Window {
    api?: WindowApi;
  }
}
