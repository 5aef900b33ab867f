import * as fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { PersistedOrder } from '../engine/api';
import { buildAccountIndex } from './accounts';
import { tokenFromRequest } from './auth';
import { parseCliArgs } from './cliArgs';
import { parseFrame, requestKey } from './frame';
import { JOURNAL_FILE, OrderJournal } from './journal';
import { Outbox } from './outbox';
import { TokenBucket } from './rateLimiter';
import { Session } from './session';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('token bucket', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
  });
});

describe('outbox', () => {
  it('a delayed message holds back everything queued after it', async () => {
    const sent: string[] = [];
    const outbox = new Outbox((text) => sent.push(text));
    outbox.push('before');
    let released = false;
    const done = new Promise<void>((resolve) =>
      outbox.push('reply', 20, () => {
        released = true;
        resolve();
      }),
    );
    outbox.push('execution');
    expect(sent).toEqual(['before']);
    await done;
    expect(released).toBe(true);
    expect(sent).toEqual(['before', 'reply', 'execution']);
    outbox.dispose();
  });
});

describe('frame parsing', () => {
  it('checks size, JSON, object and requestId in that order', () => {
    expect(parseFrame('{}', 10_000, 100)).toMatchObject({
      ok: false,
      rejection: { error: { code: 1003 } },
    });
    expect(parseFrame('{', 1, 100)).toMatchObject({
      ok: false,
      rejection: { requestId: null, error: { code: 1000 } },
    });
    expect(parseFrame('{"event":"x"}', 13, 100)).toMatchObject({
      ok: false,
      rejection: { requestId: null, error: { code: 1002 } },
    });
    expect(parseFrame('{"requestId":"a","event":3}', 27, 100)).toMatchObject({
      ok: false,
      rejection: { requestId: 'a', error: { code: 1002 } },
    });
    expect(parseFrame('{"requestId":1,"event":"orders"}', 31, 100)).toMatchObject({
      ok: true,
      envelope: { requestId: 1, event: 'orders' },
    });
  });

  it('a numeric requestId and its string spelling are different ids', () => {
    expect(requestKey(1)).not.toBe(requestKey('1'));
  });
});

describe('auth and accounts', () => {
  const req = (url: string, authorization?: string) =>
    ({ url, headers: authorization ? { authorization } : {} }) as IncomingMessage;

  it('reads the bearer header, else the token query', () => {
    expect(tokenFromRequest(req('/', 'Bearer abc'))).toBe('abc');
    expect(tokenFromRequest(req('/?token=q'))).toBe('q');
    expect(tokenFromRequest(req('/', 'Basic abc'))).toBeNull();
    expect(tokenFromRequest(req('/'))).toBeNull();
  });

  it('merges logins per token and refuses the simulator logins', () => {
    const index = buildAccountIndex([
      { login: 'a', token: 't' },
      { login: ['b', 'a'], token: 't' },
    ]);
    expect(index.ok && index.value.get('t')).toEqual(['a', 'b']);
    expect(buildAccountIndex([{ login: 'mm', token: 't' }]).ok).toBe(false);
    expect(buildAccountIndex([{ login: 'a', token: '' }]).ok).toBe(false);
  });
});

describe('cli arguments', () => {
  it('parses every option', () => {
    const parsed = parseCliArgs([
      '--port',
      '9000',
      '--host',
      '0.0.0.0',
      '--seed',
      '5',
      '--account',
      'a,b:tok',
      '--account',
      'c:t2',
      '--data',
      '/tmp/x',
      '--tick-ms',
      '100',
      '--heartbeat-ms',
      '1000',
      '--cancel-on-disconnect',
    ]);
    expect(parsed).toEqual({
      ok: true,
      command: {
        kind: 'run',
        verbose: false,
        options: {
          port: 9000,
          host: '0.0.0.0',
          seed: 5,
          accounts: [
            { login: ['a', 'b'], token: 'tok' },
            { login: ['c'], token: 't2' },
          ],
          dataDir: '/tmp/x',
          tickMs: 100,
          heartbeatMs: 1000,
          cancelOnDisconnect: true,
        },
      },
    });
  });

  it('reports bad options as values', () => {
    expect(parseCliArgs(['--port', '70000']).ok).toBe(false);
    expect(parseCliArgs(['--account', 'nocolon']).ok).toBe(false);
    expect(parseCliArgs(['--bogus']).ok).toBe(false);
    expect(parseCliArgs(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
  });
});

describe('order journal', () => {
  const order = (orderId: number, extra: Partial<PersistedOrder> = {}): PersistedOrder => ({
    symbol: 'EURUSD',
    type: 'LIMIT',
    orderId,
    clientOrderId: `c${orderId}`,
    transactTime: 1,
    price: 1.07,
    origQty: 2000,
    executedQty: 0,
    status: 'NEW',
    timeInForce: 'GTC',
    side: 'BUY',
    login: 'demo',
    fills: [],
    ...extra,
  });

  it('restores the last state of each order in time-priority order, skipping a torn line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
    dirs.push(dir);
    const journal = OrderJournal.open(dir);
    journal.record([order(1), order(2)], 3);
    journal.record([order(1, { origQty: 1000 })], 3); // a decrease keeps priority
    journal.record([order(2, { price: 1.071 })], 4); // a re-price loses it
    journal.record([order(3)], 5);
    journal.close();
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), '{"rank":7,"order":{"ord');
    const restored = OrderJournal.open(dir).restored();
    expect(restored.orders.map((o) => [o.orderId, o.origQty, o.price])).toEqual([
      [1, 1000, 1.07],
      [2, 2000, 1.071],
      [3, 2000, 1.07],
    ]);
    expect(restored.nextOrderId).toBe(5);
  });

  it('compaction rewrites one line per order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
    dirs.push(dir);
    const journal = OrderJournal.open(dir);
    journal.record([order(1), order(1, { status: 'CANCELED' })], 2);
    journal.compact([order(1, { status: 'CANCELED' })], 2);
    journal.close();
    const lines = fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
  });
});

describe('session backpressure', () => {
  it('closes a session with 1013 instead of buffering for ever', () => {
    const calls: string[] = [];
    const fakeSocket = {
      readyState: 1,
      bufferedAmount: 10_000,
      send: () => calls.push('send'),
      close: (code: number) => calls.push(`close ${code}`),
      terminate: () => calls.push('terminate'),
    };
    const session = new Session(
      1,
      ['demo'],
      fakeSocket as unknown as WebSocket,
      new TokenBucket({ perSecond: 1, burst: 1 }, 0),
      {
        maxBufferedBytes: 1000,
      },
    );
    session.push({ event: 'quote' });
    session.push({ event: 'quote' });
    expect(calls).toEqual(['close 1013']);
    expect(session.isClosed).toBe(true);
  });
});
