import type { HandlerMap } from './types';

export const settingsHandlers = {
  'settings:get-preferences': (core) => core.settings.getPreferences(),
  'settings:update-preferences': (core, input) => core.settings.updatePreferences(input),
  'settings:get-inventory': async (core) => ({ fbmSafetyBuffer: await core.fbmSafetyBuffer.get() }),
  'settings:update-inventory': async (core, input) => ({ fbmSafetyBuffer: await core.fbmSafetyBuffer.set(input.fbmSafetyBuffer) }),
} satisfies HandlerMap<'settings:get-preferences' | 'settings:update-preferences' | 'settings:get-inventory' | 'settings:update-inventory'>;
