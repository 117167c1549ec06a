/**
 * The Orders API 2026-01-01 `Order` object (orders-2026-01-01.json), typed field by field from the model.
 * Fields the model marks as free-form strings with "Possible values" are typed as those values where the store
 * relies on them, and as `string` otherwise.
 */
import type { Money } from './money';

export type { Money } from './money';

export type FulfillmentStatus = 'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED' | 'UNFULFILLABLE';

export type FulfilledBy = 'MERCHANT' | 'AMAZON';

export interface DateTimeRange {
  earliestDateTime?: string;
  latestDateTime?: string;
}

export interface Alias {
  aliasId: string;
  aliasType: string;
}

export interface AssociatedOrder {
  orderId?: string;
  associationType?: string;
}

export interface SalesChannel {
  channelName: 'AMAZON' | 'NON_AMAZON';
  marketplaceId?: string;
  marketplaceName?: string;
}

export interface Buyer {
  buyerName?: string;
  buyerEmail?: string;
  buyerCompanyName?: string;
  buyerPurchaseOrderNumber?: string;
}

export interface AddressExtendedFields {
  streetName?: string;
  streetNumber?: string;
  complement?: string;
  neighborhood?: string;
}

export interface CustomerAddress {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  extendedFields?: AddressExtendedFields;
  addressType?: 'RESIDENTIAL' | 'COMMERCIAL' | 'PICKUP_POINT';
}

export interface HourMinute {
  hour?: number;
  minute?: number;
}

export interface TimeWindow {
  startTime?: HourMinute;
  endTime?: HourMinute;
}

export interface BusinessHour {
  dayOfWeek?: 'SUN' | 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT';
  timeWindows?: TimeWindow[];
}

export interface ExceptionDate {
  exceptionDate?: string;
  exceptionDateType?: 'CLOSED' | 'OPEN';
  timeWindows?: TimeWindow[];
}

export interface PreferredDeliveryTime {
  businessHours?: BusinessHour[];
  exceptionDates?: ExceptionDate[];
}

export interface DeliveryPreference {
  dropOffLocation?: string;
  addressInstruction?: string;
  deliveryTime?: PreferredDeliveryTime;
  deliveryCapabilities?: string[];
}

export interface Recipient {
  deliveryAddress?: CustomerAddress;
  deliveryPreference?: DeliveryPreference;
}

export interface OrderProceedsBreakdown {
  type: string;
  status?: string;
  subtotal: Money;
}

export interface OrderProceeds {
  grandTotal?: Money;
  breakdowns?: OrderProceedsBreakdown[];
}

export interface PaymentExecution {
  paymentMethod?: string;
  paymentAmount?: Money;
  acquirerId?: string;
  cardBrand?: string;
  authorizationCode?: string;
}

export interface OrderPayment {
  paymentExecutions?: PaymentExecution[];
}

export interface TaxRegistrationAttribute {
  key?: string;
  value?: string;
}

export interface OrderTaxRegistration {
  entityType?: 'BUYER' | 'MERCHANT' | 'MARKETPLACE';
  legalName?: string;
  taxRegistrationType?: string;
  taxRegistrationNumber?: string;
  taxRegistrationAddress?: CustomerAddress;
  taxRegistrationAttributes?: TaxRegistrationAttribute[];
}

export interface OrderTaxInvoicing {
  buyerInvoicePreference?: string;
  invoiceStatus?: string;
}

export interface OrderTax {
  taxRegistrations?: OrderTaxRegistration[];
  taxInvoicing?: OrderTaxInvoicing;
}

export interface OrderFulfillment {
  fulfillmentStatus: FulfillmentStatus;
  fulfilledBy?: FulfilledBy;
  fulfillmentServiceLevel?: 'EXPEDITED' | 'FREE_ECONOMY' | 'NEXT_DAY' | 'PRIORITY' | 'SAME_DAY' | 'SECOND_DAY' | 'SCHEDULED' | 'STANDARD';
  shipByWindow?: DateTimeRange;
  deliverByWindow?: DateTimeRange;
  labelPrintingWindow?: DateTimeRange;
}

export interface Measurement {
  unit: string;
  value: number;
}

export interface AssociatedOrderItem {
  orderId?: string;
  orderItemId?: string;
  associationType?: string;
}

export interface ItemCondition {
  conditionType?: string;
  conditionSubtype?: string;
  conditionNote?: string;
}

