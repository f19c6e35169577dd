import { kindName } from "../azure/kinds/kind-definition.ts";
import { KIND_DEFINITIONS } from "../azure/kinds/registry.ts";
import { RETIREMENTS, upgradeFactsFor } from "../catalog/lookup.ts";
import { deadlineBook } from "../catalog/deadline-book.ts";
import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { overviewView } from "./overview.ts";
import { changesView } from "./changes-view.ts";
import { isTlsbotError } from "../domain/errors.ts";
import { lowestSettingOf } from "../domain/lowest-setting.ts";
import { UPGRADE_TARGET, type TlsVersion } from "../domain/tls-version.ts";
import type { Lang } from "../render/i18n.ts";
import type { View, ViewAction } from "../render/view-model.ts";
import type { Approvals, Where } from "../approvals/approvals.ts";
import type { NoticeReview } from "../notices/review/notice-review.ts";
import type { Store } from "../store/store.ts";
import { langOfLocale, type Command } from "./command.ts";
import type { Intent, ResourceFilter } from "./intent.ts";
import { sanitizeAction } from "./card-action.ts";
import { dateIn } from "./find-due-window.ts";
import { filterKey, InventoryIndex, toRow, type InventoryRow } from "./inventory-index.ts";
import { Lexicon } from "./lexicon.ts";
import { parseQuestion } from "./parse-intent.ts";
import { checklistOf, markChecklistItem } from "../notices/apply/checklist.ts";
import { checklistView } from "./checklist-view.ts";
import { isCalendarDay } from "../notices/extract/find-dates.ts";
import { heldNoticeView } from "./held-notice-view.ts";
import { retirementsView } from "./retirements-view.ts";
import { kindsThatCannotTake, targetAboveKindsView } from "./upgrade-target.ts";
import { resourceGroupUnknownView } from "./resource-group-answer.ts";

type ResourceListView = Extract<View, { type: "resourceList" }>;

/** Questions answered from the inventory: before any scan, "nothing matches" would be taken for a clean tenant. */
const FROM_INVENTORY: ReadonlySet<Intent["type"]> = new Set(["list", "resource", "overview", "changes", "resourceGroupUnknown"]);

/** The subscriptions and resource groups a filter names, as titles show them (the filter holds ids). */
const scopeNamesOf = (idx: InventoryIndex, f: ResourceFilter): string[] => [...(f.subscriptionIds ?? []).map((id) => idx.subscriptionName(id)), ...(f.resourceGroups ?? [])];

/** `nothingScanned`: not one subscription could be read, so the stored inventory was not replaced. */
export interface ScanSummary { total: number; needsAction: number; errors: number; added: number; changed: number; removed: number; nothingScanned: boolean }

export interface EngineDeps {
  readonly store: Store;
  readonly now: () => Date;
  /** Reader's time zone per language (default Asia/Tokyo for ja, UTC for en). */
  readonly timeZone?: (lang: Lang) => string;
  readonly defaultLang?: Lang;
  readonly pageSize?: number;
  /** Runs a scan now; absent when this process cannot scan (then "scan" says so). */
  readonly scan?: () => Promise<ScanSummary>;
  readonly lexicon?: Lexicon;
  /** How long an answer may use the inventory without checking the store for a newer scan (default 1 s). */
  readonly freshnessMs?: number;
  /** The upgrade approval workflow; absent where this process may not change Azure (then it says so). */
  readonly approvals?: Approvals;
  /** Review of the notices held for a person; absent where this process cannot decide them (then it says so). */
  readonly noticeReview?: NoticeReview;
}

export interface Reply {
  readonly lang: Lang;
  /** The reader's time zone for this answer (dates in it are shown in that zone). */
  readonly timeZone?: string;
  readonly intent: Intent["type"] | "approval";
  readonly view: View;
  /** For lists: every matching resource, in answer order (the card shows one page). */
  readonly matches: readonly InventoryRow[];
}


/**
 * The one conversation engine: every channel, the scheduler and the CLI call `handle`. It reads the
 * question, answers from the in-memory inventory, and returns a view model; it never renders.
 */
