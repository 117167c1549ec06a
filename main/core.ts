import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrations';
import { listAudit } from './db/repositories/audit.repo';
import { systemClock, type Clock } from './clock';
import { EventBus } from './events';
import { createAudit, type Actor } from './services/audit.service';
import { createConnectivityMonitor, DEFAULT_PROBE_TARGET, type ProbeTarget } from './services/connectivity';
import { createSettingsService } from './services/settings.service';
import { createStatusService } from './services/status.service';
import { createStoresService } from './services/stores.service';
import { createAmazonAccountsService } from './services/amazon-accounts.service';
import { startSimulator, DEMO_ACCOUNT, type RunningSimulator } from './simulator/server';
import type { EndpointOverride } from './spapi/loopback-agent';
import { REGION_HOSTS } from './spapi/operations';
import { RateLimiter } from './spapi/rate-limiter';
import { keyFileSecretBox, type SecretBox } from './spapi/secret-box';
import { createStoreClients } from './spapi/store-clients';
import type { NewStore } from '../shared/domain/store';
import { ordersJob } from './sync/jobs/orders.job';
import { inventoryJob } from './sync/jobs/inventory.job';
import { listingsJob } from './sync/jobs/listings.job';
import { fetchReport } from './spapi/documents-api';
import { createScheduler } from './sync/scheduler';
import { createOutboxWorker } from './sync/outbox/worker';
import { createPiiPurge } from './sync/pii-purge';
import { createShipmentsService } from './services/shipments.service';
import { createFulfillmentService } from './services/fulfillment/fulfillment.service';
import { createPackingService } from './services/fulfillment/packing.service';
import { createPickingService } from './services/fulfillment/picking.service';
import { createBatchShippingService } from './services/fulfillment/batch-shipping.service';
import { createReturnsService } from './services/fulfillment/returns.service';
import { createOrderRecon } from './services/reconciliation/order-recon';
import { createStockReconService } from './services/reconciliation/stock-recon';
import { createOrdersQuery } from './services/orders/orders-query';
import { closeInterruptedRuns } from './db/repositories/sync-state.repo';
import { createSyncHealth } from './sync/health.service';
import { createInventoryService } from './services/inventory/inventory.service';
import { createWarehousesService } from './services/inventory/warehouses.service';
import { createPurchasingService } from './services/purchasing/purchasing.service';
import { applyFbaSnapshot } from './services/inventory/fba-mirror';
import { getFbmSafetyBuffer, queueFbmQuantities, queueStaleFbmQuantities, setFbmSafetyBuffer } from './services/inventory/fbm-push';
import { bootstrapDemoCatalog, importCatalogFromListings } from './services/catalog/catalog-from-listings';
import { createCatalogService } from './services/catalog/catalog.service';
import { createCatalogImport } from './services/catalog/import/catalog-import';
import { AppError } from '../shared/ipc/errors';
import { withListingsAccess } from './sync/outbox/handlers/fbm-quantity.outbox';
import { inboundJob } from './sync/jobs/inbound.job';
import { financesJob } from './sync/jobs/finances.job';
import { createFinanceService } from './services/finance/finance.service';
import { createFbaInboundService } from './services/fba-inbound/fba-inbound.service';
import { createPrintingService } from './printing/printing.service';
import type { Printer } from './printing/printer';

export interface CoreConfig {
  /** Folder that holds the SQLite file (the app's userData in Electron). */
  dataDir: string;
  appVersion: string;
  actor: Actor;
  clock?: Clock;
  probe?: { target: ProbeTarget; intervalMs: number; timeoutMs?: number };
  /** Encrypts LWA secrets: Electron safeStorage in the app, the key file in the data folder otherwise. */
  secretBox?: SecretBox;
  /**
   * Demo mode: an in-process SP-API simulator stands in for Amazon, and a first start with no store creates demo
   * stores on it so a new user has a working app without an Amazon account.
   */
  demo?: { enabled: boolean; seed?: number; timeScale?: number; ordersPerHour?: number };
  /**
   * Sends real (non-demo) stores' calls to an SP-API-compatible server on loopback instead of Amazon;
   * 'simulator' means the in-process demo simulator (the e2e harness uses it to connect "real" accounts offline).
   */
  spapiEndpoint?: EndpointOverride | 'simulator';
  /** The host's printers (Electron in the app, a folder in the harness); without one, printing answers printing-unavailable. */
  printer?: Printer;
  /** How often the outbox worker looks for due writes to Amazon. */
  outboxIntervalMs?: number;
  sync?: {
    /** Start the scheduler with start() (the app); off for one-shot commands that call runNow themselves. */
    autoStart?: boolean;
    backfillDays?: number;
    intervalMs?: number;
  };
}

