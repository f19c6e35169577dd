import { randomUUID } from "node:crypto";
import { get, type ClientRequest, type IncomingMessage } from "node:http";

export interface ChatEvent {
  readonly event: "activity" | "update";
  readonly activity: { readonly id: string; readonly text?: string; readonly attachments?: { contentType: string; content: unknown }[] } & Record<string, unknown>;
  /** Which connection of the client saw it (0 = the first server process, 1 = after a restart…). */
  readonly connection: number;
}

/**
 * The local web chat page's protocol without the page (src/channels/web/public/chat.js): activities
 * POSTed to /api/messages with the connector as serviceUrl, replies and card updates read from the SSE
 * stream of one conversation. The same conversation can be followed across server restarts.
 */
export class WebChatClient {
  readonly conversationId = `webchat-${randomUUID()}`;
  readonly userId = `web-${randomUUID()}`;
  readonly events: ChatEvent[] = [];
  private server = "";
  private stream: { req: ClientRequest; res: IncomingMessage | null } | null = null;
  private connections = 0;
  private readonly waiting = new Set<() => void>();

  /** `locale`: the browser's language, which the page sends with every activity (`navigator.language`). */
  constructor(private readonly locale = "en-US") {}

  /** The stream opened last (0, 1, … as `connect` is called). */
  get connection(): number {
    return this.connections - 1;
  }

  /** Follows this conversation on `server` (closing any earlier stream); resolves once the stream is open. */
  async connect(server: string): Promise<void> {
    this.disconnect();
    this.server = server;
    const connection = this.connections++;
    await new Promise<void>((resolve, reject) => {
      const req = get(`${server}/webchat/events?conversation=${encodeURIComponent(this.conversationId)}`, { headers: { accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`event stream: HTTP ${res.statusCode}`));
        this.stream = { req, res };
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(": connected")) resolve();
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if ((event === "activity" || event === "update") && data) {
              this.events.push({ event, activity: JSON.parse(data) as ChatEvent["activity"], connection });
              for (const w of [...this.waiting]) w();
            }
          }
        });
        // A killed server ends the stream; what was received stays in `events`.
        res.on("error", () => {});
      });
      req.on("error", reject);
    });
  }

  disconnect(): void {
    this.stream?.req.destroy();
    this.stream = null;
  }

  private activity(extra: Record<string, unknown>) {
    return {
      id: randomUUID(), timestamp: new Date().toISOString(), channelId: "webchat", serviceUrl: `${this.server}/webchat/connector`, locale: this.locale,
      from: { id: this.userId, name: "You", role: "user" }, recipient: { id: "tlsbot", name: "tlsbot", role: "bot" },
      conversation: { id: this.conversationId }, ...extra,
    };
  }

  private async post(body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.server}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Sends a message as the page does; resolves with the bot's first reply after it on the stream. */
  async say(text: string, timeoutMs = 30_000): Promise<ChatEvent> {
    const from = this.events.length;
    const res = await this.post(this.activity({ type: "message", text }));
    if (res.status !== 200) throw new Error(`POST /api/messages: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return this.waitFor((e) => e.event === "activity", from, timeoutMs);
  }

  /**
   * An Action.Execute as the card on activity `replyToId` sends it; the HTTP answer carries the card that
   * replaces it (Universal Actions).
   */
  async execute(verb: string, data: Record<string, unknown>, replyToId: string): Promise<Record<string, unknown>> {
    const res = await this.post(this.activity({ type: "invoke", name: "adaptiveCard/action", replyToId, value: { action: { type: "Action.Execute", verb, data } } }));
    const body = res.body as { statusCode?: number; type?: string; value?: Record<string, unknown> } | null;
    if (res.status !== 200 || body?.statusCode !== 200 || !body.value) throw new Error(`invoke ${verb}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body.value;
  }

  /** The first event (from index `from` on) that matches. */
  waitFor(match: (e: ChatEvent) => boolean, from = 0, timeoutMs = 30_000): Promise<ChatEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (!found) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`no matching chat event within ${timeoutMs} ms; seen: ${this.events.slice(from).map((e) => `${e.event} ${cardText(e.activity).slice(0, 120)}`).join(" | ")}`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }
}

/** Every text of a card (TextBlocks, facts, labels), joined: what a reader of the card sees. */
export function cardText(activity: ChatEvent["activity"] | Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === "string" && (k === "text" || k === "title" || k === "value" || k === "label")) out.push(v);
      else walk(v);
    }
  };
  walk(activity);
  return out.join("\n");
}

/** The data of the card's Action.Execute with this verb (an approval's id and token live there). */
export function executeData(card: unknown, verb: string): Record<string, unknown> | null {
  if (Array.isArray(card)) {
    for (const c of card) {
      const found = executeData(c, verb);
      if (found) return found;
    }
    return null;
  }
  if (!card || typeof card !== "object") return null;
  const node = card as Record<string, unknown>;
  if (node["type"] === "Action.Execute" && node["verb"] === verb) return (node["data"] ?? {}) as Record<string, unknown>;
  for (const v of Object.values(node)) {
    const found = executeData(v, verb);
    if (found) return found;
  }
  return null;
}
