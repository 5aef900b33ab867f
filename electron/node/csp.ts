/** The renderer's Content-Security-Policy, shared by both hosts. */

/**
 * Builds the CSP: only the app's own scripts (no inline, no eval), no plugins,
 * no framing. `connectSrc` adds the browser host's API socket.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte sets style attributes at runtime; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}