/** The demo seller sells in three SP-API regions, as most Chinese cross-border sellers do: one store each. */
const DEMO_STORES: NewStore[] = [
  { name: '演示店铺 Demo · NA', region: 'na', marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'], sellerId: DEMO_ACCOUNT.sellerId },
  { name: '演示店铺 Demo · EU', region: 'eu', marketplaceIds: ['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS'], sellerId: DEMO_ACCOUNT.sellerId },
  { name: '演示店铺 Demo · JP', region: 'fe', marketplaceIds: ['A1VC38T7YXB528'], sellerId: DEMO_ACCOUNT.sellerId },
];

export const DB_FILE_NAME = 'erp.sqlite';

/** Builds the whole app minus Electron: the same object serves the window, the CLI and the e2e harness. */
export async function createCore(config: CoreConfig) {
  const clock = config.clock ?? systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const dbPath = path.join(config.dataDir, DB_FILE_NAME);
  const db: Db = openDatabase(dbPath);
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }

  const events = new EventBus();
  const audit = createAudit(config.actor, clock);
  // Called only after start-up (a probe result, a created store), when `status` below exists.
  const onStoresChanged = () => {
    publishStatus();
    void scheduler.refresh().catch(() => undefined);
  };
  let closed = false;
  const publishStatus = () => {
    if (closed) return;
    void status.get().then((s) => events.emit('system:status-changed', s), () => undefined);
  };

  const connectivity = createConnectivityMonitor({
    target: async () => (config.probe ? config.probe.target : activeEndpoint()),
    intervalMs: config.probe?.intervalMs ?? 30_000,
    timeoutMs: config.probe?.timeoutMs,
    clock,
    onChange: publishStatus,
  });
  const settings = createSettingsService(db, clock, audit);
  const stores = createStoresService(db, clock, audit, onStoresChanged);
  const limiter = new RateLimiter({ timeScale: config.demo?.timeScale ?? 1 });
  const secretBox = config.secretBox ?? keyFileSecretBox(config.dataDir);
  let simulator: RunningSimulator | null = null;
  const simulatorEndpoint = (): EndpointOverride | undefined =>
    simulator ? { host: '127.0.0.1', port: simulator.port, ca: simulator.caPem } : undefined;
  const endpointFor = (isDemo: boolean): EndpointOverride | undefined =>
    isDemo || config.spapiEndpoint === 'simulator' ? simulatorEndpoint() : config.spapiEndpoint;
  const storeClients = createStoreClients({
    db,
    clock,
    secretBox,
    limiter,
    endpointFor: (store) => endpointFor(store.isDemo),
    log: console,
  });

  const scheduler = createScheduler({
    db,
    clock,
    secretBox,
    // A demo store reads a week of history, so the first look at the app is not an hour of Amazon-paced backfill.
    jobs: [
      ordersJob({
        backfillDays: config.sync?.backfillDays ?? ((store) => (store.isDemo ? 7 : 30)),
        intervalMs: config.sync?.intervalMs,
        // New FBM orders are audited and allocated, Amazon cancellations stop open ones, in the page's transaction.
        afterPage: (trx, orderIds) => fulfillment.onOrdersSynced(trx, orderIds),
      }),
      // Amazon's FBA figures become the FBA warehouse's ledger levels in the same transaction as the snapshot.
      inventoryJob({
        afterSnapshot: async (trx, s) => {
          await applyFbaSnapshot(trx, { storeId: s.store.id, region: s.store.region, now: s.syncedAt });
          // Each cycle also catches stock postings that bypassed the services' hook (see queueStaleFbmQuantities).
          const stale = await queueStaleFbmQuantities(trx, { storeId: s.store.id, marketplaceId: s.marketplaceId, now: s.syncedAt });
          if (stale.length > 0) outboxSoon();
        },
      }),
      listingsJob({
        reportFor: async (storeId) => {
          const client = await storeClients.clientFor(storeId);
          return client ? (params, poll) => fetchReport(client, params, poll) : null;
        },
        // Report polling runs on Amazon time too.
        pollMs: 15_000 / (config.demo?.timeScale ?? 1),
        // A demo store gets its catalog (and stock to show) from its first listings; a real seller imports on request.
        afterSnapshot: async (trx, s) => {
          if (!s.store.isDemo || !config.demo?.enabled) return;
          const { queued } = await bootstrapDemoCatalog(trx, { storeId: s.store.id, region: s.store.region, now: s.syncedAt });
          if (queued.length > 0) outboxSoon();
          // Orders synced before the demo had a catalog wait as sku-unmapped: look at them again once this commits.
          setTimeout(() => void recheckUnmapped().catch(() => undefined), 0).unref();
        },
      }),
      // FBA inbound plans move through Amazon's steps from here; each step resumes from the plan rows after a restart.
      inboundJob({ drive: (api, storeId, signal) => fbaInbound.driveStore(api, storeId, signal) }),
      // Amazon's money: settlement groups and transactions by posted date; a demo store reads the simulated month.
      financesJob({ backfillDays: (store) => (store.isDemo ? 35 : 90) }),
    ],
    stores: () => stores.list(),
    apiFor: (storeId) => storeClients.forStore(storeId),
    timeScale: config.demo?.timeScale ?? 1,
    onStatus: (s) => {
      events.emit('sync:status', s);
      publishStatus();
    },
    log: console,
  });
  const outbox = createOutboxWorker({
    db,
    clock,
    random: Math.random,
    // Listings Items writes (FBM quantities) need the raw client and the seller ID the plain API does not carry.
    apiFor: async (storeId) => {
      const api = await storeClients.forStore(storeId);
      const client = api ? await storeClients.clientFor(storeId) : null;
      if (!api || !client) return api;
      const store = (await stores.list()).find((s) => s.id === storeId);
      return withListingsAccess(api, client, store?.sellerId ?? null);
    },
    onChange: () => publishStatus(),
    log: console,
  });
  const piiPurge = createPiiPurge({ db, clock, log: console });
  const shipments = createShipmentsService({
    db,
    clock,
    audit,
    actor: config.actor.name,
    // Online, the confirmation leaves at once instead of waiting for the worker's next tick.
    onQueued: () => {
      publishStatus();
      if (workerRunning) void outbox.runOnce().catch(() => undefined);
    },
  });
  let workerRunning = false;
  /**
   * Called from inside a transaction that queued writes: the pass is started on the next tick and its first query waits
   * for the single connection, i.e. for the commit; a rolled-back transaction leaves it nothing to send.
   */
  const outboxSoon = () => {
    setTimeout(() => {
      publishStatus();
      if (workerRunning) void outbox.runOnce().catch(() => undefined);
    }, 0).unref();
  };
  const catalog = createCatalogService({ db, clock, audit });
  const catalogImport = createCatalogImport({ db, clock, audit, catalog });
  const warehouses = createWarehousesService({ db, clock, audit });
  // Every stock change re-checks the FBM offers selling the product, so Amazon hears of it within one outbox pass.
  const stockChanged = async (trx: Knex.Transaction, productIds: number[]) => {
    const queued = await queueFbmQuantities(trx, productIds, { now: clock.now().toISOString() });
    if (queued.length > 0) outboxSoon();
  };
  const inventory = createInventoryService({
    db,
    clock,
    audit,
    actor: config.actor.name,
    onStockChanged: (trx, productIds) => stockChanged(trx, productIds),
  });
  /** Re-audits orders held only because their SKUs had no product yet (after a catalog import). */
  const recheckUnmapped = async () => {
    if (closed) return;
    const { rows } = await fulfillment.exceptions({ reason: 'sku-unmapped', limit: 500 });
    for (const e of rows) await fulfillment.resolve(e.id, { action: 'recheck' }).catch(() => undefined);
  };
  const fulfillment = createFulfillmentService({ db, clock, audit, actor: config.actor.name, inventory, secretBox, log: console });
  const purchasing = createPurchasingService({
    db,
    clock,
    audit,
    actor: config.actor.name,
    onStockChanged: (trx, productIds) => stockChanged(trx, productIds),
  });
  const orders = createOrdersQuery({ db, clock, secretBox });
  // The packing station ships through the same shipments service, inside its own transaction.
  const packing = createPackingService({ db, clock, audit, actor: config.actor.name, catalog, inventory, shipments, onQueued: outboxSoon, secretBox });
  const picking = createPickingService({ db, clock, audit, actor: config.actor.name, catalog });
  // Batch shipping (批量发货) ships packed orders through the same tail as the packing station.
  const shipping = createBatchShippingService({ db, clock, audit, actor: config.actor.name, inventory, shipments, onQueued: outboxSoon });
  // Restocked returns change stock like any posting: FBM offers are re-queued in the inspection's transaction.
  const returns = createReturnsService({ db, clock, audit, actor: config.actor.name, catalog, onStockChanged: (trx, productIds) => stockChanged(trx, productIds) });
  const fbaInbound = createFbaInboundService({
    db,
    clock,
    audit,
    actor: config.actor.name,
    resolveScan: (code) => catalog.resolveScan(code),
    apiFor: (storeId) => storeClients.forStore(storeId),
    clientFor: (storeId) => storeClients.clientFor(storeId),
    labelsDir: path.join(config.dataDir, 'fba-labels'),
    onStockChanged: (trx, productIds) => stockChanged(trx, productIds),
    // A user's choice hands the next step to Amazon: run the store's inbound job now rather than at its idle pace.
    onWork: (storeId) => {
      if (workerRunning) setTimeout(() => void scheduler.runNow({ storeId, job: 'inbound' }).catch(() => undefined), 0).unref();
    },
  });
  const health = createSyncHealth({ db, clock, scheduler, outbox, intervals: { orders: config.sync?.intervalMs } });
  // Order reconciliation (订单对账): a retried or re-queued confirmation leaves on the next pass, started at once.
  const orderRecon = createOrderRecon({ db, clock, audit, actor: config.actor.name, inventory, returns, onQueued: outboxSoon });
  // Stock reconciliation (库存对账): an accepted FBM figure moves stock like any posting, so other offers are re-queued.
  const stockRecon = createStockReconService({ db, clock, audit, actor: config.actor.name, onStockChanged: (trx, productIds) => stockChanged(trx, productIds), onQueued: outboxSoon });
  const status = createStatusService({ appVersion: config.appVersion, stores, connectivity, sync: () => scheduler.status(), outbox: () => outbox.counts() });

  const amazonAccounts = createAmazonAccountsService({
    stores,
    storeClients,
    clientConfig: (region, credentials) => ({
      region,
      credentials,
      sellingPartner: `test-${credentials.clientId}`,
      limiter,
      endpoint: endpointFor(false),
    }),
  });

  /** Where the first store's calls go: what "online" means in the status bar. */
  async function activeEndpoint(): Promise<ProbeTarget> {
    const [first] = await stores.list();
    if (!first) return DEFAULT_PROBE_TARGET;
    const override = endpointFor(first.isDemo);
    return override ? { host: override.host, port: override.port } : { host: REGION_HOSTS[first.region], port: 443 };
  }

  async function startDemo(): Promise<void> {
    const existing = await stores.list();
    // A seller who has connected real accounts and removed the demo never pays for the simulator again.
    if (existing.length > 0 && !existing.some((s) => s.isDemo) && config.spapiEndpoint !== 'simulator') return;
    simulator = await startSimulator({
      seed: config.demo?.seed ?? 20261123,
      timeScale: config.demo?.timeScale ?? 1,
      ...(config.demo?.ordersPerHour !== undefined ? { ordersPerHour: config.demo.ordersPerHour } : {}),
    });
    if (existing.length > 0) return;
    for (const demo of DEMO_STORES) {
      await stores.create(demo, {
        isDemo: true,
        credentials: { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken },
        sealCredentials: storeClients.seal,
        actor: 'system:demo',
      });
    }
  }

  return {
    dbPath,
    db,
    clock,
    events,
    settings,
    stores,
    status,
    connectivity,
    audit: { list: (limit: number, beforeId?: number) => listAudit(db, limit, beforeId) },
    storeClients,
    scheduler,
    outbox,
    health,
    piiPurge,
    shipments,
    /** The Orders screen's read side: list, chip counts, one order's detail. */
    orders,
    catalog,
    catalogImport,
    warehouses,
    inventory,
    /** The FBM order workflow: audit rules, exception pool, allocation, carrier rules, cancellations. */
    fulfillment,
    packing,
    /** Picking waves (拣货): wave creation, the pick list in bin order, its PDF. */
    picking,
    /** Batch shipping (批量发货): packed orders out as a carrier template, the carrier's file back with verdicts, confirm. */
    shipping,
    /** Returns / RMA (售后): create, receive, inspect (restock / scrap / back to supplier), refund, close. */
    returns,
    /** Order reconciliation: FBM orders whose Amazon status and workflow disagree, with one fix each. */
    orderRecon,
    /** Stock reconciliation: ledger vs Amazon per SKU × place; accept Amazon's figure, push ours, open a claim draft. */
    reconciliation: stockRecon,
    /** Amazon's money per order and settlement, profit in the base currency, FX rates. */
    finance: createFinanceService({ db, clock, audit }),
    /** FBA inbound plans (Fulfillment Inbound 2024-03-20): draft, Amazon's options, box packing by scan, labels, receiving. */
    fba: fbaInbound,
    /** Printing to a chosen printer: labels, carton marks, Amazon's labels, packing slips and pick lists rendered here. */
    printing: createPrintingService({
      db,
      audit,
      printer: config.printer ?? null,
      sources: {
        db,
        packingSlip: (orderId, opts) => packing.slip(orderId, opts),
        pickListPdf: (waveId, opts) => picking.pdf(waveId, opts),
        amazonLabels: (input) => fbaInbound.amazonLabels({ ...input, refetch: false }),
      },
    }),
    /**
     * Maps a store's Amazon offers to products (creating the missing ones, FBM offers on the default domestic warehouse),
     * then mirrors the store's FBA stock for the SKUs just mapped.
     */
    async importCatalogFromAmazon(storeId: number, opts: { defaultFbmWarehouseId?: number } = {}) {
      const store = (await stores.list()).find((s) => s.id === storeId);
      if (!store) throw new AppError('not-found', { entity: 'store', id: storeId });
      return db.transaction(async (trx) => {
        const now = clock.now().toISOString();
        const result = await importCatalogFromListings(trx, { storeId, now, actor: config.actor.name, ...opts });
        if (result.mapped > 0) await applyFbaSnapshot(trx, { storeId, region: store.region, now });
        return result;
      });
    },
    /** Units held back from every FBM offer's Amazon quantity; changing it re-queues the offers it changes. */
    fbmSafetyBuffer: {
      get: () => getFbmSafetyBuffer(db),
      async set(units: number): Promise<number> {
        const before = await getFbmSafetyBuffer(db);
        const queued = await db.transaction(async (trx) => {
          const q = await setFbmSafetyBuffer(trx, units, { now: clock.now().toISOString() });
          await audit(trx, { action: 'settings.update', entity: 'setting', entityId: 'inventory.fbmSafetyBuffer', detail: { from: before, to: units, queued: q.length } });
          return q;
        });
        if (queued.length > 0) outboxSoon();
        return units;
      },
    },
    purchasing,
    secretBox,
    amazonAccounts,
    limiter,
    /** The in-process SP-API simulator while demo mode runs. */
    simulator: () => simulator,
    /** Starts background work: the connectivity probe, demo mode; the sync scheduler later. One-shot CLI commands skip it. */
    async start() {
      await closeInterruptedRuns(db, clock.now().toISOString());
      // Orders stored before the name blind index existed become searchable by name (once per key).
      await orders.indexExistingOrders();
      if (config.demo?.enabled) await startDemo();
      connectivity.start();
      if (config.sync?.autoStart !== false) {
        await scheduler.start();
        outbox.start(config.outboxIntervalMs ?? 5000);
        workerRunning = true;
      }
      piiPurge.start();
    },
    async close() {
      // No new background work from here on: a status refresh queued by the last write would find the pool gone.
      closed = true;
      workerRunning = false;
      piiPurge.stop();
      await Promise.all([scheduler.drain(), outbox.drain()]);
      connectivity.stop();
      await connectivity.settled();
      await storeClients.close();
      await simulator?.close();
      await db.destroy();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
