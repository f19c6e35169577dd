import { translator } from "../i18n.ts";
import type { Presented } from "../present.ts";

export type Block = Record<string, unknown>;

/** Slack's limits (chat.postMessage, Block Kit reference). */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, buttonValue: 2000, contextElements: 10, fields: 10, fieldText: 2000 } as const;

const STATUS_EMOJI = { overdue: ":red_circle:", "at-risk": ":large_orange_circle:", unknown: ":white_circle:", compliant: ":large_green_circle:" } as const;

/**
 * Text shown as written inside Slack mrkdwn: every string a renderer puts there goes through this, since it
 * may come from a mail (a held notice's subject and sender, a quoted sentence) or a chat user. Slack reads
 * `&`, `<` and `>` as control characters (`<https://evil|text>` is a link), which it lets us escape as
 * entities; for the formatting marks `*`, `_`, `~` and `` ` `` it has no escape at all, so they are replaced
 * by look-alikes that are not marks (∗ ˍ ∼ ˋ). An `_` between two letters or digits cannot open or close
 * italics and stays, so names such as `rg_prod_east` read as written. Bare URLs and @mentions are kept
 * from being linked by `verbatim: true` on the text object (`mrkdwn()` below).
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/\*/g, "\u2217").replace(/~/g, "\u223C").replace(/`/g, "\u02CB")
    .replace(/_/g, (mark, at: number, all: string) => (WORD.test(all[at - 1] ?? "") && WORD.test(all[at + 1] ?? "") ? mark : "\u02CD"));
}
const WORD = /[\p{L}\p{N}]/u;

/**
 * A mrkdwn text object whose only formatting is ours: `verbatim` stops Slack from turning URLs, #channel
 * names and @here/@channel in the (escaped) text into links and mentions.
 */
export const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const section = (text: string): Block => ({ type: "section", text: mrkdwn(clip(text, SLACK_LIMITS.sectionText)) });
const value = (data: Readonly<Record<string, unknown>>) => {
  const json = JSON.stringify(data);
  return json.length <= SLACK_LIMITS.buttonValue ? json : JSON.stringify({ ...data, filter: {} });
};

/** Joins lines into as few sections as fit 3000 characters each. */
function chunked(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  let current = "";
  for (const line of lines) {
    const piece = clip(line, SLACK_LIMITS.sectionText);
    if (current && current.length + 1 + piece.length > SLACK_LIMITS.sectionText) {
      out.push(section(current));
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) out.push(section(current));
  return out;
}

/**
 * A dialog posted as a message (a mention, a DM, a second approver's turn): messages cannot hold inputs,
 * so its one button asks again with a trigger and the confirmation happens in a modal. The button never
 * carries the dialog's token: a channel message is visible to everyone in the channel.
 */
function reviewButton(p: Presented, index: number): Block {
  const d = p.actions.find((a) => !a.ignoreInputs)?.data ?? {};
  const data = { resourceId: d["resourceId"], lang: d["lang"] ?? p.lang, approvalId: d["approvalId"] };
  return {
    type: "actions",
    elements: [{ type: "button", action_id: `approveUpgrade:${index}`, style: "primary", text: { type: "plain_text", text: clip(translator(p.lang)("approvals:modal.review"), 75) }, value: value({ verb: "approveUpgrade", ...data }) }],
  };
}

function blocksFor(p: Presented, rowLimit: number): Block[] {
  const blocks: Block[] = [{ type: "header", text: { type: "plain_text", text: clip(p.title, SLACK_LIMITS.headerText), emoji: true } }];
  if (p.subtitle) blocks.push(section(escapeMrkdwn(p.subtitle)));
  if (p.warning) blocks.push(section(`:warning: *${escapeMrkdwn(p.warning)}*`));
  for (const r of p.rows.slice(0, rowLimit)) {
    blocks.push({
      ...section(`${STATUS_EMOJI[r.statusKey]} *${escapeMrkdwn(r.name)}*  ·  TLS ${escapeMrkdwn(r.tls)}  ·  ${escapeMrkdwn(r.status)}  ·  ${escapeMrkdwn(r.deadline)}\n_${escapeMrkdwn(r.where)}_`),
      accessory: { type: "button", action_id: `resource:${blocks.length}`, text: { type: "plain_text", text: p.rowActionTitle }, value: value({ verb: "resource", resourceId: r.id, lang: p.lang }) },
    });
  }
  if (p.facts.length) {
    blocks.push({ type: "section", fields: p.facts.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText))) });
    if (p.facts.length > SLACK_LIMITS.fields) blocks.push(...chunked(p.facts.slice(SLACK_LIMITS.fields).map((f) => `*${escapeMrkdwn(f.label)}*: ${escapeMrkdwn(f.value)}`)));
  }
  const cut = p.rows.length - Math.min(rowLimit, p.rows.length);
  const notes = [...p.notes, ...(cut > 0 ? [`+${cut}`] : [])];
  if (p.bullets.length) blocks.push(...chunked(p.bullets.map((b) => `• ${escapeMrkdwn(b)}`)));
  if (notes.length) blocks.push({ type: "context", elements: notes.slice(0, SLACK_LIMITS.contextElements).map((n) => mrkdwn(clip(escapeMrkdwn(n), SLACK_LIMITS.fieldText))) });
  if (p.inputs.length) blocks.push(reviewButton(p, blocks.length));
  else if (p.actions.length) {
    blocks.push({
      type: "actions",
      elements: p.actions.slice(0, 5).map((a, i) => ({ type: "button", action_id: `${a.verb}:${i}`, text: { type: "plain_text", text: clip(a.title, 75) }, value: value({ verb: a.verb, ...a.data }) })),
    });
  }
  return blocks;
}

/** One answer (or a bilingual post: several) as Block Kit, within 50 blocks and 3000 characters a section. */
export function renderBlockKit(parts: readonly Presented[]): { text: string; blocks: Block[] } {
  let limit = Math.max(0, ...parts.map((p) => p.rows.length));
  for (;;) {
    const blocks = parts.flatMap((p, i) => [...(i > 0 ? [{ type: "divider" }] : []), ...blocksFor(p, limit)]);
    if (blocks.length <= SLACK_LIMITS.blocks || limit === 0) {
      // The notification text is mrkdwn too (shown where blocks are not).
      return { text: parts.map((p) => escapeMrkdwn(p.title)).join(" / "), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
    }
    limit = Math.max(0, limit - Math.ceil((blocks.length - SLACK_LIMITS.blocks) / parts.length));
  }
}
