/** The one way tests start an exchange: loopback, free port, manual clock, market paused. */
import { startExchange, type ExchangeHandle, type ExchangeOptions } from '../index';

/** Options of a test exchange; `live: true` leaves the simulated market running. */
export type TestExchangeOptions = ExchangeOptions & { live?: boolean };

/** Starts an exchange for one test: 127.0.0.1, port 0, manual clock, market paused unless `live`. */
export async function startTestExchange(
  options: TestExchangeOptions = {},
): Promise<ExchangeHandle> {
  const { live, ...rest } = options;
  const ex = await startExchange({ clock: 'manual', host: '127.0.0.1', port: 0, ...rest });
  if (!live) ex.controls.pauseMarket();
  return ex;
}
