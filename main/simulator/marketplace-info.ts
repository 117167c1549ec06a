/** What Sellers API says about each marketplace the simulator sells in. */
export const MARKETPLACE_INFO: Record<string, { name: string; countryCode: string; currency: string; language: string; domain: string; region: 'na' | 'eu' | 'fe' }> = {
  ATVPDKIKX0DER: { name: 'Amazon.com', countryCode: 'US', currency: 'USD', language: 'en_US', domain: 'www.amazon.com', region: 'na' },
  A2EUQ1WTGCTBG2: { name: 'Amazon.ca', countryCode: 'CA', currency: 'CAD', language: 'en_CA', domain: 'www.amazon.ca', region: 'na' },
  A1AM78C64UM0Y8: { name: 'Amazon.com.mx', countryCode: 'MX', currency: 'MXN', language: 'es_MX', domain: 'www.amazon.com.mx', region: 'na' },
  A1F83G8C2ARO7P: { name: 'Amazon.co.uk', countryCode: 'GB', currency: 'GBP', language: 'en_GB', domain: 'www.amazon.co.uk', region: 'eu' },
  A1PA6795UKMFR9: { name: 'Amazon.de', countryCode: 'DE', currency: 'EUR', language: 'de_DE', domain: 'www.amazon.de', region: 'eu' },
  A13V1IB3VIYZZH: { name: 'Amazon.fr', countryCode: 'FR', currency: 'EUR', language: 'fr_FR', domain: 'www.amazon.fr', region: 'eu' },
  APJ6JRA9NG5V4: { name: 'Amazon.it', countryCode: 'IT', currency: 'EUR', language: 'it_IT', domain: 'www.amazon.it', region: 'eu' },
  A1RKKUPIHCS9HS: { name: 'Amazon.es', countryCode: 'ES', currency: 'EUR', language: 'es_ES', domain: 'www.amazon.es', region: 'eu' },
  A1VC38T7YXB528: { name: 'Amazon.co.jp', countryCode: 'JP', currency: 'JPY', language: 'ja_JP', domain: 'www.amazon.co.jp', region: 'fe' },
};
