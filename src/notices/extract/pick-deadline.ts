import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";
import { DAY_MS, deadlineCandidates, mandatedBy, type Candidate, type DeadlineCandidates, type FeaturedCandidate } from "./deadline-features.ts";
import { insideSpan } from "./find-dates.ts";
import { HAND_WEIGHTS, LEARNED_WEIGHTS, scoreOf, type DeadlineWeights } from "./deadline-weights.ts";
import { scopedDays } from "./scoped-days.ts";

/** The trust threshold (`CONFIDENCE_THRESHOLD` of plan-retirement.ts): from it on, a day can move a deadline. */
const TRUSTED = 0.5;
/** Below the trust threshold: the day is shown, a person confirms it. */
const HELD_CONFIDENCE = 0.45;
/** The second reader of a day the margin-calibrated weights are sure of. */
const SECOND_READER: DeadlineWeights = LEARNED_WEIGHTS;

/** A schedule that was moved: its several dates are one retirement's history, and the last one counts. */
const MOVED = /\b(?:postpon|extend|delay|push(?:ed|ing)? (?:back|up|forward)|mov(?:ed|ing) (?:out|back|up|to)|br(?:ought|ing|inging) forward|reschedul|new date|revised)|延期|延長|前倒し|変更(?:され|し)/i;

/**
 * Days that each stand in their own sentence saying legacy TLS ends (or TLS 1.2 is required), each with a
 * "by/from/on" of its own: a notice that gives two scopes two deadlines ("NHSmail's ADFS from 30 September
 * 2022 … other tenants by 31 January 2022"), a summary of several services, a chain of forwarded notices.
 * No single day is the deadline then, unless the notice says the schedule was moved (its last day counts).
 */
function severalDeadlines(scored: ReadonlyArray<{ d: Candidate; s: number }>, text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }>): string[] | null {
  if (MOVED.test(text)) return null;
  const bySentence = new Map<number, Set<string>>();
  for (const { d } of scored) {
    if (d.partial) continue;
    const span = tlsSpans.findIndex((t) => d.start >= t.start && d.end <= t.end);
    if (span < 0) continue;
    const before = text.slice(Math.max(tlsSpans[span]!.start, d.start - 40), d.start);
    const after = text.slice(d.end, Math.min(tlsSpans[span]!.end, d.end + 20));
    // A standard's or an industry body's required day is not one of the notice's own deadlines.
    if (!CUES.deadlineWhen.some((cue) => cue.test(before) || cue.test(after)) || mandatedBy(before, after)) continue;
    bySentence.set(span, (bySentence.get(span) ?? new Set()).add(d.iso));
  }
  const days = new Set([...bySentence.values()].flatMap((s) => [...s]));
  // Two sentences with one day each, different days; a sentence listing several days is a timeline, read as before.
  const single = [...bySentence.values()].filter((s) => s.size === 1);
  if (!(single.length >= 2 && days.size >= 2 && new Set(single.map((s) => [...s][0])).size >= 2)) return null;
  // Days next to each other ("ends on May 31" / "ends on June 1") are one cut-off told two ways, the last day of the
  // old behaviour and the first of the new: not two deadlines. The best-scoring of them stands.
  return cutoffs([...days]) >= 2 ? [...days].sort() : null;
}

/** A change rolled out bit by bit over a period: "gradually", "in phases", "on a rolling basis", 順次, 段階的に. */
const ROLLOUT = /\b(?:gradual(?:ly)?|progressive(?:ly)?|on a rolling basis|in (?:phases|waves|stages|batches)|(?:one|region|tenant|customer) (?:by|after) (?:one|region|tenant|customer))\b|順次|段階的に/i;
/** What joins the two ends of a period: "1 June – 31 July", "1 June to 31 July", 「6月1日〜7月31日」「6月1日から7月31日まで」. */
const PERIOD_JOIN = /^\s*(?:\([^)]{1,6}\))?\s*(?:[-–—~〜ー－]|to|through|until|から)\s*$/i;

