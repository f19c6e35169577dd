import { SERVICE_HEALTH_PREFIX } from "./source-kinds.ts";

/** Notices read from a Microsoft Graph mailbox have a source starting with this (`graph:USER/FOLDER#id`). */
export const GRAPH_MAIL_PREFIX = "graph:";

/**
 * Whether a notice's source is itself authenticated, so that its trust does not rest on the From address
 * alone: the organisation's own mailbox read through Microsoft Graph with tlsbot's identity, and Service
 * Health advisories read from Azure. A saved file, the drop folder, IMAP and pasted text are not.
 *
 * Decided from the stored source (written by tlsbot's sources, never taken from a mail or a setting), so a
 * retry or an operator's acceptance judges the notice exactly as the first attempt did.
 */
export function authenticatedSource(source: string | undefined): boolean {
  return source !== undefined && (source.startsWith(GRAPH_MAIL_PREFIX) || source.startsWith(SERVICE_HEALTH_PREFIX));
}
