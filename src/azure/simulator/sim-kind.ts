import type { Route } from "./routes/sim-context.ts";
import type { SimResource } from "./sim-state.ts";
import type { EffectiveTls } from "../../domain/tls-version.ts";

/**
 * A resource kind's part of the simulator, kept in the kind's folder (`<kind>-sim.ts`): its resource
 * provider's routes and its REST shape, which Resource Graph rows reuse (`properties`, `sku`).
 */
export interface SimKind {
  readonly routes: readonly Route[];
  json(r: SimResource): Record<string, unknown>;
  /**
   * Rows this kind's resources add to Resource Graph tables other than `Resources` (lower-case table name →
   * the row for one resource, or null when Graph has none for it), e.g. App Service's config/web rows in
   * `appserviceresources`.
   */
  readonly graphTables?: Readonly<Record<string, (r: SimResource, tenantId: string) => Record<string, unknown> | null>>;
  /**
   * Resources of this kind covering every spelling of its setting and the unset case, with what tlsbot
   * must conclude from each; the shared kind contract test (test/azure/kinds/) scans them through the
   * real SDK, on both scan paths, and upgrades the first at-risk one through the approval workflow.
   */
  readonly samples: readonly SimSample[];
}

export interface SimSample {
  readonly name: string;
  /** One of the kind's ARM types; the first when absent. */
  readonly type?: string;
  readonly properties: Record<string, unknown>;
  readonly createdTime?: string;
  /** What the scan must report: the effective version and the reason key under `scan:reason.`. */
  readonly expect: { readonly effectiveTls: EffectiveTls; readonly reason: string };
}
