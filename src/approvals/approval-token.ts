import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A confirmation token: 128 random bits, shown once in a card; only its hash is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenMatches(token: unknown, hash: string): boolean {
  if (typeof token !== "string" || token.length === 0 || token.length > 64) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