/**
 * The period's full days when `d` is one end of a period of days ("X – Y") in a notice that rolls the change out
 * bit by bit; null otherwise. A period without such wording (a grace period "until Y") keeps its last day.
 */
function rolloutPeriod(text: string, d: Candidate, all: readonly Candidate[]): string[] | null {
  if (!ROLLOUT.test(text)) return null;
  const joined = (a: Candidate, b: Candidate): boolean => b.start > a.end && b.start - a.end <= 16 && PERIOD_JOIN.test(text.slice(a.end, b.start));
  const other = all.find((c) => c !== d && (joined(d, c) || joined(c, d)));
  if (!other) return null;
  return [...new Set([d, other].filter((c) => !c.partial).map((c) => c.iso))].sort();
}

/** How many separate points in time the days make, counting a run of consecutive days as one. */
function cutoffs(days: readonly string[]): number {
  const sorted = [...days].sort();
  let runs = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || Date.parse(sorted[i]!) - Date.parse(sorted[i - 1]!) > DAY_MS) runs++;
  return runs;
}

/** Later wins a tie; a day beats its own month. */
const sortKey = (d: Candidate): string => (d.partial ? `${d.iso}-00` : d.iso);

/**
 * The retirement date among all dates in the notice: dates in a sentence that carries the TLS evidence and
 * dates near retirement wording win over dates near "announced"/"sent"/"portal"/"originally", the
 * subject's date and repeated dates count more, the mail's own date counts against. Ties go to the later
 * date: notices announce early milestones before the final one. When the best candidate is a month without
 * a day ("in August 2020"), there is no day to track and the deadline is null.
 */
export type DeadlinePick =
  /**
   * `alternatives`: the day a second reader picked instead (or the days it could not choose between), shown beside `iso`
   * when it is held for a person.
   */
  | { readonly iso: string; readonly evidence: Evidence; readonly confidence: number; readonly alternatives?: readonly string[] }
  /** Several days tie for the deadline (a table of retirements on different dates, a chain of notices): none is chosen. */
  | { readonly iso: null; readonly candidates: readonly string[]; readonly confidence: 0 };

/**
 * The TLS change happens on the notice's own day, in words ("as of today", 「本日 14:00 をもちまして」): its day is
 * when the notice was written, which a pasted text does not give. Days outside the TLS sentences then belong to
 * other news in the same text (another post, another API change).
 */
const TODAY = [/\b(?:as of|starting|from|effective|beginning|since) today\b/i, /本日(?:\s*\d{1,2}\s*[:時]\s*\d{0,2}\s*分?)?\s*(?:を\s*もち|をもって|より|から|以降|付けで|付で)/];

export function pickDeadline(subject: string, text: string, mailDate: string | null, tlsSpans: ReadonlyArray<{ start: number; end: number }> = [], weights: DeadlineWeights = HAND_WEIGHTS): DeadlinePick | null {
  // The margin-calibrated (hand) weights are second-read; a learned set's own probability threshold is its check.
  return pickFromFound(deadlineCandidates(subject, text, mailDate, tlsSpans), text, tlsSpans, weights, weights.confidence.kind === "margin" ? SECOND_READER : undefined);
}

/**
 * The pick from a notice's candidates, already found (the trainer reads each tuning text's candidates once, and scores
 * each weight set on its own: it passes no `secondReader`).
 */
