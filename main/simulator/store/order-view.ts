import { money } from './money';
import { ADDRESS_STATUSES, type OrderRecord } from './order-record';
import type { CustomerAddress, Order, OrderItem, OrderPackage, OrderTax } from './orders-api-types';
import { itemProceeds, lineMoney, orderProceeds } from './pricing';
import { isoTime } from './sim-time';

/**
 * The full 2026-01-01 `Order` of a record, as if every includedData value were requested. What a state may show
 * follows Amazon's rules (README, "Orders: incremental sync"): before payment authorization there is no delivery
 * address and no price, tax, promotion or gift data; cancelled orders have no address and no delivery window;
 * the phone is never shown for FBA and disappears from shipped FBM orders after the latest delivery date.
 */
export function buildOrderView(order: OrderRecord): Order {
  const m = order.marketplace;
  const status = order.status;
  const visible = ADDRESS_STATUSES.has(status);
  const priced = order.authorizedAt !== undefined;
  const lines = order.items.map((item) => lineMoney(order, item));

  const view: Order = {
    orderId: order.orderId,
    createdTime: isoTime(order.createdAt),
    lastUpdatedTime: isoTime(order.lastUpdatedAt),
    ...(order.programs.length > 0 ? { programs: [...order.programs] } : {}),
    salesChannel: { channelName: 'AMAZON', marketplaceId: m.id, marketplaceName: m.name },
    buyer: {
      buyerName: order.buyerName,
      // The model: the anonymized e-mail is only given for merchant-fulfilled orders.
      ...(order.channel === 'MFN' ? { buyerEmail: order.buyerEmail } : {}),
      ...(order.business ? { buyerCompanyName: order.business.companyName } : {}),
      ...(order.business?.purchaseOrderNumber ? { buyerPurchaseOrderNumber: order.business.purchaseOrderNumber } : {}),
    },
    orderItems: [],
  };

  if (visible) {
    const a = order.address;
    const deliveryAddress: CustomerAddress = { ...a };
    if (order.channel === 'AFN' || order.phoneSuppressed) delete deliveryAddress.phone;
    view.recipient = { deliveryAddress, ...(order.deliveryPreference ? { deliveryPreference: { ...order.deliveryPreference } } : {}) };
    view.proceeds = orderProceeds(order, lines);
    const grand = lines.reduce((n, l) => n + l.total, 0);
    const giftCard = Math.min(order.giftCardMinor, grand);
    view.payment = {
      paymentExecutions: [
        ...(giftCard > 0 ? [{ paymentMethod: 'GiftCard', paymentAmount: money(giftCard, m.currency) }] : []),
        ...(grand - giftCard > 0 || giftCard === 0 ? [{ paymentMethod: order.paymentMethod, paymentAmount: money(grand - giftCard, m.currency) }] : []),
      ],
    };
    const tax = orderTax(order);
    if (tax) view.tax = tax;
  }

  view.fulfillment = {
    fulfillmentStatus: status,
    fulfilledBy: order.channel === 'AFN' ? 'AMAZON' : 'MERCHANT',
    fulfillmentServiceLevel: order.serviceLevel,
    shipByWindow: { earliestDateTime: isoTime(order.shipBy[0]), latestDateTime: isoTime(order.shipBy[1]) },
    ...(status !== 'PENDING' && status !== 'PENDING_AVAILABILITY' && status !== 'CANCELLED'
      ? { deliverByWindow: { earliestDateTime: isoTime(order.deliverBy[0]), latestDateTime: isoTime(order.deliverBy[1]) } }
      : {}),
  };

  let packages: OrderPackage[] | undefined;
  view.orderItems = order.items.map((item, index): OrderItem => {
    const line = lines[index] ?? lineMoney(order, item);
    const out: OrderItem = {
      orderItemId: item.orderItemId,
      quantityOrdered: item.quantity,
      product: {
        asin: item.entry.item.asin,
        title: item.title,
        sellerSku: item.entry.item.sellerSku,
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        ...(priced
          ? { price: { unitPrice: money(item.unitPriceMinor, m.currency), ...(item.businessPrice ? { priceDesignation: 'BUSINESS_PRICE' } : {}) } }
          : {}),
      },
    };
    if (visible) {
      out.proceeds = itemProceeds(order, line);
      if (item.points) out.expense = { pointsCost: { pointsGranted: { pointsNumber: item.points, pointsMonetaryValue: money(item.points, m.currency) } } };
      if (item.promotionId) out.promotion = { breakdowns: [{ promotionId: item.promotionId }] };
    }
    if (item.cancellation) out.cancellation = structuredClone(item.cancellation);
    out.fulfillment = {
      quantityFulfilled: item.shipped,
      quantityUnfulfilled: item.quantity - item.shipped - item.cancelled,
      ...(visible && (item.giftMessage || item.giftWrapLevel)
        ? { packing: { giftOption: { ...(item.giftMessage ? { giftMessage: item.giftMessage } : {}), ...(item.giftWrapLevel ? { giftWrapLevel: item.giftWrapLevel } : {}) } } }
        : {}),
      ...(visible && (order.iossNumber || order.cashOnDelivery)
        ? {
            shipping: {
              ...(order.cashOnDelivery ? { shippingConstraints: { cashOnDelivery: 'MANDATORY' as const } } : {}),
              ...(order.iossNumber ? { internationalShipping: { iossNumber: order.iossNumber } } : {}),
            },
          }
        : {}),
    };
    if (visible && (m.taxCollector || order.reportingScheme)) {
      out.tax = {
        ...(order.reportingScheme ? { taxCalculationBreakdowns: [{ reportingScheme: order.reportingScheme }] } : {}),
        ...(m.taxCollector ? { taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: m.taxCollector }] } : {}),
      };
    }
    return out;
  });

  if (order.packages.length > 0) packages = order.packages.map((p): OrderPackage => ({
    packageReferenceId: p.packageReferenceId,
    createdTime: isoTime(p.createdAt),
    packageStatus: { status: p.status, detailedStatus: p.detailedStatus },
    carrier: p.carrierName ?? p.carrierCode,
    shipTime: isoTime(p.shipAt),
    ...(p.shippingMethod ? { shippingService: p.shippingMethod } : {}),
    trackingNumber: p.trackingNumber,
    shipFromAddress: { ...p.shipFrom },
    packageItems: p.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity, ...(i.transparencyCodes ? { transparencyCodes: [...i.transparencyCodes] } : {}) })),
  }));

  // Same key order as the model and Amazon's samples, so that dumps read naturally.
  const { orderItems, fulfillment, ...head } = view;
  const { recipient, proceeds, payment, tax, ...rest } = head;
  return {
    ...rest,
    ...(recipient ? { recipient } : {}),
    ...(proceeds ? { proceeds } : {}),
    ...(payment ? { payment } : {}),
    ...(tax ? { tax } : {}),
    ...(fulfillment ? { fulfillment } : {}),
    orderItems,
    ...(packages ? { packages } : {}),
  };
}

function orderTax(order: OrderRecord): OrderTax | undefined {
  const vat = order.business?.vatNumber;
  if (!vat || !order.business) return undefined;
  const { phone: _phone, addressType: _type, ...address } = order.address;
  return {
    taxRegistrations: [
      {
        entityType: 'BUYER',
        legalName: order.business.companyName,
        taxRegistrationType: 'VAT',
        taxRegistrationNumber: vat,
        taxRegistrationAddress: { ...address, companyName: order.business.companyName },
      },
    ],
  };
}
