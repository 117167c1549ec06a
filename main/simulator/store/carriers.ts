import type { MerchantAddress } from './orders-api-types';
import type { Rng } from './random';

/** How a cross-border seller ships FBM parcels: from a Shenzhen warehouse by China export lines, or from a US 3PL. */

export interface CarrierService {
  carrierCode: string;
  shippingMethod: string;
  tracking: (rng: Rng) => string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const CHINA_EXPORT: readonly CarrierService[] = [
  { carrierCode: 'YunExpress', shippingMethod: 'YunExpress Global Direct Line Standard', tracking: (r) => `YT${r.digits(16)}` },
  { carrierCode: '4PX', shippingMethod: '4PX Global Express Standard', tracking: (r) => `4PX3${r.digits(12)}CN` },
  { carrierCode: 'Yanwen', shippingMethod: 'Yanwen Special Line Tracked', tracking: (r) => `UG${r.digits(9)}YP` },
  { carrierCode: 'China Post', shippingMethod: 'China Post Registered Air Mail', tracking: (r) => `R${r.alnum(1, LETTERS)}${r.digits(9)}CN` },
  { carrierCode: 'SF Express', shippingMethod: 'SF International Standard Express', tracking: (r) => `SF${r.digits(13)}` },
];

export const US_DOMESTIC: readonly CarrierService[] = [
  { carrierCode: 'USPS', shippingMethod: 'USPS Ground Advantage', tracking: (r) => `9400${r.digits(18)}` },
  { carrierCode: 'UPS', shippingMethod: 'UPS Ground', tracking: (r) => `1Z${r.alnum(6)}03${r.digits(8)}` },
  { carrierCode: 'FedEx', shippingMethod: 'FedEx Home Delivery', tracking: (r) => r.digits(12) },
];

export interface SellerWarehouses {
  china: MerchantAddress;
  us: MerchantAddress;
}

const CHINA_WAREHOUSES: readonly MerchantAddress[] = [
  { name: '深圳市悦家跨境电子商务有限公司 (Shenzhen Yuejia Cross-border E-commerce Co., Ltd.)', addressLine1: 'Building 3, Huafeng Industrial Park, Xixiang Street', addressLine2: '3F, Unit 301', city: 'Shenzhen', districtOrCounty: "Bao'an District", stateOrRegion: 'Guangdong', postalCode: '518102', countryCode: 'CN' },
  { name: '义乌市千里电子商务有限公司 (Yiwu Qianli E-commerce Co., Ltd.)', addressLine1: 'No. 88 Chouzhou North Road', addressLine2: 'Warehouse B2', city: 'Jinhua', districtOrCounty: 'Yiwu', stateOrRegion: 'Zhejiang', postalCode: '322000', countryCode: 'CN' },
  { name: '广州智美贸易有限公司 (Guangzhou Zhimei Trading Co., Ltd.)', addressLine1: 'No. 12 Huangpu East Road', addressLine2: 'Block C, 5F', city: 'Guangzhou', districtOrCounty: 'Huangpu District', stateOrRegion: 'Guangdong', postalCode: '510700', countryCode: 'CN' },
];

const US_3PLS: readonly MerchantAddress[] = [
  { name: 'West Coast 3PL – Seller Warehouse', addressLine1: '17800 Castleton St', addressLine2: 'Dock 12', city: 'City of Industry', stateOrRegion: 'CA', postalCode: '91748', countryCode: 'US' },
  { name: 'Garden State Fulfillment', addressLine1: '300 Raritan Center Pkwy', city: 'Edison', stateOrRegion: 'NJ', postalCode: '08837', countryCode: 'US' },
];

export function pickWarehouses(rng: Rng): SellerWarehouses {
  return { china: rng.pick(CHINA_WAREHOUSES), us: rng.pick(US_3PLS) };
}
