/**
 * The standalone exchange's default account: the documented `demo` token
 * would let any local process (or web page) trade on it, so a process
 * started without an account gets a fresh random token instead.
 */
import { randomBytes } from 'node:crypto';
import type { Revision } from '../../shared/protocol/revisions';
import type { AccountConfig } from './accounts';
import { defaultAccountsOf } from './revisions/accounts';

/** A fresh token: 24 random bytes, URL-safe (fits a header and a `?token=`). */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The revision's default logins, holding `token` instead of the documented one. */
export function defaultAccountsWithToken(revision: Revision, token: string): AccountConfig[] {
  return defaultAccountsOf(revision).map((account) => ({ ...account, token }));
}
