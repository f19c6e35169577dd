/**
 * What a question asks for, before what it names: people ask a chat bot about TLS the way they ask a forum — why,
 * how to configure, whether a feature is planned — and such a question names a service and a version as an
 * inventory question does ("Why do you recommend TLS 1.2 instead of TLS 1.3?"). Read as a filter it gets an
 * unrelated list. These read the text as `normalizeInput` leaves it (NFKC, lower case, an apostrophe made a space:
 * "what's" is "what s").
 */

/** Words that ask to see the inventory: a how-question with one of them is an inventory question ("how can I find …"). */
const INVENTORY_EN = /\b(?:find|list|check|see|get|give|identify|show|locate|determine|audit|discover|query|search|count|detect|scan|tell me|which|how many|are there any(?! plans?\b| ways?\b)|any of|what resources)\b/;
// 「確認したところ」 reports a check already made, it asks for none; 「特定の」 is "a certain", not "identify".
const INVENTORY_JA = /一覧|確認(?!した)|洗い出|特定(?!の)|調べ|探|どれ|どの\s?(?:リソース|キャッシュ|アカウント|サーバー|ハブ|iot|ストレージ|サブスクリプション)|何件|いくつ/;

/** Asking why, how to do something, whether it is possible or planned, or asking the vendor for a change. */
const EXPLAIN_EN = new RegExp([
  String.raw`^(?:so,?\s+|ok,?\s+|also,?\s+)?(?:why|how come)\b`, String.raw`\b(?:a|the) reason (?:why|for)\b`, String.raw`\bwhy (?:do|does|did|is|are|was|would|should|the|this|we)\b`,
  String.raw`\bhow (?:do|does|can|could|would|should|to)\b`, String.raw`\bis (?:it|this|that) possible\b`, String.raw`\bis there (?:a|any) way\b`,
  String.raw`\b(?:are|is) there (?:any )?plans?\b`, String.raw`\bplans? to support\b`,
  String.raw`\b(?:can|could|would) (?:you|we|i) (?:please )?(?:add|provide|make|update|document|write|simulate|expose|explain)\b`,
  String.raw`\byou (?:could|can) (?:please )?(?:add|provide)\b`, String.raw`\bplease (?:add|update|discuss|document|explain|let us know|provide)\b`,
  String.raw`\bwhat(?:\s?s| is| are) the (?:benefits?|impact|differences?|reasons?|advantages?)\b`, String.raw`\b(?:do|will) you (?:still )?(?:support|plan|recommend|know)\b`,
].join("|"));
const EXPLAIN_JA = /なぜ|どうして|何故|理由|利点|メリット|について知りたい|を知りたい|どのような影響|影響について|影響はあり|どうすれば|どのようにすれば|するには|可能ですか/;

/** What lies outside what tlsbot scans: the client side, code and tools, certificates, cipher suites. */
const CLIENT_SIDE = /\bclients?\b|\bdrivers?\b|\bsdks?\b|\bbrowsers?\b|\bjava\b|\bpython\b|\.net\b|\bnode\s?js\b|\bregistry\b|\bopenssl\b|\bcurl\b|\bterraform\b|\bbicep\b|\barm templates?\b|\bcertificates?\b|\bciphers?\b|クライアント|ドライバー|ブラウザ|レジストリ|証明書|暗号スイート|cipher suite/;

/** A verb of change: "how do I enforce TLS 1.2 on my caches" asks which to raise, and the list offers the upgrade. */
const CHANGE = /\b(?:enforce|set|raise|upgrade|change|configure|update|enable|require)\b|設定|変更|上げ|引き上げ|強制|有効に/;

export type QuestionKind =
  /** Why, how to configure, is it possible, planned: tlsbot's inventory does not answer it. */
  | "beyondInventory"
  /** How to raise the minimum TLS of a kind of resource it scans: the ones still to raise, with their upgrade buttons. */
  | "howToRaise"
  | null;

/**
 * `namesKind`: the question names a kind tlsbot scans. A question that also asks to see resources ("how can I check
 * which caches are below 1.2") is an inventory question whatever else it asks.
 */
export function questionKind(text: string, namesKind: boolean): QuestionKind {
  const inventory = INVENTORY_EN.test(text) || INVENTORY_JA.test(text);
  // The client side is out of reach unless the question lists resources by it ("which caches still accept TLS 1.0 clients").
  if (CLIENT_SIDE.test(text) && !(namesKind && inventory)) return "beyondInventory";
  const explains = EXPLAIN_EN.test(text) || EXPLAIN_JA.test(text);
  if (!explains || inventory) return null;
  const how = /\bhow (?:do|does|can|could|would|should|to)\b|どうすれば|するには/.test(text);
  return how && namesKind && CHANGE.test(text) ? "howToRaise" : "beyondInventory";
}

/** Legacy TLS, by version or in words ("old TLS versions", 「古い TLS」). */
const LEGACY = /tls\s?v?1\.[01]|\b(?:old|older|legacy|outdated|deprecated) (?:tls|ssl\/tls)|古い\s?tls|旧\s?tls/;
const ENDING_EN = /\b(?:deprecat\w*|retir\w*|disabl\w*|no longer support\w*|stop(?:s|ped|ping)? (?:support\w*|accept\w*)|end of support|still (?:be )?support\w*|phas\w* out|sunset\w*|going away|turn(?:ed|ing)? off|removed?)\b/;
const ENDING_JA = /廃止|無効|サポート終了|サポートが終了|使えなくな|サポートされなくな|まだサポート|利用できなくな|終了し/;

/**
 * A yes/no or when-question about legacy TLS ending somewhere ("Is TLS 1.0 going to be deprecated from storage?",
 * "Do you still support TLS 1.0?", "are there any plans to disable old TLS versions?", 「TLS 1.0 は廃止されますか？」):
 * its answer is the retirement, not the resources on that version. A question that asks to see resources ("which
 * caches still support TLS 1.0?") lists them.
 */
export function asksAboutRetirement(text: string, isQuestion: boolean): boolean {
  if (!isQuestion || INVENTORY_EN.test(text) || INVENTORY_JA.test(text) || OURS.test(text) || PROCEDURE.test(text)) return false;
  return (LEGACY.test(text) && (ENDING_EN.test(text) || ENDING_JA.test(text))) || WHEN_RETIRED.test(text);
}

/**
 * The asker's own resources ("is TLS 1.0 turned off on our caches?", 「TLS 1.0 を使っているリソースは？」): a question about
 * them, answered by listing them.
 */
const OURS = /\b(?:our|we have)\b|うちの|弊社の|使っている|していない|影響を受ける/;
/** How to do it ("is there a way to disable older TLS on …"): a procedure, not the retirement's news. */
const PROCEDURE = /\bhow (?:do|does|can|could|would|should|to)\b|\bis there (?:a|any) way\b|\bis (?:it|this|that) possible\b|どうすれば|するには|方法/;
/** The date of a retirement asked for ("confirm the actual date of the deprecation", 「廃止日はいつですか」). */
const WHEN_RETIRED = /\b(?:date|dates|timeline|when)\b.{0,40}\b(?:deprecation|retirement|end of support|sunset)\b|\b(?:deprecation|retirement|end of support|sunset) (?:date|dates|timeline)\b|廃止日|廃止はいつ|いつ廃止|サポート終了日|サポート終了はいつ/;