export function pickFromFound(found: DeadlineCandidates, text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }>, weights: DeadlineWeights, secondReader?: DeadlineWeights): DeadlinePick | null {
  if (found.kind === "none") return null;
  if (found.kind === "subject") return { iso: found.date.iso, evidence: { text: found.date.text, start: -1, end: -1 }, confidence: 0.8 };
  // A day that holds no more (pushed out, or a brownout's test before the permanent day) is no scope's deadline.
  const scoped = scopedDays(text, tlsSpans, found.candidates.filter((c) => c.f.voided === 0).map((c) => c.d));
  if (scoped) return { iso: null, candidates: scoped, confidence: 0 };
  const today = tlsSpans.some((t) => TODAY.some((re) => re.test(text.slice(t.start, t.end))));
  const candidates = today ? found.candidates.filter((c) => insideSpan(c.d, tlsSpans)) : found.candidates;
  const pick = pickFromCandidates(candidates, text, tlsSpans, weights);
  // A day the hand weights are sure of moves a deadline only if the ranker learned from the tuning notices picks the
  // same day from the same candidates: two readers weighing the evidence differently rarely agree on a wrong day.
  // On the held-out notices this held 2 of 11 wrong days that were trusted, and 1 of 66 right ones.
  if (secondReader && pick && pick.iso !== null && pick.confidence >= TRUSTED) {
    const second = pickFromCandidates(candidates, text, tlsSpans, secondReader);
    if (second?.iso !== pick.iso) {
      // The person deciding sees the other reader's day, or the days it could not choose between (this one left out).
      const alternatives = !second ? [] : second.iso !== null ? [second.iso] : second.candidates.filter((d) => d !== pick.iso);
      return { ...pick, confidence: HELD_CONFIDENCE, alternatives };
    }
  }
  return pick;
}

/** The model's probability of each day: a softmax over every date of the notice and "no deadline here" (score 0). */
export function dayProbability(scored: ReadonlyArray<{ d: Candidate; s: number }>, iso: string): number {
  const top = Math.max(0, ...scored.map((c) => c.s));
  let all = Math.exp(-top);
  let mine = 0;
  for (const c of scored) {
    const e = Math.exp(c.s - top);
    all += e;
    if (!c.d.partial && c.d.iso === iso) mine += e;
  }
  return mine / all;
}

