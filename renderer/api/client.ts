import type { AllocationRuleInput, AuditRuleConfig, CarrierRuleInput } from '../../shared/domain/fulfillment';
import type { WindowApi } from '../../shared/ipc/bridge';
import type { ErrorCode, ErrorParams } from '../../shared/ipc/errors';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import type { Result } from '../../shared/ipc/result';

/**
 * The only module that touches `window.api` (preload in Electron, the WebSocket bridge in e2e).
 * Screens get plain values or an ApiError carrying a translatable code.
 */
declare global {
  interface Window {
    api?: WindowApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'transport',
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

function bridge(): WindowApi {
  if (!window.api) throw new ApiError('transport');
  return window.api;
}

async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch {
    throw new ApiError('transport');
  }
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.params);
}

export const api = {
  status: () => unwrap(bridge().system.status({})),
  getPreferences: () => unwrap(bridge().settings.getPreferences({})),
  updatePreferences: (input: Parameters<WindowApi['settings']['updatePreferences']>[0]) =>
    unwrap(bridge().settings.updatePreferences(input)),
  inventorySettings: () => unwrap(bridge().settings.getInventory({})),
  updateInventorySettings: (input: Parameters<WindowApi['settings']['updateInventory']>[0]) => unwrap(bridge().settings.updateInventory(input)),
  listStores: () => unwrap(bridge().stores.list({})),
  listMarketplaces: () => unwrap(bridge().marketplaces.list({})),
  testCredentials: (input: Parameters<WindowApi['amazon']['testCredentials']>[0]) => unwrap(bridge().amazon.testCredentials(input)),
  connectStore: (input: Parameters<WindowApi['stores']['connect']>[0]) => unwrap(bridge().stores.connect(input)),
  testStoreConnection: (storeId: number) => unwrap(bridge().stores.testConnection({ storeId })),
  syncStatus: () => unwrap(bridge().sync.status({})),
  syncRunNow: (storeId?: number) => unwrap(bridge().sync.runNow(storeId === undefined ? {} : { storeId })),
  syncPause: () => unwrap(bridge().sync.pause({})),
  syncResume: () => unwrap(bridge().sync.resume({})),
  syncHealth: (hours = 24) => unwrap(bridge().sync.health({ hours })),
  ordersList: (input: Parameters<WindowApi['orders']['list']>[0]) => unwrap(bridge().orders.list(input)),
  ordersCounts: (input: Parameters<WindowApi['orders']['counts']>[0]) => unwrap(bridge().orders.counts(input)),
  ordersGet: (id: string) => unwrap(bridge().orders.get({ id })),
  outboxRetryDead: (seq: number) => unwrap(bridge().outbox.retryDead({ seq })),
  reconOrders: () => unwrap(bridge().recon.orders({})),
  reconStock: () => unwrap(bridge().recon.stock({})),
  reconAcceptAmazon: (input: Parameters<WindowApi['recon']['acceptAmazon']>[0]) => unwrap(bridge().recon.acceptAmazon(input)),
  reconPushOurs: (key: string) => unwrap(bridge().recon.pushOurs({ key })),
  reconOpenCase: (input: Parameters<WindowApi['recon']['openCase']>[0]) => unwrap(bridge().recon.openCase(input)),
  reconCases: () => unwrap(bridge().recon.cases({})),
  reconFixOrder: (input: Parameters<WindowApi['recon']['fixOrder']>[0]) => unwrap(bridge().recon.fixOrder(input)),
  warehouses: (includeArchived = false) => unwrap(bridge().warehouses.list(includeArchived ? { includeArchived } : {})),
  warehouseCreate: (input: Parameters<WindowApi['warehouses']['create']>[0]) => unwrap(bridge().warehouses.create(input)),
  warehouseArchive: (id: number) => unwrap(bridge().warehouses.archive({ id })),
  warehouseBins: (warehouseId: number) => unwrap(bridge().warehouses.bins({ warehouseId })),
  warehouseCreateBin: (input: Parameters<WindowApi['warehouses']['createBin']>[0]) => unwrap(bridge().warehouses.createBin(input)),
  warehouseAssignBin: (productId: number, binId: number) => unwrap(bridge().warehouses.assignBin({ productId, binId })),
  warehouseUnassignBin: (productId: number, binId: number) => unwrap(bridge().warehouses.unassignBin({ productId, binId })),
  inventoryTransfer: (input: Parameters<WindowApi['inventory']['transfer']>[0]) => unwrap(bridge().inventory.transfer(input)),
  inventoryReceiveTransfer: (transferId: string) => unwrap(bridge().inventory.receiveTransfer({ transferId })),
  inventoryTransfers: () => unwrap(bridge().inventory.transfers({})),
  inventoryLevels: (input: Parameters<WindowApi['inventory']['levels']>[0]) => unwrap(bridge().inventory.levels(input)),
  inventoryMovements: (input: Parameters<WindowApi['inventory']['movements']>[0]) => unwrap(bridge().inventory.movements(input)),
  inventoryAdjust: (input: Parameters<WindowApi['inventory']['adjust']>[0]) => unwrap(bridge().inventory.adjust(input)),
  catalogSearch: (input: Parameters<WindowApi['catalog']['search']>[0]) => unwrap(bridge().catalog.search(input)),
  catalogGet: (id: number) => unwrap(bridge().catalog.get({ id })),
  catalogCreate: (input: Parameters<WindowApi['catalog']['create']>[0]) => unwrap(bridge().catalog.create(input)),
  catalogUpdate: (id: number, patch: Parameters<WindowApi['catalog']['update']>[0]['patch']) => unwrap(bridge().catalog.update({ id, patch })),
  catalogArchive: (id: number, archived: boolean) => unwrap(bridge().catalog.archive({ id, archived })),
  catalogImportPreview: (file: { name: string; base64: string }) => unwrap(bridge().catalog.importPreview(file)),
  catalogImportCommit: (input: Parameters<WindowApi['catalog']['importCommit']>[0]) => unwrap(bridge().catalog.importCommit(input)),
  catalogExport: (input: Parameters<WindowApi['catalog']['export']>[0]) => unwrap(bridge().catalog.export(input)),
  catalogUnmappedListings: (storeId?: number) => unwrap(bridge().catalog.unmappedListings(storeId === undefined ? {} : { storeId })),
  catalogMapListing: (input: Parameters<WindowApi['catalog']['mapListing']>[0]) => unwrap(bridge().catalog.mapListing(input)),
  catalogUnmapListing: (input: Parameters<WindowApi['catalog']['unmapListing']>[0]) => unwrap(bridge().catalog.unmapListing(input)),
  catalogImportFromAmazon: (input: Parameters<WindowApi['catalog']['importFromAmazon']>[0]) => unwrap(bridge().catalog.importFromAmazon(input)),
  supplierCreate: (input: Parameters<WindowApi['suppliers']['create']>[0]) => unwrap(bridge().suppliers.create(input)),
  suppliers: () => unwrap(bridge().suppliers.list({})),
  purchasingCover: (input: Parameters<WindowApi['purchasing']['cover']>[0]) => unwrap(bridge().purchasing.cover(input)),
  purchasingPlan: (input: Parameters<WindowApi['purchasing']['plan']>[0]) => unwrap(bridge().purchasing.plan(input)),
  purchasingCreateOrder: (input: Parameters<WindowApi['purchasing']['createOrder']>[0]) => unwrap(bridge().purchasing.createOrder(input)),
  purchasingCreateFromPlan: (input: Parameters<WindowApi['purchasing']['createFromPlan']>[0]) => unwrap(bridge().purchasing.createFromPlan(input)),
  purchasingList: (input: Parameters<WindowApi['purchasing']['list']>[0]) => unwrap(bridge().purchasing.list(input)),
  purchasingGet: (id: number) => unwrap(bridge().purchasing.get({ id })),
  purchasingSend: (id: number) => unwrap(bridge().purchasing.send({ id })),
  purchasingCancel: (id: number) => unwrap(bridge().purchasing.cancel({ id })),
  purchasingReceive: (input: Parameters<WindowApi['purchasing']['receive']>[0]) => unwrap(bridge().purchasing.receive(input)),
  purchasingPdf: (input: Parameters<WindowApi['purchasing']['pdf']>[0]) => unwrap(bridge().purchasing.pdf(input)),
  packingOpen: (code: string) => unwrap(bridge().packing.open({ code })),
  packingScan: (input: Parameters<WindowApi['packing']['scan']>[0]) => unwrap(bridge().packing.scan(input)),
  packingShip: (input: Parameters<WindowApi['packing']['ship']>[0]) => unwrap(bridge().packing.ship(input)),
  packingPack: (input: Parameters<WindowApi['packing']['pack']>[0]) => unwrap(bridge().packing.pack(input)),
  packingSlip: (input: Parameters<WindowApi['packing']['slip']>[0]) => unwrap(bridge().packing.slip(input)),
  fulfillmentExceptions: (input: Parameters<WindowApi['fulfillment']['exceptions']>[0]) => unwrap(bridge().fulfillment.exceptions(input)),
  fulfillmentResolve: (input: Parameters<WindowApi['fulfillment']['resolve']>[0]) => unwrap(bridge().fulfillment.resolve(input)),
  fulfillmentRules: () => unwrap(bridge().fulfillment.rules({})),
  fulfillmentSetAuditRules: (rules: AuditRuleConfig[]) => unwrap(bridge().fulfillment.setAuditRules({ rules })),
  fulfillmentSetAllocationRules: (rules: AllocationRuleInput[]) => unwrap(bridge().fulfillment.setAllocationRules({ rules })),
  fulfillmentSetCarrierRules: (rules: CarrierRuleInput[]) => unwrap(bridge().fulfillment.setCarrierRules({ rules })),
  fulfillmentSetAllowSplit: (allow: boolean) => unwrap(bridge().fulfillment.setAllowSplit({ allow })),
  pickingCandidates: (warehouseId: number) => unwrap(bridge().picking.candidates({ warehouseId })),
  pickingCreateWave: (input: Parameters<WindowApi['picking']['createWave']>[0]) => unwrap(bridge().picking.createWave(input)),
  pickingListWaves: (warehouseId?: number) => unwrap(bridge().picking.listWaves(warehouseId === undefined ? {} : { warehouseId })),
  pickingPickList: (waveId: number) => unwrap(bridge().picking.pickList({ waveId })),
  pickingPdf: (input: Parameters<WindowApi['picking']['pdf']>[0]) => unwrap(bridge().picking.pdf(input)),
  pickingCloseWave: (waveId: number) => unwrap(bridge().picking.closeWave({ waveId })),
  shippingPackedOrders: (orderIds?: string[]) => unwrap(bridge().shipping.packedOrders(orderIds === undefined ? {} : { orderIds })),
  shippingExportTemplate: (input: Parameters<WindowApi['shipping']['exportTemplate']>[0]) => unwrap(bridge().shipping.exportTemplate(input)),
  shippingBatchPreview: (input: Parameters<WindowApi['shipping']['batchPreview']>[0]) => unwrap(bridge().shipping.batchPreview(input)),
  shippingBatchConfirm: (input: Parameters<WindowApi['shipping']['batchConfirm']>[0]) => unwrap(bridge().shipping.batchConfirm(input)),
  returnsLookup: (code: string) => unwrap(bridge().returns.lookup({ code })),
  returnsList: (input: Parameters<WindowApi['returns']['list']>[0]) => unwrap(bridge().returns.list(input)),
  returnsGet: (id: number) => unwrap(bridge().returns.get({ id })),
  returnsCreate: (input: Parameters<WindowApi['returns']['create']>[0]) => unwrap(bridge().returns.create(input)),
  returnsReceive: (input: Parameters<WindowApi['returns']['receive']>[0]) => unwrap(bridge().returns.receive(input)),
  returnsInspect: (input: Parameters<WindowApi['returns']['inspect']>[0]) => unwrap(bridge().returns.inspect(input)),
  returnsRefund: (input: Parameters<WindowApi['returns']['refund']>[0]) => unwrap(bridge().returns.refund(input)),
  returnsClose: (id: number) => unwrap(bridge().returns.close({ id })),
  pickingIdentify: (input: Parameters<WindowApi['picking']['identify']>[0]) => unwrap(bridge().picking.identify(input)),
  pickingComplete: (input: Parameters<WindowApi['picking']['complete']>[0]) => unwrap(bridge().picking.complete(input)),
  fbaPlans: (input: Parameters<WindowApi['fba']['plans']>[0] = {}) => unwrap(bridge().fba.plans(input)),
  fbaPlan: (planId: number) => unwrap(bridge().fba.plan({ planId })),
  fbaSuggestions: (input: Parameters<WindowApi['fba']['suggestions']>[0]) => unwrap(bridge().fba.suggestions(input)),
  fbaCreatePlan: (input: Parameters<WindowApi['fba']['createPlan']>[0]) => unwrap(bridge().fba.createPlan(input)),
  fbaChoosePacking: (input: Parameters<WindowApi['fba']['choosePacking']>[0]) => unwrap(bridge().fba.choosePacking(input)),
  fbaChoosePlacement: (input: Parameters<WindowApi['fba']['choosePlacement']>[0]) => unwrap(bridge().fba.choosePlacement(input)),
  fbaChooseTransport: (input: Parameters<WindowApi['fba']['chooseTransport']>[0]) => unwrap(bridge().fba.chooseTransport(input)),
  fbaChooseWindows: (input: Parameters<WindowApi['fba']['chooseWindows']>[0]) => unwrap(bridge().fba.chooseWindows(input)),
  fbaUploadTracking: (input: Parameters<WindowApi['fba']['uploadTracking']>[0]) => unwrap(bridge().fba.uploadTracking(input)),
  fbaRetryStep: (planId: number) => unwrap(bridge().fba.retryStep({ planId })),
  fbaCancelPlan: (planId: number) => unwrap(bridge().fba.cancelPlan({ planId })),
  fbaOpenBox: (planId: number) => unwrap(bridge().fba.openBox({ planId })),
  fbaScanIntoBox: (input: Parameters<WindowApi['fba']['scanIntoBox']>[0]) => unwrap(bridge().fba.scanIntoBox(input)),
  fbaCloseBox: (input: Parameters<WindowApi['fba']['closeBox']>[0]) => unwrap(bridge().fba.closeBox(input)),
  fbaReopenBox: (input: Parameters<WindowApi['fba']['reopenBox']>[0]) => unwrap(bridge().fba.reopenBox(input)),
  fbaRemoveFromBox: (input: Parameters<WindowApi['fba']['removeFromBox']>[0]) => unwrap(bridge().fba.removeFromBox(input)),
  fbaSubmitBoxes: (planId: number) => unwrap(bridge().fba.submitBoxes({ planId })),
  fbaAmazonLabels: (input: Parameters<WindowApi['fba']['amazonLabels']>[0]) => unwrap(bridge().fba.amazonLabels(input)),
  fbaRefresh: (planId: number) => unwrap(bridge().fba.refresh({ planId })),
  labelLayouts: () => unwrap(bridge().labels.layouts({})),
  labelsFnsku: (input: Parameters<WindowApi['labels']['fnsku']>[0]) => unwrap(bridge().labels.fnsku(input)),
  labelsCarton: (input: Parameters<WindowApi['labels']['carton']>[0]) => unwrap(bridge().labels.carton(input)),
  labelsCartons: (input: Parameters<WindowApi['labels']['cartons']>[0]) => unwrap(bridge().labels.cartons(input)),
  printingPrinters: () => unwrap(bridge().printing.printers({})),
  printingPrint: (input: Parameters<WindowApi['printing']['print']>[0]) => unwrap(bridge().printing.print(input)),
};

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api ? window.api.on(event, listener) : () => undefined;
}
