import { z } from 'zod';
import { channel } from '../channel';
import { appStatusSchema } from '../../domain/status';

export const systemChannels = {
  'system:status': channel({ input: z.object({}).strict(), output: appStatusSchema }),
};
