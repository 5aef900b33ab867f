import { describe, expect, it } from 'vitest';
import { chromiumTypeOf } from './app/pin';

describe('chromiumTypeOf', () => {
  it('reads the process type from a NUL-separated command line', () => {
    const cmdline = ['/usr/lib/chromium/chromium', '--type=gpu-process', '--headless', ''].join(
      '\0',
    );
    expect(chromiumTypeOf(cmdline)).toBe('gpu-process');
  });

  it('reads it from the one spaced line a renderer has after setting its title', () => {
    expect(chromiumTypeOf('/usr/lib/chromium/chromium --type=renderer --lang=en-US\0')).toBe(
      'renderer',
    );
  });

  it('gives null for the browser process, which has no type', () => {
    expect(chromiumTypeOf(['/usr/lib/chromium/chromium', '--headless', ''].join('\0'))).toBeNull();
  });
});
