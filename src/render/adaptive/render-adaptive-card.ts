import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Presented } from "../present.ts";

export type AdaptiveCard = Record<string, unknown> & { body: unknown[]; actions?: unknown[] };

// The package's own .d.ts imports a .ts file of adaptivecards' sources, which strict TypeScript then
// compiles; the two members we use are typed here instead.
interface Template { expand(context: { $root: unknown }): unknown }
const ACData = createRequire(import.meta.url)("adaptivecards-templating") as { Template: new (payload: unknown) => Template };

const CARDS_DIR = new URL("../../../cards/", import.meta.url);
const templates = new Map<string, Template>();

function template(name: string): Template {
  let tpl = templates.get(name);
  if (!tpl) {
    tpl = new ACData.Template(JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), "utf8")));
    templates.set(name, tpl);
  }
  return tpl;
}

/** Teams' incoming-webhook limit, which we keep for every card so any path can carry it. */
export const MAX_CARD_BYTES = 28 * 1024;

const COLOR = { overdue: "Attention", "at-risk": "Warning", unknown: "Default", compliant: "Good" } as const;
const STYLE = { attention: "attention", warning: "warning", good: "good", default: "emphasis" } as const;

function expand(p: Presented, rowLimit: number): AdaptiveCard {
  const shown = p.rows.slice(0, rowLimit);
  const cut = p.rows.length - shown.length;
  return template("answer").expand({
    $root: {
      lang: p.lang, title: p.title, subtitle: p.subtitle, warning: p.warning, containerStyle: STYLE[p.tone],
      columns: p.columns ?? [], rows: shown.map((r) => ({ ...r, color: COLOR[r.statusKey] })),
      facts: p.facts, bullets: p.bullets,
      notes: cut > 0 ? [...p.notes, `+${cut}`] : p.notes,
      actions: p.actions.map((a) => ({ ...a, style: a.style ?? "default", associatedInputs: a.ignoreInputs ? "none" : "auto" })),
      toggles: p.inputs.filter((i) => i.kind === "toggle").map((i) => ({ ...i, heading: i.heading ?? i.label })),
      texts: p.inputs.filter((i) => i.kind === "text").map((i) => ({ ...i, placeholder: i.placeholder ?? "" })),
    },
  }) as AdaptiveCard;
}

const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card), "utf8");

/** One answer as an Adaptive Card (v1.5), trimmed to stay under 28 KB whatever the rows hold. */
export function renderAdaptiveCard(p: Presented): AdaptiveCard {
  let limit = p.rows.length;
  let card = expand(p, limit);
  while (size(card) >= MAX_CARD_BYTES && limit > 0) {
    limit = Math.floor(limit * 0.75);
    card = expand(p, limit);
  }
  return card;
}

/**
 * A channel post in several languages (default ja+en): each language's body in turn, one set of actions.
 * Rows are shared budget: the card stays under 28 KB, so each language shows fewer rows when needed.
 */
export function renderBilingualCard(parts: readonly Presented[]): AdaptiveCard {
  let limit = Math.max(...parts.map((p) => p.rows.length));
  for (;;) {
    const cards = parts.map((p) => expand(p, limit));
    const first = cards[0] as AdaptiveCard;
    const body = cards.flatMap((c, i) => (i === 0 ? c.body : [{ type: "Container", separator: true, spacing: "Large", items: c.body }]));
    const card: AdaptiveCard = { ...first, body };
    if (size(card) < MAX_CARD_BYTES || limit === 0) return card;
    limit = Math.floor(limit * 0.75);
  }
}
