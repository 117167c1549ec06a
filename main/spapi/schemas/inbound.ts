import { z } from 'zod';

/**
 * Fulfillment Inbound 2024-03-20 (and the two v0 operations still needed) as far as the inbound plan workflow reads
 * them. Amazon's model marks most strings with length limits only; what we parse is what we store or show.
 */

const id38 = z.string().min(1).max(38);
export const currencySchema = z.looseObject({ amount: z.number(), code: z.string().length(3) });
const incentive = z.looseObject({ description: z.string(), target: z.string(), type: z.string(), value: currencySchema });
const pagination = z.looseObject({ nextToken: z.string().optional() }).optional();

/** Most mutations: 202 with the operation to poll. */
export const operationAcceptedSchema = z.looseObject({ operationId: z.string().min(1).max(38) });
export const createInboundPlanResponseSchema = z.looseObject({ inboundPlanId: id38, operationId: z.string().min(1).max(38) });

export const operationProblemSchema = z.looseObject({ code: z.string(), message: z.string(), severity: z.string(), details: z.string().optional() });
export const inboundOperationStatusSchema = z.looseObject({
  operation: z.string(),
  operationId: z.string(),
  operationProblems: z.array(operationProblemSchema),
  operationStatus: z.enum(['SUCCESS', 'FAILED', 'IN_PROGRESS']),
});
export type InboundOperationStatus = z.infer<typeof inboundOperationStatusSchema>;

export const packingOptionSchema = z.looseObject({
  packingOptionId: id38,
  packingGroups: z.array(z.string()),
  fees: z.array(incentive),
  discounts: z.array(incentive),
  status: z.string(),
  expiration: z.string().optional(),
});
export type PackingOption = z.infer<typeof packingOptionSchema>;
export const listPackingOptionsResponseSchema = z.looseObject({ packingOptions: z.array(packingOptionSchema), pagination });

export const inboundItemSchema = z.looseObject({
  msku: z.string(),
  fnsku: z.string(),
  asin: z.string(),
  quantity: z.number().int(),
  labelOwner: z.string(),
  prepInstructions: z.array(z.looseObject({ prepOwner: z.string().optional(), prepType: z.string().optional() })),
});
export const listItemsResponseSchema = z.looseObject({ items: z.array(inboundItemSchema), pagination });

export const placementOptionSchema = z.looseObject({
  placementOptionId: id38,
  shipmentIds: z.array(z.string()),
  fees: z.array(incentive),
  discounts: z.array(incentive),
  status: z.string(),
  expiration: z.string().optional(),
});
export type PlacementOption = z.infer<typeof placementOptionSchema>;
export const listPlacementOptionsResponseSchema = z.looseObject({ placementOptions: z.array(placementOptionSchema), pagination });

export const inboundAddressSchema = z.looseObject({
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  city: z.string(),
  stateOrProvinceCode: z.string().optional(),
  postalCode: z.string(),
  countryCode: z.string(),
  companyName: z.string().optional(),
});
export type InboundAddress = z.infer<typeof inboundAddressSchema>;

export const shipmentSchema = z.looseObject({
  shipmentId: id38,
  placementOptionId: z.string(),
  shipmentConfirmationId: z.string().optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  selectedTransportationOptionId: z.string().optional(),
  destination: z.looseObject({ destinationType: z.string(), warehouseId: z.string().optional(), address: inboundAddressSchema.optional() }),
  trackingDetails: z
    .looseObject({
      spdTrackingDetail: z
        .looseObject({
          spdTrackingItems: z.array(z.looseObject({ boxId: z.string().optional(), trackingId: z.string().optional(), trackingNumberValidationStatus: z.string().optional() })).optional(),
        })
        .optional(),
      ltlTrackingDetail: z.looseObject({ billOfLadingNumber: z.string().optional(), freightBillNumber: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  selectedDeliveryWindow: z.looseObject({ deliveryWindowOptionId: z.string(), startDate: z.string(), endDate: z.string() }).optional(),
});
export type InboundShipment = z.infer<typeof shipmentSchema>;

export const transportationOptionSchema = z.looseObject({
  transportationOptionId: id38,
  shipmentId: z.string(),
  shippingMode: z.string(),
  shippingSolution: z.string(),
  preconditions: z.array(z.string()),
  carrier: z.looseObject({ name: z.string().optional(), alphaCode: z.string().optional() }),
  quote: z.looseObject({ cost: currencySchema, expiration: z.string().optional() }).optional(),
});
export type TransportationOption = z.infer<typeof transportationOptionSchema>;
export const listTransportationOptionsResponseSchema = z.looseObject({ transportationOptions: z.array(transportationOptionSchema), pagination });

export const deliveryWindowOptionSchema = z.looseObject({
  deliveryWindowOptionId: z.string(),
  availabilityType: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  validUntil: z.string(),
});
/** A box of a confirmed shipment: Amazon's box id (printed on the carton) with what it holds and measures. */
export const shipmentBoxSchema = z.looseObject({
  packageId: z.string(),
  boxId: z.string().optional(),
  dimensions: z.looseObject({ length: z.number(), width: z.number(), height: z.number(), unitOfMeasurement: z.enum(['IN', 'CM']) }).optional(),
  weight: z.looseObject({ value: z.number(), unit: z.enum(['LB', 'KG']) }).optional(),
  items: z.array(z.looseObject({ msku: z.string(), quantity: z.number().int() })).optional(),
});
export type ShipmentBox = z.infer<typeof shipmentBoxSchema>;
export const listShipmentBoxesResponseSchema = z.looseObject({ boxes: z.array(shipmentBoxSchema), pagination });

export const listDeliveryWindowOptionsResponseSchema = z.looseObject({ deliveryWindowOptions: z.array(deliveryWindowOptionSchema), pagination });

/** v0: Quantity fields are plain integers in the model. */
export const shipmentItemsV0ResponseSchema = z.looseObject({
  payload: z
    .looseObject({
      ItemData: z.array(
        z.looseObject({
          SellerSKU: z.string(),
          FulfillmentNetworkSKU: z.string().optional(),
          QuantityShipped: z.number().int(),
          QuantityReceived: z.number().int().optional(),
        }),
      ),
      NextToken: z.string().optional(),
    })
    .optional(),
});
export type ShipmentItemsV0 = z.infer<typeof shipmentItemsV0ResponseSchema>;

export const getLabelsResponseSchema = z.looseObject({ payload: z.looseObject({ DownloadURL: z.string().min(1) }).optional() });
