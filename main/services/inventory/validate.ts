import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/errors';

/**
 * Services re-check their input (the CLI and other services call them without the IPC layer). The first problem is
 * reported as { field, reason }: 'required' when the field is missing, the schema's own message for domain rules.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const field = path.length > 0 ? path.join('.') : '(root)';
  let value: unknown = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  const reason = value === undefined && path.length > 0 ? 'required' : issue?.code === 'custom' ? issue.message : (issue?.code ?? 'invalid');
  throw new AppError('invalid-input', { field, reason });
}
