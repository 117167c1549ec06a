import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * A dialog's submit: one call at a time, the refusal kept for display (the dialog stays open with the clerk's entry),
 * `onDone` (usually close) after success.
 */
export function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<unknown>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
