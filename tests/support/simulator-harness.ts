import { RateLimiter } from '../../main/spapi/rate-limiter';
import { SpApiClient, type SpApiCallRecord, type SpApiClientConfig } from '../../main/spapi/client';
import { amazonApi } from '../../main/spapi/amazon-api';
import { DEMO_ACCOUNT, startSimulator, type Exchange, type SimulatorOptions } from '../../main/simulator/server';
import { ModelValidator } from './sp-api-models';
import { operations } from '../../main/spapi/operations';

const validator = new ModelValidator();

/**
 * A simulator plus a real amazon-sp-api client pointed at it, with every request and response checked against
 * Amazon's model files. `problems` collects mismatches; tests assert it is empty.
 */
export async function simulatorWithClient(simOpts: SimulatorOptions = {}, clientOpts: Partial<SpApiClientConfig> = {}) {
  const problems: string[] = [];
  const exchanges: Exchange[] = [];
  const sim = await startSimulator({
    seed: 7,
    timeScale: 1,
    start: new Date('2026-11-20T08:00:00Z'),
    ...simOpts,
    onExchange: (ex) => {
      exchanges.push(ex);
      simOpts.onExchange?.(ex);
      if (ex.operation === 'lwa') return;
      const def = operations[ex.operation];
      const op = validator.operation(def.model, def.operation);
      for (const p of validator.validateRequest(op, { pathname: ex.pathname, query: ex.query, body: ex.requestBody })) problems.push(`${ex.operation} request: ${p}`);
      for (const p of validator.validateResponse(op, ex.status, ex.responseBody)) problems.push(`${ex.operation} response: ${p}`);
    },
  });
  const limiter = new RateLimiter({ timeScale: simOpts.timeScale ?? 1 });
  const calls: SpApiCallRecord[] = [];
  const clientConfig = (region: 'na' | 'eu' | 'fe'): SpApiClientConfig => ({
    region,
    sellingPartner: DEMO_ACCOUNT.sellerId,
    credentials: { clientId: DEMO_ACCOUNT.clientId, clientSecret: DEMO_ACCOUNT.clientSecret, refreshToken: DEMO_ACCOUNT.refreshToken },
    limiter,
    endpoint: { host: '127.0.0.1', port: sim.port, ca: sim.caPem },
    backoff: { baseMs: 20, capMs: 200 },
    timeouts: { responseMs: 1500, idleMs: 1500, deadlineMs: 5000 },
    onCall: (r) => calls.push(r),
    ...clientOpts,
  });
  const client = new SpApiClient(clientConfig(clientOpts.region ?? 'na'));
  // The same simulated account on another regional endpoint (account-level data such as money is per region).
  const regional = new Map<string, SpApiClient>([[clientOpts.region ?? 'na', client]]);
  const clientFor = (region: 'na' | 'eu' | 'fe'): SpApiClient => {
    let c = regional.get(region);
    if (!c) {
      c = new SpApiClient(clientConfig(region));
      regional.set(region, c);
    }
    return c;
  };
  return {
    sim,
    client,
    clientFor,
    api: amazonApi(client),
    limiter,
    calls,
    problems,
    exchanges,
    async close() {
      for (const c of regional.values()) c.close();
      await sim.close();
    },
  };
}
