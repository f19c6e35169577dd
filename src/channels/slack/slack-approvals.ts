import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Command } from "../../conversation/command.ts";
import type { Reply } from "../../conversation/engine.ts";
import { present, type Presented } from "../../render/present.ts";
import { renderBlockKit } from "../../render/slack/render-block-kit.ts";
import { APPROVAL_CALLBACK_ID, parseApprovalMetadata, problemInput, renderApprovalModal, workingMessage, type ApprovalMetadata } from "../../render/slack/render-modal.ts";
import { messageWrites } from "./message-writes.ts";

/** Runs one engine command for a Slack user in a channel (recording the channel, reading the user's locale). */
export type SlackCommand = (client: WebClient, who: { user: string; channel: string; team: string | undefined }, extra: Pick<Command, "text" | "action" | "replyTarget">) => Promise<Reply>;

/**
 * Slack wants the answer to a submission within 3 s, and Bolt gives up at 2.5 s; past this the modal is
 * closed and the answer goes to the message instead.
 */
const SUBMIT_DEADLINE_MS = 2000;

export const presentReply = (reply: Reply): Presented => present(reply.view, reply.lang, reply.timeZone ? { timeZone: reply.timeZone } : {});
export const blocksOf = (reply: Reply) => renderBlockKit([presentReply(reply)]);

async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Slack side of an upgrade approval: the dialog opens as a modal (inputs cannot live in a message),
 * its submission becomes the engine's `confirmUpgrade`, and the answer replaces the message the button
 * was on — the same message the workflow later updates as the upgrade finishes.
 */
export function approvalModals(app: App, command: SlackCommand, onError: (err: unknown) => void) {
  const writes = messageWrites(app);
  /** Opens the dialog as a modal; false when Slack refused (an expired trigger), so the caller can post it. */
  async function open(client: WebClient, triggerId: string, reply: Reply, where: Pick<ApprovalMetadata, "channel" | "messageTs">): Promise<boolean> {
    try {
      await client.views.open({ trigger_id: triggerId, view: renderApprovalModal(presentReply(reply), where) as never });
      return true;
    } catch (err) {
      onError(err);
      return false;
    }
  }

  /**
   * Where things stand replaces the message (unless the workflow has updated it since the answer was asked
   * for); a refusal or an error is the submitter's alone, so the card stays as it is for everyone else.
   */
  async function show(client: WebClient, user: string, channel: string, ts: string | null, placeholder: boolean, seen: number, reply: Reply) {
    const { text, blocks } = blocksOf(reply);
    const shared = reply.view.type === "approvalStatus" || (reply.view.type === "approvalDialog" && !reply.view.problem);
    if (!shared) {
      if (placeholder && ts) await client.chat.delete({ channel, ts }).catch(onError);
      await client.chat.postEphemeral({ channel, user, text, blocks: blocks as never });
      return;
    }
    if (!ts) {
      await client.chat.postMessage({ channel, text, blocks: blocks as never });
      return;
    }
    if (writes.version(channel, ts) !== seen) return;
    writes.touch(channel, ts);
    await client.chat.update({ channel, ts, text, blocks: blocks as never });
  }

  app.view(APPROVAL_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const meta = parseApprovalMetadata(view.private_metadata);
    if (!meta) {
      await ack();
      onError(new Error("a Slack approval modal came back without valid private_metadata; ignored"));
      return;
    }
    const values = view.state.values;
    const ticked = values["ack"]?.["ack"]?.selected_options?.some((o) => o.value === "true") ?? false;
    const typedName = values["typedName"]?.["typedName"]?.value ?? "";
    const who = { user: body.user.id, channel: meta.channel, team: body.team?.id };
    // Later changes (applying → done) update the message the approval points at; without one (a slash
    // command, an ephemeral card) a message is posted first so that there is one.
    let ts = meta.messageTs;
    let placeholder = false;
    if (!ts) {
      try {
        const posted = await client.chat.postMessage({ channel: meta.channel, ...workingMessage(meta.lang) });
        ts = posted.ts ?? null;
        placeholder = ts !== null;
      } catch (err) {
        onError(err);
      }
    }
    const seen = ts ? writes.version(meta.channel, ts) : 0;
    const data = { approvalId: meta.approvalId, token: meta.token, resourceId: meta.resourceId, target: meta.target, lang: meta.lang, ack: ticked ? "true" : "false", typedName };
    // The conversation is the channel the modal was opened for, never anything the submitter chose.
    const pending = command(client, who, { action: { verb: "confirmUpgrade", data }, replyTarget: ts });
    const quick = await within(pending, SUBMIT_DEADLINE_MS);
    if (quick?.view.type === "approvalDialog" && quick.view.problem) {
      const p = presentReply(quick);
      const input = problemInput(quick.view.problem);
      // A missing tick or a typo keeps the modal (and its token) as it is; a changed resource comes with
      // a new token, so the modal is replaced by the new dialog.
      await ack(input
        ? { response_action: "errors", errors: { [input]: p.inputs.find((i) => i.id === input)?.error ?? p.warning ?? "" } }
        : { response_action: "update", view: renderApprovalModal(p, { channel: meta.channel, messageTs: meta.messageTs }) as never });
      if (placeholder && ts) await client.chat.delete({ channel: meta.channel, ts }).catch(onError);
      return;
    }
    await ack();
    await show(client, who.user, meta.channel, ts, placeholder, seen, quick ?? (await pending));
  });

  return { open };
}

export type ApprovalModals = ReturnType<typeof approvalModals>;
