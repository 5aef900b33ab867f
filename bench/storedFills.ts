/**
 * A core started on a history of seeded fills (the history and review
 * benches): the fills written to SQLite in chunks, then the core opened on
 * the data directory with no exchange, as the app opens it after a restart.
 */
import type { Core } from '../electron/core/api';
import { createCore } from '../electron/core/createCore';
import { PAPER_PROFILE_ID } from '../electron/core/profiles';
import { HistoryDb } from '../electron/db';
import { seededFills, writeHistory } from '../electron/db/testing/historyRows';
import { memorySecrets } from '../electron/testing/coreTestkit';

/** When the first seeded fill happened. */
export const T0 = Date.UTC(2024, 4, 1, 9, 30);

/** Writes `count` seeded fills into `dataDir` and starts a core on them. */
export async function coreOnStoredFills(
  dataDir: string,
  count: number,
  log: (line: string) => void,
  name: string,
): Promise<Core> {
  log(`${name}: writing ${count.toLocaleString('en-US')} fills`);
  const db = new HistoryDb(dataDir);
  const chunk = 50_000;
  for (let first = 0; first < count; first += chunk)
    writeHistory(db, PAPER_PROFILE_ID, { fills: seededFills(chunk, T0, 7, first) });
  db.close();
  log(`${name}: starting the core on it`);
  return createCore({
    dataDir,
    secrets: memorySecrets(),
    startPaperExchange: () => Promise.reject(new Error('no exchange in this bench')),
    autoConnectProfileId: null,
  });
}
