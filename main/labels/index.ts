/**
 * The label printing API: FNSKU unit labels, carton marks, and Amazon's own label PDF. Plain data in, PDF bytes out,
 * no Electron and no IPC, so the CLI, a print server and (later) IPC channels call the same functions. The input
 * schemas in `label-input.ts` are zod only and can back a contract entry as they are.
 */
import { labelLayouts as layouts, type LabelLayout } from './label-layouts';

export { renderFnskuLabels } from './fnsku-labels';
export { renderCartonLabels } from './carton-labels';
export { amazonLabelPdf, type AmazonLabelPdf } from './amazon-label-pdf';
export {
  LABEL_CONDITIONS,
  MAX_CARTONS_PER_CALL,
  MAX_LABELS_PER_CALL,
  cartonLabelBoxSchema,
  cartonLabelOptionsSchema,
  fnskuLabelItemSchema,
  fnskuLabelOptionsSchema,
  type CartonLabelBox,
  type CartonLabelOptions,
  type FnskuLabelItem,
  type FnskuLabelOptions,
  type LabelCondition,
} from './label-input';
export { CARTON_LAYOUTS, FNSKU_LAYOUTS, findLayout, type CartonLayoutName, type FnskuLayoutName, type LabelLayout, type LabelLayoutName } from './label-layouts';

/** What a printing screen lists: name, kind, page size (pt, 1/72 in) and cells per page. */
export interface LabelLayoutSummary {
  name: LabelLayout['name'];
  kind: LabelLayout['kind'];
  media: LabelLayout['media'];
  description: string;
  page: { width: number; height: number };
  cells: number;
}

export const labelLayouts: readonly LabelLayoutSummary[] = layouts.map((l) => ({
  name: l.name,
  kind: l.kind,
  media: l.media,
  description: l.description,
  page: { ...l.page },
  cells: l.columns * l.rows,
}));
