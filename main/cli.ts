import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type CoreConfig } from './core';
import { defaultDataDir, osActorName } from './config';
import { dispatch } from './ipc/dispatch';
import type { Channel } from '../shared/ipc/contract';
import { DEMO_ACCOUNT, startSimulator } from './simulator/server';
import { parseEndpoint } from './spapi/endpoint';
import { SpApiClient } from './spapi/client';
import { amazonApi } from './spapi/amazon-api';
import { RateLimiter } from './spapi/rate-limiter';
import { SpApiError } from './spapi/errors';
import { runLabelsCommand } from './cli/labels-command';

/**
 * Headless entry on the same core and the same `dispatch` as the window, so scripts get the same validation
 * and the same typed errors. Prints JSON on stdout; exits 1 with `error <code> <params>` on stderr.
 */
const USAGE = `usage: npm run cli -- <command> [options]
  db:migrate                          create or upgrade the database
  status                              what the status bar shows
  stores:list                         seller accounts
  stores:add --name N --region na|eu|fe --marketplaces ID[,ID…] [--seller-id S]
             [--client-id ID --client-secret S --refresh-token T]   (with credentials: a connected store)
  marketplaces:list                   Amazon marketplaces the app knows
  audit [--limit N]                   latest audit log entries
  simulator [--port P] [--seed N] [--time-scale X] [--orders-per-hour N] [--backfill-days N]
            [--marketplaces ID,…] [--start ISO-TIME]
                                      run the SP-API simulator; prints its port, CA file and demo credentials
  sync [--endpoint https://127.0.0.1:P --ca FILE] [--store ID] [--backfill-days N]
       [--time-scale X [--sim-now ISO-TIME]]
                                      sync orders of every store (or one) until caught up, then exit;
                                      --endpoint sends real stores' calls to that SP-API server instead of Amazon;
                                      --time-scale follows a time-scaled simulator: usage plans run X times faster and,
                                      with --sim-now (the simulator's time when this command is launched), the clock
                                      runs from there X times faster, a simulated minute behind
  outbox:drain [--endpoint https://127.0.0.1:P --ca FILE] [--time-scale X [--sim-now ISO-TIME]]
                                      send every due outbox row (writes to Amazon), then exit; prints counts
  spapi:test --endpoint https://127.0.0.1:P --ca FILE [--region na|eu|fe]
             [--client-id ID --client-secret S --refresh-token T]
                                      call a cheap SP-API operation (getMarketplaceParticipations) on any
                                      SP-API-compatible endpoint on loopback; demo credentials by default
  labels fnsku|carton …               FNSKU labels and carton marks to PDF (labels --help lists the layouts)
options: --data-dir DIR (default: $ERP_DATA_DIR or the OS app-data folder)`;

// `labels …` takes its own options (main/cli/labels-command.ts) and needs no database.
if (process.argv[2] === 'labels') process.exit(await runLabelsCommand(process.argv.slice(3)));

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
    marketplaces: { type: 'string' },
    'seller-id': { type: 'string' },
    limit: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    'time-scale': { type: 'string' },
    'orders-per-hour': { type: 'string' },
    endpoint: { type: 'string' },
    ca: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'refresh-token': { type: 'string' },
    store: { type: 'string' },
    'backfill-days': { type: 'string' },
    start: { type: 'string' },
    'sim-now': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const command = positionals[0];
const fail = (code: string, params: unknown = {}) => {
  console.error(`error ${code} ${JSON.stringify(params)}`);
  return 1;
};
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));

const dispatchCalls: Record<string, () => [Channel, unknown] | null> = {
  'db:migrate': () => null,
  status: () => ['system:status', {}],
  'stores:list': () => ['stores:list', {}],
  'marketplaces:list': () => ['marketplaces:list', {}],
  'stores:add': () => [
    values['refresh-token'] ? 'stores:connect' : 'stores:create',
    {
      name: values.name,
      region: values.region,
      marketplaceIds: values.marketplaces?.split(',').map((s) => s.trim()).filter(Boolean),
      ...(values['seller-id'] ? { sellerId: values['seller-id'] } : {}),
      ...(values['refresh-token'] ? { clientId: values['client-id'], clientSecret: values['client-secret'], refreshToken: values['refresh-token'] } : {}),
    },
  ],
  audit: () => ['audit:list', values.limit ? { limit: Number(values.limit) } : {}],
};