export function createEngine(deps: EngineDeps) {
  const lexicon = deps.lexicon ?? new Lexicon();
  const pageSize = deps.pageSize ?? 20;
  const tz = deps.timeZone ?? ((lang: Lang) => (lang === "ja" ? "Asia/Tokyo" : "UTC"));
  const activeSnoozes = (snoozes: Readonly<Record<string, string>> | undefined, now: Date, lang: Lang) => activeSnoozesIn(snoozes, now, tz(lang));
  let index: InventoryIndex | null = null;
  let checkedAt = 0;
  // A language chosen on another replica is seen here as soon as the inventory would be (`freshnessMs`): one
  // small read per user and interval, not one per message.
  const langs = new Map<string, { lang: "ja" | "en" | null; at: number }>();
  // One page of a list, per snapshot (index key), filter, offset and language: the views many people and
  // pages ask for again are built once. A new snapshot has a new key, so an entry never goes stale.
  const pages = new Map<string, ResourceListView>();
  let cursorsExpiredAt = 0;

  // Whether the inventory changed (a scan, a notice, another replica) is checked at most once a second:
  // two queries per question would cost more than answering it.
  async function currentIndex(now: Date, lang: Lang): Promise<InventoryIndex> {
    const wall = performance.now();
    if (index && wall - checkedAt < (deps.freshnessMs ?? 1000) && index.key.endsWith(`|${dateIn(now, tz(lang))}`)) return index;
    const key = await InventoryIndex.keyOf(deps.store, now, tz(lang));
    if (!index || index.key !== key) index = await InventoryIndex.load(deps.store, now, tz(lang));
    checkedAt = wall;
    return index;
  }

  async function userLang(actorKey: string): Promise<"ja" | "en" | null> {
    const cached = langs.get(actorKey);
    const wall = performance.now();
    if (cached && wall - cached.at < (deps.freshnessMs ?? 1000)) return cached.lang;
    if (langs.size > 10_000) langs.clear();
    const lang = await deps.store.getUserLang(actorKey);
    langs.set(actorKey, { lang, at: wall });
    return lang;
  }

  /** `stored`: the store's cursor already stands at `offset` ("more" moved it there). */
  async function listView(idx: InventoryIndex, filter: ResourceFilter, offset: number, lang: Lang, conversationId: string, now: Date, stored = false): Promise<Reply> {
    const view = pageView(idx, filter, Math.max(0, offset), lang);
    // "more" typed in chat continues this list wherever it is answered: the cursor is in the store.
    // (Card buttons carry their own filter and offset instead.) An offset past the end of the list as it is now
    // (a list a scan has since shortened) shows its last page, and the cursor stays there.
    if (!stored || view.offset !== offset) await remember(conversationId, { filter, offset: view.offset }, now);
    let all: readonly InventoryRow[] | null = null;
    return {
      lang, intent: "list",
      // Every match is only built when asked for (`ask --json`); a chat answer needs one page.
      get matches() {
        all ??= idx.query(filter);
        return all;
      },
      view,
    };
  }

  function pageView(idx: InventoryIndex, filter: ResourceFilter, offset: number, lang: Lang): ResourceListView {
    const key = `${idx.key}|${lang}|${offset}|${filterKey(filter)}`;
    const hit = pages.get(key);
    if (hit) return hit;
    const page = idx.page(filter, offset, pageSize);
    const start = page.offset;
    const actions: ViewAction[] = start + pageSize < page.total ? [{ verb: "page", label: "nextPage", data: { filter, offset: start + pageSize, lang } }] : [];
    const view: ResourceListView = { type: "resourceList", filter, scopeNames: scopeNamesOf(idx, filter), rows: page.rows.map(toRow), total: page.total, offset: start, unknownTls: page.unknownTls, actions };
    pages.set(key, view);
    if (pages.size > 500) pages.delete(pages.keys().next().value as string);
    return view;
  }

  async function remember(conversationId: string, cursor: { filter: ResourceFilter; offset: number }, now: Date): Promise<void> {
    await deps.store.setListCursor(conversationId, { filter: cursor.filter as Readonly<Record<string, unknown>>, offset: cursor.offset }, now.toISOString());
    // Cursors nobody continued within a day go; one replica or another does it about once an hour.
    if (now.getTime() - cursorsExpiredAt > 3_600_000) {
      cursorsExpiredAt = now.getTime();
      await deps.store.expireListCursors(new Date(now.getTime() - CURSOR_TTL_MS).toISOString());
    }
  }

  function detailView(row: InventoryRow, lang: Lang): Reply {
    const facts = upgradeFactsFor(row.finding.type, row.retirementId !== null);
    // A retirement only a notice announced (tracking-<id>) is named with its deadline: the catalog says nothing of it.
    const governedBy = row.retirementId !== null && row.deadline !== null && !RETIREMENTS.some((r) => r.id === row.retirementId) ? { retirementId: row.retirementId, deadline: row.deadline } : null;
    const actions: ViewAction[] = row.status === "compliant" ? [] : [{ verb: "approveUpgrade", label: "upgrade", data: { resourceId: row.finding.id, lang } }];
    const lowestSetting = lowestSettingOf(row.finding.extra);
    return { lang, intent: "resource", matches: [row], view: { type: "resourceDetail", row: toRow(row), createdAt: row.finding.createdAt, ...(lowestSetting ? { lowestSetting } : {}), ...(governedBy ? { governedBy } : {}), sideEffects: facts.sideEffects, reversible: facts.reversible, actions } };
  }

  /** The retirement a trusted notice created for a kind's ARM types, chosen as scans and reminders choose it; null when none. */
  async function noticeRetirementOf(kindId: string): Promise<string | null> {
    const book = deadlineBook(await deps.store.listRetirements());
    const found = (KIND_DEFINITIONS.find((d) => d.id === kindId)?.armTypes ?? []).flatMap((t) => book(t) ?? []);
    found.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
    return found[0]?.id ?? null;
  }

  /**
   * Ticks one checklist item of an agent retirement (null: its headline item, the one said in words) and
   * answers with the checklist. Stored, in the retirement's history and audited by `markChecklistItem`.
   */
  async function tickChecklist(retirementId: string, item: string | null, actorKey: string, now: Date, lang: Lang): Promise<Reply> {
    const cat = RETIREMENTS.find((c) => c.id === retirementId);
    if (!cat || cat.checklist.length === 0) return { lang, intent: "checklistDone", matches: [], view: { type: "error", code: "retirementUnknown", params: { retirement: retirementId } } };
    const key = item ?? cat.checklist[0]!;
    if (!cat.checklist.includes(key)) return { lang, intent: "checklistDone", matches: [], view: { type: "error", code: "checklistItemUnknown", params: { retirement: retirementId, item: key } } };
    const current = effectiveRetirements(await deps.store.listRetirements()).find((r) => r.id === retirementId)!;
    // Ticking what is already done changes nothing and is not audited again.
    const after = checklistOf(current).find((i) => i.key === key)?.done ? current : await markChecklistItem(deps.store, retirementId, key, true, actorKey, now.toISOString());
    invalidate();
    return { lang, intent: "checklistDone", matches: [], view: checklistView(after, now, key) };
  }

  async function handle(cmd: Command): Promise<Reply> {
    const reply = await answer(cmd);
    // Assigned, not spread: spreading would build a list's lazy `matches`.
    return Object.assign(reply, { timeZone: tz(reply.lang) });
  }

  async function answer(cmd: Command): Promise<Reply> {
    const now = deps.now();
    const actorKey = `${cmd.actor.platform}:${cmd.actor.id}`;
    const preferred = (await userLang(actorKey)) ?? langOfLocale(cmd.locale) ?? deps.defaultLang ?? "en";
    try {
      if (cmd.action) return await handleAction(cmd, preferred, now);
      const idx = await currentIndex(now, preferred);
      const { intent, textLang } = parseQuestion(cmd.text ?? "", lexicon, idx.vocabulary, now, tz(preferred));
      const lang = textLang ?? preferred;
      if (!idx.scanned && FROM_INVENTORY.has(intent.type)) {
        // `tlsbot ask`, or a process that cannot scan, is told the command; a chat that can, the words to say.
        const code = cmd.actor.platform === "cli" || !deps.scan ? "noScanYetCli" : "noScanYet";
        return { lang, intent: intent.type, matches: [], view: { type: "error", code, params: {} } };
      }
      switch (intent.type) {
        case "list": return await listView(idx, intent.filter, intent.offset, lang, cmd.conversationId, now);
        case "resource": {
          const row = idx.get(intent.resourceId);
          return row ? detailView(row, lang) : { lang, intent: "resource", matches: [], view: { type: "help", reason: "notUnderstood" } };
        }
        case "changes": return { lang, intent: "changes", matches: [], view: await changesView(deps.store, now, idx) };
        case "overview": {
          const scope = intent.scope;
          const rows = scope ? idx.query(scope) : idx.rows;
          // The index was built from the latest scan, and keeps what that scan could not read. Asked about a scope: the
          // subscriptions it names, or else those its resources are in (as an earlier scan saw them).
          const inScope = scope ? new Set((scope.subscriptionIds ?? rows.map((r) => r.finding.subscriptionId)).map((id) => id.toLowerCase())) : null;
          const errors = idx.scanErrors.filter((e) => !inScope || inScope.has(e.subscriptionId.toLowerCase()));
          const unread = [...new Map(errors.map((e) => [e.subscriptionId, { name: idx.subscriptionName(e.subscriptionId), code: e.code }])).values()];
          const view = overviewView(rows, unread, scope ? scopeNamesOf(idx, scope) : [], scope?.subscriptionIds?.length === 1);
          return { lang, intent: "overview", matches: [], view: intent.unknownName ? { ...view, unmatched: intent.unknownName } : view };
        }
        case "retirements": return { lang, intent: "retirements", matches: [], view: retirementsView(idx.rows, await deps.store.listRetirements(), now, intent.retirementIds, intent.kindsWithout) };
        case "more": {
          const next = await deps.store.advanceListCursor(cmd.conversationId, pageSize, new Date(now.getTime() - CURSOR_TTL_MS).toISOString(), now.toISOString());
          if (!next) return { lang, intent: "more", matches: [], view: { type: "help", reason: "noMore" } };
          const filter = next.filter as ResourceFilter;
          // The page shown last began one page back. When it was the list's last page, that is all there is: said so
          // (with the count) rather than shown again. When the list has since shrunk below it, its last page is news.
          const shown = next.offset - pageSize;
          const { total } = pageView(idx, filter, next.offset, lang);
          if (next.offset >= total && (shown < total || total === 0)) {
            await remember(cmd.conversationId, { filter, offset: Math.max(0, shown) }, now);
            return { lang, intent: "more", matches: [], view: { type: "listEnd", filter, scopeNames: scopeNamesOf(idx, filter), total } };
          }
          return await listView(idx, filter, next.offset, lang, cmd.conversationId, now, true);
        }
        case "language":
          await deps.store.setUserLang(actorKey, intent.lang, now.toISOString());
          langs.set(actorKey, { lang: intent.lang, at: performance.now() });
          return { lang: intent.lang, intent: "language", matches: [], view: { type: "language", lang: intent.lang } };
        case "scan": {
          if (!deps.scan) return { lang, intent: "scan", matches: [], view: { type: "error", code: "scanUnavailable", params: {} } };
          const s = await deps.scan();
          index = null;
          // A scan that read nothing is a failure, not "0 resources, 0 need action" shown as good news.
          if (s.nothingScanned) return { lang, intent: "scan", matches: [], view: { type: "error", code: "scanReadNothing", params: { count: s.errors } } };
          const { nothingScanned: _nothingScanned, ...summary } = s;
          return { lang, intent: "scan", matches: [], view: { type: "scan", ...summary } };
        }
        case "subscribe":
        case "unsubscribe": {
          const conversation = await deps.store.getConversation(cmd.conversationId);
          if (!conversation) return { lang, intent: intent.type, matches: [], view: { type: "error", code: "subscribeUnavailable", params: {} } };
          const scopes = intent.type === "unsubscribe" ? [] : intent.scopes.length ? intent.scopes : ["*"];
          const updated = await deps.store.updateConversationSettings(cmd.conversationId, { scopes, ...(intent.type === "subscribe" && intent.langs ? { langs: intent.langs } : {}) }, now.toISOString());
          await deps.store.appendAudit({ at: now.toISOString(), actor: actorKey, action: intent.type === "subscribe" ? "channel.subscribe" : "channel.unsubscribe", target: cmd.conversationId, detail: { scopes, langs: updated.langs } });
          const scopeNames = scopes.map((s) => (s === "*" ? "*" : idx.subscriptionName(s)));
          return { lang, intent: intent.type, matches: [], view: { type: "subscription", active: scopes.length > 0, scopeNames, langs: updated.langs, snoozes: activeSnoozes(updated.snoozes, now, lang) } };
        }
        case "snooze":
        case "resume":
        case "subscriptions": {
          const conversation = await deps.store.getConversation(cmd.conversationId);
          if (!conversation) return { lang, intent: intent.type, matches: [], view: { type: "error", code: "subscribeUnavailable", params: {} } };
          if (conversation.scopes.length === 0) {
            const view: View = intent.type === "subscriptions"
              ? { type: "subscription", active: false, scopeNames: [], langs: conversation.langs, snoozes: [] }
              : { type: "error", code: "snoozeNotSubscribed", params: {} };
            return { lang, intent: intent.type, matches: [], view };
          }
          let updated = conversation;
          // A kind the catalog gives no retirement may have one a trusted notice created (tracking-<id>): its
          // reminders are that retirement's, so that is what "snooze postgres" holds back.
          const noticed = intent.type !== "subscriptions" && intent.noRetirementKind ? await noticeRetirementOf(intent.noRetirementKind) : null;
          if (intent.type !== "subscriptions" && intent.noRetirementKind && !noticed) {
            const def = KIND_DEFINITIONS.find((d) => d.id === intent.noRetirementKind);
            return { lang, intent: intent.type, matches: [], view: { type: "error", code: "snoozeNoRetirement", params: { kind: def ? kindName(def, lang, true) : intent.noRetirementKind } } };
          }
          if (intent.type !== "subscriptions") {
            const retirementId = noticed ?? intent.retirementId;
            const scope = retirementId ?? "*";
            // Expired snoozes are dropped on the way (by the store, in the same statement).
            if (intent.type === "snooze") {
              if (intent.days === null) return { lang, intent: intent.type, matches: [], view: { type: "error", code: "snoozeNeedsLength", params: { max: MAX_SNOOZE_DAYS } } };
              if (!Number.isInteger(intent.days) || intent.days <= 0) return { lang, intent: intent.type, matches: [], view: { type: "error", code: "snoozeNotPositive", params: { max: MAX_SNOOZE_DAYS } } };
              if (intent.days > MAX_SNOOZE_DAYS) return { lang, intent: intent.type, matches: [], view: { type: "error", code: "snoozeTooLong", params: { max: MAX_SNOOZE_DAYS } } };
              const until = new Date(now.getTime() + intent.days * 86_400_000).toISOString();
              // One atomic change, not the whole map written back: a snooze set at the same moment elsewhere is kept.
              updated = await deps.store.updateSnooze(cmd.conversationId, { scope, until }, now.toISOString());
              await deps.store.appendAudit({ at: now.toISOString(), actor: actorKey, action: "channel.snooze", target: cmd.conversationId, detail: { scope, until, days: intent.days } });
            } else {
              // "resume reminders" ends every snooze; "resume redis" only that retirement's.
              updated = await deps.store.updateSnooze(cmd.conversationId, retirementId ? { scope, until: null } : { clearAll: true }, now.toISOString());
              await deps.store.appendAudit({ at: now.toISOString(), actor: actorKey, action: "channel.resume", target: cmd.conversationId, detail: { scope } });
            }
          }
          const scopeNames = updated.scopes.map((s) => (s === "*" ? "*" : idx.subscriptionName(s)));
          return { lang, intent: intent.type, matches: [], view: { type: "subscription", active: true, scopeNames, langs: updated.langs, snoozes: activeSnoozes(updated.snoozes, now, lang) } };
        }
        case "help": return { lang, intent: "help", matches: [], view: { type: "help", reason: intent.reason ?? "asked" } };
        case "checklistDone": return await tickChecklist(intent.retirementId, intent.item, actorKey, now, lang);
        case "upgrade":
          if (intent.unknownName !== undefined) return { lang, intent: "upgrade", matches: [], view: { type: "error", code: "resourceNameUnknown", params: { name: intent.unknownName } } };
          if (intent.unsupportedKinds?.length && intent.target) return { lang, intent: "upgrade", matches: [], view: targetAboveKindsView(intent.unsupportedKinds, intent.target, lang) };
          return await upgradeView(idx, intent.resourceIds, intent.target, where(cmd, lang), now);
        case "audit": return await auditView(idx, intent.resourceId, where(cmd, lang));
        case "approvals": {
          if (!deps.approvals) return { lang, intent: "approvals", matches: [], view: { type: "error", code: "approvalsUnavailable", params: {} } };
          const open = await deps.approvals.open();
          return { lang, intent: "approvals", matches: [], view: { type: "approvalList", items: open.map((a) => ({ approvalId: a.id, resourceName: a.resourceName, state: a.state, requestedBy: a.requestedBy, updatedAt: a.updatedAt })) } };
        }
        case "notices": return await noticesView(intent.noticeId, lang);
        case "noticeDecision": return await decideNotice(intent.decision, intent.noticeId, intent.deadline, where(cmd, lang));
        case "resourceGroupUnknown": return { lang, intent: intent.type, matches: [], view: resourceGroupUnknownView(intent, lang) };
        case "unknown": return { lang, intent: "unknown", matches: [], view: { type: "help", reason: intent.reason } };
      }
    } catch (err) {
      return { lang: preferred, intent: "unknown", matches: [], view: { type: "error", code: isTlsbotError(err) ? err.code : "unexpected", params: isTlsbotError(err) ? err.params : { message: (err as Error).message } } };
    }
  }

  async function handleAction(cmd: Command, preferred: Lang, now: Date): Promise<Reply> {
    // Card data comes back from the client and may be edited: only known verbs and bounded fields go on.
    const action = sanitizeAction(cmd.action!);
    const lang = action.data.lang ?? preferred;
    const idx = await currentIndex(now, lang);
    if (action.verb === "page") {
      return listView(idx, action.data.filter ?? {}, action.data.offset ?? 0, lang, cmd.conversationId, now);
    }
    if (action.verb === "resource" || action.verb === "approveUpgrade") {
      const row = action.data.resourceId ? idx.get(action.data.resourceId) : undefined;
      if (!row) return { lang, intent: "resource", matches: [], view: { type: "error", code: "resourceUnknown", params: { id: action.data.resourceId ?? "" } } };
      if (action.verb === "resource") return detailView(row, lang);
      // A button that stands for an existing request shows its dialog again rather than starting another.
      if (action.data.approvalId && deps.approvals) {
        const view = await deps.approvals.reopen(where(cmd, lang), action.data.approvalId, (id) => {
          const r = idx.get(id);
          return r ? toRow(r) : null;
        });
        return { lang, intent: "approval", matches: [row], view };
      }
      return upgradeView(idx, [row.finding.id], null, where(cmd, lang), now);
    }
    if (action.verb === "confirmUpgrade" || action.verb === "cancelUpgrade") {
      if (!deps.approvals) return { lang, intent: "approval", matches: [], view: { type: "error", code: "approvalsUnavailable", params: {} } };
      const d = action.data;
      const input = { approvalId: d.approvalId, token: d.token, resourceId: d.resourceId, target: d.target, ack: d.ack, typedName: d.typedName };
      const view = action.verb === "cancelUpgrade"
        ? await deps.approvals.cancel(where(cmd, lang), input)
        : await deps.approvals.confirm(where(cmd, lang), input, (id) => {
          const r = idx.get(id);
          return r ? toRow(r) : null;
        });
      return { lang, intent: "approval", matches: [], view };
    }
    if (action.verb === "help") return { lang, intent: "help", matches: [], view: { type: "help", reason: "asked" } };
    if (action.verb === "reviewNotice") return noticesView(action.data.noticeId ?? 0, lang);
    if (action.verb === "acceptNotice" || action.verb === "dismissNotice") {
      return decideNotice(action.verb === "acceptNotice" ? "accept" : "dismiss", action.data.noticeId ?? 0, action.data.deadline ?? null, where(cmd, lang));
    }
    if (action.verb === "tickChecklist") return tickChecklist(action.data.retirementId ?? "", action.data.item ?? null, `${cmd.actor.platform}:${cmd.actor.id}`, now, lang);
    return { lang, intent: "unknown", matches: [], view: { type: "error", code: "actionUnknown", params: { verb: action.shownVerb } } };
  }

  function where(cmd: Command, lang: Lang): Where {
    return { actor: { platform: cmd.actor.platform, id: cmd.actor.id, ...(cmd.actor.name ? { name: cmd.actor.name } : {}) }, conversationId: cmd.conversationId, replyTarget: cmd.replyTarget ?? null, lang };
  }

  /** "upgrade X": one resource gets its dialog; several get a list, each with its own upgrade button. */
  async function upgradeView(idx: InventoryIndex, resourceIds: readonly string[], target: TlsVersion | null, w: Where, now: Date): Promise<Reply> {
    const lang = w.lang;
    const rows = resourceIds.map((id) => idx.get(id)).filter((r): r is InventoryRow => r !== undefined);
    // What the service cannot take is said first, by kind: "upgrade redis-cart-prod to 1.3" is impossible anywhere.
    const cannot = target ? kindsThatCannotTake(rows.map((r) => r.finding.kind), target) : [];
    if (target && cannot.length > 0) return { lang, intent: "upgrade", matches: [], view: targetAboveKindsView(cannot, target, lang) };
    if (target !== null && target !== UPGRADE_TARGET) return { lang, intent: "upgrade", matches: [], view: { type: "error", code: "upgradeTargetUnsupported", params: { version: target } } };
    if (!deps.approvals) return { lang, intent: "upgrade", matches: [], view: { type: "error", code: "approvalsUnavailable", params: {} } };
    if (rows.length === 0) return { lang, intent: "upgrade", matches: [], view: { type: "error", code: "resourceUnknown", params: { id: resourceIds[0] ?? "" } } };
    if (rows.length > 1) return listView(idx, { resourceIds: rows.map((r) => r.finding.id) }, 0, lang, w.conversationId, now);
    const row = rows[0]!;
    return { lang, intent: "upgrade", matches: [row], view: await deps.approvals.request(w, toRow(row)) };
  }

  async function auditView(idx: InventoryIndex, resourceId: string, w: Where): Promise<Reply> {
    const row = idx.get(resourceId);
    const lang = w.lang;
    if (!row) return { lang, intent: "audit", matches: [], view: { type: "error", code: "resourceUnknown", params: { id: resourceId } } };
    // The trail names people and decisions: approvers of the resource only, which only the approval workflow can tell.
    if (!deps.approvals) return { lang, intent: "audit", matches: [], view: { type: "error", code: "auditUnavailable", params: { name: row.finding.name } } };
    if (!deps.approvals.mayAudit(w.actor, row.finding.id)) return { lang, intent: "audit", matches: [], view: { type: "error", code: "auditNotAllowed", params: { name: row.finding.name } } };
    const entries = await deps.store.listAudit(20, { target: row.finding.id });
    return {
      lang, intent: "audit", matches: [row],
      view: { type: "auditTrail", resourceName: row.finding.name, entries: entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, detail: auditDetail(e.detail) })) },
    };
  }

  /**
   * The notices held for review (`id` null: the queue; a single held notice is shown whole), or one of them. Anyone
   * may look; the buttons decide only for a reviewer.
   */
  async function noticesView(id: number | null, lang: Lang): Promise<Reply> {
    const review = deps.noticeReview;
    if (!review) return { lang, intent: "notices", matches: [], view: { type: "error", code: "noticeReviewUnavailable", params: {} } };
    if (id === null) {
      const queue = await review.held(NOTICE_QUEUE_SIZE);
      const only = queue.total === 1 ? queue.items[0] : undefined;
      if (only) return { lang, intent: "notices", matches: [], view: heldNoticeView(only, lang) };
      return { lang, intent: "notices", matches: [], view: { type: "noticeQueue", items: queue.items, total: queue.total } };
    }
    const found = await review.get(id);
    if (!found) return { lang, intent: "notices", matches: [], view: { type: "error", code: "noticeUnknown", params: { id } } };
    if (found.status !== "triage") return { lang, intent: "notices", matches: [], view: { type: "noticeDecision", noticeId: id, decision: "notHeld", status: found.status, reason: found.notice.reason, retirements: [] } };
    return { lang, intent: "notices", matches: [], view: heldNoticeView(found.notice, lang) };
  }

  /** "accept notice 12 [deadline …]" or "dismiss notice 12", typed or from a button: reviewers only, decided once. */
  async function decideNotice(decision: "accept" | "dismiss", id: number, deadline: string | null, w: Where): Promise<Reply> {
    const lang = w.lang;
    const review = deps.noticeReview;
    const reply = (view: View): Reply => ({ lang, intent: "noticeDecision", matches: [], view });
    if (!review) return reply({ type: "error", code: "noticeReviewUnavailable", params: {} });
    if (!review.mayReview(w.actor)) return reply({ type: "error", code: "noticeReviewNotAllowed", params: {} });
    if (deadline !== null && !isCalendarDay(deadline)) return reply({ type: "error", code: "noticeDeadlineInvalid", params: { value: deadline } });
    try {
      const done = decision === "accept" ? await review.accept(w.actor, id, deadline) : await review.dismiss(w.actor, id);
      // Deadlines may have moved: answers use them at once.
      invalidate();
      return reply({ type: "noticeDecision", ...done });
    } catch (err) {
      // Someone else decided first (another replica, a second click): say what it is now.
      if (!isTlsbotError(err) || err.code !== "noticeNotInTriage") throw err;
      const now = await review.get(id);
      return reply({ type: "noticeDecision", noticeId: id, decision: "notHeld", status: now?.status ?? "unknown", reason: now?.notice.reason ?? null, retirements: [] });
    }
  }

  /** Forget cached state after a change made in this process (a scan, an ingested notice). */
  const invalidate = () => {
    index = null;
  };
  return { handle, invalidate };
}

