import type { TokenCredential } from "@azure/core-auth";
import { isLoopbackUrl } from "../../domain/loopback.ts";
import { TlsbotError } from "../../domain/errors.ts";

export interface DeviceTlsCount {
  readonly version: string;
  readonly devices: number;
}

/** Devices per TLS version over the last 7 days, from one hub's Connections diagnostic logs. */
export type DeviceTlsReader = (hubId: string) => Promise<DeviceTlsCount[]>;

/**
 * The Connections category query Microsoft documents for finding devices on old TLS (HTTPS devices do
 * not appear in it). The hub id is an ARM id read from ARM; quotes are removed so it cannot end the string.
 */
export function deviceTlsQuery(hubId: string): string {
  const id = hubId.replace(/["\\]/g, "");
  return [
    "AzureDiagnostics",
    '| where ResourceProvider == "MICROSOFT.DEVICES" and ResourceType == "IOTHUBS"',
    '| where Category == "Connections" and OperationName == "deviceConnect"',
    `| where _ResourceId =~ "${id}"`,
    "| extend p = parse_json(properties_s)",
    "| summarize Devices = dcount(tostring(p.deviceId)) by TLSVersion = tostring(p.tlsVersion)",
  ].join("\n");
}

export interface DeviceTlsReaderSettings {
  readonly credential: TokenCredential;
  readonly workspaceId: string;
  /** `https://api.loganalytics.io/v1` unless a simulator or a sovereign cloud says otherwise. */
  readonly endpoint: string;
  readonly ca?: string | undefined;
  /** A static token (simulators) may only go to a loopback endpoint. */
  readonly staticToken: boolean;
}

/** Reads through Azure Monitor's Log Analytics client (loaded only when a workspace is configured). */
export async function createDeviceTlsReader(s: DeviceTlsReaderSettings): Promise<DeviceTlsReader> {
  if (s.staticToken && !isLoopbackUrl(s.endpoint)) throw new TlsbotError("staticTokenNotLoopback", { endpoint: s.endpoint });
  const { LogsQueryClient, LogsQueryResultStatus } = await import("@azure/monitor-query-logs");
  const client = new LogsQueryClient(s.credential, { endpoint: s.endpoint.replace(/\/+$/, ""), ...(s.ca ? { tlsOptions: { ca: s.ca } } : {}) });
  return async (hubId) => {
    const result = await client.queryWorkspace(s.workspaceId, deviceTlsQuery(hubId), { duration: "P7D" });
    const table = result.status === LogsQueryResultStatus.Success ? result.tables[0] : result.partialTables[0];
    if (!table) return [];
    const col = (name: string) => table.columnDescriptors.findIndex((c) => c.name === name);
    const [v, d] = [col("TLSVersion"), col("Devices")];
    return table.rows
      .map((row) => ({ version: String(row[v] ?? ""), devices: Number(row[d] ?? 0) }))
      .filter((r) => r.version !== "" && Number.isFinite(r.devices))
      .sort((a, b) => a.version.localeCompare(b.version));
  };
}
