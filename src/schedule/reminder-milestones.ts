/** Days before a deadline when channels are reminded (ARCHITECTURE: 90/30/14/7/3/1/0). */
export const MILESTONES = [90, 30, 14, 7, 3, 1, 0] as const;

/**
 * The milestone a deadline has reached: the smallest milestone not below the days left. A reminder job
 * that did not run on the exact day still sends the milestone's reminder later (it is keyed by milestone,
 * so never twice). Past deadlines are `weeksPast`'s.
 */
export function currentMilestone(daysLeft: number, milestones: readonly number[] = MILESTONES): number | null {
  if (daysLeft < 0) return null;
  const reached = milestones.filter((m) => daysLeft <= m);
  return reached.length ? Math.min(...reached) : null;
}

/**
 * After a deadline, while resources still accept TLS 1.0/1.1, a reminder every `everyDays` (7 by
 * default): the slot is the number of days past the deadline at the last whole interval (7, 14, …), so a
 * missed run sends it later, and each slot once. Null before the first interval has passed.
 */
export function daysPastSlot(daysLeft: number, everyDays = 7): number | null {
  if (daysLeft >= 0 || everyDays < 1) return null;
  const slot = Math.floor(-daysLeft / everyDays) * everyDays;
  return slot >= everyDays ? slot : null;
}
