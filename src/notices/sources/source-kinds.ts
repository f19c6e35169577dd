/** The mail source kinds `tlsbot ingest --from` accepts; apart from the sources so `--help` loads none of them. */
export type SourceKind = "folder" | "imap" | "graph" | "service-health" | "advisor";
export const SOURCE_KINDS: readonly SourceKind[] = ["folder", "imap", "graph", "service-health", "advisor"];

/** How a stored notice's `source` begins for a Service Health advisory and for an Advisor recommendation (stored as JSON, not mail). */
export const SERVICE_HEALTH_PREFIX = "service-health:";
export const ADVISOR_PREFIX = "advisor:";
