import type { Channel } from '../../../shared/ipc/contract';
import { amazonHandlers } from './amazon.handlers';
import { auditHandlers } from './audit.handlers';
import { catalogHandlers } from './catalog.handlers';
import { fulfillmentHandlers } from './fulfillment.handlers';
import { fbaHandlers } from './fba.handlers';
import { labelsHandlers } from './labels.handlers';
import { printingHandlers } from './printing.handlers';
import { inventoryHandlers } from './inventory.handlers';
import { ordersHandlers } from './orders.handlers';
import { ordersListHandlers } from './orders-list.handlers';
import { packingHandlers } from './packing.handlers';
import { pickingHandlers } from './picking.handlers';
import { shippingHandlers } from './shipping.handlers';
import { returnsHandlers } from './returns.handlers';
import { financeHandlers } from './finance.handlers';
import { reconciliationOrdersHandlers } from './reconciliation-orders.handlers';
import { reconciliationHandlers } from './reconciliation.handlers';
import { purchasingHandlers } from './purchasing.handlers';
import { settingsHandlers } from './settings.handlers';
import { storesHandlers } from './stores.handlers';
import { syncHandlers } from './sync.handlers';
import { systemHandlers } from './system.handlers';
import type { HandlerMap } from './types';

/** Must cover every contract channel: a new channel without a handler fails `tsc` here. */
export const handlers: HandlerMap<Channel> = {
  ...systemHandlers,
  ...settingsHandlers,
  ...storesHandlers,
  ...auditHandlers,
  ...amazonHandlers,
  ...syncHandlers,
  ...ordersHandlers,
  ...ordersListHandlers,
  ...catalogHandlers,
  ...inventoryHandlers,
  ...purchasingHandlers,
  ...packingHandlers,
  ...pickingHandlers,
  ...shippingHandlers,
  ...returnsHandlers,
  ...financeHandlers,
  ...reconciliationOrdersHandlers,
  ...reconciliationHandlers,
  ...fulfillmentHandlers,
  ...fbaHandlers,
  ...labelsHandlers,
  ...printingHandlers,
};
