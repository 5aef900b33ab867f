import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { ChartCandlesReply, ChartErrorReply, ChartSymbolsReply } from '../../shared/protocol';
import { CandleStore } from './candleStore';
import { handleChartRequest, type ChartContext, type QuoteView } from './routes';

const NOW = Date.parse('2026-01-05T09:30:00Z');

function context(quotes: Record<string, QuoteView> = {}): ChartContext {
  const store = new CandleStore(DEFAULT_INSTRUMENTS.slice(0, 2));
  store.addTrades([
    {
      symbol: 'EURUSD',
      price: 1.085,
      qty: 2000,
      tradeId: 1,
      time: NOW - 120_000,
      buyOrderId: 1,
      sellOrderId: 2,
    },
    {
      symbol: 'EURUSD',
      price: 1.0852,
      qty: 1000,
      tradeId: 2,
      time: NOW - 60_000,
      buyOrderId: 3,
      sellOrderId: 4,
    },
  ]);
  let id = 0;
  return {
    store,
    now: () => NOW,
    quote: (symbol) => quotes[symbol] ?? { bid: null, ask: null, last: null },
    errorId: () => `e${++id}`,
  };
}

describe('chart routes', () => {
  it('treats empty query parameters as absent (the public example sends count=)', () => {
    const answer = handleChartRequest(
      context(),
      'GET',
      '/candles?symbol=EURUSD&interval=1m&count=&from=',
    );
    expect(answer.status).toBe(200);
    expect(ChartCandlesReply.parse(answer.body).result.map((c) => c.time)).toEqual([
      '2026-01-05T09:28:00Z',
      '2026-01-05T09:29:00Z',
    ]);
  });

  it('shows the last price for an empty side and today from the candles', () => {
    const answer = handleChartRequest(
      context({ EURUSD: { bid: 1.0851, ask: null, last: 1.0852 } }),
      'GET',
      '/symbols',
    );
    const [eurusd, gbpusd] = ChartSymbolsReply.parse(answer.body).result;
    expect(eurusd).toEqual({
      name: 'EURUSD',
      bid: 1.0851,
      ask: 1.0852,
      volume: 3000,
      high: 1.0852,
      low: 1.085,
    });
    // No price at all: zeros rather than a missing field (the public shape has numbers).
    expect(gbpusd).toEqual({ name: 'GBPUSD', bid: 0, ask: 0, volume: 0, high: 0, low: 0 });
  });

  it('answers pivots without a previous period as INSUFFICIENT_CHART_DATA', () => {
    const answer = handleChartRequest(
      context(),
      'GET',
      '/analysis/pivotlevels?market=EURUSD&interval=1D&type=classic',
    );
    expect(answer.status).toBe(400);
    expect(ChartErrorReply.parse(answer.body)).toMatchObject({
      errorCode: 'INSUFFICIENT_CHART_DATA',
      message: 'not enough chart data',
    });
  });

  it('names the missing or bad field in the message', () => {
    const missing = ChartErrorReply.parse(
      handleChartRequest(context(), 'GET', '/candles?interval=1m').body,
    );
    expect(missing.message).toBe('symbol is required');
    const interval = ChartErrorReply.parse(
      handleChartRequest(context(), 'GET', '/candles?symbol=EURUSD&interval=1d').body,
    );
    expect(interval.message).toBe('Interval (1d) not found');
  });
});