export type Engine = ReturnType<typeof createEngine>;

/** The few detail fields worth a line in chat; the full record stays in `tlsbot audit --json`. */
function auditDetail(d: Readonly<Record<string, unknown>>): string {
  const pick = ["reason", "step", "before", "after", "target", "code", "note"].filter((k) => d[k] !== undefined && d[k] !== null);
  return pick.map((k) => `${k}=${String(d[k]).slice(0, 80)}`).join(" ");
}

/** How long a typed "more" can continue the last list: a day, then the cursor is gone. */
const CURSOR_TTL_MS = 86_400_000;

/** How many held notices the queue shows (the oldest first); the CLI lists them all. */
const NOTICE_QUEUE_SIZE = 5;

/** The longest snooze "snooze N days" accepts. */
export const MAX_SNOOZE_DAYS = 90;

/** Snoozes still running at `now`, all-reminders first, each with its end as a date in the reader's zone. */
function activeSnoozesIn(snoozes: Readonly<Record<string, string>> | undefined, now: Date, timeZone: string): Array<{ retirementId: string | null; until: string }> {
  return Object.entries(snoozes ?? {})
    .filter(([, until]) => Date.parse(until) > now.getTime())
    .sort(([a], [b]) => (a === "*" ? -1 : b === "*" ? 1 : a.localeCompare(b)))
    .map(([id, until]) => ({ retirementId: id === "*" ? null : id, until: dateIn(new Date(until), timeZone) }));
}
