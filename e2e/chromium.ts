/**
 * How the e2e suite and the app bench launch Chromium: Debian's build unless
 * E2E_CHROMIUM names another (Playwright's own when neither exists), with the
 * same flags, so both measure and test the same browser.
 */
import { existsSync } from 'node:fs';

/** Flags of every Chromium the suite or the bench launches. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to launch: E2E_CHROMIUM, else /usr/bin/chromium when present, else Playwright's. */
export function chromiumPath(): string | undefined {
  return (
    process.env['E2E_CHROMIUM'] ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  );
}

/** Launch options (executable and flags) for `chromium.launch` or `use.launchOptions`. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumPath();
  return { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] };
}
