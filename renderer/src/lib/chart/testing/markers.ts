/** Tests' shorthand: the markers of some fills, counted from scratch (the panel keeps a FillGroups). */
import type { FillRow } from '../../../../../shared/ipc';
import type { Instrument } from '../../../../../shared/domain';
import type { PickerInterval } from '../bars';
import { FillGroups, type MarkerSpec } from '../overlays';

export function fillMarkers(
  fills: readonly FillRow[],
  symbol: string,
  interval: PickerInterval,
  inst: Pick<Instrument, 'pricePrecision' | 'qtyPrecision'>,
): MarkerSpec[] {
  const groups = new FillGroups(symbol, interval);
  groups.add(fills);
  return groups.markers(inst);
}
