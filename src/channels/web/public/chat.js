// The local web chat: a Bot Framework channel in a page. It posts activities to /api/messages (the
// endpoint Teams uses) with serviceUrl pointing at this server's connector, receives the bot's replies
// over SSE, and renders Adaptive Cards with the adaptivecards library, card actions included.
const lang = (navigator.language || "en").toLowerCase().startsWith("ja") ? "ja" : "en";
const conversationId = `webchat-${crypto.randomUUID()}`;
const userId = localStorage.getItem("tlsbot.user") || `web-${crypto.randomUUID()}`;
localStorage.setItem("tlsbot.user", userId);
const serviceUrl = `${location.origin}/webchat/connector`;

const $ = (id) => document.getElementById(id);
const log = $("log");
let strings = {};
const t = (key, params = {}) => (strings[key] || key).replace(/\{\{(\w+)\}\}/g, (_, k) => String(params[k] ?? ""));

function activity(extra) {
  return {
    id: crypto.randomUUID(), timestamp: new Date().toISOString(), channelId: "webchat", serviceUrl, locale: navigator.language || lang,
    from: { id: userId, name: t("you"), role: "user" }, recipient: { id: "tlsbot", name: "tlsbot", role: "bot" },
    conversation: { id: conversationId }, ...extra,
  };
}

async function post(body) {
  const res = await fetch("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok && res.status !== 200) throw new Error(String(res.status));
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

function append(who, node) {
  const li = document.createElement("li");
  li.className = `msg ${who}`;
  const label = document.createElement("div");
  label.className = "who";
  label.textContent = who === "mine" ? t("you") : t("bot");
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  bubble.append(node);
  li.append(label, bubble);
  log.append(li);
  li.scrollIntoView({ block: "end" });
  return bubble;
}

function renderCard(json, bubble) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: getComputedStyle(document.documentElement).fontFamily,
    supportsInteractivity: true,
  });
  card.onExecuteAction = (action) => onAction(action, bubble);
  card.parse(json);
  const el = card.render();
  bubble.replaceChildren(el);
  return el;
}

async function onAction(action, bubble) {
  try {
    if (action instanceof AdaptiveCards.ExecuteAction) {
      // Universal Actions: the answer is the refreshed card, shown in place of this one.
      const res = await post(activity({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: action.verb, data: action.data ?? {} } } }));
      if (res && res.value && res.type === "application/vnd.microsoft.card.adaptive") renderCard(res.value, bubble);
    } else if (action instanceof AdaptiveCards.SubmitAction) {
      await post(activity({ type: "message", value: action.data ?? {} }));
    } else if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, "_blank", "noopener");
    }
  } catch (err) {
    $("status").textContent = t("sendFailed", { status: err.message });
  }
}

function showActivity(a) {
  for (const att of a.attachments || []) {
    if (att.contentType === "application/vnd.microsoft.card.adaptive") {
      const holder = document.createElement("div");
      const bubble = append("bot", holder);
      bubble.dataset.activityId = a.id;
      renderCard(att.content, bubble);
    }
  }
  if (a.text && !(a.attachments || []).length) {
    const p = document.createElement("div");
    p.className = "text";
    p.textContent = a.text;
    append("bot", p);
  }
}

async function send(text) {
  const p = document.createElement("span");
  p.textContent = text;
  append("mine", p);
  try {
    await post(activity({ type: "message", text }));
    $("status").textContent = "";
  } catch (err) {
    $("status").textContent = t("sendFailed", { status: err.message });
  }
}

async function start() {
  strings = await (await fetch(`/webchat/strings?lang=${lang}`)).json();
  document.documentElement.lang = lang;
  document.title = t("title");
  $("title").textContent = t("title");
  $("banner").textContent = t("banner");
  $("input").placeholder = t("placeholder");
  $("inputLabel").textContent = t("inputLabel");
  $("send").textContent = t("send");
  $("status").textContent = t("connecting");

  const events = new EventSource(`/webchat/events?conversation=${encodeURIComponent(conversationId)}`);
  events.addEventListener("activity", (e) => showActivity(JSON.parse(e.data)));
  events.addEventListener("update", (e) => {
    const a = JSON.parse(e.data);
    const bubble = log.querySelector(`[data-activity-id="${CSS.escape(a.id)}"]`);
    const att = (a.attachments || [])[0];
    if (bubble && att) renderCard(att.content, bubble);
  });
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) $("status").textContent = t("disconnected"); };
  await new Promise((resolve) => events.addEventListener("open", resolve, { once: true }));
  $("status").textContent = "";
  document.body.dataset.ready = "true";

  const welcome = document.createElement("div");
  const intro = document.createElement("div");
  intro.className = "text";
  intro.textContent = t("welcome");
  const chips = document.createElement("div");
  chips.className = "examples";
  for (const ex of t("examples").split("|")) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = ex;
    b.addEventListener("click", () => send(ex));
    chips.append(b);
  }
  welcome.append(intro, chips);
  append("bot", welcome);

  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("input").value.trim();
    if (!text) return;
    $("input").value = "";
    send(text);
  });
  $("input").focus();
}

window.addEventListener("load", start);
