import type { HandlerMap } from './types';

export const packingHandlers = {
  'packing:open': (core, { code, packageNo }) => core.packing.open(code, { packageNo }),
  'packing:scan': (core, input) => core.packing.scan(input),
  'packing:ship': (core, input) => core.packing.ship(input),
  'packing:pack': (core, input) => core.packing.pack(input),
  'packing:slip': async (core, { orderId, packageNo }) => {
    const { fileName, bytes } = await core.packing.slip(orderId, { packageNo });
    return { fileName, base64: Buffer.from(bytes).toString('base64') };
  },
} satisfies HandlerMap<'packing:open' | 'packing:scan' | 'packing:ship' | 'packing:pack' | 'packing:slip'>;
