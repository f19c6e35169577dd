import type { Store } from "../store/store.ts";

/**
 * Whether a reminder run went through the deadline day's round for a retirement and deadline: every subscribed
 * conversation was posted to or passed over (out of scope, snoozed). On the days after, a conversation without that
 * post was then passed over on purpose; without this record it cannot be told from one no run reached (the bot was
 * down that day), which is owed the post late. Kept beside the scheduled jobs' slots: a thing that ran, once.
 */
const roundKey = (retirementId: string, deadline: string) => `reminders-deadline-day:${retirementId}:${deadline}`;

export async function markDeadlineDayRound(store: Store, retirementId: string, deadline: string, at: string): Promise<void> {
  const key = roundKey(retirementId, deadline);
  // Two replicas finishing it at once: one inserts the row, both complete it (the same fact twice).
  await store.claimJobRun(key, at);
  await store.completeJobRun(key, at);
}

export async function deadlineDayRoundRan(store: Store, retirementId: string, deadline: string): Promise<boolean> {
  return (await store.jobRunState(roundKey(retirementId, deadline))) === "completed";
}
