import { expect } from 'vitest';
import { AppError } from '../../shared/ipc/errors';

/** The typed error a refused call ends with; fails the test if the call succeeded or threw something untyped. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
