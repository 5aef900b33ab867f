import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/** [major, minor, patch] of an installed package. */
function installedVersion(name: string): [number, number, number] {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
    version: string;
  };
  const [major = 0, minor = 0, patch = 0] = pkg.version
    .split('.')
    .map((n) => Number.parseInt(n, 10));
  return [major, minor, patch];
}

describe('dependencies', () => {
  it('ws has the fix for the header-flood denial of service (>= 8.17.1)', () => {
    const [major, minor, patch] = installedVersion('ws');
    expect(major).toBe(8);
    expect(minor * 1000 + patch).toBeGreaterThanOrEqual(17 * 1000 + 1);
  });
});
