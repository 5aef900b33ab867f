/** A profile's account settings, kept in the history database's settings table. */
import { AccountSettings, type AccountSettingsUpdate } from '../../shared/ipc';
import type { HistoryDb } from '../db';

/** The stored settings, defaults for anything missing or invalid. */
export function loadAccountSettings(db: HistoryDb, profileId: string): AccountSettings {
  const parsed = AccountSettings.safeParse(db.getProfileValue('account', profileId) ?? {});
  return parsed.success ? parsed.data : AccountSettings.parse({});
}

/** Merges an update into the stored settings. */
export function updateAccountSettings(
  db: HistoryDb,
  profileId: string,
  update: AccountSettingsUpdate,
): AccountSettings {
  const next = AccountSettings.parse({
    ...loadAccountSettings(db, profileId),
    ...Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)),
  });
  db.setProfileValue('account', profileId, next);
  return next;
}

/** The settings of a new paper account starting at `now` (history is kept; figures count from now). */
export function nextPaperAccount(
  current: AccountSettings,
  now: number,
  startingBalance?: number,
): AccountSettings {
  return {
    ...current,
    startingBalance: startingBalance ?? current.startingBalance,
    epochId: current.epochId + 1,
    epochStart: now,
  };
}

/** Starts a new paper account and stores it. */
export function resetPaperAccount(
  db: HistoryDb,
  profileId: string,
  now: number,
  startingBalance?: number,
): AccountSettings {
  const next = nextPaperAccount(loadAccountSettings(db, profileId), now, startingBalance);
  db.setProfileValue('account', profileId, next);
  return next;
}
