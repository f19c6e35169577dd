// ISO 8601 as tlsbot prints and documents it: a calendar day, optionally a time (seconds and fraction optional) and
// an offset. Date.parse alone takes "0" (year 2000), "1 Jan" (2001) and rolls 2026-02-30 over to 2 March.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Milliseconds since the epoch of an ISO 8601 day or date-time, or null when `s` is not one (or names no real day). */
export function parseIsoInstant(s: string): number | null {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const at = Date.parse(s.trim());
  return Number.isNaN(at) ? null : at;
}
