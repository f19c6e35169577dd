import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/open-store.ts";
import type { Store } from "../../../src/store/store.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { freshDataDir } from "../../support/data-dir.ts";
import { WebChatClient } from "../../support/web-chat-client.ts";

const NOW = new Date("2026-11-26T03:00:00Z");

/** The page sends the browser's language as each activity's `locale`; the bot answers in it when the text tells none. */
describe("web chat: the browser's language", () => {
  let dir: string;
  let store: Store;
  let server: ChatServer;
  beforeAll(async () => {
    dir = freshDataDir("tlsbot-webchat-locale-");
    store = await openStore({ dataDir: dir });
    server = await startChatServer(store, () => NOW);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers a message it cannot read in a ja-JP browser's Japanese, and English in English", async () => {
    const ja = new WebChatClient("ja-JP");
    await ja.connect(server.url);
    try {
      const reply = await ja.say("foo bar baz");
      expect(reply.activity["locale"]).toBe("ja-JP");
      expect(JSON.stringify(reply.activity.attachments)).toContain("すみません、うまく理解できませんでした。");
      const english = await ja.say("hello there");
      expect(english.activity["locale"]).toBe("en-US");
    } finally {
      ja.disconnect();
    }
    expect(server.errors).toEqual([]);
  });
});
