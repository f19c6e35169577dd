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
  if (!res.ok) throw new Error(String(res.status));
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
  reveal(li);
  return bubble;
}

/** Brings a new message into view: all of it when it fits, else its beginning, where the answer starts. */
function reveal(li) {
  const fits = li.getBoundingClientRect().height <= li.closest("main").clientHeight;
  li.scrollIntoView({ block: fits ? "end" : "start" });
}

const CARD = "application/vnd.microsoft.card.adaptive";
// Teams' look for the container styles the cards use (the library's defaults leave them all white).
const containerStyles = {
  default: { backgroundColor: "#FFFFFF" }, emphasis: { backgroundColor: "#F5F5F5" }, accent: { backgroundColor: "#DEECF9" },
  good: { backgroundColor: "#E7F2DA" }, attention: { backgroundColor: "#FDE7E9" }, warning: { backgroundColor: "#FFF4CE" },
};

function renderCard(json, bubble) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: getComputedStyle(document.documentElement).fontFamily,
    supportsInteractivity: true,
    containerStyles,
  });
  card.onExecuteAction = (action) => onAction(action, bubble);
  card.parse(json);
  const el = card.render();
  bubble.replaceChildren(el);
  return el;
}

/** An action that did not go through is said on the card it came from; the card stays usable. */
function showActionError(bubble, status) {
  bubble.querySelector(".action-error")?.remove();
  const p = document.createElement("p");
  p.className = "action-error";
  p.setAttribute("role", "alert");
  p.textContent = t("actionFailed", { status });
  bubble.append(p);
}

function setBusy(bubble, busy) {
  bubble.setAttribute("aria-busy", String(busy));
  for (const b of bubble.querySelectorAll("button")) b.disabled = busy;
}

/**
 * A card re-rendered in place (or a button disabled while busy) drops the keyboard focus to <body>, and a
 * keyboard user would have to Tab through the whole log again. If the focus was in this card and is now
 * nowhere, it goes back to the control it was on when that still exists, else to the card.
 */
function focusKeeper(bubble) {
  const was = bubble.contains(document.activeElement) ? document.activeElement : null;
  return () => {
    if (!was || (document.activeElement && document.activeElement !== document.body)) return;
    (was.isConnected && !was.disabled ? was : bubble.querySelector(".ac-adaptiveCard"))?.focus();
  };
}

async function onAction(action, bubble) {
  // The card's own activity: the bot updates it in place later (an approval's progress), as Teams does.
  const replyToId = bubble.dataset.activityId;
  bubble.querySelector(".action-error")?.remove();
  const restoreFocus = focusKeeper(bubble);
  try {
    if (action instanceof AdaptiveCards.ExecuteAction) {
      // Universal Actions: the answer is the refreshed card, shown in place of this one. `action.data` holds
      // the card's data with the inputs merged in (the library does it once the inputs validate).
      const seen = bubble.dataset.updates;
      setBusy(bubble, true);
      let res;
      try {
        res = await post(activity({ type: "invoke", name: "adaptiveCard/action", ...(replyToId ? { replyToId } : {}), value: { action: { type: "Action.Execute", verb: action.verb, data: action.data ?? {} } } }));
      } finally {
        setBusy(bubble, false);
      }
      if (res && typeof res.statusCode === "number" && res.statusCode >= 400) throw new Error(String(res.statusCode));
      // An update pushed while the answer was on its way is newer than the answer: keep it.
      if (bubble.dataset.updates !== seen) return;
      if (res && res.value && res.type === CARD) renderCard(res.value, bubble);
    } else if (action instanceof AdaptiveCards.SubmitAction) {
      await post(activity({ type: "message", ...(replyToId ? { replyToId } : {}), value: action.data ?? {} }));
    } else if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, "_blank", "noopener");
    }
  } catch (err) {
    showActionError(bubble, err.message);
  } finally {
    restoreFocus();
  }
}

function showActivity(a) {
  for (const att of a.attachments || []) {
    if (att.contentType === CARD) {
      const holder = document.createElement("div");
      const bubble = append("bot", holder);
      bubble.dataset.activityId = a.id;
      renderCard(att.content, bubble);
      // Measured again now that the card is there: it was an empty holder when appended.
      reveal(bubble.parentElement);
    }
  }
  if (a.text && !(a.attachments || []).length) {
    const p = document.createElement("div");
    p.className = "text";
    p.textContent = a.text;
    append("bot", p);
  }
}

/** Most answers take a blink; a scan or a slow store can take seconds, and then the page says it is on it. */
const WAITING_AFTER_MS = 400;

async function send(text) {
  const p = document.createElement("span");
  p.textContent = text;
  append("mine", p);
  log.setAttribute("aria-busy", "true");
  const waiting = setTimeout(() => { $("status").textContent = t("waiting"); }, WAITING_AFTER_MS);
  try {
    // The bot's replies reach the page over SSE before this request is answered.
    await post(activity({ type: "message", text }));
    $("status").textContent = "";
  } catch (err) {
    $("status").textContent = t("sendFailed", { status: err.message });
  } finally {
    clearTimeout(waiting);
    log.setAttribute("aria-busy", "false");
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
    const att = (a.attachments || []).find((x) => x.contentType === CARD);
    if (!bubble || !att) return;
    bubble.dataset.updates = String(Number(bubble.dataset.updates || 0) + 1);
    const restoreFocus = focusKeeper(bubble);
    renderCard(att.content, bubble);
    restoreFocus();
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
