import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { postNewNotices } from "../../src/posts/notice-watcher.ts";
import { buildMail } from "../notices/mail-builder.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const NOW = new Date("2026-12-01T00:00:00Z");
const SUBJECT = "[click](https://evil.example) **urgent**";
const TEAMS = "19:untrusted@thread.tacv2";

/** Walks a JSON value, collecting the nodes `pick` returns. */
function collect<T>(node: unknown, pick: (n: Record<string, unknown>) => T | undefined, out: T[] = []): T[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, pick, out));
  else if (node && typeof node === "object") {
    const hit = pick(node as Record<string, unknown>);
    if (hit !== undefined) out.push(hit);
    Object.values(node).forEach((v) => collect(v, pick, out));
  }
  return out;
}

/**
 * A mail from anyone, held for review and posted to the subscribed channels: its subject reaches Teams and
 * Slack as text, never as a link or formatting under the bot's name.
 */
describe("a held notice whose subject is Markdown, posted to Teams and Slack", () => {
  let shared: SharedStore;
  let world: PostingWorld;

  beforeAll(async () => {
    shared = await sharedStore();
    const store = shared.store;
    world = await startPostingWorld(store, NOW);
    const { poster } = world;
    const ref = world.teamsRef(TEAMS);
    await store.upsertConversation({ key: `teams:${TEAMS}`, platform: "teams", reference: ref, kind: "channel", tenant: "t", scopes: ["*"], updatedAt: NOW.toISOString() });
    await store.upsertConversation({ key: "slack:C0UNTRUSTED", platform: "slack", reference: { channel: "C0UNTRUSTED" }, kind: "channel", tenant: "T0", scopes: ["*"], updatedAt: NOW.toISOString() });
    expect(await postNewNotices(store, poster, () => NOW)).toBe(0);
    const mail = buildMail({
      from: "azure-noreply@micros0ft-support.com", subject: SUBJECT, messageId: "untrusted-subject@example.invalid",
      body: "Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on 1 June 2030.\n\nRequired action\nSet the minimum TLS version of your caches to 1.2.\n",
    });
    const r = await ingestMessage(store, { bytes: mail, source: "file:test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(r.notice.status).toBe("triage");
    expect(await postNewNotices(store, poster, () => new Date(NOW.getTime() + 60_000))).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await world?.close();
    await shared?.close();
  });

  it("Teams gets the subject only in TextRuns (no TextBlock or FactSet, which Teams renders as Markdown)", async () => {
    const post = await world.connector.waitFor(() => world.connector.calls.find((c) => c.conversationId === TEAMS && JSON.stringify(c.activity).includes("evil.example")));
    const card = (post.activity["attachments"] as Array<{ content: unknown }>)[0]!.content;
    expect(collect(card, (n) => (n["type"] === "TextBlock" || n["type"] === "FactSet" ? n : undefined))).toEqual([]);
    const runs = collect(card, (n) => (n["type"] === "TextRun" && typeof n["text"] === "string" ? n["text"] : undefined));
    expect(runs.some((t) => t.includes(SUBJECT))).toBe(true);
    expect(world.errors).toEqual([]);
  });

  it("Slack gets it with no link, mention or formatting mark left", async () => {
    const post = await world.connector.waitFor(() => world.api.calls.find((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0UNTRUSTED"));
    const objects = collect(post.args["blocks"], (n) => (n["type"] === "mrkdwn" && typeof n["text"] === "string" ? n : undefined));
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o["verbatim"]).toBe(true);
    const text = objects.map((o) => String(o["text"])).join("\n");
    expect(text).toContain("[click](https://evil.example) ∗∗urgent∗∗");
    expect(text).not.toContain("**urgent**");
  });
});
