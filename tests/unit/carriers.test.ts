import { describe, expect, it } from 'vitest';
import { CHINA_EXPORT, US_DOMESTIC } from '../../main/simulator/store/carriers';
import { Rng } from '../../main/simulator/store/random';
import { parseConfirmShipment } from '../../main/simulator/store/shipment-requests';
import { amazonCarriers, isAmazonCarrierCode, validateCarrierChoice, validateTracking } from '../../shared/carriers';

describe('Amazon carrier codes', () => {
  it('lists the carriers a cross-border seller ships with, each code once', () => {
    const codes = amazonCarriers.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of ['UPS', 'USPS', 'FedEx', 'DHL', 'DHL eCommerce', 'YunExpress', '4PX', 'China Post', 'SF Express', 'Yanwen', 'Japan Post', 'Yamato Transport', 'Sagawa Express', 'Royal Mail', 'Deutsche Post', 'DPD', 'Hermes', 'GLS', 'Canada Post', 'Australia Post', 'La Poste', 'Colissimo', 'Correos', 'Poste Italiane', 'PostNL', 'Amazon Shipping', 'Other']) {
      expect(isAmazonCarrierCode(code), code).toBe(true);
    }
  });

  it('matches codes exactly, as Amazon does: spelling, spaces and case matter', () => {
    for (const wrong of ['ups', 'Fedex', 'Yun Express', 'yunexpress', 'UPS ', 'DHL Express', '']) expect(isAmazonCarrierCode(wrong), wrong).toBe(false);
  });

  it('accepts "Other" only with a carrier name', () => {
    expect(validateCarrierChoice('Other')).toBe('name-required');
    expect(validateCarrierChoice('Other', '   ')).toBe('name-required');
    expect(validateCarrierChoice('Other', 'Shenzhen Best Line')).toBe('ok');
    expect(validateCarrierChoice('UPS')).toBe('ok');
    expect(validateCarrierChoice('Best Line')).toBe('unknown-carrier');
  });

  it.each([
    ['UPS', '1Z999AA10123456784', 'ok'],
    ['UPS', '1Z999AA1012345678', 'format'],
    ['UPS', '1z999aa10123456784', 'format'],
    ['USPS', '9400111899223197428490', 'ok'],
    ['USPS', '94001118992231974284', 'ok'],
    ['USPS', '9400111899223197428', 'format'],
    ['USPS', 'EC123456789US', 'ok'],
    ['USPS', 'EC123456789CN', 'format'],
    ['FedEx', '123456789012', 'ok'],
    ['FedEx', '1234567890123', 'format'],
    ['China Post', 'RR123456789CN', 'ok'],
    ['China Post', 'RR12345678CN', 'format'],
    ['Royal Mail', 'AB123456789GB', 'ok'],
    ['Yamato Transport', '123456789012', 'ok'],
    ['Yamato Transport', '1234-5678-9012', 'format'],
    ['SF Express', 'SF1234567890123', 'ok'],
    ['Amazon Shipping', 'TBA123456789012', 'ok'],
    ['GLS', 'anything-goes-1', 'ok'],
    ['Other', 'LOCAL-42', 'ok'],
    ['UPS', '', 'format'],
    ['GLS', '12 34', 'format'],
    ['Foo Express', '1Z999AA10123456784', 'unknown-carrier'],
  ] as const)('tracking %s %s → %s', (code, number, verdict) => {
    expect(validateTracking(code, number)).toBe(verdict);
  });

  it('accepts every tracking number the simulator hands out for its carriers', () => {
    for (const service of [...CHINA_EXPORT, ...US_DOMESTIC]) {
      const rng = Rng.derive(7, service.carrierCode);
      for (let i = 0; i < 50; i++) expect(validateTracking(service.carrierCode, service.tracking(rng)), service.carrierCode).toBe('ok');
    }
  });

  it('the simulated Amazon refuses codes Amazon would refuse, with its InvalidInput message', () => {
    const body = (carrierCode: string, carrierName?: string) => ({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: { packageReferenceId: '1', carrierCode, ...(carrierName ? { carrierName } : {}), trackingNumber: 'X1', shipDate: '2026-11-20T08:00:00Z', orderItems: [{ orderItemId: '1', quantity: 1 }] },
    });
    expect(parseConfirmShipment(body('UPS')).ok).toBe(true);
    expect(parseConfirmShipment(body('Other', 'Shenzhen Best Line')).ok).toBe(true);
    expect(parseConfirmShipment(body('Other'))).toEqual({ ok: false, message: 'packageDetail.carrierName is required when carrierCode is "Other".' });
    const unknown = parseConfirmShipment(body('Yun Express'));
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(/carrierCode "Yun Express" is not a valid carrier code/);
  });
});
