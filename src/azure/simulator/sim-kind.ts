import type { Route } from "./routes/sim-context.ts";
import type { SimResource } from "./sim-state.ts";

/**
 * A resource kind's part of the simulator, kept in the kind's folder (`<kind>-sim.ts`): its resource
 * provider's routes and its REST shape, which Resource Graph rows reuse (`properties`, `sku`).
 */
export interface SimKind {
  readonly routes: readonly Route[];
  json(r: SimResource): Record<string, unknown>;
}
