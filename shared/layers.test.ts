/**
 * The layering of docs/architecture.md is enforced by ESLint: these cases
 * feed forbidden imports through the project's own lint config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages ESLint reports for `code` placed at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it('refuses Electron in the core', async () => {
    const errors = await layerErrors(
      'electron/core/deliberate.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(errors.join()).toMatch(/core knows no Electron/);
  });

  it('refuses the core in the renderer', async () => {
    const errors = await layerErrors(
      'renderer/src/lib/deliberate.ts',
      "import { createCore } from '../../../electron/core';\nexport const x = createCore;\n",
    );
    expect(errors.join()).toMatch(/only through the api/);
  });

  it('refuses anything of ours in shared/', async () => {
    const errors = await layerErrors(
      'shared/domain/deliberate.ts',
      "import { MatchingEngine } from '../../mock-exchange/engine';\nexport const x = MatchingEngine;\n",
    );
    expect(errors.join()).toMatch(/depends on nothing of ours/);
  });

  it('refuses the browser host in the desktop host', async () => {
    const errors = await layerErrors(
      'electron/hosts/desktop/main/deliberate.ts',
      "import { startBrowserHost } from '../../browser/host';\nexport const x = startBrowserHost;\n",
    );
    expect(errors.join()).toMatch(/must not import the browser host/);
  });

  it('lets the desktop host import Electron and the core', async () => {
    const errors = await layerErrors(
      'electron/hosts/desktop/main/deliberate.ts',
      "import { app } from 'electron';\nimport { createCore } from '../../../core';\nexport const x = [app, createCore];\n",
    );
    expect(errors).toEqual([]);
  });
});
