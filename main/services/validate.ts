import type { z } from 'zod';
import { AppError } from '../../shared/ipc/errors';

/**
 * Services re-check their input (the CLI and other services call them without the IPC layer). The first problem becomes
 * the typed error the renderer translates: `field` is the top-level field (what a form highlights), `path` the full
 * path when the problem is deeper (`lines.0.passed`), `reason` 'required' for a missing value, the schema's own message
 * for a domain rule, zod's issue code otherwise.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map(String);
  let value: unknown = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  const reason = value === undefined && path.length > 0 ? 'required' : issue?.code === 'custom' ? issue.message : (issue?.code ?? 'invalid');
  throw new AppError('invalid-input', { field: path[0] ?? '(root)', ...(path.length > 1 ? { path: path.join('.') } : {}), reason });
}
