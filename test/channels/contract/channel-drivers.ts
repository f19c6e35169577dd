import { randomUUID } from "node:crypto";
import type { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { form, signedSlackRequest } from "../../support/slack-request.ts";

export interface Answer {
  /** Everything the user would see, as one string to search. */
  readonly text: string;
  readonly actions: ReadonlyArray<{ verb: string; data: Record<string, unknown> }>;
}

/** One chat platform as a user meets it: ask in words, press a button. */
export interface ChannelDriver {
  readonly name: string;
  ask(text: string): Promise<Answer>;
  press(action: { verb: string; data: Record<string, unknown> }): Promise<Answer>;
}

function cardAnswer(card: unknown): Answer {
  const actions = ((card as { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> }).actions ?? [])
    .filter((a) => typeof a.verb === "string").map((a) => ({ verb: a.verb as string, data: a.data ?? {} }));
  return { text: JSON.stringify(card), actions };
}

function activity(serviceUrl: string, channelId: string, conversationId: string, extra: Record<string, unknown>) {
  return {
    id: randomUUID(), timestamp: new Date().toISOString(), channelId, serviceUrl, locale: "en-US",
    from: { id: "29:user", name: "Aki", aadObjectId: "6b4a1c2d-0000-4000-a000-000000000001" }, recipient: { id: "28:bot", name: "tlsbot" },
    conversation: { id: conversationId, conversationType: "personal", tenantId: "72f988bf-0000-4000-a000-0000000000aa" }, ...extra,
  };
}

async function invoke(url: string, a: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(a) });
  const body = (await res.json()) as { value: unknown };
  return cardAnswer(body.value);
}

export function teamsDriver(serverUrl: string, connector: FakeBotConnector): ChannelDriver {
  const conversation = `a:contract-${randomUUID()}`;
  return {
    name: "teams",
    async ask(text) {
      const a = activity(connector.serviceUrl, "msteams", conversation, { type: "message", text });
      await fetch(`${serverUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(a) });
      const reply = await connector.waitFor(() => connector.calls.find((c) => c.replyToId === a.id));
      return cardAnswer((reply.activity["attachments"] as Array<{ content: unknown }>)[0]?.content);
    },
    press: (action) => invoke(serverUrl, activity(connector.serviceUrl, "msteams", conversation, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", ...action } } })),
  };
}

/** The web chat's own path: its connector on the same server, replies read from the SSE stream. */
export async function webDriver(serverUrl: string): Promise<ChannelDriver & { close(): void }> {
  const conversation = `webchat-${randomUUID()}`;
  const abort = new AbortController();
  const res = await fetch(`${serverUrl}/webchat/events?conversation=${conversation}`, { signal: abort.signal });
  const reader = res.body!.getReader();
  const pending: Array<Record<string, unknown>> = [];
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        let i;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (data) pending.push(JSON.parse(data) as Record<string, unknown>);
        }
      }
    } catch {
      // closed
    }
  })();
  const serviceUrl = `${serverUrl}/webchat/connector`;
  return {
    name: "web",
    async ask(text) {
      pending.length = 0;
      await fetch(`${serverUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity(serviceUrl, "webchat", conversation, { type: "message", text })) });
      for (let t = 0; t < 500 && pending.length === 0; t++) await new Promise((r) => setTimeout(r, 10));
      const a = pending.shift();
      if (!a) throw new Error("no reply on the web chat stream");
      return cardAnswer((a["attachments"] as Array<{ content: unknown }>)[0]?.content);
    },
    press: (action) => invoke(serverUrl, activity(serviceUrl, "webchat", conversation, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", ...action } } })),
    close: () => abort.abort(),
  };
}

export function slackDriver(serverUrl: string, api: FakeSlackApi, secret: string): ChannelDriver {
  let n = 0;
  const blocksAnswer = (body: Record<string, unknown>): Answer => {
    const blocks = (body["blocks"] as Array<Record<string, unknown>>) ?? [];
    const actions = blocks.filter((b) => b["type"] === "actions").flatMap((b) => (b["elements"] as Array<{ value: string }>).map((e) => {
      const { verb, ...data } = JSON.parse(e.value) as { verb: string } & Record<string, unknown>;
      return { verb, data };
    }));
    return { text: JSON.stringify(blocks), actions };
  };
  const respond = async (id: string) => blocksAnswer(await api.waitFor(() => api.responses.find((r) => r.id === id)?.body));
  return {
    name: "slack",
    async ask(text) {
      const id = `contract-${++n}`;
      const body = form({ team_id: "T0CONTOSO", channel_id: "C0CONTRACT", user_id: "U0AKI", command: "/tls", text, response_url: api.responseUrl(id), trigger_id: "t" });
      await fetch(`${serverUrl}/slack/events`, signedSlackRequest(secret, body, "application/x-www-form-urlencoded"));
      return respond(id);
    },
    async press(action) {
      const id = `contract-${++n}`;
      const payload = { type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: "U0AKI" }, channel: { id: "C0CONTRACT" }, response_url: api.responseUrl(id), trigger_id: "t", actions: [{ type: "button", action_id: `${action.verb}:0`, value: JSON.stringify({ verb: action.verb, ...action.data }), action_ts: "1" }] };
      await fetch(`${serverUrl}/slack/events`, signedSlackRequest(secret, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"));
      return respond(id);
    },
  };
}
