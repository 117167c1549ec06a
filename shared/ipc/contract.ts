import type { z } from 'zod';
import { amazonChannels } from './channels/amazon';
import { auditChannels } from './channels/audit';
import { catalogChannels } from './channels/catalog';
import { fulfillmentChannels } from './channels/fulfillment';
import { fbaChannels } from './channels/fba';
import { labelsChannels } from './channels/labels';
import { printingChannels } from './channels/printing';
import { inventoryChannels } from './channels/inventory';
import { ordersChannels } from './channels/orders';
import { ordersListChannels } from './channels/orders-list';
import { packingChannels } from './channels/packing';
import { pickingChannels } from './channels/picking';
import { shippingChannels } from './channels/shipping';
import { returnsChannels } from './channels/returns';
import { financeChannels } from './channels/finance';
import { reconciliationOrdersChannels } from './channels/reconciliation-orders';
import { reconciliationChannels } from './channels/reconciliation';
import { purchasingChannels } from './channels/purchasing';
import { settingsChannels } from './channels/settings';
import { storesChannels } from './channels/stores';
import { syncChannels } from './channels/sync';
import { systemChannels } from './channels/system';
import type { ChannelSpec } from './channel';
import type { Result } from './result';

/**
 * The one list of everything the renderer may ask of main: `namespace:verb` → input and output schemas.
 * Adding a feature starts here; a channel without a handler fails `tsc` in main/ipc/handlers.
 */
export const contract = {
  ...systemChannels,
  ...settingsChannels,
  ...storesChannels,
  ...auditChannels,
  ...amazonChannels,
  ...syncChannels,
  ...ordersChannels,
  ...ordersListChannels,
  ...catalogChannels,
  ...inventoryChannels,
  ...purchasingChannels,
  ...packingChannels,
  ...pickingChannels,
  ...shippingChannels,
  ...returnsChannels,
  ...financeChannels,
  ...reconciliationOrdersChannels,
  ...reconciliationChannels,
  ...fulfillmentChannels,
  ...fbaChannels,
  ...labelsChannels,
  ...printingChannels,
} satisfies Record<`${string}:${string}`, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

type NamespaceOf<C extends string> = C extends `${infer N}:${string}` ? N : never;
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never;
type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** `stores:create` → `api.stores.create`, `settings:get-preferences` → `api.settings.getPreferences`. */
export type ApiSurface = {
  [N in NamespaceOf<Channel>]: {
    [C in Channel as C extends `${N}:${string}` ? CamelCase<VerbOf<C>> : never]: (
      input: ChannelInput<C>,
    ) => Promise<Result<ChannelOutput<C>>>;
  };
};

export function splitChannel(name: Channel): { namespace: string; method: string } {
  const [namespace = '', verb = ''] = name.split(':');
  return { namespace, method: verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) };
}
