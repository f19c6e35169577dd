import { parseArmId, type ObservedResource } from "../../domain/resource.ts";
import { UNREADABLE_PREFIX } from "../../domain/tls-version.ts";
import type { ScanError } from "../../store/store.ts";
import type { GraphRow, ResourceKind } from "../kinds/resource-kind.ts";

export interface GraphRowsRead {
  readonly observed: ObservedResource[];
  /** Rows that name no resource tlsbot can identify (no id, not an ARM id, no scanned type): reported, not evaluated. */
  readonly problems: ScanError[];
}

/** The start of `rawTls` for a row kept with its TLS unreadable because the row itself was malformed. */
export const MALFORMED_ROW = `${UNREADABLE_PREFIX}malformed Resource Graph row`;

const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v) ?? "missing");

/**
 * Resource Graph rows → observed resources, never dropping a row silently and never trusting a malformed
 * one: a row with a usable id but a wrong `type` or `properties` (not an object) is kept as its kind with
 * its TLS unreadable, so it reports `unknown` with the reason; a row that identifies no resource becomes a
 * `malformed-response` problem of its subscription. The scan goes on either way.
 */
export function readGraphRows(rows: readonly GraphRow[], kinds: readonly ResourceKind[], firstIndex = 0): GraphRowsRead {
  const byType = new Map(kinds.flatMap((k) => k.definition.armTypes.map((t) => [t.toLowerCase(), k] as const)));
  const observed: ObservedResource[] = [];
  const problems: ScanError[] = [];
  rows.forEach((row, i) => {
    const index = firstIndex + i;
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      problems.push({ subscriptionId: "", code: "malformed-response", message: `Resource Graph row ${index + 1} is not an object (${text(row)}): not evaluated` });
      return;
    }
    const id = typeof row.id === "string" ? row.id : null;
    const parsed = id ? parseArmId(id) : null;
    const ofRow = typeof row.type === "string" ? byType.get(row.type.toLowerCase()) : undefined;
    const ofId = parsed ? byType.get(parsed.type.toLowerCase()) : undefined;
    const kind = ofId ?? ofRow;
    const where = `Resource Graph row ${index + 1}${typeof row.name === "string" ? ` ('${row.name}')` : ""}`;
    if (!id || !parsed || !kind) {
      const why = !id ? `has no id (${text(row.id)})` : !parsed ? `has an id that is not an ARM resource id ('${id}')` : `is of a type tlsbot does not scan (${text(row.type)})`;
      problems.push({ subscriptionId: typeof row.subscriptionId === "string" ? row.subscriptionId : (parsed?.subscriptionId ?? ""), code: "malformed-response", message: `${where} ${why}: not evaluated` });
      return;
    }
    const defects: string[] = [];
    if (typeof row.type !== "string" || ofRow !== kind || row.type.toLowerCase() !== parsed.type.toLowerCase()) defects.push(`type ${text(row.type)} does not match its id`);
    if (!row.properties || typeof row.properties !== "object" || Array.isArray(row.properties)) defects.push(`properties are ${text(row.properties)}`);
    const found = kind.fromGraphRow(defects.length ? { ...row, type: parsed.type, properties: {} } : row);
    if (!found) {
      problems.push({ subscriptionId: parsed.subscriptionId, code: "malformed-response", message: `${where} could not be read: not evaluated` });
      return;
    }
    observed.push(defects.length ? { ...found, rawTls: `${MALFORMED_ROW}: ${defects.join("; ")}` } : found);
  });
  return { observed, problems };
}
