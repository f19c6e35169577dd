import type { Lang } from "../render/i18n.ts";
import type { HeldNoticeSummary, View, ViewAction } from "../render/view-model.ts";

/**
 * One held notice with its decisions: accept on the day the reader found (or on each of the days it could not choose
 * between), or dismiss. `posted`: sent to channels when it was held; a post in several languages carries no `lang`,
 * so the answer to a click is in the clicker's own.
 */
export function heldNoticeView(notice: HeldNoticeSummary, lang: Lang | null, posted = false): Extract<View, { type: "heldNotice" }> {
  // The reader's day first, then any other day it read (a second reader's pick), as many buttons as a card carries well.
  const days = [...new Set([...(notice.deadline ? [notice.deadline] : []), ...notice.candidates])].slice(0, 3);
  const withLang = lang ? { lang } : {};
  const actions: ViewAction[] = [
    ...days.map((deadline): ViewAction => ({ verb: "acceptNotice", label: "acceptNotice", data: { noticeId: notice.id, deadline, ...withLang } })),
    { verb: "dismissNotice", label: "dismissNotice", data: { noticeId: notice.id, ...withLang } },
  ];
  return { type: "heldNotice", notice, posted, actions };
}
