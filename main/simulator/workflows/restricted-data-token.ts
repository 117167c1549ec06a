import type { RouteContext, SimAccount, SimResponse } from '../http-types';
import type { SimClock } from '../sim-clock';
import { isPlainObject } from './env';
import type { IdFactory } from './ids';

/** Amazon: "The lifetime of the Restricted Data Token, in seconds" is 3600. */
const RDT_LIFETIME_SECONDS = 3600;
const MAX_RESOURCES = 50;
const DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] as const;

interface RestrictedOperation {
  method: string;
  template: string;
  /** getOrders, getOrder and getOrderItems take dataElements; the others grant their whole response. */
  dataElements: boolean;
  /** Report documents of restricted reports need the specific document path, not the template. */
  specificOnly?: boolean;
}

/**
 * The restricted operations of the Tokens API use case guide. Orders 2026-01-01 is not here on purpose: it needs no RDT
 * (PII access is by role and includedData), so asking for one for its paths is refused like any other path.
 */
const RESTRICTED: readonly RestrictedOperation[] = [
  { method: 'GET', template: '/orders/v0/orders', dataElements: true },
  { method: 'GET', template: '/orders/v0/orders/{orderId}', dataElements: true },
  { method: 'GET', template: '/orders/v0/orders/{orderId}/orderItems', dataElements: true },
  { method: 'GET', template: '/orders/v0/orders/{orderId}/address', dataElements: false },
  { method: 'GET', template: '/orders/v0/orders/{orderId}/buyerInfo', dataElements: false },
  { method: 'GET', template: '/orders/v0/orders/{orderId}/orderItems/buyerInfo', dataElements: false },
  { method: 'GET', template: '/orders/v0/orders/{orderId}/regulatedInfo', dataElements: false },
  { method: 'GET', template: '/mfn/v0/shipments/{shipmentId}', dataElements: false },
  { method: 'POST', template: '/mfn/v0/shipments', dataElements: false },
  { method: 'DELETE', template: '/mfn/v0/shipments/{shipmentId}', dataElements: false },
  { method: 'GET', template: '/reports/2021-06-30/documents/{reportDocumentId}', dataElements: false, specificOnly: true },
  { method: 'POST', template: '/easyShip/2022-03-23/packages/bulk', dataElements: false },
];

export interface RestrictedResource {
  method: string;
  path: string;
  dataElements: string[];
}

/**
 * An issued RDT. Shaped like the server's LWA session (`account`, `expiresAtSimMs`) so the server can accept it where it
 * looks up access tokens, plus what it grants.
 */
export interface RestrictedDataTokenGrant {
  account: SimAccount;
  expiresAtSimMs: number;
  resources: readonly RestrictedResource[];
  /** True when the token was issued for this request: same method, and the path equal to (or matching the template of) a resource. */
  covers(method: string, pathname: string): boolean;
  /** Data elements granted for this request (e.g. buyerInfo, shippingAddress); empty when none or not covered. */
  dataElementsFor(method: string, pathname: string): string[];
}

const templatePattern = (t: string) => new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`);
const isTemplate = (p: string) => /\{\w+\}/.test(p);

export class RestrictedDataTokens {
  private readonly issued = new Map<string, RestrictedDataTokenGrant>();

  constructor(
    private readonly clock: SimClock,
    private readonly ids: IdFactory,
  ) {}

  createRestrictedDataToken = (ctx: RouteContext): SimResponse => {
    const b = ctx.body;
    const refuse = (details: string): SimResponse => ({ status: 400, body: { errors: [{ code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details }] } });
    if (!isPlainObject(b) || !Array.isArray(b.restrictedResources) || b.restrictedResources.length === 0) return refuse('Resource not provided.');
    if (b.restrictedResources.length > MAX_RESOURCES) return refuse(`At most ${MAX_RESOURCES} restricted resources can be requested.`);
    if (b.targetApplication !== undefined && (typeof b.targetApplication !== 'string' || !b.targetApplication.startsWith('amzn1.sellerapps.app.'))) {
      return refuse('targetApplication must be an application id (amzn1.sellerapps.app.…).');
    }
    const resources: RestrictedResource[] = [];
    for (const r of b.restrictedResources as unknown[]) {
      if (!isPlainObject(r) || typeof r.method !== 'string' || typeof r.path !== 'string' || r.path === '' || r.method === '') return refuse('Resource not provided.');
      const method = r.method;
      const path = r.path;
      const op = RESTRICTED.find((o) => o.method === method && (o.template === path || templatePattern(o.template).test(path)));
      if (!op) return refuse(`${method} ${path} is not a restricted resource.`);
      if (op.specificOnly && isTemplate(path)) return refuse(`${path} must name a specific resource.`);
      const elements = r.dataElements;
      if (elements !== undefined) {
        if (!op.dataElements) return refuse(`dataElements can not be requested for ${method} ${op.template}.`);
        if (!Array.isArray(elements) || elements.some((e) => !(DATA_ELEMENTS as readonly unknown[]).includes(e))) {
          return refuse(`dataElements must be among ${DATA_ELEMENTS.join(', ')}.`);
        }
      }
      resources.push({ method, path, dataElements: [...new Set((elements as string[] | undefined) ?? [])] });
    }
    const token = `Atz.sprdt|${this.ids.bytes(48).toString('base64url')}`;
    this.issued.set(token, grant(ctx.seller, this.clock.nowMs() + RDT_LIFETIME_SECONDS * 1000, resources));
    return { status: 200, body: { restrictedDataToken: token, expiresIn: RDT_LIFETIME_SECONDS } };
  };

  /** The grant of an issued RDT (also after it expired: the server reports expiry like for LWA tokens); undefined otherwise. */
  lookup(token: string): RestrictedDataTokenGrant | undefined {
    return this.issued.get(token);
  }
}

function grant(account: SimAccount, expiresAtSimMs: number, resources: RestrictedResource[]): RestrictedDataTokenGrant {
  const matching = (method: string, pathname: string) =>
    resources.filter((r) => r.method === method.toUpperCase() && (r.path === pathname || (isTemplate(r.path) && templatePattern(r.path).test(pathname))));
  return {
    account,
    expiresAtSimMs,
    resources,
    covers: (method, pathname) => matching(method, pathname).length > 0,
    dataElementsFor: (method, pathname) => [...new Set(matching(method, pathname).flatMap((r) => r.dataElements))],
  };
}
