import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Node code (engine, exchange, session, store) runs in the node environment;
// renderer component tests run in jsdom with Svelte compiled for the browser.
export default defineConfig({
  plugins: [svelte({ configFile: './svelte.config.js' })],
  resolve: { conditions: ['browser'] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'mock-exchange/**/*.test.ts',
            'electron/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
        resolve: { conditions: ['node'] },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts'],
          // jsdom + Svelte mounting is slow on a loaded 2-core machine; no test measures time.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
