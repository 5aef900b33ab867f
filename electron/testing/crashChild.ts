/**
 * The child of the crash-safety test: runs the core on a data directory,
 * connected to an exchange the parent runs, and prints `FILL <fillId>` for
 * every fill of every event batch. A batch is emitted only after its writes
 * committed, so every printed fill is one the core had stored and shown.
 *
 * Usage: node --import tsx crashChild.ts <dataDir> <exchangeUrl> <token>
 */
import { createCore } from '../core';
import { memorySecrets } from './coreTestkit';

const [dataDir, url, token] = process.argv.slice(2);
if (!dataDir || !url || !token) {
  console.error('usage: crashChild <dataDir> <exchangeUrl> <token>');
  process.exit(2);
}

const core = await createCore({
  dataDir,
  secrets: memorySecrets(),
  startPaperExchange: async () => ({ url, token, login: 'demo', stop: async () => {} }),
  autoConnectProfileId: null,
  batchIntervalMs: 5,
  session: { requestTimeoutMs: 2000, heartbeatIntervalMs: 200, heartbeatTimeoutMs: 3000 },
});
core.onEvents((batch) => {
  // Pipes are written synchronously on Linux: a printed line is out before a kill.
  for (const list of batch.fills ?? [])
    for (const fill of list) process.stdout.write(`FILL ${fill.fillId}\n`);
});
const connected = await core.invoke('connect', { profileId: 'paper' });
process.stdout.write(connected.ok ? 'READY\n' : `FAILED ${JSON.stringify(connected)}\n`);
// Runs until the parent kills it.
setInterval(() => {}, 60_000);
