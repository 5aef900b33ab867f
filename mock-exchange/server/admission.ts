/**
 * Who may open the order socket, before any token is read: browser Origins
 * (a web page must not trade on a local account), connections per remote
 * address and in total (half-open upgrades must not exhaust file
 * descriptors). Pure: the transport feeds it addresses and headers.
 */
import { z } from 'zod';

/** Admission limits of the transport (already defaulted). */
export interface AdmissionLimits {
  /** TCP connections at once, all addresses together (sessions and pending handshakes). */
  maxConnections: number;
  /** TCP connections at once from one remote address. */
  maxConnectionsPerAddress: number;
  /** A connection that has not sent a complete upgrade request by then is destroyed, ms. */
  handshakeTimeoutMs: number;
  /** Browser Origins allowed to upgrade (serialized origins, e.g. `http://localhost:5173`). */
  allowedOrigins: readonly string[];
}

/** Defaults of the admission limits. */
const DEFAULT_ADMISSION: AdmissionLimits = {
  maxConnections: 1024,
  maxConnectionsPerAddress: 128,
  handshakeTimeoutMs: 5000,
  allowedOrigins: [],
};

/** The URL of `text`, or null when it is not one. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** An allowed Origin as given (`scheme://host[:port]`), normalized to its serialized form. */
export const AllowedOrigin = z.string().transform((text, ctx) => {
  const url = parseUrl(text);
  if (url === null || url.origin === 'null' || url.pathname.length > 1 || url.search !== '') {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not an origin such as http://localhost:5173`,
    });
    return z.NEVER;
  }
  return url.origin;
});

/** Why an upgrade is refused before its token is read (HTTP status and text), or null. */
export type Refusal = { status: 403 | 503; text: string } | null;

/** The refusal of a request's Origin header: none without one (not a browser), 403 unless allowed. */
export function refuseOrigin(
  origin: string | readonly string[] | undefined,
  allowed: readonly string[],
): Refusal {
  if (origin === undefined) return null;
  const value = typeof origin === 'string' ? origin : origin.join(',');
  if (allowed.includes(value.toLowerCase())) return null;
  return {
    status: 403,
    text: `Origin ${value} is not allowed (start the exchange with --allow-origin ${value}).`,
  };
}

/** Counts open connections per remote address and in total. */
export class ConnectionCounter {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly limits: Pick<AdmissionLimits, 'maxConnections' | 'maxConnectionsPerAddress'>,
  ) {}

  /** Counts a new connection; true when it is within both caps (it is counted either way). */
  open(address: string): boolean {
    this.total += 1;
    const count = (this.byAddress.get(address) ?? 0) + 1;
    this.byAddress.set(address, count);
    return (
      this.total <= this.limits.maxConnections && count <= this.limits.maxConnectionsPerAddress
    );
  }

  /** Forgets a closed connection. */
  close(address: string): void {
    this.total -= 1;
    const count = (this.byAddress.get(address) ?? 1) - 1;
    if (count <= 0) this.byAddress.delete(address);
    else this.byAddress.set(address, count);
  }

  /** Open connections in total. */
  get size(): number {
    return this.total;
  }
}

/** The admission options of `startExchange`, as the caller gives them. */
export interface AdmissionOptions {
  /** Browser Origins allowed to open the order socket (default none: any Origin header is refused 403). */
  allowedOrigins?: readonly string[];
  /** TCP connections at once, all addresses (default 1024); past it upgrades answer 503. */
  maxConnections?: number;
  /** TCP connections at once from one address (default 128); past it upgrades answer 503. */
  maxConnectionsPerAddress?: number;
  /** A connection without a complete upgrade request by then is destroyed, ms (default 5000). */
  handshakeTimeoutMs?: number;
}

/** Applies the defaults and checks the admission options (errors as text). */
export function resolveAdmission(
  options: AdmissionOptions,
): { ok: true; value: AdmissionLimits } | { ok: false; error: string } {
  const limits = {
    maxConnections: options.maxConnections ?? DEFAULT_ADMISSION.maxConnections,
    maxConnectionsPerAddress:
      options.maxConnectionsPerAddress ?? DEFAULT_ADMISSION.maxConnectionsPerAddress,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_ADMISSION.handshakeTimeoutMs,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      return { ok: false, error: `${name} must be a positive integer.` };
    }
  }
  const origins = z.array(AllowedOrigin).safeParse(options.allowedOrigins ?? []);
  if (!origins.success) {
    return {
      ok: false,
      error: `allowedOrigins: ${origins.error.issues[0]?.message ?? 'invalid'}.`,
    };
  }
  return { ok: true, value: { ...limits, allowedOrigins: origins.data } };
}
