import type { TFunction } from "i18next";
import type { PollResult } from "../../notices/sources/mail-source.ts";

/** What a poll did with files it did not record (drop folder): set aside as not a mail, or, with `waiting`, left for later. */
export function setAsideLines(p: PollResult, t: TFunction, opts: { readonly waiting: boolean }): string[] {
  return [
    ...(p.rejected ?? []).map((r) => t(`notices:drop.rejected.${r.why}`, { file: r.file, to: r.movedTo })),
    ...(opts.waiting ? (p.waiting ?? []).map((file) => t("notices:drop.waiting", { file })) : []),
  ];
}
