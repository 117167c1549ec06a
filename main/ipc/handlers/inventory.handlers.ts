import type { HandlerMap } from './types';

type InventoryChannel =
  | 'warehouses:list'
  | 'warehouses:create'
  | 'warehouses:update'
  | 'warehouses:archive'
  | 'warehouses:bins'
  | 'warehouses:create-bin'
  | 'warehouses:assign-bin'
  | 'warehouses:unassign-bin'
  | 'inventory:levels'
  | 'inventory:movements'
  | 'inventory:adjust'
  | 'inventory:transfer'
  | 'inventory:receive-transfer'
  | 'inventory:transfers';

export const inventoryHandlers = {
  'warehouses:list': (core, input) => core.warehouses.list(input),
  'warehouses:create': (core, input) => core.warehouses.create(input),
  'warehouses:update': (core, { id, patch }) => core.warehouses.update(id, patch),
  'warehouses:archive': (core, { id }) => core.warehouses.archive(id),
  'warehouses:bins': (core, { warehouseId }) => core.warehouses.bins(warehouseId),
  'warehouses:create-bin': (core, input) => core.warehouses.createBin(input),
  'warehouses:assign-bin': (core, input) => core.warehouses.assignBin(input),
  'warehouses:unassign-bin': (core, input) => core.warehouses.unassignBin(input),
  'inventory:levels': (core, input) => core.inventory.levels(input),
  'inventory:movements': (core, { productId, ...query }) => core.inventory.movements(productId, query),
  'inventory:adjust': (core, input) => core.inventory.adjust(input),
  'inventory:transfer': async (core, input) => ({ transferId: (await core.inventory.transfer(input)).transferId }),
  'inventory:receive-transfer': async (core, { transferId }) => ({ received: (await core.inventory.receiveTransfer(transferId)).received }),
  'inventory:transfers': (core, input) => core.inventory.openTransfers(input),
} satisfies HandlerMap<InventoryChannel>;
