import type { WindowApi } from '../../shared/ipc/bridge';
import type { ErrorCode, ErrorParams } from '../../shared/ipc/errors';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import type { Result } from '../../shared/ipc/result';

/**
 * The only module that touches `window.api` (preload in Electron, the WebSocket bridge in e2e).
 * Screens get plain values or an ApiError carrying a translatable code.
 */
declare global {
  interface Window {
    api?: WindowApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'transport',
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

function bridge(): WindowApi {
  if (!window.api) throw new ApiError('transport');
  return window.api;
}

async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch {
    throw new ApiError('transport');
  }
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.params);
}

export const api = {
  status: () => unwrap(bridge().system.status({})),
  getPreferences: () => unwrap(bridge().settings.getPreferences({})),
  updatePreferences: (input: Parameters<WindowApi['settings']['updatePreferences']>[0]) =>
    unwrap(bridge().settings.updatePreferences(input)),
  listStores: () => unwrap(bridge().stores.list({})),
  listMarketplaces: () => unwrap(bridge().marketplaces.list({})),
  testCredentials: (input: Parameters<WindowApi['amazon']['testCredentials']>[0]) => unwrap(bridge().amazon.testCredentials(input)),
  connectStore: (input: Parameters<WindowApi['stores']['connect']>[0]) => unwrap(bridge().stores.connect(input)),
  testStoreConnection: (storeId: number) => unwrap(bridge().stores.testConnection({ storeId })),
  syncStatus: () => unwrap(bridge().sync.status({})),
  syncRunNow: (storeId?: number) => unwrap(bridge().sync.runNow(storeId === undefined ? {} : { storeId })),
  syncPause: () => unwrap(bridge().sync.pause({})),
  syncResume: () => unwrap(bridge().sync.resume({})),
  syncHealth: (hours = 24) => unwrap(bridge().sync.health({ hours })),
  outboxRetryDead: (seq: number) => unwrap(bridge().outbox.retryDead({ seq })),
  warehouses: () => unwrap(bridge().warehouses.list({})),
  inventoryLevels: (input: Parameters<WindowApi['inventory']['levels']>[0]) => unwrap(bridge().inventory.levels(input)),
  inventoryMovements: (input: Parameters<WindowApi['inventory']['movements']>[0]) => unwrap(bridge().inventory.movements(input)),
  inventoryAdjust: (input: Parameters<WindowApi['inventory']['adjust']>[0]) => unwrap(bridge().inventory.adjust(input)),
};

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api ? window.api.on(event, listener) : () => undefined;
}
