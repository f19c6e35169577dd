import type { Lang } from "./i18n.ts";
import type { ResourceRow } from "./view-model.ts";

/**
 * A view in one language, as text: what every renderer shows. Renderers only lay it out (Adaptive Card
 * columns, Block Kit sections, plain lines); they never choose wording.
 */
export interface Presented {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string | null;
  readonly columns: readonly string[] | null;
  readonly rows: readonly PresentedRow[];
  readonly facts: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly bullets: readonly string[];
  readonly notes: readonly string[];
  readonly warning: string | null;
  readonly actions: ReadonlyArray<{
    readonly title: string; readonly verb: string; readonly data: Readonly<Record<string, unknown>>;
    /** `destructive` for a change that cannot be taken back. */
    readonly style?: "positive" | "destructive";
    /** Sent without the card's inputs (a cancel must not be blocked by their validation). */
    readonly ignoreInputs?: boolean;
  }>;
  /** A dialog's inputs: an acknowledgement toggle, a typed confirmation. */
  readonly inputs: ReadonlyArray<{ readonly kind: "toggle" | "text"; readonly id: string; readonly label: string; readonly heading?: string; readonly placeholder?: string; readonly error: string }>;
  readonly tone: "default" | "good" | "warning" | "attention";
  /** Label of the per-row button where a platform needs one (Slack). */
  readonly rowActionTitle: string;
}

export interface PresentedRow {
  readonly id: string;
  readonly name: string;
  readonly where: string;
  readonly tls: string;
  readonly status: string;
  readonly statusKey: ResourceRow["status"];
  readonly deadline: string;
}
