import type { HandlerMap } from './types';

export const shippingHandlers = {
  'shipping:packed-orders': (core, { orderIds }) => core.shipping.packedOrders({ orderIds }),
  'shipping:export-template': (core, input) => core.shipping.exportTemplate(input),
  'shipping:batch-preview': (core, { fileName, fileBase64 }) => {
    const buf = Buffer.from(fileBase64, 'base64');
    return core.shipping.preview({ name: fileName, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
  },
  'shipping:batch-confirm': (core, input) => core.shipping.confirm(input),
} satisfies HandlerMap<'shipping:packed-orders' | 'shipping:export-template' | 'shipping:batch-preview' | 'shipping:batch-confirm'>;
