/**
 * The child of the crash-safety and disk-full tests: runs the core on a data
 * directory, connected to an exchange the parent runs, and prints what the
 * user saw: `FILL <fillId>` for every fill of every event batch (a batch is
 * emitted only after its writes committed), `STORAGE <state> <message>` and
 * `NOTE <kind> <message>`.
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
  for (const status of batch.storage ?? [])
    process.stdout.write(`STORAGE ${status.state} ${status.message ?? ''}\n`);
  for (const note of batch.notification ?? [])
    process.stdout.write(`NOTE ${note.kind} ${note.message}\n`);
  for (const list of batch.fills ?? [])
    for (const fill of list) process.stdout.write(`FILL ${fill.fillId}\n`);
});
const connected = await core.invoke('connect', { profileId: 'paper' });
process.stdout.write(connected.ok ? 'READY\n' : `FAILED ${JSON.stringify(connected)}\n`);
// Runs until the parent kills it.
setInterval(() => {}, 60_000);
