import { z } from 'zod';
import { channel } from '../channel';
import { marketplaceSchema, newStoreSchema, storeSchema } from '../../domain/store';

export const storesChannels = {
  'stores:list': channel({ input: z.object({}).strict(), output: z.array(storeSchema) }),
  'stores:create': channel({ input: newStoreSchema, output: storeSchema }),
  'marketplaces:list': channel({ input: z.object({}).strict(), output: z.array(marketplaceSchema) }),
};
