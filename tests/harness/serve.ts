import { defaultDataDir } from '../../main/config';
import { startHarness } from './server';

/** `npm run harness`: the real renderer against a real core in any browser, without Electron. */
const harness = await startHarness({ dataDir: defaultDataDir() });
harness.core.start();
console.log(`harness ready: ${harness.url}`);
console.log(`database: ${harness.core.dbPath}`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