/** The pick among a notice's dated candidates under one weight set. */
export function pickFromCandidates(candidates: readonly FeaturedCandidate[], text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }>, weights: DeadlineWeights): DeadlinePick | null {
  let best: { d: Candidate; s: number } | null = null;
  const scored = candidates.map(({ d, f }) => ({ d, s: scoreOf(f, weights.weights) }));
  for (const c of scored) if (!best || c.s > best.s || (c.s === best.s && sortKey(c.d) > sortKey(best.d))) best = c;
  // A month that wins ("postponed until August 2025") is made precise by a day of that month the notice
  // also gives with retirement wording ("by 31 August 2025"): same point in time, now with its day. A day
  // after that month with such wording is the schedule's last, precise step ("support ended in October
  // 2020 … fully disabled on 31 January 2022"; "planned for September 2024, extended … from August 31,
  // 2025"): a month says when something began, the day is what a reminder can count down to. A day before
  // the month (when the notice was sent) never replaces it.
  // A day without its year ("the grace period ends on 21st of August") is made precise only by that day
  // written in full elsewhere in the notice.
  // A part of a year that wins ("TLS 1.0 … is retiring by Fall 2023", 「2017年初頭に…無効化」) gives no day; the one day the
  // notice gives inside it (a schedule's row "Production: March 4, 2017" under "in early 2017, … will disable TLS 1.0")
  // is that part's day, however bare its line: reported, but held for a person. A day outside it is another matter's.
  if (best?.d.vague) {
    const within = best.d.within;
    if (!within || best.s <= 0) return null;
    // A month the notice names for the change inside that part ("by the end of 2027 … in December 2027", 「2027年末まで…2027年12月に」)
    // says which part of it is meant: a day outside that month (a reply's date in October) is another matter's.
    const months = scored.filter((c) => c.d.partial && !c.d.vague && !c.d.yearless && c.s > 0 && c.d.iso >= within[0].slice(0, 7) && c.d.iso <= within[1].slice(0, 7)).map((c) => c.d.iso);
    const inside = scored.filter((c) => !c.d.partial && c.s >= 0 && c.d.iso >= within[0] && c.d.iso <= within[1] && (months.length === 0 || months.includes(c.d.iso.slice(0, 7))));
    const day = inside[0];
    if (!day || new Set(inside.map((c) => c.d.iso)).size !== 1) return null;
    return { iso: day.d.iso, evidence: { text: day.d.text, start: day.d.start, end: day.d.end }, confidence: HELD_CONFIDENCE };
  }
  if (best?.d.yearless) {
    const monthDay = best.d.iso;
    const full = scored.filter((c) => !c.d.partial && c.s > 0 && c.d.iso.slice(5) === monthDay);
    const day = full.reduce<{ d: Candidate; s: number } | null>((a, c) => (!a || c.s > a.s ? c : a), null);
    if (day) best = day;
  } else if (best?.d.partial) {
    const month = best.d.iso;
    const days = scored.filter((c) => !c.d.partial && c.s > 0 && c.d.iso.slice(0, 7) >= month);
    const day = days.reduce<{ d: Candidate; s: number } | null>((a, c) => (!a || c.s > a.s || (c.s === a.s && c.d.iso > a.d.iso) ? c : a), null);
    if (day) best = day;
  }
  // A date with no retirement wording around it (an invoice period, a signature) is not a deadline.
  if (!best || best.s <= 0 || best.d.partial) return null;
  // A day that opens or closes a period over which the change is rolled out bit by bit ("19 June – 31 July, customers'
  // environments are updated in turn", 「6 月 19 日ー 7 月 31 日 … 順次更新」) is one end of a window: the change reaches a
  // customer somewhere inside it, on no day the notice can name. The period's full days go to a person.
  const period = rolloutPeriod(text, best.d, scored.map((c) => c.d));
  if (period) return { iso: null, candidates: period, confidence: 0 };
  // A day without its year that scores exactly as high as the winning day ("from 11 September" in a news report beside
  // a standard's dated requirement) carries the same evidence for another day, whose year is a guess: which one the
  // notice points at is for a person to read (the full days are its candidates).
  const lead = best;
  if (scored.some((c) => c.d.yearless && c.s === lead.s && c.d.iso !== lead.d.iso.slice(5))) {
    const full = [...new Set(scored.filter((c) => !c.d.partial && c.s === lead.s).map((c) => c.d.iso))].sort();
    return { iso: null, candidates: full, confidence: 0 };
  }
  const top = best.s;
  // Only days that compete with the winner count: one standing 3 above the rest is sure (as calibrated below).
  const several = severalDeadlines(scored.filter((c) => c.s > top - weights.competeMargin), text, tlsSpans);
  if (several) return { iso: null, candidates: several, confidence: 0 };
  const winner = best;
  // Sure when the date stands well above every other day it could be; a close runner-up means several
  // notices or milestones compete (a forwarded chain, a timeline) and a person should choose.
  const runnerUp = Math.max(-Infinity, ...scored.filter((c) => c.d.iso !== winner.d.iso).map((c) => c.s));
  const margin = winner.s - runnerUp;
  // Days that score exactly alike carry the same evidence: picking the later one would be a guess.
  if (margin <= 0) {
    const tied = [...new Set(scored.filter((c) => c.s === winner.s && !c.d.partial).map((c) => c.d.iso))].sort();
    if (tied.length > 1) return { iso: null, candidates: tied, confidence: 0 };
  }
  const evidence = { text: winner.d.text, start: winner.d.start, end: winner.d.end };
  if (weights.confidence.kind === "probability") {
    // A learned ranker's probability is its confidence; below its threshold the day is reported but held for a
    // person (kept under the 0.5 trust threshold), above it the probability itself is reported.
    const p = dayProbability(scored, winner.d.iso);
    return { iso: winner.d.iso, evidence, confidence: p >= weights.confidence.threshold ? p : Math.min(p, HELD_CONFIDENCE) };
  }
  // Calibrated on the tuning part of the real notices: 34 of its 36 dated deadlines stand ≥ 1.5 above the
  // next day. A narrower lead is still reported, but below the trust threshold, so a person confirms it
  // before it moves reminders.
  const confidence = margin >= 3 ? 0.95 : margin >= 1.5 ? 0.8 : margin > 0 ? HELD_CONFIDENCE : 0.4;
  return { iso: winner.d.iso, evidence, confidence };
}
