import { renderTable } from "../format.ts";
import type { Presented } from "../present.ts";

/** An answer as plain text, for the CLI (`tlsbot ask`) and logs. */
export function renderText(p: Presented): string {
  const out = [p.title];
  if (p.subtitle) out.push(p.subtitle);
  if (p.warning) out.push(`! ${p.warning}`);
  if (p.rows.length && p.columns) {
    out.push("", renderTable(p.columns, p.rows.map((r) => [`${r.name}  (${r.where})`, r.tls, r.status, r.deadline])));
  }
  if (p.facts.length) out.push("", ...p.facts.map((f) => `${f.label}: ${f.value}`));
  if (p.bullets.length) out.push("", ...p.bullets.map((b) => `- ${b}`));
  if (p.notes.length) out.push("", ...p.notes);
  return out.join("\n");
}
