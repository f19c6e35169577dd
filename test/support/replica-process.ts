/**
 * One tlsbot replica for the two-replica test: the real schedules, poster and Teams/Slack deliverers
 * against the test's fake Bot Connector and Slack Web API, on a shared PostgreSQL, with an injected
 * clock that runs `SPEED` times faster than the real one from `START` and stops at `END`.
 *
 * `PAUSE_AT=n` makes this replica stop for good just before its n-th post of a reminder round, after
 * saying so on stdout ("paused …"), so the test can kill it at that exact point: mid-run, with that
 * post claimed and the rest of the round not sent.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { slackDeliverer } from "../../src/channels/slack/slack-deliverer.ts";
import { createSlackChannel } from "../../src/channels/slack/slack-app.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { Deliverer } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { postDigest } from "../../src/schedule/post-digest.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { startSchedules } from "../../src/schedule/start-schedules.ts";
import { openStore } from "../../src/store/open-store.ts";

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};
const name = env("REPLICA");
const start = Date.parse(env("START"));
const end = Date.parse(env("END"));
const speed = Number(env("SPEED"));
const leaseMs = Number(env("LEASE_MS"));
const pauseAt = Number(process.env["PAUSE_AT"] ?? 0);
const zone = "Asia/Tokyo";
// The clock starts when the replica is ready (store open, Slack client up), so both replicas see every slot.
let t0 = Date.now();
const now = () => new Date(Math.min(end, start + (Date.now() - t0) * speed));
const say = (line: string) => process.stdout.write(`${line}\n`);

const store = await openStore({ dataDir: "/nonexistent-unused", databaseUrl: env("DATABASE_URL") });
const onError = (err: unknown) => say(`error ${(err as Error).message}`);
const engine = createEngine({ store, now });
const slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: "s", appToken: undefined, apiUrl: env("SLACK_API_URL"), teamId: undefined }, engine, { remember: async () => {}, now, onError });
const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, onError);

// Which round a send belongs to: the reminder and digest jobs run side by side.
const round = new AsyncLocalStorage<"reminders">();
let reminderSends = 0;
let frozen = false;
let sending = 0;
const forever = () => new Promise<never>(() => {});
const paused = (d: Deliverer): Deliverer => ({
  ...d,
  async send(conversation, post) {
    if (frozen) return forever();
    if (round.getStore() === "reminders" && pauseAt > 0 && ++reminderSends === pauseAt) {
      // Freeze: no other post starts, the ones under way (a digest round may be running too) finish and
      // are recorded, and only then is the test told — so the kill lands with exactly this post claimed
      // and unsent. (A kill between a platform accepting a post and its recording is not what this tests.)
      frozen = true;
      while (sending > 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 300));
      say(`paused ${conversation.key}`);
      return forever();
    }
    sending++;
    try {
      return await d.send(conversation, post);
    } finally {
      sending--;
    }
  },
});
const deliverers = [paused(teamsDeliverer(adapter, undefined, { local: true })), paused(slackDeliverer(slack.app))];
// Spacing between posts to one conversation is real time; at this clock speed it would only slow the test.
const poster = createPoster({ store, now, deliverers, onError, sleep: async () => {}, postLeaseMs: leaseMs });

t0 = Date.now();
const schedules = startSchedules([
  {
    name: "reminders", cron: "0 9 * * *", run: async (slot, { takeover }) => {
      say(`run reminders:${slot.toISOString()}`);
      await round.run("reminders", () => postReminders(store, poster, slot, { takeover }));
    },
  },
  {
    name: "digest", cron: "0 9 * * 1", run: async (slot, { takeover }) => {
      say(`run digest:${slot.toISOString()}`);
      await postDigest(store, poster, slot, { timeZone: zone, takeover });
    },
  },
], { store, now, timeZone: zone, onError: (err) => say(`error ${(err as Error).stack ?? String(err)}`), leaseMs, pollMs: 20, lookbackMs: 120 * 86_400_000, startLookbackMs: 11 * 3600_000 });

// The schedules' timer does not hold a process open (serve's HTTP server does); this one must stay up.
const keepAlive = setInterval(() => {}, 60_000);
say(`ready ${name}`);
const stop = async () => {
  clearInterval(keepAlive);
  await schedules.stop();
  await store.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
