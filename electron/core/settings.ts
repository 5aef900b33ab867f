/** User settings, persisted in the history database. */
import { DEFAULT_SETTINGS, Settings } from '../../shared/ipc';
import type { HistoryDb } from '../db';

const KEY = 'settings';

/** Reads the settings (defaults for anything missing or invalid). */
export function loadSettings(db: HistoryDb): Settings {
  const parsed = Settings.partial().safeParse(db.getValue(KEY));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Merges a partial update into the settings and stores them. */
export function saveSettings(db: HistoryDb, update: Partial<Settings>): Settings {
  const next: Settings = { ...loadSettings(db), ...stripUndefined(update) };
  db.setValue(KEY, next);
  return next;
}

function stripUndefined(update: Partial<Settings>): Partial<Settings> {
  return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
}
