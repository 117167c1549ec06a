import type { HandlerMap } from './types';

export const pickingHandlers = {
  'picking:candidates': (core, { warehouseId }) => core.picking.candidates(warehouseId),
  'picking:create-wave': (core, input) => core.picking.createWave(input),
  'picking:list-waves': (core, { warehouseId }) => core.picking.listWaves({ warehouseId }),
  'picking:pick-list': (core, { waveId }) => core.picking.pickList(waveId),
  'picking:pdf': async (core, { waveId, locale }) => {
    const { fileName, bytes } = await core.picking.pdf(waveId, { locale });
    return { fileName, base64: Buffer.from(bytes).toString('base64') };
  },
  'picking:close-wave': (core, { waveId }) => core.picking.closeWave(waveId),
  'picking:identify': (core, input) => core.picking.identify(input),
  'picking:complete': (core, input) => core.picking.complete(input),
} satisfies HandlerMap<'picking:candidates' | 'picking:create-wave' | 'picking:list-waves' | 'picking:pick-list' | 'picking:pdf' | 'picking:close-wave' | 'picking:identify' | 'picking:complete'>;
