import { parseArgs } from 'node:util';
import { createCore } from './core';
import { defaultDataDir, osActorName } from './config';
import { dispatch } from './ipc/dispatch';
import type { Channel } from '../shared/ipc/contract';
import { readFileSync } from 'node:fs';

/**
 * Headless entry on the same core and the same `dispatch` as the window, so scripts get the same validation
 * and the same typed errors. Prints JSON on stdout; exits 1 with `error <code> <params>` on stderr.
 */
const USAGE = `usage: npm run cli -- <command> [options]
  db:migrate                          create or upgrade the database
  status                              what the status bar shows
  stores:list                         seller accounts
  stores:add --name N --region na|eu|fe --marketplaces ID[,ID…] [--seller-id S]
  marketplaces:list                   Amazon marketplaces the app knows
  audit [--limit N]                   latest audit log entries
options: --data-dir DIR (default: $ERP_DATA_DIR or the OS app-data folder)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
    marketplaces: { type: 'string' },
    'seller-id': { type: 'string' },
    limit: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const command = positionals[0];
const calls: Record<string, () => [Channel, unknown] | null> = {
  'db:migrate': () => null,
  status: () => ['system:status', {}],
  'stores:list': () => ['stores:list', {}],
  'marketplaces:list': () => ['marketplaces:list', {}],
  'stores:add': () => [
    'stores:create',
    {
      name: values.name,
      region: values.region,
      marketplaceIds: values.marketplaces?.split(',').map((s) => s.trim()).filter(Boolean),
      ...(values['seller-id'] ? { sellerId: values['seller-id'] } : {}),
    },
  ],
  audit: () => ['audit:list', values.limit ? { limit: Number(values.limit) } : {}],
};

if (values.help || !command || !(command in calls)) {
  console.log(USAGE);
  process.exit(command && !values.help ? 1 : 0);
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const core = await createCore({
  dataDir: values['data-dir'] ?? defaultDataDir(),
  appVersion: version,
  actor: { name: osActorName('cli:') },
});

let exitCode = 0;
try {
  const call = calls[command]?.();
  if (!call) {
    console.log(JSON.stringify({ migrated: true, database: core.dbPath }));
  } else {
    if (call[0] === 'system:status') await core.connectivity.check();
    const result = await dispatch(core, call[0], call[1], console);
    if (result.ok) {
      console.log(JSON.stringify(result.value, null, 2));
    } else {
      console.error(`error ${result.error.code} ${JSON.stringify(result.error.params)}`);
      exitCode = 1;
    }
  }
} finally {
  await core.close();
}
process.exit(exitCode);
