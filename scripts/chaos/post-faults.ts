import { runScan } from "../../src/azure/scan/run-scan.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { loadTenantFile, startSimulator } from "../../src/azure/simulator/index.ts";
import { createSlackChannel } from "../../src/channels/slack/slack-app.ts";
import { slackDeliverer } from "../../src/channels/slack/slack-deliverer.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { openStore } from "../../src/store/open-store.ts";
import { startFakeBotConnector } from "../../test/support/fake-bot-connector.ts";
import { startFakeSlackApi } from "../../test/support/fake-slack-api.ts";
import type { ChaosResult } from "./chaos-report.ts";
import type { ThrowawayPostgres } from "./throwaway-postgres.ts";

const TOKEN = "chaos-posts";
const TEAMS = "19:chaos@thread.tacv2";

/**
 * A reminder run while the Bot Connector answers 503 and 429 and Slack answers 429 and an error, then a
 * second run with both healthy, then a third. Checked per conversation: every post the platform accepted
 * is stored `sent`, nothing reaches a conversation twice, what failed is stored `failed` with its error,
 * the second run delivers exactly what failed, and the third delivers nothing.
 */
export async function runPostFaults(pg: ThrowawayPostgres): Promise<ChaosResult> {
  const sim = await startSimulator({ tenant: await loadTenantFile(DEMO_TENANT_FILE), token: TOKEN });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  const store = await openStore({ dataDir: "", databaseUrl: await pg.database("chaos_posts") });
  const connector = await startFakeBotConnector();
  const api = await startFakeSlackApi();
  const errors: unknown[] = [];
  const anomalies: string[] = [];
  // Long after the demo tenant's deadlines: weekly reminders of what is overdue are due.
  const now = () => new Date("2026-11-30T00:00:00Z");
  try {
    await runScan({ clients, store, now }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    const engine = createEngine({ store, now });
    const slack = await createSlackChannel({ botToken: "xoxb-chaos", signingSecret: "s", appToken: undefined, apiUrl: api.apiUrl, teamId: undefined }, engine, { remember: conversationMemory(store), now, onError: (e) => errors.push(e) });
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
    const poster = createPoster({ store, now, deliverers: [teamsDeliverer(adapter, undefined), slackDeliverer(slack.app)], onError: (e) => errors.push(e), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 200))) });
    const teamsRef = { channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id: TEAMS, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } };
    await store.upsertConversation({ key: `teams:${TEAMS}`, platform: "teams", reference: teamsRef, kind: "channel", tenant: "t", updatedAt: now().toISOString(), scopes: ["*"] });
    await store.upsertConversation({ key: "slack:C0CHAOS", platform: "slack", reference: { channel: "C0CHAOS" }, kind: "channel", tenant: "T0", updatedAt: now().toISOString(), scopes: ["*"] });

    const teamsPosts = () => connector.calls.filter((c) => c.method === "POST" && c.conversationId === TEAMS).length;
    // Accepted posts only: an answer with ok: false delivered nothing.
    const slackPosts = () => api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0CHAOS" && (c.result as { ok?: boolean } | undefined)?.ok === true).length;
    const rows = async () => (await (store as unknown as { exec: { query: <T>(s: string) => Promise<{ rows: T[] }> } }).exec.query<{ conversation_key: string; post_key: string; status: string; last_error: string | null }>(
      "SELECT conversation_key, post_key, status, last_error FROM posts ORDER BY post_key")).rows;
    const count = (rs: Awaited<ReturnType<typeof rows>>, conv: string, status: string) => rs.filter((r) => r.conversation_key === conv && r.status === status).length;

    connector.fail(2, 503);
    connector.throttle(2, 1);
    api.throttle("chat.postMessage", 2, 1);
    api.fail("chat.postMessage", "internal_error", 1);
    const first = await postReminders(store, poster, now(), { afterEveryDays: 7 });
    const r1 = await rows();
    const t1 = teamsPosts();
    const s1 = slackPosts();
    if (t1 !== count(r1, `teams:${TEAMS}`, "sent")) anomalies.push(`round 1: Teams accepted ${t1} posts, ${count(r1, `teams:${TEAMS}`, "sent")} stored sent`);
    if (s1 !== count(r1, "slack:C0CHAOS", "sent")) anomalies.push(`round 1: Slack accepted ${s1} posts, ${count(r1, "slack:C0CHAOS", "sent")} stored sent`);
    for (const r of r1.filter((x) => x.status === "failed")) if (!r.last_error) anomalies.push(`${r.post_key} failed without an error`);
    if (r1.some((r) => r.status === "sending")) anomalies.push("round 1 left posts 'sending'");
    const failedAfter1 = r1.filter((r) => r.status === "failed").length;

    const second = await postReminders(store, poster, now(), { afterEveryDays: 7 });
    const r2 = await rows();
    const third = await postReminders(store, poster, now(), { afterEveryDays: 7 });
    if (second !== failedAfter1) anomalies.push(`round 2 delivered ${second}, ${failedAfter1} had failed`);
    if (third !== 0) anomalies.push(`round 3 delivered ${third} again`);
    if (r2.some((r) => r.status !== "sent")) anomalies.push(`${r2.filter((r) => r.status !== "sent").length} posts not sent after the platforms recovered`);
    if (teamsPosts() !== count(r2, `teams:${TEAMS}`, "sent")) anomalies.push(`Teams received ${teamsPosts()} posts for ${count(r2, `teams:${TEAMS}`, "sent")} stored: some twice`);
    if (slackPosts() !== count(r2, "slack:C0CHAOS", "sent")) anomalies.push(`Slack received ${slackPosts()} posts for ${count(r2, "slack:C0CHAOS", "sent")} stored: some twice`);
    if (r2.length === 0) anomalies.push("no reminder was due: the scenario checked nothing");
    return {
      fault: "Teams 503/429 and Slack 429/error during a reminder run", checked: r2.length * 3, anomalies,
      notes: `${r2.length} reminders; round 1 sent ${first}, ${failedAfter1} failed (stored with their error); round 2 sent ${second}; round 3 sent ${third}`,
    };
  } finally {
    await connector.close();
    await api.close();
    await store.close();
    await sim.close();
  }
}
