import type { TrackingMode } from '../../../shared/domain/fba-inbound';
import type { Queryable } from '../../db/connection';
import { shipments as shipmentRows, transportOptions, type ShipmentRow, type TransportOptionRow } from './plans.repo';

export const OWN_CARRIER = 'USE_YOUR_OWN_CARRIER';
const WINDOW_PRECONDITION = 'CONFIRMED_DELIVERY_WINDOW';

/** Small parcel modes take one tracking number per box; every freight mode (LTL, FTL, ocean) a freight bill. */
export const trackingModeOf = (shippingMode: string): TrackingMode => (/SMALL_PARCEL/.test(shippingMode) ? 'spd' : 'ltl');

export const needsWindow = (option: TransportOptionRow | undefined): boolean => !!option && (JSON.parse(option.preconditions_json) as string[]).includes(WINDOW_PRECONDITION);

export const chosenOption = (s: ShipmentRow, options: readonly TransportOptionRow[]): TransportOptionRow | undefined =>
  options.find((o) => o.shipment_id === s.id && o.option_id === s.transport_option_id);

export type TransportAction =
  | { kind: 'generate-windows'; shipment: ShipmentRow }
  | { kind: 'choose-windows' }
  | { kind: 'confirm-window'; shipment: ShipmentRow }
  | { kind: 'confirm-transport' };

/**
 * What the confirm-transport step does next, read from the rows alone (so a restart continues where it was): windows
 * generated for every shipment that needs one, then the user's picks, each pick confirmed, then the transportation.
 */
export async function nextTransportAction(db: Queryable, planId: number): Promise<TransportAction> {
  const list = await shipmentRows(db, planId);
  const options = await transportOptions(db, list.map((s) => s.id));
  const windowed = list.filter((s) => needsWindow(chosenOption(s, options)));
  const ungenerated = windowed.find((s) => s.windows_generated_at === null && s.window_confirmed_id === null);
  if (ungenerated) return { kind: 'generate-windows', shipment: ungenerated };
  if (windowed.some((s) => s.window_chosen_id === null && s.window_confirmed_id === null)) return { kind: 'choose-windows' };
  const unconfirmed = windowed.find((s) => s.window_chosen_id !== null && s.window_chosen_id !== s.window_confirmed_id);
  if (unconfirmed) return { kind: 'confirm-window', shipment: unconfirmed };
  return { kind: 'confirm-transport' };
}
