import { effectiveTls } from "./effective-tls.ts";
import { findingStatus } from "./finding-status.ts";
import type { Finding, ObservedResource } from "./resource.ts";
import { configuredVersion, parseTlsVersion } from "./tls-version.ts";

export interface ApplicableRetirement {
  readonly id: string;
  readonly deadline: string;
}

/** Applies the domain rules to what a scan observed. Pure: the clock is passed in. */
export function evaluateFinding(observed: ObservedResource, retirement: ApplicableRetirement | null, now: Date): Finding {
  const { effectiveTls: eff, reason } = effectiveTls(observed);
  const deadline = retirement?.deadline ?? null;
  return {
    ...observed,
    configuredTls: configuredVersion(parseTlsVersion(observed.rawTls)),
    effectiveTls: eff,
    status: findingStatus(eff, deadline, now),
    deadline,
    retirementId: retirement?.id ?? null,
    reason,
  };
}
