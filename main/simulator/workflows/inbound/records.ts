/**
 * The simulator's state of Fulfillment Inbound 2024-03-20 plans, kept in the shapes the handlers answer with where that
 * is simple. Quantities are units; money is minor units of the plan's marketplace currency; times are simulated ms.
 */

export type LabelOwner = 'AMAZON' | 'SELLER' | 'NONE';
export type ContentSource = 'BOX_CONTENT_PROVIDED' | 'MANUAL_PROCESS' | 'BARCODE_2D';
export type OptionStatus = 'OFFERED' | 'ACCEPTED' | 'EXPIRED';
export type PlanStatus = 'ACTIVE' | 'VOIDED' | 'SHIPPED' | 'ERRORED';
export type ShipmentStatus =
  | 'UNCONFIRMED' | 'WORKING' | 'READY_TO_SHIP' | 'SHIPPED' | 'IN_TRANSIT' | 'DELIVERED' | 'CHECKED_IN' | 'RECEIVING' | 'CLOSED' | 'CANCELLED';

export interface AddressRecord {
  name: string;
  companyName?: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrProvinceCode?: string;
  postalCode: string;
  countryCode: string;
  phoneNumber?: string;
  email?: string;
}

export interface PlanItem {
  msku: string;
  asin: string;
  fnsku: string;
  quantity: number;
  labelOwner: LabelOwner;
  prepOwner: LabelOwner;
  expiration?: string;
  manufacturingLotCode?: string;
  /** Unit weight from the catalogue, for fees and carrier quotes. */
  unitGrams: number;
}

export interface BoxRecord {
  packageId: string;
  /** Confirmation id + `U` + six digits once the box's shipment has one. */
  boxId?: string;
  contentSource: ContentSource;
  /** Kept as entered; limits are checked in the marketplace's units. */
  dimensions: { length: number; width: number; height: number; unitOfMeasurement: 'IN' | 'CM' };
  weight: { value: number; unit: 'LB' | 'KG' };
  /** msku → units; empty when the contents come from 2D barcodes or Amazon's manual processing. */
  items: Map<string, number>;
}

export interface PackingGroupRecord {
  packingGroupId: string;
  mskus: string[];
  boxes: BoxRecord[] | null;
}

export interface PackingOptionRecord {
  packingOptionId: string;
  packingGroupIds: string[];
  status: OptionStatus;
  expiresAt: number;
}

export interface Fee {
  target: string;
  description: string;
  amountMinor: number;
}

export interface FulfillmentCenter {
  warehouseId: string;
  address: AddressRecord;
}

export interface TrackingRecord {
  spd?: { boxId: string; trackingId: string; status: 'VALIDATED' | 'NOT_VALIDATED' }[];
  ltl?: { billOfLadingNumber?: string; freightBillNumber: string[] };
}

export interface ShipmentRecord {
  shipmentId: string;
  placementOptionId: string;
  name: string;
  destination: FulfillmentCenter;
  /** msku → units planned for this destination. */
  items: Map<string, number>;
  boxes: BoxRecord[] | null;
  status: ShipmentStatus;
  confirmationId?: string;
  readyToShip?: { start: number; end: number };
  transportationOptionId?: string;
  deliveryWindow?: { deliveryWindowOptionId: string; start: number; end: number };
  tracking?: TrackingRecord;
  contact?: { name: string; phoneNumber: string; email?: string };
  /** msku → units Amazon counted in; grows while RECEIVING. */
  received: Map<string, number>;
  /** Units shipped per msku as Amazon's v0 API reports them (fixed when the shipment ships). */
  shippedAt?: number;
  /** Bumped whenever a pending milestone must be ignored (receiving finished early by a test hook). */
  progressEpoch: number;
}

export interface PlacementOptionRecord {
  placementOptionId: string;
  status: OptionStatus;
  expiresAt: number;
  fees: Fee[];
  discounts: Fee[];
  shipmentIds: string[];
}

export interface TransportationOptionRecord {
  transportationOptionId: string;
  shipmentId: string;
  placementOptionId: string;
  solution: 'AMAZON_PARTNERED_CARRIER' | 'USE_YOUR_OWN_CARRIER';
  mode: 'GROUND_SMALL_PARCEL';
  carrier: { name: string; alphaCode: string };
  quote?: { costMinor: number; expiresAt: number; voidableUntil: number };
  preconditions: string[];
}

export interface DeliveryWindowRecord {
  deliveryWindowOptionId: string;
  shipmentId: string;
  start: number;
  end: number;
  validUntil: number;
}

export interface PlanRecord {
  inboundPlanId: string;
  sellerId: string;
  name: string;
  marketplaceId: string;
  sourceAddress: AddressRecord;
  status: PlanStatus;
  createdAt: number;
  lastUpdatedAt: number;
  items: PlanItem[];
  packingGroups: Map<string, PackingGroupRecord>;
  packingOptions: PackingOptionRecord[];
  confirmedPackingOptionId?: string;
  placementOptions: PlacementOptionRecord[];
  confirmedPlacementOptionId?: string;
  /** Every shipment any placement option proposed, by id. */
  shipments: Map<string, ShipmentRecord>;
  transportationOptions: TransportationOptionRecord[];
  deliveryWindows: DeliveryWindowRecord[];
  /** How many times placement options were generated: each round draws its own destinations, whatever the time. */
  placementRounds: number;
  /** Simulated time the plan's last queued operation finishes: operations of one plan complete in the order sent. */
  busyUntil: number;
}

export interface OperationProblem {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  details?: string;
}
