/** Display precision of a symbol's prices and quantities. */
import type { SymbolInfo } from '../../shared/protocol';
import { FIXED } from '../../shared/domain/decimal';

/** Decimals of a symbol's prices and quantities. */
export interface Precision {
  price: number;
  qty: number;
}

/** Precision used for symbols whose rules the server did not give. */
export const UNKNOWN_PRECISION: Precision = { price: FIXED, qty: FIXED };

/** Makes a lookup of precision by symbol from the known instruments. */
export function precisionLookup(
  instruments: () => ReadonlyMap<string, SymbolInfo>,
): (symbol: string) => Precision {
  return (symbol) => {
    const info = instruments().get(symbol);
    return info ? { price: info.pricePrecision, qty: info.qtyPrecision } : UNKNOWN_PRECISION;
  };
}
