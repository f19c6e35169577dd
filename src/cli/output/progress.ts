import type { TFunction } from "i18next";
import type { ScanProgress } from "../../azure/scan/run-scan.ts";
import type { OutputStream } from "../cli-io.ts";

/** A one-line progress indicator on a terminal's stderr; silent when stderr is not a TTY (pipes, CI). */
export function progressReporter(stream: OutputStream, t: TFunction): { update: (e: ScanProgress) => void; done: () => void } | null {
  if (!stream.isTTY) return null;
  let rows = 0;
  let shown = false;
  const show = (text: string) => {
    stream.write(`\r\x1b[2K${text}`);
    shown = true;
  };
  return {
    update(e) {
      if (e.phase === "subscriptions") show(t("scan:progress.subscriptions", { count: e.total }));
      else if (e.phase === "subscription-done") show(t("scan:progress.subscriptionDone", { done: e.done, total: e.total }));
      else show(t("scan:progress.graph", { rows: (rows += e.rows) }));
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
