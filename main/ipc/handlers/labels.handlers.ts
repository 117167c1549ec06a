import { boxMarks, cartonBoxId } from '../../../shared/fba-box-rules';
import { AppError } from '../../../shared/ipc/errors';
import { findLayout, labelLayouts, renderCartonLabels, renderFnskuLabels, type CartonLayoutName, type FnskuLabelItem, type FnskuLayoutName } from '../../labels';
import { planFnskuItems, shipmentCartons } from '../../services/fba-inbound/label-data';
import type { HandlerMap } from './types';

/** Something a file name can carry on every OS: plan names hold arrows, spaces and CJK. */
const fileStem = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'labels';

function layoutOf(name: string, kind: 'fnsku' | 'carton') {
  const layout = findLayout(name);
  if (!layout || layout.kind !== kind) throw new AppError('invalid-input', { field: 'layout', reason: 'unknown-layout' });
  return layout;
}

export const labelsHandlers = {
  'labels:layouts': async () =>
    labelLayouts.map((summary) => {
      const l = findLayout(summary.name)!;
      return { ...summary, label: { ...l.label }, columns: l.columns, rows: l.rows, origin: { ...l.origin }, pitch: { ...l.pitch }, module: l.module };
    }),

  'labels:fnsku': async (core, input) => {
    const layout = layoutOf(input.layout, 'fnsku');
    const source = input.planId !== undefined ? await planFnskuItems(core.db, input.planId) : null;
    const items: FnskuLabelItem[] = source ? source.items : (input.items ?? []).map((i) => ({ ...i, condition: i.condition as FnskuLabelItem['condition'] }));
    const bytes = await renderFnskuLabels(items, { layout: layout.name as FnskuLayoutName, language: input.language, ...(input.startPosition !== undefined ? { startPosition: input.startPosition } : {}) });
    const labels = items.reduce((n, i) => n + i.copies, 0);
    const cells = layout.columns * layout.rows;
    const pages = Math.ceil(((input.startPosition ?? 1) - 1 + labels) / cells);
    return { fileName: `FNSKU-${fileStem(source?.plan.name ?? items[0]?.fnsku ?? '')}-${layout.name}.pdf`, base64: bytes.toString('base64'), pages, labels };
  },

  'labels:carton': async (core, input) => {
    const layout = layoutOf(input.layout, 'carton');
    const { confirmationId, cartons } = await shipmentCartons(core.db, input.planId, input.shipmentId);
    const bytes = await renderCartonLabels(cartons, { layout: layout.name as CartonLayoutName });
    return { fileName: `${confirmationId}-cartons-${layout.name}.pdf`, base64: bytes.toString('base64'), pages: cartons.length, labels: cartons.length };
  },

  'labels:cartons': async (core, input) => {
    const { confirmationId, cartons } = await shipmentCartons(core.db, input.planId, input.shipmentId);
    return cartons.map((c) => ({
      boxId: cartonBoxId(confirmationId, c.boxNumber),
      boxNumber: c.boxNumber,
      boxCount: c.boxCount,
      shipmentName: c.shipmentName ?? null,
      shipFrom: c.shipFrom,
      shipTo: { fulfillmentCenterId: c.shipTo.fulfillmentCenterId ?? null, lines: c.shipTo.lines },
      weightG: c.weight ? Math.round(c.weight.value * 1000) : null,
      marks: c.weight ? boxMarks(c.marketplaceId, c.weight) : [],
    }));
  },
} satisfies HandlerMap<'labels:layouts' | 'labels:fnsku' | 'labels:carton' | 'labels:cartons'>;
