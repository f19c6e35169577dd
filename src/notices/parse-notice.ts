import { looksCutOff } from "./mime/cut-off-mail.ts";
import { decodeMail, type DecodedMail } from "./mime/decode-mail.ts";
import type { Confidence, Evidence, FieldConfidence, ParsedNotice } from "./notice.ts";
import { classify } from "./extract/classify.ts";
import { findLinks, findResourceIds, findSubscriptionIds, findTrackingId } from "./extract/find-identifiers.ts";
import { findNamedResourceTypes, findServices, resourceTypesOf } from "./extract/find-services.ts";
import type { DeadlineWeights } from "./extract/deadline-weights.ts";
import { pickDeadline } from "./extract/pick-deadline.ts";
import { secondOpinion, shipped, type WordingUse } from "./extract/tls-second-opinion.ts";
import { detectLanguage } from "./text/detect-language.ts";
import { detectForward } from "./text/forwarded.ts";
import { normalizeText } from "./text/normalize-text.ts";
import { DEFAULT_TRUSTED_SENDERS, judgeSender, parseAuthResults } from "./trust/sender-trust.ts";
import { RETIREMENTS } from "../catalog/lookup.ts";

export interface ParseOptions {
  readonly trustedSenders?: readonly string[];
  readonly maxBytes?: number;
  /**
   * The mail was read from a source that is itself authenticated (the organisation's own mailbox through
   * Microsoft Graph), so a listed sender without `Authentication-Results` counts as authenticated. Ingest
   * sets it from the notice's source (`authenticatedSource` in `sources/authenticated-source.ts`), never from config.
   */
  readonly authenticatedSource?: boolean;
  /** The deadline reader's weight set (`extract/deadline-weights.ts`): the hand weights unless told otherwise. */
  readonly deadlineWeights?: DeadlineWeights;
  /**
   * Whether the learned wording model (`extract/tls-second-opinion.ts`) gives its second opinion on the TLS
   * verdict; another model and thresholds may be given (tests, the trainer's validation).
   */
  readonly wordingVote?: boolean | WordingUse;
}

/** Whether the wording model votes unless a caller says otherwise. */
export const WORDING_VOTE_DEFAULT = true;

/** Parses one mail (MIME bytes, or pasted text) into a notice. Throws only for the size cap. */
export async function parseNotice(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParsedNotice> {
  const mail = await decodeMail(bytes, opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes });
  return { ...noticeFromMail(mail, opts), cutOff: looksCutOff(bytes) };
}

export function noticeFromMail(mail: DecodedMail, opts: ParseOptions = {}): ParsedNotice {
  const subject = normalizeText(mail.subject).replace(/\s+/g, " ");
  const text = normalizeText(mail.body);
  const fwd = detectForward(subject, text);
  const rules = classify(subject, text);
  // The wording model may raise a verdict the rules did not reach, or doubt one they did; either way the
  // notice goes to a person (plan-retirement.ts), so the model never moves a deadline on its own.
  const vote = opts.wordingVote ?? WORDING_VOTE_DEFAULT;
  const opinion = vote === false ? null : secondOpinion(rules.isTls, text, vote === true ? shipped() : vote);
  const cls = opinion?.raised ? { ...rules, isTls: true, isRetirement: true } : rules;
  const evidence: Record<string, Evidence> = { ...cls.evidence };
  if (opinion?.raised && opinion.evidence) evidence["isTls"] = opinion.evidence;
  const services = findServices(subject, text);
  // A service only mentioned once in passing beside a clearly dominant one is context, not the subject.
  const main = services.filter((s, i) => i === 0 || s.count * 3 >= (services[0]?.count ?? 0));
  const serviceIds = main.map((s) => s.id);
  if (services[0]) evidence["services"] = services[0].evidence;
  const tracking = findTrackingId(subject, text);
  if (tracking?.evidence) evidence["trackingId"] = tracking.evidence;
  // A Tracking ID the catalog knows names the service even when the wording does not.
  const byTracking = tracking ? RETIREMENTS.find((r) => r.trackingIds.includes(tracking.id)) : undefined;
  if (byTracking && !serviceIds.includes(byTracking.id)) serviceIds.push(byTracking.id);
  // Only a notice that retires something or asks for action has a deadline; a maintenance window's date is not one.
  const pick = cls.isRetirement || cls.actionRequired ? pickDeadline(subject, text, mail.date, cls.tls.sentences, opts.deadlineWeights) : null;
  const deadline = pick && pick.iso !== null ? pick : null;
  if (deadline && deadline.evidence.start >= 0) evidence["deadline"] = deadline.evidence;
  const resourceIds = findResourceIds(text);
  const resourceTypes = resourceTypesOf(serviceIds);
  const auth = parseAuthResults(mail.headers.get("authentication-results"));
  const trust = judgeSender(mail.from, auth, opts.trustedSenders ?? DEFAULT_TRUSTED_SENDERS, fwd.forwarded, opts.authenticatedSource ?? false);
  const fieldConfidence: FieldConfidence = {
    isTls: opinion && !opinion.agrees ? 0.3 : !cls.isTls ? 0.8 : cls.tls.verdict === "ending" || cls.tls.verdict === "continuing-until" ? 0.9 : 0.75,
    deadline: deadline?.confidence ?? 0,
    trackingId: tracking ? (tracking.labelled ? 0.95 : 0.75) : 0,
    services: byTracking || (services[0]?.count ?? 0) >= 2 ? 0.9 : services.length > 0 ? 0.6 : 0,
  };
  const confidence: Confidence = cls.isTls && deadline && (serviceIds.length > 0 || tracking) ? "high" : cls.isTls && (deadline || serviceIds.length > 0) ? "medium" : "low";
  return {
    messageId: mail.messageId,
    subject,
    from: mail.from,
    fromName: mail.fromName,
    date: mail.date,
    language: detectLanguage(`${subject}\n${text}`),
    forwarded: fwd.forwarded,
    originalFrom: fwd.originalFrom,
    isRetirement: cls.isRetirement,
    isTls: cls.isTls,
    actionRequired: cls.actionRequired,
    services: serviceIds,
    resourceTypes,
    namedResourceTypes: [...new Set([...resourceTypes, ...findNamedResourceTypes(subject, text, cls.tls.sentences)])],
    retiringResourceTypes: [...new Set([...resourceTypes, ...findNamedResourceTypes(subject, cls.tls.sentences.map((s) => s.text).join("\n"))])],
    deadline: deadline?.iso ?? null,
    ...(pick && pick.iso === null ? { deadlineCandidates: pick.candidates } : {}),
    // A day held because another reader picked another: both go to the person who decides.
    ...(pick && pick.iso !== null && pick.alternatives?.length ? { deadlineCandidates: [pick.iso, ...pick.alternatives] } : {}),
    trackingId: tracking?.id ?? null,
    subscriptionIds: findSubscriptionIds(text, resourceIds),
    resourceIds,
    links: findLinks(text),
    evidence,
    ...(opinion ? { tlsSecondOpinion: { p: opinion.p, agrees: opinion.agrees } } : {}),
    confidence,
    fieldConfidence,
    auth,
    trust,
    text,
    warnings: mail.warnings,
  };
}