async function runCoreCommand(name: string): Promise<number> {
  const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const core = await createCore({ dataDir: values['data-dir'] ?? defaultDataDir(), appVersion: version, actor: { name: osActorName('cli:') } });
  try {
    const call = dispatchCalls[name]?.();
    if (!call) {
      console.log(JSON.stringify({ migrated: true, database: core.dbPath }));
      return 0;
    }
    if (call[0] === 'system:status') await core.connectivity.check();
    const result = await dispatch(core, call[0], call[1], console);
    if (!result.ok) return fail(result.error.code, result.error.params);
    console.log(JSON.stringify(result.value, null, 2));
    return 0;
  } finally {
    await core.close();
  }
}

/** Read as early as possible: --sim-now is the simulator's time at launch, and this is the closest we know of it. */
const launchedAt = performance.now();
/** A simulated minute behind the simulator, so no request ever asks about its future (Amazon refuses that). */
const TRAIL_MS = 60_000;

/**
 * The core settings that point sync and outbox commands at an SP-API server: --endpoint/--ca, and --time-scale with
 * --sim-now for a simulator whose time runs faster than the wall clock. An error result is already reported.
 */
function remoteSettings(): { ok: true; value: Partial<CoreConfig> } | { ok: false; code: number } {
  const out: Partial<CoreConfig> = {};
  if (values.endpoint) {
    const endpoint = parseEndpoint(values.endpoint, values.ca);
    if (!endpoint.ok) return { ok: false, code: fail('invalid-input', { field: endpoint.field, reason: endpoint.reason }) };
    out.spapiEndpoint = endpoint.value;
  }
  if (values['time-scale'] !== undefined) {
    const scale = Number(values['time-scale']);
    if (!(Number.isFinite(scale) && scale > 0 && scale <= 100_000)) return { ok: false, code: fail('invalid-input', { field: 'time-scale', reason: 'must be a number from 0 to 100000' }) };
    // The rate limiter and the scheduler read the time scale from the demo settings; demo mode itself stays off.
    out.demo = { enabled: false, timeScale: scale };
    if (values['sim-now'] !== undefined) {
      const simNow = Date.parse(values['sim-now']);
      if (!Number.isFinite(simNow)) return { ok: false, code: fail('invalid-input', { field: 'sim-now', reason: 'must be an ISO 8601 date-time' }) };
      out.clock = { now: () => new Date(simNow - TRAIL_MS + (performance.now() - launchedAt) * scale) };
    }
  } else if (values['sim-now'] !== undefined) {
    return { ok: false, code: fail('invalid-input', { field: 'sim-now', reason: 'needs --time-scale' }) };
  }
  return { ok: true, value: out };
}

/** A core for commands that talk to an SP-API server; its scheduler never starts by itself. */
function createRemoteCore(remote: Partial<CoreConfig>, sync: CoreConfig['sync'] = {}) {
  const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return createCore({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    appVersion: version,
    actor: { name: osActorName('cli:') },
    ...remote,
    sync: { ...sync, autoStart: false },
  });
}

async function runSync(): Promise<number> {
  const remote = remoteSettings();
  if (!remote.ok) return remote.code;
  const core = await createRemoteCore(remote.value, values['backfill-days'] ? { backfillDays: Number(values['backfill-days']) } : {});
  const stop = () => void core.scheduler.drain();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await core.start();
    await core.scheduler.refresh();
    await core.scheduler.runNow(values.store ? { storeId: Number(values.store) } : {});
    const status = core.scheduler.status();
    console.log(JSON.stringify(status.jobs.map((j) => ({ store: j.storeId, job: j.job, state: j.state, lastSuccessAt: j.lastSuccessAt, error: j.lastError })), null, 2));
    return status.jobs.some((j) => j.lastError) ? 1 : 0;
  } finally {
    await core.close();
  }
}

