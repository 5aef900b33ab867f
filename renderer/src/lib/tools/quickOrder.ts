/**
 * The function other panels call to trade in one click (the chart's context
 * menu, the watchlist): it goes through the tools' one door, so one-click mode,
 * confirmations and the safety-limit override behave the same everywhere.
 */
import type { PlaceOrderInput } from '../../../../shared/ipc';
import type { ToolsUi } from './tools.svelte';

let current: ToolsUi | null = null;

/** Makes `tools` the door quick orders go through (App does this once). */
export function setQuickTrader(tools: ToolsUi | null): void {
  current = tools;
}

/** Sends a quick order; false when the tools are not running yet. */
export async function quickOrder(input: PlaceOrderInput): Promise<boolean> {
  if (!current) return false;
  await current.quickOrder(input);
  return true;
}
