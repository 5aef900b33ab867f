/**
 * Child process of the exchange bench: the load client, kept out of the
 * servers' process. It runs jobs sent by the parent, one at a time, each on
 * a fresh connection, and answers each with its measurements.
 *
 * - `rtt`: one request at a time; the time from send to its reply. Against
 *   the exchange the next order also waits for the order's execution.
 * - `flood`: `inFlight` requests outstanding on one connection; the time
 *   until every reply (and, against the exchange, every execution) arrived.
 */
import { WebSocket } from 'ws';

/** A job of the load client. */
export interface LoadJob {
  url: string;
  token: string;
  mode: 'rtt' | 'flood';
  /** Whether the server answers with a reply and an execution (the exchange) or an echo. */
  target: 'exchange' | 'echo';
  requests: number;
  inFlight: number;
}

/** What a job measured. */
export interface LoadResult {
  /** Per-request round trips in microseconds (rtt mode). */
  rttUs: number[];
  /** Completed requests per second (flood mode). */
  perSecond: number;
  errors: number;
}

/** The request frame for request `n`: a BUY limit far below the market, so it rests. */
function frame(n: number): string {
  return JSON.stringify({
    event: 'newordersingle',
    requestId: n,
    payload: { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', price: 1.0, quantity: 1000 },
  });
}

function connect(job: LoadJob): Promise<WebSocket> {
  const ws = new WebSocket(job.url, { headers: { Authorization: `Bearer ${job.token}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const ws = await connect(job);
  // Frames are built before the clock starts, as the echo and the exchange get the same ones.
  const frames = Array.from({ length: job.requests }, (_, i) => frame(i + 1));
  const withExecution = job.target === 'exchange';
  const rttUs: number[] = [];
  let errors = 0;
  let sent = 0;
  let replies = 0;
  let executions = 0;
  let sentAt = 0;
  const t0 = performance.now();
  const done = new Promise<number>((resolve) => {
    const finished = (): boolean =>
      replies === job.requests && (!withExecution || executions === job.requests);
    const sendNext = (): void => {
      if (sent >= job.requests) return;
      sentAt = performance.now();
      ws.send(frames[sent++] as string);
    };
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { event: string; requestId?: unknown };
      if (msg.event === 'execution') executions++;
      else {
        if (msg.event !== 'newordersingle') errors++;
        replies++;
        if (job.mode === 'rtt') rttUs.push((performance.now() - sentAt) * 1000);
        else sendNext();
      }
      if (job.mode === 'rtt' && replies === sent && (!withExecution || executions === sent))
        sendNext();
      if (finished()) resolve(performance.now());
    });
    if (job.mode === 'rtt') sendNext();
    else for (let i = 0; i < job.inFlight; i++) sendNext();
  });
  const t1 = await done;
  ws.close();
  return { rttUs, perSecond: (job.requests / (t1 - t0)) * 1000, errors };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => {
      process.stderr.write(`load client: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
