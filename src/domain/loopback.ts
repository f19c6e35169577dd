import { isIP } from "node:net";

/**
 * True for `localhost`, 127.0.0.0/8 and ::1 written as literals: the only hosts a static token or
 * unauthenticated mode may use. Nothing is resolved by DNS, and `*.localhost` names are not loopback here:
 * a resolver may send them anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A `Host` header (`127.0.0.1:3978`, `[::1]:3978`, `localhost`) that names this machine. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header || /[\s/@?#]/.test(header)) return false;
  try {
    return isLoopbackHost(new URL(`http://${header}`).hostname);
  } catch {
    return false;
  }
}
