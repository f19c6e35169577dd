import { isTlsVersion, type TlsVersion } from "./tls-version.ts";

/**
 * Which of a resource's several TLS settings gives it its minimum (an Application Gateway's SSL profile
 * rather than its gateway-wide policy), kept in the finding's `extra` so the detail card can name it.
 */
export interface LowestSetting {
  /** A key under `chat:detail.lowestSetting.` (`sslPolicy`, `sslProfile`). */
  readonly setting: string;
  /** The setting's own name in Azure (the SSL profile's), when it has one. */
  readonly name: string | null;
  readonly version: TlsVersion;
}

export const LOWEST_SETTING = "lowestSetting";

/** Read back leniently: `extra` comes from stored JSON, written by any version of tlsbot. */
export function lowestSettingOf(extra: Readonly<Record<string, unknown>>): LowestSetting | null {
  const v = extra[LOWEST_SETTING];
  if (!v || typeof v !== "object") return null;
  const { setting, name, version } = v as Record<string, unknown>;
  if (typeof setting !== "string" || !isTlsVersion(version)) return null;
  return { setting, name: typeof name === "string" ? name : null, version };
}
