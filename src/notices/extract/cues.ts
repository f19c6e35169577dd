/**
 * Wording that marks a notice's parts, in English and Japanese, as Microsoft's notices and operators'
 * forwards phrase them. Data, not logic: extend here when a real mail is missed.
 */
export const CUES = {
  retirement: [
    /\bretir(?:e|es|ed|ing|ement)\b/i, /\bdiscontinu/i, /\bsunset/i, /\bend(?:s|ing)? (?:of )?support\b/i, /\bno longer (?:be )?(?:support|accept|allow)/i, /\bdeprecat/i,
    /\bwill (?:stop|cease) (?:supporting|accepting)/i, /\bonly (?:accept|support|allow)/i, /\bwill be (?:removed|disabled|blocked|enforced)/i,
    /\b(?:require|requires|required|enforce|enforces|enforcement|mandatory)\b.{0,120}?\bTLS\)?\s*(?:version\s*)?1\.[23]/i, /\bsupport for .{0,60}\bwill end\b/i,
    /\bTLS\s*1\.[01]\b.{0,80}\b(?:will be|are|is) (?:rejected|refused|blocked)\b/i, /\bupdate (?:your|the) .{0,60}to (?:use )?TLS\s*1\.2/i,
    /廃止/, /提供終了/, /のみ(?:を)?(?:受け付け|サポート|許可)/, /拒否され/, /使用できなくな/, /サポート(?:を|が|は)?終了/, /サポートされなく/, /リタイア/, /必須/, /(?:接続|通信|利用|使用)(?:は|が)?できなくな/, /受け付けなくな/,
    /(?:提供|受け付け|受付)(?:を|は)?(?:終了|停止)/, /終了(?:いた)?します/, /非推奨/, /削除(?:し|され)/,
  ],
  tlsOld: [
    /\bTLS\s*(?:v(?:ersion)?\s*)?1\.[01]\b/i, /\bTLS\s*1\.0\s*(?:\/|and|or|&|と|および|及び|、)\s*1\.1/i, /\bTLS\s*1\.[01]\s*(?:\/|and|or)\s*TLS\s*1\.[01]/i,
    /\b(?:older|legacy|earlier|outdated) (?:versions? of )?TLS\b/i, /\bTLS versions? (?:prior to|older than|earlier than|below|before) 1\.2/i,
    /\bpre-TLS\s*1\.2\b/i, /\bversions? 1\.[01](?:\s*(?:and|or|\/)\s*1\.[01])? of (?:the )?(?:Transport Layer Security|TLS)\b/i,
    /Transport Layer Security\s*(?:\(TLS\))?\s*(?:versions?\s*)?1\.[01]\b/i, /TLS\s*(?:バージョン|version)\s*1\.[01]/i, /古い(?:バージョンの)?\s*TLS/, /TLS\s*1\.2\s*(?:より前|未満)/, /SSL\s*3\.0/i,
  ],
  /** TLS topics that are not a 1.0/1.1 retirement. */
  tlsNearMiss: [
    /\bSNI\b/, /domain fronting/i, /ドメイン フロンティング|ドメインフロンティング/, /\bcertificate authority\b|\broot CA\b|\bintermediate (?:CA|certificate)/i,
    /証明書(?:の)?(?:更新|変更|ローテーション)/, /\bTLS certificate\b/i, /\bcipher suites?\b/i,
  ],
  actionRequired: [
    /\baction (?:is )?required\b/i, /\brequired action\b/i, /\baction needed\b/i, /\btake action\b/i, /\brequired actions?\s*:/i,
    /アクションが必要/, /対応が必要/, /(?:変更|移行|更新|設定|有効化|構成|アップグレード)して(?:ください|下さい)/, /ご対応(?:を)?(?:ください|お願い)/, /必要な(?:操作|アクション|対応)/, /対処(?:が必要|してください)/, /要対応/,
  ],
  /** Just before or after a date: it is a point something happens by/from (counted once however many match). */
  deadlineWhen: [
    /\bby(?: the)?\s*$/i, /\bbefore(?: the)?\s*$/i, /\bstarting(?: on)?\s*$/i, /\bbeginning(?: on)?\s*$/i, /\beffective\s*$/i, /\bon or after\s*$/i, /\bafter(?: the)?\s*$/i, /\buntil(?: the)?\s*$/i,
    /\bfrom(?: the)?\s*$/i, /\bon(?: the)?\s*$/i, /\bno later than\s*$/i, /\bprior to\s*$/i, /\bas of\s*$/i, /\bdeadline\b/i,
    /\bon and after\s*$/i, /\bcommencing(?: on)?\s*$/i, /\bas from\s*$/i, /\bwith effect from\s*$/i, /\bin\s*$/i, /\bthrough\s*$/i,
    /^\s*(?:\([^)]{1,6}\))?\s*[,、)」』]?\s*(?:以降|以後|までに|まで|をもって|から|より|付けで|の?時点で|を過ぎると|に(?:廃止|終了|停止|無効)|で(?:終了|廃止|停止))/,
    /^\s*(?:\([^)]{1,6}\))?\s*,?\s*(?:onwards?|and (?:after|later|beyond))\b/i,
  ],
  /**
   * A label that names the date after it as when the change takes effect, on the date's own line or as the
   * heading line right above it (「■仕様変更日時」 then 「2025年3月1日(土) AM4:00」; "Effective date: …").
   */
  deadlineLabel: [
    /(?:変更|実施|適用|停止|廃止|終了|切替|切り替え|移行|無効化|施行)(?:予定)?(?:日時|日|時期)/,
    /\b(?:effective|change|cut-?over|enforcement|retirement|end|shutdown|switch-?over) (?:date|time)\b/i,
    // The maintenance that carries the change out: 「メンテナンス日時」「作業日時」, "maintenance window".
    /(?:メンテナンス|作業)(?:予定)?(?:日時|日)/, /\bmaintenance (?:date|time|window)\b/i,
    // The day the reader must have acted by: "Action required by (date)", "Respond by", 「対応期限」「対応が必要な期日」.
    /\baction (?:is )?(?:required|needed) by\b/i, /\b(?:respond|act) by(?: date)?[\s:：|]*$/i, /対応(?:期限|期日)|(?:対応|アクション)が必要な(?:期限|期日|日)/,
  ],
  /** Near a date: what stops (each kind counts). */
  deadlineNear: [
    /\bretir/i, /\bend(?:s)? support\b/i, /\bno longer\b/i, /\bonly accept/i, /廃止/, /終了/, /必須/, /期限/, /接続できなく/, /リタイア/, /\bTLS\s*1\.[01]\b/i,
  ],
  /** Near a date: this is when something was said or sent, not when it stops. */
  announcementNear: [
    /\b(?:announced|published|posted|sent|updated|last updated|issued|dated|received)\b/i, /^\s*(?:Sent|Date|Received)\s*:/im,
    /発表/, /公開/, /送信日時/, /更新日/, /掲載/, /投稿/, /お知らせしました/, /\bportal\b/i, /ポータル/,
    /\b(?:originally|previously|was (?:set|planned|scheduled) (?:to|for)|postponed from)\b/i, /当初/,
    // A plan that did not hold: "TLS 1.0 was to be retired from 30 April …".
    /\b(?:was|were) to (?:be )?\w+(?: \w+)? (?:from|on|by|in)\s*$/i,
  ],
  /**
   * Just after a date: Japanese puts the verb last (「2024年6月5日 に公開したお知らせ」), so the date was when it was said;
   * 「2027/6/6 追記: …」 stamps an addendum with the day it was written.
   */
  announcementAfter: [/^\s*(?:\([^)]{1,6}\))?\s*(?:に|付けで|付で|、)?\s*(?:公開|発表|掲載|投稿|更新|送信|告知|アナウンス|お知らせし|ご案内し|追記)/],
  /**
   * A Japanese sentence that opens with its date and closes on a past announcement verb reports when something
   * was said (「Microsoft は 2026年5月1日、… を廃止する予定について発表しました。」), however much it says about what
   * will happen. Japanese only: English writers also put a deadline there ("On 31 January 2022, Microsoft has
   * announced that it will stop supporting TLS 1.0" meant the day support stops).
   */
  announcementSentence: {
    opening: /^(?:[^、,。.\n]{0,20}(?:は|が)\s*)?$/,
    closing: [/(?:発表|公開|更新|掲載|告知|アナウンス|お知らせ|ご案内)(?:いた)?し(?:ました|た)[」』)]?\s*[。.]?\s*$/],
  },
  // Also as a key in an alert's JSON payload or a query result (`"trackingId": "9VR0-DS8"`, `tracking_id=…`).
  trackingIdLabel: /(?:Tracking[\s_]*ID|Tracking\s*number|追跡\s*ID|トラッキング\s*ID|追跡\s*番号|イベント\s*ID)["']?\s*(?:[:：#=]|is|は|\(|（|「|\*\*|`)?\s*(?:[:：]\s*)?["'`「(（*]{0,2}\s*([A-Z0-9_]{3,4}-[A-Z0-9_]{3,4})(?![A-Za-z0-9_-])/i,
} as const;
