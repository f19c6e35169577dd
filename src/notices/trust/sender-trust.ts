import type { AuthResults, SenderTrust } from "../notice.ts";

/**
 * Who may move a deadline: Microsoft's Azure notification senders by default. An entry is an address
 * (`azure-noreply@microsoft.com`) or a domain (`@microsoft.com`, which also covers its subdomains).
 */
export const DEFAULT_TRUSTED_SENDERS = [
  "azure-noreply@microsoft.com",
  "microsoft-noreply@microsoft.com",
  "azureadvisor@microsoft.com",
  "@email.microsoft.com",
  "@microsoft.com",
  "@azure.microsoft.com",
] as const;

/** `Authentication-Results` as the receiving server wrote it (the first one: the topmost is ours). */
export function parseAuthResults(values: readonly string[] | undefined): AuthResults {
  const header = values?.[0];
  if (!header) return { present: false, dkim: null, dkimDomain: null, spf: null, dmarc: null };
  const result = (method: string) => new RegExp(`\\b${method}\\s*=\\s*([a-z]+)`, "i").exec(header)?.[1]?.toLowerCase() ?? null;
  const dkimDomain = /\bdkim\s*=\s*pass\b[^;]*?\bheader\.(?:d|i)\s*=\s*@?([A-Za-z0-9.-]+)/i.exec(header)?.[1]?.toLowerCase() ?? null;
  return { present: true, dkim: result("dkim"), dkimDomain, spf: result("spf"), dmarc: result("dmarc") };
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();
const within = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);

export function senderListed(address: string | null, trusted: readonly string[]): boolean {
  if (!address || !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(address)) return false;
  const addr = address.toLowerCase();
  return trusted.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e.startsWith("@") ? within(domainOf(addr), e.slice(1)) : e === addr;
  });
}

/**
 * Trusted = a listed sender, and — when the receiving server recorded authentication results — DKIM
 * passed for the sender's domain (aligned) or, failing DKIM, SPF and DMARC passed. A forwarded mail is
 * from the forwarder: it is not trusted to change a deadline, whoever it quotes.
 *
 * Authenticated = trusted on evidence: passing results, or — when no results were recorded — a source
 * that is itself authenticated (`authenticatedSource`: the organisation's own mailbox read through Microsoft
 * Graph). A listed From address with no evidence (a saved file, a drop folder, IMAP, pasted text) is trusted
 * sender-only: enough to create, confirm or bring a deadline forward, never to postpone one unreviewed.
 * Failing results are never outweighed by the source.
 */
export function judgeSender(from: string | null, auth: AuthResults, trusted: readonly string[], forwarded: boolean, authenticatedSource = false): SenderTrust {
  const untrusted = (reason: string): SenderTrust => ({ trusted: false, authenticated: false, reason });
  if (!from) return untrusted("noSender");
  if (!senderListed(from, trusted)) return untrusted(forwarded ? "forwarded" : "senderNotListed");
  if (forwarded) return untrusted("forwarded");
  if (!auth.present) return authenticatedSource ? { trusted: true, authenticated: true, reason: "listedAuthenticatedSource" } : { trusted: true, authenticated: false, reason: "listedNoAuthHeader" };
  const dom = domainOf(from);
  if (auth.dkim === "pass" && auth.dkimDomain && (within(dom, auth.dkimDomain) || within(auth.dkimDomain, dom))) return { trusted: true, authenticated: true, reason: "listedDkimPass" };
  if (auth.spf === "pass" && auth.dmarc === "pass") return { trusted: true, authenticated: true, reason: "listedSpfDmarcPass" };
  return untrusted("authFailed");
}
