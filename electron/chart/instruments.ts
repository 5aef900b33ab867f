/**
 * Instruments of a server with no `symbols` extension: the profile's list
 * (rules the user entered) plus the Chart API's names the list lacks (no
 * rules known: the ticket checks no tick or lot and the exchange judges).
 */
import { DEFAULT_INSTRUMENTS, decimalsOf, unitOfDecimals } from '../../shared/domain';
import type { InstrumentInfo } from '../../shared/ipc';
import type { SymbolInfo } from '../../shared/protocol';
import type { ChartSymbol } from '../../shared/protocol/chart';

/**
 * The instrument list for a server without `symbols`: with a Chart API, its
 * names (rules from the profile's list, else the common defaults, else none
 * known) plus the profile's own entries; without one, the profile's list (the
 * common defaults when it is empty).
 */
export function instrumentsWithoutSymbols(
  profileList: readonly SymbolInfo[],
  chartSymbols: readonly ChartSymbol[],
): InstrumentInfo[] {
  const withRules = (info: SymbolInfo): InstrumentInfo => ({ ...info, rules: 'profile' });
  if (chartSymbols.length === 0) {
    return (profileList.length > 0 ? profileList : DEFAULT_INSTRUMENTS).map(withRules);
  }
  const rulesOf = new Map<string, SymbolInfo>();
  for (const info of DEFAULT_INSTRUMENTS) rulesOf.set(info.symbol, info);
  for (const info of profileList) rulesOf.set(info.symbol, info);
  const list: InstrumentInfo[] = [];
  const seen = new Set<string>();
  for (const chart of chartSymbols) {
    if (seen.has(chart.name)) continue;
    seen.add(chart.name);
    const known = rulesOf.get(chart.name);
    list.push(known ? withRules(known) : unknownRules(chart));
  }
  for (const info of profileList) if (!seen.has(info.symbol)) list.push(withRules(info));
  return list;
}

/** A Chart API name with no rules known: precision from its prices, no tick or lot checked. */
function unknownRules(chart: ChartSymbol): InstrumentInfo {
  const pricePrecision = Math.max(decimalsOf(chart.bid), decimalsOf(chart.ask));
  return {
    symbol: chart.name,
    tickSize: unitOfDecimals(pricePrecision),
    stepSize: 1e-8,
    minQty: 1e-8,
    pricePrecision,
    qtyPrecision: 8,
    rules: 'unknown',
  };
}
