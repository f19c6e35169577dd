/**
 * The parts of a sentence the TLS reader weighs, in English and Japanese (after NFKC). Each is a kind of
 * evidence, not a phrase to find: a notice is read as "something about legacy TLS ends" or "TLS 1.2 becomes
 * required from a point in time", whatever the wording around it.
 */
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

export const EVIDENCE = {
  /**
   * The protocol versions that go away: TLS 1.0/1.1, "TLS below 1.2", "legacy/older TLS". SSL 3.0 alone is not
   * one of them: a notice stopping SSL 3.0 (POODLE, 2014–2015) often asks readers to turn TLS 1.0/1.1 *on*.
   */
  legacyTls: [
    /\bTLS\s*(?:v(?:ersion)?\s*)?1\.[01]\b/i, /\bTLSv?1(?:\.|_)[01]\b/i, /\bTLS\)?\s*(?:protocol\s*|プロトコル\s*)?(?:versions?|の\s*バージョン|バージョン)\s*1\.[01]\b/i,
    /\b(?:older|legacy|earlier|outdated|previous|deprecated) (?:versions? of )?(?:the )?(?:TLS|Transport Layer Security)\b/i,
    /\bTLS versions? (?:prior to|older than|earlier than|below|before|lower than|less than) (?:TLS\s*)?(?:v(?:ersion)?\s*)?1\.2/i, /\bTLS\s*(?:versions?\s*)?<\s*(?:TLS\s*)?1\.2\b/i,
    /\b(?:lower|older|earlier) than (?:TLS\s*)?(?:v(?:ersion)?\s*)?1\.2\b/i, /\bpre-TLS\s*1\.2\b/i, /\bversions? 1\.[01](?:\s*(?:and|or|\/|&)\s*1\.[01])? of (?:the )?(?:Transport Layer Security|TLS)\b/i,
    /\b1\.[01](?:\s*(?:and|or|\/|&)\s*1\.[01])? versions? of (?:the )?(?:Transport Layer Security|TLS)\b/i,
    /Transport Layer Security\s*(?:protocol\s*)?(?:\(TLS\))?\s*(?:protocol\s*)?(?:versions?\s*)?1\.[01]\b/i, /\blegacy (?:security )?protocols?\b/i,
    /\b(?:older|legacy|earlier|outdated) (?:security )?protocol(?:s| versions?)\b/i,
    /古い(?:バージョンの)?\s*(?:TLS|プロトコル|セキュリティ プロトコル)/, /TLS\s*(?:v(?:er(?:sion)?)?\s*|バージョン\s*)?1\.2\s*(?:より(?:前|古い|低い)|未満)/, /TLS\s*1\.[01]/,
    // A TLS-version setting holding a legacy value: "TlsVersion which defaults to 1.0", "minimumTlsVersion = 1.1".
    /TLS[_ ]?versions?\b[^.\n\d]{0,30}?\b1\.[01]\b/i,
    // "Early TLS", PCI's name for TLS 1.0 (and 1.1) beside SSL ("SSL and early TLS", "early versions of TLS", 「SSL 及び初期の TLS」),
    // as "older TLS" is; an early TLS 1.3 (a draft) is no legacy TLS.
    // "The early TLS handshake", 「初期の TLS ハンドシェイク」 are a step of any version, not an old version.
    /\bearly (?:SSL\s*\/\s*)?(?:versions? of )?(?:the )?(?:TLS|Transport Layer Security)\b(?!\s*(?:v(?:ersion)?\s*)?1\.[23])(?!\s*(?:handshake|alert|negotiation|session|record|message|traffic|data)s?\b)/i,
    /初期(?:の|バージョンの)\s*(?:SSL\s*\/\s*)?TLS(?!\s*(?:v(?:er(?:sion)?)?\s*|バージョン\s*)?1\.[23])(?!\s*(?:ハンドシェイク|ネゴシエーション|セッション|通信|接続))/, /TLS\s*の\s*初期(?:の)?バージョン/,
    // The name spelled out between "TLS" and its version: "TLS (Transport Layer Security) 1.0", "… versions 1.0 and 1.1",
    // 「TLS(トランスポート層セキュリティ)1.1」; or before its abbreviation, in Japanese too: 「トランスポート層セキュリティ (TLS) 1.0」.
    /\bTLS\s*\([^()\n]{2,40}\)\s*(?:v(?:ersions?)?\s*|バージョン\s*)?1\.[01]\b/i,
    /トランスポート\s*層\s*セキュリティ\s*(?:\(TLS\)\s*)?(?:プロトコル\s*)?(?:バージョン\s*|versions?\s*)?1\.[01]\b/i,
  ],
  /** TLS 1.2 (or newer) named as what remains. */
  modernTls: [/\bTLS\s*(?:\([^()\n]{2,40}\)\s*)?(?:v(?:ersions?)?\s*)?1\.[23]\b/i,
    // The name spelled out before its abbreviation: "Transport Layer Security (TLS) 1.2", 「トランスポート層セキュリティ (TLS) 1.2」.
    /(?:Transport Layer Security|トランスポート\s*層\s*セキュリティ)\s*(?:protocol\s*|プロトコル\s*)?(?:\(TLS\)\s*)?(?:protocol\s*|プロトコル\s*)?(?:versions?\s*|バージョン\s*)?1\.[23]\b/i,
    /\bTLSv?1(?:\.|_)[23]\b/i, /\bTLS\)?\s*(?:protocol\s*|プロトコル\s*)?(?:version|の\s*バージョン|バージョン)\s*1\.[23]/i, /\bminimum (?:TLS )?version\b.{0,20}1\.2/i],
  /** Verbs that end something on their own. */
  ending: [
    /\bretir(?:e|es|ed|ing|ement)\b/i, /\bdeprecat/i, /\bdiscontinu/i, /\bsunset/i, /\bdecommission/i, /\bphas(?:e|ed|ing)[ -]out\b/i, /\bdisabl(?:e|ed|es|ing|ement)\b/i,
    /\bend(?:s|ing|ed)? (?:of )?support\b/i, /\bsupport\b.{0,60}\b(?:will )?(?:end|ends|ending|ended|cease|ceases|ceasing)\b/i, /\bend date\b/i,
    /\b(?:remov|drop)(?:e|es|ed|ing)? (?:the )?support\b/i, /\b(?:will )?(?:stop|cease)s? (?:supporting|accepting|allowing|working)\b/i,
    /\bno longer (?:be )?(?:support|accept|allow|work|negotiat|able to)/i, /\bno longer\b(?! (?:be )?considered)/i, /\bdisallow/i, /\bmov(?:e|ing) away\b/i, /\bwill be removed\b/i,
    /\bwill not (?:be )?(?:support|accept|allow)/i, /\bturn(?:ed|ing|s)? off\b/i, /\bswitch(?:ed|ing|es)? off\b/i, /\bshut(?:s|ting)? (?:off|down)\b/i,
    /廃止/, /非推奨/, /サポート(?:を|が|は)?(?:終了|停止|削除|廃止)/,
    // When said between the support and its end: 「サポートが近日中に終了し」「サポートは2027年3月末で終了」.
    /サポート(?:を|が|は)[^。\n、「」]{1,16}?(?:に|で|をもって)\s*(?:終了|停止|廃止)/, /提供(?:を|が|は)?終了/, /無効(?:化|に)/, /停止/, /受け付けなくな/, /受け入れなくな/, /(?:使用|利用|接続|通信)(?:は|が)?できなくな/,
    /サポートされなく/, /サポートされません/, /サポートしなくな/, /終了(?:いた)?します/, /リタイア/, /削除(?:し|され)/,
    // "Can no longer": 「…を受け付けることができなくなります」「ご利用いただけなくなります」 (なくなる: what worked stops working).
    /(?:受け付け|受け入れ|利用|使用|接続|通信|アクセス)(?:する|る)?ことが(?:でき|可能では)なくな/, /(?:ご)?(?:利用|使用|接続)(?:いただけ|でき)なくな/,
  ],
  /** What a stricter service does: on its own it describes a setting, with a point in time it announces a change. */
  restricting: [
    /\breject/i, /\brefus/i, /\bblock(?:ed|s|ing)?\b/i, /\bfail\b/i, /\bonly (?:accept|support|allow|negotiat)/i, /\b(?:accept|support|allow)s? only\b/i, /\b1\.2-only\b/i,
    /拒否/, /失敗/, /ブロック/, /遮断/, /のみ(?:を|が)?(?:受け付け|受け入れ|サポート|許可)/, /許可しない/, /以上(?:だけ|のみ)/,
    // 「ご利用いただけません」「利用できません」: a state (what cannot be used), a change only beside a point in time.
    /(?:ご)?(?:利用|使用|接続)(?:いただけ|でき)ません/,
  ],
  /**
   * A restriction said in the future tense ("will only support TLS 1.2", "will reject TLS 1.0", 「TLS 1.2 のみをサポート
   * するようになります」) announces a change even before its day is known: a setting is described in the present.
   */
  futureRestriction: [
    /\bwill (?:now |soon |then |eventually |also )?(?:only (?:accept|support|allow|negotiat)|(?:be )?(?:reject|refus|block))/i,
    /(?:のみ(?:を)?(?:受け付け|受け入れ|サポート|許可)|拒否)(?:する|される)ように(?:なり|なる)/,
    // A restriction made for good ("now permanently blocks TLS 1.1", 「TLS 1.0 の通信を恒久的に遮断」) is a change too, said in
    // any tense: a setting is described without saying how long it holds.
    /\bpermanently (?:be )?(?:reject|refus|block|den(?:y|ie))/i, /\b(?:reject|refus|block|den(?:y|i))\w*\b(?:[^.\n]|\.(?=\d)){0,60}?\b(?:permanently|for good)\b/i, /(?:恒久的|永続的)に[^。\n]{0,20}?(?:拒否|ブロック|遮断)/,
  ],
  /** TLS 1.2 becomes required: meaningful only beside TLS 1.2 and a point in time. */
  requiring: [
    /\b(?:require[sd]?|requiring|requirement|enforc(?:e|es|ed|ing|ement)|mandat(?:e|ory|ed)|must (?:use|support|be))\b/i,
    /\b(?:use|using|migrate|migrating|upgrade|upgrading|update|updating|transition|transitioning|move|moving|switch|switching) (?:\w+ ){0,6}?to (?:use )?(?:TLS|Transport Layer Security)/i,
    /\b(?:are |is )?using (?:TLS|Transport Layer Security)/i,
    /必須/, /義務/, /適用/, /強制/, /移行/, /要求/,
    // TLS 1.2 itself as what is needed (「TLS 1.2 が必要です」, as "TLS 1.2 is required"); 「…する必要があります」 is the reader's step.
    // (Each run of blanks has one place to go: a line of blanks after "TLS 1.2" is tried once, not shared out.)
    /TLS\s*1\.[23](?:\s*(?:以上|以降))?(?:\s*の\s*(?:使用|利用|サポート|対応))?\s*(?:が|は)\s*必要(?:です|となり|になり|とな|にな|とされ)/,
  ],
  /** "keeps supporting X until …": the support ends then. */
  continuingUntil: [/\bcontinu(?:e|es|ing) (?:to )?(?:support|accept|allow)/i, /今後通知があるまで/, /(?:まで|until).{0,40}(?:継続|continue)/i, /継続.{0,20}まで/],
  /** The sentence offers a choice or a hypothesis rather than announcing a change. */
  optional: [
    /\blets? you\b/i, /\byou can\b/i, /\ballows? you to\b/i, /\bcan be configured\b/i, /\bconfigurable\b/i, /\bconsider\b/i, /\bif (?:a|an|the|your)\b/i,
    /\bhighly recommended\b/i, /設定すると/, /設定できます/,
    // 「…を無効にすることができます」 says what a setting can do, like "you can": nothing changes by itself.
    /ことができ(?:ます|る)/, /を選択/,
    // 「…する場合、」 is a case; 「システム トピックの場合は、」 after a noun says which resources (as "for system topics,"),
    // unless the noun is the reader's use (「ご利用の場合は、」 "if you use").
    /(?<!の)場合は?、/, /(?:利用|使用|利用中|使用中|未対応|非対応)の場合は?、/, /意味します/, /することをお勧め/,
    // A sentence that opens with a condition describes what happens in a case, not a change ("When clients
    // connect using an older version of TLS that is disabled, the connection will fail.").
    // ("If you are an admin, you may have received …" addresses the reader: it is not a case of TLS behaviour.)
    /^\W*(?:when|whenever|if|once)\b(?!\s+you(?:['’]re| are| have)\b)/i,
    // What becomes possible is a new option, not a requirement (「TLS 1.3 を強制したい場合…対応できるようになります」).
    /できるように(?:なり|なる)/, /可能に(?:なり|なる)/, /(?:強制|制限|設定)したい/,
    // The sentence names a retirement only to say it does not apply ("… doesn't affect applications running on App Service").
    /\b(?:does(?:n['’]t| not)|will(?:n['’]t| not)|is(?:n['’]t| not)|are(?:n['’]t| not))\s+(?:be\s+)?(?:affect(?:ed)?|impact(?:ed)?)\b/i,
    /\b(?:not|no longer) (?:be )?(?:affected|impacted) by\b/i, /影響(?:を受け|し|は(?:あり|受け))ません/, /影響(?:は|が)ない/,
  ],
  /**
   * The verb of ending is what the reader does, not what the service announces: a how-to ("how to disable legacy
   * protocols", 「TLS 1.0 を無効にする方法」), a case of the reader's doing ("issues when disabling TLS 1.0"), an
   * instruction opening the sentence ("Disable TLS 1.0 in the gateway's settings"). Without a point in time it announces nothing.
   */
  readerAction: [
    /\bhow to (?:\w+ ){0,3}?(?:disabl|turn(?:ing)? off|switch(?:ing)? off|remov|retir|deprecat|block|reject)/i,
    /\b(?:when|while|after|before|by|for|from) (?:disabling|turning off|switching off|removing|blocking)\b/i,
    /^\W*(?:disable|turn off|switch off|remove|block)\b/i,
    // The act named as a sentence's subject ("Disabling TLS 1.0 and 1.1 is a PCI requirement", 「TLS 1.0 を無効化することは…」):
    // what it is, not who does it or when.
    /^\W*(?:(?:and|but|also|so)\s+)?(?:disabling|turning off|switching off|removing|blocking)\b/i, /^[^。\n、]{0,40}?(?:無効化|無効に|停止)することは/,
    /(?:無効化|無効に|停止)(?:する|した)?(?:方法|手順|際)/,
    // 「…を無効にする前に」「無効化したときは」: "before/when disabling", a step of the reader's.
    /(?:無効化|無効に|停止)(?:する|した)(?:前|後|とき|時)(?:に|は|で)/, /を?(?:無効化|無効に|停止)(?:して|した)(?:ください|下さい|場合)/,
    // What cannot be done ("TLS 1.0 and 1.1 cannot be disabled", 「TLS 1.0 を無効にできません」; "can no longer" ends something
    // and is not this) changes nothing by itself; beside a day the notice's own change stands ("… on 1 May 2027, and
    // customers who cannot remove their dependency …").
    /\b(?:cannot|can['’]t|can not|could not|couldn['’]t|unable to)\s+(?:be\s+)?(?:disabl|turn(?:ed)? off|switch(?:ed)? off|remov|block|reject)/i,
    /(?:無効化|無効に|停止|ブロック)(?:することが|することは)?でき(?:ません|ない|なかった)/,
  ],
  /**
   * The sentence says which values a setting takes ("no longer accepts `TLS1_0` as a value", "allowed values",
   * 「設定値として」): a change to a configuration schema (a tool's, a template's), not a service ending legacy TLS,
   * unless it gives the calendar day (a provider's next major version is not one).
   */
  settingValue: [
    /\bas (?:a |an )?(?:valid |allowed |accepted |possible |permitted |supported )?(?:input )?values?\b/i,
    /\b(?:allowed|accepted|valid|possible|permitted) values?\b/i, /(?:設定)?値として/, /(?:許容|有効な|指定可能な|設定可能な)値/,
  ],
  /** A default setting: a choice described, unless the sentence also gives the day it changes ("enforced by default starting July 29th, 2020"). */
  byDefault: [/\bby default\b/i],
  /**
   * The sentence is about what newly created resources get (a default), not about existing ones losing
   * anything: "all newly created apps will be configured to require TLS 1.2", 新規作成 … 既定.
   */
  newOnly: [/\bnew(?:ly)?[ -](?:created|deployed|creat(?:es|ions?))\b/i, /\bnew (?:\w+ ){0,2}(?:deployments?|creates|instances|resources)\b/i, /新規(?:作成|デプロイ)/, /新しく作成/],
  /** A point in time in words: by/from/after a date, a named month, "in the future", 以降/までに. */
  timeWords: [
    new RegExp(`\\b(?:by|before|after|from|starting|beginning|as of|effective|until|on or after|no later than|prior to|in|since)\\s+(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?)?${MONTH}`, "i"),
    /\bin (?:the )?future\b/i, /\buntil further notice\b/i,
    // A month or day without its year as the point from which ("since June 17th", 「6月17日から」「6月より」), as English "from June".
    /(?<!\d)\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:\([^)]{1,6}\)\s*)?(?:から|より)/,
    // A year as the point of the change ("in 2017", 「2017年には…必須になります」): no day, but a point in time.
    /\b(?:in|by|from|after|before|starting(?: in)?|beginning(?: in)?|during) (?:early |mid-?|late )?(?:19|20)\d\d\b/i, /(?:19|20)\d\d\s*年\s*(?:には|中に|までに|から|以降)/,
    // A product's version as the point from which ("from version 2.4.1", 「バージョン 2.4.1 以降では」), as "starting with" is; a TLS
    // version is none (「TLS バージョン 1.2 以降」 means 1.2 or newer), nor is one a move starts from ("from version 1.0 to 1.2").
    /\b(?:from|as of|since|starting (?:from|in)|beginning (?:with|in|from))\s+(?:v|version\s*)\d+(?:\.\d+)+(?!\d|\.\d|\s+to\b|\s+of\s+(?:the\s+)?(?:TLS|SSL|Transport))/i,
    /(?<!(?:TLS|SSL|プロトコル)\s*(?:の\s*)?)バージョン\s*v?\d+(?:\.\d+)+\s*(?:以降|から|より)(?:は|では|で|、)/i,
    /\bwill (?:begin|start)\b/i, /\bstarting with\b/i, /(?<!\d\.\d\s*)以降/, /までに/, /をもって/, /予定/, /今後/, /(?:し|を)?(?:始め|開始し)ます/,
  ],
} as const;

export type EvidenceKind = keyof typeof EVIDENCE;
