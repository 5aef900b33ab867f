/**
 * The tools' persistence: one JSON row per bracket plan, trailing stop and
 * price alert of a profile (table `tool_state`), and the tool settings in the
 * settings table. Writes are synchronous so a plan is stored before main acts
 * on it: a crash between the two leaves a plan that a lookup finishes.
 */
import type { z } from 'zod';
import type { HistoryDb } from '../db';
import {
  BracketPlan,
  DEFAULT_TOOL_SETTINGS,
  PriceAlert,
  ToolSettings,
  TrailingStop,
} from '../../shared/ipc/tools';

/** The kinds of tool state rows. */
type ToolKind = 'bracket' | 'trail' | 'alert';

const SCHEMAS = { bracket: BracketPlan, trail: TrailingStop, alert: PriceAlert } as const;
type StateOf<K extends ToolKind> = z.infer<(typeof SCHEMAS)[K]>;

/** The settings key of the tool settings. */
const SETTINGS_KEY = 'tools:settings';

/** Reads and writes the tools' state of every profile. */
export class ToolStore {
  constructor(private readonly db: HistoryDb) {}

  /** Every stored row of a kind for a profile (rows that no longer parse are skipped and logged). */
  load<K extends ToolKind>(profileId: string, kind: K, log: (line: string) => void): StateOf<K>[] {
    const rows = this.db.connection
      .prepare(
        'SELECT id, state FROM tool_state WHERE profile_id = ? AND kind = ? ORDER BY updated_at',
      )
      .raw()
      .all(profileId, kind) as Array<[string, string]>;
    const out: StateOf<K>[] = [];
    for (const [id, text] of rows) {
      const parsed = SCHEMAS[kind].safeParse(JSON.parse(text));
      if (parsed.success) out.push(parsed.data as StateOf<K>);
      else log(`tools: stored ${kind} ${id} is unreadable, skipped`);
    }
    return out;
  }

  /** Stores (replaces) one row. */
  save<K extends ToolKind>(
    profileId: string,
    kind: K,
    id: string,
    state: StateOf<K>,
    now: number,
  ): void {
    this.db.connection
      .prepare(
        `INSERT INTO tool_state (profile_id, kind, id, state, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, kind, id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(profileId, kind, id, JSON.stringify(state), now);
  }

  /** Deletes one row. */
  remove(profileId: string, kind: ToolKind, id: string): void {
    this.db.connection
      .prepare('DELETE FROM tool_state WHERE profile_id = ? AND kind = ? AND id = ?')
      .run(profileId, kind, id);
  }

  /** The tool settings (defaults when none are stored or they no longer parse). */
  settings(): ToolSettings {
    const parsed = ToolSettings.safeParse(this.db.getValue(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_TOOL_SETTINGS;
  }

  /** Stores the tool settings. */
  saveSettings(settings: ToolSettings): void {
    this.db.setValue(SETTINGS_KEY, settings);
  }
}
