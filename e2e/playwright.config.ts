import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const electron = findElectronBinary();
// Said once, by the runner (workers load this file too).
if (!electron.available && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[e2e] electron project skipped: ${electron.reason}`);
}

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  use: {
    viewport: { width: 1280, height: 800 },
    // Actions, DOM snapshots and network of a failed test; no screencast (it costs ~30% here).
    trace: { mode: 'retain-on-failure', snapshots: true, screenshots: false, sources: true },
    screenshot: 'only-on-failure',
    // Debian's Chromium unless overridden; the flags are shared with the app bench.
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'browser', use: { browserName: 'chromium' } },
    ...(electron.available ? [{ name: 'electron', metadata: { electron: electron.path } }] : []),
  ],
});
