/** Test helpers for the core: an in-process exchange, a memory SecretStore, waiting on conditions. */
import type { EventBatch, IpcResult } from '../../shared/ipc';
import { startExchange } from '../../mock-exchange';
import type { ExchangeHandle } from '../../mock-exchange';
import type { Core, CoreOptions, PaperExchange, SecretStore } from '../core/api';
import { createCore } from '../core/createCore';

/** A SecretStore in memory. */
export function memorySecrets(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}

export { tempDir, waitFor } from '../../mock-exchange/testing';

/** Unwraps an ok IpcResult or throws with its error. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A core wired to an in-process paper exchange with a manual clock. */
export interface CoreHarness {
  core: Core;
  /** The exchange (after the first connect). */
  exchange(): ExchangeHandle;
  /** Every event batch received. */
  batches: EventBatch[];
  dataDir: string;
  /** Closes the core (which stops the exchange). */
  close(): Promise<void>;
}

/** Starts a core whose paper exchange runs in-process (manual clock, market paused). */
export async function startCoreWithExchange(
  dataDir: string,
  overrides: Partial<CoreOptions> = {},
  exchangePort = 0,
): Promise<CoreHarness> {
  let handle: ExchangeHandle | null = null;
  const startPaperExchange = async (paperDir: string): Promise<PaperExchange> => {
    const ex = await startExchange({
      host: '127.0.0.1',
      port: exchangePort,
      clock: 'manual',
      seed: 7,
      accounts: [{ login: 'demo', token: 'demo-token' }],
      dataDir: paperDir,
    });
    ex.controls.pauseMarket();
    handle = ex;
    return {
      url: ex.url,
      chartUrl: ex.chartUrl,
      token: 'demo-token',
      login: 'demo',
      stop: () => ex.close(),
    };
  };
  const core = await createCore({
    dataDir,
    secrets: memorySecrets(),
    startPaperExchange,
    batchIntervalMs: 5,
    session: {
      requestTimeoutMs: 1000,
      heartbeatIntervalMs: 200,
      heartbeatTimeoutMs: 1000,
      backoffInitialMs: 50,
      backoffMaxMs: 300,
    },
    ...overrides,
  });
  const batches: EventBatch[] = [];
  core.onEvents((batch) => batches.push(batch));
  return {
    core,
    batches,
    dataDir,
    exchange: () => {
      if (!handle) throw new Error('exchange not started');
      return handle;
    },
    close: () => core.close(),
  };
}
