import type { HandlerMap } from './types';

export const settingsHandlers = {
  'settings:get-preferences': (core) => core.settings.getPreferences(),
  'settings:update-preferences': (core, input) => core.settings.updatePreferences(input),
} satisfies HandlerMap<'settings:get-preferences' | 'settings:update-preferences'>;
