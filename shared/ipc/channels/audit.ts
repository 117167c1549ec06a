import { z } from 'zod';
import { channel } from '../channel';
import { auditEntrySchema } from '../../domain/audit';

export const auditChannels = {
  'audit:list': channel({
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(100), beforeId: z.number().int().positive().optional() })
      .strict(),
    output: z.array(auditEntrySchema),
  }),
};
