/** Accounts of the exchange: each token maps to one or more logins. */
import { ErrorCode, fail, ok, type Result } from '../../shared/protocol';
import { isInternalLogin } from '../market/constants';

/** One account entry: a token and the login(s) it may trade. */
export interface AccountConfig {
  /** Secret the client presents (`Authorization: Bearer <token>` or `?token=`). */
  token: string;
  /** One login or several; entries sharing a token are merged. */
  login: string | readonly string[];
}

/** The default paper account. */
export const DEFAULT_ACCOUNTS: readonly AccountConfig[] = [{ login: 'demo', token: 'demo' }];

/** token -> logins the token holds. */
export type AccountIndex = ReadonlyMap<string, readonly string[]>;

const LOGIN_PATTERN = /^[\x21-\x7e]{1,64}$/;

/** Builds the token index, rejecting empty tokens, bad logins and the simulator's own logins. */
export function buildAccountIndex(accounts: readonly AccountConfig[]): Result<AccountIndex> {
  const index = new Map<string, string[]>();
  for (const account of accounts) {
    if (typeof account.token !== 'string' || account.token.length === 0) {
      return fail(ErrorCode.INVALID_FIELD, 'Every account needs a non-empty token.');
    }
    const logins = typeof account.login === 'string' ? [account.login] : [...account.login];
    if (logins.length === 0) {
      return fail(ErrorCode.INVALID_FIELD, 'Every account needs at least one login.');
    }
    for (const login of logins) {
      if (!LOGIN_PATTERN.test(login)) {
        return fail(ErrorCode.INVALID_FIELD, `Login "${login}" must be 1-64 printable characters.`);
      }
      if (isInternalLogin(login)) {
        return fail(
          ErrorCode.INVALID_FIELD,
          `Login "${login}" is reserved for the market simulator.`,
        );
      }
    }
    const held = index.get(account.token) ?? [];
    for (const login of logins) if (!held.includes(login)) held.push(login);
    index.set(account.token, held);
  }
  return ok(index);
}

/** Every login of the index, once each, in order of first appearance. */
export function allLogins(index: AccountIndex): string[] {
  const seen = new Set<string>();
  for (const logins of index.values()) for (const login of logins) seen.add(login);
  return [...seen];
}
