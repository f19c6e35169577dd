import { createSlackChannel } from "../../src/channels/slack/slack-app.ts";
import { slackDeliverer } from "../../src/channels/slack/slack-deliverer.ts";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";
import { createPoster } from "../../src/posts/poster.ts";
import type { Store } from "../../src/store/store.ts";
import { startFakeBotConnector, type FakeBotConnector } from "./fake-bot-connector.ts";
import { startFakeSlackApi, type FakeSlackApi } from "./fake-slack-api.ts";

export interface PostingWorld {
  readonly connector: FakeBotConnector;
  readonly api: FakeSlackApi;
  readonly poster: ReturnType<typeof createPoster>;
  /** What the poster, the Teams adapter and the Slack app reported; a test expects it empty. */
  readonly errors: unknown[];
  /** A Teams channel's conversation reference, pointing at the fake Bot Connector. */
  teamsRef(conversationId: string): Record<string, unknown>;
  close(): Promise<void>;
}

/** Proactive posting as serve wires it: the real poster, Teams and Slack deliverers, against local fakes of both platforms. */
export async function startPostingWorld(store: Store, now: Date, sleep: (ms: number) => Promise<void> = async () => {}, opts: { readonly postLeaseMs?: number } = {}): Promise<PostingWorld> {
  const errors: unknown[] = [];
  const connector = await startFakeBotConnector();
  const api = await startFakeSlackApi();
  const engine = createEngine({ store, now: () => now });
  const slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: "s", appToken: undefined, apiUrl: api.apiUrl, teamId: undefined }, engine, { remember: conversationMemory(store), now: () => now, onError: (e) => errors.push(e) });
  const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
  const poster = createPoster({ store, now: () => now, deliverers: [teamsDeliverer(adapter, undefined), slackDeliverer(slack.app)], onError: (e) => errors.push(e), sleep, ...opts });
  return {
    connector, api, poster, errors,
    teamsRef: (id) => ({ channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } }),
    close: async () => {
      await connector.close();
      await api.close();
    },
  };
}
