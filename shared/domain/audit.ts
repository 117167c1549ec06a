import { z } from 'zod';
import { isoDateTime } from '../ipc/limits';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
