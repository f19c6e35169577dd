import { effectiveTls, type TlsRule } from "./effective-tls.ts";
import { findingStatus } from "./finding-status.ts";
import type { Finding, ObservedResource } from "./resource.ts";
import { configuredVersion } from "./tls-version.ts";

export interface ApplicableRetirement {
  readonly id: string;
  readonly deadline: string;
}

/**
 * Applies the domain rules to what a scan observed, with the resource kind's TLS rule passed in.
 * Pure: the clock is passed in.
 */
export function evaluateFinding(observed: ObservedResource, retirement: ApplicableRetirement | null, now: Date, rule: TlsRule): Finding {
  const { effectiveTls: eff, reason } = effectiveTls(observed, rule);
  const deadline = retirement?.deadline ?? null;
  return {
    ...observed,
    configuredTls: configuredVersion(rule.parse(observed.rawTls)),
    effectiveTls: eff,
    status: findingStatus(eff, deadline, now),
    deadline,
    retirementId: retirement?.id ?? null,
    reason,
  };
}