export interface ItemPrice {
  unitPrice?: Money;
  priceDesignation?: string;
}

export interface ItemCustomization {
  customizedUrl?: string;
}

export interface ItemProduct {
  asin?: string;
  title?: string;
  sellerSku?: string;
  condition?: ItemCondition;
  price?: ItemPrice;
  serialNumbers?: string[];
  customization?: ItemCustomization;
}

export interface ItemProceedsDetailedBreakdown {
  subtype?: string;
  value?: Money;
}

export interface ItemProceedsBreakdown {
  type: string;
  subtotal: Money;
  detailedBreakdowns?: ItemProceedsDetailedBreakdown[];
}

export interface ItemProceeds {
  proceedsTotal?: Money;
  breakdowns?: ItemProceedsBreakdown[];
}

export interface PointsGranted {
  pointsNumber?: number;
  pointsMonetaryValue?: Money;
}

export interface ItemExpense {
  pointsCost?: { pointsGranted?: PointsGranted };
}

export interface ItemPromotion {
  breakdowns?: { promotionId?: string }[];
}

export interface ItemCancellationRequest {
  requester?: string;
  cancelReason?: string;
}

export interface ItemCancellationExecution {
  cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON';
  cancelReason?: string;
}

export interface ItemCancellation {
  cancellationRequest?: ItemCancellationRequest;
  cancellationExecution?: ItemCancellationExecution;
}

export interface GiftOption {
  giftMessage?: string;
  giftWrapLevel?: string;
}

export interface ItemShippingConstraints {
  palletDelivery?: 'MANDATORY';
  cashOnDelivery?: 'MANDATORY';
  signatureConfirmation?: 'MANDATORY';
  recipientIdentityVerification?: 'MANDATORY';
  recipientAgeVerification?: 'MANDATORY';
}

export interface ItemFulfillment {
  quantityFulfilled?: number;
  quantityUnfulfilled?: number;
  picking?: { substitutionPreference?: { substitutionType: 'CUSTOMER_PREFERENCE' | 'AMAZON_RECOMMENDED' | 'DO_NOT_SUBSTITUTE' } };
  packing?: { giftOption?: GiftOption; serialNumberRequirement?: { requirementType?: string } };
  shipping?: {
    scheduledDeliveryWindow?: DateTimeRange;
    shippingConstraints?: ItemShippingConstraints;
    internationalShipping?: { iossNumber?: string };
  };
}

export interface ItemTax {
  taxCalculationBreakdowns?: { reportingScheme?: string }[];
  taxCollections?: { model?: string; responsibleParty?: string }[];
}

export interface OrderItem {
  orderItemId: string;
  quantityOrdered: number;
  measurement?: Measurement;
  associatedOrderItems?: AssociatedOrderItem[];
  programs?: string[];
  product: ItemProduct;
  proceeds?: ItemProceeds;
  expense?: ItemExpense;
  promotion?: ItemPromotion;
  cancellation?: ItemCancellation;
  fulfillment?: ItemFulfillment;
  tax?: ItemTax;
}

export interface MerchantAddress {
  name?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface PackageStatus {
  status: 'PENDING' | 'IN_TRANSIT' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'UNDELIVERABLE';
  detailedStatus?: string;
}

export interface PackageItem {
  orderItemId: string;
  quantity: number;
  transparencyCodes?: string[];
}

export interface OrderPackage {
  packageReferenceId: string;
  createdTime?: string;
  packageStatus?: PackageStatus;
  carrier?: string;
  shipTime?: string;
  shippingService?: string;
  trackingNumber?: string;
  shipFromAddress?: MerchantAddress;
  packageItems?: PackageItem[];
}

export interface FulfillmentOrder {
  fulfillmentOrderId: string;
}

export interface Order {
  orderId: string;
  orderAliases?: Alias[];
  createdTime: string;
  lastUpdatedTime: string;
  programs?: string[];
  associatedOrders?: AssociatedOrder[];
  salesChannel: SalesChannel;
  buyer?: Buyer;
  recipient?: Recipient;
  proceeds?: OrderProceeds;
  payment?: OrderPayment;
  tax?: OrderTax;
  fulfillment?: OrderFulfillment;
  orderItems: OrderItem[];
  packages?: OrderPackage[];
  fulfillmentOrders?: FulfillmentOrder[];
}
