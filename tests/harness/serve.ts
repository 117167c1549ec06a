import { defaultDataDir } from '../../main/config';
import { startHarness } from './server';

/** `npm run harness`: the real renderer against a real core in any browser, without Electron. */
// Demo mode, as the app starts for a new user; "real" accounts are routed to the same simulator so nothing leaves the machine.
const harness = await startHarness({ dataDir: defaultDataDir(), demo: { enabled: true }, spapiEndpoint: 'simulator' });
await harness.core.start();
console.log(`harness ready: ${harness.url}`);
console.log(`database: ${harness.core.dbPath}`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
