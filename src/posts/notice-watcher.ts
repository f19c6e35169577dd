import type { Store } from "../store/store.ts";
import { decidedNoticePost, heldNoticePost, noticeBroadcast } from "./notice-broadcast.ts";
import type { Poster } from "./poster.ts";

const CURSOR = "proactive:notices";
/** Looked at again on the next run: a notice another replica stored a moment before this one's clock. */
const OVERLAP_MS = 60_000;
/** How long after a decision a held card is still replaced: a conversation gone or a platform turned off stops there. */
const REPLACE_FOR_MS = 7 * 24 * 3_600_000;
/** A card that cannot be replaced (deleted by a user) is tried this often, not every round for a week. */
const REPLACE_ATTEMPTS = 10;

/**
 * Posts every notice decided since the last call that moved a deadline or waits for a person — whoever ingested it
 * (`tlsbot ingest` on a shell, another replica's poll, a retry, a reviewer's accept) — and replaces the card of a held
 * notice that has been decided since, wherever it was posted. The keys are those of the post made at ingest time, so
 * nothing is posted twice. The first call only remembers the time: installing the bot does not
 * replay old notices into channels.
 */
export async function postNewNotices(store: Store, poster: Poster, now: () => Date): Promise<number> {
  const at = now();
  const cursor = await store.getCursor(CURSOR);
  await store.setCursor(CURSOR, at.toISOString(), at.toISOString());
  if (cursor === null) return 0;
  const updatedSince = new Date(Date.parse(cursor) - OVERLAP_MS).toISOString();
  let sent = 0;
  const changed = await store.listNotices({ status: ["applied", "triage"], limit: 200, updatedSince });
  // Oldest first, as they happened.
  for (const notice of changed.reverse()) {
    if (notice.status === "triage") {
      const build = heldNoticePost({ notice });
      if (build) sent += (await poster.post(`notice-held:${notice.id}`, build)).sent;
    } else {
      const build = await noticeBroadcast(store, { notice }, at);
      if (build) sent += (await poster.post(`notice:${notice.id}`, build)).sent;
    }
  }
  // A held notice's card left with its buttons would invite a second decision: once decided, it says what was
  // decided, by whom, in place. Found through the cards delivered, not this round's window of notices: a card another
  // replica was still sending when the notice was decided, or a replacement that failed, is replaced on a later round.
  const decidedSince = new Date(at.getTime() - REPLACE_FOR_MS).toISOString();
  const cards = await store.listHeldPostsToReplace({ decidedSince, heldPrefix: "notice-held:", replacedPrefix: "notice-decided:", maxAttempts: REPLACE_ATTEMPTS });
  for (const id of new Set(cards.map((c) => c.noticeId))) {
    const notice = await store.getNotice(id);
    const build = notice ? await decidedNoticePost(store, notice, at) : null;
    if (build) sent += (await poster.replace(`notice-decided:${id}`, cards.filter((c) => c.noticeId === id), build)).sent;
  }
  return sent;
}
