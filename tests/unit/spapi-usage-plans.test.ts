import { describe, expect, it } from 'vitest';
import { operations, operationNames } from '../../main/spapi/operations';
import { ModelValidator } from '../support/sp-api-models';

const validator = new ModelValidator();

/** Reads "| rate | burst |" from the Usage Plan table in an operation's description, as Amazon publishes it. */
function usagePlan(description: string): { rate: number; burst: number } | null {
  const m = /(?:\*\*)?Usage [Pp]lan:(?:\*\*)?[\s\S]*?\|\s*----\s*\|\s*----\s*\|\s*\n\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/.exec(description);
  return m ? { rate: Number(m[1]), burst: Number(m[2]) } : null;
}

describe('the operations table', () => {
  it.each(operationNames)('%s matches the official model (path, method, usage plan)', (name) => {
    const def = operations[name];
    const op = validator.operation(def.model, def.operation);
    expect(op.pathTemplate).toBe(def.path);
    expect(op.method).toBe(def.method);
    const plan = usagePlan((op.spec as unknown as { description: string }).description);
    expect(plan).toEqual({ rate: def.rate, burst: def.burst });
  });

  it('every operation exists at its pinned version in the amazon-sp-api package', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { SellingPartner } = require('amazon-sp-api') as { SellingPartner: { prototype: { endpoints: Record<string, Record<string, Record<string, unknown>>> } } };
    const endpoints = Object.getOwnPropertyDescriptor(SellingPartner.prototype, 'endpoints')!.get!.call({}) as Record<string, Record<string, Record<string, unknown>>>;
    for (const name of operationNames) {
      const def = operations[name];
      expect(typeof endpoints[def.endpoint]?.[def.version]?.[def.operation], `${name} at ${def.endpoint} ${def.version}`).toBe('function');
    }
  });

  it('reads orders from 2026-01-01 and writes shipments through v0 only', () => {
    expect(operations.searchOrders.version).toBe('2026-01-01');
    expect(operations.getOrder.version).toBe('2026-01-01');
    expect(operations.confirmShipment.version).toBe('v0');
    expect(operations.updateShipmentStatus.version).toBe('v0');
  });
});
