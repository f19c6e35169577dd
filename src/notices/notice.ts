/** Where in the notice's normalised text a field was found, so a card can quote it. */
export interface Evidence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type NoticeLanguage = "ja" | "en" | "unknown";
export type Confidence = "high" | "medium" | "low";

/**
 * How sure the reader is of each field, 0…1: the TLS verdict (an ending verb beside legacy TLS is surer than
 * a requirement with a date), the deadline (how far the chosen date stands above the next candidate), the
 * Tracking ID (labelled, or only marked as an ID) and the services (named in the subject or repeatedly, or
 * once in passing).
 */
export interface FieldConfidence {
  readonly isTls: number;
  readonly deadline: number;
  readonly trackingId: number;
  readonly services: number;
}

export interface AuthResults {
  readonly present: boolean;
  readonly dkim: string | null;
  /** The domain that signed (header.d), when DKIM passed. */
  readonly dkimDomain: string | null;
  readonly spf: string | null;
  readonly dmarc: string | null;
}

export interface SenderTrust {
  /** A listed sender with nothing against it: may create a retirement, confirm or bring a deadline forward. */
  readonly trusted: boolean;
  /**
   * Whether the trust rests on evidence rather than on the From address alone: `Authentication-Results`
   * passing for the sender's domain, a source that is itself authenticated (the organisation's own mailbox
   * read through Microsoft Graph, Service Health read from Azure), or an operator who reviewed it. Only an
   * authenticated notice may postpone a deadline; a sender-only one (a listed address, no evidence) goes to
   * review instead. Always false when `trusted` is false.
   */
  readonly authenticated: boolean;
  /** Locale key under `notices:trust.` explaining the verdict. */
  readonly reason: string;
}

/** Everything tlsbot read from one mail or advisory. Pure data: nothing has been applied yet. */
export interface ParsedNotice {
  readonly messageId: string | null;
  readonly subject: string;
  /** The sender address of the mail as received (a forwarder's, for a forwarded mail). */
  readonly from: string | null;
  readonly fromName: string | null;
  readonly date: string | null;
  readonly language: NoticeLanguage;
  readonly forwarded: boolean;
  /** The original sender named in a forwarded mail's quoted header (informational: not verifiable). */
  readonly originalFrom: string | null;
  readonly isRetirement: boolean;
  readonly isTls: boolean;
  readonly actionRequired: boolean;
  /** Catalog retirement ids of the services the notice names. */
  readonly services: readonly string[];
  /** ARM types of the catalog services named (what a scan checks for this retirement). */
  readonly resourceTypes: readonly string[];
  /**
   * Every ARM type the notice names, `resourceTypes` included: also those of services the catalog has no
   * TLS retirement for, and types written out. Informational: it never creates a catalog retirement.
   */
  readonly namedResourceTypes: readonly string[];
  /**
   * The ARM types named where the notice says TLS ends — its subject and those sentences — with the catalog's: what a
   * retirement this notice creates (one the catalog lacks) applies to. Narrower than `namedResourceTypes`, which also
   * holds services mentioned in passing ("see also Key Vault").
   */
  readonly retiringResourceTypes: readonly string[];
  /** `YYYY-MM-DD`: the retirement date, not an announcement or a portal date. */
  readonly deadline: string | null;
  /**
   * When the notice gives several days for the same ending (a table of retirements on different dates, a
   * chain of forwarded notices) and none stands above the others: those days, and `deadline` is null. A
   * person chooses; the reader does not guess. When `deadline` is held for a person because the second
   * deadline reader picked another day: `deadline` first, then that day.
   */
  readonly deadlineCandidates?: readonly string[];
  readonly trackingId: string | null;
  readonly subscriptionIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly links: readonly string[];
  readonly evidence: Readonly<Record<string, Evidence>>;
  readonly confidence: Confidence;
  readonly fieldConfidence: FieldConfidence;
  /**
   * The learned wording model's second opinion on the TLS verdict (`p`: its probability that the notice
   * retires legacy TLS). When it disagrees with the rules, `isTls` is true and the notice goes to a person.
   */
  readonly tlsSecondOpinion?: { readonly p: number; readonly agrees: boolean };
  readonly auth: AuthResults;
  readonly trust: SenderTrust;
  /** The normalised text the evidence offsets point into. */
  readonly text: string;
  /** Problems that did not stop parsing (an attachment dropped, a charset guessed). */
  readonly warnings: readonly string[];
  /**
   * The mail looks cut off before its end (`mime/cut-off-mail.ts`): whatever was read may be missing what the rest
   * said. Absent for advisories, which come whole from Azure.
   */
  readonly cutOff?: boolean;
}
