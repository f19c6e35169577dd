import { translator } from "../i18n.ts";
import type { Presented } from "../present.ts";
import { escapeMrkdwn, mrkdwn, type Block } from "./render-block-kit.ts";

/** Slack's limits for modals (views.open, Block Kit reference). */
export const MODAL_LIMITS = { blocks: 100, title: 24, button: 24, privateMetadata: 3000, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000, label: 2000, optionText: 75, placeholder: 150, contextElements: 10 } as const;

export const APPROVAL_CALLBACK_ID = "tlsbotApproval";

/** What the modal carries back on submission: the dialog's action data and the message it came from. */
export interface ApprovalMetadata {
  readonly approvalId: string;
  readonly token: string;
  readonly resourceId: string;
  readonly target: string;
  readonly lang: "ja" | "en";
  /** The channel the approval was asked in: the conversation the token is bound to. */
  readonly channel: string;
  /** The message the button was on (updated with the result), or null (then the result is posted). */
  readonly messageTs: string | null;
}

export type ModalView = Record<string, unknown> & { blocks: Block[]; private_metadata: string };

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const plain = (text: string, max: number) => ({ type: "plain_text", text: clip(text, max), emoji: true });
const section = (text: string): Block => ({ type: "section", text: mrkdwn(clip(text, MODAL_LIMITS.sectionText)) });

/** The dialog's confirmation data (the action that sends the inputs), as the modal must carry it back. */
export function confirmDataOf(p: Presented): Omit<ApprovalMetadata, "channel" | "messageTs"> | null {
  const d = p.actions.find((a) => !a.ignoreInputs)?.data;
  const s = (k: string) => (typeof d?.[k] === "string" ? (d[k] as string) : null);
  const [approvalId, token, resourceId, target] = [s("approvalId"), s("token"), s("resourceId"), s("target")];
  if (!approvalId || !token || !resourceId || !target) return null;
  return { approvalId, token, resourceId, target, lang: d?.["lang"] === "ja" ? "ja" : p.lang };
}

/** Reads what `renderApprovalModal` stored, refusing anything it could not have written. */
export function parseApprovalMetadata(raw: string): ApprovalMetadata | null {
  if (raw.length > MODAL_LIMITS.privateMetadata) return null;
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!m || typeof m !== "object" || Array.isArray(m)) return null;
  const s = (k: string) => (typeof m[k] === "string" && (m[k] as string).length > 0 ? (m[k] as string) : null);
  const [approvalId, token, resourceId, target, channel] = [s("approvalId"), s("token"), s("resourceId"), s("target"), s("channel")];
  const messageTs = m["messageTs"] === null ? null : s("messageTs");
  if (!approvalId || !token || !resourceId || !target || !channel || !/^[A-Z0-9]{2,32}$/.test(channel)) return null;
  if (messageTs !== null && !/^\d{1,12}\.\d{1,8}$/.test(messageTs)) return null;
  return { approvalId, token, resourceId, target, lang: m["lang"] === "ja" ? "ja" : "en", channel, messageTs };
}

/**
 * A presented approval dialog as a Slack modal: what will change, the warning, side effects and evidence
 * as sections, then the acknowledgement (checkboxes) and the typed name (plain text) as input blocks
 * whose block ids are the dialog's input ids, so validation errors land on the right field.
 */
export function renderApprovalModal(p: Presented, where: Pick<ApprovalMetadata, "channel" | "messageTs">): ModalView {
  const t = translator(p.lang);
  const data = confirmDataOf(p);
  if (!data) throw new Error("renderApprovalModal: the presented view is not an approval dialog");
  const metadata = JSON.stringify({ ...data, channel: where.channel, messageTs: where.messageTs });
  // Ids are bounded (resource ids ≤ 400), so this only fails on a bug, never on user input.
  if (metadata.length > MODAL_LIMITS.privateMetadata) throw new Error("renderApprovalModal: private_metadata over 3000 characters");

  const info: Block[] = [{ type: "header", text: plain(p.title, MODAL_LIMITS.headerText) }];
  if (p.warning) info.push(section(`:warning: *${escapeMrkdwn(p.warning)}*`));
  if (p.subtitle) info.push({ type: "context", elements: [mrkdwn(clip(escapeMrkdwn(p.subtitle), MODAL_LIMITS.fieldText))] });
  if (p.facts.length) {
    info.push({ type: "section", fields: p.facts.slice(0, MODAL_LIMITS.fields).map((f) => mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, MODAL_LIMITS.fieldText))) });
    for (const f of p.facts.slice(MODAL_LIMITS.fields)) info.push(section(`*${escapeMrkdwn(f.label)}*: ${escapeMrkdwn(f.value)}`));
  }
  // One section per side effect or piece of evidence: each is a thing to weigh, not a line in a list.
  for (const b of p.bullets) info.push(section(`• ${escapeMrkdwn(b)}`));
  if (p.notes.length) info.push({ type: "context", elements: p.notes.slice(0, MODAL_LIMITS.contextElements).map((n) => mrkdwn(clip(escapeMrkdwn(n), MODAL_LIMITS.fieldText))) });

  const inputs: Block[] = p.inputs.map((i) => (i.kind === "toggle"
    ? {
      type: "input", block_id: i.id, label: plain(i.heading ?? i.label, MODAL_LIMITS.label),
      ...(i.label.length > MODAL_LIMITS.optionText ? { hint: plain(i.label, MODAL_LIMITS.label) } : {}),
      element: { type: "checkboxes", action_id: i.id, options: [{ text: plain(i.label, MODAL_LIMITS.optionText), value: "true" }] },
    }
    : {
      type: "input", block_id: i.id, label: plain(i.label, MODAL_LIMITS.label),
      element: { type: "plain_text_input", action_id: i.id, max_length: 300, ...(i.placeholder ? { placeholder: plain(i.placeholder, MODAL_LIMITS.placeholder) } : {}) },
    }));

  const confirm = p.actions.find((a) => !a.ignoreInputs)?.title ?? "";
  const cancel = p.actions.find((a) => a.ignoreInputs)?.title ?? t("approvals:modal.close");
  return {
    type: "modal",
    callback_id: APPROVAL_CALLBACK_ID,
    title: plain(t("approvals:modal.title"), MODAL_LIMITS.title),
    // A button label that does not fit is replaced by a short one rather than cut mid-word.
    submit: plain(confirm && confirm.length <= MODAL_LIMITS.button ? confirm : t("approvals:modal.submit"), MODAL_LIMITS.button),
    close: plain(cancel.length <= MODAL_LIMITS.button ? cancel : t("approvals:modal.close"), MODAL_LIMITS.button),
    // The inputs always fit: what gives way to the 100-block limit is the information above them.
    blocks: [...info.slice(0, MODAL_LIMITS.blocks - inputs.length), ...inputs],
    private_metadata: metadata,
    notify_on_close: false,
  };
}

/** Which input block a dialog's problem belongs to (the block ids are the input ids). */
export function problemInput(problem: string | null | undefined): "ack" | "typedName" | null {
  return problem === "ackMissing" ? "ack" : problem === "nameMismatch" ? "typedName" : null;
}

/** The message an approval's result will replace, posted when the modal was not opened from one. */
export function workingMessage(lang: "ja" | "en"): { text: string; blocks: Block[] } {
  const text = translator(lang)("approvals:modal.working");
  return { text, blocks: [{ type: "context", elements: [mrkdwn(`:hourglass_flowing_sand: ${escapeMrkdwn(text)}`)] }] };
}
