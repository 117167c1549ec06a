import type { OperationProblem } from './records';

interface ProblemDef {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
}

const error = (code: string, message: string): ProblemDef => ({ code, message, severity: 'ERROR' });

/**
 * The problems a FAILED inbound operation carries. Codes are stable (the app maps them to translated reasons);
 * messages say what was wrong, and `details` names the MSKU, box or option concerned. Never buyer data.
 */
export const PROBLEMS = {
  mskuNotFound: error('MskuNotFound', 'The MSKU is not listed in the destination marketplace.'),
  mskuIneligible: error('MskuNotEligibleForFba', 'The MSKU is not enabled for Fulfillment by Amazon in the destination marketplace.'),
  invalidQuantity: error('InvalidQuantity', 'Quantity must be at least 1.'),
  duplicateMsku: error('DuplicateMsku', 'The same MSKU appears more than once.'),
  amazonLabelingUnavailable: error('LabelOwnerNotSupported', 'labelOwner AMAZON is not an accepted value in the US marketplace.'),
  planNotActive: error('InboundPlanNotActive', 'The inbound plan is not active.'),
  planVoided: error('InboundPlanVoided', 'The inbound plan is already voided.'),
  planNotCancellable: error('InboundPlanNotCancellable', 'A shipment of this inbound plan has already shipped; the plan can no longer be cancelled.'),
  optionNotFound: error('OptionNotFound', 'The option does not exist in this inbound plan.'),
  optionExpired: error('OptionExpired', 'The option has expired; generate options again.'),
  placementAlreadyConfirmed: error('PlacementOptionAlreadyConfirmed', 'A placement option has already been confirmed for this inbound plan.'),
  placementNotConfirmed: error('PlacementOptionNotConfirmed', 'The placement option is not the confirmed placement option of this inbound plan.'),
  packingGroupNotFound: error('PackingGroupNotFound', 'The packing group does not belong to the confirmed packing option.'),
  packingInformationMissing: error('PackingInformationMissing', 'Box information has not been provided.'),
  shipmentNotFound: error('ShipmentNotFound', 'The shipment does not belong to the confirmed placement option.'),
  invalidShipmentState: error('InvalidShipmentState', 'The shipment is not in a state that allows this operation.'),
  missingShipmentSelection: error('MissingShipmentSelection', 'Every shipment of the confirmed placement option needs a transportation option.'),
  deliveryWindowNotConfirmed: error('DeliveryWindowNotConfirmed', 'Confirm a delivery window before confirming this transportation option.'),
  partneredTracking: error('TrackingNotEditable', 'Tracking of Amazon-partnered carrier shipments is provided by the carrier.'),
  unknownBoxId: error('UnknownBoxId', 'The box id does not belong to this shipment.'),
  boxWeightExceeded: error('BoxWeightExceeded', 'The box is heavier than the marketplace allows.'),
  boxDimensionExceeded: error('BoxDimensionExceeded', 'A side of the box is longer than the marketplace allows.'),
  boxMeasurementsMissing: error('BoxMeasurementsMissing', 'Box weight and every dimension must be greater than zero.'),
  boxContentMissing: error('BoxContentMissing', 'BOX_CONTENT_PROVIDED boxes must list their items.'),
  boxContentNotAllowed: error('BoxContentNotAllowed', 'Items must be empty when contentInformationSource is BARCODE_2D or MANUAL_PROCESS.'),
  boxContentMismatch: error('BoxContentMismatch', 'The box contents do not match the items planned for this group.'),
} as const;

export function problem(def: ProblemDef, subject?: string, extra?: string): OperationProblem {
  const details = [subject, extra].filter(Boolean).join(': ');
  return { code: def.code, message: def.message, severity: def.severity, ...(details ? { details } : {}) };
}
