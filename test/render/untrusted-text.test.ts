import { describe, expect, it } from "vitest";
import { heldNoticeView } from "../../src/conversation/held-notice-view.ts";
import { renderBroadcast } from "../../src/render/broadcast.ts";
import { LANGS } from "../../src/render/i18n.ts";
import { present } from "../../src/render/present.ts";
import { escapeMrkdwn, renderBlockKit } from "../../src/render/slack/render-block-kit.ts";
import type { HeldNoticeSummary, View } from "../../src/render/view-model.ts";
import { cardProblems } from "./validate-card.ts";

/** What anyone can put in a mail's subject and sender, and in the sentence quoted from its body. */
const SUBJECT = "[click](https://evil.example) **urgent**";
const FROM = "[Microsoft Azure](https://evil.example/login) <https://evil.example|Azure portal> <!here>";
const EVIDENCE = "_act now_ ~or lose access~ `run this` *today* @here https://evil.example";

const held: HeldNoticeSummary = {
  id: 42, subject: SUBJECT, receivedAt: "2026-11-25T23:30:00.000Z", source: "mail", from: FROM, reason: "untrusted.forwarded", isTls: true,
  deadline: null, candidates: ["2025-03-01"], services: ["redis-tls10-11"], trackingId: "1LKS-5DG", evidence: EVIDENCE,
};
const VIEWS: ReadonlyArray<[string, View]> = [
  ["held notice", heldNoticeView(held, null, true)],
  ["notice queue", { type: "noticeQueue", items: [held], total: 1 }],
  ["decided notice", { type: "heldNoticeDecided", notice: held, status: "applied", reason: "postponed", decision: "accepted", by: "teams:29:x", byName: "**Boss** [here](https://evil.example)", at: "2026-11-26T02:30:00Z", retirements: [] }],
];

/** Nodes of a card that Teams renders as Markdown: TextBlocks and FactSets. */
function markdownNodes(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => markdownNodes(n, out));
  else if (node && typeof node === "object") {
    const type = (node as { type?: unknown }).type;
    if (type === "TextBlock" || type === "FactSet") out.push(node);
    Object.values(node).forEach((v) => markdownNodes(v, out));
  }
  return out;
}

/** The text of every TextRun: what the card shows as written. */
function textRuns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textRuns(n, out));
  else if (node && typeof node === "object") {
    const n = node as { type?: unknown; text?: unknown };
    if (n.type === "TextRun" && typeof n.text === "string") out.push(n.text);
    Object.values(node).forEach((v) => textRuns(v, out));
  }
  return out;
}

/** Every Slack mrkdwn text object of some blocks. */
function mrkdwnObjects(node: unknown, out: Array<{ text: string; verbatim?: unknown }> = []): Array<{ text: string; verbatim?: unknown }> {
  if (Array.isArray(node)) node.forEach((n) => mrkdwnObjects(n, out));
  else if (node && typeof node === "object") {
    const n = node as { type?: unknown; text?: unknown; verbatim?: unknown };
    if (n.type === "mrkdwn" && typeof n.text === "string") out.push(n as { text: string; verbatim?: unknown });
    Object.values(node).forEach((v) => mrkdwnObjects(v, out));
  }
  return out;
}

describe("text that came with a mail is shown as written, never as a link or formatting", () => {
  it("Teams cards carry it only in TextRuns, which no Teams client renders as Markdown", () => {
    for (const [name, view] of VIEWS) {
      for (const setting of ["ja", "en", "ja+en"] as const) {
        const { card } = renderBroadcast(view, setting);
        expect(cardProblems(card), `${name} ${setting}`).toEqual([]);
        expect(markdownNodes(card), `${name} ${setting}`).toEqual([]);
        const runs = textRuns(card).join("\n");
        // Verbatim, neither dropped nor altered: the reader sees what the mail said.
        expect(runs, `${name} ${setting}`).toContain(SUBJECT);
      }
    }
    const { card } = renderBroadcast(VIEWS[0]![1], "en");
    const runs = textRuns(card).join("\n");
    expect(runs).toContain(FROM);
    expect(runs).toContain(EVIDENCE);
  });

  it("Slack blocks neutralise links, mentions and every formatting mark in it", () => {
    for (const [name, view] of VIEWS) {
      for (const lang of LANGS) {
        const { blocks, text } = renderBlockKit([present(view, lang)]);
        const objects = mrkdwnObjects(blocks);
        expect(objects.length, name).toBeGreaterThan(0);
        // verbatim: Slack links no bare URL, #channel or @here of its own accord.
        for (const o of objects) expect(o.verbatim, `${name} ${lang}: ${o.text}`).toBe(true);
        const all = `${objects.map((o) => o.text).join("\n")}\n${text}`;
        for (const raw of ["**urgent**", "<https://", "<!here>", "_act now_", "~or lose", "`run this`", "*today*", "*Boss*"]) expect(all, `${name} ${lang}`).not.toContain(raw);
      }
    }
    const shown = mrkdwnObjects(renderBlockKit([present(VIEWS[0]![1], "en")]).blocks).map((o) => o.text).join("\n");
    expect(shown).toContain("[click](https://evil.example) ∗∗urgent∗∗");
    expect(shown).toContain("&lt;https://evil.example|Azure portal&gt; &lt;!here&gt;");
    expect(shown).toContain("ˍact nowˍ ∼or lose access∼ ˋrun thisˋ ∗today∗ @here https://evil.example");
  });

  it("Slack keeps an underscore inside a name, where it cannot format, and escapes the rest", () => {
    expect(escapeMrkdwn("rg_prod_east")).toBe("rg_prod_east");
    expect(escapeMrkdwn("_x_ a_ _b 1_2")).toBe("ˍxˍ aˍ ˍb 1_2");
    expect(escapeMrkdwn("a & b <c>")).toBe("a &amp; b &lt;c&gt;");
  });
});
