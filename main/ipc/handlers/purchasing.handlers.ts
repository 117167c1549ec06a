import type { HandlerMap } from './types';

type PurchasingChannel =
  | 'purchasing:cover'
  | 'purchasing:plan'
  | 'purchasing:create-order'
  | 'purchasing:create-from-plan'
  | 'purchasing:list'
  | 'purchasing:get'
  | 'purchasing:send'
  | 'purchasing:cancel'
  | 'purchasing:receive'
  | 'purchasing:pdf'
  | 'suppliers:list';

export const purchasingHandlers = {
  'purchasing:cover': (core, input) => core.purchasing.coverReport(input),
  'purchasing:plan': (core, input) => core.purchasing.plan(input),
  'purchasing:create-order': (core, input) => core.purchasing.createOrder(input),
  'purchasing:create-from-plan': (core, input) => core.purchasing.createFromPlan(input),
  'purchasing:list': (core, input) => core.purchasing.list(input),
  'purchasing:get': (core, { id }) => core.purchasing.get(id),
  'purchasing:send': (core, { id }) => core.purchasing.send(id),
  'purchasing:cancel': (core, { id }) => core.purchasing.cancel(id),
  'purchasing:receive': (core, { id, ...receipt }) => core.purchasing.receive(id, receipt),
  'purchasing:pdf': async (core, { id, locale }) => {
    const order = await core.purchasing.get(id);
    const bytes = await core.purchasing.pdf(id, { locale });
    return { fileName: `${order.number}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  },
  'suppliers:list': (core) => core.catalog.listSuppliers(),
} satisfies HandlerMap<PurchasingChannel>;
