import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { isLoopbackHost } from "../../domain/loopback.ts";
import { loadLocaleResources } from "../../render/i18n.ts";
import { sendJson, type HttpRequest, type Route } from "../http/http-server.ts";
import { refuseNonLocal } from "../http/local-request-guard.ts";

const PUBLIC = new URL("./public/", import.meta.url);
const ADAPTIVECARDS_JS = createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.min.js");
/** Events kept for a conversation whose page is not connected, and how many such conversations. */
const MAX_WAITING = 20;
const MAX_WAITING_CONVERSATIONS = 200;
/** Conversation ids the page makes up; anything else is not the web chat's. */
const CONVERSATION = /^webchat-[0-9a-f-]{36}$/;

function staticFile(res: ServerResponse, path: string | URL, type: string): void {
  const body = readFileSync(path);
  res.writeHead(200, { "content-type": type, "content-length": body.length, "cache-control": "no-cache", "x-content-type-options": "nosniff" });
  res.end(body);
}

/**
 * The local web chat is a Bot Framework channel in miniature: the page posts activities to /api/messages
 * (the Teams endpoint) with `serviceUrl` pointing at the connector below, the bot replies to that
 * connector as it would to Teams', and the connector streams the replies to the page over SSE. It exists
 * only in unauthenticated local mode, on loopback.
 */
/** Every web chat route serves this machine's user only: no foreign Host (DNS rebinding), no foreign Origin. */
function localOnly(req: HttpRequest, res: ServerResponse): boolean {
  const refused = refuseNonLocal(req, { body: req.method !== "GET" });
  if (refused) sendJson(res, refused.status, { error: refused.error });
  return refused === null;
}

function guarded(route: Route): Route {
  return { ...route, handler: (req, res) => (localOnly(req, res) ? route.handler(req, res) : undefined) };
}

export function webChatRoutes(onActivity?: (conversationId: string, activity: Record<string, unknown>) => void): Route[] {
  const streams = new Map<string, Set<ServerResponse>>();
  const waiting = new Map<string, string[]>();
  const push = (conversationId: string, event: string, activity: Record<string, unknown>) => {
    onActivity?.(conversationId, activity);
    const frame = `event: ${event}\ndata: ${JSON.stringify(activity)}\n\n`;
    const open = streams.get(conversationId);
    if (open?.size) {
      for (const res of open) res.write(frame);
      return;
    }
    // No page is listening right now (it is reconnecting, or was reloaded): keep the last few events for
    // it, so a card update that lands in between is not lost.
    const queue = waiting.get(conversationId) ?? [];
    queue.push(frame);
    if (queue.length > MAX_WAITING) queue.shift();
    waiting.delete(conversationId);
    waiting.set(conversationId, queue);
    if (waiting.size > MAX_WAITING_CONVERSATIONS) waiting.delete(waiting.keys().next().value as string);
  };
  const loopbackOnly = (req: HttpRequest, res: ServerResponse) => {
    if (isLoopbackHost(req.remoteAddress.replace(/^::ffff:/, ""))) return true;
    sendJson(res, 403, { error: "the web chat connector accepts only local requests" });
    return false;
  };
  const security = {
    "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    "x-frame-options": "DENY",
  };
  const routes: Route[] = [
    {
      method: "GET", pattern: /^\/$/,
      handler: (_req, res) => {
        for (const [k, v] of Object.entries(security)) res.setHeader(k, v);
        staticFile(res, new URL("index.html", PUBLIC), "text/html; charset=utf-8");
      },
    },
    {
      method: "GET", pattern: /^\/webchat\/strings$/,
      handler: (req, res) => sendJson(res, 200, loadLocaleResources()[req.query.get("lang") === "ja" ? "ja" : "en"]?.["web"] ?? {}),
    },
    { method: "GET", pattern: /^\/webchat\/chat\.js$/, handler: (_req, res) => staticFile(res, new URL("chat.js", PUBLIC), "text/javascript; charset=utf-8") },
    { method: "GET", pattern: /^\/webchat\/chat\.css$/, handler: (_req, res) => staticFile(res, new URL("chat.css", PUBLIC), "text/css; charset=utf-8") },
    { method: "GET", pattern: /^\/webchat\/adaptivecards\.js$/, handler: (_req, res) => staticFile(res, ADAPTIVECARDS_JS, "text/javascript; charset=utf-8") },
    {
      method: "GET", pattern: /^\/webchat\/events$/,
      handler: (req, res) => {
        const id = req.query.get("conversation") ?? "";
        if (!CONVERSATION.test(id)) return sendJson(res, 400, { error: "unknown conversation" });
        res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
        res.write(": connected\n\n");
        for (const frame of waiting.get(id) ?? []) res.write(frame);
        waiting.delete(id);
        const set = streams.get(id) ?? new Set<ServerResponse>();
        set.add(res);
        streams.set(id, set);
        req.raw.on("close", () => {
          set.delete(res);
          if (set.size === 0) streams.delete(id);
        });
      },
    },
    {
      // What the bot calls to reply: POST {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}].
      method: "POST", pattern: /^\/webchat\/connector\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?$/,
      handler: (req, res) => {
        if (!loopbackOnly(req, res)) return;
        const conversationId = decodeURIComponent(req.path.split("/")[5] ?? "");
        if (!CONVERSATION.test(conversationId)) return sendJson(res, 404, { error: { code: "ConversationNotFound", message: "unknown conversation" } });
        const activity = JSON.parse(req.rawBody.toString("utf8")) as Record<string, unknown>;
        const id = randomUUID();
        push(conversationId, "activity", { ...activity, id });
        sendJson(res, 200, { id });
      },
    },
    {
      method: "PUT", pattern: /^\/webchat\/connector\/v3\/conversations\/[^/]+\/activities\/[^/]+$/,
      handler: (req, res) => {
        if (!loopbackOnly(req, res)) return;
        const parts = req.path.split("/");
        const conversationId = decodeURIComponent(parts[5] ?? "");
        if (!CONVERSATION.test(conversationId)) return sendJson(res, 404, { error: { code: "ConversationNotFound", message: "unknown conversation" } });
        const activity = JSON.parse(req.rawBody.toString("utf8")) as Record<string, unknown>;
        push(conversationId, "update", { ...activity, id: decodeURIComponent(parts[7] ?? "") });
        sendJson(res, 200, { id: parts[7] });
      },
    },
  ];
  return routes.map(guarded);
}
