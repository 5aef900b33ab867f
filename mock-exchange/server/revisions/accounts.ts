/**
 * Accounts of a revision. The current revision's `login` is a LONG, so a
 * current-revision exchange needs logins that are decimal integers; its
 * default account is login 100001 with token `demo`. Inside, a login stays
 * the string the engine keys orders by ("100001"); the codec converts at the edge.
 */
import { ErrorCode, fail, type Result } from '../../../shared/protocol';
import type { Revision } from '../../../shared/protocol/revisions';
import {
  DEFAULT_ACCOUNTS,
  allLogins,
  buildAccountIndex,
  type AccountConfig,
  type AccountIndex,
} from '../accounts';

/** The default account of a current-revision exchange. */
export const DEFAULT_CURRENT_ACCOUNTS: readonly AccountConfig[] = [
  { login: '100001', token: 'demo' },
];

/** The default accounts of a revision. */
export function defaultAccountsOf(revision: Revision): readonly AccountConfig[] {
  return revision === 'current' ? DEFAULT_CURRENT_ACCOUNTS : DEFAULT_ACCOUNTS;
}

/** A login the current revision can carry: a positive decimal integer within a safe LONG. */
export function isNumericLogin(login: string): boolean {
  return /^[1-9][0-9]{0,15}$/.test(login) && Number.isSafeInteger(Number(login));
}

/** The account index of a revision: its default accounts, and numeric logins for `current`. */
export function revisionAccounts(
  revision: Revision,
  accounts: readonly AccountConfig[] | undefined,
): Result<AccountIndex> {
  const index = buildAccountIndex(accounts ?? defaultAccountsOf(revision));
  if (!index.ok || revision !== 'current') return index;
  const bad = allLogins(index.value).find((login) => !isNumericLogin(login));
  return bad === undefined
    ? index
    : fail(
        ErrorCode.INVALID_FIELD,
        `Login "${bad}" must be a positive integer: the current revision's login is a number.`,
      );
}
