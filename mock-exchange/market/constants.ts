/** The market maker's internal login (never a user account). */
export const MARKET_MAKER_LOGIN = 'mm';
/** The noise-flow trader's internal login (never a user account). */
export const FLOW_LOGIN = 'flow';
/** Logins the exchange runs itself: not persisted, final orders not retained. */
export const INTERNAL_LOGINS: ReadonlySet<string> = new Set([MARKET_MAKER_LOGIN, FLOW_LOGIN]);

/** True for the simulator's own logins. */
export function isInternalLogin(login: string): boolean {
  return INTERNAL_LOGINS.has(login);
}
