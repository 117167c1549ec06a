import type { ApiError } from '../api/client';
import { dictionaries, type MessageKey, type TranslateParams } from './index';

type T = (key: MessageKey, params?: TranslateParams) => string;

/**
 * The most precise message for an error: services name the rule that refused a change in `params.reason`
 * (e.g. `insufficient-stock`), which has its own sentence; anything else falls back to the code's message.
 */
export function describeError(t: T, error: ApiError): string {
  const reason = error.params.reason;
  if (typeof reason === 'string') {
    const key = `errors.reason.${reason}`;
    if (Object.hasOwn(dictionaries['zh-CN'], key)) return t(key as MessageKey, error.params);
  }
  return t(`errors.${error.code}`, error.params);
}
