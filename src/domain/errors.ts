/**
 * Coded errors. The code doubles as the locale key `errors.<code>`, so every error renders in ja and en;
 * `params` fill the message's placeholders.
 */
export type ErrorCode =
  | "configInvalid"
  | "configFileUnreadable"
  | "storeLocked"
  | "storeUnavailable"
  | "armUnreachable"
  | "armAuthFailed"
  | "armForbidden"
  | "armNotFound"
  | "armThrottled"
  | "armTimeout"
  | "armServerError"
  | "armMalformedResponse"
  | "graphUnavailable"
  | "nothingScanned"
  | "staticTokenNotLoopback"
  | "unknownCommand"
  | "invalidArgument"
  | "noticeTooLarge"
  | "noticeUnreadable"
  | "noticeEmpty"
  | "noticeNotMail"
  | "retirementUnknown"
  | "checklistItemUnknown"
  | "mailSourceFailed"
  | "mailSourceNotConfigured"
  | "nothingToIngest"
  | "noticeUnknown"
  | "noticeNotInTriage"
  | "noticeReviewNotAllowed"
  | "noticeReviewUnavailable"
  | "noticeDeadlineInvalid"
  | "scanUnavailable"
  | "scanReadNothing"
  | "resourceUnknown"
  | "resourceNameUnknown"
  | "actionUnknown"
  | "unauthenticatedNotLoopback"
  | "portInUse"
  | "subscribeUnavailable"
  | "snoozeNotSubscribed"
  | "snoozeNeedsLength"
  | "snoozeNotPositive"
  | "snoozeTooLong"
  | "snoozeNoRetirement"
  | "approvalsUnavailable"
  | "upgradeTargetUnsupported"
  | "upgradeTargetAboveKind"
  | "auditNotAllowed"
  | "auditUnavailable"
  | "noScanYet"
  | "noScanYetCli"
  | "resourceGroupAmbiguous"
  | "resourceGroupUnknown"
  | "resourceGroupUnknownNear";

export class TlsbotError extends Error {
  readonly code: ErrorCode;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`${code}: ${JSON.stringify(params)}`, options);
    this.name = "TlsbotError";
    this.code = code;
    this.params = params;
  }
}

export function isTlsbotError(value: unknown): value is TlsbotError {
  return value instanceof TlsbotError;
}