/** Sends every due outbox row, pass after pass, until a pass finds nothing due; rows waiting for a retry stay queued. */
async function runOutboxDrain(): Promise<number> {
  const remote = remoteSettings();
  if (!remote.ok) return remote.code;
  const core = await createRemoteCore(remote.value);
  let stopping = false;
  const stop = () => {
    stopping = true;
    core.outbox.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const total = { sent: 0, alreadyApplied: 0, retryLater: 0, dead: 0, passes: 0 };
    while (!stopping) {
      const pass = await core.outbox.runOnce();
      total.passes += 1;
      total.sent += pass.sent;
      total.alreadyApplied += pass.alreadyApplied;
      total.retryLater += pass.retryLater;
      total.dead += pass.dead;
      // A pass that finished no row found nothing due: the rest (if any) waits for a later retry time.
      if (pass.sent + pass.alreadyApplied + pass.dead === 0) break;
    }
    const counts = await core.outbox.counts();
    console.log(JSON.stringify({ ...total, remaining: counts.total }, null, 2));
    return 0;
  } finally {
    await core.close();
  }
}

async function runSimulator(): Promise<number> {
  const sim = await startSimulator({
    port: num(values.port, 0),
    seed: num(values.seed, 1),
    timeScale: num(values['time-scale'], 1),
    ...(values['orders-per-hour'] ? { ordersPerHour: Number(values['orders-per-hour']) } : {}),
    ...(values['backfill-days'] ? { backfillDays: Number(values['backfill-days']) } : {}),
    ...(values.marketplaces ? { marketplaceIds: values.marketplaces.split(',') } : {}),
    ...(values.start ? { start: new Date(values.start) } : {}),
  });
  const caFile = path.join(os.tmpdir(), `sp-api-simulator-${sim.port}.pem`);
  fs.writeFileSync(caFile, sim.caPem);
  console.log(
    JSON.stringify(
      {
        port: sim.port,
        endpoint: `https://127.0.0.1:${sim.port}`,
        caFile,
        region: 'na',
        account: { sellerId: DEMO_ACCOUNT.sellerId, clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken },
        marketplaceIds: sim.marketplaceIds,
        simulatedNow: sim.clock.now().toISOString(),
        timeScale: sim.clock.timeScale,
        hint: 'Clients keep the Amazon host names (sellingpartnerapi-*.amazon.com, api.amazon.com) for TLS and dial this port; trust caFile only.',
      },
      null,
      2,
    ),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  fs.rmSync(caFile, { force: true });
  return 0;
}

async function runSpApiTest(): Promise<number> {
  const endpoint = parseEndpoint(values.endpoint, values.ca);
  if (!endpoint.ok) return fail('invalid-input', { field: endpoint.field, reason: endpoint.reason });
  const region = (values.region ?? 'na') as 'na' | 'eu' | 'fe';
  if (!['na', 'eu', 'fe'].includes(region)) return fail('invalid-input', { field: 'region' });
  const client = new SpApiClient({
    region,
    sellingPartner: 'cli',
    credentials: {
      clientId: values['client-id'] ?? DEMO_ACCOUNT.clientId,
      clientSecret: values['client-secret'] ?? DEMO_ACCOUNT.clientSecret,
      refreshToken: values['refresh-token'] ?? DEMO_ACCOUNT.refreshToken,
    },
    limiter: new RateLimiter(),
    endpoint: endpoint.value,
    maxAttempts: 3,
  });
  try {
    const started = performance.now();
    const res = await amazonApi(client).getMarketplaceParticipations();
    console.log(JSON.stringify({ ok: true, latencyMs: Math.round(performance.now() - started), marketplaces: res.payload.map((p) => p.marketplace.id), storeName: res.payload[0]?.storeName ?? null }, null, 2));
    return 0;
  } catch (err) {
    if (err instanceof SpApiError) return fail(`spapi-${err.kind}`, { status: err.status, message: err.message });
    throw err;
  } finally {
    client.close();
  }
}

let exitCode: number;
if (values.help || !command) {
  console.log(USAGE);
  exitCode = 0;
} else if (command in dispatchCalls) {
  exitCode = await runCoreCommand(command);
} else if (command === 'sync') {
  exitCode = await runSync();
} else if (command === 'outbox:drain') {
  exitCode = await runOutboxDrain();
} else if (command === 'simulator') {
  exitCode = await runSimulator();
} else if (command === 'spapi:test') {
  exitCode = await runSpApiTest();
} else {
  console.log(USAGE);
  exitCode = 1;
}
process.exit(exitCode);
