import type { FindingStatus, ResourceKindId } from "../domain/resource.ts";
import type { TlsVersion } from "../domain/tls-version.ts";
import type { Lang } from "../render/i18n.ts";

export type Comparison = "lt" | "lte" | "gt" | "gte" | "eq" | "ne";

/** A date range, inclusive, as `YYYY-MM-DD` in the reader's time zone. */
export interface DueWindow {
  readonly from: string | null;
  readonly to: string;
  /** How the user said it, for the answer's title: `thisMonth`, `days`, `soon`, … */
  readonly label: string;
  readonly amount?: number;
  /** For month windows: the date the label names (`YYYY-MM-DD`). */
  readonly date?: string;
}

/** What to list. Every field narrows; an empty filter lists everything. */
export interface ResourceFilter {
  readonly kinds?: readonly ResourceKindId[];
  readonly tls?: { readonly op: Comparison; readonly version: TlsVersion };
  readonly statuses?: readonly FindingStatus[];
  readonly due?: DueWindow;
  readonly subscriptionIds?: readonly string[];
  readonly resourceGroups?: readonly string[];
  /** Only resources with no minimum TLS configured (the service default applies). */
  readonly unset?: boolean;
  /** Resources named in the question. */
  readonly resourceIds?: readonly string[];
}

export type Intent =
  | { readonly type: "list"; readonly filter: ResourceFilter; readonly offset: number }
  | { readonly type: "resource"; readonly resourceId: string }
  /**
   * The retirements and their deadlines; narrowed to the ones the question names ("what's the deadline for app
   * service", 「Redis の期限はいつ？」). `kindsWithout`: named kinds with no TLS retirement, said so in the answer.
   */
  | { readonly type: "retirements"; readonly retirementIds?: readonly string[]; readonly kindsWithout?: readonly ResourceKindId[] }
  /**
   * Where things stand: counts per status, overall and per subscription ("status", 「状況は？」); `scope` narrows it
   * to the subscriptions and resource groups a question names ("status of prod-jp-east", 「prod-jp-east の状況」).
   * `unknownName`: the question asked about a name nothing in the inventory has ("status of nosuchthing"), said back first.
   */
  | { readonly type: "overview"; readonly scope?: Pick<ResourceFilter, "subscriptionIds" | "resourceGroups">; readonly unknownName?: string }
  /** What the latest scan changed ("what changed since the last scan", 「前回から何が変わった？」): no new scan. */
  | { readonly type: "changes" }
  | { readonly type: "scan" }
  /** `greeting` ("hi", 「こんにちは」) and `thanks` ("thanks", 「ありがとう」) are answered in kind, with the examples. */
  | { readonly type: "help"; readonly reason?: "greeting" | "thanks" }
  | { readonly type: "language"; readonly lang: Lang }
  | { readonly type: "more" }
  /** Follow scopes (subscription ids / resource groups; empty = everything) in this conversation. */
  | { readonly type: "subscribe"; readonly scopes: readonly string[]; readonly langs?: "ja" | "en" | "ja+en" }
  | { readonly type: "unsubscribe" }
  /** Pause reminders here for `days` (as written, null when not said: the engine validates), for one retirement or all (null). */
  | { readonly type: "snooze"; readonly days: number | null; readonly retirementId: string | null; readonly noRetirementKind?: string }
  | { readonly type: "resume"; readonly retirementId: string | null; readonly noRetirementKind?: string }
  /** What this conversation follows, in which languages, and what is snoozed. */
  | { readonly type: "subscriptions" }
  /** "MARS agents on all servers updated" / 「MARS エージェント更新済み」: a checklist item of an agent retirement done (null: its headline item). */
  | { readonly type: "checklistDone"; readonly retirementId: string; readonly item: string | null }
  /** Raise the minimum TLS of the named resources (to `target`, when the text names a version). */
  /** `unknownName`: no resource was named, but a word shaped like one (a typo), said back to the user. */
  /** `unsupportedKinds`: kinds the command named that cannot be set to `target` ("upgrade all caches to 1.3"), said so. */
  | { readonly type: "upgrade"; readonly resourceIds: readonly string[]; readonly target: TlsVersion | null; readonly unknownName?: string; readonly unsupportedKinds?: readonly ResourceKindId[] }
  | { readonly type: "audit"; readonly resourceId: string }
  | { readonly type: "approvals" }
  /** Notices held for review ("notices to review", 「確認待ちのお知らせ」), or one of them ("review notice 12"). */
  | { readonly type: "notices"; readonly noticeId: number | null }
  /** "accept notice 12 [deadline 2025-03-31]", "dismiss notice 12", 「お知らせ 12 を承認」「お知らせ 12 を却下」. */
  | { readonly type: "noticeDecision"; readonly decision: "accept" | "dismiss"; readonly noticeId: number; readonly deadline: string | null }
  /**
   * A word meant as a resource group that names none ("caches in rg-iot", "caches in rg-paymnts"): the groups starting
   * with it (`prefixOf`, several) or close to it (`near`), said back rather than the scope dropped.
   */
  | { readonly type: "resourceGroupUnknown"; readonly name: string; readonly prefixOf: readonly string[]; readonly near: readonly string[] }
  /** `notInventory`: a why, how-to or feature question, which tlsbot's inventory does not answer. */
  | { readonly type: "unknown"; readonly reason: "empty" | "notUnderstood" | "tooLong" | "notInventory" };
