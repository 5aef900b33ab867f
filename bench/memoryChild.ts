/**
 * Child process of the memory bench: starts the exchange (manual clock,
 * market paused), rests `orders` limit orders of the demo login across the
 * default symbols straight into its engine (as the server would, draining
 * executions as it goes), collects garbage and reports the process RSS.
 */
import { startExchange } from '../mock-exchange';
import { DEFAULT_INSTRUMENTS, DEFAULT_REFERENCE_PRICES } from '../shared/domain';

interface Input {
  orders: number;
}

process.once('message', (input: Input) => {
  void measure(input.orders).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});

async function measure(
  orders: number,
): Promise<{ rssMb: number; heapMb: number; baseRssMb: number }> {
  const exchange = await startExchange({ clock: 'manual', rateLimit: false });
  exchange.controls.pauseMarket();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseRss = process.memoryUsage().rss;
  const engine = exchange.engine;
  const start = exchange.controls.now();
  const symbols = DEFAULT_INSTRUMENTS.length;
  for (let i = 0; i < orders; i++) {
    const inst = DEFAULT_INSTRUMENTS[i % symbols] as (typeof DEFAULT_INSTRUMENTS)[number];
    const ref = Math.round((DEFAULT_REFERENCE_PRICES[inst.symbol] as number) / inst.tickSize);
    const isBuy = Math.floor(i / symbols) % 2 === 0;
    // 20..1019 ticks away from the reference, clear of the maker's quotes.
    const off = 20 + (Math.floor(i / (2 * symbols)) % 1000);
    const ticks = isBuy ? ref - off : ref + off;
    const result = engine.placeOrder(
      'demo',
      {
        symbol: inst.symbol,
        side: isBuy ? 'BUY' : 'SELL',
        type: 'LIMIT',
        price: Number((ticks * inst.tickSize).toFixed(inst.pricePrecision)),
        quantity: inst.minQty,
      },
      start,
    );
    if (!result.ok || result.value.status !== 'NEW') {
      throw new Error(`order ${i} did not rest: ${JSON.stringify(result)}`);
    }
    if (i % 1000 === 999) engine.drainExecutions();
  }
  engine.drainExecutions();
  engine.drainTrades();
  gc?.();
  const m = process.memoryUsage();
  const resting = engine.workingOrders(['demo']).length;
  if (resting !== orders) throw new Error(`expected ${orders} resting orders, found ${resting}`);
  return { rssMb: m.rss / 1e6, heapMb: m.heapUsed / 1e6, baseRssMb: baseRss / 1e6 };
}
