import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out', 'main'),
      rolldownOptions: {
        input: {
          index: path.join(root, 'electron', 'hosts', 'desktop', 'main', 'index.ts'),
          // The bundled exchange, forked by the app as a utility process.
          exchange: path.join(root, 'mock-exchange', 'cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out', 'preload'),
      // A sandboxed preload cannot require packages: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron', 'hosts', 'desktop', 'preload', 'index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    plugins: [svelte({ configFile: path.join(root, 'svelte.config.js') })],
    build: {
      outDir: path.join(root, 'out', 'renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: path.join(root, 'renderer', 'index.html') } },
    },
  },
});
