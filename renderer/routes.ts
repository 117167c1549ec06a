import type { MessageKey } from './i18n';

export const screenIds = ['orders', 'exceptions', 'picking', 'packing', 'returns', 'fba', 'reconciliation', 'catalog', 'inventory', 'purchasing', 'sync', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

export interface ScreenEntry {
  id: ScreenId;
  label: MessageKey;
}

export const screens: readonly ScreenEntry[] = [
  { id: 'orders', label: 'nav.orders' },
  { id: 'exceptions', label: 'nav.exceptions' },
  { id: 'picking', label: 'nav.picking' },
  { id: 'packing', label: 'nav.packing' },
  { id: 'returns', label: 'nav.returns' },
  { id: 'fba', label: 'nav.fba' },
  { id: 'reconciliation', label: 'nav.reconciliation' },
  { id: 'catalog', label: 'nav.catalog' },
  { id: 'inventory', label: 'nav.inventory' },
  { id: 'purchasing', label: 'nav.purchasing' },
  { id: 'sync', label: 'nav.sync' },
  { id: 'settings', label: 'nav.settings' },
];

export const isScreenId = (v: unknown): v is ScreenId => typeof v === 'string' && (screenIds as readonly string[]).includes(v);
