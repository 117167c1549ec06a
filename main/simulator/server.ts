import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { operations, type OperationName } from '../spapi/operations';
import { generateCertificate, type GeneratedCertificate } from './certificate';
import { FaultPlan, type FaultKind } from './faults';
import { amazonError, type RouteContext, type SimAccount, type SimResponse, type TokenCodec } from './http-types';
import { QuotaEnforcer } from './quota';
import { getInventorySummaries } from './routes/inventory';
import { lwaToken, type IssuedToken } from './routes/lwa';
import { confirmShipment, getOrder, searchOrders, updateShipmentStatus } from './routes/orders';
import { getMarketplaceParticipations } from './routes/sellers';
import { SimClock } from './sim-clock';
import { SimStore } from './store';
import { seededRandom } from './store/random';
import { SimWorkflows } from './workflows';

/** The account demo mode signs in with; anyone can point a client at the simulator with it. */
export const DEMO_ACCOUNT: SimAccount = {
  sellerId: 'A2DEMOSELLER7Q',
  storeName: '演示店铺 Demo Store',
  clientId: 'amzn1.application-oa2-client.demo0000000000000000000000',
  clientSecret: 'amzn1.oa2-cs.v1.demo-secret',
  refreshToken: 'Atzr|demo-refresh-token',
};

export interface Exchange {
  operation: OperationName | 'lwa';
  method: string;
  host: string;
  pathname: string;
  query: URLSearchParams;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  fault: FaultKind | null;
}

export interface SimulatorOptions {
  seed?: number;
  /** 0 or absent: any free port. */
  port?: number;
  /** Simulated seconds per wall-clock second (usage plans, token lifetimes, store activity). */
  timeScale?: number;
  start?: Date;
  ordersPerHour?: number;
  backfillDays?: number;
  marketplaceIds?: string[];
  accounts?: SimAccount[];
  /** Response bodies are written in pieces of this many bytes, splitting multibyte characters like a real network. */
  chunkSize?: number;
  /** Reuse a certificate (a restart on the same port that clients already trust); a fresh one otherwise. */
  certificate?: GeneratedCertificate;
  /** Every request and the answer before faults: tests validate both against Amazon's models. */
  onExchange?: (exchange: Exchange) => void;
}

type Handler = (ctx: RouteContext) => SimResponse;
type Route = { op: OperationName; method: string; pattern: RegExp; names: string[]; handler: Handler };

const coreHandlers: Partial<Record<OperationName, Handler>> = {
  searchOrders,
  getOrder,
  confirmShipment,
  updateShipmentStatus,
  getInventorySummaries,
  getMarketplaceParticipations,
};

