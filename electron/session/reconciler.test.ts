import { describe, expect, it } from 'vitest';
import type { CanonicalOrderWithFills as OrderWithFills } from '../../shared/protocol';
import { Reconciler, type OrderLookup, type ReconcilerPort } from './reconciler';
import type { SessionResult } from './types';

function found(clientOrderId: string): OrderWithFills {
  return {
    symbol: 'EURUSD',
    type: 'LIMIT',
    orderId: 7,
    clientOrderId,
    transactTime: 1,
    price: 1.1,
    origQty: 1,
    executedQty: 0,
    status: 'NEW',
    timeInForce: 'GTC',
    side: 'BUY',
    fills: [],
  };
}

/** A port whose lookups stay open until the test answers them. */
function scriptedPort(canLookUp = true) {
  const asked: OrderLookup[] = [];
  const answers: Array<(r: SessionResult<OrderWithFills>) => void> = [];
  const notices: string[] = [];
  const port: ReconcilerPort = {
    orderStatus: (ref) => {
      asked.push(ref);
      return new Promise((resolve) => answers.push(resolve));
    },
    canLookUpByClientOrderId: () => canLookUp,
    isUnknownOrder: (e) => e.kind === 'exchange' && e.code === 2000,
    notice: (m) => notices.push(m),
  };
  return { port, asked, answers, notices };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('reconciler', () => {
  it('runs at most `limit` lookups at once and the rest as earlier ones finish', async () => {
    const { port, asked, answers } = scriptedPort();
    const reconciler = new Reconciler(port, 2);
    const done = [1, 2, 3, 4].map((orderId) => reconciler.lookUp({ orderId }, 100));
    expect(asked).toHaveLength(2);
    answers[0]?.({ ok: true, value: found('a') });
    await flush();
    expect(asked).toHaveLength(3);
    answers[1]?.({ ok: true, value: found('b') });
    answers[2]?.({ ok: true, value: found('c') });
    await flush();
    answers[3]?.({ ok: true, value: found('d') });
    await Promise.all(done);
    expect(asked.map((r) => ('orderId' in r ? r.orderId : r.clientOrderId))).toEqual([1, 2, 3, 4]);
  });

  it('asks once for an order already being looked up', async () => {
    const { port, asked, answers } = scriptedPort();
    const reconciler = new Reconciler(port);
    const first = reconciler.lookUp({ orderId: 9 }, 100);
    const second = reconciler.lookUp({ orderId: 9 }, 100);
    expect(asked).toHaveLength(1);
    answers[0]?.({ ok: true, value: found('x') });
    expect(await first).toEqual(await second);
  });

  it('settles a lost placement found at the exchange, and says so', async () => {
    const { port, answers, notices } = scriptedPort();
    const reconciler = new Reconciler(port);
    reconciler.expect('c-1');
    const settled = reconciler.settleLostReply('c-1', 100);
    answers[0]?.({ ok: true, value: found('c-1') });
    await settled;
    expect(reconciler.unconfirmedClientOrderIds).toEqual([]);
    expect(notices).toEqual(['Order c-1 found at the exchange: NEW']);
  });

  it('keeps a lost placement unconfirmed when the lookup times out', async () => {
    const { port, answers } = scriptedPort();
    const reconciler = new Reconciler(port);
    reconciler.expect('c-2');
    const settled = reconciler.settleLostReply('c-2', 100);
    answers[0]?.({ ok: false, error: { kind: 'timeout', message: 'no reply' } });
    await settled;
    expect(reconciler.unconfirmedClientOrderIds).toEqual(['c-2']);
  });

  it('never asks by clientOrderId a server that cannot look orders up that way', async () => {
    const { port, asked } = scriptedPort(false);
    const reconciler = new Reconciler(port);
    reconciler.expect('c-3');
    await reconciler.settleLostReply('c-3', 100);
    expect(asked).toEqual([]);
    expect(reconciler.unconfirmedClientOrderIds).toEqual(['c-3']);
  });
});
