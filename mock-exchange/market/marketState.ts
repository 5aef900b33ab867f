/**
 * The simulated market's state kept with `--data` (`<dataDir>/market.json`),
 * so a restarted paper market carries on from its last prices and time
 * instead of starting over from the configured reference prices.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** File of the market's state inside the exchange's data dir. */
export const MARKET_STATE_FILE = 'market.json';
/** Exchange time between two saves while running (a kill -9 loses at most this much). */
export const MARKET_SAVE_EVERY_MS = 60_000;

/** Where the market stood: exchange time (epoch ms) and each symbol's reference price. */
export const MarketState = z.object({
  time: z.number().int().nonnegative(),
  prices: z.record(z.string(), z.number().positive()),
});
export type MarketState = z.infer<typeof MarketState>;

/** The saved state, or null when there is none or it does not read. */
export function loadMarketState(dataDir: string): MarketState | null {
  try {
    const text = fs.readFileSync(path.join(dataDir, MARKET_STATE_FILE), 'utf8');
    const parsed = MarketState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the state (temp file and rename, 0600). */
export function saveMarketState(dataDir: string, state: MarketState): void {
  const file = path.join(dataDir, MARKET_STATE_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** Reference prices to open with: the saved ones for known symbols, else the configured ones. */
export function resumedPrices(
  configured: Readonly<Record<string, number>>,
  saved: MarketState | null,
): Record<string, number> {
  const prices = { ...configured };
  for (const [symbol, price] of Object.entries(saved?.prices ?? {})) {
    if (Object.hasOwn(configured, symbol)) prices[symbol] = price;
  }
  return prices;
}
