import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cliArgs';
import { resolveOptions } from '../options';
import { DEFAULT_CURRENT_ACCOUNTS, isNumericLogin } from './accounts';

describe('the revision option', () => {
  it('defaults to extended and accepts first and current', () => {
    const resolved = resolveOptions({});
    expect(resolved.ok && resolved.value.revision).toBe('extended');
    for (const revision of ['first', 'current'] as const) {
      const r = resolveOptions({ revision });
      expect(r.ok && r.value.revision).toBe(revision);
    }
    expect(resolveOptions({ revision: 'latest' as never }).ok).toBe(false);
  });

  it('gives a current-revision exchange a numeric default login and refuses text logins', () => {
    const current = resolveOptions({ revision: 'current' });
    expect(current.ok && [...current.value.accounts.entries()]).toEqual([['demo', ['100001']]]);
    expect(DEFAULT_CURRENT_ACCOUNTS).toEqual([{ login: '100001', token: 'demo' }]);
    expect(
      resolveOptions({ revision: 'current', accounts: [{ login: 'x1', token: 't' }] }).ok,
    ).toBe(false);
    expect(resolveOptions({ revision: 'first', accounts: [{ login: 'x1', token: 't' }] }).ok).toBe(
      true,
    );
    expect(['1', '123456', '9007199254740991'].every(isNumericLogin)).toBe(true);
    expect(['0', '012', '1.5', '-3', '9007199254740993', 'demo'].some(isNumericLogin)).toBe(false);
  });

  it('--revision sets it on the command line; a bad value is an error', () => {
    const parsed = parseCliArgs(['--revision', 'current']);
    expect(parsed.ok && parsed.command.kind === 'run' && parsed.command.options.revision).toBe(
      'current',
    );
    const bad = parseCliArgs(['--revision', 'second']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('--revision');
  });
});
