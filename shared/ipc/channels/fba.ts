import { z } from 'zod';
import {
  amazonLabelsSchema,
  boxMarkSchema,
  boxRefSchema,
  choosePackingSchema,
  choosePlacementSchema,
  chooseTransportSchema,
  chooseWindowsSchema,
  closeBoxSchema,
  createPlanInputSchema,
  fbaSuggestionSchema,
  planDetailSchema,
  planRefSchema,
  plansQuerySchema,
  planSummarySchema,
  removeFromBoxSchema,
  scanIntoBoxSchema,
  suggestionsInputSchema,
  uploadTrackingSchema,
} from '../../domain/fba-inbound';
import { channel } from '../channel';

/** What one scan put into the box, and where the line stands across all boxes. */
export const boxScanSchema = z.object({ planItemId: z.number().int(), sku: z.string(), fnsku: z.string(), added: z.number().int(), packed: z.number().int(), planned: z.number().int() });

/**
 * FBA Shipments: inbound plans with their steps (who acts next, Amazon's problems when a step failed), Amazon's options
 * side by side, box packing by scan, and Amazon's carton labels. Every change answers with the plan as it now stands.
 */
export const fbaChannels = {
  'fba:plans': channel({ input: plansQuerySchema, output: z.array(planSummarySchema) }),
  'fba:plan': channel({ input: planRefSchema, output: planDetailSchema }),
  /** Reorder suggestions of the store's FBA warehouse, as plan lines capped by the source's available stock. */
  'fba:suggestions': channel({ input: suggestionsInputSchema, output: z.array(fbaSuggestionSchema) }),
  /** Reserves the units at the source; the plan is then sent to Amazon by the inbound job. */
  'fba:create-plan': channel({ input: createPlanInputSchema, output: planDetailSchema }),
  'fba:choose-packing': channel({ input: choosePackingSchema, output: planDetailSchema }),
  'fba:choose-placement': channel({ input: choosePlacementSchema, output: planDetailSchema }),
  'fba:choose-transport': channel({ input: chooseTransportSchema, output: planDetailSchema }),
  /** A delivery window per own-carrier shipment; the app confirms them with Amazon, then the transportation. */
  'fba:choose-windows': channel({ input: chooseWindowsSchema, output: planDetailSchema }),
  /** Own-carrier tracking for one shipment, checked here first; sent to Amazon by the inbound job (its result on the plan). */
  'fba:upload-tracking': channel({ input: uploadTrackingSchema, output: planDetailSchema }),
  /** Sends the step Amazon refused again, after the user fixed what its problems named. */
  'fba:retry-step': channel({ input: planRefSchema, output: planDetailSchema }),
  'fba:cancel-plan': channel({ input: planRefSchema, output: planDetailSchema }),
  'fba:open-box': channel({ input: planRefSchema, output: planDetailSchema }),
  'fba:scan-into-box': channel({ input: scanIntoBoxSchema, output: z.object({ scanned: boxScanSchema, plan: planDetailSchema }) }),
  'fba:close-box': channel({ input: closeBoxSchema, output: z.object({ marks: z.array(boxMarkSchema), plan: planDetailSchema }) }),
  'fba:reopen-box': channel({ input: boxRefSchema, output: planDetailSchema }),
  'fba:remove-from-box': channel({ input: removeFromBoxSchema, output: planDetailSchema }),
  /** All units boxed: the box contents go to Amazon next. */
  'fba:submit-boxes': channel({ input: planRefSchema, output: planDetailSchema }),
  /** Amazon's carton labels for a shipment (downloaded once, stored, reprinted from the stored PDF), base64. */
  'fba:amazon-labels': channel({ input: amazonLabelsSchema, output: z.object({ fileName: z.string().min(1), base64: z.string(), pages: z.number().int() }) }),
  /** "Check now": drives the plan's next Amazon step (or reads receiving) without waiting for the job. */
  'fba:refresh': channel({ input: planRefSchema, output: planDetailSchema }),
};
