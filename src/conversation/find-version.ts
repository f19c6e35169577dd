import type { TlsVersion } from "../domain/tls-version.ts";

export interface VersionMention {
  readonly version: TlsVersion;
  readonly start: number;
  readonly end: number;
}

// "1.2", "tls1.2", "tls 1_2", "tlsv1.2", "tls12", "v1.2", "1,2" (after NFKC, full-width forms are ASCII).
const VERSION = /(?:tls\s*v?\s*|(?<![a-z0-9.])v)?(?<![0-9.])1\s*[._,]\s*([0-3])(?![0-9])|tls\s*v?\s*1([0-3])(?![0-9])/g;

/** TLS versions named in normalised text, in order. */
export function findVersions(text: string): VersionMention[] {
  const out: VersionMention[] = [];
  for (const m of text.matchAll(VERSION)) {
    const minor = m[1] ?? m[2];
    if (minor === undefined) continue;
    out.push({ version: `1.${minor}` as TlsVersion, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
