/**
 * Standalone dev page: installs the fake api (a tiny simulated exchange) on
 * `window`, then starts the app as the hosts would. Query options:
 * `?rows=100000` seeds history, `?drop=1` shows the reconnecting banner,
 * `?theme=light`, `?confirm=1`.
 */
import { createFakeApi, generateHistory } from './lib/fake-api';

const params = new URLSearchParams(location.search);
const rows = Number(params.get('rows') ?? '0');
const history = rows > 0 ? generateHistory(rows, Date.now() - 60_000) : { orders: [], fills: [] };
const api = createFakeApi({
  tickMs: Number(params.get('tick') ?? '500') || null,
  latencyMs: Number(params.get('latency') ?? '120'),
  orders: history.orders,
  fills: history.fills,
  settings: {
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    confirmOrders: params.get('confirm') === '1',
  },
});
window.api = api;
if (params.get('drop') === '1')
  setTimeout(() => api.simulateDrop('heartbeat timeout (no pong for 10 s)', 8000, false), 300);

await import('./main');
