/** Days before a deadline when channels are reminded (ARCHITECTURE: 90/30/14/7/3/1/0). */
export const MILESTONES = [90, 30, 14, 7, 3, 1, 0] as const;

/**
 * The milestone a deadline has reached: the smallest milestone not below the days left. A reminder job
 * that did not run on the exact day still sends the milestone's reminder later (it is keyed by milestone,
 * so never twice). Past deadlines get no reminder: overdue resources are in every answer already.
 */
export function currentMilestone(daysLeft: number, milestones: readonly number[] = MILESTONES): number | null {
  if (daysLeft < 0) return null;
  const reached = milestones.filter((m) => daysLeft <= m);
  return reached.length ? Math.min(...reached) : null;
}