function buildRoutes(handlers: Partial<Record<OperationName, Handler>>): Route[] {
  return Object.entries(handlers).map(([op, handler]) => {
    const def = operations[op as OperationName];
    return {
      op: op as OperationName,
      method: def.method,
      pattern: new RegExp(`^${def.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
      names: [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
      handler: handler as Handler,
    };
  });
}

const API_HOST = /^(sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/;

export async function startSimulator(opts: SimulatorOptions = {}) {
  const seed = opts.seed ?? 1;
  const clock = new SimClock(opts.start ?? new Date(), opts.timeScale ?? 1);
  const marketplaceIds = opts.marketplaceIds ?? ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1VC38T7YXB528'];
  const store = new SimStore({
    seed,
    start: clock.start,
    marketplaceIds,
    ...(opts.ordersPerHour !== undefined ? { ordersPerHour: opts.ordersPerHour } : {}),
    ...(opts.backfillDays !== undefined ? { backfillDays: opts.backfillDays } : {}),
  });
  const accounts = opts.accounts ?? [DEMO_ACCOUNT];
  const random = seededRandom(seed ^ 0x5eed);
  const faults = new FaultPlan(random);
  const quota = new QuotaEnforcer(clock);
  const issued = new Map<string, IssuedToken>();
  const chunkSize = opts.chunkSize ?? 1024;
  const stats = { requests: 0, throttled: 0, faults: 0 };
  const tokenKey = crypto.randomBytes(16);
  const tokens: TokenCodec = {
    encode: (data) => {
      const json = Buffer.from(JSON.stringify(data));
      const mac = crypto.createHmac('sha256', tokenKey).update(json).digest().subarray(0, 12);
      return Buffer.concat([mac, json]).toString('base64url');
    },
    decode: (token) => {
      try {
        const raw = Buffer.from(token, 'base64url');
        const json = raw.subarray(12);
        const mac = crypto.createHmac('sha256', tokenKey).update(json).digest().subarray(0, 12);
        if (!crypto.timingSafeEqual(mac, raw.subarray(0, 12))) return null;
        return JSON.parse(json.toString('utf8')) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
  };
  const workflows = new SimWorkflows({ store, clock, random, marketplaceIds });
  const routes = buildRoutes({ ...coreHandlers, ...workflows.routes });
  const cert = opts.certificate ?? (await generateCertificate());
  const heldOpen = new Set<ServerResponse>();

  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 10 * 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch(() => {
        if (!res.headersSent) send(res, amazonError(500, 'InternalFailure', 'We encountered an internal error. Please try again.'), null, 'none');
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer) {
    stats.requests += 1;
    const host = (req.headers.host ?? '').split(':')[0] ?? '';
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    if (rawBody.length) {
      const text = rawBody.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = Object.fromEntries(new URLSearchParams(text));
      }
    }

    if (host === 'api.amazon.com' && method === 'POST' && url.pathname === '/auth/o2/token') {
      const out = lwaToken(body, accounts, clock.nowMs(), (t, info) => issued.set(t, info));
      opts.onExchange?.({ operation: 'lwa', method, host, pathname: url.pathname, query: url.searchParams, requestBody: redactLwa(body), status: out.status, responseBody: out.body, fault: null });
      send(res, out, null, 'none');
      return;
    }
    const doc = workflows.handleDocument({ method, host, pathname: url.pathname, query: url.searchParams, body: rawBody, contentType: req.headers['content-type'] });
    if (doc) {
      res.writeHead(doc.status, { ...doc.headers, 'content-length': String(doc.body.length) });
      void writeInPieces(res, doc.body, chunkSize);
      return;
    }
    if (!API_HOST.test(host)) {
      send(res, amazonError(404, 'NotFound', `Unknown host ${host}`), null, 'none');
      return;
    }
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      send(res, amazonError(404, 'NotFound', 'Resource not found.'), null, 'none');
      return;
    }
    const plan = operations[route.op];
    const rate = quota.rateFor(route.op, plan);
    const token = req.headers['x-amz-access-token'];
    // A Restricted Data Token stands in for the access token, but only on the resources it was issued for.
    const rdt = typeof token === 'string' ? workflows.acceptsToken(token) : undefined;
    const session = typeof token === 'string' ? (issued.get(token) ?? rdt) : undefined;
    const record = (out: SimResponse, fault: FaultKind | null) =>
      opts.onExchange?.({ operation: route.op, method, host, pathname: url.pathname, query: url.searchParams, requestBody: body, status: out.status, responseBody: out.body, fault });

    if (rdt && !rdt.covers(method, url.pathname)) {
      const out = amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The restricted data token does not cover this resource.');
      record(out, null);
      send(res, out, rate, 'none');
      return;
    }
    if (!session) {
      const out = amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided is revoked, malformed or invalid.');
      record(out, null);
      send(res, out, rate, 'none');
      return;
    }
    if (session.expiresAtSimMs <= clock.nowMs()) {
      const out = amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
      record(out, null);
      send(res, out, rate, 'none');
      return;
    }

    const fault = faults.next(route.op);
    if (fault) stats.faults += 1;
    // Usage plans are per selling partner and per regional endpoint, like Amazon's.
    const region = API_HOST.exec(host)?.[2] ?? 'na';
    if (fault === 'throttle' || !quota.take(`${session.account.sellerId}|${region}`, route.op, plan)) {
      stats.throttled += 1;
      const out = amazonError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
      record(out, fault);
      send(res, out, rate, 'none');
      return;
    }
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'timeout') {
      // Never answer; the client's own timeout must fire. Released when the simulator closes.
      heldOpen.add(res);
      res.on('close', () => heldOpen.delete(res));
      return;
    }
    if (fault === 'server-error') {
      const out = random() < 0.5
        ? amazonError(500, 'InternalFailure', 'We encountered an internal error. Please try again.')
        : amazonError(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again.');
      record(out, fault);
      send(res, out, rate, 'none');
      return;
    }

    store.advanceTo(clock.now());
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(route.pattern.exec(url.pathname)?.[i + 1] ?? '')]));
    const out = route.handler({ store, clock, seller: session.account, marketplaceIds, region: region as 'na' | 'eu' | 'fe', params, query: url.searchParams, body, tokens });
    record(out, fault);
    const slow = faults.slowMs(route.op) + (fault === 'slow' ? 2000 : 0);
    if (slow > 0) await new Promise((r) => setTimeout(r, slow));
    send(res, out, rate, fault === 'malformed' || fault === 'truncated' || fault === 'missing-field' ? fault : 'none');
  }

  function send(res: ServerResponse, out: SimResponse, rate: number | null, damage: 'none' | 'malformed' | 'truncated' | 'missing-field') {
    const headers: Record<string, string> = { 'x-amzn-RequestId': crypto.randomUUID(), date: new Date().toUTCString() };
    if (rate !== null) headers['x-amzn-RateLimit-Limit'] = String(rate);
    if (out.status === 204 || out.body === undefined) {
      res.writeHead(out.status, headers);
      res.end();
      return;
    }
    let payload = Buffer.from(JSON.stringify(damage === 'missing-field' ? dropRequiredField(out.body) : out.body), 'utf8');
    if (damage === 'malformed') payload = Buffer.from(`{"errors":[{"code":"Internal<html>${payload.subarray(0, 40).toString('latin1')}`, 'latin1');
    if (damage === 'truncated') payload = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
    res.writeHead(out.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length) });
    void writeInPieces(res, payload, chunkSize);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    caPem: cert.certPem,
    certificate: cert,
    accounts,
    store,
    workflows,
    clock,
    faults,
    quota,
    stats,
    marketplaceIds,
    /** Ends every access token now, as a revocation or a clock jump would: clients must refresh and carry on. */
    expireAccessTokens() {
      for (const t of issued.values()) t.expiresAtSimMs = clock.nowMs();
    },
    async close() {
      for (const res of heldOpen) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

async function writeInPieces(res: ServerResponse, payload: Buffer, size: number) {
  for (let i = 0; i < payload.length; i += size) {
    if (res.destroyed) return;
    // Separate writes on separate ticks reach the client as separate TLS records, often mid-character.
    res.write(payload.subarray(i, i + size));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

function dropRequiredField(body: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const orders = copy.orders as Record<string, unknown>[] | undefined;
  if (orders?.[0]) delete orders[0].orderId;
  else if (copy.order) delete (copy.order as Record<string, unknown>).orderId;
  else if (copy.payload && typeof copy.payload === 'object' && !Array.isArray(copy.payload)) delete (copy.payload as Record<string, unknown>).inventorySummaries;
  else delete copy.payload;
  return copy;
}

function redactLwa(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const { client_secret: _s, refresh_token: _r, ...rest } = body as Record<string, unknown>;
  return rest;
}
